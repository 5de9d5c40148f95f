//! State names that are also a city of another state (`data/geo/contested.tsv`: عمان is Oman,
//! and Amman in Jordan): the bare name reads as the city where the document names the city's
//! state more often than the state.

use super::{choose, Ent};
use hadath_geo::{Gazetteer, Place, Rules};
use std::collections::HashMap;

/// For each mention, the city it reads as, with the reason; `None` for every mention that
/// keeps its reading.
pub(super) fn contested_cities(
    gaz: &Gazetteer,
    rules: &Rules,
    text: &str,
    ents: &[Ent],
    doc: &HashMap<String, usize>,
) -> Vec<Option<(Place, String)>> {
    let mut out = vec![None; ents.len()];
    let found: Vec<(usize, String)> = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.country && !e.inner && !e.pseudo && e.place_as.is_none())
        .map(|(i, e)| (i, hadath_text::fold_key(&text[e.src.clone()])))
        .filter(|(i, k)| {
            rules
                .contested(k)
                .is_some_and(|c| ents[*i].code.as_deref() == Some(c.state.as_str()))
        })
        .collect();
    if found.is_empty() {
        return out;
    }
    // the mentions of each state, the contested names themselves left out
    let mut bare: HashMap<&str, usize> = HashMap::new();
    for (i, _) in &found {
        *bare
            .entry(ents[*i].code.as_deref().unwrap_or(""))
            .or_default() += 1;
    }
    let named = |c: &str| doc.get(c).copied().unwrap_or(0) - bare.get(c).copied().unwrap_or(0);
    for (i, key) in found {
        let Some(c) = rules.contested(&key) else {
            continue;
        };
        if named(&c.city_state) <= named(&c.state) {
            continue;
        }
        let cands = gaz.lookup(&key);
        if let Some((p, why)) = choose(&cands, doc, Some(&c.city_state)) {
            out[i] = Some((p.clone(), format!("{}; gazetteer: {why}", c.why)));
        }
    }
    out
}

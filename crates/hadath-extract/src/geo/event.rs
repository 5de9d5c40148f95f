//! Where an event happened, from the places and states around it.

use super::Ent;
use hadath_core::GeoPrecision;

/// Where an event happened: the place its clause names (`found`, from the roles), else a
/// place with coordinates inside its evidence, else the one state all its coded parties share,
/// or that its recipients share. The mention's index, and a reason when it was not `found`.
pub(crate) fn event_place(
    found: Option<usize>,
    evidence: &std::ops::Range<usize>,
    parties: &[usize],
    recipients: &[usize],
    ents: &[Ent],
) -> Option<(usize, Option<String>)> {
    let lo = ents.partition_point(|e| e.src.start < evidence.start);
    // a place with coordinates in the clause; when the roles gave a whole state, one inside it
    let coarse = found.and_then(|i| {
        let g = ents[i].geo.as_ref();
        (g.is_none() || g.is_some_and(|g| g.precision == GeoPrecision::Country))
            .then(|| ents[i].code.clone())
    });
    if let Some(i) = found.filter(|_| coarse.is_none()) {
        return Some((i, None));
    }
    if let Some(i) = (lo..ents.len())
        .take_while(|&i| ents[i].src.start < evidence.end)
        .find(|&i| {
            let e = &ents[i];
            e.place
                && e.src.end <= evidence.end
                && e.geo
                    .as_ref()
                    .is_some_and(|g| g.precision != GeoPrecision::Country)
                && coarse.as_ref().is_none_or(|c| c.is_none() || *c == e.code)
        })
    {
        let why = ents[i]
            .geo
            .as_ref()
            .map(|g| format!("named in its clause; {}", g.reason));
        return Some((i, why));
    }
    if let Some(i) = found {
        return Some((i, None));
    }
    let one_state = |v: &[usize]| {
        let mut it = v
            .iter()
            .filter(|&&i| ents[i].code.as_deref().is_some_and(|c| c.len() == 3));
        let first = *it.next()?;
        let c = ents[first].code.as_deref();
        it.all(|&i| ents[i].code.as_deref() == c).then_some(first)
    };
    let (i, why) = match one_state(parties) {
        Some(i) => (i, "no place named; the one state of its parties"),
        None => (one_state(recipients)?, "no place named; the state acted on"),
    };
    let code = ents[i].code.as_deref()?;
    // the state's own mention: in the clause if it is there, else the document's first
    let named = |e: &Ent| {
        e.code.as_deref() == Some(code)
            && e.geo
                .as_ref()
                .is_some_and(|g| g.precision == GeoPrecision::Country)
    };
    let j = (lo..ents.len())
        .take_while(|&j| ents[j].src.start < evidence.end)
        .find(|&j| named(&ents[j]))
        .or_else(|| ents.iter().position(named))?;
    Some((j, Some(format!("{why}: {code}"))))
}

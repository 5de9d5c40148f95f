//! Where places are: every place mention gets coordinates from the gazetteer (`hadath-geo`),
//! and names the knowledge base lacks are found where the words read as a place (after a
//! locative, a settlement word or an attack verb, or in a list of places). Each resolution
//! carries a short reason.

use crate::entities::Ent;
use hadath_core::GeoPrecision;
use hadath_geo::{CueKind, Gazetteer, Place, PlaceKind, Rules};
use hadath_text::Analysis;
use std::collections::HashMap;

mod contested;
mod event;
mod scan;
pub(crate) use event::{event_place, headline};
use scan::{bare_forms, clitic_len, find_at, new_place, skip_letters};

/// Where a place mention lies, and why this reading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Geo {
    pub lat: f64,
    pub lon: f64,
    pub geonameid: Option<u32>,
    pub admin1: Option<String>,
    pub precision: GeoPrecision,
    pub reason: String,
    /// A sea, strait, gulf, canal or river: where an event happened only when its own clause
    /// says so, never as the document's place.
    pub water: bool,
    /// A broad area of `features.tsv` (a peninsula, a border strip, a part of a country named
    /// by direction, a region GeoNames does not code): no finer than a region, so a headline
    /// placed there takes the town its lead names.
    pub area: bool,
}

impl Geo {
    pub(crate) fn out(&self, reason: Option<String>) -> hadath_core::GeoOut {
        hadath_core::GeoOut {
            lat: (self.lat * 1e4).round() / 1e4,
            lon: (self.lon * 1e4).round() / 1e4,
            geonameid: self.geonameid,
            admin1: self.admin1.clone(),
            precision: self.precision,
            reason: Some(reason.unwrap_or_else(|| self.reason.clone())),
        }
    }
}

/// The most words in a gazetteer name tried at one position.
const MAX_WORDS: usize = 5;

fn country_geo(gaz: &Gazetteer, code: &str, why: &str) -> Option<Geo> {
    gaz.country(code).map(|c| Geo {
        lat: c.lat,
        lon: c.lon,
        geonameid: None,
        admin1: None,
        precision: GeoPrecision::Country,
        water: false,
        area: false,
        reason: format!(
            "{why}: {} ({}), the country's point ({})",
            c.name, c.code, c.how
        ),
    })
}

/// The states the document is about: codes by how often its mentions name them.
fn doc_codes(ents: &[Ent]) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for e in ents.iter().filter(|e| !e.pseudo) {
        if let Some(c) = e.code.as_deref().filter(|c| c.len() == 3) {
            *m.entry(c.to_string()).or_default() += 1;
        }
    }
    m
}

/// The best of the places a name names: in a state the document names (the most named
/// first), then admin-1 regions and features over villages of the same name, then the most
/// populous. `want` keeps only one state's places when given.
fn choose<'p>(
    cands: &'p [Place],
    doc: &HashMap<String, usize>,
    want: Option<&str>,
) -> Option<(&'p Place, String)> {
    let pool: Vec<&Place> = cands
        .iter()
        .filter(|p| want.is_none_or(|w| p.code.as_deref() == Some(w)))
        .collect();
    let in_doc = |p: &Place| {
        p.code
            .as_deref()
            .and_then(|c| doc.get(c))
            .copied()
            .unwrap_or(0)
    };
    // a town over a region of its name (the city of Riyadh, not Riyadh Province), a region or
    // feature over a village
    let kind = |p: &Place| match p.kind {
        PlaceKind::Place if p.population >= 10_000 => 2u8,
        PlaceKind::Feature => 2,
        PlaceKind::Admin1 => 1,
        PlaceKind::Place => 0,
    };
    let rank = |p: &Place| (in_doc(p).min(3), kind(p), p.population);
    let best = pool.iter().copied().max_by_key(|p| rank(p))?;
    let mut why = format!(
        "{} ({}",
        best.name,
        best.code.as_deref().unwrap_or("international")
    );
    if let Some(a) = best.admin1.as_deref().filter(|a| *a != best.name) {
        why.push_str(&format!(", {a}"));
    }
    why.push(')');
    if pool.len() > 1 {
        let reason = if in_doc(best) > 0 && pool.iter().any(|p| in_doc(p) == 0) {
            "in a state the document names"
        } else if kind(best) == 2 && best.kind == PlaceKind::Place {
            "a town over a region or village"
        } else if best.kind != PlaceKind::Place {
            "the region or feature"
        } else {
            "the most populous"
        };
        why.push_str(&format!(", of {} places so named: {reason}", pool.len()));
    }
    Some((best, why))
}

/// A part of a country named by direction before the country's name (شمال العراق، جنوب شرق
/// تركيا), when the gazetteer has that part: its point, flagged as a region.
fn part_of_country(
    gaz: &Gazetteer,
    w: &Words<'_>,
    toks: std::ops::Range<usize>,
    code: &str,
    doc: &HashMap<String, usize>,
) -> Option<Geo> {
    let name = w.words.get(toks.clone())?.join(" ");
    for n in [2, 1] {
        let Some(from) = toks.start.checked_sub(n) else {
            continue;
        };
        let rest = w.words[from + 1..toks.start].join(" ");
        for (first, _) in bare_forms(w.words[from]) {
            let key = [first, rest.as_str(), name.as_str()]
                .iter()
                .filter(|x| !x.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let cands: Vec<Place> = gaz
                .lookup(&key)
                .into_iter()
                .filter(|p| p.kind != PlaceKind::Place)
                .collect();
            if let Some((p, why)) = choose(&cands, doc, Some(code)) {
                return Some(geo_of(
                    p,
                    format!("a part of the country named by direction; gazetteer: {why}"),
                ));
            }
        }
    }
    None
}

/// A village or small town (under 100,000 people) of a state the document does not name, when
/// it names others: read only from a locative or a tagger's guess, such a word is more likely
/// a local name or a common word (مفرق "junction") than a place abroad.
fn foreign_village(p: &Place, doc: &HashMap<String, usize>) -> bool {
    p.kind == PlaceKind::Place
        && p.population < 100_000
        && !doc.is_empty()
        && p.code.as_deref().is_none_or(|c| !doc.contains_key(c))
}

/// A city standing for its state's government (الخرطوم تحاكم، عدن): the government acts
/// there, so the mention lies at the city, not at the state's point.
fn metonym_city(
    gaz: &Gazetteer,
    text: &str,
    e: &Ent,
    code: &str,
    doc: &HashMap<String, usize>,
) -> Option<Geo> {
    if e.via != "metonym" {
        return None;
    }
    let key = hadath_text::fold_key(&text[e.src.clone()]);
    let cands: Vec<Place> = gaz
        .lookup(&key)
        .into_iter()
        .filter(|p| p.kind == PlaceKind::Place)
        .collect();
    let (p, why) = choose(&cands, doc, Some(code))?;
    Some(geo_of(
        p,
        format!("a city standing for its state's government; gazetteer: {why}"),
    ))
}

fn geo_of(p: &Place, why: String) -> Geo {
    Geo {
        lat: p.lat,
        lon: p.lon,
        geonameid: p.geonameid,
        admin1: p.admin1.clone(),
        precision: p.precision(),
        reason: why,
        water: p
            .feature
            .as_deref()
            .is_some_and(|f| matches!(f, "sea" | "strait" | "gulf" | "canal" | "river")),
        area: p
            .feature
            .as_deref()
            .is_some_and(|f| matches!(f, "area" | "border" | "admin1")),
    }
}

/// The folded words of the document's tokens, and the token index of each byte offset.
struct Words<'a> {
    words: Vec<&'a str>,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl<'a> Words<'a> {
    fn new(analysis: &'a Analysis) -> Words<'a> {
        let folded = analysis.folded();
        let toks = analysis.tokens();
        Words {
            words: toks.iter().map(|t| t.text(folded)).collect(),
            starts: toks.iter().map(|t| t.source.start).collect(),
            ends: toks.iter().map(|t| t.source.end).collect(),
        }
    }

    /// The tokens a byte range covers.
    fn tokens(&self, r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        let a = self.ends.partition_point(|&e| e <= r.start);
        let b = self.starts.partition_point(|&s| s < r.end);
        a..b.max(a)
    }
}

/// Resolve the places among `ents` and add the ones the gazetteer finds in the text.
pub(crate) fn resolve(
    gaz: &Gazetteer,
    rules: &Rules,
    analysis: &Analysis,
    text: &str,
    ents: &mut Vec<Ent>,
) {
    let w = Words::new(analysis);
    let doc = doc_codes(ents);
    let mut covered = vec![usize::MAX; w.words.len()];
    let mut drop = vec![false; ents.len()];
    let mut cities = contested::contested_cities(gaz, rules, text, ents, &doc);
    for (i, e) in ents.iter_mut().enumerate() {
        let toks = w.tokens(&e.src);
        for t in toks.clone() {
            covered[t] = i;
        }
        if e.pseudo || e.inner {
            continue;
        }
        if let Some((p, why)) = cities[i].take() {
            // the city, and a metonym for its state's government (عمان تدين: Jordan)
            e.kind = "city";
            e.code = p.code.clone();
            e.name = Some(p.name.clone());
            e.place = true;
            e.pinpoint = true;
            e.geo = Some(Box::new(geo_of(&p, why)));
            continue;
        }
        if (e.country || e.kind == "nationality") && e.place_as.is_none() {
            if let Some(c) = e.code.clone() {
                e.geo = part_of_country(gaz, &w, toks.clone(), &c, &doc)
                    .or_else(|| metonym_city(gaz, text, e, &c, &doc))
                    .or_else(|| country_geo(gaz, &c, "a country"))
                    .map(Box::new);
            }
            continue;
        }
        if !e.place && e.place_as.is_none() {
            continue;
        }
        if let Some(why) = rules.refused_phrase(&w.words, toks.start, toks.end) {
            if !e.actor {
                drop[i] = true;
            }
            e.place = false;
            e.place_as = None;
            let _ = why;
            continue;
        }
        let key = hadath_text::fold_key(&text[e.src.clone()]);
        let mut cands = gaz.lookup(&key);
        if cands.is_empty() {
            // without the article, or without a place word before the name (مدينة غزة)
            let rest = key.split_once(' ').map(|x| x.1).filter(|_| {
                rules.cue(key.split(' ').next().unwrap_or("")) == Some(CueKind::Settlement)
            });
            if let Some(k) = key.strip_prefix("ال").or(rest) {
                cands = gaz.lookup(k);
            }
        }
        let want = e
            .place_as
            .as_ref()
            .map_or(e.code.as_deref(), |(_, c)| c.as_deref());
        let by = if e.via == "ner" {
            "tagged as a place by the name tagger"
        } else {
            "a place of the knowledge base"
        };
        // a name that is a common word (refuse.tsv) needs a settlement word before it: a
        // knowledge-base town so named (عشاق "lovers", معسكر "camp") is then no place at all
        let settled =
            rules.cue_before(&w.words, toks.start).map(|c| c.0) == Some(CueKind::Settlement);
        if !settled && rules.common_word(&key).is_some() {
            if e.via != "ner" {
                e.place = false;
                drop[i] = !e.actor;
            }
            continue;
        }
        // a tagger's place whose every reading is a common word, likewise
        if e.via == "ner" && !settled && cands.iter().all(|p| p.common) {
            continue;
        }
        match choose(&cands, &doc, want) {
            Some((p, _)) if e.via == "ner" && !settled && foreign_village(p, &doc) => {}
            Some((p, why)) => {
                if e.code.is_none() {
                    e.code = p.code.clone();
                }
                if e.name.is_none() {
                    e.name = Some(p.name.clone());
                }
                e.geo = Some(Box::new(geo_of(
                    p,
                    format!("{by}; GeoNames/gazetteer: {why}"),
                )));
            }
            None => {
                if let Some(c) = want {
                    e.geo = country_geo(gaz, c, &format!("{by} without coordinates")).map(Box::new);
                }
            }
        }
    }
    if drop.iter().any(|d| *d) {
        let mut d = drop.into_iter();
        ents.retain(|_| !d.next().unwrap_or(false));
        // token coverage is rebuilt below from the kept mentions
        covered.iter_mut().for_each(|c| *c = usize::MAX);
        for (i, e) in ents.iter().enumerate() {
            for t in w.tokens(&e.src) {
                covered[t] = i;
            }
        }
    }
    // Names the knowledge base did not find, where the words read as a place.
    let mut extra: Vec<Ent> = Vec::new();
    let mut replaced = vec![false; ents.len()];
    let mut last_place_end: Option<usize> = None;
    let mut t = 0;
    while t < w.words.len() {
        if covered[t] != usize::MAX && ents[covered[t]].place {
            last_place_end = Some(w.tokens(&ents[covered[t]].src).end);
        }
        let cue = rules.cue_before(&w.words, t);
        let own = rules.cue(w.words[t]) == Some(CueKind::Settlement);
        let listed = cue.is_some_and(|c| c.0 == CueKind::Joiner)
            && last_place_end == Some(t - cue.map_or(0, |c| c.1));
        let cue = cue
            .filter(|c| c.0 != CueKind::Joiner || listed)
            .or_else(|| {
                // و glued to the next name of a list (حلب وإدلب)
                (last_place_end == Some(t) && w.words[t].starts_with('و'))
                    .then_some((CueKind::Joiner, 0))
            });
        if cue.is_none() && !own {
            t += 1;
            continue;
        }
        if let Some((n, p, why, clitic)) = find_at(gaz, rules, &w, t, cue.map(|c| c.0), &doc) {
            {
                let span = t..t + n;
                // only over words no mention holds, or over places of fewer words
                let under: Vec<usize> = span
                    .clone()
                    .filter_map(|k| (covered[k] != usize::MAX).then_some(covered[k]))
                    .collect();
                // a longer name over places or the tagger's guesses (معبر إبراهيم الخليل), or
                // over a people named after its first word (جبل التركمان، حي الأكراد)
                let free = under.iter().all(|&i| {
                    let e = &ents[i];
                    let inside = w.tokens(&e.src);
                    let people = e.kind == "nationality" && inside.start > t;
                    (e.via == "ner" || !e.actor && e.place || people) && inside.len() < n
                });
                if free {
                    for &i in &under {
                        replaced[i] = true;
                    }
                    let start = if clitic {
                        skip_letters(text, w.starts[t], w.ends[t], clitic_len(w.words[t]))
                    } else {
                        w.starts[t]
                    };
                    let src = start..w.ends[t + n - 1];
                    extra.push(new_place(&p, src, why));
                    last_place_end = Some(t + n);
                    t += n;
                    continue;
                }
            }
        }
        t += 1;
    }
    if !extra.is_empty() {
        let mut r = replaced.into_iter();
        ents.retain(|_| !r.next().unwrap_or(false));
        ents.extend(extra);
        ents.sort_by_key(|e| (e.src.start, std::cmp::Reverse(e.src.end)));
    }
}

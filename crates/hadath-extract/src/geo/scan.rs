//! Names the knowledge base lacks, found in the text where the words read as a place: after
//! a cue of `cues.tsv`, with a `ب` glued to them, as the next name of a list, or when the name
//! starts with a settlement word.

use super::{choose, foreign_village, geo_of, Words, MAX_WORDS};
use crate::entities::Ent;
use hadath_geo::{CueKind, Gazetteer, Place, PlaceKind, Rules};
use std::collections::HashMap;

/// The word without the clitics that may stand before a place name (و، ب، وب), in the order
/// tried: the word itself first.
pub(super) fn bare_forms(w: &str) -> impl Iterator<Item = (&str, bool)> {
    let a = w.strip_prefix('و');
    let b = a.unwrap_or(w).strip_prefix('ب');
    [(Some(w), false), (b, true), (a, false)]
        .into_iter()
        .filter_map(|(x, loc)| x.filter(|x| x.len() >= 4).map(|x| (x, loc)))
}

/// The byte offset after `n` letters (and the marks on them) from `start`, at most `end`.
pub(super) fn skip_letters(text: &str, start: usize, end: usize, n: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text[start..end].char_indices() {
        let mark =
            matches!(c, '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}');
        if !mark {
            if seen == n {
                return start + i;
            }
            seen += 1;
        }
    }
    end
}

/// How many clitic letters (و ف ب) stand before the name in a word read through them.
pub(super) fn clitic_len(word: &str) -> usize {
    let mut n = 0;
    let mut s = word;
    if let Some(r) = s.strip_prefix(['و', 'ف']) {
        n += 1;
        s = r;
    }
    if s.starts_with('ب') {
        n += 1;
    }
    n
}

/// The longest gazetteer name at token `t` that reads as a place after `cue`: its length in
/// tokens, the place, the reason and whether a clitic letter was cut from its first word.
pub(super) fn find_at(
    gaz: &Gazetteer,
    rules: &Rules,
    w: &Words<'_>,
    t: usize,
    cue: Option<CueKind>,
    doc: &HashMap<String, usize>,
) -> Option<(usize, Place, String, bool)> {
    let n_max = MAX_WORDS.min(w.words.len() - t);
    for (first, clitic) in bare_forms(w.words[t]) {
        let mut key = String::from(first);
        let mut best = None;
        for n in 1..=n_max {
            if n > 1 {
                let next = w.words[t + n - 1];
                if !next.chars().all(char::is_alphabetic) {
                    break;
                }
                key.push(' ');
                key.push_str(next);
            }
            if gaz.contains(&key) {
                best = Some((n, key.clone()));
            }
        }
        let Some((n, key)) = best else { continue };
        // a ب glued to the name is a locative of its own (بحلب)
        let cue = if clitic && cue.is_none() {
            Some(CueKind::Locative)
        } else {
            cue
        };
        let (cue_kind, cue_word) = match cue {
            Some(k) => (
                k,
                rules
                    .cue_before(&w.words, t)
                    .map_or_else(|| w.words[t].to_string(), |c| w.words[t - c.1..t].join(" ")),
            ),
            // the name starts with a settlement word (محافظة صلاح الدين، معبر رفح)
            None if n > 1 => (CueKind::Settlement, w.words[t].to_string()),
            None => continue,
        };
        if rules.refused_phrase(&w.words, t, t + n).is_some()
            || (n == 1 && rules.cue(&key).is_some())
        {
            return None;
        }
        let cands = gaz.lookup(&key);
        let strict = cue_kind != CueKind::Settlement;
        let cands: Vec<Place> = if strict && (n == 1 && rules.common_word(&key).is_some()) {
            Vec::new()
        } else if strict {
            cands.into_iter().filter(|p| !p.common).collect()
        } else {
            cands
        };
        let Some((p, why)) = choose(&cands, doc, None) else {
            continue;
        };
        if strict && foreign_village(p, doc) {
            return None;
        }
        let how = match cue_kind {
            CueKind::Settlement => "after the place word",
            CueKind::Locative => "after the locative",
            CueKind::Attack => "the object of",
            CueKind::Joiner => "listed with a place:",
        };
        return Some((
            n,
            p.clone(),
            format!("{how} «{cue_word}»; gazetteer: {why}"),
            clitic,
        ));
    }
    None
}

pub(super) fn new_place(p: &Place, src: std::ops::Range<usize>, why: String) -> Ent {
    Ent {
        src,
        kind: match p.kind {
            PlaceKind::Place => "city",
            PlaceKind::Admin1 => "region",
            PlaceKind::Feature => "location",
        },
        name: Some(p.name.clone()),
        code: p.code.clone(),
        office: None,
        via: "geo",
        actor: false,
        media: false,
        place: true,
        country: false,
        pseudo: false,
        generic: false,
        pinpoint: matches!(p.kind, PlaceKind::Place | PlaceKind::Admin1),
        place_as: None,
        inner: false,
        sector: None,
        geo: Some(Box::new(geo_of(p, why))),
    }
}

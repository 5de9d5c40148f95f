//! The crate's own name lists (`data/ner/*.txt`, embedded): given names, name particles, foreign
//! names, organisation and place head nouns, well-known organisation names, and foreign surname
//! endings. They give word-level features that need no external gazetteer.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The word is a common Arabic given name (or part of one, such as الرحمن of عبد الرحمن).
pub(crate) const L_ARAB_GIVEN: u16 = 1;
/// The word is a foreign given name or a well-known foreign name, as transliterated in Arabic.
pub(crate) const L_FOREIGN: u16 = 2;
/// The word is a name particle (بن, أبو, آل, عبد…).
pub(crate) const L_PARTICLE: u16 = 4;
/// The word is a head noun of organisation names (شركة, حزب, جامعة…).
pub(crate) const L_ORG_HEAD: u16 = 8;
/// The word is a head noun of place names (مدينة, محافظة, نهر…) or a direction word.
pub(crate) const L_LOC_HEAD: u16 = 16;
/// The word occurs in a well-known organisation's name (clubs, firms, parties, media).
pub(crate) const L_ORG_NAME: u16 = 32;
/// The word is a well-known family name or surname.
pub(crate) const L_SURNAME: u16 = 256;
/// The word marks a sports sentence (مباراة, الدوري, هدف…).
pub(crate) const L_SPORT: u16 = 64;
/// The word marks a business sentence (أسهم, أرباح, مليون…).
pub(crate) const L_ECON: u16 = 128;
/// The topic bits.
pub(crate) const L_TOPIC: u16 = L_SPORT | L_ECON;

const FILES: &[(&str, u16)] = &[
    (
        include_str!("../../../data/ner/given-names-arabic.txt"),
        L_ARAB_GIVEN,
    ),
    (
        include_str!("../../../data/ner/given-names-foreign.txt"),
        L_FOREIGN,
    ),
    (
        include_str!("../../../data/ner/name-particles.txt"),
        L_PARTICLE,
    ),
    (include_str!("../../../data/ner/org-heads.txt"), L_ORG_HEAD),
    (include_str!("../../../data/ner/loc-heads.txt"), L_LOC_HEAD),
    (
        include_str!("../../../data/ner/organisations.txt"),
        L_ORG_NAME,
    ),
    (include_str!("../../../data/ner/surnames.txt"), L_SURNAME),
    (include_str!("../../../data/ner/sport-cues.txt"), L_SPORT),
    (include_str!("../../../data/ner/economy-cues.txt"), L_ECON),
];

const SUFFIXES: &str = include_str!("../../../data/ner/surname-suffixes.txt");

/// Words of organisation names too common to flag.
const ORG_STOP: &[&str] = &["و", "في", "من", "بلا", "لل", "ال"];

/// Non-comment lines of a list file.
pub(crate) fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

struct Lists {
    words: HashMap<String, u16>,
    /// (folded ending, class), longest endings first.
    suffixes: Vec<(String, u8)>,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let mut words: HashMap<String, u16> = HashMap::new();
        for (src, bit) in FILES {
            for l in lines(src) {
                for w in l.split_whitespace() {
                    let w = hadath_text::fold_key(w);
                    if w.is_empty() || (*bit == L_ORG_NAME && ORG_STOP.contains(&w.as_str())) {
                        continue;
                    }
                    *words.entry(w).or_insert(0) |= bit;
                }
            }
        }
        let mut suffixes = Vec::new();
        for (i, l) in lines(SUFFIXES).enumerate() {
            for e in l.split_whitespace() {
                suffixes.push((hadath_text::fold_key(e), (i + 1) as u8));
            }
        }
        suffixes.sort_by_key(|(e, _)| std::cmp::Reverse(e.chars().count()));
        Lists { words, suffixes }
    })
}

/// Proclitics tried when the bare word is not listed (longest first).
const PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "وب", "ول", "وك", "فب",
    "فل", "و", "ف", "ب", "ل", "ك",
];

/// List bits of a folded word, or of the word less a proclitic.
pub(crate) fn list_flags(w: &str) -> u16 {
    let l = lists();
    if let Some(&f) = l.words.get(w) {
        return f;
    }
    let mut buf = String::new();
    for p in PROCLITICS {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().nth(1).is_none() {
                continue;
            }
            if let Some(&f) = l.words.get(rest) {
                return f;
            }
            // وال/بال/لل… + X: also try ال + X (the lists hold article forms).
            if p.ends_with("ال") || p.ends_with("لل") {
                buf.clear();
                buf.push_str("ال");
                buf.push_str(rest);
                if let Some(&f) = l.words.get(buf.as_str()) {
                    return f;
                }
            }
        }
    }
    0
}

/// Class (1-based line of `surname-suffixes.txt`) of the longest listed ending of a word of at
/// least 5 letters, or 0.
pub(crate) fn suffix_class(w: &str) -> u8 {
    if w.chars().nth(4).is_none() {
        return 0;
    }
    for (e, c) in &lists().suffixes {
        if w.len() > e.len() && w.ends_with(e.as_str()) {
            return *c;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_match() {
        assert_ne!(list_flags("محمد") & L_ARAB_GIVEN, 0);
        assert_ne!(list_flags("ومحمد") & L_ARAB_GIVEN, 0);
        assert_ne!(list_flags("جورج") & L_FOREIGN, 0);
        assert_ne!(list_flags("والشركه") & L_ORG_HEAD, 0);
        assert_ne!(list_flags("للشركه") & L_ORG_HEAD, 0);
        assert_ne!(list_flags("مدينه") & L_LOC_HEAD, 0);
        assert_ne!(list_flags("ابو") & L_PARTICLE, 0);
        assert_ne!(list_flags("برشلونه") & L_ORG_NAME, 0);
        assert_eq!(list_flags("كتب"), 0);
        assert_ne!(suffix_class("ميدفيديف"), 0);
        assert_ne!(suffix_class("ميلوسيفيتش"), 0);
        assert_eq!(suffix_class("كتب"), 0);
    }

    #[test]
    fn list_files_have_provenance() {
        for (src, _) in FILES {
            assert!(src.starts_with("# source:"));
            assert!(src.contains("# licence:"));
        }
        assert!(SUFFIXES.starts_with("# source:"));
    }
}

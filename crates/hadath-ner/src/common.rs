//! Common-word knowledge from general Arabic text: how often a word is written, and whether it
//! also takes the article or a possessive pronoun (`data/ner/wordfreq-ar.tsv`, from wordfreq's
//! Arabic list, embedded). Arabic has no capital letters; these are the nearest thing. A word
//! that is also common as «ال» + word or with «ـه، ـها، ـهم» is a noun or adjective; a name is
//! rarely either (أوباما has no الأوباما and no أوباماه).

use crate::features::PROCLITICS;
use crate::hash::hash_bytes;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The table's keys are already hashes (`hash_bytes` of the folded word): passed through.
#[derive(Default)]
struct Pass(u64);

impl Hasher for Pass {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_bytes(self.0, bytes);
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type Table = HashMap<u64, u16, BuildHasherDefault<Pass>>;

const SEED: u64 = 0x5eed_c0de_0f0a_2b1d;

#[inline]
fn key(w: &str) -> u64 {
    hash_bytes(SEED, w.as_bytes())
}

const SRC: &str = include_str!("../../../data/ner/wordfreq-ar.tsv");

/// Whether a proclitic of `features::PROCLITICS` carries the article (ال، لل): the rest is
/// the bare word.
fn definite(p: &str) -> bool {
    p.ends_with("ال") || p.ends_with("لل")
}

/// Hash of the folded word → centibels (frequency = 10^(-cb/100)); the most frequent spelling
/// wins when two fold alike. (64-bit hashes of a quarter of a million words: a collision is
/// about one chance in 10^8.)
fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = Table::with_capacity_and_hasher(250_000, Default::default());
        for l in crate::lists::lines(SRC) {
            let Some((w, cb)) = l.split_once('\t') else {
                continue;
            };
            let Ok(cb) = cb.trim().parse::<u16>() else {
                continue;
            };
            // A listed word holds no space: folding it is enough.
            let e = m.entry(key(&hadath_text::fold(w))).or_insert(cb);
            *e = (*e).min(cb);
        }
        m
    })
}

#[inline]
fn cb(t: &Table, w: &str) -> Option<u16> {
    t.get(&key(w)).copied()
}

/// Frequency bucket: 1 (most common) to 5; 0 unlisted.
fn bucket(c: Option<u16>) -> u8 {
    match c {
        None => 0,
        Some(c) if c < 300 => 1,
        Some(c) if c < 400 => 2,
        Some(c) if c < 500 => 3,
        Some(c) if c < 600 => 4,
        Some(_) => 5,
    }
}

/// The common-word code of a folded word: bits 4–6 how often it (or its bare form) is
/// written; bits 2–3 how its bare form compares with the form with the article (0 neither
/// listed, 1 mostly with the article, 2 both, 3 mostly bare); bits 0–1 whether a possessive
/// form is common (0 none listed, 1 common, 2 rare). 0 for a word listed in no form.
pub(crate) fn common_code(w: &str) -> u8 {
    let t = table();
    let whole = cb(t, w);
    // The bare word: after an article-bearing proclitic, else the word itself when listed,
    // else the word less another proclitic when that is listed.
    // (Proclitics with س mark verbs, not nouns: not read here.)
    let strip = |p: &&str| {
        w.strip_prefix(*p)
            .filter(|rest| rest.chars().nth(1).is_some())
    };
    let bare = PROCLITICS
        .iter()
        .filter(|p| definite(p))
        .find_map(strip)
        .unwrap_or_else(|| {
            if whole.is_some() {
                return w;
            }
            PROCLITICS
                .iter()
                .filter(|p| !definite(p) && !p.contains('س'))
                .filter_map(strip)
                .find(|rest| cb(t, rest).is_some())
                .unwrap_or(w)
        });
    let mut buf = String::with_capacity(bare.len() + 8);
    buf.push_str("ال");
    buf.push_str(bare);
    let f_bare = cb(t, bare);
    let f_def = cb(t, &buf);
    // Possessive forms: ة (folded ه) is written ت before the pronoun.
    let stem = bare.strip_suffix('ه').map_or(bare, |s| s);
    let mut f_suf: Option<u16> = None;
    for sfx in ["ه", "ها", "هم"] {
        buf.clear();
        buf.push_str(stem);
        if stem.len() != bare.len() {
            buf.push('ت');
        }
        buf.push_str(sfx);
        if let Some(c) = cb(t, &buf) {
            f_suf = Some(f_suf.map_or(c, |s| s.min(c)));
        }
    }
    let best = [whole, f_bare, f_def].into_iter().flatten().min();
    if best.is_none() && f_suf.is_none() {
        return 0;
    }
    let def = match (f_bare, f_def) {
        (None, None) => 0,
        (None, Some(_)) => 1,
        (Some(_), None) => 3,
        (Some(b), Some(d)) if d + 100 <= b => 1,
        (Some(b), Some(d)) if b + 100 <= d => 3,
        _ => 2,
    };
    let poss = match (f_suf, f_bare.or(f_def)) {
        (None, _) => 0,
        (Some(s), Some(b)) if s <= b + 150 => 1,
        (Some(_), None) => 1,
        _ => 2,
    };
    (bucket(best) << 4) | (def << 2) | poss
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(w: &str) -> u8 {
        (common_code(w) >> 2) & 3
    }

    #[test]
    fn nouns_take_the_article_names_do_not() {
        assert!(SRC.starts_with("# source:") && SRC.contains("# licence:"));
        // حكومه (folded حكومة) is common with and without the article, and with a pronoun.
        assert_ne!(common_code("حكومه"), 0);
        assert_eq!(common_code("حكومه") & 3, 1);
        assert_eq!(def("الحكومه"), def("حكومه"));
        // A foreign surname: listed, but not with the article.
        assert_eq!(def("بلينكن"), 3);
        // Clitics are read off: وبلينكن is بلينكن.
        assert_eq!(common_code("وبلينكن"), common_code("بلينكن"));
        // A string no one writes.
        assert_eq!(common_code("قزقزقزقز"), 0);
    }
}

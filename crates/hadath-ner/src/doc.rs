//! Document consistency (a stacked second pass). A name is usually tagged the same way
//! throughout an article, and an article often spells out a name once in a telling context
//! (after a title, a head noun) and repeats it bare. The first pass tags every sentence alone;
//! then each token gets a *document code*: the kinds its stem was tagged as by the first pass
//! in the other sentences (and other positions) of a window of nearby sentences. The second
//! pass adds the features of these codes (`features::doc_features`).
//!
//! At training time the first-pass tags come from jackknifed models (each fold tagged by a
//! model trained without it), so that the model learns how far to trust a first pass that
//! makes mistakes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The keys are already well-mixed 64-bit hashes: hash them as themselves.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// The kinds whose first-pass tags are passed on: PERS only. In cross-validation, passing on
/// LOC and ORG as well cost more precision (LOC −2, ORG −3 F1) than PERS gained (+2.6).
const DOC_KINDS: u8 = 1;

/// Code bit: the stem was also left untagged (O) elsewhere in the window.
pub(crate) const DOC_O: u8 = 16;

/// The category of a tag: 0–3 the kinds (PERS, LOC, ORG, MISC), 4 O.
#[inline]
fn category(tag: u8) -> usize {
    if tag == 0 {
        4
    } else {
        ((tag as usize - 1) / 2).min(3)
    }
}

/// Document codes of the tokens of a run of sentences. `keys[s][i]` is the stem key of token
/// `i` of sentence `s` (0: not counted, such as punctuation), `tags[s][i]` its first-pass tag.
/// A token's code has bit `k` set when the same key was tagged as kind `k` at another position
/// of the sentences `s - window ..= s + window`, and [`DOC_O`] when it was also left untagged
/// there; bits 5–7 hold the token's own first-pass category (0–3 the kinds, 4 O). Codes
/// without a bit of [`DOC_KINDS`] are 0 (nothing to add).
pub(crate) fn doc_codes(keys: &[Vec<u64>], tags: &[Vec<u8>], window: usize) -> Vec<Vec<u8>> {
    debug_assert_eq!(keys.len(), tags.len());
    let n = keys.len();
    // Number the keys once (one hash lookup per token), then count in a plain array.
    const NONE: u32 = u32::MAX;
    let total: usize = keys.iter().map(Vec::len).sum();
    let mut ids: KeyMap<u32> = KeyMap::default();
    ids.reserve(total);
    let mut starts = Vec::with_capacity(n + 1);
    let mut id_of = Vec::with_capacity(total);
    for ks in keys {
        starts.push(id_of.len());
        for &k in ks {
            id_of.push(if k == 0 {
                NONE
            } else {
                let next = ids.len() as u32;
                *ids.entry(k).or_insert(next)
            });
        }
    }
    starts.push(id_of.len());
    let mut counts = vec![[0u32; 5]; ids.len()];
    let add = |counts: &mut [[u32; 5]], s: usize, sign: i32| {
        for (&id, &t) in id_of[starts[s]..starts[s + 1]].iter().zip(&tags[s]) {
            if id == NONE {
                continue;
            }
            let c = &mut counts[id as usize][category(t)];
            *c = (*c as i64 + sign as i64) as u32;
        }
    };
    let mut out = Vec::with_capacity(n);
    // The window [lo, hi) currently counted.
    let (mut lo, mut hi) = (0usize, 0usize);
    for s in 0..n {
        let want_lo = s.saturating_sub(window);
        let want_hi = (s + window + 1).min(n);
        while hi < want_hi {
            add(&mut counts, hi, 1);
            hi += 1;
        }
        while lo < want_lo {
            add(&mut counts, lo, -1);
            lo += 1;
        }
        let mut codes = Vec::with_capacity(keys[s].len());
        for (&id, &t) in id_of[starts[s]..starts[s + 1]].iter().zip(&tags[s]) {
            let mut code = 0u8;
            if id != NONE {
                let c = &counts[id as usize];
                let own = category(t);
                for (cat, &x) in c.iter().enumerate() {
                    let others = x - (cat == own) as u32;
                    if others > 0 {
                        code |= if cat == 4 { DOC_O } else { 1 << cat };
                    }
                }
            }
            codes.push(if code & DOC_KINDS == 0 {
                0
            } else {
                code | (category(t) as u8) << 5
            });
        }
        out.push(codes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_count_other_occurrences_in_the_window() {
        // Sentence 0: key 7 tagged B-PERS (1), key 8 B-ORG (5); sentence 1: keys 7 and 8
        // untagged; sentence 3: key 7 untagged, outside the window of sentence 0 (window 2).
        let keys = vec![vec![7, 8], vec![7, 8], vec![9], vec![7]];
        let tags = vec![vec![1, 5], vec![0, 0], vec![0], vec![0]];
        let codes = doc_codes(&keys, &tags, 2);
        // Token 7 of sentence 0 only saw untagged copies elsewhere: no kind bit, code 0.
        assert_eq!(codes[0], vec![0, 0]);
        // Sentence 1 sees the PERS of sentence 0 and the O of sentence 3 (own category O);
        // ORG is not passed on.
        assert_eq!(codes[1], vec![1 | DOC_O | 4 << 5, 0]);
        assert_eq!(codes[2], vec![0]);
        // Sentence 3 sees sentences 1 and 2, not sentence 0.
        assert_eq!(codes[3], vec![0]);
        let codes = doc_codes(&keys, &tags, 3);
        assert_eq!(codes[3], vec![1 | DOC_O | 4 << 5]);
    }
}

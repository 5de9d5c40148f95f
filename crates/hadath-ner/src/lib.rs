//! hadath-ner: statistical Arabic named-entity recognition for names the knowledge base does not
//! know.
//!
//! A first-order averaged structured perceptron over BIO tags (PERS, LOC, ORG, MISC) with hashed
//! word, clitic-stem, affix, shape, context and trigger features, decoded with Viterbi under BIO
//! constraints. The model, trained on the ANERcorp train split (Benajiba, Rosso & Benedí Ruiz
//! 2007; CC BY-SA 4.0 in CAMeL Lab's release) and on AQMAR (Mohit et al. 2012; CC BY-SA 3.0)
//! with domain adaptation, is embedded in the crate: see `docs/ner.md`.
//! [`NerModel::tag_document`] adds document consistency over the sentences of an article.
//!
//! ```
//! use hadath_ner::{NerKind, NerModel};
//! use hadath_text::{tokenize, Folded};
//! let text = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس";
//! let folded = Folded::new(text);
//! let tokens = tokenize(&folded);
//! let spans = NerModel::embedded().tag(text, &folded, &tokens);
//! assert!(spans.iter().any(|s| s.kind == NerKind::Pers && &text[s.source.clone()] == "إيمانويل ماكرون"));
//! ```
#![deny(missing_docs)]

mod common;
mod corpus;
mod doc;
mod features;
mod hash;
mod lists;
mod memory;
mod model;
mod train;

pub use corpus::{conll_split, read_conll, spans_from_bio, ConllSentence, Counts, Example, Part};
pub use features::FEATURE_SET;
pub use model::{DocSentence, NerModel};
pub use train::{train, train_domains, TrainConfig};

use std::ops::Range;

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes do not start with the model magic `HDNR`.
    #[error("not a hadath NER model (bad magic)")]
    BadMagic,
    /// The model is in another format version (the one it holds).
    #[error("unsupported model version {0}")]
    Version(u32),
    /// The model was trained with another feature set (the hash it holds) than [`FEATURE_SET`].
    #[error("model was trained with other features ({0:#x}); retrain with this version")]
    FeatureSet(u64),
    /// The model ends early or holds a bad value; the byte offset where reading stopped.
    #[error("model file truncated or corrupt at byte {0}")]
    Corrupt(usize),
}

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerKind {
    /// A person.
    Pers = 0,
    /// A location: a state, city, region or other place.
    Loc = 1,
    /// An organisation.
    Org = 2,
    /// Any other name (ANERcorp's MISC: events, works, products and the like).
    Misc = 3,
}

impl NerKind {
    /// Every kind, in tag order (`kind as usize` indexes this array).
    pub const ALL: [NerKind; 4] = [NerKind::Pers, NerKind::Loc, NerKind::Org, NerKind::Misc];

    /// The CoNLL tag suffix ("PERS", "LOC", "ORG", "MISC").
    pub fn as_str(self) -> &'static str {
        match self {
            NerKind::Pers => "PERS",
            NerKind::Loc => "LOC",
            NerKind::Org => "ORG",
            NerKind::Misc => "MISC",
        }
    }
}

/// A recognised name.
#[derive(Debug, Clone, PartialEq)]
pub struct NerSpan {
    /// Byte range in the original text, covering whole tokens.
    pub source: Range<usize>,
    /// What kind of name it is.
    pub kind: NerKind,
    /// A score in (0, 1) from the decision margin: higher is surer. Not a calibrated probability.
    pub confidence: f32,
}

/// Gazetteer bit for [`Gazetteer::flags`]: the word occurs in a person's name. The three bits
/// are those of `hadath_lexicon::flags`, so the lexicon's flags can be given as they are.
pub const GAZ_PERS: u8 = 1;
/// Gazetteer bit: the word occurs in a place name.
pub const GAZ_LOC: u8 = 2;
/// Gazetteer bit: the word occurs in an organisation name.
pub const GAZ_ORG: u8 = 4;

/// A source of name lists for the gazetteer feature: bits [`GAZ_PERS`], [`GAZ_LOC`], [`GAZ_ORG`]
/// for a folded word (one token, clitics possibly attached).
pub trait Gazetteer {
    /// The gazetteer bits of one folded word: [`GAZ_PERS`], [`GAZ_LOC`] and [`GAZ_ORG`] ORed
    /// together, 0 when the word is in no list. The model reads the whole byte as a feature value,
    /// so give it the same bits at tagging time as in training.
    fn flags(&self, folded_word: &str) -> u8;

    /// A non-zero key promises that every gazetteer giving this key in this process gives the
    /// same flags for every word. The tagger then keeps each word type's flags in its
    /// per-thread word cache from one call to the next instead of asking again in each call.
    /// 0 (the default) promises nothing. Give a key with [`KeyedGazetteer`].
    fn cache_key(&self) -> u64 {
        0
    }
}

/// A gazetteer with a [`Gazetteer::cache_key`]: use it when the flags cannot change while the
/// key is in use, e.g. keyed by `hadath_lexicon::Lexicon::version`, which names one state
/// of one lexicon:
///
/// ```
/// use hadath_ner::KeyedGazetteer;
/// let lx = hadath_lexicon::Lexicon::embedded();
/// let gaz = KeyedGazetteer::new(lx.version(), |w: &str| lx.gazetteer_flags(w));
/// # let _ = gaz;
/// ```
pub struct KeyedGazetteer<G> {
    key: u64,
    inner: G,
}

impl<G: Gazetteer> KeyedGazetteer<G> {
    /// `inner` under `key` (0 makes it an unkeyed gazetteer again).
    pub fn new(key: u64, inner: G) -> KeyedGazetteer<G> {
        KeyedGazetteer { key, inner }
    }
}

impl<G: Gazetteer> Gazetteer for KeyedGazetteer<G> {
    fn flags(&self, folded_word: &str) -> u8 {
        self.inner.flags(folded_word)
    }

    fn cache_key(&self) -> u64 {
        self.key
    }
}

/// Any `Fn(&str) -> u8` is a gazetteer: `&|w: &str| lexicon.gazetteer_flags(w)`.
impl<F: Fn(&str) -> u8> Gazetteer for F {
    fn flags(&self, folded_word: &str) -> u8 {
        self(folded_word)
    }
}

/// Number of BIO tags: O, then B-/I- for PERS, LOC, ORG, MISC.
pub const NT: usize = 9;

/// The B- tag index of a kind (its I- tag is one more).
#[inline]
pub fn b_tag(k: NerKind) -> u8 {
    1 + 2 * k as u8
}

/// The name of tag index `t` ("O", "B-PERS", "I-LOC", …).
pub fn tag_name(t: u8) -> String {
    if t == 0 {
        return "O".into();
    }
    let k = NerKind::ALL[((t - 1) / 2) as usize];
    format!("{}-{}", if t & 1 == 1 { "B" } else { "I" }, k.as_str())
}

#[inline]
fn tag_kind(t: u8) -> Option<NerKind> {
    if t == 0 {
        None
    } else {
        Some(NerKind::ALL[((t - 1) / 2) as usize])
    }
}

#[inline]
fn is_inside(t: usize) -> bool {
    t != 0 && t & 1 == 0
}

/// BIO constraint: I-X only after B-X or I-X (`prev == NT` is the sentence start).
#[inline]
fn allowed(prev: usize, cur: usize) -> bool {
    !is_inside(cur) || (prev != NT && prev != 0 && (prev == cur || prev + 1 == cur))
}

/// Viterbi over emission scores and transition scores (`trans[NT]` is the start row).
pub(crate) fn viterbi(
    em: &[[f32; NT]],
    trans: &[[f32; NT]; NT + 1],
    back: &mut Vec<[u8; NT]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    back.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    let mut score = [f32::NEG_INFINITY; NT];
    for t in 0..NT {
        if allowed(NT, t) {
            score[t] = em[0][t] + trans[NT][t];
        }
    }
    back.push([0; NT]);
    // Transitions with the BIO constraints as -inf, by previous tag: the inner loop runs over
    // the next tags side by side (vectorised), the previous tags in order, so that a tie keeps
    // the first previous tag.
    let mut tp = [[f32::NEG_INFINITY; NT]; NT];
    for (p, row) in tp.iter_mut().enumerate() {
        for (t, x) in row.iter_mut().enumerate() {
            if allowed(p, t) {
                *x = trans[p][t];
            }
        }
    }
    for e in em.iter().skip(1) {
        let mut best = [f32::NEG_INFINITY; NT];
        let mut bp = [0u8; NT];
        for (p, row) in tp.iter().enumerate() {
            let sp = score[p];
            for t in 0..NT {
                let s = sp + row[t];
                if s > best[t] {
                    best[t] = s;
                    bp[t] = p as u8;
                }
            }
        }
        for t in 0..NT {
            score[t] = best[t] + e[t];
        }
        back.push(bp);
    }
    // First best tag on ties, so an untrained model says O.
    let mut t = 0;
    for x in 1..NT {
        if score[x] > score[t] {
            t = x;
        }
    }
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = t as u8;
        t = back[i][t] as usize;
    }
}

/// Turn a tag sequence over `tokens` into spans (with a margin-based confidence per span).
pub(crate) fn spans_of(
    tags: &[u8],
    em: &[[f32; NT]],
    tokens: &[hadath_text::Token],
) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(k) = tag_kind(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tags.len() && is_inside(tags[j] as usize) && tag_kind(tags[j]) == Some(k) {
            j += 1;
        }
        let mut margin = f32::INFINITY;
        for (e, &t) in em[i..j].iter().zip(&tags[i..j]) {
            let own = e[t as usize];
            let other = e
                .iter()
                .enumerate()
                .filter(|&(x, _)| x != t as usize)
                .map(|(_, &v)| v)
                .fold(f32::NEG_INFINITY, f32::max);
            margin = margin.min(own - other);
        }
        let confidence = 1.0 / (1.0 + (-margin / 4.0).exp());
        out.push(NerSpan {
            source: tokens[i].source.start..tokens[j - 1].source.end,
            kind: k,
            confidence,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_bio() {
        // Emissions prefer I-PERS at the start; BIO forbids it.
        let mut em = [[0.0f32; NT]; 2];
        em[0][2] = 5.0;
        em[0][1] = 1.0;
        em[1][2] = 3.0;
        let trans = [[0.0f32; NT]; NT + 1];
        let (mut back, mut out) = (Vec::new(), Vec::new());
        viterbi(&em, &trans, &mut back, &mut out);
        assert_eq!(out, vec![1, 2]);
        assert_eq!(tag_name(1), "B-PERS");
        assert_eq!(tag_name(6), "I-ORG");
    }
}

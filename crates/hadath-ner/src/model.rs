//! The trained model: a compact open-addressing table of quantised feature weights, transition
//! scores, and the binary format it is stored in.
//!
//! Format (little-endian): magic `HDNR`, u32 version, u64 hash of [`FEATURE_SET`], u32 flags
//! (bit 0: gazetteer features), u32 length + UTF-8 provenance text (corpus, command, figures),
//! f32 weight scale, (NT+1)×NT f32 transitions (last row: sentence start), u32 feature count, then
//! per feature sorted by key: LEB128 key delta, u16 mask of non-zero tags, one i16 per set bit.

use crate::doc::doc_codes;
use crate::features::{
    chain_def_feature, chain_shape_feature, chain_value, doc_features, doc_key, extract,
    gaz_features, gaz_flags_stem, gaz_neighbour_features, list_pair_features, neighbour_features,
    own_features, pad_info, position_features, sentence_topic, stem1, tok_info_no_gaz,
    topic_features, FeatureBuf, TokInfo, CTX, CTX_BIGRAMS, FEATURE_SET, T_BI_LEFT, T_BI_LEFT_STEM,
    T_BI_RIGHT, T_CTX_BI,
};
use crate::hash::hash_bytes;
use crate::hash::pair_hash;
use crate::memory::NameMemory;
use crate::{spans_of, viterbi, Error, Gazetteer, NerSpan, NT};
use hadath_text::{Analysis, Folded, Token};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

const MAGIC: &[u8; 4] = b"HDNR";
const VERSION: u32 = 2;
pub(crate) const FLAG_GAZETTEER: u32 = 1;
/// The model has document-consistency features; bits 8–15 of the flags hold its window.
pub(crate) const FLAG_DOC: u32 = 2;

/// One sentence of a document for [`NerModel::tag_document`]: `tokens` are that sentence's
/// tokens of `folded`, the fold of `text` (several sentences may share one text).
#[derive(Debug, Clone, Copy)]
pub struct DocSentence<'a> {
    /// The original text the sentence lies in (the whole document, or the sentence alone).
    pub text: &'a str,
    /// The fold of `text`.
    pub folded: &'a Folded,
    /// The sentence's tokens, with byte ranges into `folded` and `text`.
    pub tokens: &'a [Token],
}

impl<'a> DocSentence<'a> {
    /// The sentences of an analysed document that the tagger reads, in order: those that are
    /// not boilerplate and have two tokens or more (what `hadath-extract` tags).
    pub fn of_document(text: &'a str, analysis: &'a Analysis) -> Vec<DocSentence<'a>> {
        analysis
            .sentences()
            .iter()
            .filter(|s| s.boilerplate.is_none())
            .map(|s| DocSentence {
                text,
                folded: analysis.folded(),
                tokens: analysis.sentence_tokens(s),
            })
            .filter(|s| s.tokens.len() >= 2)
            .collect()
    }
}

static EMBEDDED: &[u8] = include_bytes!("../../../data/models/ner-anercorp.bin");
static EMBEDDED_GAZ: &[u8] = include_bytes!("../../../data/models/ner-anercorp-gaz.bin");

/// The 32-bit table key of a feature hash (never 0: 0 marks an empty slot).
#[inline]
pub(crate) fn key_of(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

/// A trained NER model.
#[derive(Debug, Clone)]
pub struct NerModel {
    /// Open-addressing table: key 0 marks an empty slot; key and weights share a cache line.
    slots: Vec<Slot>,
    mask: usize,
    n_features: usize,
    scale: f32,
    trans: [[f32; NT]; NT + 1],
    flags: u32,
    info: String,
    /// Identifies the weights for the per-thread word cache.
    id: u64,
    /// Contributions of the sentence padding to each context offset.
    pad: [[i32; NT]; CTX_N],
    /// Words seen in names in the training data (see `memory.rs`).
    memory: Option<NameMemory>,
    /// Summed weights of the per-token features over small value sets.
    dense: Dense,
    /// One bit per value of bits `1..1 + FILTER_BITS` of the keys: set when some key in the
    /// table has them. A clear bit means the feature is absent, without touching the big table
    /// (the templates over one word pair share these bits: see `hash::pair_hash`).
    filter: Vec<u64>,
}

/// Size of [`NerModel::filter`]: 2^20 bits (128 KiB, which stays in the L2 cache).
const FILTER_BITS: u32 = 20;

#[inline(always)]
fn filter_index(key: u32) -> usize {
    (key >> 1) as usize & ((1 << FILTER_BITS) - 1)
}

/// Number of word shapes (`TokInfo::shape` of a token is below it: kind × 64 + length × 2 +
/// article).
const SHAPES: usize = 6 * 64;
/// Gazetteer flag values with dense rows (the three bits of `GAZ_*`).
const GAZ_VALUES: usize = 8;
/// Chain values (`features::chain_value`) with dense rows: `8..8 + CHAIN_VALUES`.
const CHAIN_VALUES: usize = 16;

/// The summed weights of the per-token features whose values come from small sets, built when
/// the model is loaded, so that tagging adds one row from a small hot table instead of looking
/// up each feature in the big one. Integer sums: the scores are exactly those of the features
/// looked up one by one.
#[derive(Debug, Clone, Default)]
struct Dense {
    /// Sentence-start and sentence-end features by shape.
    first: Vec<[i32; NT]>,
    last: Vec<[i32; NT]>,
    /// A token's own gazetteer features by flags × shape.
    gaz_own: Vec<[i32; NT]>,
    /// The gazetteer features of the token before (0) and after (1), by its flags.
    gaz_ctx: [[[i32; NT]; GAZ_VALUES]; 2],
    /// Chain features by (value − 8) × definiteness and (value − 8) × shape.
    chain_def: Vec<[i32; NT]>,
    chain_shape: Vec<[i32; NT]>,
}

const CTX_N: usize = 4;

#[derive(Debug, Clone, Copy)]
#[repr(C)]
struct Slot {
    key: u32,
    w: [i16; NT],
}
/// The word cache has 2^18 entries of 256 bytes (64 MiB per thread): the first day of
/// SaudiNewsNet alone has about 100,000 word types, and a word missing from the cache costs
/// about 50 table lookups (with 2^16 entries, `tag_with` ran about 20% slower). The entries
/// form sets of [`WAYS`]: a word may sit in any entry of its set, and the one read longest
/// ago is replaced. Direct-mapped, a third of those word types shared their entry with
/// another and the two kept evicting each other: 47,000 misses per pass over that day,
/// against 16,000 with sets of two and 4,500 with sets of four.
const CACHE_BITS: u32 = 18;
/// Entries per set of the word cache.
const WAYS: usize = 4;

/// The keys of one set of the word cache and when each entry was last read
/// ([`Scratch::tick`]), in one cache line: a lookup reads this line, then only the entry that
/// holds the word.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct CacheSet {
    /// The word's hash (odd), or 0 for an empty entry.
    keys: [u64; WAYS],
    used: [u32; WAYS],
}

// The layouts the prefetches assume: a set in one cache line, an entry in exactly four.
const _: () = assert!(std::mem::size_of::<CacheSet>() == 64);
const _: () = assert!(std::mem::size_of::<WordEntry>() == 256);

impl CacheSet {
    /// The entry to give a new word at read number `tick`: an empty one, else the one read
    /// longest ago (ticks wrap around).
    fn victim(&self, tick: u32) -> usize {
        (0..WAYS)
            .max_by_key(|&k| (self.keys[k] == 0, tick.wrapping_sub(self.used[k])))
            .unwrap_or(0)
    }
}

/// What one word type contributes, cached per thread: its facts, its weights at its own
/// position and at each neighbouring offset (gazetteer features excluded: they are added per
/// token, so any gazetteer can be passed).
/// Aligned to cache lines, so that an entry spans exactly 4 of them.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct WordEntry {
    info: TokInfo,
    rows: WordRows,
    /// The word's gazetteer flags, valid while the generation is `gaz_gen`: one tagging call
    /// (a gazetteer is fixed for one call, not from one call to the next), or every call with
    /// a gazetteer of the same [`Gazetteer::cache_key`].
    gaz: u8,
    gaz_gen: u64,
    /// Where the word's stem (`features::stem1`) starts, in bytes.
    stem_at: u32,
}

/// The summed weights of one word at its own position and at each neighbouring offset.
#[derive(Clone, Copy)]
struct WordRows {
    own: [i32; NT],
    nb: [[i32; NT]; CTX_N],
}

#[derive(Default)]
struct Scratch {
    buf: FeatureBuf,
    em: Vec<[f32; NT]>,
    back: Vec<[u8; NT]>,
    tags: Vec<u8>,
    feats: Vec<u64>,
    infos: Vec<TokInfo>,
    cache: Vec<WordEntry>,
    /// The sets of `cache`: entry `WAYS * i + k` is way `k` of set `i`.
    sets: Vec<CacheSet>,
    cache_model: u64,
    keys: Vec<(u64, usize)>,
    acc: Vec<[i32; NT]>,
    /// The token of each feature in `feats` (per-token features of a whole sentence).
    feat_tok: Vec<u32>,
    /// The number of the last tagging call with an unkeyed gazetteer (see
    /// [`WordEntry::gaz_gen`]); 0 is never one.
    gen: u64,
    /// Word-cache reads so far (wrapping), for [`CacheSet::used`].
    tick: u32,
}

/// Generations of keyed gazetteers have this bit set; call numbers never reach it.
const KEYED_GEN: u64 = 1 << 63;

impl Scratch {
    /// Start a tagging call with `gaz`: the generation whose cached gazetteer flags are valid.
    /// A keyed gazetteer's generation is its key, so flags cached under it stay valid; for
    /// any other, the flags cached by earlier calls are no longer valid.
    fn gen_for(&mut self, gaz: Option<&dyn Gazetteer>) -> u64 {
        match gaz.map_or(0, |g| g.cache_key()) {
            0 => {
                self.gen += 1;
                self.gen
            }
            key => key | KEYED_GEN,
        }
    }
}

mod cache;
mod decode;
mod format;

impl NerModel {
    /// The model embedded in the crate (`data/models/ner-anercorp.bin`), loaded once.
    ///
    /// Panics if the embedded file is not a valid model for this version, which the crate's
    /// tests rule out.
    pub fn embedded() -> &'static NerModel {
        static M: OnceLock<NerModel> = OnceLock::new();
        M.get_or_init(|| {
            NerModel::from_bytes(EMBEDDED)
                .expect("embedded NER model is invalid: retrain (docs/ner.md)")
        })
    }

    /// The embedded model trained with gazetteer features from the knowledge base
    /// (`data/models/ner-anercorp-gaz.bin`): run it with [`NerModel::tag_with`] and
    /// `hadath_lexicon::Lexicon::gazetteer_flags` (2.3 F1 better on the ANERcorp test split, 0.9 in
    /// cross-validation on train).
    pub fn embedded_gazetteer() -> &'static NerModel {
        static M: OnceLock<NerModel> = OnceLock::new();
        M.get_or_init(|| {
            NerModel::from_bytes(EMBEDDED_GAZ)
                .expect("embedded NER model is invalid: retrain (docs/ner.md)")
        })
    }

    /// Provenance text stored with the model (corpus, training command, figures).
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// True when the model was trained with gazetteer features (use [`NerModel::tag_with`]).
    pub fn uses_gazetteer(&self) -> bool {
        self.flags & FLAG_GAZETTEER != 0
    }

    /// The window (in sentences either side) of the document-consistency features, when the
    /// model has them (see [`NerModel::tag_document`]).
    pub fn doc_window(&self) -> Option<usize> {
        (self.flags & FLAG_DOC != 0).then_some((self.flags >> 8) as usize & 0xff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GAZ_LOC;

    /// A small gazetteer for the tests: two cities.
    fn two_cities(w: &str) -> u8 {
        if w == "باريس" || w == "موسكو" {
            GAZ_LOC
        } else {
            0
        }
    }

    #[test]
    fn cached_emissions_equal_plain_ones() {
        let m = NerModel::embedded();
        let text = "وقال الرئيس الفرنسي إيمانويل ماكرون في باريس ( أ ف ب ) إن الرئيس سيزور موسكو .";
        let f = Folded::new(text);
        let toks = hadath_text::tokenize(&f);
        let gaz = two_cities;
        for g in [None, Some(&gaz as &dyn Gazetteer)] {
            for range in [0..toks.len(), 2..5, 0..1] {
                let mut s = Scratch::default();
                // Twice: a cold and a warm cache.
                for _ in 0..2 {
                    let gen = s.gen_for(g);
                    m.fast_emissions(&f, &toks[range.clone()], g, gen, &mut s);
                    let mut buf = FeatureBuf::default();
                    extract(
                        &f,
                        &toks[range.clone()],
                        g,
                        m.memory.as_ref(),
                        None,
                        &mut buf,
                    );
                    let mut em = Vec::new();
                    m.emissions(&buf, &mut em);
                    assert_eq!(em, s.em);
                }
            }
        }
    }

    #[test]
    fn cache_sets_replace_the_entry_read_longest_ago() {
        let mut cs = CacheSet::default();
        // Empty entries first.
        let mut order = Vec::new();
        for n in 0..WAYS {
            let k = cs.victim(10);
            assert_eq!(cs.keys[k], 0);
            cs.keys[k] = 2 * n as u64 + 1;
            cs.used[k] = 5 + n as u32;
            order.push(k);
        }
        // Then the one read longest ago.
        assert_eq!(cs.victim(10), order[0]);
        cs.used[order[0]] = 9;
        assert_eq!(cs.victim(10), order[1]);
        // Across the wrap of the read counter: u32::MAX was read before 3.
        cs.used = [3; WAYS];
        cs.used[WAYS - 1] = u32::MAX;
        assert_eq!(cs.victim(4), WAYS - 1);
    }

    #[test]
    fn keyed_gazetteer_flags_are_kept_between_calls() {
        use crate::KeyedGazetteer;
        use std::cell::Cell;
        let m = NerModel::embedded_gazetteer();
        let text = "وقال الرئيس الفرنسي في باريس إن الرئيس سيزور موسكو .";
        let f = Folded::new(text);
        let toks = hadath_text::tokenize(&f);
        let asked = Cell::new(0);
        let flags = |w: &str| {
            asked.set(asked.get() + 1);
            two_cities(w)
        };
        let tag = |g: &dyn Gazetteer, s: &mut Scratch| {
            let gen = s.gen_for(Some(g));
            m.fast_emissions(&f, &toks, Some(g), gen, s);
            s.em.clone()
        };
        // Unkeyed: every call asks again for every word.
        let mut s = Scratch::default();
        let first = tag(&flags, &mut s);
        let per_call = asked.get();
        assert!(per_call >= toks.len() - 1, "{per_call}");
        assert_eq!(tag(&flags, &mut s), first);
        assert_eq!(asked.get(), 2 * per_call);
        // Keyed: the second call with the same key asks nothing and scores the same.
        let keyed = KeyedGazetteer::new(7, &flags);
        let mut s = Scratch::default();
        asked.set(0);
        assert_eq!(tag(&keyed, &mut s), first);
        assert_eq!(asked.get(), per_call);
        assert_eq!(tag(&keyed, &mut s), first);
        assert_eq!(asked.get(), per_call);
        // Another key (another gazetteer): asked afresh, and its own flags are used.
        let none = |_: &str| 0u8;
        let other = KeyedGazetteer::new(8, &none);
        assert_ne!(tag(&other, &mut s), first);
        assert_eq!(tag(&keyed, &mut s), first);
    }

    #[test]
    fn document_emissions_equal_plain_ones() {
        let m = NerModel::embedded_gazetteer();
        let window = m
            .doc_window()
            .expect("the embedded models have document features");
        let texts = [
            "وقالت منظمة الويبو في جنيف إن الاجتماع سيعقد غدا .",
            "وأضاف المدير العام للويبو فرانسيس غري أن الدول العربية ستشارك .",
            "ورحب غري بالاتفاق الذي وقعته الويبو .",
            "",
        ];
        let folded: Vec<Folded> = texts.iter().map(|t| Folded::new(t)).collect();
        let tokens: Vec<Vec<Token>> = folded.iter().map(hadath_text::tokenize).collect();
        let sents: Vec<DocSentence> = (0..texts.len())
            .map(|k| DocSentence {
                text: texts[k],
                folded: &folded[k],
                tokens: &tokens[k],
            })
            .collect();
        let gaz = |w: &str| if w == "جنيف" { 2u8 } else { 0 };
        for g in [None, Some(&gaz as &dyn Gazetteer)] {
            let mut sc = Scratch::default();
            let gen = sc.gen_for(g);
            let ems = m.doc_emissions(&sents, g, window, gen, &mut sc);
            // The same by the slow path: tags and keys of every sentence alone, codes, then
            // every feature with the codes summed.
            let (mut tags, mut keys) = (Vec::new(), Vec::new());
            for k in 0..texts.len() {
                let (t, ky, _) = m.first_pass(&folded[k], &tokens[k], g);
                tags.push(t);
                keys.push(ky);
            }
            let codes = doc_codes(&keys, &tags, window);
            assert!(codes.iter().flatten().any(|&c| c != 0), "{codes:?}");
            for k in 0..texts.len() {
                let mut buf = FeatureBuf::default();
                extract(
                    &folded[k],
                    &tokens[k],
                    g,
                    m.memory.as_ref(),
                    Some(&codes[k]),
                    &mut buf,
                );
                let mut em = Vec::new();
                m.emissions(&buf, &mut em);
                assert_eq!(em, ems[k]);
            }
            let spans = m.tag_document(&sents, g);
            assert_eq!(spans.len(), texts.len());
            assert!(spans[3].is_empty());
        }
    }

    #[test]
    fn round_trip() {
        let w = vec![
            (
                key_of(1 << 40),
                [1.0, -2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5],
            ),
            (key_of(7 << 33), [0.0; NT]),
        ];
        let mut trans = [[0.0; NT]; NT + 1];
        trans[NT][1] = 0.25;
        let m = NerModel::from_weights(&w, trans, 0, "test".into());
        assert_eq!(m.n_features(), 1);
        let b = m.to_bytes();
        let m2 = NerModel::from_bytes(&b).unwrap();
        assert_eq!(m2.info(), "test");
        assert_eq!(m2.lookup(1 << 40), m.lookup(1 << 40));
        assert!(m2.lookup(3 << 40).is_none());
        assert_eq!(m2.trans[NT][1], 0.25);
        assert!(NerModel::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(matches!(
            NerModel::from_bytes(b"nope"),
            Err(Error::BadMagic)
        ));
    }
}

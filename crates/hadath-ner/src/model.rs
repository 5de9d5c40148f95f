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

#[inline(always)]
fn add_row(acc: &mut [i32; NT], row: &[i32; NT]) {
    for t in 0..NT {
        acc[t] += row[t];
    }
}

/// Ask the kernel to back `len` bytes at `addr` with transparent huge pages where it can
/// (Linux only; a hint, errors ignored). The word cache is read at random slots, one per
/// token: on 4 KiB pages nearly every read is also a TLB miss, and the page walk stalls the
/// prefetch meant to hide it.
fn advise_huge_pages(addr: usize, len: usize) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = addr.div_ceil(HUGE) * HUGE;
        let end = (addr + len) / HUGE * HUGE;
        if end > start {
            // SAFETY: madvise only changes how the kernel backs pages of this process's own
            // allocation (the range lies inside it); it never unmaps or moves them.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (addr, len);
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Hint the CPU to fetch the `len` bytes at `r` into cache (no-op off x86-64).
#[inline(always)]
fn prefetch<T>(r: &T, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let p = r as *const T as *const i8;
        let mut off = 0;
        while off < len {
            // SAFETY: prefetch never faults; the addresses lie within (or just past) `r`.
            #[allow(unused_unsafe)]
            unsafe {
                _mm_prefetch(p.wrapping_add(off), _MM_HINT_T0)
            };
            off += 64;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (r, len);
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

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

    /// Tag the sentences of one document, in order, with document consistency: a first pass
    /// tags each sentence alone (as [`NerModel::tag`] does), then each sentence is tagged again
    /// knowing how the first pass tagged the same words in the nearby sentences (see
    /// `docs/ner.md`). Returns the spans of each sentence. A model without document features
    /// tags each sentence alone. `gaz` is used when [`NerModel::uses_gazetteer`].
    pub fn tag_document(
        &self,
        sentences: &[DocSentence<'_>],
        gaz: Option<&dyn Gazetteer>,
    ) -> Vec<Vec<NerSpan>> {
        let gaz = if self.uses_gazetteer() { gaz } else { None };
        let Some(window) = self.doc_window() else {
            return sentences
                .iter()
                .map(|s| self.tag_impl(s.text, s.folded, s.tokens, gaz))
                .collect();
        };
        SCRATCH.with(|sc| {
            let mut sc = sc.borrow_mut();
            let sc = &mut *sc;
            let gen = sc.gen_for(gaz);
            let (ems, first, changed) = self.doc_pass(sentences, gaz, window, gen, sc);
            let mut out = Vec::with_capacity(sentences.len());
            for (k, (s, em)) in sentences.iter().zip(&ems).enumerate() {
                if changed[k] {
                    viterbi(em, &self.trans, &mut sc.back, &mut sc.tags);
                    out.push(spans_of(&sc.tags, em, s.tokens));
                } else {
                    // No document feature fired: the scores, so the tags, are the first pass's.
                    out.push(spans_of(&first[k], em, s.tokens));
                }
            }
            out
        })
    }

    /// Second-pass emission scores of the sentences of a document: the first pass (the cached
    /// emissions of [`NerModel::tag`]) gives tags, the tags give document codes, and the
    /// codes' features are added to the first-pass scores.
    #[cfg(test)]
    fn doc_emissions(
        &self,
        sentences: &[DocSentence<'_>],
        gaz: Option<&dyn Gazetteer>,
        window: usize,
        gen: u64,
        sc: &mut Scratch,
    ) -> Vec<Vec<[f32; NT]>> {
        self.doc_pass(sentences, gaz, window, gen, sc).0
    }

    /// [`NerModel::doc_emissions`], with the first-pass tags of each sentence and whether any
    /// of its tokens (or their neighbours) has a document code (when none has, the second-pass
    /// scores are the first-pass ones).
    #[allow(clippy::type_complexity)]
    fn doc_pass(
        &self,
        sentences: &[DocSentence<'_>],
        gaz: Option<&dyn Gazetteer>,
        window: usize,
        gen: u64,
        sc: &mut Scratch,
    ) -> (Vec<Vec<[f32; NT]>>, Vec<Vec<u8>>, Vec<bool>) {
        let n = sentences.len();
        let (mut accs, mut tags, mut keys, mut infos) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for s in sentences {
            if s.tokens.is_empty() {
                accs.push(Vec::new());
                tags.push(Vec::new());
                keys.push(Vec::new());
                infos.push(Vec::new());
                continue;
            }
            self.fast_emissions(s.folded, s.tokens, gaz, gen, sc);
            viterbi(&sc.em, &self.trans, &mut sc.back, &mut sc.tags);
            accs.push(sc.acc.clone());
            tags.push(sc.tags.clone());
            keys.push(sc.infos.iter().map(doc_key).collect::<Vec<_>>());
            infos.push(sc.infos.clone());
        }
        let codes = doc_codes(&keys, &tags, window);
        let changed: Vec<bool> = codes.iter().map(|c| c.iter().any(|&x| x != 0)).collect();
        let mut feats = std::mem::take(&mut sc.feats);
        let ems = accs
            .iter_mut()
            .enumerate()
            .map(|(k, acc)| {
                if changed[k] {
                    for (i, a) in acc.iter_mut().enumerate() {
                        feats.clear();
                        doc_features(i, &codes[k], &infos[k][i], &mut feats);
                        self.sum_into(&feats, a);
                    }
                }
                acc.iter()
                    .map(|a| a.map(|x| x as f32 * self.scale))
                    .collect()
            })
            .collect();
        sc.feats = feats;
        (ems, tags, changed)
    }

    /// First-pass tags (no document codes), document keys and emission scores of one sentence
    /// (training).
    #[allow(clippy::type_complexity)]
    pub(crate) fn first_pass(
        &self,
        folded: &Folded,
        tokens: &[Token],
        gaz: Option<&dyn Gazetteer>,
    ) -> (Vec<u8>, Vec<u64>, Vec<[f32; NT]>) {
        let mut s = Scratch::default();
        extract(folded, tokens, gaz, self.memory.as_ref(), None, &mut s.buf);
        self.emissions(&s.buf, &mut s.em);
        viterbi(&s.em, &self.trans, &mut s.back, &mut s.tags);
        (s.tags, s.buf.doc_keys(), s.em)
    }

    /// Tag one sentence: `tokens` are that sentence's tokens of `folded` (the fold of `text`).
    /// Spans are byte ranges of `text` covering whole tokens.
    ///
    /// A model trained with gazetteer features runs here with every gazetteer flag off; prefer
    /// [`NerModel::tag_with`] for it.
    pub fn tag(&self, text: &str, folded: &Folded, tokens: &[Token]) -> Vec<NerSpan> {
        self.tag_impl(text, folded, tokens, None)
    }

    /// Tag one sentence with gazetteer features from `gaz` (only useful when
    /// [`NerModel::uses_gazetteer`]).
    pub fn tag_with(
        &self,
        text: &str,
        folded: &Folded,
        tokens: &[Token],
        gaz: &dyn Gazetteer,
    ) -> Vec<NerSpan> {
        self.tag_impl(text, folded, tokens, Some(gaz))
    }

    fn tag_impl(
        &self,
        text: &str,
        folded: &Folded,
        tokens: &[Token],
        gaz: Option<&dyn Gazetteer>,
    ) -> Vec<NerSpan> {
        debug_assert_eq!(folded.source_len(), text.len());
        if tokens.is_empty() {
            return Vec::new();
        }
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let s = &mut *s;
            let gaz = if self.uses_gazetteer() { gaz } else { None };
            let gen = s.gen_for(gaz);
            self.fast_emissions(folded, tokens, gaz, gen, s);
            viterbi(&s.em, &self.trans, &mut s.back, &mut s.tags);
            spans_of(&s.tags, &s.em, tokens)
        })
    }

    /// The tag indices (see [`crate::tag_name`]) for each token.
    pub fn tag_indices(
        &self,
        folded: &Folded,
        tokens: &[Token],
        gaz: Option<&dyn Gazetteer>,
    ) -> Vec<u8> {
        let mut s = Scratch::default();
        extract(
            folded,
            tokens,
            if self.uses_gazetteer() { gaz } else { None },
            self.memory.as_ref(),
            None,
            &mut s.buf,
        );
        self.emissions(&s.buf, &mut s.em);
        viterbi(&s.em, &self.trans, &mut s.back, &mut s.tags);
        s.tags
    }

    #[inline]
    fn lookup(&self, h: u64) -> Option<&[i16; NT]> {
        let key = key_of(h);
        let mut slot = (key >> 1) as usize & self.mask;
        loop {
            let sl = &self.slots[slot];
            let k = sl.key;
            if k == key {
                return Some(&sl.w);
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    #[inline]
    fn sum_into(&self, feats: &[u64], acc: &mut [i32; NT]) {
        for &h in feats {
            if let Some(r) = self.lookup(h) {
                for t in 0..NT {
                    acc[t] += r[t] as i32;
                }
            }
        }
    }

    fn word_entry(&self, w: &str, kind: hadath_text::TokenKind, feats: &mut Vec<u64>) -> WordEntry {
        let info = tok_info_no_gaz(w, kind, self.memory.as_ref());
        feats.clear();
        own_features(w, kind, &info, feats);
        let mut own = [0i32; NT];
        self.sum_into(feats, &mut own);
        let mut nb = [[0i32; NT]; CTX_N];
        for (k, row) in nb.iter_mut().enumerate() {
            feats.clear();
            neighbour_features(k, &info, Some((w, kind)), feats);
            self.sum_into(feats, row);
        }
        WordEntry {
            info,
            rows: WordRows { own, nb },
            gaz: 0,
            gaz_gen: 0,
            stem_at: (w.len() - stem1(w).len()) as u32,
        }
    }

    /// Emission scores of one sentence, with per-word contributions cached per thread. Gives the
    /// same scores as [`extract`] followed by a sum of every feature's weights.
    fn fast_emissions(
        &self,
        folded: &Folded,
        tokens: &[Token],
        gaz: Option<&dyn Gazetteer>,
        gen: u64,
        s: &mut Scratch,
    ) {
        if s.cache_model != self.id || s.cache.is_empty() {
            let empty = WordEntry {
                info: TokInfo::default(),
                rows: WordRows {
                    own: [0; NT],
                    nb: [[0; NT]; CTX_N],
                },
                gaz: 0,
                gaz_gen: 0,
                stem_at: 0,
            };
            s.cache = Vec::with_capacity(1 << CACHE_BITS);
            advise_huge_pages(
                s.cache.as_ptr() as usize,
                s.cache.capacity() * std::mem::size_of::<WordEntry>(),
            );
            s.cache.resize(1 << CACHE_BITS, empty);
            s.sets = vec![CacheSet::default(); (1 << CACHE_BITS) / WAYS];
            s.cache_model = self.id;
        }
        let text = folded.text();
        let n = tokens.len();
        s.infos.clear();
        // Each word's rows are added where they apply as soon as its entry is read (integer
        // sums: the order does not matter): its own row at its position, its neighbour rows at
        // the positions that see it; the padding rows where a context offset falls outside.
        s.acc.clear();
        s.acc.resize(n, [0; NT]);
        for (i, acc) in s.acc.iter_mut().enumerate() {
            for (k, &off) in CTX.iter().enumerate() {
                let j = i as isize + off;
                if j < 0 || j as usize >= n {
                    add_row(acc, &self.pad[k]);
                }
            }
        }
        // Hash every word and prefetch its set's keys; then prefetch the entry of each word
        // found there. So the memory accesses of a sentence overlap instead of queueing one
        // after another.
        s.keys.clear();
        for t in tokens {
            let key = hash_bytes(0x3c6e_f372_fe94_f82b, text[t.folded.clone()].as_bytes()) | 1;
            let set = (key >> (64 - CACHE_BITS)) as usize / WAYS;
            prefetch(&s.sets[set], std::mem::size_of::<CacheSet>());
            s.keys.push((key, set));
        }
        for &(key, set) in &s.keys {
            if let Some(k) = s.sets[set].keys.iter().position(|&x| x == key) {
                prefetch(&s.cache[set * WAYS + k], std::mem::size_of::<WordEntry>());
            }
        }
        for (t, &(key, set)) in tokens.iter().zip(&s.keys) {
            let w = &text[t.folded.clone()];
            s.tick = s.tick.wrapping_add(1);
            let cs = &mut s.sets[set];
            // (Looked up again: an earlier word of the sentence may have taken the entry.)
            let k = match cs.keys.iter().position(|&x| x == key) {
                Some(k) => k,
                None => {
                    let k = cs.victim(s.tick);
                    cs.keys[k] = key;
                    s.cache[set * WAYS + k] = self.word_entry(w, t.kind, &mut s.feats);
                    k
                }
            };
            cs.used[k] = s.tick;
            let e = &mut s.cache[set * WAYS + k];
            let mut info = e.info;
            if gaz.is_some() {
                if e.gaz_gen != gen {
                    e.gaz = gaz_flags_stem(w, &w[e.stem_at as usize..], t.kind, gaz);
                    e.gaz_gen = gen;
                }
                info.gaz = e.gaz;
            }
            let j = s.infos.len();
            add_row(&mut s.acc[j], &e.rows.own);
            for (k, &off) in CTX.iter().enumerate() {
                let i = j.wrapping_sub(off as usize);
                if i < n {
                    add_row(&mut s.acc[i], &e.rows.nb[k]);
                }
            }
            s.infos.push(info);
        }
        s.em.clear();
        s.feats.clear();
        s.feat_tok.clear();
        let topic = sentence_topic(&s.infos);
        let d = &self.dense;
        for i in 0..n {
            let mut acc = s.acc[i];
            let me = s.infos[i];
            let sh = me.shape as usize;
            let dense = sh < SHAPES;
            let mut feats = std::mem::take(&mut s.feats);
            let from = feats.len();
            if dense {
                if i == 0 {
                    add_row(&mut acc, &d.first[sh]);
                }
                if i + 1 == n {
                    add_row(&mut acc, &d.last[sh]);
                }
            } else {
                position_features(i, n, &me, &mut feats);
            }
            {
                let prev = if i == 0 { pad_info(-1) } else { s.infos[i - 1] };
                let next = if i + 1 == n {
                    pad_info(1)
                } else {
                    s.infos[i + 1]
                };
                list_pair_features(&prev, &me, &next, &mut feats);
            }
            topic_features(topic, &me, &mut feats);
            if let Some(v) = chain_value(i, &s.infos) {
                let c = (v as usize).wrapping_sub(8);
                if dense && c < CHAIN_VALUES {
                    add_row(&mut acc, &d.chain_def[c * 4 + (me.def as usize & 3)]);
                    add_row(&mut acc, &d.chain_shape[c * SHAPES + sh]);
                } else {
                    feats.push(chain_def_feature(v, me.def));
                    feats.push(chain_shape_feature(v, me.shape));
                }
            }
            if gaz.is_some() {
                let g = me.gaz as usize;
                if g != 0 {
                    if dense && g < GAZ_VALUES {
                        add_row(&mut acc, &d.gaz_own[g * SHAPES + sh]);
                    } else {
                        gaz_features(&me, &mut feats);
                    }
                }
                // The ±1 neighbours (the only offsets with gazetteer features).
                for (side, k, j) in [(0, 1, i.wrapping_sub(1)), (1, 2, i + 1)] {
                    if j < n {
                        let o = &s.infos[j];
                        let g = o.gaz as usize;
                        if g != 0 {
                            if g < GAZ_VALUES {
                                add_row(&mut acc, &d.gaz_ctx[side][g]);
                            } else {
                                gaz_neighbour_features(k, o, &mut feats);
                            }
                        }
                    }
                }
            }
            // Prefetch now, add up once the whole sentence is collected.
            for &h in &feats[from..] {
                self.prefetch_key(h);
            }
            s.feat_tok.resize(feats.len(), i as u32);
            s.feats = feats;
            s.acc[i] = acc;
        }
        for (&h, &i) in s.feats.iter().zip(&s.feat_tok) {
            self.add_at(h, &mut s.acc[i as usize]);
        }
        // Pair features, one adjacent pair at a time: the templates over one pair share a home
        // slot in the table, so each pair costs about one cache miss.
        let at = |j: isize| -> TokInfo {
            if j < 0 || j as usize >= n {
                pad_info(j)
            } else {
                s.infos[j as usize]
            }
        };
        let ni = n as isize;
        let inr = |p: isize| p >= 0 && p < ni;
        // Prefetch the home slots of the word pairs and stem pairs first.
        for j in -2..=ni {
            let (a, b) = (at(j), at(j + 1));
            self.prefetch_key(pair_hash(T_BI_LEFT, a.word, b.word));
            self.prefetch_key(pair_hash(T_BI_LEFT_STEM, a.stem, b.stem));
        }
        for j in -2..=ni {
            let (a, b) = (at(j), at(j + 1));
            if inr(j + 1) {
                self.add_at(
                    pair_hash(T_BI_LEFT, a.word, b.word),
                    &mut s.acc[(j + 1) as usize],
                );
            }
            if inr(j) {
                self.add_at(
                    pair_hash(T_BI_RIGHT, a.word, b.word),
                    &mut s.acc[j as usize],
                );
            }
            if inr(j + 1) {
                self.add_at(
                    pair_hash(T_BI_LEFT_STEM, a.stem, b.stem),
                    &mut s.acc[(j + 1) as usize],
                );
            }
            if CTX_BIGRAMS {
                if inr(j + 2) {
                    self.add_at(
                        pair_hash(T_CTX_BI, a.stem, b.stem),
                        &mut s.acc[(j + 2) as usize],
                    );
                }
                if inr(j - 1) {
                    self.add_at(
                        pair_hash(T_CTX_BI + 1, a.stem, b.stem),
                        &mut s.acc[(j - 1) as usize],
                    );
                }
            }
        }
        s.em.extend(s.acc.iter().map(|acc| acc.map(|x| x as f32 * self.scale)));
    }

    /// False when no feature of the table can have hash `h` (see [`NerModel::filter`]).
    #[inline(always)]
    fn may_have(&self, h: u64) -> bool {
        let i = filter_index(key_of(h));
        self.filter[i >> 6] >> (i & 63) & 1 != 0
    }

    #[inline]
    fn prefetch_key(&self, h: u64) {
        if !self.may_have(h) {
            return;
        }
        let slot = (key_of(h) >> 1) as usize & self.mask;
        prefetch(&self.slots[slot], std::mem::size_of::<Slot>());
    }

    #[inline]
    fn add_at(&self, h: u64, acc: &mut [i32; NT]) {
        if !self.may_have(h) {
            return;
        }
        if let Some(r) = self.lookup(h) {
            for t in 0..NT {
                acc[t] += r[t] as i32;
            }
        }
    }

    fn emissions(&self, buf: &FeatureBuf, em: &mut Vec<[f32; NT]>) {
        em.clear();
        for i in 0..buf.len() {
            let mut acc = [0i32; NT];
            for &h in buf.token(i) {
                if let Some(r) = self.lookup(h) {
                    for t in 0..NT {
                        acc[t] += r[t] as i32;
                    }
                }
            }
            em.push(acc.map(|x| x as f32 * self.scale));
        }
    }

    /// Build a model from averaged weights (key → per-tag weight) and transitions.
    pub(crate) fn from_weights(
        weights: &[(u32, [f32; NT])],
        trans: [[f32; NT]; NT + 1],
        flags: u32,
        info: String,
    ) -> NerModel {
        let maxabs = weights
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if maxabs > 0.0 { maxabs / 32767.0 } else { 1.0 };
        let entries: Vec<(u32, [i16; NT])> = weights
            .iter()
            .map(|(k, r)| {
                (
                    *k,
                    r.map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16),
                )
            })
            .filter(|(_, r)| r.iter().any(|&x| x != 0))
            .collect();
        NerModel::from_entries(entries, scale, trans, flags, info)
    }

    fn from_entries(
        mut entries: Vec<(u32, [i16; NT])>,
        scale: f32,
        trans: [[f32; NT]; NT + 1],
        flags: u32,
        info: String,
    ) -> NerModel {
        entries.sort_unstable_by_key(|e| e.0);
        // Merge the rare 32-bit key collisions.
        let mut merged: Vec<(u32, [i16; NT])> = Vec::with_capacity(entries.len());
        for (k, r) in entries {
            match merged.last_mut() {
                Some((lk, lr)) if *lk == k => {
                    for t in 0..NT {
                        lr[t] = lr[t].saturating_add(r[t]);
                    }
                }
                _ => merged.push((k, r)),
            }
        }
        // Load factor between 0.33 and 0.67.
        let cap = (merged.len() * 3 / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![Slot { key: 0, w: [0; NT] }; cap];
        for &(k, r) in &merged {
            let mut slot = (k >> 1) as usize & mask;
            while slots[slot].key != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = Slot { key: k, w: r };
        }
        let mut m = NerModel {
            slots,
            mask,
            n_features: merged.len(),
            scale,
            trans,
            flags,
            info,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            pad: [[0; NT]; CTX_N],
            memory: None,
            dense: Dense::default(),
            filter: vec![0; 1 << (FILTER_BITS - 6)],
        };
        for sl in &m.slots {
            if sl.key != 0 {
                let i = filter_index(sl.key);
                m.filter[i >> 6] |= 1 << (i & 63);
            }
        }
        let mut feats = Vec::new();
        for (k, &off) in CTX.iter().enumerate() {
            feats.clear();
            neighbour_features(k, &pad_info(off), None, &mut feats);
            let mut row = [0i32; NT];
            m.sum_into(&feats, &mut row);
            m.pad[k] = row;
        }
        m.dense = m.build_dense();
        m
    }

    /// The summed weights of the features of one synthetic token (see [`Dense`]).
    fn dense_row(&self, f: impl FnOnce(&mut Vec<u64>)) -> [i32; NT] {
        let mut feats = Vec::new();
        f(&mut feats);
        let mut row = [0i32; NT];
        self.sum_into(&feats, &mut row);
        row
    }

    fn build_dense(&self) -> Dense {
        let info = |shape: usize, gaz: usize, def: u8| TokInfo {
            shape: shape as u64,
            gaz: gaz as u8,
            def,
            ..TokInfo::default()
        };
        let first = (0..SHAPES)
            .map(|sh| self.dense_row(|f| position_features(0, 2, &info(sh, 0, 0), f)))
            .collect();
        let last = (0..SHAPES)
            .map(|sh| self.dense_row(|f| position_features(1, 2, &info(sh, 0, 0), f)))
            .collect();
        let gaz_own = (0..GAZ_VALUES * SHAPES)
            .map(|x| self.dense_row(|f| gaz_features(&info(x % SHAPES, x / SHAPES, 0), f)))
            .collect();
        let mut gaz_ctx = [[[0; NT]; GAZ_VALUES]; 2];
        for (side, k) in [(0, 1), (1, 2)] {
            debug_assert_eq!(CTX[k].abs(), 1);
            for (g, row) in gaz_ctx[side].iter_mut().enumerate() {
                *row = self.dense_row(|f| gaz_neighbour_features(k, &info(0, g, 0), f));
            }
        }
        let chain_def = (0..CHAIN_VALUES * 4)
            .map(|x| {
                let v = (8 + x / 4) as u64;
                self.dense_row(|f| f.push(chain_def_feature(v, (x % 4) as u8)))
            })
            .collect();
        let chain_shape = (0..CHAIN_VALUES * SHAPES)
            .map(|x| {
                let v = (8 + x / SHAPES) as u64;
                self.dense_row(|f| f.push(chain_shape_feature(v, (x % SHAPES) as u64)))
            })
            .collect();
        Dense {
            first,
            last,
            gaz_own,
            gaz_ctx,
            chain_def,
            chain_shape,
        }
    }

    /// Serialise (see the module docs for the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&feature_set_hash().to_le_bytes());
        out.extend_from_slice(&self.flags.to_le_bytes());
        out.extend_from_slice(&(self.info.len() as u32).to_le_bytes());
        out.extend_from_slice(self.info.as_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut entries: Vec<(u32, [i16; NT])> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.w))
            .collect();
        entries.sort_unstable_by_key(|e| e.0);
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (k, r) in entries {
            let mut d = k - prev;
            prev = k;
            loop {
                let b = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
            let mask: u16 = (0..NT).filter(|&t| r[t] != 0).fold(0, |m, t| m | 1 << t);
            out.extend_from_slice(&mask.to_le_bytes());
            for x in r.iter().filter(|&&x| x != 0) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        self.memory.clone().unwrap_or_default().write(&mut out);
        out
    }

    /// Attach the name memory (before any tagging: the word cache is keyed by model).
    pub(crate) fn with_memory(mut self, memory: Option<NameMemory>) -> NerModel {
        self.memory = memory.filter(|m| m.len() > 0);
        self
    }

    /// Load a model written by [`NerModel::to_bytes`].
    ///
    /// # Errors
    ///
    /// [`Error::BadMagic`] when `b` is not a hadath NER model, [`Error::Version`] when it is in
    /// another format version, [`Error::FeatureSet`] when it was trained with another feature set
    /// (retrain it with this version), and [`Error::Corrupt`] when it is truncated, holds an
    /// invalid value or has bytes left over.
    pub fn from_bytes(b: &[u8]) -> Result<NerModel, Error> {
        let mut r = Reader { b, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(Error::BadMagic);
        }
        let v = r.u32()?;
        if v != VERSION {
            return Err(Error::Version(v));
        }
        let fs = r.u64()?;
        if fs != feature_set_hash() {
            return Err(Error::FeatureSet(fs));
        }
        let flags = r.u32()?;
        let n = r.u32()? as usize;
        let info = String::from_utf8(r.take(n)?.to_vec()).map_err(|_| Error::Corrupt(r.pos))?;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| Error::Corrupt(r.pos))?);
        let mut trans = [[0f32; NT]; NT + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| Error::Corrupt(r.pos))?);
            }
        }
        let n = r.u32()? as usize;
        let mut entries = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let mut d = 0u32;
            let mut shift = 0;
            loop {
                let byte = r.take(1)?[0];
                if shift > 28 {
                    return Err(Error::Corrupt(r.pos));
                }
                d |= ((byte & 0x7f) as u32) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            prev = prev.checked_add(d).ok_or(Error::Corrupt(r.pos))?;
            let mask = u16::from_le_bytes([r.take(1)?[0], r.take(1)?[0]]);
            let mut row = [0i16; NT];
            for (t, x) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    let v = r.take(2)?;
                    *x = i16::from_le_bytes([v[0], v[1]]);
                }
            }
            if prev & 1 == 0 {
                return Err(Error::Corrupt(r.pos));
            }
            entries.push((prev, row));
        }
        let n = r.u32()? as usize;
        let mut memory = NameMemory::default();
        for _ in 0..n {
            let len = r.take(1)?[0] as usize;
            let w = std::str::from_utf8(r.take(len)?).map_err(|_| Error::Corrupt(r.pos))?;
            let code = r.take(1)?[0];
            memory.insert(w, code);
        }
        if r.pos != b.len() {
            return Err(Error::Corrupt(r.pos));
        }
        Ok(NerModel::from_entries(entries, scale, trans, flags, info).with_memory(Some(memory)))
    }
}

fn feature_set_hash() -> u64 {
    hash_bytes(0, FEATURE_SET.as_bytes())
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let s = self
            .b
            .get(self.pos..self.pos + n)
            .ok_or(Error::Corrupt(self.pos))?;
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        Ok(self.u32()? as u64 | (self.u32()? as u64) << 32)
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

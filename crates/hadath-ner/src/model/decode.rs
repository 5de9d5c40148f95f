//! Decoding: tagging sentences and documents, and the plain emission scores.

use super::*;

use super::cache::SCRATCH;

impl NerModel {
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
    pub(super) fn doc_emissions(
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
    pub(super) fn lookup(&self, h: u64) -> Option<&[i16; NT]> {
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
    pub(super) fn sum_into(&self, feats: &[u64], acc: &mut [i32; NT]) {
        for &h in feats {
            if let Some(r) = self.lookup(h) {
                for t in 0..NT {
                    acc[t] += r[t] as i32;
                }
            }
        }
    }

    pub(super) fn emissions(&self, buf: &FeatureBuf, em: &mut Vec<[f32; NT]>) {
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
}

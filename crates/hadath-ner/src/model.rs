//! The trained model: a compact open-addressing table of quantised feature weights, transition
//! scores, and the binary format it is stored in.
//!
//! Format (little-endian): magic `HDNR`, u32 version, u64 hash of [`FEATURE_SET`], u32 flags
//! (bit 0: gazetteer features), u32 length + UTF-8 provenance text (corpus, command, figures),
//! f32 weight scale, (NT+1)×NT f32 transitions (last row: sentence start), u32 feature count, then
//! per feature sorted by key: LEB128 key delta, u16 mask of non-zero tags, one i16 per set bit.

use crate::features::{extract, FeatureBuf, FEATURE_SET};
use crate::hash::hash_bytes;
use crate::{spans_of, viterbi, Error, Gazetteer, NerSpan, NT};
use hadath_text::{Folded, Token};
use std::cell::RefCell;
use std::sync::OnceLock;

const MAGIC: &[u8; 4] = b"HDNR";
const VERSION: u32 = 1;
pub(crate) const FLAG_GAZETTEER: u32 = 1;

static EMBEDDED: &[u8] = include_bytes!("../../../data/models/ner-anercorp.bin");

/// The 32-bit table key of a feature hash (never 0: 0 marks an empty slot).
#[inline]
pub(crate) fn key_of(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

/// A trained NER model.
#[derive(Debug, Clone)]
pub struct NerModel {
    keys: Vec<u32>,
    rows: Vec<[i16; NT]>,
    mask: usize,
    n_features: usize,
    scale: f32,
    trans: [[f32; NT]; NT + 1],
    flags: u32,
    info: String,
}

#[derive(Default)]
struct Scratch {
    buf: FeatureBuf,
    em: Vec<[f32; NT]>,
    back: Vec<[u8; NT]>,
    tags: Vec<u8>,
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
            extract(
                folded,
                tokens,
                if self.uses_gazetteer() { gaz } else { None },
                &mut s.buf,
            );
            self.emissions(&s.buf, &mut s.em);
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
            let k = self.keys[slot];
            if k == key {
                return Some(&self.rows[slot]);
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
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
        let cap = (merged.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut keys = vec![0u32; cap];
        let mut rows = vec![[0i16; NT]; cap];
        for &(k, r) in &merged {
            let mut slot = (k >> 1) as usize & mask;
            while keys[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            keys[slot] = k;
            rows[slot] = r;
        }
        NerModel {
            keys,
            rows,
            mask,
            n_features: merged.len(),
            scale,
            trans,
            flags,
            info,
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
            .keys
            .iter()
            .zip(&self.rows)
            .filter(|(k, _)| **k != 0)
            .map(|(k, r)| (*k, *r))
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
        out
    }

    /// Load a model written by [`NerModel::to_bytes`].
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
        if r.pos != b.len() {
            return Err(Error::Corrupt(r.pos));
        }
        Ok(NerModel::from_entries(entries, scale, trans, flags, info))
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

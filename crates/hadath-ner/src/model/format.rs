//! Building a model from weights, and the binary format it is stored in.

use super::*;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl NerModel {
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

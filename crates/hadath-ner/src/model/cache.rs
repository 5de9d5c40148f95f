//! The per-thread word cache and the fast emission scores that read it.

use super::*;

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
    pub(super) static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl NerModel {
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
    pub(super) fn fast_emissions(
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
}

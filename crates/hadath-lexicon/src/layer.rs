//! The key indexes: fsts of folded and loose keys with their postings, behind Bloom filters.

use crate::compile::{self, Compiled, RawEntry, RawKey};
use crate::Error;
use std::borrow::Cow;
use std::collections::HashMap;

/// A small fast hasher for short keys (FxHash).
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The last 1–7 bytes in one step, with their count so that trailing zeros count.
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            b[7] = rest.len() as u8;
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map from words behind a Bloom filter: most words of a text are in no key, and the filter
/// (about a byte per word, two bits in one 64-bit block: one memory access, in cache) turns nearly
/// all of them away without touching the map.
pub(crate) struct BloomMap<V> {
    map: HashMap<Box<str>, V, std::hash::BuildHasherDefault<Fx>>,
    /// Blocks of the filter (a power of two of them).
    bloom: Vec<u64>,
}

impl<V> BloomMap<V> {
    /// The filter from the words.
    fn new(words: impl IntoIterator<Item = (Box<str>, V)>) -> Self {
        let map: HashMap<Box<str>, V, std::hash::BuildHasherDefault<Fx>> =
            words.into_iter().collect();
        let blocks = (map.len() / 8 + 1).next_power_of_two().max(16);
        let mut bloom = vec![0u64; blocks];
        for w in map.keys() {
            let (i, bits) = Self::probe(w, blocks);
            bloom[i] |= bits;
        }
        BloomMap { map, bloom }
    }

    /// The block and the two bits of a word.
    #[inline]
    fn probe(w: &str, blocks: usize) -> (usize, u64) {
        use std::hash::Hasher;
        let mut h = Fx::default();
        h.write(w.as_bytes());
        // A finaliser (from MurmurHash3) spreads Fx's bits over the whole word.
        let mut x = h.finish() ^ w.len() as u64;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        let block = (x >> 12) as usize & (blocks - 1);
        (block, (1 << (x & 63)) | (1 << ((x >> 6) & 63)))
    }

    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        let (i, bits) = Self::probe(w, self.bloom.len());
        if self.bloom[i] & bits != bits {
            return None;
        }
        self.map.get(w)
    }

    #[inline]
    pub(crate) fn contains_key(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
}

/// First word of the keys → the fst state (node address, output) after it.
pub(crate) type FirstWords = BloomMap<(usize, u64)>;

/// The gazetteer flags of every word of the keys (the `words` fst as a filtered hash map: NER
/// asks for every token).
fn word_map(m: &fst::Map<Cow<'static, [u8]>>) -> BloomMap<u8> {
    use fst::Streamer;
    let mut words = Vec::with_capacity(m.len());
    let mut st = m.stream();
    while let Some((k, v)) = st.next() {
        words.push((std::str::from_utf8(k).unwrap_or("").into(), v as u8));
    }
    BloomMap::new(words)
}

fn first_words(m: &fst::Map<Cow<'static, [u8]>>) -> FirstWords {
    use fst::Streamer;
    let mut words: HashMap<Box<str>, (usize, u64)> = HashMap::new();
    let mut st = m.stream();
    while let Some((k, _)) = st.next() {
        let k = std::str::from_utf8(k).unwrap_or("");
        let w = k.split([' ', '\u{1}']).next().unwrap_or(k);
        if !words.contains_key(w) {
            let f = m.as_fst();
            let mut node = f.root();
            let mut out = fst::raw::Output::zero();
            for &b in w.as_bytes() {
                let Some(i) = node.find_input(b) else { break };
                let t = node.transition(i);
                out = out.cat(t.out);
                node = f.node(t.addr);
            }
            words.insert(w.into(), (node.addr(), out.value()));
        }
    }
    BloomMap::new(words)
}

type KeyMap = fst::Map<Cow<'static, [u8]>>;

/// One key index: an fst of folded keys → postings, and its loose (skeleton) twin.
pub(crate) struct Layer {
    /// First words of all keys, and of all loose keys: a fast filter before walking the fsts.
    pub(crate) first: FirstWords,
    pub(crate) lfirst: FirstWords,
    pub(crate) keys: fst::Map<Cow<'static, [u8]>>,
    pub(crate) post: Cow<'static, [u8]>,
    pub(crate) loose: fst::Map<Cow<'static, [u8]>>,
    pub(crate) lpost: Cow<'static, [u8]>,
    /// Gazetteer flags of every key word.
    pub(crate) word_flags: BloomMap<u8>,
}

impl Layer {
    pub(crate) fn embedded() -> Layer {
        let m = |b: &'static [u8]| fst::Map::new(Cow::Borrowed(b)).expect("embedded fst");
        let keys = m(include_bytes!(concat!(env!("OUT_DIR"), "/keys.fst")));
        let loose = m(include_bytes!(concat!(env!("OUT_DIR"), "/loose.fst")));
        let words = m(include_bytes!(concat!(env!("OUT_DIR"), "/words.fst")));
        Layer {
            first: first_words(&keys),
            lfirst: first_words(&loose),
            word_flags: word_map(&words),
            keys,
            post: Cow::Borrowed(include_bytes!(concat!(env!("OUT_DIR"), "/keys.post"))),
            loose,
            lpost: Cow::Borrowed(include_bytes!(concat!(env!("OUT_DIR"), "/loose.post"))),
        }
    }

    pub(crate) fn build(
        keys: &[RawKey],
        loose: &[RawKey],
        entries: &[RawEntry],
        base: u32,
    ) -> Result<Layer, Error> {
        let mk = |keys: &[RawKey]| -> Result<(KeyMap, Cow<'static, [u8]>), Error> {
            let groups = Compiled::groups(keys);
            let (post, vals) = compile::write_postings(&groups);
            let mut b = fst::MapBuilder::memory();
            for ((k, _), v) in groups.iter().zip(vals) {
                b.insert(k, v).map_err(|e| Error::Index(e.to_string()))?;
            }
            let bytes = b.into_inner().map_err(|e| Error::Index(e.to_string()))?;
            Ok((
                fst::Map::new(Cow::Owned(bytes)).map_err(|e| Error::Index(e.to_string()))?,
                Cow::Owned(post),
            ))
        };
        let (keys_map, post) = mk(keys)?;
        let (loose_map, lpost) = mk(loose)?;
        let word_flags = BloomMap::new(
            compile::word_flags(keys, entries, base)
                .into_iter()
                .map(|(w, f)| (w.into_boxed_str(), f)),
        );
        Ok(Layer {
            first: first_words(&keys_map),
            lfirst: first_words(&loose_map),
            word_flags,
            keys: keys_map,
            post,
            loose: loose_map,
            lpost,
        })
    }

    /// The postings (entry << 8 | how) of an fst value.
    pub(crate) fn postings(post: &[u8], v: u64) -> impl Iterator<Item = u32> + '_ {
        let start = (v >> 16) as usize;
        let n = (v & 0xffff) as usize;
        (start..start + n).map(move |i| {
            let b = &post[i * 4..i * 4 + 4];
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    /// The filtered map gives every word of the gazetteer fst its flags, and nothing else.
    #[test]
    fn word_flags_agree_with_the_fst() {
        use fst::Streamer;
        let words = fst::Map::new(Cow::Borrowed(
            &include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"))[..],
        ))
        .unwrap();
        let lx = Lexicon::embedded();
        let mut st = words.stream();
        let mut n = 0;
        while let Some((k, v)) = st.next() {
            let w = std::str::from_utf8(k).unwrap();
            assert_eq!(lx.gazetteer_flags(w), v as u8, "{w}");
            n += 1;
        }
        assert_eq!(n, lx.base.layer.word_flags.map.len());
        assert!(n > 1000);
        // Words in no key, and near misses of key words.
        for w in ["قال", "كتب", "موسكوا", "موسك", "", "x"] {
            assert_eq!(words.get(w), None);
            assert_eq!(lx.gazetteer_flags(w), 0, "{w}");
        }
    }

    /// Every first word of a key is found behind the filter, with the fst state after it.
    #[test]
    fn first_words_pass_the_filter() {
        let l = &Lexicon::embedded().base.layer;
        for first in [&l.first, &l.lfirst] {
            assert!(first.map.len() > 500);
            for (w, v) in &first.map {
                assert_eq!(first.get(w), Some(v), "{w}");
            }
        }
        assert!(l.first.get("موسكو").is_some());
        assert!(l.first.get("قال").is_none());
    }
}

//! Allocation-free feature hashing: a template id and the feature's bytes go to one `u64`.
//!
//! The same function runs at training and at inference, so it must never change for a given
//! model version (the model header records [`crate::features::FEATURE_SET`]).

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash `bytes` under `seed` (a template id or another hash).
#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed.wrapping_mul(K) ^ (bytes.len() as u64).wrapping_mul(0x1000_0000_01b3);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(23) ^ v).wrapping_mul(K);
    }
    let r = chunks.remainder();
    if !r.is_empty() {
        let mut buf = [0u8; 8];
        buf[..r.len()].copy_from_slice(r);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    fmix(h)
}

/// Combine a template id with an already hashed value (a word hash, a class).
#[inline]
pub fn combine(template: u64, value: u64) -> u64 {
    fmix(template.wrapping_mul(K).rotate_left(31) ^ value.wrapping_add(0x2545_F491_4F6C_DD1D))
}

/// Combine three values (a template and two hashed values).
#[inline]
pub fn combine2(template: u64, a: u64, b: u64) -> u64 {
    combine(template, a.rotate_left(13) ^ b.wrapping_mul(K))
}

/// Bits of a feature hash that pick its home slot in the model table (bits 33..57).
const SHARED: u64 = ((1u64 << 24) - 1) << 33;

/// A feature over a pair of hashed values whose home slot depends on the pair only, so that the
/// templates over one pair sit side by side in the model table (one cache miss for all).
#[inline]
pub fn pair_hash(template: u64, a: u64, b: u64) -> u64 {
    let p = fmix(a.rotate_left(13) ^ b.wrapping_mul(K) ^ 0x51ED_2701_A2B3_C4D5);
    let t = fmix(template.wrapping_mul(K) ^ 0x0123_4567_89AB_CDEF);
    (p & SHARED) | ((p ^ t) & !SHARED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_distinct() {
        // Frozen values: changing the hash silently breaks every trained model.
        assert_eq!(hash_bytes(1, b"abc"), hash_bytes(1, b"abc"));
        assert_ne!(hash_bytes(1, b"abc"), hash_bytes(2, b"abc"));
        assert_ne!(hash_bytes(1, b"abc"), hash_bytes(1, b"abd"));
        assert_ne!(hash_bytes(1, b""), hash_bytes(1, b"\0"));
        assert_ne!(hash_bytes(1, b"abcdefgh"), hash_bytes(1, b"abcdefgh\0"));
        assert_ne!(combine(1, 5), combine(2, 5));
        assert_ne!(combine2(1, 5, 6), combine2(1, 6, 5));
        assert_ne!(pair_hash(1, 5, 6), pair_hash(1, 6, 5));
        assert_eq!(pair_hash(1, 5, 6) & SHARED, pair_hash(2, 5, 6) & SHARED);
        // The pair templates in use keep distinct 32-bit table keys for one pair.
        for (a, b) in [(5u64, 6u64), (0, 0), (u64::MAX, 17)] {
            let mut keys: Vec<u32> = [60u64, 61, 62, 85, 86]
                .iter()
                .map(|&t| ((pair_hash(t, a, b) >> 32) as u32) | 1)
                .collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), 5);
        }
    }
}

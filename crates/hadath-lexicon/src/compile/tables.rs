//! The compiled tables: posting groups, entry and posting serialisation, word flags.

use super::*;

impl Compiled {
    /// Sorted, de-duplicated key groups: key → postings (entry << 8 | how).
    pub fn groups(keys: &[RawKey]) -> Vec<(String, Vec<u32>)> {
        let mut v: Vec<(&str, u32, u8)> = keys
            .iter()
            .map(|k| (k.key.as_str(), k.entry, k.how))
            .collect();
        v.sort();
        let mut out: Vec<(String, Vec<u32>)> = Vec::new();
        for (k, e, h) in v {
            let p = (e << 8) | h as u32;
            match out.last_mut() {
                Some((lk, ps)) if lk == k => {
                    // Keep one posting per entry: the best (lowest) how.
                    if !ps.iter().any(|x| x >> 8 == e) {
                        ps.push(p);
                    }
                }
                _ => out.push((k.to_string(), vec![p])),
            }
        }
        out
    }
}

#[allow(dead_code)]
/// Serialise entries: per entry kind, sub, from, to, pop, then name, code, extra (u16 length + bytes).
pub fn write_entries(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for e in entries {
        out.push(e.kind);
        out.push(e.sub);
        out.extend_from_slice(&e.from.to_le_bytes());
        out.extend_from_slice(&e.to.to_le_bytes());
        out.extend_from_slice(&e.pop.to_le_bytes());
        for s in [&e.name, &e.code, &e.extra] {
            out.extend_from_slice(&(s.len() as u16).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
    }
    out
}

/// Read entries written by [`write_entries`].
#[allow(dead_code)]
pub fn read_entries(b: &[u8]) -> Vec<RawEntry> {
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let n = u32_at(0) as usize;
    let mut i = 4;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = b[i];
        let sub = b[i + 1];
        let from = u32_at(i + 2);
        let to = u32_at(i + 6);
        let pop = u32_at(i + 10);
        i += 14;
        let mut s = [String::new(), String::new(), String::new()];
        for x in &mut s {
            let len = u16::from_le_bytes([b[i], b[i + 1]]) as usize;
            i += 2;
            *x = String::from_utf8_lossy(&b[i..i + len]).into_owned();
            i += len;
        }
        let [name, code, extra] = s;
        out.push(RawEntry {
            kind,
            sub,
            name,
            code,
            extra,
            from,
            to,
            pop,
        });
    }
    out
}

/// Serialise postings as u32 LE, and return for each group the fst value: start << 16 | count.
pub fn write_postings(groups: &[(String, Vec<u32>)]) -> (Vec<u8>, Vec<u64>) {
    let mut out = Vec::new();
    let mut vals = Vec::with_capacity(groups.len());
    let mut n: u64 = 0;
    for (_, ps) in groups {
        let count = ps.len().min(0xffff);
        vals.push((n << 16) | count as u64);
        for p in &ps[..count] {
            out.extend_from_slice(&p.to_le_bytes());
        }
        n += count as u64;
    }
    (out, vals)
}

/// Word → gazetteer flag bits, for NER features.
pub fn word_flags(keys: &[RawKey], entries: &[RawEntry], base: u32) -> Vec<(String, u8)> {
    let mut m: HashMap<&str, u8> = HashMap::new();
    for k in keys {
        // Keys of user metonyms point at embedded states: count them as places.
        let bit = match k
            .entry
            .checked_sub(base)
            .and_then(|i| entries.get(i as usize))
        {
            Some(e) => flag_bit(e.kind, k.how),
            None => 2,
        };
        for w in k.key.split(' ') {
            *m.entry(w).or_insert(0) |= bit;
        }
    }
    let mut v: Vec<(String, u8)> = m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    v.sort();
    v
}

/// The gazetteer bit of an entry kind reached by `how`.
pub fn flag_bit(kind: u8, how: u8) -> u8 {
    if how == how::NISBA {
        return 8;
    }
    match kind {
        kind::PERSON => 1,
        kind::COUNTRY | kind::CITY | kind::REGION => 2,
        kind::ORG | kind::IGO => 4,
        kind::TITLE => 16,
        _ => 0,
    }
}

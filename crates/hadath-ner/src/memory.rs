//! Name memory: the words seen inside entities in the training data, with the kinds they were
//! seen as and how often they were names at all. At training time it is jackknifed (each fold
//! sees the memory of the other folds), so the model learns how far to trust it for names met
//! in other articles; the memory of the whole train split ships inside the model.

use crate::corpus::Example;
use std::collections::HashMap;

/// Folded word → code: bits 0–3 the kinds seen (PERS, LOC, ORG, MISC), bits 4–5 the share of
/// its occurrences inside a name (< 1/4, < 3/5, more).
#[derive(Debug, Clone, Default)]
pub(crate) struct NameMemory {
    map: HashMap<Box<str>, u8>,
}

impl NameMemory {
    /// Build from training examples.
    pub(crate) fn build<'a>(examples: impl IntoIterator<Item = &'a Example>) -> NameMemory {
        let mut counts: HashMap<&str, (u32, u32, u8)> = HashMap::new();
        for ex in examples {
            for (t, &tag) in ex.tokens.iter().zip(&ex.tags) {
                if !t.is_word() {
                    continue;
                }
                let w = t.text(&ex.folded);
                if w.chars().nth(1).is_none() {
                    continue;
                }
                let e = counts.entry(w).or_default();
                e.0 += 1;
                if tag != 0 {
                    e.1 += 1;
                    e.2 |= 1 << ((tag - 1) / 2);
                }
            }
        }
        let map = counts
            .into_iter()
            .filter(|(_, c)| c.1 > 0)
            .map(|(w, (all, ent, kinds))| {
                let share = ent as f64 / all as f64;
                let b = if share < 0.25 {
                    0
                } else if share < 0.6 {
                    1
                } else {
                    2
                };
                (w.into(), kinds | (b << 4))
            })
            .collect();
        NameMemory { map }
    }

    #[inline]
    pub(crate) fn get(&self, w: &str) -> u8 {
        self.map.get(w).copied().unwrap_or(0)
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// Serialise: u32 count, then per entry (sorted): u8 length, bytes, u8 code.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let mut v: Vec<(&str, u8)> = self
            .map
            .iter()
            .filter(|(w, _)| w.len() < 256)
            .map(|(w, c)| (&**w, *c))
            .collect();
        v.sort_unstable();
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        for (w, c) in v {
            out.push(w.len() as u8);
            out.extend_from_slice(w.as_bytes());
            out.push(c);
        }
    }

    pub(crate) fn insert(&mut self, w: &str, code: u8) {
        self.map.insert(w.into(), code);
    }
}

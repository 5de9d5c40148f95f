//! Words that only look like time words, told apart by a neighbour (`data/time/guards.tsv`):
//! «بعد عقد اجتماع» is "after holding a meeting", «نحو غد مشرق» "towards a bright future".

use crate::scan::Toks;
use hadath_text::fold_key;
use std::collections::HashMap;
use std::sync::LazyLock;

const GUARDS: &str = include_str!("../../../data/time/guards.tsv");

/// A neighbour form: the folded word, and whether any ending may follow it.
struct Form {
    word: String,
    prefix: bool,
}

/// One guard of a word: the side of the neighbour, and its forms.
struct Guard {
    prev: bool,
    forms: Vec<Form>,
}

static TABLE: LazyLock<HashMap<String, Vec<Guard>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<Guard>> = HashMap::new();
    for line in GUARDS.lines() {
        let c: Vec<&str> = line.split('\t').map(str::trim).collect();
        if line.starts_with('#') || c.len() < 3 || !matches!(c[1], "prev" | "next") {
            continue;
        }
        let forms = c[2]
            .split(',')
            .map(|f| Form {
                word: bare(&fold_key(f.trim().trim_end_matches('*'))).to_string(),
                prefix: f.trim().ends_with('*'),
            })
            .collect();
        map.entry(fold_key(c[0])).or_default().push(Guard {
            prev: c[1] == "prev",
            forms,
        });
    }
    map
});

/// A folded word without a leading و and ال.
fn bare(t: &str) -> &str {
    let t = t.strip_prefix('و').filter(|r| r.len() > 2).unwrap_or(t);
    t.strip_prefix("ال").filter(|r| r.len() > 2).unwrap_or(t)
}

impl Toks<'_> {
    /// Whether a word of tokens `i..j` has a neighbour that makes it no time word.
    pub(crate) fn guarded(&self, i: usize, j: usize) -> bool {
        (i..j).any(|k| {
            let t = self.v[k].t;
            let key = t.strip_prefix('و').filter(|_| self.v[k].waw).unwrap_or(t);
            let Some(guards) = TABLE.get(key) else {
                return false;
            };
            guards.iter().any(|g| {
                let n = if g.prev {
                    k.checked_sub(1)
                } else {
                    Some(k + 1)
                };
                let Some(n) = n.and_then(|n| self.v.get(n)) else {
                    return false;
                };
                let w = bare(n.t);
                g.forms
                    .iter()
                    .any(|f| w == f.word || (f.prefix && w.starts_with(f.word.as_str())))
            })
        })
    }
}

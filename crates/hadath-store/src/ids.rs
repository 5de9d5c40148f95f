//! Stable story event ids. Replacing a document (its new version, or the same articles read
//! from `.jsonl` after `.txt`) deletes its reports; a story event left without reports gives its
//! id to the new report with the same type and words that starts a story event, else to the
//! first new report of its type that matches none, so that re-ingesting a corpus in another
//! form keeps the ids analysts have written down.

use crate::coref::Cache;
use crate::Result;
use rusqlite::Transaction;

/// A story event emptied by the replacement in progress.
pub(crate) struct Freed {
    id: i64,
    kind: String,
    /// The words of the replaced document's reports it held.
    evidence: Vec<String>,
    /// A report of the new version has the same words: the id waits for it.
    claimed: bool,
}

impl Freed {
    pub(crate) fn new(id: i64, kind: &str, evidence: Vec<String>) -> Freed {
        Freed {
            id,
            kind: kind.to_string(),
            evidence,
            claimed: false,
        }
    }
}

/// Mark the freed ids whose words a report of the new version (`evidence`) has.
pub(crate) fn claim<'a>(cache: &mut Cache, evidence: impl Iterator<Item = &'a str>) {
    for e in evidence {
        for f in cache.freed.iter_mut() {
            f.claimed |= f.evidence.iter().any(|x| x == e);
        }
    }
}

/// The id a story event just written as `id` (type `kind`, first report's words `evidence`)
/// keeps: a freed id of its type holding the same words, else the first unclaimed one of its
/// type, else its own.
pub(crate) fn reuse_freed(
    tx: &Transaction,
    cache: &mut Cache,
    id: i64,
    kind: &str,
    evidence: &str,
) -> Result<i64> {
    let same = |f: &Freed| f.kind == kind && f.evidence.iter().any(|x| x == evidence);
    let spare = |f: &Freed| f.kind == kind && !f.claimed;
    let Some(k) =
        (cache.freed.iter().position(same)).or_else(|| cache.freed.iter().position(spare))
    else {
        return Ok(id);
    };
    let old = cache.freed.remove(k).id;
    tx.execute(
        "UPDATE story_events SET story_id = ?1 WHERE story_id = ?2",
        [old, id],
    )?;
    cache.rekey(id, old);
    Ok(old)
}

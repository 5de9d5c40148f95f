//! Stable ids: re-ingesting the same documents (twice, in reverse order, or as `.txt` after
//! `.jsonl`) keeps every document's id and every story event's id.

use hadath_store::{Filter, Store};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `hadath story <paths> --db db`, checked.
fn story(db: &Path, paths: &[PathBuf]) {
    let out = Command::new(env!("CARGO_BIN_EXE_hadath"))
        .env_remove("HADATH_DB")
        .arg("story")
        .args(paths)
        .arg("--quiet")
        .arg("--db")
        .arg(db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The store's document ids, and its story events by id: (type, sources, first report's words).
struct Ids {
    docs: Vec<String>,
    stories: BTreeMap<i64, (String, Vec<String>, Option<String>)>,
}

fn ids(db: &Path) -> Ids {
    let store = Store::open_read_only(db).unwrap();
    let docs = store
        .connection()
        .prepare("SELECT id FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let stories = store
        .timeline(&Filter::default())
        .unwrap()
        .into_iter()
        .map(|e| (e.id, (e.kind, e.sources, e.evidence)))
        .collect();
    Ids { docs, stories }
}

/// The bundled corpus as `.txt` files, in name order.
fn txt_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

#[test]
fn same_corpus_twice_and_reversed_keep_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let files = txt_files();
    story(&db, &files);
    let first = ids(&db);
    assert!(first.docs.len() >= 27 && first.stories.len() > 20);
    story(&db, &files);
    let again = ids(&db);
    assert_eq!(again.docs, first.docs);
    assert_eq!(again.stories, first.stories);
    let mut reversed = files.clone();
    reversed.reverse();
    story(&db, &reversed);
    let rev = ids(&db);
    assert_eq!(rev.docs, first.docs);
    assert_eq!(rev.stories, first.stories);
}

#[test]
fn txt_then_jsonl_keeps_ids() {
    // The same 27 articles: as .txt files (no metadata), then as JSON Lines with their
    // publication dates and titles, which replaces every document.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    story(&db, &txt_files());
    let txt = ids(&db);
    story(&db, &[root().join("examples/corpus.jsonl")]);
    let jsonl = ids(&db);
    assert_eq!(jsonl.docs, txt.docs);
    // A story event reported by the same documents with the same first words keeps its id
    // (one of their ids, where two story events share them).
    let mut by_content: BTreeMap<_, Vec<i64>> = BTreeMap::new();
    for (id, s) in &txt.stories {
        by_content.entry(s).or_default().push(*id);
    }
    let mut same = 0;
    for (id, s) in &jsonl.stories {
        if let Some(old) = by_content.get(s) {
            assert!(old.contains(id), "{s:?} was story {old:?}, is now {id}");
            same += 1;
        }
    }
    // Most story events come back with the same reports: the check is not vacuous.
    assert!(
        same * 10 >= txt.stories.len() * 7,
        "{same} of {} story events found again",
        txt.stories.len()
    );
    // Every story id of the .txt run that still has reports is still there.
    let kept = txt
        .stories
        .keys()
        .filter(|id| jsonl.stories.contains_key(id))
        .count();
    assert!(
        kept >= same,
        "{kept} ids kept, {same} story events found again"
    );
}

//! The ingest driver: the same input gives the same store however it is split or repeated, and
//! two ingests may create one store at the same time.

use hadath_core::{Document, Output};
use hadath_store::driver::{ingest, Input, Options, Quiet};
use hadath_store::Store;
use std::path::Path;

/// An extractor that finds nothing: the driver's bookkeeping is what is tested.
fn nothing(d: &Document) -> Output {
    serde_json::from_value(serde_json::json!({
        "id": d.id, "entities": [], "timexes": [], "events": [], "boilerplate": []
    }))
    .unwrap()
}

fn run(db: &Path, docs: &[(&str, &str)]) -> hadath_store::driver::Report {
    let inputs = docs
        .iter()
        .map(|(id, text)| Input::doc(Document::new(*id, *text), text.len() as u64));
    ingest(db, inputs, &nothing, &Options::default(), &Quiet).unwrap()
}

fn ids(db: &Path) -> Vec<String> {
    let s = Store::open(db).unwrap();
    let mut v: Vec<String> = s
        .connection()
        .prepare("SELECT id FROM documents ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    v.sort();
    v
}

#[test]
fn a_duplicate_whose_original_changed_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let r = run(&db, &[("a", "نص أول"), ("b", "نص أول")]);
    assert_eq!((r.added, r.duplicates), (1, 1));
    assert_eq!(ids(&db), ["a"]);
    // a changes; b's text is now nobody's: b is stored in this run, not the next.
    let r = run(&db, &[("a", "نص ثان"), ("b", "نص أول")]);
    assert_eq!((r.added, r.replaced, r.duplicates), (1, 1, 0), "{r:?}");
    assert_eq!(ids(&db), ["a", "b"]);
}

#[test]
fn order_does_not_change_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("1.db"), dir.path().join("2.db"));
    // the duplicate comes before the change of its original
    run(&one, &[("a", "نص أول")]);
    run(&one, &[("b", "نص أول"), ("a", "نص ثان")]);
    run(&two, &[("a", "نص ثان"), ("b", "نص أول")]);
    assert_eq!(ids(&one), ids(&two));
    assert_eq!(ids(&one), ["a", "b"]);
}

#[test]
fn two_ingests_can_create_one_store_together() {
    for round in 0..8 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("race.db");
        let handles: Vec<_> = (0..2)
            .map(|k| {
                let db = db.clone();
                std::thread::spawn(move || {
                    let text = format!("نص رقم {k}");
                    let inputs = vec![Input::doc(Document::new(format!("d{k}"), text), 10)];
                    ingest(&db, inputs, &nothing, &Options::default(), &Quiet)
                })
            })
            .collect();
        for h in handles {
            let r = h.join().unwrap();
            assert!(r.is_ok(), "round {round}: {:?}", r.err());
        }
        assert_eq!(ids(&db), ["d0", "d1"]);
    }
}

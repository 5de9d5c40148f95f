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

#[test]
fn progress_counts_documents_not_batches() {
    use std::cell::Cell;
    struct Count(Cell<u64>, Cell<u64>);
    impl hadath_store::driver::Progress for Count {
        fn advance(&self, docs: u64, bytes: u64) {
            self.0.set(self.0.get() + docs);
            self.1.set(self.1.get() + bytes);
        }
        fn say(&self, _: &str) {}
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let mut inputs: Vec<Input> = (0..700)
        .map(|i| Input::doc(Document::new(format!("d{i}"), format!("نص رقم {i}")), 3))
        .collect();
    inputs.push(Input::Bad {
        origin: "x.jsonl:9".into(),
        error: "not JSON".into(),
        bytes: 5,
    });
    let c = Count(Cell::new(0), Cell::new(0));
    let r = ingest(&db, inputs, &nothing, &Options::default(), &c).unwrap();
    assert_eq!((r.added, r.bad), (700, 1));
    assert_eq!(
        c.0.get(),
        701,
        "every document once, whatever the batch size"
    );
    assert_eq!(c.1.get(), 700 * 3 + 5);
}

//! The modality gate: the timeline and exports count what the text reports as done or announced
//! for a date; a denied, hypothetical or historical act stays in the store and shows when asked.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_hadath"))
        .env_remove("HADATH_DB")
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "hadath {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn modalities(db: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["timeline", "--db", db.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let v: serde_json::Value = serde_json::from_str(&run(&args)).unwrap();
    let mut m: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["modality"].as_str().unwrap().to_string())
        .collect();
    m.sort();
    m
}

#[test]
fn only_reported_happenings_count_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, db) = (dir.path().join("c.jsonl"), dir.path().join("s.db"));
    let docs = [
        (
            "a",
            "قصفت الطائرات الإسرائيلية مواقع في غزة يوم الأحد 3 مارس 2024.",
        ),
        (
            "b",
            "لم تقصف الطائرات التركية مواقع في العراق يوم الاثنين 4 مارس 2024.",
        ),
    ];
    let lines: Vec<String> = docs
        .iter()
        .map(|(id, t)| {
            serde_json::json!({"id": id, "text": t, "published": "2024-03-05"}).to_string()
        })
        .collect();
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    run(&[
        "ingest",
        corpus.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(modalities(&db, &[]), ["asserted"]);
    assert_eq!(modalities(&db, &["--modality", "reported"]), ["asserted"]);
    assert_eq!(
        modalities(&db, &["--modality", "all"]),
        ["asserted", "negated"]
    );
    assert_eq!(modalities(&db, &["--modality", "negated"]), ["negated"]);
}

//! `hadath story`, the README's main job: ingest then print the timeline; a second run changes
//! nothing and prints the same story.

use std::process::Command;

#[test]
fn story_on_the_bundled_corpus_is_stable() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let db = std::env::temp_dir().join(format!("hadath-story-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&db);
    let run = || {
        let out = Command::new(env!("CARGO_BIN_EXE_hadath"))
            .args(["story", "examples/corpus.jsonl", "--quiet", "--db"])
            .arg(&db)
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let first = run();
    assert!(first.starts_with("ID "), "{first}");
    // Dated events come in date order.
    let dates: Vec<&str> = first
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|d| d.as_bytes()[0].is_ascii_digit())
        .collect();
    assert!(dates.len() > 20);
    assert!(
        dates.windows(2).all(|w| w[0][..4] <= w[1][..4]),
        "{dates:?}"
    );
    assert_eq!(run(), first);
    let _ = std::fs::remove_file(&db);
}

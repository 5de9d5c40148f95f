//! Odd and hostile documents: long runs of punctuation, one name or trigger repeated thousands
//! of times, one enormous sentence. Every stage is linear (or n log n) in the text, so each of
//! these finishes at once; the quadratic stages they were written against took minutes.
//!
//! This is not a speed measurement (those are the benches and `docs/reliability.md`): the
//! deadline is a hang detector, hundreds of times what the linear code needs even in a debug
//! build on a busy machine.

use hadath_extract::{Document, Extractor, Output};
use std::sync::mpsc;
use std::sync::LazyLock;
use std::time::Duration;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// Far more than a linear pass over any of these inputs takes, far less than a quadratic one.
const HANG: Duration = Duration::from_secs(240);

/// `unit` repeated to about `bytes` bytes, under a one-line title.
fn repeated(unit: &str, bytes: usize) -> String {
    let mut s = String::from("خبر\n");
    s.push_str(&unit.repeat(bytes / unit.len() + 1));
    s
}

/// Extract on another thread; panic if it has not finished by [`HANG`].
fn finishes(name: &str, text: String) -> Output {
    LazyLock::force(&X);
    let (tx, rx) = mpsc::channel();
    let name = name.to_string();
    std::thread::spawn(move || {
        let out = X.extract(&Document::new("hostile", text));
        let _ = tx.send(out);
    });
    match rx.recv_timeout(HANG) {
        Ok(out) => out,
        Err(_) => panic!("{name}: extraction did not finish in {HANG:?}: a stage is not linear"),
    }
}

#[test]
fn a_run_of_full_stops_is_linear() {
    // 400,000 '.': the boilerplate pass looked for a word after each of them (quadratic).
    let out = finishes("dots", repeated(".", 400_000));
    assert!(out.events.is_empty());
}

#[test]
fn a_run_of_ellipses_is_linear() {
    let out = finishes("ellipses", repeated("…", 300_000));
    assert!(out.events.is_empty());
}

#[test]
fn one_name_repeated_is_linear() {
    // 1 MB of "مصر ": every sentence scanned every entity, number and date of the document.
    let out = finishes("names", repeated("مصر ", 1 << 20));
    assert!(out.entities.len() > 10_000);
}

#[test]
fn many_sentences_with_names_dates_and_triggers_are_linear() {
    // 60,000 distinct short sentences (2.6 MB): each one scanned the whole document's time
    // expressions, entities and numbers, and each mention the whole list of mentions.
    let text: String = (0..60_000)
        .map(|i| format!("قصفت مصر قطر أمس في الخبر {i}.\n"))
        .collect();
    let out = finishes("sentences", format!("خبر\n{text}"));
    assert!(!out.events.is_empty());
}

#[test]
fn one_enormous_sentence_of_triggers_is_bounded() {
    // No full stop and no line break: one sentence of some 100,000 tokens, read in pieces.
    let out = finishes("one sentence", repeated("قصف مصر، ", 1 << 20));
    assert!(out.entities.len() > 10_000);
}

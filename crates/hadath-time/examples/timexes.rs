//! Read JSON Lines documents (`{"id", "text", "published"?}`) on stdin and print, for each, its
//! time expressions, numbers and publication date as one JSON line.
//!
//! `cargo run --release -p hadath-time --example timexes < docs.jsonl`

use hadath_text::Folded;
use hadath_time::{analyze, infer_publication};
use jiff::civil::Date;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = line.expect("read stdin");
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("skipping a line that is not JSON: {e}");
                continue;
            }
        };
        let id = doc.get("id").cloned().unwrap_or(Value::Null);
        let text = doc.get("text").and_then(Value::as_str).unwrap_or_default();
        let given: Option<Date> = doc
            .get("published")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok());
        let folded = Folded::new(text);
        let inferred = if given.is_none() {
            infer_publication(text, &folded)
        } else {
            None
        };
        let published = match (given, &inferred) {
            (Some(d), _) => Some(json!({"date": d.to_string(), "inferred": false})),
            (None, Some(p)) => {
                Some(json!({"date": p.date.to_string(), "inferred": true, "reason": p.reason}))
            }
            (None, None) => None,
        };
        let anchor = given.or(inferred.map(|p| p.date));
        let a = analyze(text, &folded, anchor);
        let timexes: Vec<Value> = a
            .timexes
            .iter()
            .map(|t| {
                json!({
                    "start": t.source.start, "end": t.source.end, "text": &text[t.source.clone()],
                    "type": t.kind.as_str(), "value": t.value,
                })
            })
            .collect();
        let numbers: Vec<Value> = a
            .numbers
            .iter()
            .map(|q| {
                json!({
                    "start": q.source.start, "end": q.source.end, "text": &text[q.source.clone()],
                    "value": q.value, "qualifier": q.qualifier.as_str(),
                })
            })
            .collect();
        let rec = json!({"id": id, "published": published, "timexes": timexes, "numbers": numbers});
        writeln!(out, "{rec}").expect("write stdout");
    }
}

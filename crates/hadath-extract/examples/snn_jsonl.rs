//! Dump SaudiNewsNet articles as engine input (JSON Lines) for speed and memory measurements:
//! `cargo run --release -p hadath-extract --example snn_jsonl -- 2000 > /tmp/snn.jsonl`.
//! The data is CC BY-NC-SA 4.0: local measurements only, never committed.

use std::io::Write;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let Some(arts) = hadath_testdata::saudinewsnet(n) else {
        eprintln!("../shared is absent: nothing to dump");
        std::process::exit(2);
    };
    let out = std::io::stdout();
    let mut out = out.lock();
    for (i, a) in arts.iter().enumerate() {
        let mut rec = serde_json::json!({"id": format!("snn-{i}"), "text": a.text, "url": a.url, "source": a.source});
        if a.date.len() >= 10 {
            rec["published"] = a.date[..10].into();
        }
        writeln!(out, "{rec}").expect("stdout");
    }
}

//! Write the SaudiNewsNet articles from `../shared` as JSON Lines, for the ingest benchmark:
//!
//! ```sh
//! cargo run --release -p hadath-store --example dump_saudinewsnet -- /tmp/snn.jsonl
//! /usr/bin/time -v target/release/hadath ingest /tmp/snn.jsonl --db /tmp/snn.db -q
//! ```

use std::io::Write;

fn main() -> std::io::Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/snn.jsonl".into());
    let limit = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let Some(articles) = hadath_testdata::saudinewsnet(limit) else {
        eprintln!("no ../shared/arabic-data/saudinewsnet here: nothing to dump");
        return Ok(());
    };
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for a in &articles {
        let v = serde_json::json!({
            "id": a.id, "url": a.url, "title": a.title, "published": a.date,
            "source": a.source, "text": a.text,
        });
        serde_json::to_writer(&mut w, &v)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    eprintln!("{} articles written to {out}", articles.len());
    Ok(())
}

//! Time the store alone: extract N SaudiNewsNet articles first, then store them.
//!
//! ```sh
//! cargo run --release -p hadath-cli --example store_bench -- 5000
//! ```

use hadath_extract::{Document, Extractor};

use std::time::Instant;

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let Some(arts) = hadath_testdata::saudinewsnet(n) else {
        eprintln!("no ../shared/arabic-data/saudinewsnet: nothing to measure");
        return;
    };
    let docs: Vec<Document> = arts
        .into_iter()
        .map(|a| Document {
            id: a.id,
            text: a.text,
            title: Some(a.title),
            published: Some(a.date).filter(|d| !d.is_empty()),
            url: Some(a.url),
            source: Some(a.source),
            ..Document::default()
        })
        .collect();
    // The statistical tagger is skipped: this measures the store, not the extractor.
    let x = Extractor::new(&hadath_extract::Config {
        no_ner: true,
        ..Default::default()
    })
    .expect("embedded data");
    let t = Instant::now();
    let outs: Vec<_> = docs.iter().map(|d| x.extract(d)).collect();
    let ext = t.elapsed().as_secs_f64();
    println!(
        "extract: {} docs in {ext:.2} s on one thread ({:.0}/s)",
        docs.len(),
        docs.len() as f64 / ext
    );
    let dir = std::env::temp_dir().join(format!("hadath-store-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.db");
    let mut s = hadath_store::Store::open(&path).unwrap();
    let t = Instant::now();
    for (d, o) in docs.iter().zip(&outs) {
        s.put(d, o).unwrap();
    }
    let st = t.elapsed().as_secs_f64();
    println!(
        "store: {} docs in {st:.2} s, one transaction each ({:.0}/s)",
        docs.len(),
        docs.len() as f64 / st
    );
    let batched = dir.join("batched.db");
    let mut b = hadath_store::Store::open(&batched).unwrap();
    let t = Instant::now();
    for chunk in docs.chunks(256).zip(outs.chunks(256)) {
        b.put_many(chunk.0.iter().zip(chunk.1)).unwrap();
    }
    let bt = t.elapsed().as_secs_f64();
    println!(
        "store: {} docs in {bt:.2} s, 256 documents a transaction ({:.0}/s)",
        docs.len(),
        docs.len() as f64 / bt
    );
    drop(b);
    std::fs::remove_file(&batched).ok();
    let t = Instant::now();
    for (d, o) in docs.iter().zip(&outs) {
        s.put(d, o).unwrap();
    }
    let again = t.elapsed().as_secs_f64();
    println!(
        "store again (all unchanged): {again:.2} s ({:.0}/s)",
        docs.len() as f64 / again
    );
    drop(s);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!("store size: {:.1} MB", size as f64 / 1e6);
    std::fs::remove_dir_all(&dir).ok();
}

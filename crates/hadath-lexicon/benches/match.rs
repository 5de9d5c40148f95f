//! Matching throughput on real news text (SaudiNewsNet, first day file; skipped when absent).
//!
//! `cargo bench -p hadath-lexicon --bench match` reports MB/s of source text for
//! `find_mentions` alone (folding and tokenising measured separately).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hadath_lexicon::Lexicon;
use hadath_text::{tokenize, Folded};
use std::io::Read;

fn load() -> Option<Vec<String>> {
    let path = std::env::var("HADATH_SHARED").unwrap_or_else(|_| "../../../shared".into());
    let zip_path = format!("{path}/arabic-data/saudinewsnet/2015-07-21.zip");
    let alt = "/work/shared/arabic-data/saudinewsnet/2015-07-21.zip";
    let f = std::fs::File::open(&zip_path)
        .or_else(|_| std::fs::File::open(alt))
        .ok()?;
    let mut z = zip::ZipArchive::new(f).ok()?;
    let mut s = String::new();
    z.by_index(0).ok()?.read_to_string(&mut s).ok()?;
    let v: serde_json::Value = serde_json::from_str(&s).ok()?;
    let docs: Vec<String> = v
        .as_array()?
        .iter()
        .filter_map(|d| d["content"].as_str().map(str::to_string))
        .take(1000)
        .collect();
    Some(docs)
}

fn bench(c: &mut Criterion) {
    let Some(docs) = load() else {
        eprintln!("SaudiNewsNet not found (set HADATH_SHARED): skipping the match bench");
        return;
    };
    let lx = Lexicon::embedded();
    let bytes: usize = docs.iter().map(String::len).sum();
    let prepared: Vec<(Folded, Vec<hadath_text::Token>)> = docs
        .iter()
        .map(|d| {
            let f = Folded::new(d);
            let t = tokenize(&f);
            (f, t)
        })
        .collect();
    let date = Some("2015-07-21".parse().unwrap());
    let n: usize = docs
        .iter()
        .zip(&prepared)
        .map(|(d, (f, t))| lx.find_mentions(d, f, t, date).len())
        .sum();
    eprintln!(
        "{} documents, {:.1} MB, {} mentions",
        docs.len(),
        bytes as f64 / 1e6,
        n
    );
    let mut g = c.benchmark_group("lexicon");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("find_mentions", |b| {
        b.iter(|| {
            let mut n = 0;
            for (d, (f, t)) in docs.iter().zip(&prepared) {
                n += lx.find_mentions(d, f, t, date).len();
            }
            n
        })
    });
    g.bench_function("fold+tokenize+find_mentions", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let f = Folded::new(d);
                let t = tokenize(&f);
                n += lx.find_mentions(d, &f, &t, date).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Matching throughput on real news text (SaudiNewsNet, first day file; skipped when absent).
//!
//! `cargo bench -p hadath-lexicon --bench match` reports MB/s of source text for
//! `find_mentions` alone (folding and tokenising measured separately).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hadath_lexicon::Lexicon;
use hadath_text::{tokenize, Folded};

/// The first 1,000 SaudiNewsNet articles (the first day file), or `None` without ../shared.
fn load() -> Option<Vec<String>> {
    hadath_testdata::first_articles(1000)
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

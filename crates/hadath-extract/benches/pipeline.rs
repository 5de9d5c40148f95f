//! Throughput of the whole pipeline (text → entities, timexes, events) over SaudiNewsNet
//! articles. Skips with a message when ../shared is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hadath_extract::{Document, Extractor};

fn pipeline(c: &mut Criterion) {
    let Some(texts) = hadath_testdata::news_text(2_000_000) else {
        eprintln!("pipeline bench: ../shared is absent, skipping");
        return;
    };
    let docs: Vec<Document> = texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Document::new(i.to_string(), t))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let x = Extractor::default();
    // warm the embedded data
    let _ = x.extract(&docs[0]);
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("saudinewsnet", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &docs {
                n += x.extract(d).events.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);

//! Throughput of the text layer (fold + tokenise + sentence split + boilerplate + clitic
//! segmentation of every word) over real news text from SaudiNewsNet.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hadath_text::{segmentations, Analysis};

fn bench(c: &mut Criterion) {
    let Some(docs) = hadath_testdata::news_text(4 << 20) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent: skipping the text benchmark");
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("analyse+segment", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &docs {
                let a = Analysis::new(d);
                for t in a.tokens().iter().filter(|t| t.is_word()) {
                    n += segmentations(&a.folded().text()[t.folded.clone()]).len();
                }
                n += a.sentences().len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Throughput of hadath-time on real news: SaudiNewsNet articles (../shared, local measurement only).
//! `cargo bench -p hadath-time --bench time`. Skips with a note when ../shared is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hadath_text::Folded;
use hadath_time::analyze;
use jiff::civil::date;
use std::io::Read;
use std::path::PathBuf;

fn load() -> Vec<String> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/arabic-data/saudinewsnet");
    let mut docs = Vec::new();
    for day in ["2015-07-21", "2015-07-22", "2015-08-01"] {
        let Ok(f) = std::fs::File::open(dir.join(format!("{day}.zip"))) else {
            continue;
        };
        let Ok(mut z) = zip::ZipArchive::new(f) else {
            continue;
        };
        for i in 0..z.len() {
            let mut s = String::new();
            if z.by_index(i)
                .and_then(|mut e| e.read_to_string(&mut s).map_err(Into::into))
                .is_err()
            {
                continue;
            }
            let Ok(serde_json::Value::Array(a)) = serde_json::from_str::<serde_json::Value>(&s)
            else {
                continue;
            };
            for d in a {
                if let Some(t) = d.get("content").and_then(|v| v.as_str()) {
                    docs.push(t.to_string());
                }
            }
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = load();
    if docs.is_empty() {
        eprintln!("note: ../shared/arabic-data/saudinewsnet not found; hadath-time bench skipped");
        return;
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let folded: Vec<Folded> = docs.iter().map(|d| Folded::new(d)).collect();
    eprintln!(
        "hadath-time bench: {} articles, {:.1} MB",
        docs.len(),
        bytes as f64 / 1e6
    );
    let anchor = Some(date(2015, 7, 21));
    let mut g = c.benchmark_group("hadath-time");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("timexes+numbers (folded given)", |b| {
        b.iter(|| {
            let mut n = 0;
            for (d, f) in docs.iter().zip(&folded) {
                let a = analyze(d, f, anchor);
                n += a.timexes.len() + a.numbers.len();
            }
            n
        })
    });
    g.bench_function("fold+analyze", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let f = Folded::new(d);
                let a = analyze(d, &f, anchor);
                n += a.timexes.len() + a.numbers.len() + usize::from(a.self_dated.is_some());
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! CPU-time throughput of `NerModel::tag` alone (no gazetteer) over the bench text (1,000
//! SaudiNewsNet articles), independent of other load on the machine:
//! `cargo run --release -p hadath-ner --example speed -- /work/shared/arabic-data/saudinewsnet/2015-07-21.zip [passes]`.

use hadath_ner::NerModel;
use hadath_text::{tokenize, Folded, TokenKind};
use std::io::Read;

/// CPU seconds (user + system) used by this thread so far.
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "/work/shared/arabic-data/saudinewsnet/2015-07-21.zip".into());
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(5);
    let mut z = zip::ZipArchive::new(std::fs::File::open(&path).expect("open zip")).expect("zip");
    let mut s = String::new();
    z.by_index(0)
        .expect("entry")
        .read_to_string(&mut s)
        .expect("read");
    let v: serde_json::Value = serde_json::from_str(&s).expect("json");
    let docs: Vec<String> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["content"].as_str().map(str::to_string))
        .take(1000)
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let prepared: Vec<_> = docs
        .iter()
        .map(|d| {
            let f = Folded::new(d);
            let t = tokenize(&f);
            let mut cuts = Vec::new();
            let mut start = 0;
            for (i, tk) in t.iter().enumerate() {
                let end = tk.kind == TokenKind::Punct && matches!(tk.text(&f), "." | "!" | "?");
                if end || i + 1 - start >= 80 {
                    cuts.push(start..i + 1);
                    start = i + 1;
                }
            }
            if start < t.len() {
                cuts.push(start..t.len());
            }
            (f, t, cuts)
        })
        .collect();
    let model = NerModel::embedded();
    let mut n = 0;
    let mut run = || {
        for (d, (f, t, cs)) in docs.iter().zip(&prepared) {
            for c in cs {
                n += model.tag(d, f, &t[c.clone()]).len();
            }
        }
    };
    run(); // warm the word cache
    let t0 = cpu_seconds();
    for _ in 0..passes {
        run();
    }
    let cpu = cpu_seconds() - t0;
    println!(
        "{:.1} MB x {passes} in {cpu:.2} CPU s: {:.1} MB/s ({:.1} MiB/s), {n} spans",
        bytes as f64 / 1e6,
        (bytes * passes) as f64 / 1e6 / cpu,
        (bytes * passes) as f64 / 1048576.0 / cpu
    );
}

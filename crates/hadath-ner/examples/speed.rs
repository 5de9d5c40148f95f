//! CPU-time throughput of `NerModel::tag` alone (no gazetteer) over the bench text (1,000
//! SaudiNewsNet articles), independent of other load on the machine:
//! `cargo run --release -p hadath-ner --example speed [-- PASSES] [--doc]`. With `--doc`, each
//! article is tagged with `NerModel::tag_document` (its sentences together) instead.

use hadath_ner::{DocSentence, NerModel};
use hadath_testdata::cpu_seconds;
use hadath_text::{tokenize, Folded, TokenKind};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let doc_mode = args.iter().any(|a| a == "--doc");
    args.retain(|a| a != "--doc");
    let passes: usize = args.first().and_then(|p| p.parse().ok()).unwrap_or(5);
    let Some(docs) = hadath_testdata::first_articles(1000) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent");
        return;
    };
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
            if doc_mode {
                let sents: Vec<DocSentence> = cs
                    .iter()
                    .map(|c| DocSentence {
                        text: d,
                        folded: f,
                        tokens: &t[c.clone()],
                    })
                    .collect();
                n += model
                    .tag_document(&sents, None)
                    .iter()
                    .map(Vec::len)
                    .sum::<usize>();
            } else {
                for c in cs {
                    n += model.tag(d, f, &t[c.clone()]).len();
                }
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

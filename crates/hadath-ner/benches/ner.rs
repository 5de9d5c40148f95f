//! NER throughput on real news text (SaudiNewsNet, first day file; skipped when absent).
//!
//! `cargo bench -p hadath-ner --bench ner` reports MB/s of source text for: NER alone over
//! prepared sentences; folding + tokenising + NER; and the knowledge-base matcher plus NER
//! (`hadath_lexicon::find_mentions` then `NerModel::tag`, sentence by sentence), one core.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hadath_lexicon::Lexicon;
use hadath_ner::NerModel;
use hadath_text::{tokenize, Folded, Token, TokenKind};
use std::ops::Range;

/// The first 1,000 SaudiNewsNet articles (the first day file), or `None` without ../shared.
fn load() -> Option<Vec<String>> {
    hadath_testdata::first_articles(1000)
}

/// Sentence-sized token ranges: cut after . ! ? and every 80 tokens at most.
fn chunks(folded: &Folded, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let end = t.kind == TokenKind::Punct && matches!(t.text(folded), "." | "!" | "?");
        if end || i + 1 - start >= 80 {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

fn bench(c: &mut Criterion) {
    let Some(docs) = load() else {
        eprintln!("SaudiNewsNet not found (set HADATH_SHARED): skipping the NER bench");
        return;
    };
    let model = NerModel::embedded();
    let lx = Lexicon::embedded();
    let bytes: usize = docs.iter().map(String::len).sum();
    let prepared: Vec<(Folded, Vec<Token>, Vec<Range<usize>>)> = docs
        .iter()
        .map(|d| {
            let f = Folded::new(d);
            let t = tokenize(&f);
            let c = chunks(&f, &t);
            (f, t, c)
        })
        .collect();
    let tag_all = |d: &str, f: &Folded, t: &[Token], cs: &[Range<usize>]| -> usize {
        cs.iter()
            .map(|c| model.tag(d, f, &t[c.clone()]).len())
            .sum()
    };
    let n: usize = docs
        .iter()
        .zip(&prepared)
        .map(|(d, (f, t, cs))| tag_all(d, f, t, cs))
        .sum();
    let ntok: usize = prepared.iter().map(|p| p.1.len()).sum();
    eprintln!(
        "{} documents, {:.1} MB, {} tokens, {} NER spans",
        docs.len(),
        bytes as f64 / 1e6,
        ntok,
        n
    );
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("tag", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&prepared)
                .map(|(d, (f, t, cs))| tag_all(d, f, t, cs))
                .sum::<usize>()
        })
    });
    g.bench_function("fold_tokenize_tag", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let f = Folded::new(d);
                let t = tokenize(&f);
                let cs = chunks(&f, &t);
                n += tag_all(d, &f, &t, &cs);
            }
            n
        })
    });
    let date = Some("2015-07-21".parse().unwrap());
    g.bench_function("match_and_tag", |b| {
        b.iter(|| {
            let mut n = 0;
            for (d, (f, t, cs)) in docs.iter().zip(&prepared) {
                n += lx.find_mentions(d, f, t, date).len();
                n += tag_all(d, f, t, cs);
            }
            n
        })
    });
    g.bench_function("fold_tokenize_match_and_tag", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let f = Folded::new(d);
                let t = tokenize(&f);
                let cs = chunks(&f, &t);
                n += lx.find_mentions(d, &f, &t, date).len();
                n += tag_all(d, &f, &t, &cs);
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

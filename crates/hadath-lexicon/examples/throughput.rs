//! Matching throughput in CPU time (robust on a loaded machine, unlike wall-clock benches).
//!
//! `cargo run --release -p hadath-lexicon --example throughput` — over the first SaudiNewsNet
//! day file under ../shared. Prints MB/s of source text per CPU second for
//! `find_mentions` alone and for folding + tokenising + `find_mentions`.

use hadath_lexicon::Lexicon;
use hadath_testdata::cpu_seconds;
use hadath_text::{tokenize, Folded};

fn main() {
    // The first SaudiNewsNet day file (2,972 articles).
    let Some(docs) = hadath_testdata::first_articles(2972) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent");
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let lx = Lexicon::embedded();
    let date = Some("2015-07-21".parse().unwrap());
    let prepared: Vec<_> = docs
        .iter()
        .map(|d| {
            let f = Folded::new(d);
            let t = tokenize(&f);
            (f, t)
        })
        .collect();
    let rounds = 5;
    let t0 = cpu_seconds();
    let mut n = 0;
    for _ in 0..rounds {
        for (d, (f, t)) in docs.iter().zip(&prepared) {
            n += lx.find_mentions(d, f, t, date).len();
        }
    }
    let t1 = cpu_seconds();
    for _ in 0..rounds {
        for d in &docs {
            let f = Folded::new(d);
            let t = tokenize(&f);
            n += lx.find_mentions(d, &f, &t, date).len();
        }
    }
    let t2 = cpu_seconds();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} documents, {:.1} MB x {rounds} rounds, {n} mentions",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!(
        "find_mentions:                   {:.1} MB/s per CPU second",
        mb / (t1 - t0)
    );
    println!(
        "fold + tokenize + find_mentions: {:.1} MB/s per CPU second",
        mb / (t2 - t1)
    );
}

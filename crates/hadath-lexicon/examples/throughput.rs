//! Matching throughput in CPU time (robust on a loaded machine, unlike wall-clock benches).
//!
//! `cargo run --release -p hadath-lexicon --example throughput [-- ZIP]` — default: the first
//! SaudiNewsNet day file under ../shared. Prints MB/s of source text per CPU second for
//! `find_mentions` alone and for folding + tokenising + `find_mentions`.

use hadath_lexicon::Lexicon;
use hadath_text::{tokenize, Folded};
use std::io::Read;

/// User + system CPU seconds of this process, from /proc/self/stat.
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/arabic-data/saudinewsnet/2015-07-21.zip".into());
    let mut z = zip::ZipArchive::new(std::fs::File::open(&path).expect("zip")).expect("zip");
    let mut s = String::new();
    z.by_index(0).unwrap().read_to_string(&mut s).unwrap();
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    let docs: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["content"].as_str().map(str::to_string))
        .collect();
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

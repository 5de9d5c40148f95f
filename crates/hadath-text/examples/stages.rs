//! Time each stage of the text layer over SaudiNewsNet (a quick profile; the criterion bench is
//! the reference figure).
use hadath_text::*;
use std::time::Instant;

/// CPU seconds this thread has used (user + system), from /proc: robust to other processes
/// competing for the cores, unlike wall-clock time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

fn main() {
    let docs = hadath_testdata::news_text(8 << 20).expect("needs ../shared");
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let t = Instant::now();
    let folded: Vec<Folded> = docs.iter().map(|d| Folded::new(d)).collect();
    let t1 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let toks: Vec<Vec<Token>> = folded.iter().map(tokenize).collect();
    let t2 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut worst = (0.0f64, 0usize);
    let boil: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let t = Instant::now();
            let b = boilerplate_lines(&folded[i]);
            let e = t.elapsed().as_secs_f64();
            if e > worst.0 {
                worst = (e, i);
            }
            b
        })
        .collect();
    eprintln!(
        "slowest boilerplate doc: {:.1} ms, {} bytes, {} lines",
        worst.0 * 1e3,
        docs[worst.1].len(),
        docs[worst.1].lines().count()
    );
    let t3 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut n = 0;
    for ((f, tk), b) in folded.iter().zip(&toks).zip(&boil) {
        n += split_sentences(f, tk, b).len();
    }
    let t4 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for (f, tk) in folded.iter().zip(&toks) {
        for w in tk.iter().filter(|w| w.is_word()) {
            n += segmentations(&f.text()[w.folded.clone()]).len();
        }
    }
    let t5 = t.elapsed().as_secs_f64();
    // The whole layer, as the criterion bench runs it, in CPU time.
    let c0 = cpu_seconds();
    let mut rounds = 0;
    while cpu_seconds() - c0 < 5.0 {
        for d in &docs {
            let a = Analysis::new(d);
            for w in a.tokens().iter().filter(|w| w.is_word()) {
                n += segmentations(&a.folded().text()[w.folded.clone()]).len();
            }
        }
        rounds += 1;
    }
    let cpu = cpu_seconds() - c0;
    println!(
        "whole text layer: {:.1} MB per CPU-second ({rounds} rounds)",
        mb * rounds as f64 / cpu
    );
    println!("{mb:.1} MB: fold {:.0} MB/s, tokenize {:.0}, boiler {:.0}, sentences {:.0}, segment {:.0} ({n})", mb / t1, mb / t2, mb / t3, mb / t4, mb / t5);
}

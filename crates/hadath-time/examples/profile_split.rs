//! Time the stages on SaudiNewsNet text: folding, tokenising, and hadath-time's analysis.
//! `cargo run --release -p hadath-time --example profile_split` (needs ../shared).

use hadath_text::{tokenize, Folded};
use std::io::Read;
use std::time::Instant;

/// CPU seconds (user + system) this process has used, from /proc/self/stat (Linux); None elsewhere.
/// Unlike wall time it does not count waiting for a core on a loaded machine.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/arabic-data/saudinewsnet");
    let mut docs = Vec::new();
    for day in ["2015-07-21", "2015-07-22", "2015-08-01"] {
        let Ok(f) = std::fs::File::open(dir.join(format!("{day}.zip"))) else {
            continue;
        };
        let mut z = zip::ZipArchive::new(f).expect("zip");
        for i in 0..z.len() {
            let mut s = String::new();
            z.by_index(i)
                .expect("entry")
                .read_to_string(&mut s)
                .expect("utf-8");
            if let Ok(serde_json::Value::Array(a)) = serde_json::from_str::<serde_json::Value>(&s) {
                docs.extend(
                    a.iter()
                        .filter_map(|d| d.get("content")?.as_str().map(str::to_string)),
                );
            }
        }
    }
    if docs.is_empty() {
        eprintln!("note: ../shared not found");
        return;
    }
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    for _ in 0..3 {
        let t = Instant::now();
        let folded: Vec<Folded> = docs.iter().map(|d| Folded::new(d)).collect();
        let t_fold = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let n: usize = folded.iter().map(|f| tokenize(f).len()).sum();
        let t_tok = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let c0 = cpu_seconds();
        let mut k = 0;
        for (d, f) in docs.iter().zip(&folded) {
            let a = hadath_time::analyze(d, f, None);
            k += a.timexes.len() + a.numbers.len();
        }
        let t_an = t.elapsed().as_secs_f64();
        if let (Some(a), Some(b)) = (c0, cpu_seconds()) {
            println!("analyze: {:.0} MB per CPU second", mb / (b - a));
        }
        println!(
            "{mb:.1} MB, {n} tokens, {k} items: fold {:.0} MB/s, tokenize {:.0} MB/s, analyze (incl. tokenize) {:.0} MB/s",
            mb / t_fold,
            mb / t_tok,
            mb / t_an
        );
    }
}

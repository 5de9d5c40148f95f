//! Test and benchmark helpers. `../shared` sits beside the checkout for developers and CI; a
//! fresh clone without it still builds and tests, and these helpers return `None` so callers can
//! skip with a message.
//!
//! ```
//! // Without `shared/` this prints a note and the test passes.
//! match hadath_testdata::first_articles(2) {
//!     Some(texts) => assert!(texts.len() <= 2 && texts.iter().all(|t| !t.trim().is_empty())),
//!     None => eprintln!("shared/ absent: skipping"),
//! }
//! ```
#![deny(missing_docs)]

use std::io::Read;
use std::path::PathBuf;

/// The `shared/` directory beside the checkout, when present (or `$HADATH_SHARED`).
pub fn shared_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("HADATH_SHARED") {
        let p = PathBuf::from(p);
        return p.is_dir().then_some(p);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    root.is_dir().then(|| root.canonicalize().unwrap_or(root))
}

/// A file under `shared/`, when present.
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let p = shared_dir()?.join(rel);
    p.exists().then_some(p)
}

/// One SaudiNewsNet article.
#[derive(Debug, Clone)]
pub struct Article {
    /// `snn-N`, where N is the article's position in the order read (0 for the first).
    pub id: String,
    /// The day the article was collected, `YYYY-MM-DD` (the first ten characters of
    /// `date_extracted`; empty when the archive has none).
    pub date: String,
    /// The headline (empty when the archive has none).
    pub title: String,
    /// The article body (`content`); never blank, since articles without one are skipped.
    pub text: String,
    /// The address the article was collected from.
    pub url: String,
    /// The short name of the newspaper it came from, e.g. `aawsat`.
    pub source: String,
}

/// Up to `limit` articles from the SaudiNewsNet archives (CC BY-NC-SA 4.0: local tests and
/// benchmarks only), in file order, or `None` when `shared/` is absent or an archive cannot be
/// opened.
pub fn saudinewsnet(limit: usize) -> Option<Vec<Article>> {
    let dir = shared_file("arabic-data/saudinewsnet")?;
    let mut zips: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    zips.sort();
    let mut out = Vec::new();
    for z in zips {
        let f = std::fs::File::open(&z).ok()?;
        let mut archive = zip::ZipArchive::new(f).ok()?;
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).ok()?;
            let mut s = String::new();
            if entry.read_to_string(&mut s).is_err() {
                continue;
            }
            let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(&s)
            else {
                continue;
            };
            for it in items {
                let field = |k: &str| it.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
                let text = field("content");
                if text.trim().is_empty() {
                    continue;
                }
                out.push(Article {
                    id: format!("snn-{}", out.len()),
                    date: field("date_extracted").get(..10).unwrap_or("").to_string(),
                    title: field("title"),
                    url: field("url"),
                    source: field("source"),
                    text,
                });
                if out.len() >= limit {
                    return Some(out);
                }
            }
        }
    }
    Some(out)
}

/// About `bytes` of real news text joined into one corpus, for throughput benchmarks.
pub fn news_text(bytes: usize) -> Option<Vec<String>> {
    let arts = saudinewsnet(usize::MAX)?;
    let mut total = 0;
    let mut out = Vec::new();
    for a in arts {
        total += a.text.len();
        out.push(a.text);
        if total >= bytes {
            break;
        }
    }
    Some(out)
}

/// CPU seconds (user + system) this thread has used: a speed figure robust to other processes
/// competing for the cores. On Linux from the thread's CPU clock (nanoseconds); elsewhere, or
/// if that fails, from `/proc/thread-self/stat` (10 ms ticks; 0 where /proc is absent).
pub fn cpu_seconds() -> f64 {
    #[cfg(target_os = "linux")]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec into `ts`, which outlives the call.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
        }
    }
    proc_cpu_seconds()
}

/// [`cpu_seconds`] from `/proc/thread-self/stat`, in whole ticks of 10 ms.
fn proc_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // utime and stime (fields 14 and 15 of stat) are the 12th and 13th after the command name.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

/// The texts of the first `n` SaudiNewsNet articles (the benches' fixed corpus), or `None`.
pub fn first_articles(n: usize) -> Option<Vec<String>> {
    Some(saudinewsnet(n)?.into_iter().map(|a| a.text).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_clock_advances_with_work() {
        if std::fs::metadata("/proc/thread-self/stat").is_err() {
            return;
        }
        let (c0, p0) = (cpu_seconds(), proc_cpu_seconds());
        let start = std::time::Instant::now();
        let mut x = 1u64;
        // Spin until the tick counter has seen 30 ms of this thread's CPU time (or 10 s pass).
        while proc_cpu_seconds() - p0 < 0.03 && start.elapsed().as_secs() < 10 {
            for i in 0..100_000u64 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(i);
            }
        }
        std::hint::black_box(x);
        let (dc, dp) = (cpu_seconds() - c0, proc_cpu_seconds() - p0);
        assert!(dp >= 0.03, "the thread got no CPU time in 10 s");
        // The two clocks agree to within a few ticks (each end of the tick count is truncated).
        assert!((dc - dp).abs() < 0.05, "clock {dc} s, ticks {dp} s");
    }
}

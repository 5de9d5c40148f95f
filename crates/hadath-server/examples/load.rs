//! A bounded load test of `hadath serve`, over 127.0.0.1 only: for each level it starts a fresh
//! server process on a free loopback port, sends a fixed number of requests from N client
//! threads (one connection per request), stops the server, and prints requests per second,
//! the latency percentiles, the status codes and the server's peak resident memory (`VmHWM`
//! in `/proc/PID/status`). It stops by itself.
//!
//! Levels: 1,000 reads at concurrency 1, 50 and 200 (a mix of the page's API calls), then 200
//! concurrent POSTs of distinct articles (into a copy of the store; a `503` is retried after
//! its `Retry-After`, as a well-behaved client would, and counted).
//!
//! ```sh
//! cargo build --release
//! cargo run --release -p hadath-server --example load -- /tmp/snn.db [target/release/hadath]
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const READS: &[&str] = &[
    "/api/events?limit=100",
    "/api/events?type=ASSAULT&limit=100",
    "/api/events?from=2015-03&to=2015-06-30&limit=100",
    "/api/events?actor=Saudi%20Arabia&limit=100",
    "/api/events?limit=500",
    "/api/timeline/buckets?by=day",
    "/api/actors?top=24",
    "/api/documents?limit=50",
    "/api/overview",
    "/api/events?q=%D9%82%D8%B5%D9%81&limit=100",
];

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(bin: &Path, db: &Path) -> Server {
        let mut child = Command::new(bin)
            .args(["serve", "--port", "0", "--db"])
            .arg(db)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start hadath serve");
        let mut err = BufReader::new(child.stderr.take().expect("stderr"));
        let mut line = String::new();
        let addr = loop {
            line.clear();
            if err.read_line(&mut line).expect("server output") == 0 {
                panic!("the server stopped before listening");
            }
            if let Some(rest) = line.split("http://").nth(1) {
                break rest
                    .split('/')
                    .next()
                    .and_then(|a| a.parse().ok())
                    .expect("an address");
            }
        };
        // Keep draining its standard error so that it never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = String::new();
            while err.read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
                sink.clear();
            }
        });
        Server { child, addr }
    }

    /// Peak resident memory so far, in MB.
    fn peak_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request on its own connection: the status and, for a 503, its Retry-After.
fn request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, Option<u64>) {
    let Ok(mut c) = TcpStream::connect(addr) else {
        return (0, None);
    };
    c.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    if c.write_all(head.as_bytes()).is_err() || c.write_all(body.as_bytes()).is_err() {
        return (0, None);
    }
    let mut buf = Vec::new();
    let _ = c.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let retry = text.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("retry-after")
            .then(|| v.trim().parse().ok())?
    });
    (status, retry)
}

struct Report {
    secs: f64,
    latencies: Vec<Duration>,
    statuses: Vec<u16>,
    retries: usize,
}

/// `total` jobs over `threads` clients; job `i` is `job(i)`, returning its final status and
/// how many 503s it retried.
fn run(threads: usize, total: usize, job: impl Fn(usize) -> (u16, usize) + Sync) -> Report {
    let next = AtomicUsize::new(0);
    let out = Mutex::new(Vec::with_capacity(total));
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                let t = Instant::now();
                let (status, retries) = job(i);
                out.lock().unwrap().push((t.elapsed(), status, retries));
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let rows = out.into_inner().unwrap();
    Report {
        secs,
        latencies: rows.iter().map(|r| r.0).collect(),
        statuses: rows.iter().map(|r| r.1).collect(),
        retries: rows.iter().map(|r| r.2).sum(),
    }
}

fn print(level: &str, r: &mut Report, peak: f64) {
    r.latencies.sort();
    let pct = |p: f64| {
        let i = ((r.latencies.len() as f64 * p).ceil() as usize).clamp(1, r.latencies.len()) - 1;
        r.latencies[i].as_secs_f64() * 1000.0
    };
    let mut codes: Vec<(u16, usize)> = Vec::new();
    for &s in &r.statuses {
        match codes.iter_mut().find(|c| c.0 == s) {
            Some(c) => c.1 += 1,
            None => codes.push((s, 1)),
        }
    }
    codes.sort();
    let codes: Vec<String> = codes.iter().map(|(s, n)| format!("{s}×{n}")).collect();
    println!(
        "| {level} | {:.0} | {:.1} | {:.1} | {:.1} | {:.0} | {}{} |",
        r.statuses.len() as f64 / r.secs,
        pct(0.50),
        pct(0.95),
        pct(0.99),
        peak,
        codes.join(" "),
        if r.retries > 0 {
            format!(" ({} 503s retried)", r.retries)
        } else {
            String::new()
        }
    );
}

/// A distinct article for POST `i`: a text of the example corpus with a line of its own.
fn article(texts: &[String], i: usize) -> String {
    let text = format!(
        "{}\n\nالخبر رقم {i} من اختبار الحمل.",
        texts[i % texts.len()]
    );
    serde_json::json!({ "text": text, "id": format!("load-{i}") }).to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(db) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: load STORE.db [HADATH_BINARY]");
        std::process::exit(2);
    };
    let bin = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/release/hadath"));
    println!("| level | req/s | p50 ms | p95 ms | p99 ms | peak RSS MB | statuses |");
    println!("|---|---|---|---|---|---|---|");
    for threads in [1, 50, 200] {
        let server = Server::start(&bin, &db);
        let addr = server.addr;
        let mut r = run(threads, 1000, |i| {
            (request(addr, "GET", READS[i % READS.len()], "").0, 0)
        });
        print(
            &format!("1,000 reads, concurrency {threads}"),
            &mut r,
            server.peak_mb(),
        );
    }
    // POSTs write: into a copy of the store, removed afterwards.
    let dir = std::env::temp_dir().join(format!("hadath-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let copy = dir.join("copy.db");
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute("VACUUM INTO ?1", [copy.to_string_lossy()]))
        .expect("copy the store");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let mut texts: Vec<String> = std::fs::read_dir(&corpus)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect()
        })
        .unwrap_or_default();
    texts.sort();
    if texts.is_empty() {
        texts.push("قصفت القوات الأذرية مواقع أرمينية يوم 13 سبتمبر 2022.".into());
    }
    let server = Server::start(&bin, &copy);
    let addr = server.addr;
    let texts = Arc::new(texts);
    let mut r = run(200, 200, |i| {
        let body = article(&texts, i);
        let mut retries = 0;
        loop {
            let (status, retry) = request(addr, "POST", "/api/extract", &body);
            if status != 503 || retries >= 120 {
                return (status, retries);
            }
            retries += 1;
            std::thread::sleep(Duration::from_secs(retry.unwrap_or(1)));
        }
    });
    print("200 POSTs, concurrency 200", &mut r, server.peak_mb());
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

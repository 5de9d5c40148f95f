//! Latency of the API over a store, measured over 127.0.0.1: the server runs in this process on
//! a free loopback port, and a client thread sends a bounded number of requests per query (one
//! connection each, as a page's `fetch` may) and prints the median and 95th percentile.
//!
//! ```sh
//! cargo run --release -p hadath-store --example dump_saudinewsnet -- /tmp/snn.jsonl
//! cargo run --release -- ingest /tmp/snn.jsonl --db /tmp/snn.db -q
//! cargo run --release -p hadath-server --example latency -- /tmp/snn.db 200
//! ```

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const QUERIES: &[(&str, &str)] = &[
    ("first page, no filter", "/api/events?limit=100"),
    ("one type", "/api/events?type=ASSAULT&limit=100"),
    (
        "date range",
        "/api/events?from=2015-03&to=2015-06-30&limit=100",
    ),
    ("one actor", "/api/events?actor=Saudi%20Arabia&limit=100"),
    (
        "Arabic words",
        "/api/events?q=%D9%82%D8%B5%D9%81&limit=100", // قصف
    ),
    ("page 50 (offset 5000)", "/api/events?limit=100&offset=5000"),
    ("the page's load (500 events)", "/api/events?limit=500"),
    ("buckets by day", "/api/timeline/buckets?by=day"),
    ("actor network", "/api/actors?top=24"),
];

fn get(addr: SocketAddr, path: &str) -> (u16, usize) {
    let mut c = TcpStream::connect(addr).expect("connect");
    c.set_read_timeout(Some(Duration::from_secs(30))).ok();
    write!(
        c,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut buf = Vec::new();
    c.read_to_end(&mut buf).expect("read");
    let status = std::str::from_utf8(&buf[9..12])
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, buf.len())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().unwrap_or_else(|| "/tmp/snn.db".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    if !std::path::Path::new(&db).exists() {
        eprintln!("{db}: no store here (see the commands at the top of this example)");
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let x: std::sync::Arc<dyn hadath_core::Extract> =
        std::sync::Arc::new(hadath_extract::Extractor::default());
    let state = hadath_server::AppState::open(db.as_ref(), 4, x).expect("open the store");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    rt.spawn(hadath_server::serve_on(listener, state));

    let (s, _) = get(addr, "/api/overview");
    assert_eq!(s, 200);
    println!("store {db}, {n} requests per query, http://{addr}");
    println!(
        "{:<30} {:>9} {:>9} {:>9} {:>10}",
        "query", "median", "p95", "max", "bytes"
    );
    for (name, path) in QUERIES {
        for _ in 0..3 {
            get(addr, path); // warm the page cache and the connection pool
        }
        let mut times = Vec::with_capacity(n);
        let mut bytes = 0;
        for _ in 0..n {
            let t = Instant::now();
            let (status, len) = get(addr, path);
            times.push(t.elapsed());
            assert_eq!(status, 200, "{path}");
            bytes = len;
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{:<30} {:>7.2}ms {:>7.2}ms {:>7.2}ms {:>10}",
            name,
            ms(times[n / 2]),
            ms(times[(n * 95 / 100).min(n - 1)]),
            ms(times[n - 1]),
            bytes
        );
    }
}

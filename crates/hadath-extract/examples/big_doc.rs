//! One long document of normal paragraphs, for measuring extraction time and memory against
//! document size: SaudiNewsNet articles (from `../shared`, CC BY-NC-SA 4.0: local
//! measurements only, never committed) joined by blank lines until the text has N MB, or the
//! texts of `examples/corpus` repeated when `../shared` is absent.
//!
//! ```sh
//! cargo run --release -p hadath-extract --example big_doc -- 16 > /tmp/big16.txt
//! /usr/bin/time -f "%e s, %M KB" target/release/hadath extract /tmp/big16.txt -q > /dev/null
//! ```

use std::io::Write;

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let want = mb * 1_000_000;
    let texts: Vec<String> = match hadath_testdata::saudinewsnet(40_000) {
        Some(arts) if !arts.is_empty() => arts.into_iter().map(|a| a.text).collect(),
        _ => {
            let dir =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .expect("examples/corpus")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect();
            v.sort();
            v
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut n = 0;
    for (i, t) in texts.iter().cycle().enumerate() {
        if n >= want {
            break;
        }
        if i > 0 {
            out.write_all(b"\n\n").expect("stdout");
            n += 2;
        }
        out.write_all(t.as_bytes()).expect("stdout");
        n += t.len();
    }
    out.flush().expect("stdout");
}

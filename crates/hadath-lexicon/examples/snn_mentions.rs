//! Every mention `find_mentions` gives on the first SaudiNewsNet articles, one line each, for
//! comparing the matcher's output before and after a change:
//!
//! ```text
//! cargo run --release -p hadath-lexicon --example snn_mentions -- 5000 > /tmp/after.tsv
//! diff /tmp/before.tsv /tmp/after.tsv
//! ```
//! Each article is matched with its own date. Lines: article, byte span, text, kind, name, code,
//! office, how, entry, unnamed.

use hadath_lexicon::Lexicon;
use hadath_text::{tokenize, Folded};
use std::io::Write;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5000);
    let Some(arts) = hadath_testdata::saudinewsnet(n) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent");
        return;
    };
    let lx = Lexicon::embedded();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut total = 0;
    for (k, a) in arts.iter().enumerate() {
        let f = Folded::new(&a.text);
        let t = tokenize(&f);
        let date = a.date.parse().ok();
        for m in lx.find_mentions(&a.text, &f, &t, date) {
            total += 1;
            writeln!(
                out,
                "{k}\t{}..{}\t{}\t{:?}\t{}\t{}\t{}\t{:?}\t{}\t{}",
                m.source.start,
                m.source.end,
                &a.text[m.source.clone()],
                m.kind,
                m.name,
                m.code.as_deref().unwrap_or("-"),
                m.office.map_or("-", |o| o.as_str()),
                m.how,
                m.entry.map_or(-1, |e| e.0 as i64),
                m.unnamed
            )
            .expect("write");
        }
    }
    eprintln!("{} articles, {total} mentions", arts.len());
}

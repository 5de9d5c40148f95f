//! Where the text layer spends its time, stage by stage, over SaudiNewsNet, in CPU time (robust
//! to other processes competing for the cores). The criterion bench `text` is the reference
//! wall-clock figure.
//!
//! ```sh
//! cargo run --release -p hadath-text --example stages
//! ```

use hadath_testdata::cpu_seconds;
use hadath_text::*;

/// Run `f` over the corpus repeatedly for about two CPU seconds; MB per CPU-second.
fn rate(mb: f64, mut f: impl FnMut() -> usize) -> f64 {
    let c0 = cpu_seconds();
    let mut rounds = 0usize;
    let mut sink = 0usize;
    while cpu_seconds() - c0 < 2.0 {
        sink = sink.wrapping_add(f());
        rounds += 1;
    }
    std::hint::black_box(sink);
    mb * rounds as f64 / (cpu_seconds() - c0)
}

fn main() {
    let Some(docs) = hadath_testdata::news_text(8 << 20) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent");
        return;
    };
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let folded: Vec<Folded> = docs.iter().map(|d| Folded::new(d)).collect();
    let tokens: Vec<Vec<Token>> = folded.iter().map(tokenize).collect();
    let boiler: Vec<_> = folded.iter().map(boilerplate_lines).collect();

    let fold = rate(mb, || {
        docs.iter().map(|d| Folded::new(d).text().len()).sum()
    });
    let tok = rate(mb, || folded.iter().map(|f| tokenize(f).len()).sum());
    let boil = rate(mb, || {
        folded.iter().map(|f| boilerplate_lines(f).len()).sum()
    });
    let sent = rate(mb, || {
        folded
            .iter()
            .zip(&tokens)
            .zip(&boiler)
            .map(|((f, t), b)| split_sentences(f, t, b).len())
            .sum()
    });
    let seg = rate(mb, || {
        folded
            .iter()
            .zip(&tokens)
            .map(|(f, t)| {
                t.iter()
                    .filter(|w| w.is_word())
                    .map(|w| segmentations(&f.text()[w.folded.clone()]).len())
                    .sum::<usize>()
            })
            .sum()
    });
    let all = rate(mb, || {
        docs.iter()
            .map(|d| {
                let a = Analysis::new(d);
                a.tokens()
                    .iter()
                    .filter(|w| w.is_word())
                    .map(|w| segmentations(&a.folded().text()[w.folded.clone()]).len())
                    .sum::<usize>()
            })
            .sum()
    });
    println!("{mb:.1} MB of SaudiNewsNet, MB per CPU-second:");
    println!("  fold {fold:.0} · tokenise {tok:.0} · boilerplate {boil:.0} · sentences {sent:.0} · clitic readings {seg:.0}");
    println!("  whole text layer {all:.1}");
}

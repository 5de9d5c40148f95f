//! Time each stage of the text layer over SaudiNewsNet (a quick profile; the criterion bench is
//! the reference figure).
use hadath_text::*;
use std::time::Instant;

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
            let b = boilerplate_lines(d);
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
    println!("{mb:.1} MB: fold {:.0} MB/s, tokenize {:.0}, boiler {:.0}, sentences {:.0}, segment {:.0} ({n})", mb / t1, mb / t2, mb / t3, mb / t4, mb / t5);
}

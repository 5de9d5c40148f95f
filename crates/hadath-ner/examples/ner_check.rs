//! Prints every span the gazetteer model gives over the first SaudiNewsNet articles, by
//! `tag_with` (sentence by sentence) and by `tag_document`, so that two versions of the tagger
//! can be compared for identical output:
//!
//! `cargo run --release -p hadath-ner --example ner_check -- 3000 > spans.txt`
//!
//! One line per article and mode: the article index, the mode, then each sentence's spans as
//! `start-end:KIND:confidence bits` (sentences separated by `|`).

use hadath_lexicon::Lexicon;
use hadath_ner::{DocSentence, NerModel, NerSpan};
use hadath_text::Analysis;
use std::fmt::Write as _;
use std::io::Write as _;

fn line(spans: &[Vec<NerSpan>]) -> String {
    let mut s = String::new();
    for (k, sp) in spans.iter().enumerate() {
        if k > 0 {
            s.push('|');
        }
        for x in sp {
            let _ = write!(
                s,
                " {}-{}:{:?}:{:08x}",
                x.source.start,
                x.source.end,
                x.kind,
                x.confidence.to_bits()
            );
        }
    }
    s
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(3000);
    let Some(docs) = hadath_testdata::first_articles(n) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent");
        return;
    };
    let lx = Lexicon::embedded();
    let gaz = |w: &str| lx.gazetteer_flags(w);
    let out = std::io::stdout();
    let mut out = out.lock();
    for model in [NerModel::embedded_gazetteer(), NerModel::embedded()] {
        for (d, text) in docs.iter().enumerate() {
            let a = Analysis::new(text);
            let sentences = DocSentence::of_document(text, &a);
            let plain: Vec<Vec<NerSpan>> = sentences
                .iter()
                .map(|s| model.tag_with(s.text, s.folded, s.tokens, &gaz))
                .collect();
            let bare: Vec<Vec<NerSpan>> = sentences
                .iter()
                .map(|s| model.tag(s.text, s.folded, s.tokens))
                .collect();
            let doc = model.tag_document(&sentences, Some(&gaz));
            let nodoc = model.tag_document(&sentences, None);
            let _ = writeln!(out, "{d} tag_with{}", line(&plain));
            let _ = writeln!(out, "{d} tag{}", line(&bare));
            let _ = writeln!(out, "{d} tag_document{}", line(&doc));
            let _ = writeln!(out, "{d} tag_document_nogaz{}", line(&nodoc));
        }
    }
}

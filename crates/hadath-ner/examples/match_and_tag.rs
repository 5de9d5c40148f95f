//! Knowledge-base matching plus the name tagger, together, in CPU time (robust on a loaded
//! machine, unlike wall-clock benches).
//!
//! `cargo run --release -p hadath-ner --example match_and_tag [-- ARTICLES [ROUNDS]]`
//!
//! Over the first SaudiNewsNet articles (2,972 by default, the first day file; real news text),
//! each document is run through the text layer once (`hadath_text::Analysis`: folding, tokens,
//! sentences, boilerplate). Then, in the order of `hadath-extract`, `Lexicon::find_mentions` runs
//! over the whole document and the tagger over each sentence that is not boilerplate and has two
//! tokens or more; the tagger is the gazetteer model (`NerModel::embedded_gazetteer().tag_with`
//! with `Lexicon::gazetteer_flags`). Prints MB of source text per CPU second of this thread
//! (`/proc/thread-self/stat`) for: matching + tagging over the prepared text; the same with the
//! text layer included; each of the two alone; and matching + the document mode
//! (`tag_document` over the document's sentences, with the gazetteer: what `hadath-extract`
//! runs).

use hadath_lexicon::Lexicon;
use hadath_ner::{DocSentence, NerModel};
use hadath_testdata::cpu_seconds;
use hadath_text::Analysis;

/// Which work one timed pass does.
#[derive(Clone, Copy)]
enum Work {
    MatchAndTag,
    MatchAndDocTag,
    MatchOnly,
    TagOnly,
}

fn pass(docs: &[String], prepared: &[Analysis], work: Work) -> usize {
    let lx = Lexicon::embedded();
    let gaz_model = NerModel::embedded_gazetteer();
    let gaz = |w: &str| lx.gazetteer_flags(w);
    let date = Some("2015-07-21".parse().expect("date"));
    let mut n = 0;
    for (d, a) in docs.iter().zip(prepared) {
        if !matches!(work, Work::TagOnly) {
            n += lx.find_mentions(d, a.folded(), a.tokens(), date).len();
        }
        if matches!(work, Work::MatchOnly) {
            continue;
        }
        if matches!(work, Work::MatchAndDocTag) {
            let sentences: Vec<DocSentence<'_>> = a
                .sentences()
                .iter()
                .filter(|s| s.boilerplate.is_none())
                .map(|s| DocSentence {
                    text: d,
                    folded: a.folded(),
                    tokens: a.sentence_tokens(s),
                })
                .filter(|s| s.tokens.len() >= 2)
                .collect();
            n += gaz_model
                .tag_document(&sentences, Some(&gaz))
                .iter()
                .map(Vec::len)
                .sum::<usize>();
            continue;
        }
        for s in a.sentences() {
            if s.boilerplate.is_some() {
                continue;
            }
            let toks = a.sentence_tokens(s);
            if toks.len() < 2 {
                continue;
            }
            n += gaz_model.tag_with(d, a.folded(), toks, &gaz).len();
        }
    }
    n
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n_docs: usize = args.first().and_then(|p| p.parse().ok()).unwrap_or(2972);
    let rounds: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(5);
    let Some(docs) = hadath_testdata::first_articles(n_docs) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent");
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let prepared: Vec<Analysis> = docs.iter().map(|d| Analysis::new(d)).collect();
    // Warm the lazily built indexes and the tagger's word cache.
    pass(&docs, &prepared, Work::MatchAndTag);
    pass(&docs, &prepared, Work::MatchAndDocTag);
    let mb = (bytes * rounds) as f64 / 1e6;
    let timed = |work: Work| -> (f64, usize) {
        let t0 = cpu_seconds();
        let mut n = 0;
        for _ in 0..rounds {
            n += pass(&docs, &prepared, work);
        }
        (cpu_seconds() - t0, n)
    };
    println!(
        "{} documents, {:.1} MB x {rounds} rounds",
        docs.len(),
        bytes as f64 / 1e6
    );
    let report = |label: &str, (cpu, n): (f64, usize)| {
        println!(
            "{label:<44} {:>6.1} MB per CPU second ({cpu:.2} CPU s, {n} mentions and spans)",
            mb / cpu
        );
    };
    report(
        "find_mentions + tag_with (gazetteer model):",
        timed(Work::MatchAndTag),
    );
    // The same with the text layer (Analysis::new) done inside the timed loop.
    let t0 = cpu_seconds();
    let mut n = 0;
    for _ in 0..rounds {
        let analysed: Vec<Analysis> = docs.iter().map(|d| Analysis::new(d)).collect();
        n += pass(&docs, &analysed, Work::MatchAndTag);
    }
    report(
        "text layer + find_mentions + tag_with:",
        (cpu_seconds() - t0, n),
    );
    report("find_mentions alone:", timed(Work::MatchOnly));
    report("tag_with alone:", timed(Work::TagOnly));
    report(
        "find_mentions + tag_document (as extract):",
        timed(Work::MatchAndDocTag),
    );
}

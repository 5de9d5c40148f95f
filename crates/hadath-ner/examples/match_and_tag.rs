//! Knowledge-base matching plus the name tagger, together, in CPU time (robust on a loaded
//! machine, unlike wall-clock benches).
//!
//! `cargo run --release -p hadath-ner --example match_and_tag [-- ARTICLES [ROUNDS]]`
//! (ROUNDS defaults to 7; each round is timed alone and the median is reported)
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
use hadath_ner::{DocSentence, KeyedGazetteer, NerModel};
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
    let gaz = KeyedGazetteer::new(lx.version(), |w: &str| lx.gazetteer_flags(w));
    let date = Some("2015-07-21".parse().expect("date"));
    let mut n = 0;
    for (d, a) in docs.iter().zip(prepared) {
        if !matches!(work, Work::TagOnly) {
            n += lx.find_mentions(d, a.folded(), a.tokens(), date).len();
        }
        if matches!(work, Work::MatchOnly) {
            continue;
        }
        let sentences = DocSentence::of_document(d, a);
        if matches!(work, Work::MatchAndDocTag) {
            n += gaz_model
                .tag_document(&sentences, Some(&gaz))
                .iter()
                .map(Vec::len)
                .sum::<usize>();
            continue;
        }
        for s in &sentences {
            n += gaz_model.tag_with(s.text, s.folded, s.tokens, &gaz).len();
        }
    }
    n
}

/// The CPU seconds of each of `rounds` calls of `f`, and the sum of what the calls returned.
fn per_round(rounds: usize, mut f: impl FnMut() -> usize) -> (Vec<f64>, usize) {
    let mut secs = Vec::with_capacity(rounds);
    let mut n = 0;
    for _ in 0..rounds {
        let t0 = cpu_seconds();
        n += f();
        secs.push(cpu_seconds() - t0);
    }
    (secs, n)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n_docs: usize = args.first().and_then(|p| p.parse().ok()).unwrap_or(2972);
    let rounds: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(7);
    let Some(docs) = hadath_testdata::first_articles(n_docs) else {
        eprintln!("../shared/arabic-data/saudinewsnet is absent");
        return;
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let prepared: Vec<Analysis> = docs.iter().map(|d| Analysis::new(d)).collect();
    // Warm the lazily built indexes and the tagger's word cache.
    pass(&docs, &prepared, Work::MatchAndTag);
    pass(&docs, &prepared, Work::MatchAndDocTag);
    let mb = bytes as f64 / 1e6;
    // Each round is timed on its own; the median of the rounds is the figure, the range
    // shows how noisy the machine was (other tenants share its caches).
    let timed = |work: Work| per_round(rounds, || pass(&docs, &prepared, work));
    println!(
        "{} documents, {:.1} MB, {rounds} rounds each",
        docs.len(),
        bytes as f64 / 1e6
    );
    let report = |label: &str, (per_round, n): (Vec<f64>, usize)| {
        let mut rates: Vec<f64> = per_round.iter().map(|cpu| mb / cpu).collect();
        rates.sort_by(f64::total_cmp);
        let median = rates[rates.len() / 2];
        println!(
            "{label:<44} {median:>6.1} MB per CPU second, median of rounds (range {:.1}-{:.1}; {n} mentions and spans)",
            rates[0],
            rates[rates.len() - 1],
        );
    };
    report(
        "find_mentions + tag_with (gazetteer model):",
        timed(Work::MatchAndTag),
    );
    // The same with the text layer (Analysis::new) done inside the timed loop.
    let with_text = per_round(rounds, || {
        let analysed: Vec<Analysis> = docs.iter().map(|d| Analysis::new(d)).collect();
        pass(&docs, &analysed, Work::MatchAndTag)
    });
    report("text layer + find_mentions + tag_with:", with_text);
    report("find_mentions alone:", timed(Work::MatchOnly));
    report("tag_with alone:", timed(Work::TagOnly));
    report(
        "find_mentions + tag_document (as extract):",
        timed(Work::MatchAndDocTag),
    );
}

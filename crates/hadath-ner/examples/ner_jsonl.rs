//! Tag JSONL documents (`{"id", "text"}` per line, as `score.py conll2jsonl` writes them) with the
//! embedded model and print the output contract's entity lines for `score.py ner`.
//!
//! ```text
//! python3 ../shared/eval/score.py conll2jsonl ../shared/arabic-data/anercorp/ANERCorp.txt --part test > /tmp/test.jsonl
//! cargo run --release -p hadath-ner --example ner_jsonl -- /tmp/test.jsonl > /tmp/pred.jsonl
//! python3 ../shared/eval/score.py ner ../shared/arabic-data/anercorp/ANERCorp.txt /tmp/pred.jsonl --part test
//! ```
//! With a second argument, that model file is used instead of the embedded one. A model trained
//! with gazetteer features is given `hadath_lexicon::Lexicon::gazetteer_flags`.
//!
//! With `--doc`, the lines are read as the consecutive sentences of one document and tagged
//! with `NerModel::tag_document` (document consistency over the model's window of nearby
//! lines); without it, every line is tagged alone.

use hadath_ner::{DocSentence, NerKind, NerModel, NerSpan};
use hadath_text::{tokenize, CharIndex, Folded};
use serde_json::{json, Value};
use std::io::{BufRead, BufWriter, Write};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let doc_mode = args.iter().any(|a| a == "--doc");
    args.retain(|a| a != "--doc");
    let input = args
        .first()
        .expect("usage: ner_jsonl IN.jsonl [MODEL.bin] [--doc]");
    let owned;
    let model: &NerModel = match args.get(1) {
        Some(p) => {
            owned =
                NerModel::from_bytes(&std::fs::read(p).expect("read model")).expect("load model");
            &owned
        }
        None => NerModel::embedded(),
    };
    // A model trained with gazetteer features gets the knowledge base's flags.
    let lexicon = hadath_lexicon::Lexicon::embedded();
    let gaz = |w: &str| lexicon.gazetteer_flags(w);
    let f = std::io::BufReader::new(std::fs::File::open(input).expect("open input"));
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut docs = Vec::new();
    for line in f.lines() {
        let line = line.expect("read line");
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = serde_json::from_str(&line).expect("JSON line");
        let text = doc["text"].as_str().unwrap_or("").to_string();
        let folded = Folded::new(&text);
        let tokens = tokenize(&folded);
        docs.push((doc, text, folded, tokens));
    }
    let spans: Vec<Vec<NerSpan>> = if doc_mode {
        let sents: Vec<DocSentence> = docs
            .iter()
            .map(|(_, text, folded, tokens)| DocSentence {
                text,
                folded,
                tokens,
            })
            .collect();
        model.tag_document(&sents, Some(&gaz))
    } else {
        docs.iter()
            .map(|(_, text, folded, tokens)| model.tag_with(text, folded, tokens, &gaz))
            .collect()
    };
    for ((doc, text, _, _), spans) in docs.iter().zip(spans) {
        let text = text.as_str();
        let ix = CharIndex::new(text);
        let entities: Vec<Value> = spans
            .into_iter()
            .filter_map(|s| {
                let ty = match s.kind {
                    NerKind::Pers => "person",
                    NerKind::Loc => "location",
                    NerKind::Org => "organization",
                    NerKind::Misc => return None,
                };
                Some(json!({
                    "start": ix.char_offset(s.source.start),
                    "end": ix.char_offset(s.source.end),
                    "text": &text[s.source.clone()],
                    "type": ty,
                    "confidence": s.confidence,
                }))
            })
            .collect();
        let o = json!({"id": doc["id"], "entities": entities, "timexes": [], "events": []});
        writeln!(out, "{o}").expect("write");
    }
}

//! Print the entities the lexicon finds, in the output contract (events empty).
//!
//! ```text
//! cargo run --release -p hadath-lexicon --example entities -- INPUT.jsonl|FILE.txt... > out.jsonl
//! ```
//! JSONL lines carry `id`, `text` and optionally `published` (YYYY-MM-DD). A `.txt` file is one
//! document whose id is the file stem. Extra `--user FILE.tsv` arguments add user entries.

use hadath_lexicon::Lexicon;
use hadath_text::{tokenize, CharIndex, Folded};
use serde_json::{json, Value};
use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut user = Vec::new();
    let mut inputs = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        if a == "--user" {
            let p = it.next().expect("--user FILE");
            let c = std::fs::read_to_string(&p).expect("read user file");
            user.push((p, c));
        } else {
            inputs.push(a);
        }
    }
    let owned;
    let lx: &Lexicon = if user.is_empty() {
        Lexicon::embedded()
    } else {
        owned = Lexicon::new()
            .with_user_files(user.iter().map(|(p, c)| (p.as_str(), c.as_str())))
            .unwrap_or_else(|e| panic!("{e}"));
        &owned
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in inputs {
        if path.ends_with(".txt") {
            let text = std::fs::read_to_string(&path).expect("read");
            let id = std::path::Path::new(&path)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            writeln!(out, "{}", doc(lx, &id, &text, None)).unwrap();
        } else {
            let f = std::io::BufReader::new(std::fs::File::open(&path).expect("open"));
            for line in f.lines() {
                let line = line.unwrap();
                if line.trim().is_empty() {
                    continue;
                }
                let v: Value = serde_json::from_str(&line).expect("json");
                let id = v["id"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v["id"].to_string());
                let text = v["text"].as_str().unwrap_or("");
                let date = v["published"]
                    .as_str()
                    .and_then(|d| d.get(..10))
                    .and_then(|d| d.parse().ok());
                writeln!(out, "{}", doc(lx, &id, text, date)).unwrap();
            }
        }
    }
}

fn doc(lx: &Lexicon, id: &str, text: &str, date: Option<jiff::civil::Date>) -> Value {
    let folded = Folded::new(text);
    let tokens = tokenize(&folded);
    let ix = CharIndex::new(text);
    let ents: Vec<Value> = lx
        .find_mentions(text, &folded, &tokens, date)
        .into_iter()
        .map(|m| {
            let mut e = json!({
                "start": ix.char_offset(m.source.start),
                "end": ix.char_offset(m.source.end),
                "text": &text[m.source.clone()],
                "type": m.kind.as_str(),
                "name": m.name,
                "how": format!("{:?}", m.how),
            });
            // Locations carry the state they lie in as `state`; `code` only for actors.
            if let Some(c) = &m.code {
                if m.is_actor() {
                    e["code"] = json!(c);
                } else {
                    e["state"] = json!(c);
                }
            }
            if let Some(o) = m.office {
                e["office"] = json!(o.as_str());
            }
            e
        })
        .collect();
    json!({"id": id, "entities": ents, "events": []})
}

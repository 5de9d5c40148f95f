//! The seed articles of `../shared/corpus/seeds`, as .txt files and as JSON Lines, give the same
//! valid contract output, and no boilerplate line of theirs is offered to extraction.
//! Skips with a message when `../shared` is absent (a user's fresh clone).

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn seeds_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    d.is_dir().then_some(d)
}

fn extract(args: &[&str], stdin: Option<&str>) -> Vec<Value> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hadath"))
        .arg("extract")
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every span with a `text` field must equal the document text sliced at its code-point offsets.
fn check_spans(v: &Value, chars: &[char], path: &str) {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e), Some(Value::String(t))) = (
                m.get("start").and_then(Value::as_u64),
                m.get("end").and_then(Value::as_u64),
                m.get("text"),
            ) {
                let (s, e) = (s as usize, e as usize);
                assert!(
                    s <= e && e <= chars.len(),
                    "{path}: span {s}..{e} out of range"
                );
                let got: String = chars[s..e].iter().collect();
                assert_eq!(
                    &got, t,
                    "{path}: span text differs from the source at {s}..{e}"
                );
            }
            for (k, x) in m {
                check_spans(x, chars, &format!("{path}.{k}"));
            }
        }
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| check_spans(x, chars, &format!("{path}[{i}]"))),
        _ => {}
    }
}

#[test]
fn seeds_txt_and_jsonl_agree_and_spans_are_exact() {
    let Some(dir) = seeds_dir() else {
        eprintln!("../shared/corpus/seeds is absent: skipping");
        return;
    };
    let txt = extract(&[dir.to_str().unwrap()], None);
    assert_eq!(txt.len(), 5);
    let mut jsonl = String::new();
    let mut texts = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p).unwrap();
        let id = p.file_stem().unwrap().to_string_lossy().to_string();
        jsonl += &serde_json::json!({"id": id, "text": text}).to_string();
        jsonl.push('\n');
        texts.push(text);
    }
    let from_jsonl = extract(&["-"], Some(&jsonl));
    for ((a, b), text) in txt.iter().zip(&from_jsonl).zip(&texts) {
        for k in ["id", "entities", "timexes", "events"] {
            assert!(a.get(k).is_some(), "missing {k}");
            assert_eq!(
                a[k], b[k],
                "{k} differs between the .txt and the JSON Lines form"
            );
        }
        let chars: Vec<char> = text.chars().collect();
        check_spans(a, &chars, a["id"].as_str().unwrap());
    }
}

#[test]
fn seed_boilerplate_is_never_extracted() {
    let Some(dir) = seeds_dir() else {
        eprintln!("../shared/corpus/seeds is absent: skipping");
        return;
    };
    // Lines that any reader recognises as page furniture, by their opening words.
    let openers = [
        "اقرأ أيضا",
        "اخترنا لك",
        "ربما يعجبك",
        "•",
        "Written by",
        "About the author",
        "Leave a Comment",
        "التعليقات",
    ];
    let out = extract(&[dir.to_str().unwrap()], None);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let mut checked = 0;
    for (doc, p) in out.iter().zip(names) {
        let text = std::fs::read_to_string(p).unwrap();
        let spans: Vec<(usize, usize)> = doc["boilerplate"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["start"].as_u64().unwrap() as usize,
                    b["end"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        // Every visible character of [a, b) lies in some boilerplate span (a line may hold several
        // sentences, each marked).
        let inside = |a: usize, b: usize| {
            (a..b).all(|i| chars[i].is_whitespace() || spans.iter().any(|&(s, e)| s <= i && i < e))
        };
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let start = pos + line.chars().count() - line.trim_start().chars().count();
            pos += line.chars().count();
            let body = line.trim();
            if openers.iter().any(|o| body.replace('ً', "").starts_with(o)) {
                let end = start + body.chars().count();
                assert!(
                    inside(start, end),
                    "{}: boilerplate line not marked: {body}",
                    doc["id"]
                );
                checked += 1;
            }
        }
        // No event's evidence lies in boilerplate.
        for ev in doc["events"].as_array().unwrap() {
            let (a, b) = (
                ev["evidence"]["start"].as_u64().unwrap() as usize,
                ev["evidence"]["end"].as_u64().unwrap() as usize,
            );
            assert!(
                !spans.iter().any(|&(s, e)| a < e && s < b),
                "{}: event from boilerplate: {ev}",
                doc["id"]
            );
        }
    }
    assert!(
        checked >= 8,
        "expected the seeds' teaser, bullet, byline and footer lines, found {checked}"
    );
}

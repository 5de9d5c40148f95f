//! Bad input is reported with its file and line and skipped; the rest of the batch goes on, the
//! exit status says some input was skipped, and the output stays valid.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn hadath() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hadath"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hadath-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str], dir: &Path) -> Output {
    hadath()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ids(out: &Output) -> Vec<String> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("every output line is JSON");
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

const GOOD: &str = "عنوان الخبر\n\nقصفت الطائرات مواقع في شمال البلاد يوم الثلاثاء.";

#[test]
fn invalid_utf8_is_reported_and_skipped() {
    let d = tmpdir("utf8");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    std::fs::write(d.join("b.txt"), b"\xd8\xa7\xff\xfe broken").unwrap();
    std::fs::write(d.join("c.txt"), GOOD).unwrap();
    let out = run(&["extract", "."], &d);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("b.txt") && err.contains("not valid UTF-8") && err.contains("offset 2"),
        "{err}"
    );
    assert_eq!(ids(&out), ["a", "c"]);
}

#[test]
fn unreadable_file_is_reported_and_skipped() {
    let d = tmpdir("unreadable");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    // A dangling link cannot be read, even by root.
    std::os::unix::fs::symlink(d.join("missing-target"), d.join("b.txt")).unwrap();
    let out = run(&["extract", "."], &d);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("b.txt") && err.contains("cannot read"),
        "{err}"
    );
    assert_eq!(ids(&out), ["a"]);
}

#[test]
fn json_lines_errors_name_the_line() {
    let d = tmpdir("jsonl");
    let lines = [
        r#"{"id":"ok1","text":"وصل الوفد إلى القاهرة أمس."}"#,
        r#"{"id":"no-text"}"#,
        r#"{"id":"empty","text":"   "}"#,
        "{not json",
        "",
        r#"{"id":"ok2","text":"اجتمع الوزيران في جنيف.","published":"2022-10-03"}"#,
    ];
    std::fs::write(d.join("docs.jsonl"), lines.join("\n")).unwrap();
    let out = run(&["extract", "docs.jsonl"], &d);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("docs.jsonl:2") && err.contains("no \"text\""),
        "{err}"
    );
    assert!(
        err.contains("docs.jsonl:3") && err.contains("empty"),
        "{err}"
    );
    assert!(
        err.contains("docs.jsonl:4") && err.contains("not valid JSON"),
        "{err}"
    );
    assert!(err.contains("2 documents processed, 3 skipped"), "{err}");
    assert_eq!(ids(&out), ["ok1", "ok2"]);
}

#[test]
fn empty_txt_document_is_skipped() {
    let d = tmpdir("empty");
    std::fs::write(d.join("a.txt"), "\n \n").unwrap();
    let out = run(&["extract", "a.txt"], &d);
    // Nothing useful could be done: exit 1.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a.txt: the document is empty"));
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_path_is_an_error() {
    let d = tmpdir("missing");
    let out = run(&["extract", "nope.txt"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt: cannot read this path"));
}

#[test]
fn stdin_json_lines_and_plain_text() {
    use std::io::Write;
    for (input, want) in [
        (
            "{\"id\":\"s1\",\"text\":\"وصل الوفد.\"}\n{\"id\":\"s2\",\"text\":\"غادر الوفد.\"}\n",
            vec!["s1", "s2"],
        ),
        ("عنوان\nنص الخبر هنا.", vec!["stdin-44f2b782ce58257b"]),
    ] {
        let mut child = hadath()
            .args(["extract", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(ids(&out), want);
    }
}

/// Run `hadath ARGS` in `dir` with `input` on standard input.
fn run_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = hadath()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

const BOM: &str = "\u{feff}";

#[test]
fn stdin_json_lines_after_a_byte_order_mark_are_json_lines() {
    let d = tmpdir("stdin-bom");
    let lines: String = (0..5)
        .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"وصل الوفد إلى القاهرة {i}.\"}}\n"))
        .collect();
    let out = run_stdin(&["extract", "-"], &d, format!("{BOM}{lines}").as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(ids(&out), ["d0", "d1", "d2", "d3", "d4"]);
}

#[test]
fn text_documents_on_stdin_are_not_one_document() {
    // Two articles piped into one store, one after the other, are two documents.
    let d = tmpdir("stdin-ids");
    for text in [GOOD, "خبر آخر\n\nوصل الوفد إلى القاهرة يوم الأربعاء."]
    {
        let out = run_stdin(&["ingest", "-", "--db", "s.db", "-q"], &d, text.as_bytes());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = hadath_store::Store::open(d.join("s.db")).unwrap();
    assert_eq!(store.stats().unwrap().documents, 2);
    // The same text again is the same document.
    let a = run_stdin(&["extract", "-"], &d, GOOD.as_bytes());
    let b = run_stdin(&["extract", "-"], &d, GOOD.as_bytes());
    assert_eq!(ids(&a), ids(&b));
    assert!(ids(&a)[0].starts_with("stdin-"));
}

#[test]
fn a_byte_order_mark_opening_a_file_is_not_text() {
    let d = tmpdir("file-bom");
    std::fs::write(
        d.join("a.jsonl"),
        format!("{BOM}{{\"id\":\"j1\",\"text\":\"وصل الوفد.\"}}\n{{\"id\":\"j2\",\"text\":\"غادر الوفد.\"}}\n"),
    )
    .unwrap();
    std::fs::write(d.join("b.txt"), format!("{BOM}{GOOD}")).unwrap();
    let out = run(&["extract", "a.jsonl", "b.txt"], &d);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ids(&out), ["j1", "j2", "b"]);
    let last: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().last().unwrap()).unwrap();
    assert_eq!(last["title"], "عنوان الخبر");
}

#[test]
fn a_fifo_in_a_directory_is_skipped_not_read() {
    let d = tmpdir("fifo");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    let made = Command::new("mkfifo")
        .arg(d.join("pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    let mut child = hadath()
        .args(["extract", "."])
        .current_dir(&d)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Reading the FIFO would block for ever: a hang detector, not a timing.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("extract blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pipe.txt") && err.contains("not a regular file"),
        "{err}"
    );
    assert_eq!(ids(&out), ["a"]);
}

#[test]
fn output_file_is_written_whole() {
    let d = tmpdir("outfile");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    let out = run(&["extract", "a.txt", "-o", "out.jsonl"], &d);
    assert!(out.status.success());
    let s = std::fs::read_to_string(d.join("out.jsonl")).unwrap();
    assert_eq!(s.lines().count(), 1);
    assert!(!d.join("out.partial").exists());
    // Nothing but the output is left beside it.
    let names: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn output_files_of_one_stem_do_not_share_a_temporary_file() {
    let d = tmpdir("outfile-stem");
    // 300 documents: long enough for two runs to overlap.
    let lines: String = (0..300)
        .map(|i| format!("{{\"id\":\"d{i}\",\"text\":{}}}\n", serde_json::json!(GOOD)))
        .collect();
    std::fs::write(d.join("in.jsonl"), lines).unwrap();
    // An unrelated file that the old STEM.partial naming overwrote, then renamed away.
    std::fs::write(d.join("notes.partial"), "my notes").unwrap();
    let spawn = |out: &str, fmt: &str| {
        hadath()
            .args(["extract", "in.jsonl", "-q", "-f", fmt, "-o", out])
            .current_dir(&d)
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn("r.jsonl", "jsonl");
    let b = spawn("r.txt", "table");
    let c = spawn("notes.jsonl", "jsonl");
    for child in [a, b, c] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for name in ["r.jsonl", "notes.jsonl"] {
        let s = std::fs::read_to_string(d.join(name)).unwrap();
        assert_eq!(s.lines().count(), 300, "{name}");
        assert!(s
            .lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()));
    }
    let table = std::fs::read_to_string(d.join("r.txt")).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(table.lines().next().unwrap()).is_err());
    assert_eq!(
        std::fs::read_to_string(d.join("notes.partial")).unwrap(),
        "my notes"
    );
}

#[test]
fn table_view_marks_boilerplate() {
    let d = tmpdir("table");
    std::fs::write(
        d.join("a.txt"),
        format!("{GOOD}\n\nاقرأ أيضا: خبر آخر عن الموضوع"),
    )
    .unwrap();
    let out = run(&["extract", "a.txt", "--format", "table"], &d);
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("(related) اقرأ أيضا: خبر آخر عن الموضوع"), "{s}");
}

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
        ("عنوان\nنص الخبر هنا.", vec!["stdin"]),
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

#[test]
fn output_file_is_written_whole() {
    let d = tmpdir("outfile");
    std::fs::write(d.join("a.txt"), GOOD).unwrap();
    let out = run(&["extract", "a.txt", "-o", "out.jsonl"], &d);
    assert!(out.status.success());
    let s = std::fs::read_to_string(d.join("out.jsonl")).unwrap();
    assert_eq!(s.lines().count(), 1);
    assert!(!d.join("out.partial").exists());
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

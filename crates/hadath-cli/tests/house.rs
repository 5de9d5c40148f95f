//! The everyday commands: one filter with the API's messages, actor names in both scripts,
//! RFC 2822 dates, broken pipes, two ingests creating one store.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn hadath() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hadath"));
    c.env_remove("HADATH_DB");
    c
}

fn run(args: &[&str]) -> Output {
    hadath().args(args).output().unwrap()
}

/// A store of the regression corpus, built once per test binary.
fn store() -> &'static str {
    static DB: std::sync::OnceLock<(tempfile::TempDir, String)> = std::sync::OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("h.db").to_str().unwrap().to_string();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus.jsonl");
        let o = run(&["ingest", corpus.to_str().unwrap(), "--db", &db, "-q"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (dir, db)
    })
    .1
}

#[test]
fn bad_filters_fail_with_what_to_write() {
    let db = store();
    for (flag, value, says) in [
        ("--type", "ATTACK", "AGREE, CONSULT"),
        ("--modality", "maybe", "asserted, negated"),
        ("--from", "2022-13", "2022-09-13"),
    ] {
        let o = run(&["timeline", "--db", db, flag, value]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{flag} {value}: {err}");
        assert!(
            err.contains(says) && err.contains(value),
            "{flag} {value}: {err}"
        );
    }
}

fn count(args: &[&str]) -> usize {
    let o = run(args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[test]
fn actors_are_found_by_arabic_and_english_names_and_aliases() {
    let db = store();
    let by = |who: &str| count(&["export", "--db", db, "--format", "jsonl", "--actor", who]);
    let english = by("Houthis");
    assert!(english > 0);
    assert_eq!(by("الحوثيين"), english);
    assert_eq!(by("Ansar Allah"), english);
    assert_eq!(by("nobody-at-all"), 0);
}

#[test]
fn rfc2822_publication_dates_are_read_and_bad_ones_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("feed.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"r1","text":"قصفت الطائرات مواقع في إدلب أمس","published":"Tue, 21 Jul 2015 10:00:00 +0300"}"#,
            "\n",
            r#"{"id":"r2","text":"قصفت الطائرات مواقع في حلب أمس","published":"next Tuesday"}"#,
            "\n"
        ),
    )
    .unwrap();
    let db = dir.path().join("f.db");
    let o = run(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "-q",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("feed.jsonl:2") && err.contains("next Tuesday"),
        "{err}"
    );
    assert!(err.contains("2 added"), "{err}");
    let o = run(&["export", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2015-07-20"), "yesterday of 21 July: {out}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let db = store();
    let mut child = hadath()
        .args(["export", "--db", db, "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then hang up, as `| head -c 1` does.
    let mut out = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    out.read_exact(&mut one).unwrap();
    drop(out);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {err}");
    assert!(!err.contains("error") && !err.contains("panicked"), "{err}");
}

#[test]
fn two_ingests_can_create_one_store_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, "قصفت الطائرات مواقع في إدلب أمس\n").unwrap();
    std::fs::write(&b, "اجتمع الوزير مع نظيره في القاهرة\n").unwrap();
    for round in 0..12 {
        let db = dir.path().join(format!("race{round}.db"));
        let spawn = |f: &Path| {
            hadath()
                .args([
                    "ingest",
                    f.to_str().unwrap(),
                    "--db",
                    db.to_str().unwrap(),
                    "-q",
                ])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (p, q) = (spawn(&a), spawn(&b));
        for c in [p, q] {
            let o = c.wait_with_output().unwrap();
            assert!(
                o.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn the_server_stops_cleanly_on_sigterm_and_leaves_no_wal() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "قصفت الطائرات مواقع في إدلب أمس\n").unwrap();
    let o = run(&[
        "ingest",
        text.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "-q",
    ]);
    assert!(o.status.success());
    let mut child = hadath()
        .args(["serve", "--db", db.to_str().unwrap(), "--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("http://") {
        line.clear();
        assert!(
            err.read_line(&mut line).unwrap() > 0,
            "the server ended early"
        );
    }
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    // A read opens the store's reader connections (and the write-ahead log beside it).
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    write!(s, "GET /api/overview HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut first = String::new();
    BufReader::new(&s).read_line(&mut first).unwrap();
    assert!(first.contains("200"), "{first}");
    // The keep-alive connection stays open while the server is told to stop.
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut err, &mut rest);
    assert!(status.success(), "{status:?}: {rest}");
    for side in ["s.db-wal", "s.db-shm"] {
        assert!(
            !dir.path().join(side).exists(),
            "{side} left behind: {rest}"
        );
    }
    drop(s);
}

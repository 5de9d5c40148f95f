//! Users add knowledge-base entries and triggers without recompiling: from --kb/--triggers and
//! from the config directory. A bad line is an error naming the file and line.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("hadath-user-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(dir: &PathBuf, args: &[&str], config: Option<&PathBuf>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hadath"));
    c.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", dir);
    match config {
        Some(p) => c.env("HADATH_CONFIG", p),
        None => c.env("HADATH_CONFIG", dir.join("no-such-dir")),
    };
    c.output().unwrap()
}

const PEOPLE: &str = "# source: test\nname_en\tcode\toffice\tfrom\tto\tnames_ar\nZakaria Barhoumi\tTUN\tforeign_minister\t2020-01-01\t\tزكريا برهومي|برهومي\n";
const TEXT: &str = "عنوان\n\nاستقبل زكريا برهومي نظيره في العاصمة صباح الأحد.";

fn names(out: &Output) -> Vec<(String, String)> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap_or("").to_string(),
                e["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn kb_file_on_the_command_line() {
    let d = tmpdir("kb");
    std::fs::write(d.join("a.txt"), TEXT).unwrap();
    std::fs::write(d.join("my-people.tsv"), PEOPLE).unwrap();
    let without = names(&run(&d, &["extract", "a.txt"], None));
    assert!(!without.iter().any(|(n, _)| n == "Zakaria Barhoumi"));
    let with = names(&run(
        &d,
        &["extract", "--kb", "my-people.tsv", "a.txt"],
        None,
    ));
    assert!(
        with.contains(&("Zakaria Barhoumi".into(), "TUN".into())),
        "{with:?}"
    );
}

#[test]
fn kb_file_in_the_config_dir() {
    let d = tmpdir("cfg");
    std::fs::write(d.join("a.txt"), TEXT).unwrap();
    let cfg = d.join("cfg");
    std::fs::create_dir_all(cfg.join("kb")).unwrap();
    std::fs::write(cfg.join("kb/people.tsv"), PEOPLE).unwrap();
    let with = names(&run(&d, &["extract", "a.txt"], Some(&cfg)));
    assert!(
        with.contains(&("Zakaria Barhoumi".into(), "TUN".into())),
        "{with:?}"
    );
    let skipped = names(&run(&d, &["extract", "--no-config", "a.txt"], Some(&cfg)));
    assert!(!skipped.iter().any(|(n, _)| n == "Zakaria Barhoumi"));
}

#[test]
fn bad_user_line_names_file_and_line() {
    let d = tmpdir("bad");
    std::fs::write(d.join("a.txt"), TEXT).unwrap();
    std::fs::write(d.join("people.tsv"), format!("{PEOPLE}only\ttwo\n")).unwrap();
    let out = run(&d, &["extract", "--kb", "people.tsv", "a.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("people.tsv:4"), "{err}");
}

//! `hadath ingest / timeline / explain / export` end to end, including a kill -9 mid-ingest.

use hadath_store::{Filter, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn hadath() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hadath"));
    c.env_remove("HADATH_DB");
    c
}

fn run(args: &[&str]) -> Output {
    let o = hadath().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "hadath {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `n` small distinct documents as JSON Lines.
fn corpus(path: &Path, n: usize) {
    let places = ["حلب", "إدلب", "الموصل", "صنعاء", "طرابلس", "بنغازي"];
    let mut out = String::new();
    for i in 0..n {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let place = places[i % places.len()];
        let text = if i % 2 == 0 {
            format!(
                "قصفت القوات السورية مواقع في {place} يوم {day}/{month}/2021، ما أسفر عن مقتل {} أشخاص. الخبر رقم {i}.",
                3 + i % 7
            )
        } else {
            format!(
                "التقى وزير الخارجية التركي نظيره الروسي في موسكو يوم {day}/{month}/2021 لبحث الأوضاع في {place}. الخبر رقم {i}."
            )
        };
        out.push_str(
            &serde_json::json!({"id": format!("g{i}"), "text": text, "published": "2021-12-31"})
                .to_string(),
        );
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn timeline_json(db: &Path) -> serde_json::Value {
    let o = run(&["timeline", "--db", s(db), "--format", "json"]);
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn ingest_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let corpus = root().join("examples/corpus");
    let first = run(&["ingest", s(&corpus), "--db", s(&db), "-q"]);
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(err.contains(" added"), "{err}");
    let t1 = timeline_json(&db);
    let table1 = run(&["timeline", "--db", s(&db)]).stdout;
    let second = run(&["ingest", s(&corpus), "--db", s(&db), "-q"]);
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains(" 0 added, 0 replaced"), "{err}");
    assert_eq!(timeline_json(&db), t1);
    assert_eq!(run(&["timeline", "--db", s(&db)]).stdout, table1);
    let n = t1.as_array().unwrap().len();
    assert!(n > 20, "{n} events from the example corpus");
    // Every format prints; explain works on the first event.
    for f in ["markdown", "csv"] {
        assert!(!run(&["timeline", "--db", s(&db), "--format", f])
            .stdout
            .is_empty());
    }
    let id = t1[0]["id"].to_string();
    let x = run(&["explain", &id, "--db", s(&db)]);
    assert!(String::from_utf8_lossy(&x.stdout).contains("Reports merged into it"));
}

#[test]
fn killed_ingest_leaves_a_consistent_store_and_the_rerun_completes() {
    const N: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus.jsonl");
    corpus(&input, N);
    let db = dir.path().join("killed.db");
    let mut child = hadath()
        .args([
            "ingest",
            s(&input),
            "--db",
            s(&db),
            "-q",
            "-j",
            "2",
            "--commit-every",
            "1",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // One transaction per document. Kill it (SIGKILL) once it has stored some, mid-run.
    let start = Instant::now();
    let stored = loop {
        std::thread::sleep(Duration::from_millis(20));
        let n = Store::open(&db)
            .ok()
            .and_then(|st| st.stats().ok())
            .map_or(0, |x| x.documents);
        if n >= 300 || start.elapsed() > Duration::from_secs(300) {
            break n;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest finished ({status}) before it could be killed");
        }
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(stored >= 300, "ingest too slow to test");

    let st = Store::open(&db).unwrap();
    assert_eq!(st.check().unwrap(), Vec::<String>::new());
    let partial = st.stats().unwrap().documents;
    assert!(
        (stored..N as i64).contains(&partial),
        "killed mid-run: {partial} of {N} stored"
    );
    drop(st);
    eprintln!(
        "killed after {stored} documents were seen stored; {partial} of {N} kept, consistent"
    );

    // The re-run finishes the job: every document, each complete.
    let o = run(&["ingest", s(&input), "--db", s(&db), "-q"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{partial} unchanged")), "{err}");
    let st = Store::open(&db).unwrap();
    assert_eq!(st.check().unwrap(), Vec::<String>::new());
    assert_eq!(st.stats().unwrap().documents, N as i64);

    // And the result is the store an uninterrupted ingest builds.
    let clean = dir.path().join("clean.db");
    run(&["ingest", s(&input), "--db", s(&clean), "-q"]);
    let a = Store::open(&clean).unwrap();
    assert_eq!(a.stats().unwrap(), st.stats().unwrap());
    let strip = |v: Vec<hadath_store::StoryEvent>| {
        v.into_iter()
            .map(|e| (e.summary, e.sources))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(a.timeline(&Filter::default()).unwrap()),
        strip(st.timeline(&Filter::default()).unwrap())
    );
}

#[test]
fn exports_read_back_match_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    run(&[
        "ingest",
        s(&root().join("examples/corpus")),
        "--db",
        s(&db),
        "-q",
    ]);
    let t = timeline_json(&db);
    let events = t.as_array().unwrap();

    let csv_path = dir.path().join("e.csv");
    run(&["export", "--db", s(&db), "-f", "csv", "-o", s(&csv_path)]);
    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let head = r.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), events.len());
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    for (row, e) in rows.iter().zip(events) {
        assert_eq!(row[col("event_id")], e["id"].to_string());
        assert_eq!(row[col("event_type")], *e["type"].as_str().unwrap());
        assert_eq!(row[col("summary")], *e["summary"].as_str().unwrap());
        assert_eq!(
            row[col("num_sources")],
            e["sources"].as_array().unwrap().len().to_string()
        );
    }

    use parquet::file::reader::{FileReader, SerializedFileReader};
    let pq = dir.path().join("e.parquet");
    run(&["export", "--db", s(&db), "-f", "parquet", "-o", s(&pq)]);
    let reader = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), events.len());
    use parquet::record::RowAccessor;
    for (row, e) in rows.iter().zip(events) {
        assert_eq!(row.get_long(0).unwrap(), e["id"].as_i64().unwrap());
        assert_eq!(row.get_string(5).unwrap(), e["type"].as_str().unwrap());
        let summary = hadath_store::export::COLUMNS
            .iter()
            .position(|c| *c == "summary")
            .unwrap();
        assert_eq!(
            row.get_string(summary).unwrap(),
            e["summary"].as_str().unwrap()
        );
        // the reports' first publication date comes with every row (the API's field)
        let first = hadath_store::export::COLUMNS
            .iter()
            .position(|c| *c == "first_report")
            .unwrap();
        // typed DATE: days since 1970-01-01
        let want = e["first_report"].as_str().map(epoch_days);
        let got = match row.get_column_iter().nth(first).map(|x| x.1) {
            Some(parquet::record::Field::Date(d)) => Some(*d),
            _ => None,
        };
        assert_eq!(got, want);
    }

    let o = run(&["export", "--db", s(&db), "-f", "jsonl"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        events.len()
    );
}

#[test]
fn a_store_from_a_newer_hadath_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    Store::open(&db)
        .unwrap()
        .connection()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let o = hadath()
        .args(["timeline", "--db", s(&db)])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("schema version 99, newer than this hadath understands"),
        "{err}"
    );
    // A missing store is an error that says how to make one.
    let o = hadath()
        .args(["timeline", "--db", s(&dir.path().join("none.db"))])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stderr).contains("hadath ingest"));
}

/// Make `dir` unwritable (chmod; for root, which ignores the mode, the immutable attribute).
/// False when this machine cannot; `writable_again` undoes it.
fn read_only(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let writable = || {
        let ok = std::fs::write(dir.join("probe"), "x").is_ok();
        let _ = std::fs::remove_file(dir.join("probe"));
        ok
    };
    if std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).is_err() {
        return false;
    }
    if writable() {
        let _ = Command::new("chattr").arg("+i").arg(dir).status();
    }
    !writable()
}

fn writable_again(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = Command::new("chattr")
        .arg("-i")
        .arg(dir)
        .stderr(Stdio::null())
        .status();
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
}

#[test]
fn a_store_in_a_read_only_directory_can_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    let corpus = root().join("examples/corpus");
    run(&["ingest", s(&corpus), "--db", s(&db), "-q"]);
    let want = timeline_json(&db);
    if !read_only(dir.path()) {
        writable_again(dir.path());
        eprintln!("cannot make a directory read-only here: skipped");
        return;
    }
    let outs: Vec<Output> = [
        vec!["timeline", "--db", s(&db), "--format", "json"],
        vec!["explain", "1", "--db", s(&db)],
        vec!["export", "--db", s(&db)],
    ]
    .iter()
    .map(|args| hadath().args(args).output().unwrap())
    .collect();
    writable_again(dir.path());
    for o in &outs {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let got: serde_json::Value = serde_json::from_slice(&outs[0].stdout).unwrap();
    assert_eq!(got, want);
}

fn seeds() -> Option<PathBuf> {
    let p = root().join("../shared/corpus/seeds");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/corpus/seeds is not here");
        None
    }
}

#[test]
fn the_seeds_story() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    run(&["ingest", s(&seeds), "--db", s(&db), "-q"]);
    let t = timeline_json(&db);
    let events = t.as_array().unwrap();
    // The Istanbul meeting of the US, the EU, Russia and Turkey: once.
    let istanbul: Vec<_> = events
        .iter()
        .filter(|e| e["type"] == "CONSULT" && e["location"]["name"] == "Istanbul")
        .collect();
    assert_eq!(istanbul.len(), 1, "{istanbul:#?}");
    // The September 2022 clashes: dated, with their toll.
    let clashes: Vec<_> = events
        .iter()
        .filter(|e| {
            e["type"] == "ASSAULT"
                && e["date"].as_str().is_some_and(|d| d.starts_with("2022-09"))
                && e["dead"].is_i64()
        })
        .collect();
    assert_eq!(clashes.len(), 1, "{clashes:#?}");
    // Twice changes nothing.
    run(&["ingest", s(&seeds), "--db", s(&db), "-q"]);
    assert_eq!(timeline_json(&db), t);
}

/// The seeds as JSON Lines with their publication dates: the .txt files carry none, so, as a news
/// feed would give them, they come as metadata (the first day of each range in the gold file,
/// the same input as the README's dated seeds command).
fn dated_seeds(seeds: &Path, out: &Path) -> Option<()> {
    let gold = root().join("../shared/eval/gold/seeds.json");
    let gold: serde_json::Value = serde_json::from_slice(&std::fs::read(gold).ok()?).ok()?;
    let mut lines = String::new();
    for d in gold["documents"].as_array()? {
        let id = d["id"].as_str()?;
        let published = match &d["published"] {
            serde_json::Value::Array(v) => v.first()?.as_str()?,
            v => v.as_str()?,
        };
        let text = std::fs::read_to_string(seeds.join(format!("{id}.txt"))).ok()?;
        lines.push_str(
            &serde_json::json!({"id": id, "text": text, "published": published}).to_string(),
        );
        lines.push('\n');
    }
    std::fs::write(out, lines).ok()
}

/// The acceptance check of the story issue: with publication dates, the story's key events
/// appear once each and correctly dated, and the September 2022 clashes, reported in seeds 001
/// (Reuters: "a month after the worst clashes", "last month … 286 killed") and 002 (13 September
/// 2022, 135 + 71 killed), are one story event with two sources.
#[test]
fn the_seeds_key_events_dated_and_merged() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("seeds.jsonl");
    dated_seeds(&seeds, &input).expect("the seeds' gold file is readable");
    let db = dir.path().join("seeds.db");
    run(&["ingest", s(&input), "--db", s(&db), "-q"]);
    let t = timeline_json(&db);
    let events = t.as_array().unwrap();
    let find = |ty: &str, date: &str| -> Vec<&serde_json::Value> {
        events
            .iter()
            .filter(|e| e["type"] == ty && e["date"].as_str().is_some_and(|d| d.starts_with(date)))
            .collect()
    };
    let clashes: Vec<_> = find("ASSAULT", "2022-09")
        .into_iter()
        .filter(|e| e["dead"].is_i64())
        .collect();
    assert_eq!(clashes.len(), 1, "{clashes:#?}");
    assert_eq!(clashes[0]["date"], "2022-09-13");
    assert_eq!(clashes[0]["sources"].as_array().unwrap().len(), 2);
    // The Sochi summit of 31 October 2022, at Sochi (not Prague, from a later sentence).
    let sochi: Vec<_> = find("CONSULT", "2022-10-31")
        .into_iter()
        .filter(|e| e["location"]["name"] == "Sochi")
        .collect();
    assert_eq!(sochi.len(), 1, "{sochi:#?}");
    let codes: Vec<_> = ["actors", "recipients"]
        .iter()
        .flat_map(|k| sochi[0][k].as_array().unwrap())
        .filter_map(|p| p["code"].as_str())
        .collect();
    for c in ["RUS", "ARM", "AZE"] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
    // The Istanbul envoys' meeting of 17 September 2023, once.
    let istanbul: Vec<_> = find("CONSULT", "2023-09-17")
        .into_iter()
        .filter(|e| e["location"]["name"] == "Istanbul")
        .collect();
    assert_eq!(istanbul.len(), 1, "{istanbul:#?}");
    // Brussels, 15 July 2023; Geneva, 3 October 2022.
    for (date, place) in [("2023-07-15", "Brussels"), ("2022-10-03", "Geneva")] {
        let hit = find("CONSULT", date)
            .into_iter()
            .filter(|e| e["location"]["name"] == place)
            .count();
        assert_eq!(hit, 1, "{place} {date}");
    }
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
fn epoch_days(s: &str) -> i32 {
    let p: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
    let (y, m, d) = (if p[1] <= 2 { p[0] - 1 } else { p[0] }, p[1], p[2]);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    (era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468) as i32
}

#[test]
fn explain_shows_the_place_reason_and_bbox_keeps_the_events_inside_the_box() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("aleppo.jsonl");
    let text = "قصفت القوات السورية مواقع في حلب يوم 3/4/2021، ما أسفر عن مقتل 5 أشخاص.";
    let doc = serde_json::json!({"id": "a1", "text": text, "published": "2021-12-31"});
    std::fs::write(&input, format!("{doc}\n")).unwrap();
    let db = dir.path().join("s.db");
    run(&["ingest", s(&input), "--db", s(&db), "-q"]);
    let t = timeline_json(&db);
    let reason = t[0]["location"]["reason"].as_str().unwrap().to_string();
    let id = t[0]["id"].to_string();
    let x = String::from_utf8(run(&["explain", &id, "--db", s(&db)]).stdout).unwrap();
    assert!(x.contains(&format!("place reason  {reason}")), "{x}");
    assert!(x.contains(&format!("     place: {reason}")), "{x}");
    assert!(x.contains("coordinates   36.2"), "{x}");
    let ids = |bbox: &str| -> usize {
        let o = run(&[
            "timeline",
            "--db",
            s(&db),
            "--format",
            "json",
            "--bbox",
            bbox,
        ]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array().unwrap().len()
    };
    assert_eq!(ids("35,29,43,38"), 1);
    assert_eq!(ids("-10,29,0,38"), 0);
    let bad = hadath()
        .args(["timeline", "--db", s(&db), "--bbox", "1,2"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("west,south,east,north"));
}

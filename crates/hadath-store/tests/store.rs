//! The store: idempotent ingest, replacement, schema versions, coreference, search, exports.

use hadath_core::{Document, EventOut, Modality, Output, PartyOut, Size, SpanOut};
use hadath_store::{export, Filter, FilterSpec, Plan, Store, SCHEMA_VERSION};

fn spec(f: FilterSpec) -> Filter {
    f.validate(&|_: &str| Vec::new()).unwrap()
}

fn party(name: &str, code: &str) -> PartyOut {
    PartyOut {
        text: name.to_string(),
        name: Some(name.to_string()),
        code: Some(code.to_string()),
        start: None,
        end: None,
        sector: None,
        geo: None,
    }
}

fn span(text: &str) -> SpanOut {
    SpanOut {
        start: 0,
        end: text.chars().count(),
        text: text.to_string(),
    }
}

/// An event as the extract stage gives it.
fn event(
    kind: &str,
    date: Option<&str>,
    actors: &[(&str, &str)],
    recipients: &[(&str, &str)],
    place: Option<(&str, &str)>,
    dead: Option<i64>,
    evidence: &str,
) -> EventOut {
    EventOut {
        kind: kind.parse().unwrap(),
        mode: None,
        date: date.map(str::to_string),
        actors: actors.iter().map(|(n, c)| party(n, c)).collect(),
        recipients: recipients.iter().map(|(n, c)| party(n, c)).collect(),
        mediators: vec![],
        location: place.map(|(n, c)| party(n, c)),
        size: dead.map(|d| Size {
            dead: Some(d as u64),
            ..Size::default()
        }),
        cumulative: None,
        modality: Modality::Asserted,
        date_source: None,
        attribution: None,
        source: None,
        evidence: span(evidence),
        evidence_all: vec![span(evidence)],
        trigger: span(evidence),
    }
}

fn output(id: &str, events: Vec<EventOut>) -> Output {
    Output {
        id: id.to_string(),
        title: None,
        published: None,
        entities: vec![],
        timexes: vec![],
        events,
        boilerplate: vec![],
    }
}

fn doc(id: &str, text: &str) -> Document {
    Document::new(id, text)
}

const ARM: (&str, &str) = ("Armenia", "ARM");
const AZE: (&str, &str) = ("Azerbaijan", "AZE");

fn clash(date: &str, dead: i64, evidence: &str) -> EventOut {
    event(
        "ASSAULT",
        Some(date),
        &[ARM, AZE],
        &[],
        None,
        Some(dead),
        evidence,
    )
}

#[test]
fn same_document_twice_changes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let d = doc("a", "نص الخبر الأول");
    let o = output("a", vec![clash("2022-09-13", 206, "اشتباكات")]);
    assert_eq!(s.put(&d, &o).unwrap().plan, Plan::New);
    let before = s.stats().unwrap();
    assert_eq!(s.put(&d, &o).unwrap().plan, Plan::Unchanged);
    assert_eq!(s.plan(&d).unwrap(), Plan::Unchanged);
    // The same content under another id is a duplicate.
    let copy = doc("a-copy", "نص الخبر الأول");
    assert_eq!(
        s.put(&copy, &o).unwrap().plan,
        Plan::Duplicate { of: "a".into() }
    );
    assert_eq!(s.stats().unwrap(), before);
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn a_changed_document_replaces_its_extraction() {
    let mut s = Store::open_in_memory().unwrap();
    let d1 = doc("a", "النص القديم");
    s.put(&d1, &output("a", vec![clash("2022-09-13", 206, "قديم")]))
        .unwrap();
    let d2 = doc("a", "النص الجديد");
    let o2 = output(
        "a",
        vec![
            clash("2022-09-13", 100, "جديد"),
            event(
                "CONSULT",
                Some("2022-09-20"),
                &[ARM, AZE],
                &[],
                None,
                None,
                "محادثات",
            ),
        ],
    );
    assert_eq!(
        s.put(&d2, &o2).unwrap().plan,
        Plan::Replace { old_id: "a".into() }
    );
    let st = s.stats().unwrap();
    assert_eq!((st.documents, st.events, st.story_events), (1, 2, 2));
    let t = s.timeline(&Filter::default()).unwrap();
    assert_eq!(t[0].dead, Some(100), "the old toll is gone");
    assert!(s.check().unwrap().is_empty());

    // A document at the same url under a new id replaces the old one too.
    let mut d3 = doc("b", "نص آخر");
    d3.url = Some("https://example.invalid/x".into());
    s.put(&d3, &output("b", vec![])).unwrap();
    let mut d4 = doc("b2", "نص آخر معدل");
    d4.url = Some("https://example.invalid/x".into());
    assert_eq!(
        s.put(&d4, &output("b2", vec![])).unwrap().plan,
        Plan::Replace { old_id: "b".into() }
    );
    assert_eq!(s.stats().unwrap().documents, 2);
}

#[test]
fn reports_of_one_clash_merge_and_others_do_not() {
    let mut s = Store::open_in_memory().unwrap();
    // Two articles on the September 2022 clashes: one dates them to the month, one to the day,
    // with different tolls.
    s.put(
        &doc("reuters", "١"),
        &output(
            "reuters",
            vec![clash("2022-09", 286, "قُتل 286 شخصًا في اشتباكات")],
        ),
    )
    .unwrap();
    let put = s
        .put(
            &doc("raseef", "٢"),
            &output(
                "raseef",
                vec![clash(
                    "2022-09-13",
                    206,
                    "تعرضت عدة مواقع أرمينية لقصفٍ أذري",
                )],
            ),
        )
        .unwrap();
    assert_eq!(put.merged, 1);
    // The 2020 war, the same participants: a different happening.
    s.put(
        &doc("war", "٣"),
        &output("war", vec![clash("2020-10-01", 5000, "الحرب")]),
    )
    .unwrap();
    // Another clash the same day between other parties: a different happening.
    s.put(
        &doc("other", "٤"),
        &output(
            "other",
            vec![event(
                "ASSAULT",
                Some("2022-09-13"),
                &[("Israel", "ISR")],
                &[("Syria", "SYR")],
                None,
                Some(2),
                "غارة",
            )],
        ),
    )
    .unwrap();
    let t = s.timeline(&Filter::default()).unwrap();
    assert_eq!(t.len(), 3, "{t:#?}");
    let sept: Vec<_> = t
        .iter()
        .filter(|e| e.date.as_deref() == Some("2022-09-13") && e.sources.len() > 1)
        .collect();
    assert_eq!(sept.len(), 1);
    let e = sept[0];
    assert_eq!(e.sources, ["raseef", "reuters"]);
    assert_eq!(
        e.date_precision.as_deref(),
        Some("day"),
        "the most specific date"
    );
    assert_eq!(e.dead, Some(206), "the lowest toll (ACLED)");
    let dis = e.disagreements.to_string();
    assert!(
        dis.contains("\"dead\"") && dis.contains("286") && dis.contains("206"),
        "{dis}"
    );
    assert!(e.summary.starts_with("2022-09-13 · "), "{}", e.summary);
    assert_eq!(e.cameo.as_deref(), Some("19"));

    let x = s.explain(e.id).unwrap();
    assert_eq!(x.members.len(), 2);
    assert_eq!(x.members[0].reason, "first report");
    assert!(
        x.members[1].reason.contains("same type ASSAULT")
            && x.members[1].reason.contains("participants overlap 1.00"),
        "{}",
        x.members[1].reason
    );

    // Removing one report leaves the other as the whole story event.
    s.remove("reuters").unwrap();
    let e = s.story(e.id).unwrap();
    assert_eq!((e.sources.len(), e.dead), (1, Some(206)));
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn undated_and_year_only_reports_are_not_merged_loosely() {
    let mut s = Store::open_in_memory().unwrap();
    for id in ["a", "b"] {
        s.put(
            &doc(id, id),
            &output(
                id,
                vec![event(
                    "CONSULT",
                    None,
                    &[ARM, AZE],
                    &[],
                    None,
                    None,
                    "محادثات",
                )],
            ),
        )
        .unwrap();
    }
    for id in ["c", "d"] {
        s.put(
            &doc(id, id),
            &output(
                id,
                vec![event(
                    "ASSAULT",
                    Some("2020"),
                    &[ARM, AZE],
                    &[],
                    None,
                    None,
                    "حرب",
                )],
            ),
        )
        .unwrap();
    }
    assert!(s
        .timeline(&Filter::default())
        .unwrap()
        .iter()
        .all(|e| e.sources.len() == 1));
}

#[test]
fn filters_and_arabic_text_search() {
    let mut s = Store::open_in_memory().unwrap();
    s.put(
        &doc("a", "a"),
        &output(
            "a",
            vec![
                clash("2022-09-13", 206, "تعرّضت مواقعُ أرمينيةٌ لقصفٍ أذريّ"),
                event(
                    "CONSULT",
                    Some("2023-09-17"),
                    &[("United States", "USA"), ("Russia", "RUS")],
                    &[],
                    Some(("Istanbul", "TUR")),
                    None,
                    "اجتماع إسطنبول",
                ),
            ],
        ),
    )
    .unwrap();
    let ids = |f: Filter| -> Vec<String> {
        s.timeline(&f)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect()
    };
    let text = |t: &str| Filter {
        text: Some(t.into()),
        ..Filter::default()
    };
    // Diacritics and clitics ignored both ways.
    assert_eq!(ids(text("والقصف")), ["ASSAULT"]);
    assert_eq!(ids(text("بِقَصْف")), ["ASSAULT"]);
    assert_eq!(ids(text("مواقع أرمينية")), ["ASSAULT"]);
    assert_eq!(ids(text("باسطنبول")), ["CONSULT"]);
    assert!(ids(text("غارة")).is_empty());
    assert_eq!(
        ids(spec(FilterSpec {
            actor: vec!["rus".into()],
            ..FilterSpec::default()
        })),
        ["CONSULT"]
    );
    assert_eq!(
        ids(spec(FilterSpec {
            types: vec!["assault".into()],
            from: Some("2022-09".into()),
            to: Some("2022".into()),
            ..FilterSpec::default()
        })),
        ["ASSAULT"]
    );
    assert_eq!(
        ids(spec(FilterSpec {
            place: Some("istan".into()),
            ..FilterSpec::default()
        })),
        ["CONSULT"]
    );
    assert!(ids(spec(FilterSpec {
        modality: Some("future".into()),
        ..FilterSpec::default()
    }))
    .is_empty());
    let t = s.timeline(&Filter::default()).unwrap();
    assert_eq!(
        t[1].summary,
        "2023-09-17 · Istanbul · United States and Russia hold talks"
    );
}

#[test]
fn a_newer_store_is_refused_and_an_older_one_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.db");
    {
        let s = Store::open(&newer).unwrap();
        s.connection()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let e = Store::open(&newer).unwrap_err().to_string();
    assert!(e.contains("newer than this hadath understands"), "{e}");

    // A version-1 store with a story event in it: opening migrates it and backfills search.
    let older = dir.path().join("older.db");
    hadath_store::create_at_version(&older, 1).unwrap();
    {
        let c = rusqlite::Connection::open(&older).unwrap();
        c.execute_batch(
            "INSERT INTO documents (doc_key, id, content_hash, text, boilerplate, extracted_at,
                n_entities, n_timexes, n_events)
             VALUES (1, 'd', 'h', 'نص', '[]', 'now', 0, 0, 1);
             INSERT INTO events (event_key, doc_key, ord, type, modality, actors, recipients,
                mediators, evidence_start, evidence_end, evidence_text, json)
             VALUES (1, 1, 0, 'ASSAULT', 'asserted', '[]', '[]', '[]', 0, 5, 'قصفٌ عنيف', '{}');
             INSERT INTO evidence VALUES (1, 0, 5, 'قصفٌ عنيف');
             INSERT INTO story_events (story_id, type, modality, actors, recipients, mediators,
                participants, n_sources, n_mentions, disagreements, summary)
             VALUES (1, 'ASSAULT', 'asserted', '[]', '[]', '[]', ' ', 1, 1, '[]', 'x');
             INSERT INTO story_members VALUES (1, 1, NULL, 'first report');",
        )
        .unwrap();
        let v: u32 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
    }
    let s = Store::open(&older).unwrap();
    assert_eq!(s.migrated_from(), Some(1));
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let hits = s
        .timeline(&Filter {
            text: Some("القصف".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1, "search key backfilled by the migration");
    drop(s);
    assert_eq!(Store::open(&older).unwrap().migrated_from(), None);

    // A database that is not a hadath store is refused.
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x);")
        .unwrap();
    let e = Store::open(&foreign).unwrap_err().to_string();
    assert!(e.contains("not a hadath store"), "{e}");
}

/// A store with a few story events, some merged, with tolls and places.
fn sample_store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.put(
        &doc("a", "a"),
        &output(
            "a",
            vec![
                clash("2022-09", 286, "اشتباكات"),
                event(
                    "CONSULT",
                    Some("2023-09-17"),
                    &[("United States", "USA"), ("Russia", "RUS")],
                    &[],
                    Some(("Istanbul", "TUR")),
                    None,
                    "اجتماع, \"إسطنبول\"",
                ),
                event(
                    "REQUEST",
                    None,
                    &[("China", "CHN")],
                    &[ARM, AZE],
                    None,
                    None,
                    "دعت",
                ),
            ],
        ),
    )
    .unwrap();
    s.put(
        &doc("b", "b"),
        &output("b", vec![clash("2022-09-13", 206, "قصف")]),
    )
    .unwrap();
    s
}

#[test]
fn csv_export_reads_back_as_the_store() {
    let s = sample_store();
    let events = s.timeline(&Filter::default()).unwrap();
    let mut buf = Vec::new();
    export::write_csv(&mut buf, &events).unwrap();
    let mut r = csv::Reader::from_reader(&buf[..]);
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        export::COLUMNS
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        let want: Vec<String> = export::row(e).iter().map(|c| c.to_csv()).collect();
        assert_eq!(row.iter().collect::<Vec<_>>(), want);
    }
    let col = |name: &str| export::COLUMNS.iter().position(|c| *c == name).unwrap();
    let merged = rows.iter().find(|r| &r[col("num_sources")] == "2").unwrap();
    assert_eq!(&merged[col("dead")], "206");
    assert_eq!(&merged[col("source_docs")], "a;b");
    assert_eq!(&merged[col("version")], export::VERSION);
    assert!(merged[col("timestamp")].ends_with('Z'), "{merged:?}");
    assert_eq!(&merged[col("quad_class")], "4");
    assert_eq!(&merged[col("cameo_root")], "19");
}

#[test]
fn parquet_export_reads_back_as_the_store() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let s = sample_store();
    let events = s.timeline(&Filter::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    export::write_parquet(std::fs::File::create(&path).unwrap(), &events).unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(
        reader.metadata().file_metadata().num_rows(),
        events.len() as i64
    );
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (row, e) in rows.iter().zip(&events) {
        let cols: Vec<(&String, &Field)> = row.get_column_iter().collect();
        assert_eq!(
            cols.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
            export::COLUMNS
        );
        for ((_, got), want) in cols.iter().zip(export::row(e)) {
            match (got, want) {
                (
                    Field::Null,
                    export::Cell::Int(None)
                    | export::Cell::Text(None)
                    | export::Cell::Float(None)
                    | export::Cell::List(None),
                ) => {}
                // lists are list columns, a party without a code a null item
                (Field::ListInternal(g), export::Cell::List(Some(w))) => {
                    let got: Vec<Option<String>> = g
                        .elements()
                        .iter()
                        .map(|x| match x {
                            Field::Str(s) => Some(s.clone()),
                            Field::Null => None,
                            other => panic!("list item {other:?}"),
                        })
                        .collect();
                    assert_eq!(got, w);
                }
                // the time it last changed is a UTC TIMESTAMP
                (Field::TimestampMicros(g), export::Cell::Text(Some(w))) => {
                    let t: jiff::Timestamp = w.parse().unwrap();
                    assert_eq!(*g, t.as_microsecond(), "{w}");
                }
                (Field::Long(g), export::Cell::Int(Some(w))) => assert_eq!(*g, w),
                (Field::Double(g), export::Cell::Float(Some(w))) => assert_eq!(*g, w),
                (Field::Str(g), export::Cell::Text(Some(w))) => assert_eq!(*g, w),
                // whole days are typed DATE (days since 1970-01-01)
                (Field::Date(g), export::Cell::Text(Some(w))) => {
                    let d: Vec<i64> = w.split('-').map(|x| x.parse().unwrap()).collect();
                    let (y, m) = (if d[1] <= 2 { d[0] - 1 } else { d[0] }, d[1]);
                    let (era, doy) = (y.div_euclid(400), (153 * ((m + 9) % 12) + 2) / 5 + d[2] - 1);
                    let yoe = y - era * 400;
                    let days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
                    assert_eq!(i64::from(*g), days, "{w}");
                }
                (g, w) => panic!("{g:?} != {w:?}"),
            }
        }
    }
    // An empty export is a valid file too.
    let empty = dir.path().join("empty.parquet");
    export::write_parquet(std::fs::File::create(&empty).unwrap(), &[]).unwrap();
    let r = SerializedFileReader::new(std::fs::File::open(&empty).unwrap()).unwrap();
    assert_eq!(r.metadata().file_metadata().num_rows(), 0);
}

#[test]
fn jsonl_export_has_one_event_per_line() {
    let s = sample_store();
    let events = s.timeline(&Filter::default()).unwrap();
    let mut buf = Vec::new();
    export::write_jsonl(&mut buf, &events).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), events.len());
    assert_eq!(lines[0]["id"], events[0].id);
    assert!(lines.iter().any(|l| l["cameo_root"] == "04"));
}

#[test]
fn a_party_takes_the_role_most_reports_give_it() {
    let mut s = Store::open_in_memory().unwrap();
    let tun = ("Tunisia", "TUN");
    let isis = ("Islamic State", "ISIS");
    let place = Some(("Sousse", "TUN"));
    let reports = [
        ("a", vec![isis], vec![tun]),
        ("b", vec![tun, isis], vec![]),
        ("c", vec![isis], vec![tun]),
    ];
    for (id, actors, recipients) in reports {
        s.put(
            &doc(id, id),
            &output(
                id,
                vec![event(
                    "ASSAULT",
                    Some("2015-06-26"),
                    &actors,
                    &recipients,
                    place,
                    Some(38),
                    "هجوم",
                )],
            ),
        )
        .unwrap();
    }
    let t = s.timeline(&Filter::default()).unwrap();
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].sources.len(), 3);
    let codes = |v: &[hadath_store::Party]| {
        v.iter()
            .map(|p| p.code.clone().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&t[0].actors), ["ISIS"]);
    assert_eq!(codes(&t[0].recipients), ["TUN"]);
    assert_eq!(
        t[0].summary,
        "2015-06-26 · Sousse · Islamic State attacks Tunisia; 38 killed"
    );
}

/// The writer keeps story events in memory between transactions; a store written meanwhile by
/// another connection (another `ingest`, a `remove`) must not be answered from that memory.
#[test]
fn two_writers_on_one_file_keep_the_story_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.db");
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let report = |id: &str, dead: i64| {
        (
            doc(id, &format!("نص {id}")),
            output(id, vec![clash("2022-09-13", dead, "اشتباكات حدودية")]),
        )
    };
    // The lowest toll is the first report's, until it is removed.
    let (d1, o1) = report("one", 100);
    let (d2, o2) = report("two", 200);
    let (d3, o3) = report("three", 190);
    let (d4, o4) = report("four", 180);
    a.put(&d1, &o1).unwrap();
    assert_eq!(a.put(&d2, &o2).unwrap().merged, 1);
    // Another connection adds a report to the same story event, then removes the first one.
    assert_eq!(b.put(&d3, &o3).unwrap().merged, 1);
    assert!(b.remove("one").unwrap());
    // The first connection's next report joins the story as it now is.
    let (d5, o5) = report("five", 170);
    assert_eq!(a.put(&d4, &o4).unwrap().merged, 1);
    assert_eq!(a.put(&d5, &o5).unwrap().merged, 1);
    assert!(a.check().unwrap().is_empty());
    let stories = a.timeline(&Filter::default()).unwrap();
    assert_eq!(stories.len(), 1);
    let mut sources = stories[0].sources.clone();
    sources.sort();
    assert_eq!(sources, ["five", "four", "three", "two"]);
    assert_eq!(stories[0].dead, Some(170));
    assert_eq!(stories[0].n_mentions, 4);
}

//! A toll that is not the happening's own (`cumulative` of the extraction) reaches every
//! export as its own columns and never the `dead` column.

use hadath_core::{
    Cumulative, Document, EventOut, Modality, Output, PartyOut, Size, SpanOut, TollScope,
};
use hadath_store::{export, Filter, Store};

fn span(text: &str) -> SpanOut {
    SpanOut {
        start: 0,
        end: text.chars().count(),
        text: text.to_string(),
    }
}

fn yemen() -> PartyOut {
    PartyOut {
        text: "اليمن".into(),
        name: Some("Yemen".into()),
        code: Some("YEM".into()),
        start: None,
        end: None,
        sector: None,
        geo: None,
    }
}

/// An air strike with no toll of its own, reported with a war's running total; and an attack
/// with its own five dead.
fn store() -> Store {
    let strike = EventOut {
        kind: "ASSAULT".parse().unwrap(),
        mode: None,
        date: Some("2024-03-14".into()),
        actors: vec![],
        recipients: vec![yemen()],
        mediators: vec![],
        location: None,
        size: None,
        cumulative: Some(Cumulative {
            dead: 6000,
            dead_qualifier: Some("more-than".into()),
            why: TollScope::RunningTotal,
            scope: Some(span("الحرب التي أودت بحياة")),
        }),
        modality: Modality::Asserted,
        date_source: None,
        attribution: None,
        source: None,
        evidence: span("قصفت الطائرات مواقع في اليمن"),
        evidence_all: vec![span("قصفت الطائرات مواقع في اليمن")],
        trigger: span("قصفت"),
    };
    let attack = EventOut {
        date: Some("2024-03-10".into()),
        size: Some(Size {
            dead: Some(5),
            ..Size::default()
        }),
        cumulative: None,
        evidence: span("قتل مسلحون خمسة جنود"),
        evidence_all: vec![span("قتل مسلحون خمسة جنود")],
        ..strike.clone()
    };
    let out = |id: &str, e: EventOut| Output {
        id: id.into(),
        title: None,
        published: None,
        entities: vec![],
        timexes: vec![],
        events: vec![e],
        boilerplate: vec![],
    };
    let mut s = Store::open_in_memory().unwrap();
    s.put(&Document::new("war", "نص أول"), &out("war", strike))
        .unwrap();
    s.put(&Document::new("attack", "نص ثان"), &out("attack", attack))
        .unwrap();
    s
}

#[test]
fn a_running_total_is_its_own_columns_in_csv_never_dead() {
    let events = store().timeline(&Filter::default()).unwrap();
    let mut buf = Vec::new();
    export::write_csv(&mut buf, &events).unwrap();
    let mut r = csv::Reader::from_reader(&buf[..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = |n: &str| head.iter().position(|c| c == n).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let war = rows
        .iter()
        .find(|r| &r[col("source_docs")] == "war")
        .unwrap();
    assert_eq!(&war[col("dead")], "");
    assert_eq!(&war[col("cumulative_dead")], "6000");
    assert_eq!(&war[col("cumulative_qualifier")], "more-than");
    assert_eq!(&war[col("cumulative_why")], "running-total");
    assert_eq!(&war[col("cumulative_scope")], "الحرب التي أودت بحياة");
    let attack = rows
        .iter()
        .find(|r| &r[col("source_docs")] == "attack")
        .unwrap();
    assert_eq!(&attack[col("dead")], "5");
    assert_eq!(&attack[col("cumulative_dead")], "");
    assert_eq!(&attack[col("cumulative_why")], "");
}

#[test]
fn a_running_total_is_typed_in_parquet_and_flat_in_jsonl() {
    let events = store().timeline(&Filter::default()).unwrap();
    assert!(export::INT_COLUMNS.contains(&"cumulative_dead"));
    let war = events.iter().find(|e| e.sources == ["war"]).unwrap();
    let i = export::COLUMNS
        .iter()
        .position(|c| *c == "cumulative_dead")
        .unwrap();
    assert_eq!(export::row(war)[i], export::Cell::Int(Some(6000)));
    let mut buf = Vec::new();
    export::write_jsonl(&mut buf, &events).unwrap();
    let rows: Vec<serde_json::Value> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let war = rows
        .iter()
        .find(|r| r["sources"] == serde_json::json!(["war"]))
        .unwrap();
    assert_eq!(war["cumulative_dead"], 6000);
    assert_eq!(war["cumulative_why"], "running-total");
    assert!(war["dead"].is_null());
    // an analyst's sum of dead counts the attack's five alone
    let sum: i64 = rows.iter().filter_map(|r| r["dead"].as_i64()).sum();
    assert_eq!(sum, 5);
}

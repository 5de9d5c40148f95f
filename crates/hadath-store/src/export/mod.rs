//! Exports of story events for analysts: JSON Lines, CSV and Parquet, one row per event.
//!
//! Columns follow PLOVER's event record (POLECAT's names where it has them). Lists are arrays
//! in JSON Lines, list columns in Parquet, and joined with `;` in CSV:
//!
//! | column | what |
//! |---|---|
//! | `event_id` | the story event's id in the store (`hadath explain ID`) |
//! | `event_date`, `date_precision` | the most specific date reported (`2022-09-13`, `day`) |
//! | `date_start`, `date_end` | the days that date covers |
//! | `event_type`, `event_mode` | PLOVER category and mode |
//! | `quad_class`, `quad` | PLOVER/GDELT quad class, as a number (1–4) and in words |
//! | `cameo_root` | CAMEO root code (GDELT, ICEWS), two digits as text (`03`) |
//! | `modality` | asserted, future, hypothetical, negated, historical |
//! | `actor_name`, `actor_code`, `recipient_*`, `mediator_*` | participants (ISO alpha-3 / IGO codes) |
//! | `actor_sector`, `recipient_sector` | their PLOVER sectors (GOV, MIL, REB …), where known |
//! | `location_name`, `location_country` | the place and its country code |
//! | `latitude`, `longitude` | WGS84 decimal degrees of the place (or of its admin-1 region or country) |
//! | `geonameid`, `admin1`, `geo_precision` | GeoNames id; admin-1 region; `place`, `admin1` or `country` |
//! | `dead`, `injured`, `arrested` | the lowest figures reported (ACLED's rule) |
//! | `cumulative_dead`, `cumulative_qualifier` | a toll reported with it that is not its own (a war's running total, a count too large for one happening): the largest reported; never in `dead` |
//! | `cumulative_why`, `cumulative_scope` | why (`running-total`, `too-large`) and the words that scope it |
//! | `num_sources`, `num_mentions`, `source_docs` | reporting documents and mentions |
//! | `source_outlets`, `source_urls` | the reports' outlets and URLs |
//! | `first_report`, `last_report` | the earliest and latest publication date of the reports |
//! | `summary` | one English line |
//! | `evidence` | the words of the first report |
//! | `disagreements` | JSON: fields on which the reports differ |
//! | `version` | the hadath version that wrote the export ([`VERSION`]) |
//! | `timestamp` | when the event last changed: the latest time one of its reports was stored (UTC) |
//!
//! Parquet types them for pandas, polars and DuckDB to read without options: DATE for whole days
//! ([`DATE_COLUMNS`]), INT64 ([`INT_COLUMNS`]), DOUBLE ([`FLOAT_COLUMNS`]), lists of strings
//! ([`LIST_COLUMNS`]), a UTC TIMESTAMP in microseconds ([`TIMESTAMP_COLUMNS`]), strings else.

mod parquet_file;

pub use self::parquet_file::write_parquet;
use crate::query::{Party, StoryEvent};
use crate::{Error, Result};
use std::io::Write;

/// The hadath version that writes an export: its `version` column.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The flat columns, in order.
pub const COLUMNS: &[&str] = &[
    "event_id",
    "event_date",
    "date_precision",
    "date_start",
    "date_end",
    "event_type",
    "event_mode",
    "quad_class",
    "quad",
    "cameo_root",
    "modality",
    "actor_name",
    "actor_code",
    "actor_sector",
    "recipient_name",
    "recipient_code",
    "recipient_sector",
    "mediator_name",
    "mediator_code",
    "location_name",
    "location_country",
    "latitude",
    "longitude",
    "geonameid",
    "admin1",
    "geo_precision",
    "dead",
    "injured",
    "arrested",
    "cumulative_dead",
    "cumulative_qualifier",
    "cumulative_why",
    "cumulative_scope",
    "num_sources",
    "num_mentions",
    "source_docs",
    "source_outlets",
    "source_urls",
    "first_report",
    "last_report",
    "summary",
    "evidence",
    "disagreements",
    "version",
    "timestamp",
];

/// One cell of a flat row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A whole number, or none.
    Int(Option<i64>),
    /// A decimal number, or none.
    Float(Option<f64>),
    /// Text, or none.
    Text(Option<String>),
    /// A list of texts (an item may be none: a party without a code), or none.
    List(Option<Vec<Option<String>>>),
}

impl Cell {
    /// As CSV writes it: empty for none.
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Int(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Float(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Text(v) => v.clone().unwrap_or_default(),
            Cell::List(v) => v
                .iter()
                .flatten()
                .map(|x| x.as_deref().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(";"),
        }
    }
}

fn names(ps: &[Party]) -> Cell {
    Cell::List((!ps.is_empty()).then(|| ps.iter().map(|p| Some(p.label())).collect()))
}

/// The parties' codes in their order (none for one without); none when there is no party.
fn codes(ps: &[Party]) -> Cell {
    Cell::List((!ps.is_empty()).then(|| ps.iter().map(|p| p.code.clone()).collect()))
}

/// The parties' PLOVER sectors in their order (none for one without); none when no party has
/// one.
fn sectors(ps: &[Party]) -> Cell {
    Cell::List(
        ps.iter()
            .any(|p| p.sector.is_some())
            .then(|| ps.iter().map(|p| p.sector.clone()).collect()),
    )
}

fn list(v: &[String]) -> Cell {
    Cell::List((!v.is_empty()).then(|| v.iter().cloned().map(Some).collect()))
}

/// A story event as a flat row of [`COLUMNS`].
pub fn row(e: &StoryEvent) -> Vec<Cell> {
    use Cell::{Int, Text};
    let quad = e
        .kind
        .parse::<hadath_core::Category>()
        .ok()
        .map(|c| c.quad());
    let geo = e.location.as_ref().and_then(|l| l.geo.as_ref());
    vec![
        Int(Some(e.id)),
        Text(e.date.clone()),
        Text(e.date_precision.clone()),
        Text(e.date_first.clone()),
        Text(e.date_last.clone()),
        Text(Some(e.kind.clone())),
        Text(e.mode.clone()),
        Int(quad.map(|q| i64::from(q.number()))),
        Text(quad.map(|q| q.as_str().to_string())),
        Text(e.cameo.clone()),
        Text(Some(e.modality.clone())),
        names(&e.actors),
        codes(&e.actors),
        sectors(&e.actors),
        names(&e.recipients),
        codes(&e.recipients),
        sectors(&e.recipients),
        names(&e.mediators),
        codes(&e.mediators),
        Text(e.location.as_ref().and_then(|l| l.name.clone())),
        Text(e.location.as_ref().and_then(|l| l.code.clone())),
        Cell::Float(geo.map(|g| g.lat)),
        Cell::Float(geo.map(|g| g.lon)),
        Int(geo.and_then(|g| g.geonameid).map(i64::from)),
        Text(geo.and_then(|g| g.admin1.clone())),
        Text(geo.map(|g| g.precision.as_str().to_string())),
        Int(e.dead),
        Int(e.injured),
        Int(e.arrested),
        Int(e.cumulative_dead),
        Text(e.cumulative_qualifier.clone()),
        Text(e.cumulative_why.clone()),
        Text(e.cumulative_scope.clone()),
        Int(Some(e.sources.len() as i64)),
        Int(Some(e.n_mentions)),
        list(&e.sources),
        list(&e.outlets),
        list(&e.urls),
        Text(e.first_report.clone()),
        Text(e.last_report.clone()),
        Text(Some(e.summary.clone())),
        Text(e.evidence.clone()),
        Text(Some(e.disagreements.to_string())),
        Text(Some(VERSION.to_string())),
        Text(e.updated.clone()),
    ]
}

/// JSON Lines: one story event per line, lists as arrays.
///
/// # Errors
///
/// [`Error::Io`] when writing to `w` fails; [`Error::Export`] when an event cannot be encoded
/// as JSON.
pub fn write_jsonl(mut w: impl Write, events: &[StoryEvent]) -> Result<()> {
    for e in events {
        let mut v = serde_json::to_value(e).map_err(|x| Error::Export(x.to_string()))?;
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "cameo_root".into(),
                serde_json::to_value(&e.cameo).unwrap_or_default(),
            );
            o.remove("cameo");
            let geo = e.location.as_ref().and_then(|l| l.geo.as_ref());
            o.insert("latitude".into(), geo.map(|g| g.lat).into());
            o.insert("longitude".into(), geo.map(|g| g.lon).into());
            o.insert("geonameid".into(), geo.and_then(|g| g.geonameid).into());
            o.insert("admin1".into(), geo.and_then(|g| g.admin1.clone()).into());
            o.insert(
                "geo_precision".into(),
                geo.map(|g| g.precision.as_str()).into(),
            );
            o.insert("version".into(), VERSION.into());
            o.insert("timestamp".into(), e.updated.clone().into());
            if let Ok(c) = e.kind.parse::<hadath_core::Category>() {
                o.insert("quad_class".into(), c.quad().number().into());
                o.insert("quad".into(), c.quad().as_str().into());
            }
        }
        serde_json::to_writer(&mut w, &v).map_err(json_err)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

/// CSV with a header row of [`COLUMNS`].
///
/// # Errors
///
/// [`Error::Io`] when writing to `w` fails; [`Error::Export`] when the CSV writer refuses a
/// record.
pub fn write_csv(w: impl Write, events: &[StoryEvent]) -> Result<()> {
    let mut c = csv::Writer::from_writer(w);
    c.write_record(COLUMNS).map_err(csv_err)?;
    for e in events {
        c.write_record(row(e).iter().map(Cell::to_csv))
            .map_err(csv_err)?;
    }
    c.flush()?;
    Ok(())
}

/// The text columns of [`COLUMNS`] that hold whole days (`YYYY-MM-DD`), typed DATE in Parquet
/// (a value that is not a whole day is left out).
pub const DATE_COLUMNS: &[&str] = &["date_start", "date_end", "first_report", "last_report"];

/// The columns of [`COLUMNS`] that hold whole numbers ([`Cell::Int`]).
pub const INT_COLUMNS: &[&str] = &[
    "event_id",
    "quad_class",
    "dead",
    "injured",
    "arrested",
    "cumulative_dead",
    "num_sources",
    "num_mentions",
    "geonameid",
];

/// The columns of [`COLUMNS`] that hold decimal numbers ([`Cell::Float`]).
pub const FLOAT_COLUMNS: &[&str] = &["latitude", "longitude"];

/// The columns of [`COLUMNS`] that hold lists of texts ([`Cell::List`]); the others, none of
/// these, [`INT_COLUMNS`] or [`FLOAT_COLUMNS`], hold text.
pub const LIST_COLUMNS: &[&str] = &[
    "actor_name",
    "actor_code",
    "actor_sector",
    "recipient_name",
    "recipient_code",
    "recipient_sector",
    "mediator_name",
    "mediator_code",
    "source_docs",
    "source_outlets",
    "source_urls",
];

/// The text columns of [`COLUMNS`] that hold a UTC time (RFC 3339), typed TIMESTAMP in Parquet.
pub const TIMESTAMP_COLUMNS: &[&str] = &["timestamp"];

/// The kind of column `i` (from an empty event).
pub(crate) fn row_kind(i: usize) -> Cell {
    if INT_COLUMNS.contains(&COLUMNS[i]) {
        Cell::Int(None)
    } else if FLOAT_COLUMNS.contains(&COLUMNS[i]) {
        Cell::Float(None)
    } else if LIST_COLUMNS.contains(&COLUMNS[i]) {
        Cell::List(None)
    } else {
        Cell::Text(None)
    }
}

/// A JSON writing error: an I/O one stays I/O (a closed pipe is told apart by its kind).
fn json_err(x: serde_json::Error) -> Error {
    if x.is_io() {
        Error::Io(x.into())
    } else {
        Error::Export(x.to_string())
    }
}

/// A CSV writing error: an I/O one stays I/O.
fn csv_err(x: csv::Error) -> Error {
    if x.is_io_error() {
        match x.into_kind() {
            csv::ErrorKind::Io(e) => Error::Io(e),
            other => Error::Export(format!("{other:?}")),
        }
    } else {
        Error::Export(x.to_string())
    }
}

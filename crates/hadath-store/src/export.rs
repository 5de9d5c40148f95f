//! Exports of story events for analysts: JSON Lines, CSV and Parquet, one row per event.
//!
//! Columns follow PLOVER's event record (POLECAT's names where it has them), lists joined with
//! `;` in CSV and Parquet:
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
//! | `num_sources`, `num_mentions`, `source_docs` | reporting documents and mentions |
//! | `source_outlets`, `source_urls` | the reports' outlets and URLs |
//! | `first_report`, `last_report` | the earliest and latest publication date of the reports |
//! | `summary` | one English line |
//! | `evidence` | the words of the first report |
//! | `disagreements` | JSON: fields on which the reports differ |

use crate::query::{Party, StoryEvent};
use crate::{Error, Result};
use std::io::Write;

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
}

impl Cell {
    /// As CSV writes it: empty for none.
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Int(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Float(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Text(v) => v.clone().unwrap_or_default(),
        }
    }
}

fn names(ps: &[Party]) -> Option<String> {
    (!ps.is_empty()).then(|| ps.iter().map(Party::label).collect::<Vec<_>>().join(";"))
}

fn codes(ps: &[Party]) -> Option<String> {
    (!ps.is_empty()).then(|| {
        ps.iter()
            .map(|p| p.code.clone().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(";")
    })
}

/// The parties' PLOVER sectors, `;`-joined in the parties' order (empty for one without);
/// none when no party has one.
fn sectors(ps: &[Party]) -> Option<String> {
    ps.iter().any(|p| p.sector.is_some()).then(|| {
        ps.iter()
            .map(|p| p.sector.clone().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(";")
    })
}

/// A story event as a flat row of [`COLUMNS`].
pub fn row(e: &StoryEvent) -> Vec<Cell> {
    use Cell::{Int, Text};
    let quad = e
        .kind
        .parse::<hadath_core::Category>()
        .ok()
        .map(|c| c.quad());
    let joined = |v: &[String]| (!v.is_empty()).then(|| v.join(";"));
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
        Text(names(&e.actors)),
        Text(codes(&e.actors)),
        Text(sectors(&e.actors)),
        Text(names(&e.recipients)),
        Text(codes(&e.recipients)),
        Text(sectors(&e.recipients)),
        Text(names(&e.mediators)),
        Text(codes(&e.mediators)),
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
        Int(Some(e.sources.len() as i64)),
        Int(Some(e.n_mentions)),
        Text(Some(e.sources.join(";"))),
        Text(joined(&e.outlets)),
        Text(joined(&e.urls)),
        Text(e.first_report.clone()),
        Text(e.last_report.clone()),
        Text(Some(e.summary.clone())),
        Text(e.evidence.clone()),
        Text(Some(e.disagreements.to_string())),
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

/// The Parquet schema: nullable UTF-8 strings, 64-bit integers, doubles and DATEs.
fn parquet_schema() -> String {
    let mut s = String::from("message hadath_event {\n");
    for (i, c) in COLUMNS.iter().enumerate() {
        match row_kind(i) {
            Cell::Int(_) => s.push_str(&format!("  OPTIONAL INT64 {c};\n")),
            Cell::Float(_) => s.push_str(&format!("  OPTIONAL DOUBLE {c};\n")),
            Cell::Text(_) if DATE_COLUMNS.contains(c) => {
                s.push_str(&format!("  OPTIONAL INT32 {c} (DATE);\n"))
            }
            Cell::Text(_) => s.push_str(&format!("  OPTIONAL BYTE_ARRAY {c} (UTF8);\n")),
        }
    }
    s.push('}');
    s
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (Parquet's DATE); `None` for anything else.
fn epoch_days(s: &str) -> Option<i32> {
    let d: hadath_core::DateRange = hadath_core::DateRange::parse(s)?;
    if d.first != d.last {
        return None;
    }
    let (y, m, dd) = (
        i64::from(d.first.year()),
        i64::from(d.first.month()),
        i64::from(d.first.day()),
    );
    // days from civil (Howard Hinnant)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146097 + doe - 719468).ok()
}

/// The columns of [`COLUMNS`] that hold whole numbers ([`Cell::Int`]).
pub const INT_COLUMNS: &[&str] = &[
    "event_id",
    "quad_class",
    "dead",
    "injured",
    "arrested",
    "num_sources",
    "num_mentions",
    "geonameid",
];

/// The columns of [`COLUMNS`] that hold decimal numbers ([`Cell::Float`]); the others, neither
/// these nor [`INT_COLUMNS`], hold text.
pub const FLOAT_COLUMNS: &[&str] = &["latitude", "longitude"];

/// The kind of column `i` (from an empty event).
fn row_kind(i: usize) -> Cell {
    if INT_COLUMNS.contains(&COLUMNS[i]) {
        Cell::Int(None)
    } else if FLOAT_COLUMNS.contains(&COLUMNS[i]) {
        Cell::Float(None)
    } else {
        Cell::Text(None)
    }
}

/// Parquet (Snappy-compressed), one row group per 64k events.
///
/// # Errors
///
/// [`Error::Export`] when the Parquet writer fails, writing to `w` included (its message
/// says why).
pub fn write_parquet<W: Write + Send>(w: W, events: &[StoryEvent]) -> Result<()> {
    use parquet::basic::Compression;
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use std::sync::Arc;
    let pq = |x: parquet::errors::ParquetError| Error::Export(x.to_string());
    let schema =
        Arc::new(parquet::schema::parser::parse_message_type(&parquet_schema()).map_err(pq)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("hadath {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let mut writer = SerializedFileWriter::new(w, schema, props).map_err(pq)?;
    let rows: Vec<Vec<Cell>> = events.iter().map(row).collect();
    for chunk in rows.chunks(65536).chain(if rows.is_empty() {
        Some(&rows[..])
    } else {
        None
    }) {
        let mut rg = writer.next_row_group().map_err(pq)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(pq)? {
            let mut defs = Vec::with_capacity(chunk.len());
            match row_kind(i) {
                Cell::Int(_) => {
                    let mut vals = Vec::new();
                    for r in chunk {
                        match &r[i] {
                            Cell::Int(Some(v)) => {
                                vals.push(*v);
                                defs.push(1);
                            }
                            _ => defs.push(0),
                        }
                    }
                    col.typed::<Int64Type>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(pq)?;
                }
                Cell::Float(_) => {
                    let mut vals = Vec::new();
                    for r in chunk {
                        match &r[i] {
                            Cell::Float(Some(v)) => {
                                vals.push(*v);
                                defs.push(1);
                            }
                            _ => defs.push(0),
                        }
                    }
                    col.typed::<DoubleType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(pq)?;
                }
                Cell::Text(_) if DATE_COLUMNS.contains(&COLUMNS[i]) => {
                    let mut vals = Vec::new();
                    for r in chunk {
                        match &r[i] {
                            Cell::Text(Some(v)) if epoch_days(v).is_some() => {
                                vals.push(epoch_days(v).unwrap_or_default());
                                defs.push(1);
                            }
                            _ => defs.push(0),
                        }
                    }
                    col.typed::<Int32Type>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(pq)?;
                }
                Cell::Text(_) => {
                    let mut vals = Vec::new();
                    for r in chunk {
                        match &r[i] {
                            Cell::Text(Some(v)) => {
                                vals.push(ByteArray::from(v.as_str()));
                                defs.push(1);
                            }
                            _ => defs.push(0),
                        }
                    }
                    col.typed::<ByteArrayType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(pq)?;
                }
            }
            col.close().map_err(pq)?;
            i += 1;
        }
        rg.close().map_err(pq)?;
    }
    writer.close().map_err(pq)?;
    Ok(())
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

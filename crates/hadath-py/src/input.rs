//! Documents from Arrow: a record batch with the input's columns (`id`, `text`, `title`,
//! `published`, `url`, `source`, under names the caller may change), each row read by the rules
//! of a JSON Lines record (`hadath_core::Document::from_fields`).
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{ArrayRef, RecordBatch, StringArray, Int64Array};
//! use _hadath::input::{documents, Columns};
//! let batch = RecordBatch::try_from_iter([
//!     ("id", Arc::new(Int64Array::from(vec![7, 8])) as ArrayRef),
//!     ("text", Arc::new(StringArray::from(vec!["نص الخبر", "  "])) as ArrayRef),
//! ]).unwrap();
//! let docs = documents(&batch, &Columns::default(), 0).unwrap();
//! assert_eq!(docs[0].as_ref().unwrap().id, "7");
//! assert_eq!(docs[1].as_ref().unwrap_err().to_string(),
//!     "row 1 (id \"8\"): the document is empty (its text has no letters or digits)");
//! ```

use crate::{Error, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use hadath_core::{Document, DocumentError};

/// Where one field of the documents is: a column's name, and whether the batch must have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// Whether a batch without the column is refused (else the field is none in every row).
    pub required: bool,
}

impl Column {
    /// A column the caller named: it must be there.
    pub fn named(name: impl Into<String>) -> Column {
        Column {
            name: name.into(),
            required: true,
        }
    }

    /// A column read when present.
    pub fn optional(name: impl Into<String>) -> Column {
        Column {
            name: name.into(),
            required: false,
        }
    }
}

/// The columns of the documents' fields. By default `id` and `text` (required) and `title`,
/// `published`, `url`, `source` (read when present).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The document's id.
    pub id: Column,
    /// Its text.
    pub text: Column,
    /// Its title.
    pub title: Column,
    /// Its publication date: text (`2015-07-21`, an ISO date-time, an RFC 2822 date), a date or
    /// a timestamp (the day in the timestamp's time zone).
    pub published: Column,
    /// Its URL.
    pub url: Column,
    /// Its outlet.
    pub source: Column,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            id: Column::named("id"),
            text: Column::named("text"),
            title: Column::optional("title"),
            published: Column::optional("published"),
            url: Column::optional("url"),
            source: Column::optional("source"),
        }
    }
}

/// A row that is not a document: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {error}")]
pub struct Rejected {
    /// `row N (id "…")`, rows counted from 0 over everything the caller passed.
    pub origin: String,
    /// What is wrong, in the words of a JSON Lines record's error.
    pub error: String,
}

fn rejected(row: usize, id: Option<&str>, e: DocumentError) -> Rejected {
    let origin = match id {
        Some(id) => format!("row {row} (id {id:?})"),
        None => format!("row {row}"),
    };
    Rejected {
        origin,
        error: e.to_string(),
    }
}

/// The documents of `batch`, one per row; `first_row` is the number of the batch's first row
/// among all the caller's rows (for messages). A null or missing `id` or `text`, or a text
/// without letters or digits, makes a [`Rejected`] row.
///
/// # Errors
///
/// [`Error::Column`] when a required column is missing or a column has a type that cannot
/// hold its field.
pub fn documents(
    batch: &RecordBatch,
    cols: &Columns,
    first_row: usize,
) -> Result<Vec<Result<Document, Rejected>>> {
    let n = batch.num_rows();
    let read = |c: &Column| -> Result<Vec<Option<String>>> {
        match batch.column_by_name(&c.name) {
            Some(a) => strings(a, &c.name),
            None if c.required => Err(Error::Column {
                name: c.name.clone(),
                why: format!(
                    "no such column (the batch has {})",
                    batch
                        .schema()
                        .fields()
                        .iter()
                        .map(|f| format!("{:?}", f.name()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
            None => Ok(vec![None; n]),
        }
    };
    let ids = read(&cols.id)?;
    let texts = read(&cols.text)?;
    let titles = read(&cols.title)?;
    let published = read(&cols.published)?;
    let urls = read(&cols.url)?;
    let sources = read(&cols.source)?;
    let mut out = Vec::with_capacity(n);
    let rows = ids
        .into_iter()
        .zip(texts)
        .zip(titles)
        .zip(published)
        .zip(urls)
        .zip(sources);
    for (i, (((((id, text), title), published), url), source)) in rows.enumerate() {
        let row = first_row + i;
        out.push(match (id, text) {
            (id, None) => Err(rejected(row, id.as_deref(), DocumentError::MissingText)),
            (None, Some(_)) => Err(rejected(row, None, DocumentError::MissingId)),
            (Some(id), Some(text)) => {
                let shown = id.clone();
                Document::from_fields(id, text, title, published.as_deref(), url, source)
                    .map_err(|e| rejected(row, Some(&shown), e))
            }
        });
    }
    Ok(out)
}

/// A column's values as text: strings as they are, whole numbers in decimal, dates and
/// timestamps as the day (`YYYY-MM-DD`, a timestamp's in its own time zone).
fn strings(a: &ArrayRef, name: &str) -> Result<Vec<Option<String>>> {
    fn each<T>(a: &dyn Array, f: impl Fn(usize) -> T) -> Vec<Option<T>> {
        (0..a.len()).map(|i| a.is_valid(i).then(|| f(i))).collect()
    }
    macro_rules! ints {
        ($t:ty) => {{
            let p = a.as_primitive::<$t>();
            each(p, |i| p.value(i).to_string())
        }};
    }
    let bad = |why: String| Error::Column {
        name: name.to_string(),
        why,
    };
    Ok(match a.data_type() {
        DataType::Utf8 => {
            let s = a.as_string::<i32>();
            each(s, |i| s.value(i).to_string())
        }
        DataType::LargeUtf8 => {
            let s = a.as_string::<i64>();
            each(s, |i| s.value(i).to_string())
        }
        DataType::Utf8View => {
            let s = a.as_string_view();
            each(s, |i| s.value(i).to_string())
        }
        DataType::Null => vec![None; a.len()],
        DataType::Int8 => ints!(Int8Type),
        DataType::Int16 => ints!(Int16Type),
        DataType::Int32 => ints!(Int32Type),
        DataType::Int64 => ints!(Int64Type),
        DataType::UInt8 => ints!(UInt8Type),
        DataType::UInt16 => ints!(UInt16Type),
        DataType::UInt32 => ints!(UInt32Type),
        DataType::UInt64 => ints!(UInt64Type),
        DataType::Date32 => {
            let p = a.as_primitive::<Date32Type>();
            days(each(p, |i| i64::from(p.value(i))))
        }
        DataType::Date64 => {
            let p = a.as_primitive::<Date64Type>();
            days(each(p, |i| p.value(i).div_euclid(86_400_000)))
        }
        DataType::Timestamp(unit, tz) => {
            let zone = match tz.as_deref() {
                None => jiff::tz::TimeZone::UTC,
                Some(z) => zone(z).ok_or_else(|| bad(format!("unknown time zone {z:?}")))?,
            };
            let raw: Vec<Option<i64>> = match unit {
                TimeUnit::Second => prim::<TimestampSecondType>(a),
                TimeUnit::Millisecond => prim::<TimestampMillisecondType>(a),
                TimeUnit::Microsecond => prim::<TimestampMicrosecondType>(a),
                TimeUnit::Nanosecond => prim::<TimestampNanosecondType>(a),
            };
            let per_second: i64 = match unit {
                TimeUnit::Second => 1,
                TimeUnit::Millisecond => 1_000,
                TimeUnit::Microsecond => 1_000_000,
                TimeUnit::Nanosecond => 1_000_000_000,
            };
            raw.into_iter()
                .map(|v| {
                    v.and_then(|v| {
                        let t = jiff::Timestamp::from_second(v.div_euclid(per_second)).ok()?;
                        Some(t.to_zoned(zone.clone()).date().to_string())
                    })
                })
                .collect()
        }
        other => {
            return Err(bad(format!(
                "holds {other}; give text, whole numbers, dates or timestamps"
            )))
        }
    })
}

fn prim<T: ArrowPrimitiveType<Native = i64>>(a: &ArrayRef) -> Vec<Option<i64>> {
    a.as_primitive::<T>().iter().collect()
}

/// Days since 1970-01-01 as dates.
fn days(v: Vec<Option<i64>>) -> Vec<Option<String>> {
    let epoch = jiff::civil::date(1970, 1, 1);
    v.into_iter()
        .map(|d| {
            d.and_then(|d| {
                epoch
                    .checked_add(jiff::Span::new().days(d))
                    .ok()
                    .map(|x| x.to_string())
            })
        })
        .collect()
}

/// A time zone named as Arrow names them: an IANA name (`Asia/Riyadh`, `UTC`) or an offset
/// (`+03:00`).
fn zone(z: &str) -> Option<jiff::tz::TimeZone> {
    if let Ok(tz) = jiff::tz::TimeZone::get(z) {
        return Some(tz);
    }
    let (sign, rest) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let secs = sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60);
    jiff::tz::Offset::from_seconds(secs)
        .ok()
        .map(jiff::tz::TimeZone::fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Date32Array, StringArray, TimestampSecondArray};
    use std::sync::Arc;

    fn batch(cols: Vec<(&str, ArrayRef)>) -> RecordBatch {
        RecordBatch::try_from_iter(cols).unwrap()
    }

    #[test]
    fn dates_and_timestamps_are_read_as_the_day() {
        // 2015-07-20 23:30 UTC is 2015-07-21 in Riyadh.
        let t = 1_437_435_000;
        let b = batch(vec![
            ("id", Arc::new(StringArray::from(vec!["a", "b"]))),
            ("text", Arc::new(StringArray::from(vec!["نص", "نص"]))),
            (
                "published",
                Arc::new(
                    TimestampSecondArray::from(vec![Some(t), None]).with_timezone("Asia/Riyadh"),
                ),
            ),
            ("day", Arc::new(Date32Array::from(vec![Some(16636), None]))),
        ]);
        let docs = documents(&b, &Columns::default(), 0).unwrap();
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.published.as_deref(), Some("2015-07-21"));
        let cols = Columns {
            published: Column::named("day"),
            ..Columns::default()
        };
        let docs = documents(&b, &cols, 0).unwrap();
        assert_eq!(
            docs[0].as_ref().unwrap().published.as_deref(),
            Some("2015-07-20")
        );
        assert_eq!(docs[1].as_ref().unwrap().published, None);
        assert_eq!(
            zone("+03:00").unwrap().to_fixed_offset().unwrap().seconds(),
            10800
        );
    }

    #[test]
    fn bad_rows_and_columns_say_what_is_wrong() {
        let b = batch(vec![
            (
                "key",
                Arc::new(StringArray::from(vec![Some("a"), None, Some("c")])),
            ),
            (
                "body",
                Arc::new(StringArray::from(vec![None, Some("نص"), Some("نص")])),
            ),
            (
                "published",
                Arc::new(StringArray::from(vec![None, None, Some("16/9/2022")])),
            ),
        ]);
        let err = documents(&b, &Columns::default(), 0)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            r#"column "id": no such column (the batch has "key", "body", "published")"#
        );
        let cols = Columns {
            id: Column::named("key"),
            text: Column::named("body"),
            ..Columns::default()
        };
        let docs = documents(&b, &cols, 10).unwrap();
        let msg = |i: usize| docs[i].as_ref().unwrap_err().to_string();
        assert!(
            msg(0).starts_with("row 10 (id \"a\"): no \"text\" field"),
            "{}",
            msg(0)
        );
        assert!(msg(1).starts_with("row 11: no \"id\" field"), "{}", msg(1));
        let d = docs[2].as_ref().unwrap();
        assert_eq!(d.published_unreadable.as_deref(), Some("16/9/2022"));
        let floats = batch(vec![
            ("id", Arc::new(arrow_array::Float64Array::from(vec![1.0]))),
            ("text", Arc::new(StringArray::from(vec!["نص"]))),
        ]);
        let err = documents(&floats, &Columns::default(), 0)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("column \"id\": holds Float64"), "{err}");
    }
}

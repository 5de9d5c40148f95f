//! The Parquet export: typed columns (DATE, INT64, DOUBLE, lists of strings, TIMESTAMP) that
//! pandas, polars and DuckDB read without options.

use super::{row, row_kind, Cell, COLUMNS, DATE_COLUMNS, TIMESTAMP_COLUMNS};
use crate::{Error, Result, StoryEvent};
use std::io::Write;

/// The Parquet schema: nullable UTF-8 strings, 64-bit integers, doubles, DATEs, lists of
/// strings (the three-level LIST of the Parquet format) and a UTC TIMESTAMP.
fn parquet_schema() -> String {
    let mut s = String::from("message hadath_event {\n");
    for (i, c) in COLUMNS.iter().enumerate() {
        match row_kind(i) {
            Cell::Int(_) => s.push_str(&format!("  OPTIONAL INT64 {c};\n")),
            Cell::Float(_) => s.push_str(&format!("  OPTIONAL DOUBLE {c};\n")),
            Cell::List(_) => s.push_str(&format!(
                "  OPTIONAL group {c} (LIST) {{\n    REPEATED group list {{\n      \
                 OPTIONAL BYTE_ARRAY element (UTF8);\n    }}\n  }}\n"
            )),
            Cell::Text(_) if DATE_COLUMNS.contains(c) => {
                s.push_str(&format!("  OPTIONAL INT32 {c} (DATE);\n"))
            }
            Cell::Text(_) if TIMESTAMP_COLUMNS.contains(c) => {
                s.push_str(&format!("  OPTIONAL INT64 {c} (TIMESTAMP(MICROS,true));\n"))
            }
            Cell::Text(_) => s.push_str(&format!("  OPTIONAL BYTE_ARRAY {c} (UTF8);\n")),
        }
    }
    s.push('}');
    s
}

/// Microseconds since 1970-01-01T00:00:00Z of an RFC 3339 time (Parquet's TIMESTAMP); `None`
/// for anything else.
fn epoch_micros(s: &str) -> Option<i64> {
    let t: jiff::Timestamp = s.parse().ok()?;
    Some(t.as_microsecond())
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

/// One column's values, definition levels and repetition levels, as the column writer takes
/// them.
struct Levels<T> {
    values: Vec<T>,
    defs: Vec<i16>,
    reps: Vec<i16>,
}

impl<T> Levels<T> {
    fn new() -> Self {
        Levels {
            values: Vec::new(),
            defs: Vec::new(),
            reps: Vec::new(),
        }
    }

    /// A flat optional value: defined (1) or null (0).
    fn push(&mut self, v: Option<T>) {
        match v {
            Some(v) => {
                self.values.push(v);
                self.defs.push(1);
            }
            None => self.defs.push(0),
        }
    }

    /// An optional list of optional items: null list (definition 0), empty list (1), a null
    /// item (2), an item (3); the first item of a row repeats at level 0, the others at 1.
    fn push_list(&mut self, list: Option<Vec<Option<T>>>) {
        match list {
            None => {
                self.defs.push(0);
                self.reps.push(0);
            }
            Some(items) if items.is_empty() => {
                self.defs.push(1);
                self.reps.push(0);
            }
            Some(items) => {
                for (k, item) in items.into_iter().enumerate() {
                    self.reps.push(i16::from(k > 0));
                    match item {
                        Some(v) => {
                            self.values.push(v);
                            self.defs.push(3);
                        }
                        None => self.defs.push(2),
                    }
                }
            }
        }
    }

    fn write<D>(self, col: &mut parquet::column::writer::ColumnWriterImpl<'_, D>) -> Result<()>
    where
        D: parquet::data_type::DataType<T = T>,
    {
        let reps = (!self.reps.is_empty()).then_some(&self.reps[..]);
        col.write_batch(&self.values, Some(&self.defs), reps)
            .map_err(pq)?;
        Ok(())
    }
}

fn pq(x: parquet::errors::ParquetError) -> Error {
    Error::Export(x.to_string())
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
    let schema =
        Arc::new(parquet::schema::parser::parse_message_type(&parquet_schema()).map_err(pq)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("hadath {}", super::VERSION))
            .build(),
    );
    let mut writer = SerializedFileWriter::new(w, schema, props).map_err(pq)?;
    let rows: Vec<Vec<Cell>> = events.iter().map(row).collect();
    let text = |v: &str| ByteArray::from(v);
    for chunk in rows.chunks(65536).chain(if rows.is_empty() {
        Some(&rows[..])
    } else {
        None
    }) {
        let mut rg = writer.next_row_group().map_err(pq)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(pq)? {
            let cells = chunk.iter().map(|r| &r[i]);
            let name = COLUMNS[i];
            match row_kind(i) {
                Cell::Int(_) => {
                    let mut l = Levels::new();
                    cells.for_each(|c| l.push(if let Cell::Int(v) = c { *v } else { None }));
                    l.write(col.typed::<Int64Type>())?;
                }
                Cell::Float(_) => {
                    let mut l = Levels::new();
                    cells.for_each(|c| l.push(if let Cell::Float(v) = c { *v } else { None }));
                    l.write(col.typed::<DoubleType>())?;
                }
                Cell::List(_) => {
                    let mut l = Levels::new();
                    cells.for_each(|c| {
                        l.push_list(match c {
                            Cell::List(Some(items)) => {
                                Some(items.iter().map(|x| x.as_deref().map(text)).collect())
                            }
                            _ => None,
                        })
                    });
                    l.write(col.typed::<ByteArrayType>())?;
                }
                Cell::Text(_) if DATE_COLUMNS.contains(&name) => {
                    let mut l = Levels::new();
                    cells.for_each(|c| l.push(text_of(c).and_then(epoch_days)));
                    l.write(col.typed::<Int32Type>())?;
                }
                Cell::Text(_) if TIMESTAMP_COLUMNS.contains(&name) => {
                    let mut l = Levels::new();
                    cells.for_each(|c| l.push(text_of(c).and_then(epoch_micros)));
                    l.write(col.typed::<Int64Type>())?;
                }
                Cell::Text(_) => {
                    let mut l = Levels::new();
                    cells.for_each(|c| l.push(text_of(c).map(text)));
                    l.write(col.typed::<ByteArrayType>())?;
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

fn text_of(c: &Cell) -> Option<&str> {
    match c {
        Cell::Text(v) => v.as_deref(),
        _ => None,
    }
}

//! Story events as Arrow: the columns of `hadath export` (`hadath_store::export::COLUMNS`),
//! whole numbers as 64-bit integers and the rest as text, lists joined with `;` as in the CSV
//! and Parquet exports.
//!
//! ```
//! use hadath_store::{Filter, Store};
//! let store = Store::open_in_memory().unwrap();
//! let batch = _hadath::timeline::batch(&store.timeline(&Filter::default()).unwrap()).unwrap();
//! assert_eq!(batch.num_rows(), 0);
//! assert_eq!(batch.schema().field(0).name(), "event_id");
//! ```

use crate::Result;
use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use hadath_store::export::{row, Cell, COLUMNS, INT_COLUMNS};
use hadath_store::StoryEvent;
use std::sync::Arc;

/// The schema: the export's columns, every one nullable.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(
        COLUMNS
            .iter()
            .map(|c| {
                let t = if INT_COLUMNS.contains(c) {
                    DataType::Int64
                } else {
                    DataType::Utf8
                };
                Field::new(*c, t, true)
            })
            .collect::<Vec<_>>(),
    ))
}

enum Col {
    Int(Int64Builder),
    Text(StringBuilder),
}

/// One row per story event, in the order given (the timeline's).
///
/// # Errors
///
/// [`Error::Arrow`](crate::Error::Arrow) when Arrow refuses a column (over 2 GiB of text).
pub fn batch(events: &[StoryEvent]) -> Result<RecordBatch> {
    let mut cols: Vec<Col> = COLUMNS
        .iter()
        .map(|c| {
            if INT_COLUMNS.contains(c) {
                Col::Int(Int64Builder::with_capacity(events.len()))
            } else {
                Col::Text(StringBuilder::new())
            }
        })
        .collect();
    for e in events {
        for (col, cell) in cols.iter_mut().zip(row(e)) {
            match (col, cell) {
                (Col::Int(b), Cell::Int(v)) => b.append_option(v),
                (Col::Text(b), Cell::Text(v)) => b.append_option(v),
                // The export's row and its column kinds disagree: a bug in one of them.
                (Col::Int(b), Cell::Text(_)) => b.append_null(),
                (Col::Text(b), Cell::Int(v)) => b.append_option(v.map(|x| x.to_string())),
            }
        }
    }
    let arrays: Vec<ArrayRef> = cols
        .into_iter()
        .map(|c| -> ArrayRef {
            match c {
                Col::Int(mut b) => Arc::new(b.finish()),
                Col::Text(mut b) => Arc::new(b.finish()),
            }
        })
        .collect();
    Ok(RecordBatch::try_new(schema(), arrays)?)
}

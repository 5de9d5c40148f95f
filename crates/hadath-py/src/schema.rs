//! The Arrow schema of the event rows ([`schema`]): one row per event, its parties, places,
//! spans and tolls as struct and list columns.

use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use std::sync::{Arc, LazyLock};

/// The fields of a participant, place, speaker or cited source (`PartyOut`).
pub(crate) fn party_fields() -> Fields {
    Fields::from(vec![
        Field::new("text", DataType::Utf8, false),
        Field::new("name", DataType::Utf8, true),
        Field::new("code", DataType::Utf8, true),
        Field::new("sector", DataType::Utf8, true),
        Field::new("start", DataType::Int64, true),
        Field::new("end", DataType::Int64, true),
    ])
}

/// The fields of an event's place: a party's, and where it lies (`GeoOut`: WGS84 degrees, the
/// GeoNames id, the admin-1 region, the point's precision, why this reading).
pub(crate) fn place_fields() -> Fields {
    let mut f: Vec<Field> = party_fields().iter().map(|x| x.as_ref().clone()).collect();
    f.extend([
        Field::new("lat", DataType::Float64, true),
        Field::new("lon", DataType::Float64, true),
        Field::new("geonameid", DataType::Int64, true),
        Field::new("admin1", DataType::Utf8, true),
        Field::new("precision", DataType::Utf8, true),
        Field::new("reason", DataType::Utf8, true),
    ]);
    Fields::from(f)
}

/// The fields of a span of the document (`SpanOut`): code-point offsets and its words.
pub(crate) fn span_fields() -> Fields {
    Fields::from(vec![
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
    ])
}

/// The fields of one side's toll (`SideToll`).
pub(crate) fn side_fields() -> Fields {
    Fields::from(vec![
        Field::new("dead", DataType::Int64, false),
        Field::new("code", DataType::Utf8, true),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("text", DataType::Utf8, false),
    ])
}

pub(crate) fn item(fields: Fields) -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(fields), false))
}

fn list_of(name: &str, fields: Fields) -> Field {
    Field::new(name, DataType::List(item(fields)), false)
}

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let party = || DataType::Struct(party_fields());
    let span = || DataType::Struct(span_fields());
    Arc::new(Schema::new(vec![
        Field::new("doc_id", DataType::Utf8, false),
        Field::new("event", DataType::Int32, false),
        Field::new("published", DataType::Utf8, true),
        Field::new("type", DataType::Utf8, false),
        Field::new("mode", DataType::Utf8, true),
        Field::new("date", DataType::Utf8, true),
        Field::new("date_source", DataType::Utf8, true),
        Field::new("modality", DataType::Utf8, false),
        list_of("actors", party_fields()),
        list_of("recipients", party_fields()),
        list_of("mediators", party_fields()),
        Field::new("location", DataType::Struct(place_fields()), true),
        Field::new("dead", DataType::Int64, true),
        Field::new("dead_qualifier", DataType::Utf8, true),
        Field::new("dead_min", DataType::Int64, true),
        Field::new("dead_max", DataType::Int64, true),
        list_of("dead_by_side", side_fields()),
        Field::new("injured", DataType::Int64, true),
        Field::new("arrested", DataType::Int64, true),
        Field::new("cumulative_dead", DataType::Int64, true),
        Field::new("cumulative_why", DataType::Utf8, true),
        Field::new("cumulative_scope", DataType::Utf8, true),
        Field::new("attribution", party(), true),
        Field::new("source", party(), true),
        Field::new("evidence", span(), false),
        list_of("evidence_all", span_fields()),
        Field::new("trigger", span(), false),
    ]))
});

/// The schema of [`EventRows::finish`](crate::events::EventRows::finish)'s batch: one row per
/// event, in document order, then in
/// the document's event order. Names follow the JSON output (`hadath extract`); `doc_id` and
/// `event` (the event's index in its document's `events`) say which event a row is, `published`
/// is the document's publication date as used (given or inferred), and the toll (`size` in
/// JSON) is spread over `dead`, `dead_qualifier`, `dead_min`, `dead_max` (the bounds the words
/// give), `dead_by_side`, `injured` and `arrested`, a
/// toll that is not the event's own (`cumulative` in JSON) over `cumulative_dead`,
/// `cumulative_why` and `cumulative_scope` (the words that scope it). The
/// `location` struct also says where the place lies (`lat`, `lon`, `geonameid`, `admin1`,
/// `precision`, `reason`, as the JSON gives them beside the party's fields).
/// Offsets are code points, as in the JSON.
pub fn schema() -> SchemaRef {
    SCHEMA.clone()
}

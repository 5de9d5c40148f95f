//! Extractions as Arrow: one row per event, the columns of [`schema`].
//!
//! ```
//! use hadath_extract::{Document, Extractor};
//! use _hadath::events::{schema, EventRows};
//! let doc = Document::from_fields("d1".into(), "قصفت الطائرات مواقع في إدلب أمس".into(),
//!     None, Some("2020-02-27"), None, None).unwrap();
//! let mut rows = EventRows::default();
//! rows.push(&Extractor::default().extract(&doc));
//! let batch = rows.finish().unwrap();
//! assert_eq!(batch.schema(), schema());
//! assert!(batch.num_rows() >= 1);
//! ```

use crate::Result;
use arrow_array::builder::{Float64Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::Fields;
use hadath_core::{EventOut, GeoOut, Output, PartyOut, SideToll, SpanOut};
use std::sync::Arc;

pub use crate::schema::schema;
use crate::schema::{item, party_fields, place_fields, side_fields, span_fields};

fn count(n: Option<u64>) -> Option<i64> {
    n.map(|v| i64::try_from(v).unwrap_or(i64::MAX))
}

fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Columns of a struct of parties being built.
#[derive(Default)]
struct Parties {
    text: StringBuilder,
    name: StringBuilder,
    code: StringBuilder,
    sector: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
}

impl Parties {
    fn push(&mut self, p: &PartyOut) {
        self.text.append_value(&p.text);
        self.name.append_option(p.name.as_deref());
        self.code.append_option(p.code.as_deref());
        self.sector.append_option(p.sector.map(|s| s.as_str()));
        self.start.append_option(p.start.map(offset));
        self.end.append_option(p.end.map(offset));
    }

    /// A slot for no party (hidden by the struct's null mask).
    fn push_none(&mut self) {
        self.text.append_value("");
        self.name.append_null();
        self.code.append_null();
        self.sector.append_null();
        self.start.append_null();
        self.end.append_null();
    }

    fn finish(mut self, nulls: Option<NullBuffer>) -> Result<StructArray> {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.text.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.sector.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
        ];
        Ok(StructArray::try_new(party_fields(), cols, nulls)?)
    }
}

/// Columns of a struct of spans being built.
#[derive(Default)]
struct Spans {
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
}

impl Spans {
    fn push(&mut self, s: &SpanOut) {
        self.start.append_value(offset(s.start));
        self.end.append_value(offset(s.end));
        self.text.append_value(&s.text);
    }

    fn finish(mut self) -> Result<StructArray> {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.text.finish()),
        ];
        Ok(StructArray::try_new(span_fields(), cols, None)?)
    }
}

/// Columns of a struct of side tolls being built.
#[derive(Default)]
struct Sides {
    dead: Int64Builder,
    code: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
}

impl Sides {
    fn push(&mut self, s: &SideToll) {
        self.dead
            .append_value(count(Some(s.dead)).unwrap_or_default());
        self.code.append_option(s.code.as_deref());
        self.start.append_value(offset(s.start));
        self.end.append_value(offset(s.end));
        self.text.append_value(&s.text);
    }

    fn finish(mut self) -> Result<StructArray> {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.dead.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.text.finish()),
        ];
        Ok(StructArray::try_new(side_fields(), cols, None)?)
    }
}

/// A nullable struct column: its children and which rows hold a value.
#[derive(Default)]
struct Optional {
    parties: Parties,
    valid: Vec<bool>,
}

impl Optional {
    fn push(&mut self, p: Option<&PartyOut>) {
        match p {
            Some(p) => self.parties.push(p),
            None => self.parties.push_none(),
        }
        self.valid.push(p.is_some());
    }

    fn finish(self) -> Result<ArrayRef> {
        let nulls = NullBuffer::from(self.valid);
        Ok(Arc::new(self.parties.finish(Some(nulls))?))
    }
}

/// The place column: a party's columns, where it lies, and which rows hold a place.
#[derive(Default)]
struct Places {
    party: Optional,
    lat: Float64Builder,
    lon: Float64Builder,
    geonameid: Int64Builder,
    admin1: StringBuilder,
    precision: StringBuilder,
    reason: StringBuilder,
}

impl Places {
    fn push(&mut self, p: Option<&PartyOut>) {
        self.party.push(p);
        let g: Option<&GeoOut> = p.and_then(|p| p.geo.as_ref());
        self.lat.append_option(g.map(|g| g.lat));
        self.lon.append_option(g.map(|g| g.lon));
        self.geonameid
            .append_option(g.and_then(|g| g.geonameid).map(i64::from));
        self.admin1
            .append_option(g.and_then(|g| g.admin1.as_deref()));
        self.precision
            .append_option(g.map(|g| g.precision.as_str()));
        self.reason
            .append_option(g.and_then(|g| g.reason.as_deref()));
    }

    fn finish(mut self) -> Result<ArrayRef> {
        let nulls = NullBuffer::from(self.party.valid);
        let party = self.party.parties.finish(None)?;
        let (_, mut cols, _) = party.into_parts();
        cols.extend([
            Arc::new(self.lat.finish()) as ArrayRef,
            Arc::new(self.lon.finish()),
            Arc::new(self.geonameid.finish()),
            Arc::new(self.admin1.finish()),
            Arc::new(self.precision.finish()),
            Arc::new(self.reason.finish()),
        ]);
        Ok(Arc::new(StructArray::try_new(
            place_fields(),
            cols,
            Some(nulls),
        )?))
    }
}

/// A list column: the lengths of the rows' lists and the items' columns.
#[derive(Default)]
struct List<T> {
    lengths: Vec<usize>,
    items: T,
}

impl<T> List<T> {
    fn finish(
        self,
        fields: Fields,
        done: impl FnOnce(T) -> Result<StructArray>,
    ) -> Result<ArrayRef> {
        let offsets = OffsetBuffer::<i32>::from_lengths(self.lengths);
        let values: ArrayRef = Arc::new(done(self.items)?);
        Ok(Arc::new(ListArray::try_new(
            item(fields),
            offsets,
            values,
            None,
        )?))
    }
}

fn push_parties(list: &mut List<Parties>, ps: &[PartyOut]) {
    ps.iter().for_each(|p| list.items.push(p));
    list.lengths.push(ps.len());
}

/// Events being gathered into one record batch of [`schema`].
#[derive(Default)]
pub struct EventRows {
    rows: usize,
    doc_id: StringBuilder,
    event: Int32Builder,
    published: StringBuilder,
    kind: StringBuilder,
    mode: StringBuilder,
    date: StringBuilder,
    date_source: StringBuilder,
    modality: StringBuilder,
    actors: List<Parties>,
    recipients: List<Parties>,
    mediators: List<Parties>,
    location: Places,
    dead: Int64Builder,
    dead_qualifier: StringBuilder,
    dead_min: Int64Builder,
    dead_max: Int64Builder,
    dead_by_side: List<Sides>,
    injured: Int64Builder,
    arrested: Int64Builder,
    cumulative_dead: Int64Builder,
    cumulative_why: StringBuilder,
    cumulative_scope: StringBuilder,
    attribution: Optional,
    source: Optional,
    evidence: Spans,
    evidence_all: List<Spans>,
    trigger: Spans,
}

impl std::fmt::Debug for EventRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventRows")
            .field("rows", &self.rows)
            .finish()
    }
}

impl EventRows {
    /// Rows gathered so far.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row was gathered.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Add a row for each of `out`'s events.
    pub fn push(&mut self, out: &Output) {
        let published = out.published.as_ref().map(|p| p.date.as_str());
        for (i, e) in out.events.iter().enumerate() {
            self.push_event(&out.id, i, published, e);
        }
    }

    fn push_event(&mut self, doc: &str, i: usize, published: Option<&str>, e: &EventOut) {
        self.rows += 1;
        self.doc_id.append_value(doc);
        self.event
            .append_value(i32::try_from(i).unwrap_or(i32::MAX));
        self.published.append_option(published);
        self.kind.append_value(e.kind.as_str());
        self.mode.append_option(e.mode.map(|m| m.as_str()));
        self.date.append_option(e.date.as_deref());
        self.date_source
            .append_option(e.date_source.map(|d| d.as_str()));
        self.modality.append_value(e.modality.as_str());
        push_parties(&mut self.actors, &e.actors);
        push_parties(&mut self.recipients, &e.recipients);
        push_parties(&mut self.mediators, &e.mediators);
        self.location.push(e.location.as_ref());
        let size = e.size.as_ref();
        self.dead.append_option(count(size.and_then(|s| s.dead)));
        self.dead_qualifier
            .append_option(size.and_then(|s| s.dead_qualifier.as_deref()));
        self.dead_min
            .append_option(count(size.and_then(|s| s.dead_min)));
        self.dead_max
            .append_option(count(size.and_then(|s| s.dead_max)));
        let sides = size.map(|s| s.by_side.as_slice()).unwrap_or_default();
        sides.iter().for_each(|s| self.dead_by_side.items.push(s));
        self.dead_by_side.lengths.push(sides.len());
        self.injured
            .append_option(count(size.and_then(|s| s.injured)));
        self.arrested
            .append_option(count(size.and_then(|s| s.arrested)));
        let cumulative = e.cumulative.as_ref();
        self.cumulative_dead
            .append_option(count(cumulative.map(|c| c.dead)));
        self.cumulative_why
            .append_option(cumulative.map(|c| c.why.as_str()));
        self.cumulative_scope
            .append_option(cumulative.and_then(|c| c.scope.as_ref().map(|s| s.text.as_str())));
        self.attribution.push(e.attribution.as_ref());
        self.source.push(e.source.as_ref());
        self.evidence.push(&e.evidence);
        e.evidence_all
            .iter()
            .for_each(|s| self.evidence_all.items.push(s));
        self.evidence_all.lengths.push(e.evidence_all.len());
        self.trigger.push(&e.trigger);
    }

    /// The record batch of the rows gathered.
    ///
    /// # Errors
    ///
    /// [`Error::Arrow`](crate::Error::Arrow) when Arrow refuses the columns (a column of more
    /// than 2 GiB of text).
    pub fn finish(mut self) -> Result<RecordBatch> {
        let s = |mut b: StringBuilder| -> ArrayRef { Arc::new(b.finish()) };
        let n = |mut b: Int64Builder| -> ArrayRef { Arc::new(b.finish()) };
        let cols: Vec<ArrayRef> = vec![
            s(self.doc_id),
            Arc::new(self.event.finish()),
            s(self.published),
            s(self.kind),
            s(self.mode),
            s(self.date),
            s(self.date_source),
            s(self.modality),
            self.actors.finish(party_fields(), |p| p.finish(None))?,
            self.recipients.finish(party_fields(), |p| p.finish(None))?,
            self.mediators.finish(party_fields(), |p| p.finish(None))?,
            self.location.finish()?,
            n(self.dead),
            s(self.dead_qualifier),
            n(self.dead_min),
            n(self.dead_max),
            self.dead_by_side.finish(side_fields(), Sides::finish)?,
            n(self.injured),
            n(self.arrested),
            n(self.cumulative_dead),
            s(self.cumulative_why),
            s(self.cumulative_scope),
            self.attribution.finish()?,
            self.source.finish()?,
            Arc::new(self.evidence.finish()?),
            self.evidence_all.finish(span_fields(), Spans::finish)?,
            Arc::new(self.trigger.finish()?),
        ];
        debug_assert!(cols.iter().all(|c| c.len() == self.rows));
        Ok(RecordBatch::try_new(schema(), cols)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;

    fn output(json: serde_json::Value) -> Output {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn every_field_of_an_event_has_its_column() {
        let out = output(serde_json::json!({
            "id": "d", "published": {"date": "2020-02-28", "inferred": false},
            "entities": [], "timexes": [], "boilerplate": [],
            "events": [
                {"type": "ASSAULT", "mode": "heavy-weapons", "date": "2020-02-27",
                 "date_source": "text", "modality": "asserted",
                 "actors": [{"text": "القوات السورية", "name": "Armed forces of Syria",
                             "code": "SYR", "start": 5, "end": 19, "sector": "MIL"}],
                 "recipients": [], "mediators": [],
                 "location": {"text": "إدلب", "name": "Idlib", "code": "SYR", "lat": 35.93,
                              "lon": 36.63, "geonameid": 169389, "precision": "place"},
                 "size": {"dead": 33, "dead_qualifier": "at-least", "injured": 2,
                          "by_side": [{"dead": 33, "code": "TUR", "start": 60, "end": 62, "text": "33"}]},
                 "evidence": {"start": 0, "end": 70, "text": "قصفت"},
                 "evidence_all": [{"start": 0, "end": 70, "text": "قصفت"}],
                 "trigger": {"start": 0, "end": 4, "text": "قصفت"}},
                {"type": "CONSULT", "modality": "future", "actors": [], "recipients": [],
                 "mediators": [], "evidence": {"start": 80, "end": 90, "text": "يلتقي"},
                 "evidence_all": [], "trigger": {"start": 80, "end": 85, "text": "يلتقي"}}
            ]
        }));
        let mut rows = EventRows::default();
        rows.push(&out);
        assert_eq!(rows.len(), 2);
        let b = rows.finish().unwrap();
        let col = |name: &str| b.column_by_name(name).unwrap().clone();
        let strs = |name: &str| {
            let c = col(name);
            let a = c.as_string::<i32>();
            (0..a.len())
                .map(|i| a.is_valid(i).then(|| a.value(i).to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            strs("type"),
            [Some("ASSAULT".into()), Some("CONSULT".into())]
        );
        assert_eq!(strs("mode"), [Some("heavy-weapons".into()), None]);
        assert_eq!(strs("published"), vec![Some("2020-02-28".to_string()); 2]);
        assert_eq!(strs("date_source"), [Some("text".into()), None]);
        let dead = col("dead");
        let dead = dead.as_primitive::<Int64Type>();
        assert_eq!((dead.value(0), dead.is_null(1)), (33, true));
        let actors = col("actors");
        let actors = actors.as_list::<i32>();
        assert_eq!((actors.value_length(0), actors.value_length(1)), (1, 0));
        let a0 = actors.value(0);
        let a0 = a0.as_struct();
        assert_eq!(
            a0.column_by_name("sector")
                .unwrap()
                .as_string::<i32>()
                .value(0),
            "MIL"
        );
        let loc = col("location");
        let loc = loc.as_struct();
        assert!(loc.is_valid(0) && loc.is_null(1));
        assert_eq!(
            loc.column_by_name("name")
                .unwrap()
                .as_string::<i32>()
                .value(0),
            "Idlib"
        );
        // An absent offset stays null, not 0.
        assert!(loc.column_by_name("start").unwrap().is_null(0));
        let lat = loc.column_by_name("lat").unwrap();
        let lat = lat.as_primitive::<arrow_array::types::Float64Type>();
        assert_eq!((lat.value(0), lat.is_null(1)), (35.93, true));
        let gid = loc.column_by_name("geonameid").unwrap();
        assert_eq!(gid.as_primitive::<Int64Type>().value(0), 169389);
        let prec = loc.column_by_name("precision").unwrap();
        assert_eq!(prec.as_string::<i32>().value(0), "place");
        assert!(loc.column_by_name("admin1").unwrap().is_null(0));
        let sides = col("dead_by_side");
        let sides = sides.as_list::<i32>();
        assert_eq!((sides.value_length(0), sides.value_length(1)), (1, 0));
        let trig = col("trigger");
        let trig = trig.as_struct();
        let start = trig.column_by_name("start").unwrap();
        assert_eq!(start.as_primitive::<Int64Type>().value(1), 80);
    }

    #[test]
    fn no_events_is_an_empty_batch_of_the_schema() {
        let b = EventRows::default().finish().unwrap();
        assert_eq!((b.num_rows(), b.schema()), (0, schema()));
    }
}

//! Browsing the store, as the web view and the API do: filtered events with paging and a
//! total, timeline buckets, the actor network, documents with their spans, an overview. Every
//! query filters with the one [`Filter`] that `hadath timeline` uses, so they agree.

use crate::filter::like_escape;
use crate::{Error, Filter, Party, Result, Store, StoryEvent};
use hadath_core::{Category, Modality};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The PLOVER quad of a stored type (`other` for a word this version does not know).
pub fn quad(kind: &str) -> &'static str {
    kind.parse::<Category>()
        .map(|c| c.quad().as_str())
        .unwrap_or("other")
}

/// A story event with its quad, for the API.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// The story event; its fields are this object's fields in JSON.
    #[serde(flatten)]
    pub event: StoryEvent,
    /// Its PLOVER quad (`verbal cooperation`, `material cooperation`, `verbal conflict`,
    /// `material conflict`), or `other` for a type this version does not know.
    pub quad: &'static str,
    /// Its date with the precision shown: `2022-09-13`, `2022-09 (month)`, `2022 (year)` or
    /// `undated`.
    pub date_display: String,
    /// Its toll in words (`206 killed, 30 injured`), empty when no report gives one.
    pub toll: String,
    /// Where it happened, WGS84 latitude in decimal degrees (the place's point, or its admin-1
    /// region's or country's as `geo_precision` says); none when the place has no coordinates.
    pub latitude: Option<f64>,
    /// WGS84 longitude in decimal degrees.
    pub longitude: Option<f64>,
    /// The place's GeoNames id, where it comes from GeoNames.
    pub geonameid: Option<u32>,
    /// The admin-1 region (governorate, province) the place lies in, in English.
    pub admin1: Option<String>,
    /// Whose point `latitude` and `longitude` are: `place`, `admin1` or `country`.
    pub geo_precision: Option<&'static str>,
}

impl From<StoryEvent> for EventRow {
    fn from(event: StoryEvent) -> Self {
        let geo = event.location.as_ref().and_then(|l| l.geo.as_ref());
        EventRow {
            latitude: geo.map(|g| g.lat),
            longitude: geo.map(|g| g.lon),
            geonameid: geo.and_then(|g| g.geonameid),
            admin1: geo.and_then(|g| g.admin1.clone()),
            geo_precision: geo.map(|g| g.precision.as_str()),
            quad: quad(&event.kind),
            date_display: event.date_display(),
            toll: event.toll(),
            event,
        }
    }
}

/// One page of the filtered timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventPage {
    /// Story events matching the filter, on every page.
    pub total: i64,
    /// How many matching events come before this page.
    pub offset: usize,
    /// The most events a page holds, as asked.
    pub limit: usize,
    /// This page's events, in the order asked.
    pub events: Vec<EventRow>,
}

/// The order of an event page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The store's timeline order: by first day, undated last.
    Date,
    /// The most-reported first (sources, then mentions), then by date.
    Sources,
    /// The deadliest first, then by date.
    Toll,
}

impl Order {
    /// The order named by the API's `order` parameter: `date`, `sources` or `toll`; none for
    /// any other word.
    pub fn parse(s: &str) -> Option<Order> {
        match s {
            "date" => Some(Order::Date),
            "sources" => Some(Order::Sources),
            "toll" => Some(Order::Toll),
            _ => None,
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Order::Date => "s.date_first IS NULL, s.date_first, s.date_last, s.story_id",
            Order::Sources => {
                "s.n_sources DESC, s.n_mentions DESC, s.date_first IS NULL, s.date_first, s.story_id"
            }
            Order::Toll => {
                "coalesce(s.dead, -1) DESC, s.date_first IS NULL, s.date_first, s.story_id"
            }
        }
    }
}

/// The filtered timeline in the store's order (dated by first day, undated last), one page.
///
/// # Errors
///
/// [`Error::Sql`] when SQLite cannot read the store.
pub fn events(store: &Store, f: &Filter, offset: usize, limit: usize) -> Result<EventPage> {
    events_by(store, f, Order::Date, offset, limit)
}

/// The filtered events in the given order, one page.
///
/// # Errors
///
/// [`Error::Sql`] when SQLite cannot read the store.
pub fn events_by(
    store: &Store,
    f: &Filter,
    order: Order,
    offset: usize,
    limit: usize,
) -> Result<EventPage> {
    let conn = &store.conn;
    let (wh, ps) = f.sql();
    // With a filter, one scan: the page's ids with the count of every match (a window over the
    // whole result). Without one, counting the table is cheaper than the window.
    let count = if wh.is_empty() {
        "(SELECT count(*) FROM story_events)"
    } else {
        "count(*) OVER ()"
    };
    let sql = format!(
        "SELECT s.story_id, {count} FROM story_events s{wh}
         ORDER BY {} LIMIT {limit} OFFSET {offset}",
        order.sql()
    );
    let rows: Vec<(i64, i64)> = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(ps.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total = match rows.first() {
        Some(&(_, n)) => n,
        None if offset == 0 => 0,
        None => conn.query_row(
            &format!("SELECT count(*) FROM story_events s{wh}"),
            rusqlite::params_from_iter(ps.iter()),
            |r| r.get(0),
        )?,
    };
    let ids: Vec<i64> = rows.into_iter().map(|(id, _)| id).collect();
    let events = store
        .stories(&ids)?
        .into_iter()
        .map(EventRow::from)
        .collect();
    Ok(EventPage {
        total,
        offset,
        limit,
        events,
    })
}

/// One period of the timeline with its counts.
#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    /// The day, month or year: `2022-09-13`, `2022-09` or `2022`.
    pub period: String,
    /// Story events whose first day falls in it.
    pub total: i64,
    /// Those events per PLOVER quad (`material conflict`, …; `other` for an unknown type).
    pub by_quad: BTreeMap<&'static str, i64>,
    /// Those events per PLOVER category (`ASSAULT`, …).
    pub by_type: BTreeMap<String, i64>,
    /// Their dead added up (each event's lowest reported figure; none counts as 0).
    pub dead: i64,
}

/// The filtered story events counted per period, for the timeline chart
/// (`/api/timeline/buckets`).
#[derive(Debug, Clone, Serialize)]
pub struct Buckets {
    /// The width of the periods: `day`, `month` or `year`.
    pub by: String,
    /// The periods holding at least one event, in date order.
    pub buckets: Vec<Bucket>,
    /// Filtered events without a date, in no bucket.
    pub undated: i64,
}

/// Counts of the filtered story events per day, month or year of their first day.
///
/// # Errors
///
/// [`Error::Sql`] when SQLite cannot read the store.
pub fn buckets(store: &Store, f: &Filter, by: hadath_core::Precision) -> Result<Buckets> {
    let width = match by {
        hadath_core::Precision::Day => 10,
        hadath_core::Precision::Month => 7,
        hadath_core::Precision::Year => 4,
    };
    let (wh, ps) = f.sql();
    let conn = &store.conn;
    let sql = format!(
        "SELECT substr(s.date_first, 1, {width}) AS p, s.type, count(*), coalesce(sum(s.dead), 0)
         FROM story_events s{wh} GROUP BY p, s.type ORDER BY p"
    );
    let mut out: Vec<Bucket> = Vec::new();
    let mut undated = 0;
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(ps.iter()))?;
    while let Some(r) = rows.next()? {
        let p: Option<String> = r.get(0)?;
        let kind: String = r.get(1)?;
        let n: i64 = r.get(2)?;
        let dead: i64 = r.get(3)?;
        let Some(p) = p else {
            undated += n;
            continue;
        };
        if out.last().is_none_or(|b| b.period != p) {
            out.push(Bucket {
                period: p,
                total: 0,
                by_quad: BTreeMap::new(),
                by_type: BTreeMap::new(),
                dead: 0,
            });
        }
        let b = out.last_mut().expect("pushed");
        b.total += n;
        b.dead += dead;
        *b.by_quad.entry(quad(&kind)).or_default() += n;
        *b.by_type.entry(kind).or_default() += n;
    }
    Ok(Buckets {
        by: by.as_str().to_string(),
        buckets: out,
        undated,
    })
}

/// A participant of the network.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    /// What to filter by: the English name, else the code.
    pub key: String,
    /// The English name, else the code.
    pub name: String,
    /// Its ISO 3166 alpha-3 or IGO code, when it has one.
    pub code: Option<String>,
    /// Story events it takes part in (any role).
    pub events: i64,
}

/// Who did what to whom, counted.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// The [`Actor::key`] of one end: the actor, the mediator, or for `met` the key that sorts
    /// first.
    pub source: String,
    /// The [`Actor::key`] of the other end: the recipient, the party mediated between, or the
    /// other party met.
    pub target: String,
    /// Story events linking them, by relation: `met`, `mediated`, or a PLOVER category
    /// (actor towards recipient).
    pub relations: BTreeMap<String, i64>,
    /// All of those relations added up.
    pub count: i64,
}

/// The actor network of the filtered story events (`/api/actors`).
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    /// The most active participants, most events first (ties by key).
    pub actors: Vec<Actor>,
    /// The edges between two of those actors, the heaviest first.
    pub edges: Vec<Edge>,
}

fn party_key(p: &Party) -> Option<(String, String, Option<String>)> {
    let key = p.name.clone().or_else(|| p.code.clone())?;
    let name = p.name.clone().unwrap_or_else(|| key.clone());
    Some((key, name, p.code.clone()))
}

/// The actors of the filtered story events (the `top` most active) and the edges among them.
///
/// # Errors
///
/// [`Error::Sql`] when SQLite cannot read the store.
pub fn network(store: &Store, f: &Filter, top: usize) -> Result<Network> {
    let (wh, ps) = f.sql();
    let conn = &store.conn;
    let sql = format!("SELECT s.type, s.actors, s.recipients, s.mediators FROM story_events s{wh}");
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(ps.iter()))?;
    let mut actors: HashMap<String, Actor> = HashMap::new();
    let mut edges: HashMap<(String, String), Edge> = HashMap::new();
    let parse = |s: String| -> Vec<(String, String, Option<String>)> {
        let v: Vec<Party> = serde_json::from_str(&s).unwrap_or_default();
        let mut out: Vec<(String, String, Option<String>)> = Vec::new();
        for p in v.iter().filter_map(party_key) {
            if !out.iter().any(|q| q.0 == p.0) {
                out.push(p);
            }
        }
        out
    };
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let a = parse(r.get(1)?);
        let rc = parse(r.get(2)?);
        let m = parse(r.get(3)?);
        let mut seen: Vec<&str> = Vec::new();
        for (key, name, code) in a.iter().chain(&rc).chain(&m) {
            if seen.contains(&key.as_str()) {
                continue;
            }
            seen.push(key);
            actors
                .entry(key.clone())
                .or_insert_with(|| Actor {
                    key: key.clone(),
                    name: name.clone(),
                    code: code.clone(),
                    events: 0,
                })
                .events += 1;
        }
        let mut link = |x: &str, y: &str, rel: &str| {
            if x == y {
                return;
            }
            let e = edges
                .entry((x.to_string(), y.to_string()))
                .or_insert_with(|| Edge {
                    source: x.to_string(),
                    target: y.to_string(),
                    relations: BTreeMap::new(),
                    count: 0,
                });
            *e.relations.entry(rel.to_string()).or_default() += 1;
            e.count += 1;
        };
        for x in &a {
            for y in &rc {
                link(&x.0, &y.0, &kind);
            }
        }
        if rc.is_empty() && kind == "CONSULT" {
            for (i, x) in a.iter().enumerate() {
                for y in &a[i + 1..] {
                    let (p, q) = if x.0 <= y.0 { (x, y) } else { (y, x) };
                    link(&p.0, &q.0, "met");
                }
            }
        }
        for x in &m {
            for y in a.iter().chain(&rc) {
                link(&x.0, &y.0, "mediated");
            }
        }
    }
    let mut list: Vec<Actor> = actors.into_values().collect();
    list.sort_by(|x, y| y.events.cmp(&x.events).then_with(|| x.key.cmp(&y.key)));
    list.truncate(top);
    let keep: std::collections::HashSet<&str> = list.iter().map(|a| a.key.as_str()).collect();
    let mut edges: Vec<Edge> = edges
        .into_values()
        .filter(|e| keep.contains(e.source.as_str()) && keep.contains(e.target.as_str()))
        .collect();
    edges.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| (&x.source, &x.target).cmp(&(&y.source, &y.target)))
    });
    Ok(Network {
        actors: list,
        edges,
    })
}

/// A document in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    /// The document's id, as given at ingest.
    pub id: String,
    /// Its title, when it has one.
    pub title: Option<String>,
    /// Its publication date (`YYYY-MM-DD`), given or inferred from the text; none when
    /// neither.
    pub published: Option<String>,
    /// The outlet, as given at ingest.
    pub source: Option<String>,
    /// Where it was published, as given at ingest.
    pub url: Option<String>,
    /// Entity mentions extracted from it.
    pub n_entities: i64,
    /// Time expressions extracted from it.
    pub n_timexes: i64,
    /// Event mentions extracted from it.
    pub n_events: i64,
}

/// One page of the stored documents (`/api/documents`).
#[derive(Debug, Clone, Serialize)]
pub struct DocPage {
    /// Documents matching the query, on every page.
    pub total: i64,
    /// How many matching documents come before this page.
    pub offset: usize,
    /// The most documents a page holds, as asked.
    pub limit: usize,
    /// This page's documents, newest first (undated last).
    pub documents: Vec<DocSummary>,
}

const DOC_COLUMNS: &str =
    "d.id, d.title, d.published, d.source, d.url, d.n_entities, d.n_timexes, d.n_events";

fn doc_from_row(r: &rusqlite::Row) -> rusqlite::Result<DocSummary> {
    Ok(DocSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        published: r.get(2)?,
        source: r.get(3)?,
        url: r.get(4)?,
        n_entities: r.get(5)?,
        n_timexes: r.get(6)?,
        n_events: r.get(7)?,
    })
}

/// Documents by publication date (newest first), optionally those whose title or id contains
/// `q`.
///
/// # Errors
///
/// [`Error::Sql`] when SQLite cannot read the store.
pub fn documents(store: &Store, q: Option<&str>, offset: usize, limit: usize) -> Result<DocPage> {
    let conn = &store.conn;
    let (wh, ps): (&str, Vec<Value>) = match q {
        Some(q) => (
            " WHERE d.title LIKE ?1 ESCAPE '\\' OR d.id LIKE ?1 ESCAPE '\\'",
            vec![Value::Text(format!("%{}%", like_escape(q.trim())))],
        ),
        None => ("", vec![]),
    };
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM documents d{wh}"),
        rusqlite::params_from_iter(ps.iter()),
        |r| r.get(0),
    )?;
    let documents = conn
        .prepare(&format!(
            "SELECT {DOC_COLUMNS} FROM documents d{wh}
             ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT {limit} OFFSET {offset}"
        ))?
        .query_map(rusqlite::params_from_iter(ps.iter()), doc_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(DocPage {
        total,
        offset,
        limit,
        documents,
    })
}

/// A span of a document, in code points.
#[derive(Debug, Clone, Serialize)]
pub struct Span {
    /// Its first character's offset into the document's text, in code points.
    pub start: i64,
    /// The offset just past its last character, in code points.
    pub end: i64,
    /// Its words, as in the document.
    pub text: String,
}

/// An entity mention of a document, as extracted.
#[derive(Debug, Clone, Serialize)]
pub struct DocEntity {
    /// Its first character's offset into the document's text, in code points.
    pub start: i64,
    /// The offset just past its last character, in code points.
    pub end: i64,
    /// Its words, as in the document.
    pub text: String,
    /// The entity type (`person`, `organization`, `country`, `city`, …), `type` in JSON.
    #[serde(rename = "type")]
    pub kind: String,
    /// The English name from the knowledge base, when it knows the mention.
    pub name: Option<String>,
    /// The state's ISO 3166 alpha-3 code or the IGO's code, when it has one.
    pub code: Option<String>,
    /// A person's office at the time, from the knowledge base.
    pub office: Option<String>,
}

/// A time expression of a document, as extracted.
#[derive(Debug, Clone, Serialize)]
pub struct DocTimex {
    /// Its first character's offset into the document's text, in code points.
    pub start: i64,
    /// The offset just past its last character, in code points.
    pub end: i64,
    /// Its words, as in the document.
    pub text: String,
    /// The TIMEX3 type: `date`, `time`, `duration` or `set`; `type` in JSON.
    #[serde(rename = "type")]
    pub kind: String,
    /// The normalised TIMEX3 value (`2022-09-13`, `P3D`, …), when it could be resolved.
    pub value: Option<String>,
}

/// An event mention of a document, with the spans the web view marks.
#[derive(Debug, Clone, Serialize)]
pub struct DocEvent {
    /// The story event it belongs to.
    pub story_id: Option<i64>,
    /// The PLOVER category (`ASSAULT`, …), `type` in JSON.
    #[serde(rename = "type")]
    pub kind: String,
    /// The category's PLOVER quad (`material conflict`, …; `other` for an unknown type).
    pub quad: &'static str,
    /// How the text reports it (`asserted`, `negated`, `hypothetical`, `future`,
    /// `historical`).
    pub modality: String,
    /// Its date as extracted, at its precision (`2022-09-13`, `2022-09` or `2022`).
    pub date: Option<String>,
    /// Every mention of it in the document (each the clause of its trigger), the first one
    /// first.
    pub evidence: Vec<Span>,
    /// The trigger words themselves, when the stored event has them.
    pub trigger: Option<Span>,
}

/// One document with everything extracted from it.
#[derive(Debug, Clone, Serialize)]
pub struct DocDetail {
    /// Its id, title, date, outlet, url and counts; this object's fields in JSON.
    #[serde(flatten)]
    pub doc: DocSummary,
    /// Its text, exactly as stored: every span counts into it.
    pub text: String,
    /// Whether the publication date was inferred from the text rather than given; none when
    /// it has no date.
    pub published_inferred: Option<bool>,
    /// When it was stored, UTC, RFC 3339 (`2026-11-21T22:15:03Z`).
    pub extracted_at: String,
    /// Its entity mentions, in text order.
    pub entities: Vec<DocEntity>,
    /// Its time expressions, in text order.
    pub timexes: Vec<DocTimex>,
    /// Its event mentions, in the order of its extraction.
    pub events: Vec<DocEvent>,
    /// The spans kept out of extraction as web boilerplate: a JSON array of
    /// `{start, end, kind}`, code-point offsets.
    pub boilerplate: serde_json::Value,
}

/// event_key, story_id, type, modality, date, json.
type EventRowRaw = (i64, Option<i64>, String, String, Option<String>, String);

/// One document by id, with its entities, time expressions and events (code-point spans).
///
/// # Errors
///
/// [`Error::NoSuchDocument`] when no stored document has this id; [`Error::Sql`] when SQLite
/// cannot read the store.
pub fn document(store: &Store, id: &str) -> Result<DocDetail> {
    let conn = &store.conn;
    let row = conn
        .query_row(
            &format!(
                "SELECT {DOC_COLUMNS}, d.doc_key, d.text, d.published_inferred, d.extracted_at,
                 d.boilerplate FROM documents d WHERE d.id = ?1"
            ),
            [id],
            |r| {
                Ok((
                    doc_from_row(r)?,
                    r.get::<_, i64>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, Option<bool>>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                ))
            },
        )
        .optional()?;
    let Some((doc, key, text, inferred, extracted_at, boiler)) = row else {
        return Err(Error::NoSuchDocument(id.to_string()));
    };
    let entities = conn
        .prepare(
            "SELECT start, end, text, type, name, code, office FROM entities
             WHERE doc_key = ?1 ORDER BY start, end",
        )?
        .query_map([key], |r| {
            Ok(DocEntity {
                start: r.get(0)?,
                end: r.get(1)?,
                text: r.get(2)?,
                kind: r.get(3)?,
                name: r.get(4)?,
                code: r.get(5)?,
                office: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let timexes = conn
        .prepare(
            "SELECT start, end, text, type, value FROM timexes WHERE doc_key = ?1 ORDER BY start",
        )?
        .query_map([key], |r| {
            Ok(DocTimex {
                start: r.get(0)?,
                end: r.get(1)?,
                text: r.get(2)?,
                kind: r.get(3)?,
                value: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let evs: Vec<EventRowRaw> = conn
        .prepare(
            "SELECT e.event_key, m.story_id, e.type, e.modality, e.date, e.json FROM events e
             LEFT JOIN story_members m USING (event_key) WHERE e.doc_key = ?1 ORDER BY e.ord",
        )?
        .query_map([key], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut ev_st =
        conn.prepare("SELECT start, end, text FROM evidence WHERE event_key = ?1 ORDER BY rowid")?;
    let mut events = Vec::with_capacity(evs.len());
    for (ekey, story_id, kind, modality, date, json) in evs {
        let evidence = ev_st
            .query_map([ekey], |r| {
                Ok(Span {
                    start: r.get(0)?,
                    end: r.get(1)?,
                    text: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let trigger = serde_json::from_str::<serde_json::Value>(&json)
            .ok()
            .and_then(|v| {
                let t = v.get("trigger")?;
                Some(Span {
                    start: t.get("start")?.as_i64()?,
                    end: t.get("end")?.as_i64()?,
                    text: t.get("text")?.as_str()?.to_string(),
                })
            });
        events.push(DocEvent {
            story_id,
            quad: quad(&kind),
            kind,
            modality,
            date,
            evidence,
            trigger,
        });
    }
    Ok(DocDetail {
        doc,
        text,
        published_inferred: inferred,
        extracted_at,
        entities,
        timexes,
        events,
        boilerplate: serde_json::from_str(&boiler).unwrap_or(serde_json::Value::Array(vec![])),
    })
}

/// The story event of each of a document's events, in the order of its extraction's events.
/// A document the store does not hold has none.
///
/// # Errors
///
/// [`Error::Sql`] when SQLite cannot read the store.
pub fn stories_of_document(store: &Store, id: &str) -> Result<Vec<i64>> {
    Ok(store
        .conn
        .prepare(
            "SELECT m.story_id FROM documents d JOIN events e USING (doc_key)
             JOIN story_members m USING (event_key) WHERE d.id = ?1 ORDER BY e.ord",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The overall extent of the store: counts, date range, and the vocabulary to filter by.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// How many documents, mentions and story events the store holds.
    pub stats: crate::StoreStats,
    /// The first day any story event's date covers (`YYYY-MM-DD`); none when none is dated.
    pub first_date: Option<String>,
    /// The last day any story event's date covers (`YYYY-MM-DD`).
    pub last_date: Option<String>,
    /// Every PLOVER category this version knows (`AGREE`, `CONSULT`, …), present or not: what
    /// a filter's `type` accepts.
    pub categories: Vec<&'static str>,
    /// The categories of each PLOVER quad, by quad name (`material conflict` → `ASSAULT`, …).
    pub quads: BTreeMap<&'static str, Vec<&'static str>>,
    /// Every modality (`asserted`, `negated`, …): what a filter's `modality` accepts.
    pub modalities: Vec<&'static str>,
}

/// The store's extent for the web view's first screen (`/api/overview`).
///
/// # Errors
///
/// [`Error::Sql`] when SQLite cannot read the store.
pub fn overview(store: &Store) -> Result<Overview> {
    let (first_date, last_date) = store.conn.query_row(
        "SELECT min(date_first), max(date_last) FROM story_events",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut quads: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for c in Category::ALL {
        quads.entry(c.quad().as_str()).or_default().push(c.as_str());
    }
    Ok(Overview {
        stats: store.stats()?,
        first_date,
        last_date,
        categories: Category::ALL.iter().map(|c| c.as_str()).collect(),
        quads,
        modalities: Modality::ALL.iter().map(|m| m.as_str()).collect(),
    })
}

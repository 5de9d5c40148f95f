//! Reading the story: the timeline with its filters, one event explained, store statistics and
//! an integrity check.

use crate::filter::Filter;
use crate::{Error, Result, Store};
use hadath_core::DateRange;
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

/// A participant or place: its words, its English name and its code (ISO 3166 alpha-3 or IGO).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Party {
    /// The Arabic words as a report wrote them (in a story event, the first report naming it);
    /// empty for a story event's place, and then left out of the JSON.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// The English name from the knowledge base (`Armenia`, `Nancy Pelosi`), when it knows the
    /// mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state's ISO 3166 alpha-3 code (`ARM`) or the IGO's code, when it has one; for a
    /// place, its country's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The PLOVER sector (GOV, MIL, REB …), where the knowledge base tells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// For a place: its coordinates, GeoNames id, admin-1 region, precision and reason
    /// (`lat`, `lon`, `geonameid`, `admin1`, `precision`, `reason` beside the other fields).
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<hadath_core::GeoOut>,
}

impl Party {
    pub(crate) fn from_out(p: &hadath_core::PartyOut) -> Party {
        Party {
            text: p.text.clone(),
            name: p.name.clone(),
            code: p.code.clone(),
            sector: p.sector.map(|x| x.as_str().to_string()),
            geo: p.geo.clone(),
        }
    }

    /// The English name, else the code, else the Arabic words.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.code.clone())
            .unwrap_or_else(|| self.text.clone())
    }
}

/// One story event: a happening, merged from every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryEvent {
    /// Its id in the store (`story_id`), what `hadath explain` and `/api/events/{id}` take.
    pub id: i64,
    /// The PLOVER category (`ASSAULT`, `CONSULT`, …), `type` in JSON.
    #[serde(rename = "type")]
    pub kind: String,
    /// The PLOVER mode (`firearms`, `visit`, …) most reports give, if any does.
    pub mode: Option<String>,
    /// How the reports present it (`asserted`, `historical`, `future`, `hypothetical`,
    /// `negated`): the first of these that any report gives.
    pub modality: String,
    /// The most specific date reported, at its precision (`2022-09-13`, `2022-09` or `2022`);
    /// none when no report dates it.
    pub date: Option<String>,
    /// The precision of `date`: `day`, `month` or `year`.
    pub date_precision: Option<String>,
    /// The first day `date` covers (`2022-09-01` for `2022-09`).
    pub date_first: Option<String>,
    /// The last day `date` covers (`2022-09-30` for `2022-09`).
    pub date_last: Option<String>,
    /// The place most reports name: its English name and country code, no Arabic words.
    pub location: Option<Party>,
    /// Who acts, merged from every report by code (a party that most reports make the
    /// recipient is a recipient).
    pub actors: Vec<Party>,
    /// Who is acted upon.
    pub recipients: Vec<Party>,
    /// Who mediates or hosts, neither actor nor recipient.
    pub mediators: Vec<Party>,
    /// The lowest number of dead any report gives (ACLED's rule); the others are kept in
    /// `disagreements`.
    pub dead: Option<i64>,
    /// The lowest number of injured any report gives.
    pub injured: Option<i64>,
    /// The lowest number of arrested any report gives.
    pub arrested: Option<i64>,
    /// The documents reporting it (ids).
    pub sources: Vec<String>,
    /// The outlets of those documents, as given at ingest (distinct).
    pub outlets: Vec<String>,
    /// The documents' URLs, where given (distinct).
    pub urls: Vec<String>,
    /// The earliest publication date among the reports (`YYYY-MM-DD`).
    pub first_report: Option<String>,
    /// The latest publication date among the reports.
    pub last_report: Option<String>,
    /// The words of the first report (its evidence span).
    pub evidence: Option<String>,
    /// Event mentions merged into it (a document may report it more than once).
    pub n_mentions: i64,
    /// One English line from the fields (`Clashes between Armenia and Azerbaijan; 206
    /// killed`).
    pub summary: String,
    /// The CAMEO root code of the category and mode (`18`, `19`, `04`, …), for GDELT users.
    pub cameo: Option<String>,
    /// Fields on which the reports differ: `[{field, values: [{value, docs}]}]`.
    pub disagreements: serde_json::Value,
    /// A toll reported with it that is not its own (`cumulative` of the extraction): the
    /// largest such figure any report gives, e.g. a war's running total. Never in `dead`.
    pub cumulative_dead: Option<i64>,
    /// How exact `cumulative_dead` is when not exact (`at-least`, `about`, …).
    pub cumulative_qualifier: Option<String>,
    /// Why it is not this happening's toll: `running-total` or `too-large`.
    pub cumulative_why: Option<String>,
    /// The words that scope it (منذ بداية الحرب), when the text gives them.
    pub cumulative_scope: Option<String>,
    /// When it last changed: the latest time one of its reports was extracted and stored (UTC,
    /// RFC 3339). The exports' `timestamp`; not in the timeline's JSON.
    #[serde(skip)]
    pub updated: Option<String>,
}

impl StoryEvent {
    /// The date with its precision: `2022-09-13`, `2022-09 (month)`, or `undated`.
    pub fn date_display(&self) -> String {
        match self.date.as_deref().and_then(DateRange::parse) {
            Some(d) => d.display(),
            None => "undated".into(),
        }
    }

    /// "206 killed, 30 injured", or "".
    pub fn toll(&self) -> String {
        let mut t = Vec::new();
        if let Some(d) = self.dead {
            t.push(format!("{d} killed"));
        }
        if let Some(i) = self.injured {
            t.push(format!("{i} injured"));
        }
        if let Some(a) = self.arrested {
            t.push(format!("{a} arrested"));
        }
        t.join(", ")
    }

    /// Every participant's English label: actors, then recipients, then mediators.
    pub fn participants(&self) -> Vec<String> {
        self.actors
            .iter()
            .chain(&self.recipients)
            .chain(&self.mediators)
            .map(Party::label)
            .collect()
    }
}

/// One report of a story event, for [`Store::explain`].
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// The id of the document that reports it.
    pub doc_id: String,
    /// That document's title, when it has one.
    pub title: Option<String>,
    /// That document's publication date (`YYYY-MM-DD`), given or inferred from its text.
    pub published: Option<String>,
    /// The event as the extraction gave it: an event object of the output contract (type,
    /// mode, modality, date, participants, toll, evidence, trigger, …).
    pub event: serde_json::Value,
    /// Every evidence span `(start, end, text)`, code-point offsets into the document.
    pub evidence: Vec<(i64, i64, String)>,
    /// Participant overlap when merged (none for the first report).
    pub score: Option<f64>,
    /// Why it was merged (`same type ASSAULT; dates 2022-09 and 2022-09-13 compatible; …`),
    /// or `first report` (with why, when undated) for the one that started the story event.
    pub reason: String,
}

/// Why a story event is what it is.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The story event as the timeline shows it.
    pub event: StoryEvent,
    /// Every report merged into it, in the order they were stored.
    pub members: Vec<Member>,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// Documents stored (duplicates are not).
    pub documents: i64,
    /// Entity mentions over all documents.
    pub entities: i64,
    /// Time expressions over all documents.
    pub timexes: i64,
    /// Event mentions: the events of every document's extraction.
    pub events: i64,
    /// Evidence spans of those event mentions.
    pub evidence: i64,
    /// Story events: happenings, each merged from one or more event mentions.
    pub story_events: i64,
    /// Story events reported by more than one document.
    pub merged_story_events: i64,
}

const STORY_COLUMNS: &str = "s.story_id, s.type, s.mode, s.modality, s.date, s.date_precision,
    s.date_first, s.date_last, s.location_name, s.location_code, s.actors, s.recipients,
    s.mediators, s.dead, s.injured, s.arrested, s.n_mentions, s.summary, s.cameo,
    s.disagreements,
    (SELECT json_array(json_group_array(id), json_group_array(source), json_group_array(url),
            min(published), max(published), max(extracted_at))
        FROM (SELECT DISTINCT d.id AS id, d.source AS source, d.url AS url,
                d.published AS published, d.extracted_at AS extracted_at
            FROM story_members m JOIN events e USING (event_key) JOIN documents d USING (doc_key)
            WHERE m.story_id = s.story_id ORDER BY d.id)),
    (SELECT e.evidence_text FROM story_members m JOIN events e USING (event_key)
        WHERE m.story_id = s.story_id ORDER BY e.event_key LIMIT 1),
    s.latitude, s.longitude, s.geonameid, s.admin1, s.geo_precision, s.geo_reason,
    (SELECT json_extract(e.json, '$.cumulative') FROM story_members m JOIN events e USING (event_key)
        WHERE m.story_id = s.story_id AND json_extract(e.json, '$.cumulative.dead') IS NOT NULL
        ORDER BY json_extract(e.json, '$.cumulative.dead') DESC, e.event_key LIMIT 1)";

/// The reports' documents as the story query gives them: ids, outlets, urls, first and last
/// publication dates, the latest extraction time.
type Reports = (
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn reports(js: &str) -> Reports {
    let v: serde_json::Value = serde_json::from_str(js).unwrap_or_default();
    let list = |i: usize| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for x in v[i]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str())
        {
            if !x.trim().is_empty() && !out.iter().any(|y| y == x) {
                out.push(x.to_string());
            }
        }
        out
    };
    let date = |i: usize| v[i].as_str().map(str::to_string);
    (list(0), list(1), list(2), date(3), date(4), date(5))
}

/// The place columns of a story event from column `i` on: latitude, longitude, geonameid,
/// admin1, geo_precision, geo_reason.
fn geo_from_row(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<hadath_core::GeoOut>> {
    let (lat, lon): (Option<f64>, Option<f64>) = (r.get(i)?, r.get(i + 1)?);
    let precision: Option<String> = r.get(i + 4)?;
    let (Some(lat), Some(lon), Some(precision)) =
        (lat, lon, precision.and_then(|p| p.parse().ok()))
    else {
        return Ok(None);
    };
    Ok(Some(hadath_core::GeoOut {
        lat,
        lon,
        geonameid: r.get(i + 2)?,
        admin1: r.get(i + 3)?,
        precision,
        reason: r.get(i + 5)?,
    }))
}

fn story_from_row(r: &rusqlite::Row) -> rusqlite::Result<StoryEvent> {
    let pj = |s: String| serde_json::from_str::<Vec<Party>>(&s).unwrap_or_default();
    let lname: Option<String> = r.get(8)?;
    let lcode: Option<String> = r.get(9)?;
    let (sources, outlets, urls, first_report, last_report, updated) =
        reports(&r.get::<_, String>(20)?);
    // the largest toll not its own that a report gives (see STORY_COLUMNS)
    let cumulative = r
        .get::<_, Option<String>>(28)?
        .and_then(|j| serde_json::from_str::<hadath_core::Cumulative>(&j).ok());
    Ok(StoryEvent {
        id: r.get(0)?,
        kind: r.get(1)?,
        mode: r.get(2)?,
        modality: r.get(3)?,
        date: r.get(4)?,
        date_precision: r.get(5)?,
        date_first: r.get(6)?,
        date_last: r.get(7)?,
        location: (lname.is_some() || lcode.is_some()).then(|| Party {
            text: String::new(),
            name: lname,
            code: lcode,
            sector: None,
            geo: geo_from_row(r, 22).ok().flatten(),
        }),
        actors: pj(r.get(10)?),
        recipients: pj(r.get(11)?),
        mediators: pj(r.get(12)?),
        dead: r.get(13)?,
        injured: r.get(14)?,
        arrested: r.get(15)?,
        n_mentions: r.get(16)?,
        summary: r.get(17)?,
        cameo: r.get(18)?,
        disagreements: serde_json::from_str(&r.get::<_, String>(19)?)
            .unwrap_or(serde_json::Value::Array(vec![])),
        sources,
        outlets,
        urls,
        first_report,
        last_report,
        evidence: r.get(21)?,
        cumulative_dead: cumulative.as_ref().and_then(|c| i64::try_from(c.dead).ok()),
        cumulative_qualifier: cumulative.as_ref().and_then(|c| c.dead_qualifier.clone()),
        cumulative_why: cumulative.as_ref().map(|c| c.why.as_str().to_string()),
        cumulative_scope: cumulative.and_then(|c| c.scope).map(|s| s.text),
        updated,
    })
}

impl Store {
    /// The story in date order (undated events last), filtered.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when SQLite cannot read the store.
    pub fn timeline(&self, f: &Filter) -> Result<Vec<StoryEvent>> {
        let (wh, ps) = f.sql();
        let mut sql = format!("SELECT {STORY_COLUMNS} FROM story_events s{wh}");
        sql.push_str(" ORDER BY s.date_first IS NULL, s.date_first, s.date_last, s.story_id");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(ps), story_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// One story event by id.
    ///
    /// # Errors
    ///
    /// [`Error::NoSuchEvent`] when no story event has this id; [`Error::Sql`] when SQLite
    /// cannot read the store.
    pub fn story(&self, id: i64) -> Result<StoryEvent> {
        self.conn
            .query_row(
                &format!("SELECT {STORY_COLUMNS} FROM story_events s WHERE s.story_id = ?1"),
                [id],
                story_from_row,
            )
            .optional()?
            .ok_or(Error::NoSuchEvent(id))
    }

    /// Story events by id, in the order given, in one query; unknown ids are left out.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when SQLite cannot read the store.
    pub fn stories(&self, ids: &[i64]) -> Result<Vec<StoryEvent>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let sql =
            format!("SELECT {STORY_COLUMNS} FROM story_events s WHERE s.story_id IN ({list})");
        let mut by_id: std::collections::HashMap<i64, StoryEvent> = self
            .conn
            .prepare(&sql)?
            .query_map([], story_from_row)?
            .map(|r| r.map(|e| (e.id, e)))
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// A story event with every report merged into it and the reason each was merged.
    ///
    /// # Errors
    ///
    /// [`Error::NoSuchEvent`] when no story event has this id; [`Error::Sql`] when SQLite
    /// cannot read the store.
    pub fn explain(&self, id: i64) -> Result<Explanation> {
        let event = self.story(id)?;
        let mut st = self.conn.prepare(
            "SELECT d.id, d.title, d.published, e.json, m.score, m.reason, e.event_key
             FROM story_members m JOIN events e USING (event_key) JOIN documents d USING (doc_key)
             WHERE m.story_id = ?1 ORDER BY e.event_key",
        )?;
        let mut ev = self
            .conn
            .prepare("SELECT start, end, text FROM evidence WHERE event_key = ?1 ORDER BY rowid")?;
        let mut members = Vec::new();
        let rows = st
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<f64>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (doc_id, title, published, json, score, reason, key) in rows {
            let evidence = ev
                .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            members.push(Member {
                doc_id,
                title,
                published,
                event: serde_json::from_str(&json).unwrap_or(serde_json::Value::Null),
                evidence,
                score,
                reason,
            });
        }
        Ok(Explanation { event, members })
    }

    /// How much the store holds.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when SQLite cannot read the store.
    pub fn stats(&self) -> Result<StoreStats> {
        let n = |t: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?)
        };
        Ok(StoreStats {
            documents: n("documents")?,
            entities: n("entities")?,
            timexes: n("timexes")?,
            events: n("events")?,
            evidence: n("evidence")?,
            story_events: n("story_events")?,
            merged_story_events: n("story_events WHERE n_sources > 1")?,
        })
    }

    /// Check the store: SQLite's integrity check, foreign keys, every document's extraction
    /// complete (the counts written with it match its rows), every event in exactly one story
    /// event and every story event's counts matching its members. Returns the problems found.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when SQLite cannot run the checks (a store too damaged to read); damage
    /// it can read is reported among the problems.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let ic: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ic != ["ok"] {
            problems.extend(ic.into_iter().map(|s| format!("integrity: {s}")));
        }
        let fk: i64 =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
        if fk > 0 {
            problems.push(format!("{fk} rows break foreign keys"));
        }
        let queries: [(&str, &str); 5] = [
            (
                "documents whose entities are incomplete",
                "SELECT d.id FROM documents d WHERE d.n_entities !=
                    (SELECT count(*) FROM entities x WHERE x.doc_key = d.doc_key)",
            ),
            (
                "documents whose time expressions are incomplete",
                "SELECT d.id FROM documents d WHERE d.n_timexes !=
                    (SELECT count(*) FROM timexes x WHERE x.doc_key = d.doc_key)",
            ),
            (
                "documents whose events are incomplete",
                "SELECT d.id FROM documents d WHERE d.n_events !=
                    (SELECT count(*) FROM events x WHERE x.doc_key = d.doc_key)",
            ),
            (
                "events in no story event or without evidence",
                "SELECT e.event_key FROM events e WHERE NOT EXISTS
                    (SELECT 1 FROM story_members m WHERE m.event_key = e.event_key)
                    OR NOT EXISTS (SELECT 1 FROM evidence v WHERE v.event_key = e.event_key)",
            ),
            (
                "story events whose counts do not match their members",
                "SELECT s.story_id FROM story_events s WHERE s.n_mentions !=
                    (SELECT count(*) FROM story_members m WHERE m.story_id = s.story_id)
                    OR s.n_mentions = 0",
            ),
        ];
        for (what, sql) in queries {
            let bad: Vec<String> = self
                .conn
                .prepare(sql)?
                .query_map([], |r| r.get::<_, Value>(0))?
                .map(|v| {
                    v.map(|v| match v {
                        Value::Text(s) => s,
                        Value::Integer(i) => i.to_string(),
                        other => format!("{other:?}"),
                    })
                })
                .collect::<rusqlite::Result<_>>()?;
            if !bad.is_empty() {
                let shown: Vec<&str> = bad.iter().take(5).map(String::as_str).collect();
                problems.push(format!("{} {what}: {}", bad.len(), shown.join(", ")));
            }
        }
        Ok(problems)
    }
}

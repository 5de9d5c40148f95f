//! Reading the story: the timeline with its filters, one event explained, store statistics and
//! an integrity check.

use crate::filter::Filter;
use crate::{Error, Result, Store};
use hadath_core::DateRange;
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

/// A participant or place: its words, its English name and its code (ISO 3166 alpha-3 or IGO).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

impl Party {
    pub(crate) fn from_out(p: &hadath_core::PartyOut) -> Party {
        Party {
            text: p.text.clone(),
            name: p.name.clone(),
            code: p.code.clone(),
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
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub modality: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub date_first: Option<String>,
    pub date_last: Option<String>,
    pub location: Option<Party>,
    pub actors: Vec<Party>,
    pub recipients: Vec<Party>,
    pub mediators: Vec<Party>,
    pub dead: Option<i64>,
    pub injured: Option<i64>,
    pub arrested: Option<i64>,
    /// The documents reporting it (ids).
    pub sources: Vec<String>,
    /// The outlets of those documents, as given at ingest (distinct).
    pub outlets: Vec<String>,
    /// The documents' URLs, where given (distinct).
    pub urls: Vec<String>,
    /// The earliest publication date among the reports.
    pub first_report: Option<String>,
    /// The latest publication date among the reports.
    pub last_report: Option<String>,
    /// The words of the first report (its evidence span).
    pub evidence: Option<String>,
    pub n_mentions: i64,
    pub summary: String,
    pub cameo: Option<String>,
    /// Fields on which the reports differ: `[{field, values: [{value, docs}]}]`.
    pub disagreements: serde_json::Value,
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
    pub doc_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub event: serde_json::Value,
    /// Every evidence span `(start, end, text)`, code-point offsets into the document.
    pub evidence: Vec<(i64, i64, String)>,
    /// Participant overlap when merged (none for the first report).
    pub score: Option<f64>,
    pub reason: String,
}

/// Why a story event is what it is.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub event: StoryEvent,
    pub members: Vec<Member>,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    pub documents: i64,
    pub entities: i64,
    pub timexes: i64,
    pub events: i64,
    pub evidence: i64,
    pub story_events: i64,
    pub merged_story_events: i64,
}

const STORY_COLUMNS: &str = "s.story_id, s.type, s.mode, s.modality, s.date, s.date_precision,
    s.date_first, s.date_last, s.location_name, s.location_code, s.actors, s.recipients,
    s.mediators, s.dead, s.injured, s.arrested, s.n_mentions, s.summary, s.cameo,
    s.disagreements,
    (SELECT json_array(json_group_array(id), json_group_array(source), json_group_array(url),
            min(published), max(published))
        FROM (SELECT DISTINCT d.id AS id, d.source AS source, d.url AS url,
                d.published AS published
            FROM story_members m JOIN events e USING (event_key) JOIN documents d USING (doc_key)
            WHERE m.story_id = s.story_id ORDER BY d.id)),
    (SELECT e.evidence_text FROM story_members m JOIN events e USING (event_key)
        WHERE m.story_id = s.story_id ORDER BY e.event_key LIMIT 1)";

/// The reports' documents as the story query gives them: ids, outlets, urls, first and last
/// publication dates.
/// Ids, outlets, URLs, first and last publication date.
type Reports = (
    Vec<String>,
    Vec<String>,
    Vec<String>,
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
    (list(0), list(1), list(2), date(3), date(4))
}

fn story_from_row(r: &rusqlite::Row) -> rusqlite::Result<StoryEvent> {
    let pj = |s: String| serde_json::from_str::<Vec<Party>>(&s).unwrap_or_default();
    let lname: Option<String> = r.get(8)?;
    let lcode: Option<String> = r.get(9)?;
    let (sources, outlets, urls, first_report, last_report) = reports(&r.get::<_, String>(20)?);
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
    })
}

impl Store {
    /// The story in date order (undated events last), filtered.
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

//! Cross-document event coreference: reports of the same happening become one story event.
//!
//! A new mention joins the best-matching story event when all of these hold:
//! * the same PLOVER category;
//! * compatible modalities (asserted and historical go together; a planned event joins an
//!   asserted one only when both are dated to the day; negated and hypothetical stay apart);
//! * both dated, and the dates compatible at their precisions (`2022-09` with `2022-09-13`;
//!   two day dates at most one day apart, since reports of one clash differ by a day);
//! * participants overlapping: at least two actor or recipient codes shared and a Jaccard index
//!   of at least 0.5; or, when each names the same single participant (or none), the same
//!   named place;
//! * places compatible: the same named place, or only one report names one (when either date
//!   is known only to the year, both must name it).
//!
//! A story event keeps every member with the reason it was merged; its fields are recomputed
//! from the members: the most specific date, the lowest toll (ACLED's conservative rule), the
//! union of participants, and the disagreements between reports.

use crate::query::Party;
use crate::story::{story_fields, Row, StoryFields};
use crate::Result;
use hadath_core::happening::{self, Report, Scope};
use hadath_core::{Category, DateRange, Modality, Precision};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

pub use hadath_core::happening::DAY_SLACK;

/// A mention, as coreference compares it (computed before the writer stores it).
pub(crate) struct Mention {
    pub kind: Category,
    pub modality: Modality,
    pub date: Option<DateRange>,
    /// The keys of its actors and recipients ([`codes`]).
    pub codes: BTreeSet<String>,
    pub location: Option<Party>,
}

pub(crate) fn party_key(p: &Party) -> Option<String> {
    p.code.clone().or_else(|| {
        p.name
            .as_ref()
            .map(|n| format!("name:{}", n.replace(char::is_whitespace, "_")))
    })
}

pub(crate) fn codes<'a>(parties: impl IntoIterator<Item = &'a Party>) -> BTreeSet<String> {
    parties.into_iter().filter_map(party_key).collect()
}

/// A story event as candidates are compared against it: the columns `modality`, `date`,
/// `codes`, `location_name` and `location_code`, parsed.
struct Candidate {
    /// `None` for a word this version does not know (a newer store's): never merged with.
    modality: Option<Modality>,
    date: Option<DateRange>,
    codes: BTreeSet<String>,
    location: Option<Party>,
}

impl Candidate {
    fn new(
        modality: String,
        date: Option<&str>,
        codes: &str,
        location_name: Option<String>,
        location_code: Option<String>,
    ) -> Candidate {
        Candidate {
            modality: modality.parse().ok(),
            date: date.and_then(DateRange::parse),
            codes: codes.split_whitespace().map(str::to_string).collect(),
            location: (location_name.is_some() || location_code.is_some()).then(|| Party {
                text: String::new(),
                name: location_name,
                code: location_code,
                sector: None,
                geo: None,
            }),
        }
    }
}

/// The writer's memory of the story events' coreference columns, so that comparing a mention
/// with its candidates reads only their ids from an index (no table rows, no parsing).
///
/// Entries are written with the rows they mirror and dropped with them. The whole cache is
/// forgotten when another connection has committed since (SQLite's `PRAGMA data_version`,
/// read at the start of each write transaction) and when a write transaction fails (its rows
/// are rolled back), so it never answers for rows that are not in the store.
#[derive(Default)]
pub(crate) struct Cache {
    data_version: Option<i64>,
    stories: HashMap<i64, Candidate>,
    /// The type and the reports (in `event_key` order) of the story events that reports
    /// have joined, so that the next report to join one does not read them all back.
    members: HashMap<i64, (String, Vec<Row>)>,
    /// Story events emptied by the replacement of a document, in the order of its old
    /// reports: the new version's reports take their ids back ([`crate::ids`]).
    pub(crate) freed: Vec<crate::ids::Freed>,
}

impl Cache {
    /// Call inside a write transaction, before using the cache.
    pub(crate) fn validate(&mut self, tx: &Transaction) -> Result<()> {
        let v: i64 = tx.pragma_query_value(None, "data_version", |r| r.get(0))?;
        if self.data_version != Some(v) {
            self.stories.clear();
            self.members.clear();
            self.data_version = Some(v);
        }
        Ok(())
    }

    /// The story event `from` now has the id `to` ([`crate::ids`]).
    pub(crate) fn rekey(&mut self, from: i64, to: i64) {
        if let Some(c) = self.stories.remove(&from) {
            self.stories.insert(to, c);
        }
    }

    /// Forget everything (after a failed transaction).
    pub(crate) fn clear(&mut self) {
        self.stories.clear();
        self.members.clear();
        self.freed.clear();
        self.data_version = None;
    }

    fn get(&mut self, tx: &Transaction, story_id: i64) -> Result<Option<&Candidate>> {
        let slot = match self.stories.entry(story_id) {
            Entry::Occupied(e) => return Ok(Some(e.into_mut())),
            Entry::Vacant(slot) => slot,
        };
        let c = tx
            .prepare_cached(
                "SELECT modality, date, codes, location_name, location_code
                 FROM story_events WHERE story_id = ?1",
            )?
            .query_row([story_id], |r| {
                Ok(Candidate::new(
                    r.get(0)?,
                    r.get_ref(1)?.as_str_or_null()?,
                    r.get_ref(2)?.as_str()?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })
            .optional()?;
        Ok(c.map(|c| &*slot.insert(c)))
    }
}

/// Whether `m` is the same happening as `c`: its participant score, or `None` when it is not.
/// (Cheap: [`why`] writes the reason, for the one candidate chosen.)
/// A place as coreference compares it: its name, else its code.
fn place(p: &Option<Party>) -> Option<&str> {
    p.as_ref()
        .and_then(|p| p.name.as_deref().or(p.code.as_deref()))
}

fn keys(v: &BTreeSet<String>) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn compatible(m: &Mention, c: &Candidate) -> Option<f64> {
    let (mk, ck) = (keys(&m.codes), keys(&c.codes));
    let a = Report {
        kind: m.kind,
        modality: m.modality,
        date: m.date.as_ref(),
        weak_date: false,
        codes: &mk,
        actor_codes: &[],
        place: place(&m.location),
    };
    // The candidate is the story event: the same type (the lookup's index), its own modality.
    let b = Report {
        modality: c.modality?,
        date: c.date.as_ref(),
        codes: &ck,
        place: place(&c.location),
        ..a
    };
    happening::same_happening(&a, &b, Scope::Corpus)
}

/// Why `m`, [`compatible`] with `c` at `score`, is the same happening.
fn why(m: &Mention, c: &Candidate, score: f64) -> String {
    let (Some(md), Some(cd)) = (&m.date, &c.date) else {
        return String::new();
    };
    let date_why = if md.value == cd.value {
        format!("same date {}", md.value)
    } else {
        format!("dates {} and {} compatible", md.value, cd.value)
    };
    let place_why = match (&m.location, &c.location) {
        (Some(a), Some(_)) => format!("same place {}", a.label()),
        (Some(a), None) | (None, Some(a)) => format!("place {} named by one side only", a.label()),
        (None, None) => "no place named".to_string(),
    };
    let shared: Vec<&str> = m.codes.intersection(&c.codes).map(String::as_str).collect();
    let part_why = if m.codes.is_empty() && c.codes.is_empty() {
        "no participants named; same place".to_string()
    } else if shared.len() >= 2 {
        format!(
            "participants overlap {score:.2} (shared {})",
            shared.join(", ")
        )
    } else {
        format!("the one participant {} and the place agree", shared[0])
    };
    format!("same type {}; {date_why}; {part_why}; {place_why}", m.kind)
}

/// Link a stored mention (`event_key`) to a story event: the best compatible one, else a new
/// one, whose fields (`new_story`, computed from the mention alone) are written as they are.
/// Returns whether it joined an existing story.
pub(crate) fn link(
    tx: &Transaction,
    cache: &mut Cache,
    event_key: i64,
    m: &Mention,
    row: &Row,
    new_story: &StoryFields,
) -> Result<bool> {
    let mut best: Option<(f64, i64, String)> = None;
    if let Some(d) = &m.date {
        // Candidate stories by type and date: for a day, the days within the slack and the
        // stories dated to its month; for a month, every story inside it; stories dated only
        // to the year (and year-only mentions) must name the same place. The queries read
        // only ids, from the indexes; the columns compared come from the cache.
        let place = m.location.as_ref().and_then(|l| l.name.as_deref());
        let mut found: Vec<i64> = Vec::new();
        let mut run = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<()> {
            let mut st = tx.prepare_cached(sql)?;
            let mut rows = st.query(p)?;
            while let Some(r) = rows.next()? {
                found.push(r.get(0)?);
            }
            Ok(())
        };
        // Let SQLite keep only the stories that can share enough participants (read from the
        // index; `instr` finds a superset of the shared keys): with one key of its own, a
        // mention joins only a story of that one key; with several, one sharing two of them;
        // with none, one with none.
        let mine: Vec<&String> = m.codes.iter().collect();
        let share = |first: usize| match mine.len() {
            0 => " AND codes = ''".to_string(),
            1 => format!(" AND codes = ?{first}"),
            n if n <= 8 => format!(
                " AND ({}) >= 2",
                (0..n)
                    .map(|i| format!("(instr(codes, ?{}) > 0)", i + first))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
            _ => String::new(),
        };
        let code_params: Vec<&dyn rusqlite::ToSql> = if mine.len() <= 8 {
            mine.iter().map(|c| *c as &dyn rusqlite::ToSql).collect()
        } else {
            Vec::new()
        };
        let range = format!(
            "SELECT story_id FROM story_events WHERE type = ?1 AND date BETWEEN ?2 AND ?3{}",
            share(4)
        );
        let exact = format!(
            "SELECT story_id FROM story_events WHERE type = ?1 AND date = ?2{}",
            share(3)
        );
        let placed = format!(
            "SELECT story_id FROM story_events WHERE type = ?1 AND location_name = ?2
             AND date = ?3{}",
            share(4)
        );
        let placed_range = format!(
            "SELECT story_id FROM story_events
             WHERE type = ?1 AND location_name = ?2 AND date BETWEEN ?3 AND ?4{}",
            share(5)
        );
        let year = &d.value[..4];
        let month = &d.value[..d.value.len().min(7)];
        let year_end = format!("{year}~");
        match d.precision {
            Precision::Day => {
                let lo = d
                    .first
                    .checked_sub(jiff::Span::new().days(DAY_SLACK))
                    .unwrap_or(d.first)
                    .to_string();
                let hi = d
                    .first
                    .checked_add(jiff::Span::new().days(DAY_SLACK))
                    .unwrap_or(d.first)
                    .to_string();
                run(&range, &with(&[&m.kind.as_str(), &lo, &hi], &code_params))?;
                run(&exact, &with(&[&m.kind.as_str(), &month], &code_params))?;
                if let Some(p) = &place {
                    run(&placed, &with(&[&m.kind.as_str(), p, &year], &code_params))?;
                }
            }
            Precision::Month => {
                let hi = format!("{}~", d.value);
                run(
                    &range,
                    &with(&[&m.kind.as_str(), &d.value, &hi], &code_params),
                )?;
                if let Some(p) = &place {
                    run(&placed, &with(&[&m.kind.as_str(), p, &year], &code_params))?;
                }
            }
            Precision::Year => {
                if let Some(p) = &place {
                    run(
                        &placed_range,
                        &with(&[&m.kind.as_str(), p, &year, &year_end], &code_params),
                    )?;
                }
            }
        }
        let mut chosen: Option<(f64, i64)> = None;
        for id in found {
            let Some(c) = cache.get(tx, id)? else {
                continue;
            };
            if let Some(score) = compatible(m, c) {
                if chosen.is_none_or(|b| score > b.0) {
                    chosen = Some((score, id));
                }
            }
        }
        if let Some((score, id)) = chosen {
            if let Some(c) = cache.get(tx, id)? {
                best = Some((score, id, why(m, c, score)));
            }
        }
    }
    let member = |story_id: i64, score: Option<f64>, reason: &str| -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO story_members (event_key, story_id, score, reason)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![event_key, story_id, score, reason])?;
        Ok(())
    };
    match best {
        Some((score, id, why)) => {
            member(id, Some(score), &why)?;
            join(tx, cache, id, row)?;
            Ok(true)
        }
        None => {
            // A new story event of one report: its fields are the report's.
            let id = write_story(tx, cache, None, m.kind.as_str(), new_story)?;
            let id = crate::ids::reuse_freed(tx, cache, id, m.kind.as_str(), &row.evidence)?;
            let why = if m.date.is_none() {
                "first report (undated: never merged across documents)"
            } else {
                "first report"
            };
            member(id, None, why)?;
            Ok(false)
        }
    }
}

/// Query parameters: `head`, then `tail`.
fn with<'a>(
    head: &[&'a dyn rusqlite::ToSql],
    tail: &[&'a dyn rusqlite::ToSql],
) -> Vec<&'a dyn rusqlite::ToSql> {
    head.iter().chain(tail).copied().collect()
}

/// Recompute a story event's fields from its members, or delete it when it has none left
/// (then true).
pub(crate) fn recompute(tx: &Transaction, cache: &mut Cache, story_id: i64) -> Result<bool> {
    cache.members.remove(&story_id);
    let Some((kind, rows)) = members(tx, story_id)? else {
        return Ok(false);
    };
    if rows.is_empty() {
        tx.execute("DELETE FROM story_events WHERE story_id = ?1", [story_id])?;
        cache.stories.remove(&story_id);
        return Ok(true);
    }
    write_story(
        tx,
        cache,
        Some(story_id),
        &kind,
        &story_fields(&kind, &rows),
    )?;
    Ok(false)
}

/// Recompute a story event's fields after the report `row` (stored, the newest member) joined
/// it: from the cached reports when the cache has them, else from the store.
fn join(tx: &Transaction, cache: &mut Cache, story_id: i64, row: &Row) -> Result<()> {
    let (kind, fields) = match cache.members.get_mut(&story_id) {
        Some((kind, rows)) => {
            rows.push(row.clone());
            (kind.clone(), story_fields(kind, rows))
        }
        None => {
            let Some((kind, rows)) = members(tx, story_id)? else {
                return Ok(());
            };
            let fields = story_fields(&kind, &rows);
            cache.members.insert(story_id, (kind.clone(), rows));
            (kind, fields)
        }
    };
    write_story(tx, cache, Some(story_id), &kind, &fields)?;
    Ok(())
}

/// A story event's type and its reports in `event_key` order; `None` when there is no such
/// story event.
fn members(tx: &Transaction, story_id: i64) -> Result<Option<(String, Vec<Row>)>> {
    let kind: Option<String> = tx
        .prepare_cached("SELECT type FROM story_events WHERE story_id = ?1")?
        .query_row([story_id], |r| r.get(0))
        .optional()?;
    let Some(kind) = kind else { return Ok(None) };
    let mut st = tx.prepare_cached(
        "SELECT d.id, e.mode, e.modality, e.date, e.actors, e.recipients, e.mediators,
                e.location, e.dead, e.injured, e.arrested, e.evidence_text
         FROM story_members m JOIN events e USING (event_key) JOIN documents d USING (doc_key)
         WHERE m.story_id = ?1 ORDER BY e.event_key",
    )?;
    let rows: Vec<Row> = st
        .query_map([story_id], |r| {
            let pj = |s: String| serde_json::from_str::<Vec<Party>>(&s).unwrap_or_default();
            Ok(Row {
                doc_id: r.get(0)?,
                mode: r.get(1)?,
                modality: r.get(2)?,
                date: r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(DateRange::parse),
                actors: pj(r.get(4)?),
                recipients: pj(r.get(5)?),
                mediators: pj(r.get(6)?),
                location: r
                    .get::<_, Option<String>>(7)?
                    .and_then(|s| serde_json::from_str(&s).ok()),
                dead: r.get(8)?,
                injured: r.get(9)?,
                arrested: r.get(10)?,
                evidence: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some((kind, rows)))
}

/// Write a story event's fields: an update of `story_id`, or a new story event (whose id is
/// returned). The cache learns the row as written.
fn write_story(
    tx: &Transaction,
    cache: &mut Cache,
    story_id: Option<i64>,
    kind: &str,
    f: &StoryFields,
) -> Result<i64> {
    let sql = if story_id.is_some() {
        "UPDATE story_events SET mode = ?2, modality = ?3, date = ?4, date_precision = ?5,
            date_first = ?6, date_last = ?7, location_name = ?8, location_code = ?9,
            actors = ?10, recipients = ?11, mediators = ?12, participants = ?13, dead = ?14,
            injured = ?15, arrested = ?16, n_sources = ?17, n_mentions = ?18,
            disagreements = ?19, summary = ?20, cameo = ?21, search = ?22, codes = ?23,
            latitude = ?24, longitude = ?25, geonameid = ?26, admin1 = ?27, geo_precision = ?28,
            geo_reason = ?29
         WHERE story_id = ?1"
    } else {
        "INSERT INTO story_events (type, mode, modality, date, date_precision, date_first,
            date_last, location_name, location_code, actors, recipients, mediators,
            participants, dead, injured, arrested, n_sources, n_mentions, disagreements,
            summary, cameo, search, codes, latitude, longitude, geonameid, admin1, geo_precision,
            geo_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)"
    };
    let key: &dyn rusqlite::ToSql = match &story_id {
        Some(id) => id,
        None => &kind,
    };
    let date = f.date.as_ref();
    let location_name = f.location.as_ref().and_then(|l| l.name.clone());
    let location_code = f.location.as_ref().and_then(|l| l.code.clone());
    let geo = f.location.as_ref().and_then(|l| l.geo.as_ref());
    tx.prepare_cached(sql)?.execute(params![
        key,
        f.mode,
        f.modality,
        date.map(|d| &d.value),
        date.map(|d| d.precision.as_str()),
        date.map(|d| d.first.to_string()),
        date.map(|d| d.last.to_string()),
        location_name,
        location_code,
        f.actors,
        f.recipients,
        f.mediators,
        f.participants,
        f.dead,
        f.injured,
        f.arrested,
        f.n_sources,
        f.n_mentions,
        f.disagreements,
        f.summary,
        f.cameo,
        f.search,
        f.codes,
        geo.map(|g| g.lat),
        geo.map(|g| g.lon),
        geo.and_then(|g| g.geonameid),
        geo.and_then(|g| g.admin1.clone()),
        geo.map(|g| g.precision.as_str()),
        geo.and_then(|g| g.reason.clone()),
    ])?;
    let id = story_id.unwrap_or_else(|| tx.last_insert_rowid());
    cache.stories.insert(
        id,
        Candidate::new(
            f.modality.clone(),
            date.map(|d| d.value.as_str()),
            &f.codes,
            location_name,
            location_code,
        ),
    );
    Ok(id)
}

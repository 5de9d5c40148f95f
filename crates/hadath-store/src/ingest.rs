//! Storing one document and its extraction, in one transaction.

use crate::coref::{self, Mention};
use crate::query::Party;
use crate::story;
use crate::{Result, Store};
use hadath_core::{Document, Output, PartyOut};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

/// What storing a document will do (or did).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// A document the store has not seen.
    New,
    /// A changed version of a stored document (same id, or same url): its old extraction goes.
    Replace {
        /// The id of the stored version it replaces: its own id, or the id of the document
        /// stored with the same url.
        old_id: String,
    },
    /// The same id with the same content: nothing to do.
    Unchanged,
    /// The same content under another id: nothing to do.
    Duplicate {
        /// The id of the stored document with the same content.
        of: String,
    },
}

impl Plan {
    /// Whether the document needs extracting and storing.
    pub fn needs_store(&self) -> bool {
        matches!(self, Plan::New | Plan::Replace { .. })
    }
}

/// The outcome of [`Store::put`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Put {
    /// What was done with the document: stored as new, replacing an older version, or left
    /// alone as unchanged or a duplicate.
    pub plan: Plan,
    /// Event mentions stored.
    pub events: usize,
    /// Of those, how many started a new story event.
    pub new_stories: usize,
    /// Of those, how many joined an existing story event.
    pub merged: usize,
}

impl Put {
    /// Whether the store changed: the document was stored, new or replacing an older version.
    pub fn changed(&self) -> bool {
        self.plan.needs_store()
    }
}

/// The content hash of a document: 128-bit FNV-1a over title, publication date and text, hex.
pub fn content_hash(doc: &Document) -> String {
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    let mut eat = |b: &[u8]| {
        for &x in b {
            h ^= x as u128;
            h = h.wrapping_mul(PRIME);
        }
    };
    eat(doc.title.as_deref().unwrap_or("").as_bytes());
    eat(&[0]);
    eat(doc.published.as_deref().unwrap_or("").as_bytes());
    eat(&[0]);
    eat(doc.text.as_bytes());
    format!("{h:032x}")
}

fn plan_in(conn: &rusqlite::Connection, doc: &Document, hash: &str) -> Result<Plan> {
    let by_id: Option<String> = conn
        .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
        .query_row([&doc.id], |r| r.get(0))
        .optional()?;
    if let Some(h) = by_id {
        return Ok(if h == hash {
            Plan::Unchanged
        } else {
            Plan::Replace {
                old_id: doc.id.clone(),
            }
        });
    }
    let by_hash: Option<String> = conn
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1 LIMIT 1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    if let Some(of) = by_hash {
        return Ok(Plan::Duplicate { of });
    }
    if let Some(url) = doc.url.as_deref().filter(|u| !u.trim().is_empty()) {
        let by_url: Option<String> = conn
            .prepare_cached("SELECT id FROM documents WHERE url = ?1 LIMIT 1")?
            .query_row([url], |r| r.get(0))
            .optional()?;
        if let Some(old_id) = by_url {
            return Ok(Plan::Replace { old_id });
        }
    }
    Ok(Plan::New)
}

fn parties(v: &[PartyOut]) -> Vec<Party> {
    v.iter().map(Party::from_out).collect()
}

fn now_utc() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string())
}

/// A document and its extraction, with everything the store writes for it computed ahead:
/// its content hash, the JSON columns, each event's coreference keys, and the fields of the
/// story event each event starts if it joins none (summary, search key, …). Building one is
/// pure computation, so extraction threads can do it and leave the single writer only the
/// inserts and the coreference lookups ([`Store::put_prepared`]).
pub struct Prepared {
    /// The document, as it will be stored.
    pub doc: Document,
    /// Its extraction (entities, time expressions, events).
    pub out: Output,
    rows: Rows,
}

impl Prepared {
    /// Compute the rows of `doc` with its extraction `out`; cheap to throw away if the store
    /// turns out to hold the document already.
    pub fn new(doc: Document, out: Output) -> Prepared {
        let rows = Rows::new(&doc, &out);
        Prepared { doc, out, rows }
    }
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("id", &self.doc.id)
            .finish()
    }
}

/// What is computed ahead for a document.
struct Rows {
    hash: String,
    boilerplate: String,
    extracted_at: String,
    events: Vec<EventRows>,
}

/// What is computed ahead for one event.
struct EventRows {
    actors: String,
    recipients: String,
    mediators: String,
    location: Option<String>,
    dead: Option<i64>,
    injured: Option<i64>,
    arrested: Option<i64>,
    json: String,
    mention: Mention,
    /// The report, as story events' fields are computed from it.
    row: story::Row,
    /// The story event it starts when it joins none.
    story: story::StoryFields,
}

impl Rows {
    fn new(doc: &Document, out: &Output) -> Rows {
        let events = out
            .events
            .iter()
            .map(|e| {
                let actors = parties(&e.actors);
                let recipients = parties(&e.recipients);
                let mediators = parties(&e.mediators);
                let location = e.location.as_ref().map(Party::from_out);
                let count = |f: fn(&hadath_core::Size) -> Option<u64>| {
                    e.size
                        .as_ref()
                        .and_then(f)
                        .map(|n| n.min(i64::MAX as u64) as i64)
                };
                let (dead, injured, arrested) = (
                    count(|s| s.dead),
                    count(|s| s.injured),
                    count(|s| s.arrested),
                );
                let js = |v: &Vec<Party>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
                let date = e.date.as_deref().and_then(crate::DateRange::parse);
                let mention = Mention {
                    kind: e.kind,
                    modality: e.modality,
                    date: date.clone(),
                    codes: coref::codes(actors.iter().chain(&recipients)),
                    location: location.clone(),
                };
                let (actors_js, recipients_js, mediators_js) =
                    (js(&actors), js(&recipients), js(&mediators));
                let location_js = location
                    .as_ref()
                    .map(|l| serde_json::to_string(l).unwrap_or_default());
                let row = story::Row {
                    doc_id: doc.id.clone(),
                    mode: e.mode.map(|m| m.as_str().to_string()),
                    modality: e.modality.as_str().to_string(),
                    date,
                    actors,
                    recipients,
                    mediators,
                    location,
                    dead,
                    injured,
                    arrested,
                    evidence: e.evidence.text.clone(),
                };
                EventRows {
                    actors: actors_js,
                    recipients: recipients_js,
                    mediators: mediators_js,
                    location: location_js,
                    dead,
                    injured,
                    arrested,
                    json: serde_json::to_string(e).unwrap_or_else(|_| "{}".into()),
                    mention,
                    story: story::story_fields(e.kind.as_str(), std::slice::from_ref(&row)),
                    row,
                }
            })
            .collect();
        Rows {
            hash: content_hash(doc),
            boilerplate: serde_json::to_string(&out.boilerplate).unwrap_or_else(|_| "[]".into()),
            extracted_at: now_utc(),
            events,
        }
    }
}

impl Store {
    /// What [`Store::put`] would do with this document (cheap: lookups by id, hash and url), so
    /// a caller can skip extracting documents already stored.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`](crate::Error::Sql) when the lookups fail (a locked or damaged store).
    pub fn plan(&self, doc: &Document) -> Result<Plan> {
        plan_in(&self.conn, doc, &content_hash(doc))
    }

    /// Run `f` in one write transaction (`BEGIN IMMEDIATE`) and commit; on any error the
    /// transaction rolls back and the coreference cache is forgotten with it.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &mut coref::Cache) -> Result<T>,
    ) -> Result<T> {
        let Store { conn, cache, .. } = self;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done = match cache.validate(&tx).and_then(|()| f(&tx, cache)) {
            Ok(v) => tx.commit().map(|()| v).map_err(Into::into),
            Err(e) => Err(e),
        };
        if done.is_err() {
            cache.clear();
        }
        done
    }

    /// Store a document and its extraction in one transaction, merging its events into story
    /// events. A document already stored unchanged (or the same content under another id) is
    /// left alone; a changed one replaces its old extraction.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`](crate::Error::Sql) when SQLite cannot write (the store locked by
    /// another writer past the busy timeout, a full disk, a read-only store or connection);
    /// the transaction rolls back and the store is as it was.
    pub fn put(&mut self, doc: &Document, out: &Output) -> Result<Put> {
        let hash = content_hash(doc);
        self.write(|tx, cache| put_in(tx, cache, doc, out, &hash, None))
    }

    /// Store several documents in one transaction (faster: one commit for the lot). Each
    /// document is stored whole or not at all, as with [`Store::put`]: a crash loses the whole
    /// batch, never part of a document.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`](crate::Error::Sql) as for [`Store::put`]: then none of the documents is
    /// stored.
    pub fn put_many<'a>(
        &mut self,
        items: impl IntoIterator<Item = (&'a Document, &'a Output)>,
    ) -> Result<Vec<Put>> {
        self.write(|tx, cache| {
            let mut puts = Vec::new();
            for (doc, out) in items {
                let hash = content_hash(doc);
                puts.push(put_in(tx, cache, doc, out, &hash, None)?);
            }
            Ok(puts)
        })
    }

    /// [`Store::put_many`] for documents [`Prepared`] ahead (on other threads): one
    /// transaction for the lot, each document whole or not at all.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`](crate::Error::Sql) as for [`Store::put`]: then none of the documents is
    /// stored.
    pub fn put_prepared<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a Prepared>,
    ) -> Result<Vec<Put>> {
        self.write(|tx, cache| {
            let mut puts = Vec::new();
            for p in items {
                puts.push(put_in(
                    tx,
                    cache,
                    &p.doc,
                    &p.out,
                    &p.rows.hash,
                    Some(&p.rows),
                )?);
            }
            Ok(puts)
        })
    }

    /// Remove a document, its extraction and its part in story events. Returns whether it was
    /// there.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`](crate::Error::Sql) when SQLite cannot write; the transaction rolls back.
    pub fn remove(&mut self, id: &str) -> Result<bool> {
        self.write(|tx, cache| {
            let done = delete_in(tx, cache, id);
            cache.freed.clear();
            done
        })
    }
}

/// Store one document (`hash` is its [`content_hash`]); its rows are computed here, once the
/// plan says it is to be stored, unless they were prepared.
fn put_in(
    tx: &Transaction,
    cache: &mut coref::Cache,
    doc: &Document,
    out: &Output,
    hash: &str,
    rows: Option<&Rows>,
) -> Result<Put> {
    let plan = plan_in(tx, doc, hash)?;
    let mut put = Put {
        plan: plan.clone(),
        events: 0,
        new_stories: 0,
        merged: 0,
    };
    match &plan {
        Plan::Unchanged | Plan::Duplicate { .. } => return Ok(put),
        Plan::Replace { old_id } => {
            delete_in(tx, cache, old_id)?;
            crate::ids::claim(cache, out.events.iter().map(|e| e.evidence.text.as_str()));
        }
        Plan::New => {}
    }
    let computed;
    let rows = match rows {
        Some(r) => r,
        None => {
            computed = Rows::new(doc, out);
            &computed
        }
    };
    insert(tx, cache, doc, out, rows, &mut put)?;
    // Ids the new version did not take back go with their story events.
    cache.freed.clear();
    Ok(put)
}

fn delete_in(tx: &Transaction, cache: &mut coref::Cache, id: &str) -> Result<bool> {
    let key: Option<i64> = tx
        .prepare_cached("SELECT doc_key FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let Some(key) = key else { return Ok(false) };
    // The story events of its reports, in report order, with each report's type and words.
    let reports: Vec<(i64, String, String)> = tx
        .prepare_cached(
            "SELECT m.story_id, e.type, e.evidence_text FROM story_members m
             JOIN events e USING (event_key) WHERE e.doc_key = ?1 ORDER BY e.event_key",
        )?
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute("DELETE FROM documents WHERE doc_key = ?1", [key])?;
    let mut done = std::collections::HashSet::new();
    for (s, kind, _) in &reports {
        if done.insert(*s) && coref::recompute(tx, cache, *s)? {
            let evidence = reports.iter().filter(|r| r.0 == *s).map(|r| r.2.clone());
            cache
                .freed
                .push(crate::ids::Freed::new(*s, kind, evidence.collect()));
        }
    }
    Ok(true)
}

fn insert(
    tx: &Transaction,
    cache: &mut coref::Cache,
    doc: &Document,
    out: &Output,
    rows: &Rows,
    put: &mut Put,
) -> Result<()> {
    let published = out.published.as_ref();
    tx.prepare_cached(
        "INSERT INTO documents (id, url, content_hash, title, published, published_inferred,
            published_reason, source, text, boilerplate, extracted_at, n_entities, n_timexes,
            n_events)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        doc.id,
        doc.url,
        rows.hash,
        out.title.as_ref().or(doc.title.as_ref()),
        published.map(|p| &p.date),
        published.map(|p| p.inferred),
        published.and_then(|p| p.reason.as_ref()),
        doc.source,
        doc.text,
        rows.boilerplate,
        rows.extracted_at,
        out.entities.len() as i64,
        out.timexes.len() as i64,
        out.events.len() as i64,
    ])?;
    let doc_key = tx.last_insert_rowid();
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO entities (doc_key, start, end, text, type, name, code, office, via)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for e in &out.entities {
            st.execute(params![
                doc_key,
                e.start as i64,
                e.end as i64,
                e.text,
                e.kind,
                e.name,
                e.code,
                e.office,
                e.via
            ])?;
        }
        let mut st = tx.prepare_cached(
            "INSERT INTO timexes (doc_key, start, end, text, type, value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for t in &out.timexes {
            st.execute(params![
                doc_key,
                t.start as i64,
                t.end as i64,
                t.text,
                t.kind,
                t.value
            ])?;
        }
    }
    for (ord, (e, r)) in out.events.iter().zip(&rows.events).enumerate() {
        tx.prepare_cached(
            "INSERT INTO events (doc_key, ord, type, mode, modality, date, date_source, actors,
                recipients, mediators, location, dead, injured, arrested, evidence_start,
                evidence_end, evidence_text, json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                ?18)",
        )?
        .execute(params![
            doc_key,
            ord as i64,
            e.kind.as_str(),
            e.mode.map(|m| m.as_str()),
            e.modality.as_str(),
            e.date,
            e.date_source.map(|d| d.as_str()),
            r.actors,
            r.recipients,
            r.mediators,
            r.location,
            r.dead,
            r.injured,
            r.arrested,
            e.evidence.start as i64,
            e.evidence.end as i64,
            e.evidence.text,
            r.json,
        ])?;
        let event_key = tx.last_insert_rowid();
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO evidence (event_key, start, end, text) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let spans = if e.evidence_all.is_empty() {
                std::slice::from_ref(&e.evidence)
            } else {
                &e.evidence_all[..]
            };
            for s in spans {
                st.execute(params![event_key, s.start as i64, s.end as i64, s.text])?;
            }
        }
        if coref::link(tx, cache, event_key, &r.mention, &r.row, &r.story)? {
            put.merged += 1;
        } else {
            put.new_stories += 1;
        }
        put.events += 1;
    }
    Ok(())
}

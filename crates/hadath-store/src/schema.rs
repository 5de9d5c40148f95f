//! The schema, its version (`PRAGMA user_version`) and the ordered migrations that reach it.

use crate::{Error, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 3;

/// Version 1: documents, their extraction, story events and their members.
const V1: &str = r#"
CREATE TABLE documents (
    doc_key            INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    url                TEXT,
    content_hash       TEXT NOT NULL,
    title              TEXT,
    published          TEXT,
    published_inferred INTEGER,
    published_reason   TEXT,
    source             TEXT,
    text               TEXT NOT NULL,
    boilerplate        TEXT NOT NULL,      -- JSON [{start,end,kind}]
    extracted_at       TEXT NOT NULL,      -- UTC, RFC 3339
    n_entities         INTEGER NOT NULL,   -- counts written with the rows: a check that the
    n_timexes          INTEGER NOT NULL,   -- whole extraction is there
    n_events           INTEGER NOT NULL
);
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_hash ON documents(content_hash);

CREATE TABLE entities (
    doc_key INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    type    TEXT NOT NULL,
    name    TEXT,
    code    TEXT,
    office  TEXT,
    via     TEXT
);
CREATE INDEX entities_doc ON entities(doc_key);

CREATE TABLE timexes (
    doc_key INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    type    TEXT NOT NULL,
    value   TEXT
);
CREATE INDEX timexes_doc ON timexes(doc_key);

-- One row per event mention: one event of one document's extraction.
CREATE TABLE events (
    event_key      INTEGER PRIMARY KEY,
    doc_key        INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    ord            INTEGER NOT NULL,     -- position in the document's output
    type           TEXT NOT NULL,
    mode           TEXT,
    modality       TEXT NOT NULL,
    date           TEXT,                 -- as extracted
    date_source    TEXT,
    actors         TEXT NOT NULL,        -- JSON [{text,name,code}]
    recipients     TEXT NOT NULL,
    mediators      TEXT NOT NULL,
    location       TEXT,                 -- JSON {text,name,code}
    dead           INTEGER,
    injured        INTEGER,
    arrested       INTEGER,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence_text  TEXT NOT NULL,
    json           TEXT NOT NULL         -- the whole event as extracted (fields added later too)
);
CREATE INDEX events_doc ON events(doc_key);

-- Every evidence span of a mention (its first one included).
CREATE TABLE evidence (
    event_key INTEGER NOT NULL REFERENCES events(event_key) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_key);

-- Story events: one per happening, merged across documents.
CREATE TABLE story_events (
    story_id       INTEGER PRIMARY KEY,
    type           TEXT NOT NULL,
    mode           TEXT,
    modality       TEXT NOT NULL,
    date           TEXT,                 -- the most specific date of its reports
    date_precision TEXT,                 -- day, month, year
    date_first     TEXT,                 -- first and last day the date covers
    date_last      TEXT,
    location_name  TEXT,
    location_code  TEXT,
    actors         TEXT NOT NULL,        -- JSON [{name,code,text}]
    recipients     TEXT NOT NULL,
    mediators      TEXT NOT NULL,
    participants   TEXT NOT NULL,        -- ' CODE Name CODE Name … ' for filters
    codes          TEXT NOT NULL DEFAULT '', -- actor and recipient keys, for coreference
    dead           INTEGER,              -- the lowest figure reported (ACLED's rule)
    injured        INTEGER,
    arrested       INTEGER,
    n_sources      INTEGER NOT NULL,     -- distinct documents
    n_mentions     INTEGER NOT NULL,
    disagreements  TEXT NOT NULL,        -- JSON [{field, values:[{value, docs}]}]
    summary        TEXT NOT NULL,        -- one English line
    cameo          TEXT                  -- CAMEO root code (GDELT)
);
CREATE INDEX story_type_date ON story_events(type, date, codes);
CREATE INDEX story_type_place_date ON story_events(type, location_name, date);
CREATE INDEX story_date ON story_events(date_first);

-- Which mentions make up a story event, and why each one was merged in.
CREATE TABLE story_members (
    event_key INTEGER PRIMARY KEY REFERENCES events(event_key) ON DELETE CASCADE,
    story_id  INTEGER NOT NULL REFERENCES story_events(story_id),
    score     REAL,                      -- participant overlap (Jaccard) when merged
    reason    TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);
"#;

/// Version 2: a folded, clitic-segmented search key on story events (Arabic text search that
/// ignores diacritics and clitics). Existing stories are backfilled from their evidence.
fn v2(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("ALTER TABLE story_events ADD COLUMN search TEXT NOT NULL DEFAULT '';")?;
    let ids: Vec<i64> = tx
        .prepare("SELECT story_id FROM story_events")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let texts: Vec<String> = tx
            .prepare(
                "SELECT e.evidence_text FROM story_members m JOIN events e USING (event_key)
                 WHERE m.story_id = ?1",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let key = crate::search::search_key(texts.iter().map(String::as_str));
        tx.execute(
            "UPDATE story_events SET search = ?1 WHERE story_id = ?2",
            rusqlite::params![key, id],
        )?;
    }
    Ok(())
}

/// Version 3: where a story event happened, as analysts' columns (latitude, longitude,
/// GeoNames id, admin-1 region, precision, reason). Existing stories are backfilled from the
/// first of their reports whose place has coordinates and the story's place name.
fn v3(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE story_events ADD COLUMN latitude REAL;
         ALTER TABLE story_events ADD COLUMN longitude REAL;
         ALTER TABLE story_events ADD COLUMN geonameid INTEGER;
         ALTER TABLE story_events ADD COLUMN admin1 TEXT;
         ALTER TABLE story_events ADD COLUMN geo_precision TEXT;
         ALTER TABLE story_events ADD COLUMN geo_reason TEXT;",
    )?;
    let pick = |field: &str| {
        format!(
            "(SELECT json_extract(e.location, '$.{field}') FROM story_members m
                JOIN events e USING (event_key)
              WHERE m.story_id = story_events.story_id
                AND json_extract(e.location, '$.lat') IS NOT NULL
                AND json_extract(e.location, '$.name') IS story_events.location_name
              ORDER BY e.event_key LIMIT 1)"
        )
    };
    tx.execute_batch(&format!(
        "UPDATE story_events SET latitude = {}, longitude = {}, geonameid = {}, admin1 = {},
            geo_precision = {}, geo_reason = {} WHERE location_name IS NOT NULL;",
        pick("lat"),
        pick("lon"),
        pick("geonameid"),
        pick("admin1"),
        pick("precision"),
        pick("reason")
    ))
}

type Migration = fn(&Transaction) -> rusqlite::Result<()>;

/// The migrations, in order: entry `i` takes a store from version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[|tx| tx.execute_batch(V1), v2, v3];

/// Bring a connection's schema to [`SCHEMA_VERSION`]. Returns (created, migrated from).
pub(crate) fn prepare(conn: &mut Connection, path: &str) -> Result<(bool, Option<u32>)> {
    const _: () = assert!(MIGRATIONS.len() == SCHEMA_VERSION as usize);
    let version = read_version(conn)?;
    if version == SCHEMA_VERSION {
        return Ok((false, None));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Re-read inside a write transaction: another process may have migrated meanwhile.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = read_version(&tx)?;
    if version == 0 {
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(Error::Foreign {
                path: path.to_string(),
            });
        }
    }
    if version >= SCHEMA_VERSION {
        return Ok((false, None));
    }
    migrate(&tx, version, SCHEMA_VERSION).map_err(|source| Error::Migration {
        path: path.to_string(),
        from: version,
        source,
    })?;
    tx.commit()?;
    Ok(if version == 0 {
        (true, None)
    } else {
        (false, Some(version))
    })
}

/// The schema version and the number of tables: read only.
pub(crate) fn version_and_tables(conn: &Connection) -> rusqlite::Result<(u32, i64)> {
    // One statement, one snapshot: read apart, another process creating the store could
    // commit in between (version 0 read, then its tables), and it would look foreign.
    conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
                (SELECT count(*) FROM sqlite_master WHERE type = 'table')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Refuse, without writing anything, a database that is not a hadath store (tables and no
/// schema version) or a store newer than this build.
pub(crate) fn refuse(conn: &Connection, path: &str) -> Result<()> {
    let (version, tables) = version_and_tables(conn).map_err(|source| Error::Open {
        path: path.to_string(),
        source,
    })?;
    if version == 0 && tables > 0 {
        return Err(Error::Foreign {
            path: path.to_string(),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn read_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Apply the migrations from version `from` to `to` inside `tx`, setting `user_version`.
fn migrate(tx: &Transaction, from: u32, to: u32) -> rusqlite::Result<()> {
    for m in &MIGRATIONS[from as usize..to as usize] {
        m(tx)?;
    }
    tx.pragma_update(None, "user_version", to)
}

/// Create a store file at an older schema version (for migration tests and tooling).
///
/// # Errors
///
/// [`Error::Sql`](crate::Error::Sql) when SQLite cannot create the file or its tables (a
/// file that already holds them, say).
#[doc(hidden)]
pub fn create_at_version(path: &std::path::Path, version: u32) -> Result<()> {
    let mut conn = Connection::open(path)?;
    let tx = conn.transaction()?;
    migrate(&tx, 0, version.min(SCHEMA_VERSION))?;
    tx.commit()?;
    Ok(())
}

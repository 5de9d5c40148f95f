//! The hadath store: one SQLite file holding documents, their extractions (entities, time
//! expressions, event mentions with evidence) and the cross-document *story events* that
//! reports of the same happening are merged into.
//!
//! ```
//! use hadath_core::{Document, Output};
//! use hadath_store::{Filter, Store};
//! let mut store = Store::open_in_memory().unwrap();
//! let doc = Document::new("d1", "قصفت القوات الأذرية مواقع أرمينية يوم 13 سبتمبر 2022.");
//! // The store takes extractions as values (here, one without events).
//! let out: Output = serde_json::from_value(serde_json::json!({
//!     "id": "d1", "entities": [], "timexes": [], "events": [], "boilerplate": []})).unwrap();
//! store.put(&doc, &out).unwrap();
//! // The same document again changes nothing.
//! assert!(!store.put(&doc, &out).unwrap().changed());
//! let stories = store.timeline(&Filter::default()).unwrap();
//! assert!(stories.iter().all(|s| s.sources.len() == 1));
//! ```
//!
//! * [`Store::open`] creates the file or checks its schema version (`PRAGMA user_version`),
//!   migrating an older store and refusing a newer one.
//! * [`Store::put`] stores one document and its extraction in **one transaction**, and merges
//!   its events into story events in the same transaction: a crash at any point leaves either
//!   the whole document or none of it.
//! * [`Prepared`] computes everything a document's rows need (hash, JSON columns, the story
//!   event it would start) on any thread; [`Store::put_prepared`] stores a batch of them in one
//!   transaction, so the single writer mostly executes inserts and coreference lookups.
//! * [`Store::timeline`] and [`Store::explain`] read the story; [`export`] writes it for analysts.
//!
//! The library reads and writes the store itself, and input documents for its callers
//! ([`input`], shared by the binary and the Python package); the store takes documents and
//! extractions as values.

#![deny(missing_docs)]

pub mod browse;
mod coref;
pub mod driver;
pub mod export;
mod filter;
mod ids;
mod ingest;
pub mod input;
mod query;
mod schema;
mod search;
mod story;
mod summary;

pub use filter::{BBox, Filter, FilterError, FilterSpec, Modalities, Resolve, MAX_ACTORS};
pub use hadath_core::{DateRange, Precision};
pub use ingest::{content_hash, Plan, Prepared, Put};
pub use query::{Explanation, Member, Party, StoreStats, StoryEvent};
pub use schema::{create_at_version, SCHEMA_VERSION};
pub use search::{matches as search_matches, search_key, search_terms};
pub use summary::{cameo_root, summary_sentence};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The one error type of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite could not open the store file, read its schema version or switch it to
    /// write-ahead logging (a missing directory, no permission, a file that is not a database).
    #[error("{path}: {source}")]
    Open {
        /// The store file, as given.
        path: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The store was written by a newer hadath: its schema version (`PRAGMA user_version`) is
    /// above [`SCHEMA_VERSION`]. Nothing in it was changed.
    #[error(
        "{path}: this store has schema version {found}, newer than this hadath understands \
         ({supported}); use a newer hadath, or another --db file"
    )]
    TooNew {
        /// The store file, as given.
        path: String,
        /// The schema version the file has.
        found: u32,
        /// The newest schema version this build reads ([`SCHEMA_VERSION`]).
        supported: u32,
    },
    /// A SQLite file with tables but no hadath schema version: another program's database,
    /// left untouched.
    #[error("{path}: not a hadath store (it has tables but no hadath schema version)")]
    Foreign {
        /// The database file, as given.
        path: String,
    },
    /// Creating the schema in a new store, or migrating an older one, failed; the migration's
    /// transaction rolled back, so the store is as it was.
    #[error("{path}: migrating the store from schema version {from} failed: {source}")]
    Migration {
        /// The store file, as given.
        path: String,
        /// The schema version the store had (0: a new, empty file).
        from: u32,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// Any other SQLite error while reading or writing the store (a locked or damaged
    /// database, a full disk, a write on a read-only connection).
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    /// No story event has this id.
    #[error("no story event {0} in the store")]
    NoSuchEvent(i64),
    /// No stored document has this id.
    #[error("no document {0:?} in the store")]
    NoSuchDocument(String),
    /// An export could not be encoded (JSON, CSV or Parquet), with the encoder's message.
    #[error("export: {0}")]
    Export(String),
    /// A filter was refused while validating it.
    #[error("{0}")]
    Filter(#[from] FilterError),
    /// Writing an export to its destination failed.
    #[error("export: {0}")]
    Io(#[from] std::io::Error),
    /// An input path could not be read or listed ([`input::Inputs::open`]).
    #[error("{path}: {what}: {error}")]
    Input {
        /// The path, as given.
        path: String,
        /// What could not be done (`cannot read this path`, `cannot list this directory`).
        what: &'static str,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// A directory given as input holds no `.txt`, `.jsonl` or `.json` file.
    #[error("{0}: no .txt, .jsonl or .json files in this directory")]
    NoInputs(String),
}

/// The crate's result: [`Error`] unless said otherwise.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open store. Not `Sync`: one writer at a time (SQLite's WAL lets readers in other
/// processes read while it writes).
pub struct Store {
    conn: Connection,
    path: PathBuf,
    migrated_from: Option<u32>,
    created: bool,
    /// The writer's memory of story events for coreference (see `coref::Cache`).
    cache: coref::Cache,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// `file:PATH?immutable=1`, the path percent-encoded.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// The default store file: `$HADATH_DB`, else `hadath.db` in the current directory.
pub fn default_path() -> PathBuf {
    std::env::var_os("HADATH_DB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("hadath.db"))
}

/// Switch to write-ahead logging. Changing the journal mode takes the database's exclusive
/// lock and SQLite does not wait for it (no busy handler), so two processes creating one
/// store at once would see `database is locked`: retry for up to the busy timeout.
fn wal(conn: &Connection) -> rusqlite::Result<()> {
    let start = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(2);
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && start.elapsed() < std::time::Duration::from_secs(10) =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(100));
            }
            Err(e) => return Err(e),
        }
    }
}

impl Store {
    /// Open (or create) the store at `path`, checking and migrating its schema.
    ///
    /// # Errors
    ///
    /// [`Error::Open`] when SQLite cannot open the file or switch it to write-ahead logging;
    /// [`Error::Foreign`] for another program's database and [`Error::TooNew`] for a store of a
    /// newer hadath, both refused before anything in them changes; [`Error::Migration`] when
    /// creating or migrating the schema fails; [`Error::Sql`] when a connection setting cannot
    /// be applied.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path).map_err(|source| Error::Open {
            path: path.display().to_string(),
            source,
        })?;
        Store::init(conn, path)
    }

    /// Open an existing store for reading only: nothing in it or beside it is changed (no
    /// journal mode set, no migration), so a store in a read-only directory or on a read-only
    /// mount can be read. A store of an older schema version is migrated by [`Store::open`]
    /// first, which needs write access.
    ///
    /// # Errors
    ///
    /// [`Error::Open`] when the file is missing or SQLite cannot read it; [`Error::Foreign`]
    /// and [`Error::TooNew`] as for [`Store::open`]; for a store of an older schema version,
    /// whatever [`Store::open`] returns while migrating it; [`Error::Sql`] when a connection
    /// setting cannot be applied.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        use rusqlite::OpenFlags;
        let path = path.as_ref().to_path_buf();
        let shown = path.display().to_string();
        let open_err = |source| Error::Open {
            path: shown.clone(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(open_err)?;
        // A store in WAL mode needs its shared-memory file beside it, which a read-only
        // directory cannot hold: then read the file as it is (`immutable`), as SQLite
        // documents for read-only media.
        let conn = match schema::version_and_tables(&conn) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::CannotOpen =>
            {
                drop(conn);
                Connection::open_with_flags(
                    immutable_uri(&path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(open_err)?
            }
            _ => conn,
        };
        let (version, _) = schema::version_and_tables(&conn).map_err(open_err)?;
        if version < SCHEMA_VERSION {
            schema::refuse(&conn, &shown)?;
            drop(conn);
            return Store::open(&path);
        }
        schema::refuse(&conn, &shown)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "cache_size", -65536)?;
        Ok(Store {
            conn,
            path,
            migrated_from: None,
            created: false,
            cache: coref::Cache::default(),
        })
    }

    /// A store in memory (tests, examples).
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when SQLite cannot open an in-memory database or apply its settings, and
    /// [`Error::Migration`] when creating the schema fails.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn init(mut conn: Connection, path: PathBuf) -> Result<Store> {
        let shown = path.display().to_string();
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Storing a document runs some twenty distinct statements: keep them all prepared.
        conn.set_prepared_statement_cache_capacity(64);
        // Plans that do not depend on bound values: SQLite (built with STAT4) otherwise
        // re-prepares a cached statement whenever a range or `instr` parameter changes, which
        // cost the ingest's coreference queries a re-parse on every run. The store keeps no
        // statistics (no ANALYZE), so the plans are the same.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        // Refuse another program's database or a newer store before changing anything in it.
        schema::refuse(&conn, &shown)?;
        if path.as_os_str() != ":memory:" {
            wal(&conn).map_err(|source| Error::Open {
                path: shown.clone(),
                source,
            })?;
        }
        // WAL + NORMAL: a commit survives a killed process; a power cut may lose the last
        // commits but never leaves a half-written one.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -65536)?;
        // Checkpoint the write-ahead log every 64 MB rather than 4 MB: fewer pauses to sync
        // the database file during a long ingest.
        conn.pragma_update(None, "wal_autocheckpoint", 16384)?;
        let (created, migrated_from) = schema::prepare(&mut conn, &shown)?;
        Ok(Store {
            conn,
            path,
            migrated_from,
            created,
            cache: coref::Cache::default(),
        })
    }

    /// The schema version the store had before this open migrated it, if it did.
    pub fn migrated_from(&self) -> Option<u32> {
        self.migrated_from
    }

    /// Whether this open created the store.
    pub fn created(&self) -> bool {
        self.created
    }

    /// The store file as it was opened (`:memory:` for [`Store::open_in_memory`]).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store (always [`SCHEMA_VERSION`] after a successful open).
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when SQLite cannot read `PRAGMA user_version`.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Refuse writes on this connection from now on (readers of a server).
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when the pragma cannot be set.
    pub fn set_query_only(&self) -> Result<()> {
        Ok(self.conn.pragma_update(None, "query_only", true)?)
    }

    /// Set this connection's page cache, in KiB (a server's readers keep it small).
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] when the pragma cannot be set.
    pub fn set_cache_kib(&self, kib: u32) -> Result<()> {
        Ok(self
            .conn
            .pragma_update(None, "cache_size", -i64::from(kib))?)
    }

    /// The underlying connection, for read-only inspection in tests and ad-hoc SQL; the
    /// server and the binary use the store's own queries.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

//! The hadath web view: a JSON API over the store and a page (timeline, actor network, event
//! evidence, live extraction) whose assets are embedded in the binary.
//!
//! ```no_run
//! # async fn run() -> Result<(), hadath_server::Error> {
//! // Any `hadath_core::Extract` serves pasted articles; the binary passes the pipeline.
//! let extractor: std::sync::Arc<dyn hadath_core::Extract> =
//!     std::sync::Arc::new(|d: &hadath_core::Document| -> hadath_core::Output { unimplemented!() });
//! let state = hadath_server::AppState::open("hadath.db".as_ref(), 4, extractor)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! hadath_server::serve_on(listener, state).await?;
//! # Ok(()) }
//! ```
//!
//! * Reads go through a small pool of read-only SQLite connections, each query on a blocking
//!   thread (`spawn_blocking`); writes (`POST /api/extract`) through one writer connection.
//! * Every request parameter is checked: a malformed one gets `400` with `{"error": "..."}`;
//!   unknown ids get `404`; request bodies over [`BODY_LIMIT`] get `413`.
//! * The page builds its DOM with `textContent`, never HTML from article text, and the server
//!   sends a strict Content-Security-Policy.

mod api;
mod assets;

use axum::Router;
use hadath_core::{Document, Extract, Output};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use api::BODY_LIMIT;

/// The one error type of this crate. In the API each maps to a status code and a JSON message.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed request (bad parameter, bad body): 400.
    #[error("{0}")]
    BadRequest(String),
    /// An unknown id or path: 404.
    #[error("{0}")]
    NotFound(String),
    /// A request body over the limit: 413.
    #[error("{0}")]
    TooLarge(String),
    #[error(transparent)]
    Store(#[from] hadath_store::Error),
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A failure of the server itself: 500.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Read connections: reused, opened on demand, each set `query_only`.
struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<hadath_store::Store>>,
    max_idle: usize,
}

impl Pool {
    fn get(&self) -> Result<hadath_store::Store> {
        if let Some(s) = self.idle.lock().map_err(poisoned)?.pop() {
            return Ok(s);
        }
        let s = hadath_store::Store::open(&self.path)?;
        s.set_query_only()?;
        Ok(s)
    }

    fn put(&self, s: hadath_store::Store) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < self.max_idle {
                idle.push(s);
            }
        }
    }
}

fn poisoned<T>(_: T) -> Error {
    Error::Internal("a store lock was poisoned".into())
}

/// What the handlers share: the store's readers and writer, and the extractor.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    readers: Pool,
    writer: Mutex<hadath_store::Store>,
    extractor: Arc<dyn Extract>,
}

impl AppState {
    /// Open (or create) the store at `path` with up to `readers` idle read connections;
    /// `extractor` extracts the articles pasted into the page and resolves actor names in
    /// filters.
    pub fn open(path: &Path, readers: usize, extractor: Arc<dyn Extract>) -> Result<AppState> {
        let writer = hadath_store::Store::open(path)?;
        Ok(AppState {
            inner: Arc::new(Inner {
                readers: Pool {
                    path: path.to_path_buf(),
                    idle: Mutex::new(Vec::new()),
                    max_idle: readers.max(1),
                },
                writer: Mutex::new(writer),
                extractor,
            }),
        })
    }

    /// Run `f` with a read connection on a blocking thread.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        E: Into<Error>,
        F: FnOnce(&hadath_store::Store) -> Result<T, E> + Send + 'static,
    {
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = me.inner.readers.get()?;
            let r = f(&store).map_err(Into::into);
            me.inner.readers.put(store);
            r
        })
        .await
        .map_err(|e| Error::Internal(format!("query task: {e}")))?
    }

    /// Extract a document on a blocking thread (no lock held: a failure here touches nothing).
    pub async fn extract(&self, doc: Document) -> Result<(Document, Output)> {
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            let out = me.inner.extractor.extract(&doc);
            (doc, out)
        })
        .await
        .map_err(|e| Error::Internal(format!("extraction failed: {e}")))
    }

    /// Run `f` with the writer connection on a blocking thread.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut hadath_store::Store) -> Result<T> + Send + 'static,
    {
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            // A panic under the lock cannot leave half a document: each put is one transaction.
            let mut store = me
                .inner
                .writer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&mut store)
        })
        .await
        .map_err(|e| Error::Internal(format!("write task: {e}")))?
    }

    /// Load the extractor's data now rather than on the first pasted article.
    pub fn warm_up(&self) {
        let doc = Document::new("warm-up", "وصل الوفد إلى القاهرة أمس.");
        let _ = self.inner.extractor.extract(&doc);
    }

    /// The extractor (for actor names in filters).
    pub fn extractor(&self) -> Arc<dyn Extract> {
        self.inner.extractor.clone()
    }
}

/// The whole application: the API under `/api`, the page and its assets at `/`.
pub fn router(state: AppState) -> Router {
    api::router(state)
}

/// Options of [`serve`].
#[derive(Clone)]
pub struct ServeOptions {
    /// Idle read connections kept.
    pub readers: usize,
    /// The extractor for articles added through the page (user entries, extra triggers).
    pub extractor: Arc<dyn Extract>,
}

/// Bind `bind`, then serve the store at `db_path` until the process ends. `on_ready` is called
/// with the bound address once the server accepts connections.
pub async fn serve(
    db_path: &Path,
    bind: SocketAddr,
    opts: ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    let state = AppState::open(db_path, opts.readers, opts.extractor)?;
    let warm = state.clone();
    // A failed warm-up is not fatal: the API still reads the store, and `POST /api/extract`
    // reports the failure as a 500.
    let _ = tokio::task::spawn_blocking(move || warm.warm_up()).await;
    let listener = tokio::net::TcpListener::bind(bind).await?;
    on_ready(listener.local_addr()?);
    serve_on(listener, state).await
}

/// Serve on a bound listener.
pub async fn serve_on(listener: tokio::net::TcpListener, state: AppState) -> Result<()> {
    let loopback = listener.local_addr()?.ip().is_loopback();
    axum::serve(listener, api::with_guards(router(state), loopback)).await?;
    Ok(())
}

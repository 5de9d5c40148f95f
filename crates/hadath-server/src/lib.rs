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
//! * Reads go through a fixed pool of read-only SQLite connections, each query on a blocking
//!   thread (`spawn_blocking`); writes (`POST /api/extract`) through one writer connection.
//!   Pasted articles are extracted by a fixed set of threads. Beyond each bounded queue the
//!   server answers `503` with `Retry-After` ([`Limits`]).
//! * Writes must be JSON from this server's own page or a client that sends no `Origin`
//!   (`403` otherwise): another site's page cannot add articles.
//! * Every request parameter is checked: a malformed one gets `400` with `{"error": "..."}`;
//!   unknown ids get `404`; request bodies over [`BODY_LIMIT`] get `413`.
//! * The page builds its DOM with `textContent`, never HTML from article text, and the server
//!   sends a strict Content-Security-Policy.
#![deny(missing_docs)]

mod api;
mod assets;
mod guard;
mod limits;

use axum::Router;
use hadath_core::{Document, Extract, Output};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use api::BODY_LIMIT;
pub use limits::Limits;
use limits::{Gate, Workers};
use tokio::sync::Semaphore;

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
    /// A write from another site, or not JSON: 403.
    #[error("{0}")]
    Forbidden(String),
    /// Every worker busy and the queue full, or the work took too long: 503 with Retry-After.
    #[error("{0}")]
    Busy(String),
    /// An error of the store: 404 for an unknown event or document, 400 for a bad filter,
    /// 503 when SQLite finds the file damaged or not a database, 500 otherwise.
    #[error(transparent)]
    Store(#[from] hadath_store::Error),
    /// An SQLite error met outside the store's own functions: 503 when the file is damaged or
    /// not a database, 500 otherwise.
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    /// An I/O error, such as an address that cannot be bound by [`serve`]; 500 in a response.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A failure of the server itself: 500.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The result of this crate's functions: [`Error`] unless another error type is named.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Read connections: reused, opened on demand, each set `query_only`; at most `max_idle`
/// exist, as [`AppState::read`] lets that many queries run at once.
struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<hadath_store::Store>>,
    max_idle: usize,
    cache_kib: u32,
}

impl Pool {
    fn get(&self) -> Result<hadath_store::Store> {
        if let Some(s) = self.idle.lock().map_err(poisoned)?.pop() {
            return Ok(s);
        }
        let s = hadath_store::Store::open(&self.path)?;
        s.set_query_only()?;
        s.set_cache_kib(self.cache_kib)?;
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
    /// One permit per read connection.
    reading: Arc<Semaphore>,
    /// Read requests running or waiting.
    read_gate: Gate,
    writer: Mutex<hadath_store::Store>,
    extractor: Arc<dyn Extract>,
    workers: Workers,
    limits: Limits,
}

impl AppState {
    /// Open (or create) the store at `path` with up to `readers` read connections;
    /// `extractor` extracts the articles pasted into the page and resolves actor names in
    /// filters. The other bounds are [`Limits::default`]'s.
    ///
    /// # Errors
    ///
    /// As [`AppState::open_limited`].
    pub fn open(path: &Path, readers: usize, extractor: Arc<dyn Extract>) -> Result<AppState> {
        let limits = Limits {
            readers,
            ..Limits::default()
        };
        AppState::open_limited(path, limits, extractor)
    }

    /// Like [`AppState::open`], with every bound of the server given. Starts the extraction
    /// threads.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when the store at `path` cannot be opened or created: a file SQLite
    /// cannot open, a store of a newer schema version than this build knows, a database that
    /// is not a hadath store, or a failed schema migration.
    pub fn open_limited(
        path: &Path,
        limits: Limits,
        extractor: Arc<dyn Extract>,
    ) -> Result<AppState> {
        let writer = hadath_store::Store::open(path)?;
        let readers = limits.readers.max(1);
        Ok(AppState {
            inner: Arc::new(Inner {
                readers: Pool {
                    path: path.to_path_buf(),
                    idle: Mutex::new(Vec::new()),
                    max_idle: readers,
                    cache_kib: limits.reader_cache_kib,
                },
                reading: Arc::new(Semaphore::new(readers)),
                read_gate: Gate::new(readers + limits.read_queue, "read requests"),
                writer: Mutex::new(writer),
                workers: Workers::start(
                    Arc::clone(&extractor),
                    limits.extractors,
                    limits.extract_queue,
                ),
                extractor,
                limits,
            }),
        })
    }

    /// The bounds this state was opened with.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Run `f` with a read connection on a blocking thread. The connection is set
    /// `query_only`: `f` cannot change the store.
    ///
    /// # Errors
    ///
    /// [`Error::Busy`] (503 with `Retry-After`) when [`Limits::readers`] queries are running and
    /// [`Limits::read_queue`] more are waiting; the store's error when a read connection cannot
    /// be opened or set up (503 if the file is damaged or not a database, else 500); the error
    /// `f` returns, converted into [`Error`]; [`Error::Internal`] (500) when `f` panics.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        E: Into<Error>,
        F: FnOnce(&hadath_store::Store) -> Result<T, E> + Send + 'static,
    {
        let _pass = self.inner.read_gate.enter()?;
        let permit = Arc::clone(&self.inner.reading)
            .acquire_owned()
            .await
            .map_err(|e| Error::Internal(format!("read pool: {e}")))?;
        let me = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let store = me.inner.readers.get()?;
            let r = f(&store).map_err(Into::into);
            me.inner.readers.put(store);
            r
        })
        .await
        .map_err(|e| Error::Internal(format!("query task: {e}")))?
    }

    /// Extract a document on one of the extraction threads (no lock held: a failure here
    /// touches nothing). Returns the document with its extraction; nothing is stored.
    ///
    /// # Errors
    ///
    /// [`Error::Busy`] (503 with `Retry-After`) when every extraction thread is busy and
    /// [`Limits::extract_queue`] articles are already waiting, or when the article is not
    /// extracted within [`Limits::extract_timeout`] of being queued; [`Error::Internal`] (500)
    /// when the extractor panics on it or no extraction thread is running.
    pub async fn extract(&self, doc: Document) -> Result<(Document, Output)> {
        let rx = self.inner.workers.submit(doc)?;
        let limit = self.inner.limits.extract_timeout;
        match tokio::time::timeout(limit, rx).await {
            Ok(Ok(r)) => Ok(r),
            Ok(Err(_)) => Err(Error::Internal("the extraction failed".into())),
            Err(_) => Err(Error::Busy(format!(
                "the extraction took longer than {} s; nothing was stored",
                limit.as_secs()
            ))),
        }
    }

    /// Run `f` with the writer connection on a blocking thread, one call at a time.
    ///
    /// # Errors
    ///
    /// The error `f` returns; [`Error::Internal`] (500) when `f` panics. A writer left locked by
    /// an earlier panic is used again, not reported: each write to the store is one
    /// transaction.
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

/// The whole application: the API under `/api`, the page and its assets at `/`, with the
/// checks of every request (same-origin JSON writes, URI and header sizes, JSON errors).
pub fn router(state: AppState) -> Router {
    guard::checked(api::router(state))
}

/// Options of [`serve`].
#[derive(Clone)]
pub struct ServeOptions {
    /// Connections, queues and timeouts.
    pub limits: Limits,
    /// The extractor for articles added through the page (user entries, extra triggers).
    pub extractor: Arc<dyn Extract>,
}

/// Bind `bind`, then serve the store at `db_path` until `shutdown` completes (the binary
/// passes Ctrl-C or SIGTERM). `on_ready` is called with the bound address once the server
/// accepts connections. On shutdown it stops accepting, lets requests in flight finish (up to
/// [`Limits::request_timeout`]), and closes the store, so SQLite folds its write-ahead log back
/// into the file and removes it.
///
/// # Errors
///
/// Those of [`AppState::open_limited`] for the store at `db_path`, and [`Error::Io`] when
/// `bind` cannot be bound (in use, not permitted) or its address read.
pub async fn serve(
    db_path: &Path,
    bind: SocketAddr,
    opts: ServeOptions,
    on_ready: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    // The extraction threads load the extractor's data as they start.
    let state = AppState::open_limited(db_path, opts.limits, opts.extractor)?;
    let listener = tokio::net::TcpListener::bind(bind).await?;
    on_ready(listener.local_addr()?);
    serve_until(listener, state, shutdown).await
}

/// Serve on a bound listener until the process ends ([`serve_until`] with no shutdown).
///
/// # Errors
///
/// Those of [`serve_until`].
pub async fn serve_on(listener: tokio::net::TcpListener, state: AppState) -> Result<()> {
    serve_until(listener, state, std::future::pending()).await
}

/// Serve on a bound listener until `shutdown` completes: at most [`Limits::connections`]
/// connections at once (the limits of `state`), each dropped when its client takes over
/// [`Limits::header_timeout`] to send a request's headers. A failed connection ends only that
/// connection, and a failed accept (out of file descriptors) is retried after 100 ms. Returns
/// once the connections in flight have finished (or after [`Limits::request_timeout`]), having
/// dropped every store connection it held.
///
/// # Errors
///
/// [`Error::Io`] when the listener's local address cannot be read, before anything is served,
/// and [`Error::Internal`] if the connection slots are closed, which does not happen.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let loopback = listener.local_addr()?.ip().is_loopback();
    let limits = state.limits().clone();
    let app = guard::timed(api::with_guards(router(state), loopback), &limits);
    let slots = Arc::new(Semaphore::new(limits.connections.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    // Tells every connection to finish its request in flight and close.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            _ = &mut shutdown => break,
            s = Arc::clone(&slots).acquire_owned() => {
                s.map_err(|e| Error::Internal(format!("connections: {e}")))?
            }
        };
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            a = listener.accept() => match a {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    eprintln!("hadath: cannot accept a connection: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let header_timeout = limits.header_timeout;
        let mut stopped = stopped.clone();
        tasks.spawn(async move {
            let _slot = slot;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = http.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            // A client that goes away or times out ends only its own connection.
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopped.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
        // Forget the connections that have ended.
        while tasks.try_join_next().is_some() {}
    }
    drop(listener);
    drop(app);
    // Requests in flight finish; idle keep-alive connections are closed.
    let _ = stop.send(true);
    let _ = tokio::time::timeout(limits.request_timeout, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
    Ok(())
}

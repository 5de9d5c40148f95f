//! What keeps the server's memory and CPU bounded at any load: a fixed number of read
//! connections and of extraction threads, each with a bounded queue (beyond it: `503` with
//! `Retry-After`), and timeouts for reading a request, for the whole request and for one
//! extraction.

use crate::{Error, Result};
use hadath_core::{Document, Extract, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// The bounds of [`crate::serve`]. The defaults keep the server under 400 MB at any
/// concurrency (see `docs/server.md`).
#[derive(Debug, Clone)]
pub struct Limits {
    /// Read queries running at once, each on its own SQLite connection.
    pub readers: usize,
    /// Read requests waiting for a connection; one more gets `503`.
    pub read_queue: usize,
    /// Page cache of each read connection, in KiB (SQLite's default store uses 64 MiB).
    pub reader_cache_kib: u32,
    /// Threads extracting pasted articles (each keeps the tagger's 64 MiB word cache).
    pub extractors: usize,
    /// Articles waiting for an extraction thread; one more gets `503`.
    pub extract_queue: usize,
    /// The longest an article may wait for and take in extraction before its request gets
    /// `503` (the thread finishes it, but the store is not written).
    pub extract_timeout: Duration,
    /// The longest a client may take to send a request's headers.
    pub header_timeout: Duration,
    /// The longest a client may pause while sending a request's body.
    pub body_timeout: Duration,
    /// The longest one request may take, from its headers to its response.
    pub request_timeout: Duration,
    /// Connections served at once; more wait to be accepted.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            readers: 4,
            read_queue: 512,
            reader_cache_kib: 16 * 1024,
            extractors: 2,
            extract_queue: 16,
            extract_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            connections: 1024,
        }
    }
}

/// Counts the requests waiting for or holding something; refuses one beyond `max`.
pub(crate) struct Gate {
    inside: AtomicUsize,
    max: usize,
    what: &'static str,
}

/// One request inside a [`Gate`], until dropped.
pub(crate) struct Pass<'g>(&'g Gate);

impl Gate {
    pub(crate) fn new(max: usize, what: &'static str) -> Gate {
        Gate {
            inside: AtomicUsize::new(0),
            max,
            what,
        }
    }

    pub(crate) fn enter(&self) -> Result<Pass<'_>> {
        let n = self.inside.fetch_add(1, Ordering::AcqRel);
        let pass = Pass(self);
        if n >= self.max {
            return Err(Error::Busy(format!(
                "the server is busy: {} {} already waiting; try again shortly",
                self.max, self.what
            )));
        }
        Ok(pass)
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        self.0.inside.fetch_sub(1, Ordering::AcqRel);
    }
}

type Reply = tokio::sync::oneshot::Sender<(Document, Output)>;

/// A fixed set of threads extracting documents from a bounded queue. Each thread keeps its
/// own tagger cache, so memory is bounded by the number of threads, not of requests.
pub(crate) struct Workers {
    queue: mpsc::SyncSender<(Document, Reply)>,
}

impl Workers {
    pub(crate) fn start(extractor: Arc<dyn Extract>, threads: usize, queue: usize) -> Workers {
        let (tx, rx) = mpsc::sync_channel::<(Document, Reply)>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads.max(1) {
            let rx = Arc::clone(&rx);
            let x = Arc::clone(&extractor);
            let spawned = std::thread::Builder::new()
                .name(format!("hadath-extract-{i}"))
                .spawn(move || work(x.as_ref(), &rx));
            if spawned.is_err() && i > 0 {
                break; // fewer threads, same queue
            }
        }
        Workers { queue: tx }
    }

    /// Queue `doc`; its extraction arrives on the returned channel (closed if it panicked).
    pub(crate) fn submit(
        &self,
        doc: Document,
    ) -> Result<tokio::sync::oneshot::Receiver<(Document, Output)>> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        match self.queue.try_send((doc, tx)) {
            Ok(()) => Ok(rx),
            Err(mpsc::TrySendError::Full(_)) => Err(Error::Busy(
                "the server is busy extracting other articles; try again shortly".into(),
            )),
            Err(mpsc::TrySendError::Disconnected(_)) => {
                Err(Error::Internal("no extraction thread is running".into()))
            }
        }
    }
}

fn work(x: &dyn Extract, rx: &Mutex<mpsc::Receiver<(Document, Reply)>>) {
    // Load the extractor's data before the first article arrives.
    let _ = x.extract(&Document::new("warm-up", "وصل الوفد إلى القاهرة أمس."));
    loop {
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((doc, reply)) = job else {
            return; // the server is gone
        };
        if reply.is_closed() {
            continue; // its request timed out or went away while it waited
        }
        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| x.extract(&doc)));
        if let Ok(out) = out {
            let _ = reply.send((doc, out));
        }
    }
}

//! The native half of the `hadath` Python package (`hadath._hadath`): the pipeline's output as
//! Python dicts and Arrow record batches, and the store, over PyO3. The Python half
//! (`python/hadath/`) holds the stubs, the docs and the Spark helper; `docs/python.md` is the
//! user's guide.
//!
//! Without the `python` feature (what `cargo test --workspace` builds) the crate is the Arrow
//! conversions alone, which need no Python: documents from a record batch ([`input`]), events
//! to a record batch ([`events`]), story events to a record batch ([`timeline`]). maturin
//! builds the module with the feature on (`python/pyproject.toml`).
//!
//! ```
//! use hadath_extract::Extractor;
//! let docs = vec![hadath_core::Document::new("d", "قصفت الطائرات مواقع في إدلب أمس")];
//! let outs = _hadath::extract_all(&Extractor::default(), &docs, 1).unwrap();
//! assert_eq!(outs[0].events[0].kind.as_str(), "ASSAULT");
//! ```
#![deny(missing_docs)]

pub mod events;
pub mod input;
pub mod schema;
pub mod timeline;

#[cfg(feature = "python")]
mod py;

use hadath_core::{Document, Output};
use hadath_extract::Extractor;

/// The one error type of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A document could not be read: where it is (`row 3 (id "a7")`, `document "a7"`) and why.
    #[error("{origin}: {why}")]
    Document {
        /// Which document.
        origin: String,
        /// What is wrong with it.
        why: String,
    },
    /// A column of the input batch is missing or has a type that cannot hold its field.
    #[error("column {name:?}: {why}")]
    Column {
        /// The column's name.
        name: String,
        /// What is wrong.
        why: String,
    },
    /// A filter was refused (the words of the CLI and the API).
    #[error("{0}")]
    Filter(#[from] hadath_store::FilterError),
    /// The store failed.
    #[error("{0}")]
    Store(#[from] hadath_store::Error),
    /// A user data file (knowledge base, triggers, cues) was refused.
    #[error("cannot load the user data: {0}")]
    Data(#[from] hadath_extract::Error),
    /// A file could not be read or written.
    #[error("{path}: {error}")]
    File {
        /// The file.
        path: String,
        /// The operating system's error.
        error: std::io::Error,
    },
    /// An argument has a value the function does not take.
    #[error("{0}")]
    Argument(String),
    /// Arrow refused an array (a column over 2 GiB of text, a malformed input batch).
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

/// The crate's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Extract `docs` with `x`, in order, on `jobs` threads (1: the calling thread only).
///
/// # Errors
///
/// [`Error::Argument`] when a pool of `jobs` threads cannot be started.
pub fn extract_all(x: &Extractor, docs: &[Document], jobs: usize) -> Result<Vec<Output>> {
    if jobs <= 1 || docs.len() <= 1 {
        return Ok(docs.iter().map(|d| x.extract(d)).collect());
    }
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Argument(format!("jobs: cannot start {jobs} threads: {e}")))?;
    Ok(pool.install(|| docs.par_iter().map(|d| x.extract(d)).collect()))
}

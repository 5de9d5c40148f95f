//! What every hadath crate shares: the event vocabulary, dates at their precision, input
//! documents, the output contract, the one notion of "the same happening", and the [`Extract`]
//! trait through which the store drives an extractor without depending on it.
//!
//! ```
//! use hadath_core::{Category, DateRange, Document, Modality, Precision};
//! let doc = Document::from_json_line(r#"{"id":"a1","text":"قصف","published":"Tue, 21 Jul 2015 10:00:00 +0300"}"#).unwrap();
//! assert_eq!(doc.published.as_deref(), Some("2015-07-21"));
//! let d = DateRange::parse_strict("2022-09").unwrap();
//! assert_eq!(d.precision, Precision::Month);
//! assert!(DateRange::parse_strict("2022-13").is_err());
//! assert_eq!("consult".parse::<Category>().unwrap(), Category::Consult);
//! assert!(!Modality::Hypothetical.is_reported());
//! ```
//!
//! This crate depends on serde, serde_json, thiserror and jiff (for calendar arithmetic)
//! only: the store, the server and the Python package build on it without the NLP stack.
#![deny(missing_docs)]

mod dates;
mod document;
pub mod happening;
mod output;
mod vocab;

pub use dates::{DateError, DateRange, Precision};
pub use document::{Document, DocumentError};
pub use output::{
    BoilerOut, Cumulative, EntityOut, EventOut, GeoOut, Output, PartyOut, PublishedOut, SideToll,
    Size, SpanOut, TimexOut,
};
pub use vocab::{
    Category, DateSource, GeoPrecision, Modality, Mode, Quad, Sector, TollScope, UnknownWord,
};

/// Something that turns a document into its extraction: the pipeline (`hadath-extract`
/// implements it), or a stand-in in tests. The store's ingest driver takes one, as ripgrep's
/// searcher takes a matcher.
pub trait Extract: Send + Sync {
    /// Extract one document.
    fn extract(&self, doc: &Document) -> Output;

    /// The names and codes an actor term written by a user stands for (a filter's
    /// `--actor الحوثي` or `--actor "Ansar Allah"`): the knowledge base's canonical English
    /// names, and a state's code. None by default.
    fn actor_names(&self, _term: &str) -> Vec<String> {
        Vec::new()
    }
}

impl<F> Extract for F
where
    F: Fn(&Document) -> Output + Send + Sync,
{
    fn extract(&self, doc: &Document) -> Output {
        self(doc)
    }
}

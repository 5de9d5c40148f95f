//! The hadath pipeline: one document's text in, entities, time expressions and PLOVER events
//! out, every field tied to the words it came from.
//!
//! ```
//! use hadath_extract::{Document, Extractor};
//! let doc = Document::new("d1", "وصل الوفد إلى القاهرة أمس.\n\nاقرأ أيضا: خبر آخر");
//! let out = Extractor::default().extract(&doc);
//! assert_eq!(out.id, "d1");
//! // The teaser line is marked as boilerplate, with code-point offsets into the text.
//! assert_eq!(out.boilerplate[0].kind, "related");
//! ```

mod document;
mod output;
mod report;

pub use document::{Document, DocumentError};
pub use output::{
    BoilerOut, EntityOut, EventOut, Output, PartyOut, PublishedOut, SpanOut, TimexOut,
};
pub use report::render_table;

use hadath_text::{Analysis, CharIndex};

/// Runs the pipeline over documents. Cheap to share between threads.
#[derive(Debug, Default, Clone)]
pub struct Extractor {}

/// Everything the pipeline found in one document, with byte offsets (internal form).
#[derive(Debug)]
pub struct Extraction<'d> {
    pub doc: &'d Document,
    pub analysis: Analysis,
    pub output: Output,
}

impl Extractor {
    /// Run the pipeline and keep the intermediate analysis (for the table view).
    pub fn analyse<'d>(&self, doc: &'d Document) -> Extraction<'d> {
        let analysis = Analysis::new(&doc.text);
        let ix = CharIndex::new(&doc.text);
        let mut boilerplate = Vec::new();
        for s in analysis.sentences() {
            if let Some(k) = s.boilerplate {
                boilerplate.push(BoilerOut {
                    start: ix.char_offset(s.source.start),
                    end: ix.char_offset(s.source.end),
                    kind: k.as_str(),
                });
            }
        }
        let published = doc.published.as_ref().map(|d| PublishedOut {
            date: d.clone(),
            inferred: false,
            reason: None,
        });
        let output = Output {
            id: doc.id.clone(),
            title: doc.title.clone(),
            published,
            entities: Vec::new(),
            timexes: Vec::new(),
            events: Vec::new(),
            boilerplate,
        };
        Extraction {
            doc,
            analysis,
            output,
        }
    }

    /// Run the pipeline on one document.
    pub fn extract(&self, doc: &Document) -> Output {
        self.analyse(doc).output
    }
}

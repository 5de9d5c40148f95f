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
//!
//! Stages: text analysis (`hadath-text`) → knowledge-base mentions (`hadath-lexicon`) and
//! statistical names (`hadath-ner`) → time expressions, numbers and the publication date
//! (`hadath-time`) → events (`events`): triggers from `data/events/triggers.tsv`, roles from
//! the entities around them, date, place, size, modality and attribution, then one event per
//! happening in the document.
#![deny(missing_docs)]

mod entities;
mod events;
mod geo;
mod index;
mod lexdata;
mod report;
mod senses;
pub mod window;

pub use events::{ClauseKind, Considered};
pub use hadath_core::{
    BoilerOut, Category, Cumulative, Document, DocumentError, EntityOut, EventOut, GeoOut,
    GeoPrecision, Modality, Output, PartyOut, PublishedOut, SpanOut, TimexOut, TollScope,
};
pub use report::render_table;

use hadath_lexicon::Lexicon;
use hadath_text::{Analysis, CharIndex};
use jiff::civil::Date;
use std::sync::{Arc, LazyLock};

/// The one error type of this crate: bad user data handed to [`Extractor::new`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad line in a trigger or cue file.
    #[error("{file}:{line}: {why}")]
    Data {
        /// The file's name as given in [`Config`] (`triggers.tsv` or `cues.tsv` for the
        /// embedded data).
        file: String,
        /// The line's number in that file, counting from 1 (comment and header lines count).
        line: usize,
        /// What is wrong with the line, e.g. `pos must be verb, noun or light`.
        why: String,
    },
    /// A bad knowledge-base user file.
    #[error("knowledge base: {0}")]
    Lexicon(#[from] hadath_lexicon::Error),
    /// A bad gazetteer user file (`places.tsv`, `admin1.tsv`, `features.tsv`).
    #[error("gazetteer: {0}")]
    Geo(#[from] hadath_geo::Error),
}

/// What an [`Extractor`] is built from besides the embedded data. Each file is `(name, contents)`;
/// the library reads no files itself.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Extra trigger rows, in the format of `data/events/triggers.tsv`.
    pub triggers: Vec<(String, String)>,
    /// Extra cue rows, in the format of `data/events/cues.tsv`.
    pub cues: Vec<(String, String)>,
    /// Extra knowledge-base files (named like `data/kb/*.tsv`: countries, people, orgs, …,
    /// or like `data/geo/*.tsv`: places, admin1, features, which go to the gazetteer).
    pub kb: Vec<(String, String)>,
    /// Skip the statistical name tagger (faster; entities come from the knowledge base only).
    pub no_ner: bool,
    /// Ignore the publication date given as metadata (infer it from the text instead).
    pub ignore_published: bool,
}

pub(crate) struct Data {
    pub triggers: lexdata::Triggers,
    pub cues: lexdata::Cues,
    pub sectors: lexdata::Sectors,
    pub parties: lexdata::Parties,
    pub words: senses::Words,
    pub senses: senses::Senses,
    /// Per cue of `cues`: whether its name is a verb of saying, and whether it introduces a
    /// source (`words.tsv`'s saying_cue and according_cue), worked out once.
    pub saying_cue: Vec<bool>,
    pub according_cue: Vec<bool>,
}

impl Data {
    fn new(
        triggers: lexdata::Triggers,
        cues: lexdata::Cues,
        sectors: lexdata::Sectors,
        parties: lexdata::Parties,
        words: senses::Words,
        senses: senses::Senses,
    ) -> Data {
        let of = |class: &str| -> Vec<bool> {
            cues.cues
                .iter()
                .map(|c| words.has_name(class, &c.name))
                .collect()
        };
        let (saying_cue, according_cue) = (of(senses::SAYING_CUE), of(senses::ACCORDING_CUE));
        Data {
            triggers,
            cues,
            sectors,
            parties,
            words,
            senses,
            saying_cue,
            according_cue,
        }
    }
}

static EMBEDDED_DATA: LazyLock<Arc<Data>> = LazyLock::new(|| {
    let mut triggers = lexdata::Triggers::default();
    triggers
        .parse_into("triggers.tsv", lexdata::TRIGGERS_TSV)
        .expect("embedded triggers.tsv parses");
    let mut cues = lexdata::Cues::default();
    cues.parse_into("cues.tsv", lexdata::CUES_TSV)
        .expect("embedded cues.tsv parses");
    let mut sectors = lexdata::Sectors::default();
    sectors
        .parse_into("sectors.tsv", lexdata::SECTORS_TSV)
        .expect("embedded sectors.tsv parses");
    let mut parties = lexdata::Parties::default();
    parties
        .parse_into("parties.tsv", lexdata::PARTIES_TSV)
        .expect("embedded parties.tsv parses");
    let mut words = senses::Words::default();
    words
        .parse_into("words.tsv", senses::WORDS_TSV)
        .and_then(|()| words.check("words.tsv"))
        .expect("embedded words.tsv parses");
    let mut rules = senses::Senses::default();
    rules
        .parse_into("senses.tsv", senses::SENSES_TSV, &words)
        .expect("embedded senses.tsv parses");
    Arc::new(Data::new(triggers, cues, sectors, parties, words, rules))
});

/// Runs the pipeline over documents. Cheap to clone and share between threads.
#[derive(Clone)]
pub struct Extractor {
    data: Arc<Data>,
    lexicon: Option<Arc<Lexicon>>,
    gazetteer: Option<Arc<hadath_geo::Gazetteer>>,
    no_ner: bool,
    ignore_published: bool,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("trigger_rows", &self.data.triggers.rows.len())
            .field("cues", &self.data.cues.cues.len())
            .field("user_kb", &self.lexicon.is_some())
            .field("no_ner", &self.no_ner)
            .finish()
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor {
            data: EMBEDDED_DATA.clone(),
            lexicon: None,
            gazetteer: None,
            no_ner: false,
            ignore_published: false,
        }
    }
}

/// Everything the pipeline found in one document, with byte offsets (internal form), as
/// [`Extractor::analyse`] returns it and [`render_table`] shows it.
#[derive(Debug)]
pub struct Extraction<'d> {
    /// The document the pipeline ran over; the byte ranges of `analysis` index its `text`.
    pub doc: &'d Document,
    /// The text layer's view of `doc.text`: the folded text, tokens and sentences (with their
    /// boilerplate marks), spans as byte ranges into the folded and the original text.
    pub analysis: Analysis,
    /// The result in the output contract, as [`Extractor::extract`] returns it: offsets in
    /// code points.
    pub output: Output,
    /// Every trigger the events stage considered, with its clause and why it was kept or
    /// dropped (byte offsets into `doc.text`), in text order.
    pub considered: Vec<Considered>,
}

impl Extractor {
    /// An extractor over the embedded data extended with the user files of `config`.
    ///
    /// # Errors
    ///
    /// [`Error::Data`] for the first bad line of a trigger or cue file (too few columns, an
    /// unknown category, mode, part of speech, role pattern or cue kind), and
    /// [`Error::Lexicon`] for a knowledge-base file the lexicon rejects (a bad line, or a name
    /// that does not say which kind of entries it holds). With no user files it never fails.
    pub fn new(config: &Config) -> Result<Extractor, Error> {
        let mut x = Extractor {
            no_ner: config.no_ner,
            ignore_published: config.ignore_published,
            ..Extractor::default()
        };
        if !config.triggers.is_empty() || !config.cues.is_empty() {
            let mut triggers = x.data.triggers.clone();
            let mut cues = x.data.cues.clone();
            for (name, contents) in &config.triggers {
                triggers.parse_into(name, contents)?;
            }
            for (name, contents) in &config.cues {
                cues.parse_into(name, contents)?;
            }
            x.data = Arc::new(Data::new(
                triggers,
                cues,
                x.data.sectors.clone(),
                x.data.parties.clone(),
                x.data.words.clone(),
                x.data.senses.clone(),
            ));
        }
        let (geo, kb): (Vec<_>, Vec<_>) = config
            .kb
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .partition(|(n, _)| hadath_geo::GeoSource::of_file_name(n).is_some());
        if !kb.is_empty() {
            x.lexicon = Some(Arc::new(Lexicon::new().with_user_files(kb)?));
        }
        if !geo.is_empty() {
            x.gazetteer = Some(Arc::new(hadath_geo::Gazetteer::new().with_user_files(geo)?));
        }
        Ok(x)
    }

    fn lexicon(&self) -> &Lexicon {
        match &self.lexicon {
            Some(l) => l,
            None => Lexicon::embedded(),
        }
    }

    /// Run the pipeline and keep the intermediate analysis (for the table view).
    pub fn analyse<'d>(&self, doc: &'d Document) -> Extraction<'d> {
        let text = doc.text.as_str();
        let analysis = Analysis::new(text);
        let ix = CharIndex::new(text);
        let folded = analysis.folded();
        let span = |r: &std::ops::Range<usize>| SpanOut {
            start: ix.char_offset(r.start),
            end: ix.char_offset(r.end),
            text: text[r.clone()].to_string(),
        };

        let mut boilerplate = Vec::new();
        for s in analysis.sentences() {
            if let Some(k) = s.boilerplate {
                boilerplate.push(BoilerOut {
                    start: ix.char_offset(s.source.start),
                    end: ix.char_offset(s.source.end),
                    kind: k.as_str().to_string(),
                });
            }
        }

        // Publication date: metadata, else inferred from the text.
        let given = if self.ignore_published {
            None
        } else {
            doc.published
                .as_deref()
                .and_then(|d| d.parse::<Date>().ok())
        };
        // Time expressions and numbers, resolved against the publication date: the given one,
        // else the one the text fixes (found in the same scan).
        let (time, inferred) = hadath_time::analyze_publishing(text, folded, given);
        let (published, anchor) = match (given, inferred) {
            // The text's weekday contradicts the metadata date: the text's day, and why.
            (Some(d), Some(p)) if p.overrides == Some(d) => (
                Some(PublishedOut {
                    date: p.date.to_string(),
                    inferred: true,
                    reason: Some(format!(
                        "{} (the metadata date {d} contradicts the text's weekday)",
                        p.reason
                    )),
                }),
                Some(p.date),
            ),
            (Some(d), _) => (
                Some(PublishedOut {
                    date: d.to_string(),
                    inferred: false,
                    reason: None,
                }),
                Some(d),
            ),
            (None, Some(p)) => (
                Some(PublishedOut {
                    date: p.date.to_string(),
                    inferred: true,
                    reason: Some(p.reason.clone()),
                }),
                Some(p.date),
            ),
            (None, None) => (None, None),
        };
        let timexes: Vec<TimexOut> = time
            .timexes
            .iter()
            .map(|t| {
                let s = span(&t.source);
                TimexOut {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    kind: t.kind.as_str().to_string(),
                    value: t.value.clone(),
                }
            })
            .collect();

        // Entities: knowledge-base mentions, then statistical names not already covered.
        let ents = entities::find(
            self.lexicon(),
            self.gazetteer
                .as_deref()
                .unwrap_or_else(|| hadath_geo::Gazetteer::embedded()),
            &self.data.sectors,
            &analysis,
            text,
            anchor,
            !self.no_ner,
        );
        let entities_out: Vec<EntityOut> = ents
            .iter()
            .filter(|e| !e.pseudo)
            .map(|e| {
                let s = span(&e.src);
                EntityOut {
                    start: s.start,
                    end: s.end,
                    text: s.text,
                    kind: e.kind.to_string(),
                    name: e.name.clone(),
                    code: if e.media { None } else { e.code.clone() },
                    office: e.office.clone(),
                    via: e.via.to_string(),
                }
            })
            .collect();

        // The event stage reads the outer mentions only (the title's person, not the state
        // named inside the title).
        let event_ents: std::borrow::Cow<'_, [entities::Ent]> = if ents.iter().any(|e| e.inner) {
            ents.iter().filter(|e| !e.inner).cloned().collect()
        } else {
            std::borrow::Cow::Borrowed(&ents)
        };
        let (events, considered) = events::find(
            &self.data,
            &analysis,
            text,
            &event_ents,
            &time,
            anchor,
            published.as_ref().is_some_and(|p| p.inferred),
            &span,
        );

        let output = Output {
            id: doc.id.clone(),
            title: doc.title.clone(),
            published,
            entities: entities_out,
            timexes,
            events,
            boilerplate,
        };
        Extraction {
            doc,
            analysis,
            output,
            considered,
        }
    }

    /// Run the pipeline on one document. A text over [`window::WINDOW`] bytes (1 MiB) is read
    /// in windows cut at paragraph breaks ([`Extractor::extract_in_windows`]), so memory stays
    /// a small multiple of the text.
    pub fn extract(&self, doc: &Document) -> Output {
        if doc.text.len() > window::WINDOW {
            return self.extract_in_windows(doc, window::WINDOW);
        }
        self.analyse(doc).output
    }

    /// Run the pipeline on `doc` in windows of about `size` bytes cut at paragraph breaks, and
    /// join the outputs (offsets into the whole text). Mentions of one happening in different
    /// windows stay separate events.
    ///
    /// ```
    /// use hadath_extract::{Document, Extractor};
    /// let text = "قصفت الطائرات مواقع في إدلب أمس.\n\nاجتمع وزير الخارجية المصري بنظيره الأردني.";
    /// let doc = Document::new("d", text);
    /// let out = Extractor::default().extract_in_windows(&doc, 60);
    /// for e in &out.entities {
    ///     let words: String = text.chars().skip(e.start).take(e.end - e.start).collect();
    ///     assert_eq!(words, e.text);
    /// }
    /// ```
    pub fn extract_in_windows(&self, doc: &Document, size: usize) -> Output {
        window::extract(doc, size.max(1), |d| self.analyse(d).output)
    }
}

impl hadath_core::Extract for Extractor {
    fn extract(&self, doc: &Document) -> Output {
        Extractor::extract(self, doc)
    }

    fn actor_names(&self, term: &str) -> Vec<String> {
        self.actor_names(term)
    }
}

impl Extractor {
    /// What an actor term a user wrote stands for in the knowledge base: the canonical English
    /// names of the entries it names (Arabic names and spellings through the lexicon, English
    /// names and the aliases in parentheses, `Ansar Allah` in `Houthis (Ansar Allah)`, by
    /// case-insensitive comparison), and the code of a state, nisba or IGO it names.
    ///
    /// ```
    /// let x = hadath_extract::Extractor::default();
    /// assert!(x.actor_names("الحوثيين").iter().any(|n| n.starts_with("Houthis")));
    /// assert!(x.actor_names("ansar allah").iter().any(|n| n.starts_with("Houthis")));
    /// assert!(x.actor_names("اليمن").contains(&"YEM".to_string()));
    /// ```
    pub fn actor_names(&self, term: &str) -> Vec<String> {
        use hadath_lexicon::EntityKind;
        let term = term.trim();
        let mut out: Vec<String> = Vec::new();
        let mut add = |e: &hadath_lexicon::Entry| {
            let mut keys = vec![e.name.clone()];
            if matches!(
                e.kind,
                EntityKind::Country | EntityKind::Nationality | EntityKind::Igo
            ) {
                keys.extend(e.code.clone());
            }
            for k in keys {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        };
        let arabic = term.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        if arabic {
            for e in self.lexicon().lookup(term) {
                add(e);
            }
            return out;
        }
        let t = term.to_lowercase();
        if t.is_empty() {
            return out;
        }
        for e in self.lexicon().entries() {
            let n = e.name.to_lowercase();
            let (head, alias) = match n.split_once(" (") {
                Some((h, a)) => (h, a.trim_end_matches(')')),
                None => (n.as_str(), ""),
            };
            if n == t || head == t || alias == t {
                add(e);
            }
        }
        out
    }
}

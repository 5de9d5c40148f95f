//! The knowledge base of hadath and the matcher that links Arabic mentions to it.
//!
//! The knowledge base (states with their nisba adjectives, capitals and metonyms, IGOs, cities,
//! regions, people with terms of office, organisations, titles) is kept under `data/kb/` as TSV
//! and compiled by `build.rs` into fsts embedded in the binary. Users add entries at run time with
//! [`Lexicon::extend_tsv`] (same formats; the library does no I/O).
//!
//! ```
//! use hadath_lexicon::{EntityKind, Lexicon};
//! use hadath_text::{tokenize, Folded};
//! let text = "وصل الوفد إلى موسكو قادما من أذربيجان";
//! let folded = Folded::new(text);
//! let tokens = tokenize(&folded);
//! let m = Lexicon::embedded().find_mentions(text, &folded, &tokens, None);
//! assert!(m.iter().any(|m| m.kind == EntityKind::Country && m.code.as_deref() == Some("AZE")));
//! ```
#![deny(missing_docs)]

mod compile;
mod entry;
mod layer;
mod lookup;
mod matcher;

pub use compile::SourceKind;
use compile::{how, Compiled};
pub use entry::{EntityKind, Entry, EntryId, MatchHow, Mention, Office, Person};
pub(crate) use layer::{Fx, Layer};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

/// Errors of the lexicon.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad line in a knowledge-base source.
    #[error("{file}:{line}: {msg}")]
    Line {
        /// The name of the source: the file name given to [`Lexicon::extend_tsv`] or
        /// [`Lexicon::with_user_files`], or the `data/kb/` file.
        file: String,
        /// The 1-based line number of the bad line; 0 when the fault is in the file as a whole (a file
        /// name that names no kind).
        line: usize,
        /// What is wrong with the line, e.g. an unknown office or a missing column.
        msg: String,
    },
    /// The compiled key set could not be built.
    #[error("building the key index: {0}")]
    Index(String),
}

impl From<compile::LineError> for Error {
    fn from(e: compile::LineError) -> Error {
        Error::Line {
            file: e.file,
            line: e.line,
            msg: e.msg,
        }
    }
}

/// Gazetteer flag bits returned by [`Lexicon::gazetteer_flags`].
pub mod flags {
    /// The word occurs in a person's name.
    pub const PERSON: u8 = 1;
    /// The word occurs in a state, city or region name.
    pub const LOCATION: u8 = 2;
    /// The word occurs in an organisation or IGO name.
    pub const ORGANIZATION: u8 = 4;
    /// The word is a nisba form.
    pub const NATIONALITY: u8 = 8;
    /// The word occurs in a title.
    pub const TITLE: u8 = 16;
}

/// The knowledge base with its matchers. The embedded one is [`Lexicon::embedded`]; a copy that
/// users extend is [`Lexicon::new`].
pub struct Lexicon {
    base: &'static Base,
    user: Option<Layer>,
    user_compiled: Compiled,
    user_entries: Vec<Entry>,
    /// (code, office) → person entries (user ones included), for office holders.
    holders: HashMap<(String, Office), Vec<EntryId>>,
    /// English name → person-term entries.
    terms: HashMap<String, Vec<EntryId>>,
    /// See [`Lexicon::version`].
    version: u64,
}

/// The next [`Lexicon::version`] to hand out.
static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

fn fresh_version() -> u64 {
    NEXT_VERSION.fetch_add(1, Ordering::Relaxed)
}

struct Base {
    layer: Layer,
    entries: Vec<Entry>,
    by_code: HashMap<String, u32>,
    sources: Vec<&'static str>,
}

static BASE: LazyLock<Base> = LazyLock::new(|| {
    let raw = compile::read_entries(include_bytes!(concat!(env!("OUT_DIR"), "/entries.bin")));
    let entries: Vec<Entry> = raw
        .into_iter()
        .enumerate()
        .map(|(i, r)| Entry::from_raw(i as u32, r))
        .collect();
    let mut by_code = HashMap::new();
    for e in &entries {
        if matches!(e.kind, EntityKind::Country)
            || (e.kind == EntityKind::Igo && e.subkind == "igo")
        {
            if let Some(c) = &e.code {
                by_code.entry(c.clone()).or_insert(e.id.0);
            }
        }
    }
    Base {
        layer: Layer::embedded(),
        entries,
        by_code,
        sources: include_str!(concat!(env!("OUT_DIR"), "/sources.txt"))
            .lines()
            .collect(),
    }
});

static EMBEDDED: LazyLock<Lexicon> = LazyLock::new(Lexicon::new);

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

impl Lexicon {
    /// The embedded knowledge base, shared.
    pub fn embedded() -> &'static Lexicon {
        &EMBEDDED
    }

    /// A fresh lexicon over the embedded knowledge base, ready for user entries.
    pub fn new() -> Lexicon {
        let base: &'static Base = &BASE;
        let mut lx = Lexicon {
            base,
            user: None,
            user_compiled: Compiled::new(base.entries.len() as u32),
            user_entries: Vec::new(),
            holders: HashMap::new(),
            terms: HashMap::new(),
            version: fresh_version(),
        };
        lx.index_holders();
        lx
    }

    /// A number naming this lexicon's contents in this process: each lexicon gets its own
    /// and every edit ([`Lexicon::extend_tsv`]) gives a new one, never 0. Two equal versions
    /// mean equal answers from every lookup, so callers may cache answers under it (the
    /// tagger's `hadath_ner::KeyedGazetteer` does, for [`Lexicon::gazetteer_flags`]).
    pub fn version(&self) -> u64 {
        self.version
    }

    fn index_holders(&mut self) {
        self.holders.clear();
        self.terms.clear();
        for e in self.base.entries.iter().chain(&self.user_entries) {
            if e.kind == EntityKind::Person && !e.is_title {
                self.terms.entry(e.name.clone()).or_default().push(e.id);
                if let (Some(c), Some(o)) = (&e.code, e.office) {
                    self.holders.entry((c.clone(), o)).or_default().push(e.id);
                }
            }
        }
    }

    /// Add user entries from the contents of a TSV file of `kind` (the formats of `data/kb/`).
    /// `name` is used in error messages. On error nothing is added.
    ///
    /// # Errors
    ///
    /// [`Error::Line`] for the first bad line: a header or column count that does not match
    /// `kind`, an empty required column or one with no names, a malformed state or IGO code (or a
    /// metonym's code the knowledge base lacks), an unknown office or organisation kind, a bad
    /// date or population, a term that ends before it starts. [`Error::Index`] if the key index
    /// cannot be built.
    pub fn extend_tsv(
        &mut self,
        kind: SourceKind,
        name: &str,
        contents: &str,
    ) -> Result<(), Error> {
        let mut c = self.user_compiled.clone();
        let base = self.base;
        c.add_source(kind, name, contents, &|code| {
            base.by_code.get(code).map(|&i| (i, 0))
        })?;
        let layer = Layer::build(&c.keys, &c.loose, &c.entries, c.base)?;
        self.user_entries = c
            .entries
            .iter()
            .enumerate()
            .map(|(i, r)| Entry::from_raw(c.base + i as u32, r.clone()))
            .collect();
        self.user = Some(layer);
        self.user_compiled = c;
        self.index_holders();
        self.version = fresh_version();
        Ok(())
    }

    /// Add user entries from several files given as (file name, contents); the kind of each is
    /// taken from its file stem (`people.tsv`, `my-people.tsv` and `people.local.tsv` are People).
    ///
    /// # Errors
    ///
    /// [`Error::Line`] with line 0 when a file name names no [`SourceKind`], and any error of
    /// [`Lexicon::extend_tsv`] for a file's contents. Files before the failing one have been
    /// added, but the lexicon is consumed, so the caller sees none of them.
    pub fn with_user_files<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Lexicon, Error> {
        for (name, contents) in files {
            let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
            let stem = stem.trim_end_matches(".tsv");
            let kind = SourceKind::ALL
                .into_iter()
                .find(|k| stem == k.file_stem() || stem.split(['-', '.', '_']).any(|p| p == k.file_stem()))
                .ok_or_else(|| Error::Line {
                    file: name.to_string(),
                    line: 0,
                    msg: "cannot tell the kind of this file from its name (want countries, cities, regions, people, orgs, metonyms or titles)".into(),
                })?;
            self.extend_tsv(kind, name, contents)?;
        }
        Ok(self)
    }
}

pub(crate) use how as key_how;

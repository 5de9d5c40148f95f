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
mod matcher;

pub use compile::SourceKind;
use compile::{how, kind, Compiled, RawEntry, RawKey};
use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
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

/// What a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person: a named office holder, an unknown person revealed by a title, or a title alone.
    Person,
    /// An organisation that is not an IGO: a government, ministry, army or security service, a
    /// party, an armed group, a news medium, a court, a company, an NGO.
    Organization,
    /// A state, by its name or (with [`MatchHow::Metonym`]) by its capital or seat of government.
    Country,
    /// A city; its `code` is the state it lies in.
    City,
    /// A region, province or other sub-national or cross-border area; its `code` is the state it lies
    /// in, when there is one.
    Region,
    /// Any other named place. No entry of the embedded knowledge base has this kind; it is treated as
    /// a place like [`EntityKind::City`] and [`EntityKind::Region`].
    Location,
    /// A nisba adjective or plural (الروسية، الأذري، الأرمن): stands for the state.
    Nationality,
    /// An intergovernmental organisation.
    Igo,
}

impl EntityKind {
    /// The lower-case type word of the output contract. IGOs are organisations there.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization | EntityKind::Igo => "organization",
            EntityKind::Country => "country",
            EntityKind::City => "city",
            EntityKind::Region => "region",
            EntityKind::Location => "location",
            EntityKind::Nationality => "nationality",
        }
    }
}

/// An office held by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Office {
    /// President, monarch, emir, sultan, or the chair of a ruling council.
    HeadOfState,
    /// Prime minister, chancellor, or the head of a government or of the European Commission.
    HeadOfGovernment,
    /// Foreign minister (the EU's High Representative too).
    ForeignMinister,
    /// Defence minister.
    DefenceMinister,
    /// Interior or internal-security minister.
    InteriorMinister,
    /// Secretary-general, director-general or president of an intergovernmental organisation.
    IgoHead,
    /// Envoys, special representatives, mediators, ambassadors and permanent representatives.
    Envoy,
    /// Chief of staff or commander of the armed forces or of one of their branches.
    MilitaryChief,
    /// Leader of a political party, of a parliamentary bloc, or of the opposition.
    PartyLeader,
    /// Leader of a non-state group: a movement, a militia, an armed or rebel group.
    GroupLeader,
    /// Speaker or president of a parliament or of one of its chambers.
    Speaker,
    /// Any other office (deputies, ministers of other portfolios, advisers, spokespeople, governors,
    /// clerics, military ranks): it reveals a person but not which post.
    Other,
}

impl Office {
    const ALL: [Office; 12] = [
        Office::HeadOfState,
        Office::HeadOfGovernment,
        Office::ForeignMinister,
        Office::DefenceMinister,
        Office::InteriorMinister,
        Office::IgoHead,
        Office::Envoy,
        Office::MilitaryChief,
        Office::PartyLeader,
        Office::GroupLeader,
        Office::Speaker,
        Office::Other,
    ];

    /// The data-file spelling ("head_of_state").
    pub fn as_str(self) -> &'static str {
        compile::OFFICES[self as usize]
    }

    /// Parse the data-file spelling.
    pub fn parse(s: &str) -> Option<Office> {
        compile::OFFICES
            .iter()
            .position(|o| *o == s)
            .map(|i| Office::ALL[i])
    }

    fn from_u8(i: u8) -> Office {
        Office::ALL
            .get(i as usize)
            .copied()
            .unwrap_or(Office::Other)
    }

    /// An English label ("Defence Minister").
    pub fn label(self) -> &'static str {
        match self {
            Office::HeadOfState => "President",
            Office::HeadOfGovernment => "Prime Minister",
            Office::ForeignMinister => "Foreign Minister",
            Office::DefenceMinister => "Defence Minister",
            Office::InteriorMinister => "Interior Minister",
            Office::IgoHead => "Secretary-General",
            Office::Envoy => "Envoy",
            Office::MilitaryChief => "Chief of Staff",
            Office::PartyLeader => "Party Leader",
            Office::GroupLeader => "Leader",
            Office::Speaker => "Speaker",
            Office::Other => "Official",
        }
    }
}

/// How a mention was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchHow {
    /// The words are one of the entry's names.
    Exact,
    /// A name with clitics stripped (وبموسكو) or the article restored (للاتحاد).
    Clitic,
    /// A spelling variant (generated rule or transliteration skeleton).
    Variant,
    /// A surname alone after a full mention in the same document.
    Partial,
    /// A title with a nationality (الرئيس الروسي), alone or before an unknown name.
    Title,
    /// A nisba adjective or plural.
    Nisba,
    /// A capital or seat of government standing for the state.
    Metonym,
}

/// Index of an entry in a [`Lexicon`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u32);

/// One knowledge-base entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's index in its [`Lexicon`] (embedded entries first, then user ones).
    pub id: EntryId,
    /// What the entry is. Titles are [`EntityKind::Person`] entries that carry only an office.
    pub kind: EntityKind,
    /// Canonical English name.
    pub name: String,
    /// ISO alpha-3 of the state, or the IGO code; the home state of people and organisations.
    pub code: Option<String>,
    /// The office of a person-term.
    pub office: Option<Office>,
    /// Organisation kind ("ministry", "armed_group", …), region kind, or "" .
    pub subkind: Cow<'static, str>,
    /// First day of a person's term (inclusive); `None` when it has no known start.
    pub from: Option<Date>,
    /// Last day of a person's term (inclusive); `None` when the term is still open.
    pub to: Option<Date>,
    /// City population where known.
    pub population: u32,
    is_title: bool,
}

/// A person-term is an entry of kind [`EntityKind::Person`].
pub type Person = Entry;

impl Entry {
    fn from_raw(id: u32, r: RawEntry) -> Entry {
        let (kind, office, subkind): (EntityKind, Option<Office>, Cow<'static, str>) = match r.kind
        {
            kind::COUNTRY => (EntityKind::Country, None, "".into()),
            kind::CITY => (EntityKind::City, None, "".into()),
            kind::REGION => (EntityKind::Region, None, r.extra.clone().into()),
            kind::PERSON => (EntityKind::Person, Some(Office::from_u8(r.sub)), "".into()),
            kind::IGO => (EntityKind::Igo, None, "igo".into()),
            kind::TITLE => (
                EntityKind::Person,
                Some(Office::from_u8(r.sub)),
                "title".into(),
            ),
            _ => {
                let k = compile::ORG_KINDS
                    .get(r.sub as usize)
                    .copied()
                    .unwrap_or("other");
                let kind = if k == "igo_organ" {
                    EntityKind::Igo
                } else {
                    EntityKind::Organization
                };
                (kind, None, k.into())
            }
        };
        Entry {
            id: EntryId(id),
            kind,
            name: r.name,
            code: if r.code.is_empty() {
                None
            } else {
                Some(r.code)
            },
            office,
            subkind,
            from: ymd(r.from),
            to: ymd(r.to),
            population: r.pop,
            is_title: r.kind == kind::TITLE,
        }
    }

    /// True when the term covers `d` (open ends cover everything).
    pub fn in_term(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

fn ymd(v: u32) -> Option<Date> {
    if v == 0 {
        return None;
    }
    Date::new((v / 10000) as i16, ((v / 100) % 100) as i8, (v % 100) as i8)
        .ok()
        .or_else(|| Date::new((v / 10000) as i16, ((v / 100) % 100) as i8, 28).ok())
}

/// A mention of a knowledge-base entity (or of an unknown person revealed by a title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Bytes in the original text, clitics excluded.
    pub source: Range<usize>,
    /// What the mention is. A nisba is [`EntityKind::Nationality`]; a metonym keeps the kind of the
    /// state or IGO it stands for.
    pub kind: EntityKind,
    /// Canonical English name (for an unknown person: the name as written).
    pub name: String,
    /// ISO alpha-3 of the state, or the IGO code: the state itself for states, nationalities and
    /// metonyms, the home state of people and organisations, the state a city or region lies in.
    /// `None` when unknown.
    pub code: Option<String>,
    /// The office of a person: that of the term covering the date, or the one a title reveals.
    pub office: Option<Office>,
    /// How the words were matched.
    pub how: MatchHow,
    /// The knowledge-base entry matched; `None` for a person known only from a title (a name the
    /// knowledge base lacks, or an office whose holder is unknown).
    pub entry: Option<EntryId>,
    /// Organisation kind ("ministry", "armed_group", "media", …) for organisations.
    pub org_kind: Option<Cow<'static, str>>,
    /// A person referred to by office alone (الرئيس الروسي): no name is written, the span is the
    /// title; `name` is the office holder for the date, or the office itself when unknown.
    pub unnamed: bool,
    /// A state named inside a title phrase (سفير الصين، رئيسة ليتوانيا فيرا فايك): a name of its
    /// own, reported as a mention, while the title's person (or office) is the actor that
    /// carries the state's code.
    pub in_title: bool,
}

impl Mention {
    /// True when the mention stands for an actor (a state, an IGO, a person, an organisation, a
    /// nationality, a metonym); plain places (cities, regions) are locations, whose `code` is the
    /// state they lie in. News media are not actors either.
    pub fn is_actor(&self) -> bool {
        match self.kind {
            EntityKind::City | EntityKind::Region | EntityKind::Location => {
                self.how == MatchHow::Metonym
            }
            // News media report; they are sources, not actors.
            EntityKind::Organization => self.org_kind.as_deref() != Some("media"),
            _ => true,
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

/// A small fast hasher for short keys (FxHash).
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The last 1–7 bytes in one step, with their count so that trailing zeros count.
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            b[7] = rest.len() as u8;
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map from words behind a Bloom filter: most words of a text are in no key, and the filter
/// (about a byte per word, two bits in one 64-bit block: one memory access, in cache) turns nearly
/// all of them away without touching the map.
pub(crate) struct BloomMap<V> {
    map: HashMap<Box<str>, V, std::hash::BuildHasherDefault<Fx>>,
    /// Blocks of the filter (a power of two of them).
    bloom: Vec<u64>,
}

impl<V> BloomMap<V> {
    /// The filter from the words.
    fn new(words: impl IntoIterator<Item = (Box<str>, V)>) -> Self {
        let map: HashMap<Box<str>, V, std::hash::BuildHasherDefault<Fx>> =
            words.into_iter().collect();
        let blocks = (map.len() / 8 + 1).next_power_of_two().max(16);
        let mut bloom = vec![0u64; blocks];
        for w in map.keys() {
            let (i, bits) = Self::probe(w, blocks);
            bloom[i] |= bits;
        }
        BloomMap { map, bloom }
    }

    /// The block and the two bits of a word.
    #[inline]
    fn probe(w: &str, blocks: usize) -> (usize, u64) {
        use std::hash::Hasher;
        let mut h = Fx::default();
        h.write(w.as_bytes());
        // A finaliser (from MurmurHash3) spreads Fx's bits over the whole word.
        let mut x = h.finish() ^ w.len() as u64;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        let block = (x >> 12) as usize & (blocks - 1);
        (block, (1 << (x & 63)) | (1 << ((x >> 6) & 63)))
    }

    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        let (i, bits) = Self::probe(w, self.bloom.len());
        if self.bloom[i] & bits != bits {
            return None;
        }
        self.map.get(w)
    }

    #[inline]
    pub(crate) fn contains_key(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
}

/// First word of the keys → the fst state (node address, output) after it.
pub(crate) type FirstWords = BloomMap<(usize, u64)>;

/// The gazetteer flags of every word of the keys (the `words` fst as a filtered hash map: NER
/// asks for every token).
fn word_map(m: &fst::Map<Cow<'static, [u8]>>) -> BloomMap<u8> {
    use fst::Streamer;
    let mut words = Vec::with_capacity(m.len());
    let mut st = m.stream();
    while let Some((k, v)) = st.next() {
        words.push((std::str::from_utf8(k).unwrap_or("").into(), v as u8));
    }
    BloomMap::new(words)
}

fn first_words(m: &fst::Map<Cow<'static, [u8]>>) -> FirstWords {
    use fst::Streamer;
    let mut words: HashMap<Box<str>, (usize, u64)> = HashMap::new();
    let mut st = m.stream();
    while let Some((k, _)) = st.next() {
        let k = std::str::from_utf8(k).unwrap_or("");
        let w = k.split([' ', '\u{1}']).next().unwrap_or(k);
        if !words.contains_key(w) {
            let f = m.as_fst();
            let mut node = f.root();
            let mut out = fst::raw::Output::zero();
            for &b in w.as_bytes() {
                let Some(i) = node.find_input(b) else { break };
                let t = node.transition(i);
                out = out.cat(t.out);
                node = f.node(t.addr);
            }
            words.insert(w.into(), (node.addr(), out.value()));
        }
    }
    BloomMap::new(words)
}

type KeyMap = fst::Map<Cow<'static, [u8]>>;

/// One key index: an fst of folded keys → postings, and its loose (skeleton) twin.
pub(crate) struct Layer {
    /// First words of all keys, and of all loose keys: a fast filter before walking the fsts.
    pub(crate) first: FirstWords,
    pub(crate) lfirst: FirstWords,
    pub(crate) keys: fst::Map<Cow<'static, [u8]>>,
    pub(crate) post: Cow<'static, [u8]>,
    pub(crate) loose: fst::Map<Cow<'static, [u8]>>,
    pub(crate) lpost: Cow<'static, [u8]>,
    /// Gazetteer flags of every key word.
    pub(crate) word_flags: BloomMap<u8>,
}

impl Layer {
    fn embedded() -> Layer {
        let m = |b: &'static [u8]| fst::Map::new(Cow::Borrowed(b)).expect("embedded fst");
        let keys = m(include_bytes!(concat!(env!("OUT_DIR"), "/keys.fst")));
        let loose = m(include_bytes!(concat!(env!("OUT_DIR"), "/loose.fst")));
        let words = m(include_bytes!(concat!(env!("OUT_DIR"), "/words.fst")));
        Layer {
            first: first_words(&keys),
            lfirst: first_words(&loose),
            word_flags: word_map(&words),
            keys,
            post: Cow::Borrowed(include_bytes!(concat!(env!("OUT_DIR"), "/keys.post"))),
            loose,
            lpost: Cow::Borrowed(include_bytes!(concat!(env!("OUT_DIR"), "/loose.post"))),
        }
    }

    fn build(
        keys: &[RawKey],
        loose: &[RawKey],
        entries: &[RawEntry],
        base: u32,
    ) -> Result<Layer, Error> {
        let mk = |keys: &[RawKey]| -> Result<(KeyMap, Cow<'static, [u8]>), Error> {
            let groups = Compiled::groups(keys);
            let (post, vals) = compile::write_postings(&groups);
            let mut b = fst::MapBuilder::memory();
            for ((k, _), v) in groups.iter().zip(vals) {
                b.insert(k, v).map_err(|e| Error::Index(e.to_string()))?;
            }
            let bytes = b.into_inner().map_err(|e| Error::Index(e.to_string()))?;
            Ok((
                fst::Map::new(Cow::Owned(bytes)).map_err(|e| Error::Index(e.to_string()))?,
                Cow::Owned(post),
            ))
        };
        let (keys_map, post) = mk(keys)?;
        let (loose_map, lpost) = mk(loose)?;
        let word_flags = BloomMap::new(
            compile::word_flags(keys, entries, base)
                .into_iter()
                .map(|(w, f)| (w.into_boxed_str(), f)),
        );
        Ok(Layer {
            first: first_words(&keys_map),
            lfirst: first_words(&loose_map),
            word_flags,
            keys: keys_map,
            post,
            loose: loose_map,
            lpost,
        })
    }

    /// The postings (entry << 8 | how) of an fst value.
    pub(crate) fn postings(post: &[u8], v: u64) -> impl Iterator<Item = u32> + '_ {
        let start = (v >> 16) as usize;
        let n = (v & 0xffff) as usize;
        (start..start + n).map(move |i| {
            let b = &post[i * 4..i * 4 + 4];
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        })
    }
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

    /// The entry with id `id`.
    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        let i = id.0 as usize;
        let n = self.base.entries.len();
        if i < n {
            self.base.entries.get(i)
        } else {
            self.user_entries.get(i - n)
        }
    }

    /// All entries, embedded then user ones.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.base.entries.iter().chain(&self.user_entries)
    }

    /// The data files the embedded knowledge base was compiled from.
    pub fn sources(&self) -> &[&'static str] {
        &self.base.sources
    }

    /// Number of entries per kind (titles excluded) and number of exact and loose keys.
    pub fn stats(&self) -> Vec<(&'static str, usize)> {
        let mut m: HashMap<&'static str, usize> = HashMap::new();
        for e in self.entries() {
            let k = if e.is_title {
                "title"
            } else {
                match e.kind {
                    EntityKind::Igo => "igo",
                    k => k.as_str(),
                }
            };
            *m.entry(k).or_default() += 1;
        }
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort();
        v.push((
            "keys",
            self.base.layer.keys.len() + self.user.as_ref().map_or(0, |u| u.keys.len()),
        ));
        v.push((
            "loose_keys",
            self.base.layer.loose.len() + self.user.as_ref().map_or(0, |u| u.loose.len()),
        ));
        v
    }

    /// Gazetteer bits ([`flags`]) of one folded word, for NER features.
    pub fn gazetteer_flags(&self, folded_word: &str) -> u8 {
        let mut f = self
            .base
            .layer
            .word_flags
            .get(folded_word)
            .copied()
            .unwrap_or(0);
        if let Some(u) = &self.user {
            f |= u.word_flags.get(folded_word).copied().unwrap_or(0);
        }
        f
    }

    /// The holder of `office` for state/IGO `code` on `date`: the person whose term covers the
    /// date (the latest-starting one when several do).
    pub fn office_holder(&self, code: &str, office: Office, date: Date) -> Option<&Person> {
        let ids = self.holders.get(&(code.to_string(), office))?;
        ids.iter()
            .filter_map(|&id| self.entry(id))
            .filter(|e| e.in_term(date))
            .max_by_key(|e| e.from.unwrap_or(Date::MIN))
    }

    /// The current holder (open term), or the latest one, when no date is known.
    fn holder_undated(&self, code: &str, office: Office) -> Option<&Person> {
        let ids = self.holders.get(&(code.to_string(), office))?;
        let all = ids.iter().filter_map(|&id| self.entry(id));
        let open: Vec<&Entry> = all.clone().filter(|e| e.to.is_none()).collect();
        if open.len() == 1 {
            return Some(open[0]);
        }
        all.max_by_key(|e| (e.to.unwrap_or(Date::MAX), e.from.unwrap_or(Date::MIN)))
    }

    fn state_name(&self, code: &str) -> Option<&str> {
        let id = *self.base.by_code.get(code)?;
        self.entry(EntryId(id)).map(|e| e.name.as_str())
    }

    /// All mentions in a document: `text` is the original, `folded` and `tokens` come from
    /// `hadath_text`. `date` (publication date) picks office holders and person-terms.
    pub fn find_mentions(
        &self,
        text: &str,
        folded: &hadath_text::Folded,
        tokens: &[hadath_text::Token],
        date: Option<Date>,
    ) -> Vec<Mention> {
        matcher::find(self, text, folded, tokens, date)
    }

    /// Every entry listed under `name` (folded as keys are), in every layer: the other readings
    /// of a word the matcher resolved one way. بروكسل is matched as the EU (a metonym) and is
    /// also the city of Brussels, which is what a place phrase (في بروكسل) means. When `name` as
    /// written is no key, its first word is read without its proclitics (ببروكسل → بروكسل).
    ///
    /// ```
    /// let lx = hadath_lexicon::Lexicon::embedded();
    /// assert!(lx.lookup("بروكسل").iter().any(|e| e.name == "Brussels"));
    /// assert!(lx.lookup("وببروكسل").iter().any(|e| e.name == "Brussels"));
    /// ```
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        let key = hadath_text::fold_key(name);
        let out = self.lookup_key(&key);
        if !out.is_empty() {
            return out;
        }
        let (first, rest) = key.split_at(key.find(' ').unwrap_or(key.len()));
        hadath_text::segmentations(first)
            .iter()
            .filter(|seg| !seg.prefix.is_empty())
            .map(|seg| self.lookup_key(&format!("{}{rest}", seg.with_article())))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    }

    /// The entries of one folded key.
    fn lookup_key(&self, key: &str) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = Vec::new();
        for l in self.layers() {
            let Some(v) = l.keys.get(key) else { continue };
            for p in Layer::postings(&l.post, v) {
                if let Some(e) = self.entry(EntryId(p >> 8)) {
                    if !out.iter().any(|x| x.id == e.id) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// The term of the person named `name` that covers `date`.
    pub(crate) fn term_at(&self, name: &str, date: Date) -> Option<&Entry> {
        self.terms
            .get(name)?
            .iter()
            .filter_map(|&id| self.entry(id))
            .find(|e| e.in_term(date))
    }

    pub(crate) fn layers(&self) -> impl Iterator<Item = &Layer> {
        std::iter::once(&self.base.layer).chain(self.user.as_ref())
    }
}

pub(crate) use how as key_how;

#[cfg(test)]
mod tests {
    use super::*;

    /// The filtered map gives every word of the gazetteer fst its flags, and nothing else.
    #[test]
    fn word_flags_agree_with_the_fst() {
        use fst::Streamer;
        let words = fst::Map::new(Cow::Borrowed(
            &include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"))[..],
        ))
        .unwrap();
        let lx = Lexicon::embedded();
        let mut st = words.stream();
        let mut n = 0;
        while let Some((k, v)) = st.next() {
            let w = std::str::from_utf8(k).unwrap();
            assert_eq!(lx.gazetteer_flags(w), v as u8, "{w}");
            n += 1;
        }
        assert_eq!(n, lx.base.layer.word_flags.map.len());
        assert!(n > 1000);
        // Words in no key, and near misses of key words.
        for w in ["قال", "كتب", "موسكوا", "موسك", "", "x"] {
            assert_eq!(words.get(w), None);
            assert_eq!(lx.gazetteer_flags(w), 0, "{w}");
        }
    }

    /// Every first word of a key is found behind the filter, with the fst state after it.
    #[test]
    fn first_words_pass_the_filter() {
        let l = &Lexicon::embedded().base.layer;
        for first in [&l.first, &l.lfirst] {
            assert!(first.map.len() > 500);
            for (w, v) in &first.map {
                assert_eq!(first.get(w), Some(v), "{w}");
            }
        }
        assert!(l.first.get("موسكو").is_some());
        assert!(l.first.get("قال").is_none());
    }
}

//! The gazetteer of hadath: where a place is.
//!
//! GeoNames populated places with Arabic names, admin-1 regions, seas, straits, crossings and
//! border areas, compiled by `build.rs` from `data/geo/*.tsv` into an fst of folded names; a
//! point for every country; and the word lists that decide when a name reads as a place
//! ([`Rules`]: locatives, settlement words, attack verbs, refused readings). Users add places
//! at run time with [`Gazetteer::extend_tsv`] (same formats; the library does no I/O).
//!
//! ```
//! use hadath_geo::{Gazetteer, PlaceKind};
//! let g = Gazetteer::embedded();
//! let aleppo = g.lookup("حلب").into_iter().max_by_key(|p| p.population).unwrap();
//! assert_eq!(aleppo.code.as_deref(), Some("SYR"));
//! assert_eq!(aleppo.kind, PlaceKind::Place);
//! assert!((aleppo.lat - 36.2).abs() < 0.1);
//! ```
#![deny(missing_docs)]

mod parse;
mod rules;

pub use parse::GeoSource;
use parse::{kind, Row};
pub use rules::{Contested, CueKind, Rules};
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// Errors of the gazetteer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad line in a gazetteer or rule file.
    #[error("{file}:{line}: {msg}")]
    Line {
        /// The file's name as given (or the `data/geo/` file).
        file: String,
        /// The 1-based line number; 0 when the fault is in the file as a whole.
        line: usize,
        /// What is wrong, e.g. `lat: not a number: "x"`.
        msg: String,
    },
}

impl From<parse::LineError> for Error {
    fn from(e: parse::LineError) -> Error {
        Error::Line {
            file: e.file,
            line: e.line,
            msg: e.msg,
        }
    }
}

/// What a gazetteer record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A populated place (GeoNames).
    Place,
    /// An admin-1 region: governorate, province, wilaya.
    Admin1,
    /// A sea, strait, gulf, canal, crossing, border area or other named area.
    Feature,
}

/// A place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// What it is.
    pub kind: PlaceKind,
    /// The GeoNames id, for GeoNames places.
    pub geonameid: Option<u32>,
    /// English name.
    pub name: String,
    /// ISO alpha-3 of its state; `None` for international waters.
    pub code: Option<String>,
    /// The English name of its admin-1 region, where known (for a region: its own name).
    pub admin1: Option<String>,
    /// The feature kind (`sea`, `strait`, `crossing` …) for features.
    pub feature: Option<String>,
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u32,
    /// Its name is also a common word: it reads as a place only after a settlement word.
    pub common: bool,
}

impl Place {
    /// The precision an event placed here has.
    pub fn precision(&self) -> hadath_core::GeoPrecision {
        match self.kind {
            PlaceKind::Admin1 => hadath_core::GeoPrecision::Admin1,
            _ => hadath_core::GeoPrecision::Place,
        }
    }
}

/// A country's point: its capital (or the centroid of its places).
#[derive(Debug, Clone, PartialEq)]
pub struct CountryPoint {
    /// ISO alpha-3.
    pub code: String,
    /// English name.
    pub name: String,
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// How the point was chosen (`capital Damascus`, `centroid of its places`).
    pub how: String,
}

struct Base {
    names: fst::Map<&'static [u8]>,
    post: &'static [u8],
    records: &'static [u8],
    countries: HashMap<String, CountryPoint>,
}

static BASE: LazyLock<Base> = LazyLock::new(|| Base {
    names: fst::Map::new(&include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"))[..])
        .expect("the embedded fst is valid"),
    post: include_bytes!(concat!(env!("OUT_DIR"), "/names.post")),
    records: include_bytes!(concat!(env!("OUT_DIR"), "/records.bin")),
    countries: parse_countries(include_str!("../../../data/geo/countries.tsv")),
});

/// The English names of admin-1 regions by (state, GeoNames admin-1 code), built on first use.
static ADMIN1_NAMES: OnceLock<HashMap<(String, String), String>> = OnceLock::new();

fn parse_countries(text: &str) -> HashMap<String, CountryPoint> {
    let mut out = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("code\t"))
    {
        let c: Vec<&str> = line.split('\t').collect();
        if let [code, name, lat, lon, how] = c[..] {
            if let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) {
                out.insert(
                    code.to_string(),
                    CountryPoint {
                        code: code.to_string(),
                        name: name.to_string(),
                        lat,
                        lon,
                        how: how.to_string(),
                    },
                );
            }
        }
    }
    out
}

/// The gazetteer: the embedded one ([`Gazetteer::embedded`]) or a copy that users extend
/// ([`Gazetteer::new`] and [`Gazetteer::extend_tsv`]).
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    user: Vec<Row>,
    user_keys: HashMap<String, Vec<u32>>,
}

static EMBEDDED: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::new);

impl Gazetteer {
    /// The embedded gazetteer, shared.
    pub fn embedded() -> &'static Gazetteer {
        &EMBEDDED
    }

    /// A fresh gazetteer over the embedded data, ready for user places.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// Add the places of a TSV file of `kind` (the formats of `data/geo/`); `name` is used in
    /// error messages. On error nothing is added.
    ///
    /// # Errors
    ///
    /// [`Error::Line`] for the first bad line: a header that does not match `kind`, a wrong
    /// number of columns, a bad number or coordinate, a bad state code or feature kind, a row
    /// with no Arabic names.
    pub fn extend_tsv(&mut self, kind: GeoSource, name: &str, contents: &str) -> Result<(), Error> {
        let rows = parse::parse(kind, name, contents)?;
        let base = self.user.len() as u32;
        for (k, ids) in parse::keys(&rows, base) {
            self.user_keys.entry(k).or_default().extend(ids);
        }
        self.user.extend(rows);
        Ok(())
    }

    /// Add user files given as (file name, contents), the kind of each taken from its name
    /// ([`GeoSource::of_file_name`]).
    ///
    /// # Errors
    ///
    /// [`Error::Line`] with line 0 for a file whose name names no kind, and any error of
    /// [`Gazetteer::extend_tsv`].
    pub fn with_user_files<'a>(
        mut self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Gazetteer, Error> {
        for (name, contents) in files {
            let kind = GeoSource::of_file_name(name).ok_or_else(|| Error::Line {
                file: name.to_string(),
                line: 0,
                msg: "cannot tell the kind of this file from its name (want places, admin1 or features)".into(),
            })?;
            self.extend_tsv(kind, name, contents)?;
        }
        Ok(self)
    }

    /// Whether any user places were added.
    pub fn has_user_places(&self) -> bool {
        !self.user.is_empty()
    }

    /// The places a folded name ([`hadath_text::fold_key`]) names: embedded ones, then the
    /// user's. Empty when none.
    pub fn lookup(&self, key: &str) -> Vec<Place> {
        let mut out = Vec::new();
        let base: &Base = &BASE;
        if let Some(v) = base.names.get(key) {
            let (off, n) = ((v >> 16) as usize, (v & 0xffff) as usize);
            for j in 0..n {
                let p = (off + j) * 4;
                let Some(b) = base.post.get(p..p + 4) else {
                    break;
                };
                let id = u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize;
                if let Some(r) = parse::decode(base.records, id) {
                    out.push(self.place(&r));
                }
            }
        }
        if let Some(ids) = self.user_keys.get(key) {
            for &i in ids {
                out.push(self.place(&self.user[i as usize]));
            }
        }
        out
    }

    /// Whether a folded name names any place (cheaper than [`Gazetteer::lookup`]).
    pub fn contains(&self, key: &str) -> bool {
        BASE.names.contains_key(key) || self.user_keys.contains_key(key)
    }

    /// A country's point, by ISO alpha-3.
    pub fn country(&self, code: &str) -> Option<&'static CountryPoint> {
        let base: &'static Base = &BASE;
        base.countries.get(code)
    }

    fn place(&self, r: &Row) -> Place {
        let kind = match r.kind {
            kind::ADMIN1 => PlaceKind::Admin1,
            kind::FEATURE => PlaceKind::Feature,
            _ => PlaceKind::Place,
        };
        let admin1 = match kind {
            PlaceKind::Admin1 => Some(r.name_en.clone()),
            _ if r.admin1.is_empty() => None,
            _ => admin1_names()
                .get(&(r.code.clone(), r.admin1.clone()))
                .cloned(),
        };
        Place {
            kind,
            geonameid: (r.geonameid != 0).then_some(r.geonameid),
            name: r.name_en.clone(),
            code: (!r.code.is_empty()).then(|| r.code.clone()),
            admin1,
            feature: (!r.feature.is_empty()).then(|| r.feature.clone()),
            lat: f64::from(r.lat),
            lon: f64::from(r.lon),
            population: r.population,
            common: r.common,
        }
    }
}

fn admin1_names() -> &'static HashMap<(String, String), String> {
    ADMIN1_NAMES.get_or_init(|| {
        let recs = BASE.records;
        let n = recs.get(..4).map_or(0, |b| {
            u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize
        });
        let mut m = HashMap::new();
        for i in 0..n {
            if let Some(r) = parse::decode(recs, i) {
                if r.kind == kind::ADMIN1 && !r.admin1.is_empty() {
                    m.insert((r.code, r.admin1), r.name_en);
                }
            }
        }
        m
    })
}

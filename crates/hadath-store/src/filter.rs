//! The one filter over story events: built from what a user wrote (CLI flags, API query
//! parameters, Python keyword arguments), validated once, turned into SQL once.
//!
//! ```
//! use hadath_store::{FilterSpec, Store};
//! let spec = FilterSpec { types: vec!["assault".into()], from: Some("2022-09".into()), ..Default::default() };
//! let f = spec.validate(&|_: &str| Vec::new()).unwrap();
//! let store = Store::open_in_memory().unwrap();
//! assert!(store.timeline(&f).unwrap().is_empty());
//! // What the API and the CLI refuse alike, with the same words:
//! let bad = FilterSpec { types: vec!["ATTACK".into()], ..Default::default() };
//! assert!(bad.validate(&|_: &str| Vec::new()).unwrap_err().to_string().contains("AGREE, CONSULT"));
//! ```

use crate::search::search_terms;
use hadath_core::{Category, DateError, DateRange, Modality, UnknownWord};
use rusqlite::types::Value;

/// At most this many actor terms in one filter.
pub const MAX_ACTORS: usize = 50;

/// A filter as a user wrote it: every field a string, nothing checked yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterSpec {
    /// Participants (code, English or Arabic name, alias), any role; any of them.
    pub actor: Vec<String>,
    /// PLOVER categories; any of them.
    pub types: Vec<String>,
    /// Events whose date reaches on or after this date (`2022`, `2022-09`, `2022-09-13`).
    pub from: Option<String>,
    /// Events whose date starts on or before the end of this date.
    pub to: Option<String>,
    /// A place's English name or country code (substring, case-insensitive).
    pub place: Option<String>,
    /// A box on the map, `west,south,east,north` in decimal degrees (`35,29,43,38`): events
    /// whose point lies inside it (a west edge east of the east edge crosses the antimeridian).
    pub bbox: Option<String>,
    /// Which modalities: none given (or `reported`) keeps the happenings reported as done or
    /// announced for a date (`asserted`, `future`); `all` keeps every one; a single word
    /// (`negated`, `historical`, …) keeps that one.
    pub modality: Option<String>,
    /// Words that must all occur in the evidence or summary (diacritics and clitics ignored).
    pub text: Option<String>,
    /// Events reported by at least this many documents.
    pub min_sources: usize,
    /// At most this many events.
    pub limit: Option<usize>,
}

/// Which modalities a filter keeps. By default only what the text reports as done or announced
/// for a date: negated, hypothetical and historical acts are kept in the store and shown when
/// asked for, never counted among reported events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Modalities {
    /// `asserted` and `future` (the default, also written `reported`).
    #[default]
    Reported,
    /// Every modality (`all`).
    All,
    /// This one.
    One(Modality),
}

impl std::str::FromStr for Modalities {
    type Err = UnknownWord;

    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        match s.trim().to_ascii_lowercase().as_str() {
            "reported" => Ok(Modalities::Reported),
            "all" => Ok(Modalities::All),
            w => w
                .parse()
                .map(Modalities::One)
                .map_err(|e: UnknownWord| UnknownWord {
                    allowed: format!("reported, all, {}", e.allowed),
                    ..e
                }),
        }
    }
}

/// Why a filter is refused: the message says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// An unknown type or modality.
    #[error("{0}")]
    Word(#[from] UnknownWord),
    /// `from` or `to` is not a date.
    #[error("{field}: {source}")]
    Date {
        /// `from` or `to`.
        field: &'static str,
        /// The date's error.
        source: DateError,
    },
    /// `from` is after `to`.
    #[error("from ({from}) is after to ({to})")]
    Reversed {
        /// The `from` given.
        from: String,
        /// The `to` given.
        to: String,
    },
    /// Too many actors.
    #[error("{0} actors given; {MAX_ACTORS} at most")]
    TooManyActors(usize),
    /// `bbox` is not four numbers within the globe.
    #[error(
        "bbox: {0:?} is not west,south,east,north in decimal degrees \
         (longitudes -180 to 180, latitudes -90 to 90, south not above north), e.g. 35,29,43,38"
    )]
    BBox(String),
}

/// A box on the map in decimal degrees (WGS84).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    /// The west edge's longitude.
    pub west: f64,
    /// The south edge's latitude.
    pub south: f64,
    /// The east edge's longitude (below `west` when the box crosses the antimeridian).
    pub east: f64,
    /// The north edge's latitude.
    pub north: f64,
}

impl std::str::FromStr for BBox {
    type Err = FilterError;

    /// `west,south,east,north`.
    fn from_str(s: &str) -> Result<BBox, FilterError> {
        let bad = || FilterError::BBox(s.to_string());
        let v: Vec<f64> = s
            .split(',')
            .map(|x| x.trim().parse::<f64>().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        let [west, south, east, north] = v[..] else {
            return Err(bad());
        };
        let lon = |x: f64| x.is_finite() && (-180.0..=180.0).contains(&x);
        let lat = |x: f64| x.is_finite() && (-90.0..=90.0).contains(&x);
        if !(lon(west) && lon(east) && lat(south) && lat(north) && south <= north) {
            return Err(bad());
        }
        Ok(BBox {
            west,
            south,
            east,
            north,
        })
    }
}

/// Names an actor term may stand for: the knowledge base's canonical names and codes for a
/// name or alias in any script (`الحوثي`, `Ansar Allah` → `Houthis (Ansar Allah)`, `YEM`).
/// The binary passes the extractor's lexicon; tests may pass `|_| Vec::new()`.
pub type Resolve<'a> = &'a dyn Fn(&str) -> Vec<String>;

/// A validated filter. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Per actor term, the keys any of which a participant must carry.
    pub actors: Vec<Vec<String>>,
    /// The categories, any of them.
    pub types: Vec<Category>,
    /// The first day.
    pub from: Option<DateRange>,
    /// The last day.
    pub to: Option<DateRange>,
    /// A place's English name or country code (substring, case-insensitive).
    pub place: Option<String>,
    /// Events whose point lies in this box.
    pub bbox: Option<BBox>,
    /// The modalities kept.
    pub modality: Modalities,
    /// Words that must all occur.
    pub text: Option<String>,
    /// At least this many sources.
    pub min_sources: usize,
    /// At most this many events.
    pub limit: Option<usize>,
}

impl FilterSpec {
    /// Check every field and resolve the actor terms.
    ///
    /// # Errors
    ///
    /// A [`FilterError`] naming the field and what it accepts.
    pub fn validate(&self, resolve: Resolve<'_>) -> Result<Filter, FilterError> {
        let types = self
            .types
            .iter()
            .flat_map(|t| t.split(','))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::parse::<Category>)
            .collect::<Result<Vec<_>, _>>()?;
        let date = |field: &'static str, v: &Option<String>| {
            nonempty(v)
                .map(|s| {
                    DateRange::parse_strict(s).map_err(|source| FilterError::Date { field, source })
                })
                .transpose()
        };
        let (from, to) = (date("from", &self.from)?, date("to", &self.to)?);
        if let (Some(f), Some(t)) = (&from, &to) {
            if f.first > t.last {
                return Err(FilterError::Reversed {
                    from: f.value.clone(),
                    to: t.value.clone(),
                });
            }
        }
        let modality = nonempty(&self.modality)
            .map(str::parse)
            .transpose()?
            .unwrap_or_default();
        let bbox = nonempty(&self.bbox).map(str::parse).transpose()?;
        let terms: Vec<&str> = self
            .actor
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .collect();
        if terms.len() > MAX_ACTORS {
            return Err(FilterError::TooManyActors(terms.len()));
        }
        let actors = terms
            .into_iter()
            .map(|a| {
                let mut keys = vec![a.to_string()];
                for k in resolve(a) {
                    if !keys.iter().any(|x| x.eq_ignore_ascii_case(&k)) {
                        keys.push(k);
                    }
                }
                keys
            })
            .collect();
        Ok(Filter {
            actors,
            types,
            from,
            to,
            place: nonempty(&self.place).map(str::to_string),
            bbox,
            modality,
            text: nonempty(&self.text).map(str::to_string),
            min_sources: self.min_sources,
            limit: self.limit,
        })
    }
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `s` as a literal inside a `LIKE … ESCAPE '\\'` pattern.
pub(crate) fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Filter {
    /// The `WHERE` clause over `story_events s` (empty, or starting with ` WHERE `) and its
    /// parameters.
    pub(crate) fn sql(&self) -> (String, Vec<Value>) {
        let mut wh: Vec<String> = Vec::new();
        let mut ps: Vec<Value> = Vec::new();
        if !self.actors.is_empty() {
            // Each term: any of its keys among the participants (` CODE Name … `).
            let mut ors = Vec::new();
            for keys in &self.actors {
                for k in keys {
                    ors.push("s.participants LIKE ? ESCAPE '\\'");
                    ps.push(Value::Text(format!("% {} %", like_escape(k))));
                }
            }
            wh.push(format!("({})", ors.join(" OR ")));
        }
        if !self.types.is_empty() {
            wh.push(format!(
                "s.type IN ({})",
                vec!["?"; self.types.len()].join(", ")
            ));
            ps.extend(self.types.iter().map(|t| Value::Text(t.as_str().into())));
        }
        if let Some(d) = &self.from {
            wh.push("s.date_last >= ?".into());
            ps.push(Value::Text(d.first.to_string()));
        }
        if let Some(d) = &self.to {
            wh.push("s.date_first <= ?".into());
            ps.push(Value::Text(d.last.to_string()));
        }
        if let Some(p) = &self.place {
            let v = Value::Text(format!("%{}%", like_escape(p)));
            wh.push(
                "(s.location_name LIKE ? ESCAPE '\\' OR s.location_code LIKE ? ESCAPE '\\')".into(),
            );
            ps.push(v.clone());
            ps.push(v);
        }
        if let Some(b) = self.bbox {
            let lon = if b.west <= b.east {
                "s.longitude BETWEEN ? AND ?"
            } else {
                "(s.longitude >= ? OR s.longitude <= ?)"
            };
            wh.push(format!("s.latitude BETWEEN ? AND ? AND {lon}"));
            ps.extend([b.south, b.north, b.west, b.east].map(Value::Real));
        }
        match self.modality {
            Modalities::Reported => wh.push(format!(
                "s.modality IN ('{}', '{}')",
                Modality::Asserted.as_str(),
                Modality::Future.as_str()
            )),
            Modalities::All => {}
            Modalities::One(m) => {
                wh.push("s.modality = ?".into());
                ps.push(Value::Text(m.as_str().into()));
            }
        }
        if let Some(t) = &self.text {
            // The search key is folded and lower-cased already: a substring test of ' key '.
            for alts in search_terms(t) {
                wh.push(format!(
                    "({})",
                    vec!["instr(s.search, ?) > 0"; alts.len()].join(" OR ")
                ));
                ps.extend(alts.iter().map(|k| Value::Text(format!(" {k} "))));
            }
        }
        if self.min_sources > 1 {
            wh.push("s.n_sources >= ?".into());
            ps.push(Value::Integer(self.min_sources as i64));
        }
        let sql = if wh.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", wh.join(" AND "))
        };
        (sql, ps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn every_bad_field_is_refused_with_what_to_write() {
        let bad = |s: FilterSpec| s.validate(&none).unwrap_err().to_string();
        let m = bad(FilterSpec {
            modality: Some("maybe".into()),
            ..Default::default()
        });
        assert!(m.contains("reported, all, asserted, negated"), "{m}");
        let d = bad(FilterSpec {
            from: Some("2022-13".into()),
            ..Default::default()
        });
        assert!(d.contains("from") && d.contains("2022-09-13"), "{d}");
        let r = bad(FilterSpec {
            from: Some("2023".into()),
            to: Some("2022".into()),
            ..Default::default()
        });
        assert!(r.contains("after"), "{r}");
        for b in [
            "35,29,43",
            "35,29,43,x",
            "35,38,43,29",
            "190,0,200,10",
            "NaN,0,1,1",
        ] {
            let m = bad(FilterSpec {
                bbox: Some(b.into()),
                ..Default::default()
            });
            assert!(m.contains("west,south,east,north"), "{b}: {m}");
        }
        let many = FilterSpec {
            actor: vec!["x".into(); 51],
            ..Default::default()
        };
        assert_eq!(many.validate(&none), Err(FilterError::TooManyActors(51)));
    }

    #[test]
    fn a_box_reads_west_south_east_north_and_may_cross_the_antimeridian() {
        let f = |b: &str| {
            FilterSpec {
                bbox: Some(b.into()),
                ..Default::default()
            }
            .validate(&none)
            .unwrap()
        };
        let b = f(" 35, 29.5 ,43,38 ");
        assert_eq!(
            b.bbox,
            Some(BBox {
                west: 35.0,
                south: 29.5,
                east: 43.0,
                north: 38.0
            })
        );
        assert!(b.sql().0.contains("longitude BETWEEN"));
        let (sql, ps) = f("170,-20,-170,0").sql();
        assert!(sql.contains("longitude >= ? OR s.longitude <= ?"), "{sql}");
        assert_eq!(ps, [-20.0, 0.0, 170.0, -170.0].map(Value::Real).to_vec());
    }

    #[test]
    fn actor_terms_take_the_names_they_resolve_to() {
        let kb = |t: &str| {
            if t == "الحوثي" {
                vec!["Houthis (Ansar Allah)".to_string(), "YEM".to_string()]
            } else {
                Vec::new()
            }
        };
        let f = FilterSpec {
            actor: vec!["الحوثي".into()],
            ..Default::default()
        }
        .validate(&kb)
        .unwrap();
        assert_eq!(
            f.actors,
            vec![vec!["الحوثي", "Houthis (Ansar Allah)", "YEM"]]
        );
        let (sql, ps) = f.sql();
        assert_eq!(sql.matches("participants LIKE").count(), 3);
        assert_eq!(ps.len(), 3);
    }
}

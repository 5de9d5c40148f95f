//! The trigger and cue lexicons (`data/events/*.tsv`): embedded at build time, parsed once, and
//! extensible at run time with user files of the same format.

use crate::Error;
use hadath_core::{Category, Mode};
use hadath_text::fold_key;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
    Light,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roles {
    Active,
    Passive,
    Symmetric,
    Host,
}

/// One row of `triggers.tsv`.
#[derive(Debug, Clone)]
pub struct TriggerRow {
    pub category: Category,
    pub mode: Option<Mode>,
    pub pos: Pos,
    pub roles: Roles,
}

/// A surface form: its folded words and the rows it belongs to.
#[derive(Debug, Clone)]
pub struct Form {
    pub words: Vec<String>,
    pub rows: Vec<usize>,
}

/// The data rows of a TSV file with their 1-based line numbers: blank lines, `#` comments and the
/// header row (whose first column is `header`) skipped.
pub(crate) fn data_rows<'a>(
    contents: &'a str,
    header: &'a str,
) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    contents.lines().enumerate().filter_map(move |(n, line)| {
        let line = line.trim_end_matches('\r');
        let skip = line.trim().is_empty()
            || line.starts_with('#')
            || line
                .strip_prefix(header)
                .is_some_and(|r| r.starts_with('\t'));
        (!skip).then(|| (n + 1, line.split('\t').collect()))
    })
}

/// Trigger forms indexed by their first folded word.
#[derive(Debug, Clone, Default)]
pub struct Triggers {
    pub rows: Vec<TriggerRow>,
    pub forms: Vec<Form>,
    by_first: HashMap<String, Vec<usize>>,
    by_words: HashMap<Vec<String>, usize>,
}

impl Triggers {
    pub fn parse_into(&mut self, name: &str, contents: &str) -> Result<(), Error> {
        for (line, cols) in data_rows(contents, "category") {
            let bad = |why: &str| Error::Data {
                file: name.to_string(),
                line,
                why: why.to_string(),
            };
            if cols.len() < 5 {
                return Err(bad("expected category, mode, pos, roles, forms"));
            }
            let category: Category = cols[0]
                .trim()
                .parse()
                .map_err(|e: hadath_core::UnknownWord| bad(&e.to_string()))?;
            let pos = match cols[2].trim() {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                "light" => Pos::Light,
                _ => return Err(bad("pos must be verb, noun or light")),
            };
            let roles = match cols[3].trim() {
                "active" => Roles::Active,
                "passive" => Roles::Passive,
                "symmetric" => Roles::Symmetric,
                "host" => Roles::Host,
                _ => return Err(bad("roles must be active, passive, symmetric or host")),
            };
            let mode = match cols[1].trim() {
                "-" | "" => None,
                m => {
                    let m = m
                        .parse::<Mode>()
                        .map_err(|e: hadath_core::UnknownWord| bad(&e.to_string()))?;
                    if !category.modes().contains(&m) {
                        return Err(bad(&format!("mode {m} is not a mode of {category}")));
                    }
                    Some(m)
                }
            };
            let row = self.rows.len();
            self.rows.push(TriggerRow {
                category,
                mode,
                pos,
                roles,
            });
            for f in cols[4].split('|') {
                let words: Vec<String> = f.split_whitespace().map(fold_key).collect();
                if words.is_empty() || words.iter().any(String::is_empty) {
                    continue;
                }
                match self.by_words.get(&words) {
                    Some(&fi) => {
                        if !self.forms[fi].rows.contains(&row) {
                            self.forms[fi].rows.push(row);
                        }
                    }
                    None => {
                        let fi = self.forms.len();
                        self.by_words.insert(words.clone(), fi);
                        self.by_first.entry(words[0].clone()).or_default().push(fi);
                        self.forms.push(Form {
                            words,
                            rows: vec![row],
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Forms whose first word is `w` (folded).
    pub fn starting_with(&self, w: &str) -> &[usize] {
        self.by_first.get(w).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The cue kinds of `cues.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    Future,
    Negated,
    Hypothetical,
    Historical,
    Attribution,
    Location,
    Mediator,
    Host,
    Question,
    Opinion,
    Generic,
    Casualty,
}

/// What a casualty cue counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Toll {
    Dead,
    Injured,
    Arrested,
    Other,
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub name: String,
    pub kind: CueKind,
    pub toll: Option<Toll>,
}

/// Cue phrases indexed by their first folded word; clitic-prefix cues kept apart.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    pub cues: Vec<Cue>,
    /// (folded words, cue index)
    pub phrases: Vec<(Vec<String>, usize)>,
    by_first: HashMap<String, Vec<usize>>,
}

impl Cues {
    pub fn parse_into(&mut self, name: &str, contents: &str) -> Result<(), Error> {
        for (line, cols) in data_rows(contents, "cue") {
            let bad = |why: &str| Error::Data {
                file: name.to_string(),
                line,
                why: why.to_string(),
            };
            if cols.len() < 3 {
                return Err(bad("expected cue, kind, forms"));
            }
            let kind = match cols[1].trim() {
                "future" => CueKind::Future,
                "negated" => CueKind::Negated,
                "hypothetical" => CueKind::Hypothetical,
                "historical" => CueKind::Historical,
                "attribution" => CueKind::Attribution,
                "location" => CueKind::Location,
                "mediator" => CueKind::Mediator,
                "host" => CueKind::Host,
                "question" => CueKind::Question,
                "opinion" => CueKind::Opinion,
                "generic" => CueKind::Generic,
                "casualty" => CueKind::Casualty,
                _ => return Err(bad("unknown cue kind")),
            };
            let toll = (kind == CueKind::Casualty).then(|| {
                match cols
                    .get(3)
                    .and_then(|s| s.split_whitespace().next())
                    .unwrap_or("")
                    .trim_end_matches(':')
                {
                    "dead" => Toll::Dead,
                    "injured" => Toll::Injured,
                    "arrested" => Toll::Arrested,
                    _ => Toll::Other,
                }
            });
            let ci = self.cues.len();
            self.cues.push(Cue {
                name: cols[0].trim().to_string(),
                kind,
                toll,
            });
            for f in cols[2].split('|') {
                if f.ends_with('ـ') {
                    continue; // clitic-prefix cues are handled by the matcher itself
                }
                let words: Vec<String> = f.split_whitespace().map(fold_key).collect();
                if words.is_empty() || words.iter().any(String::is_empty) {
                    continue;
                }
                let pi = self.phrases.len();
                self.by_first.entry(words[0].clone()).or_default().push(pi);
                self.phrases.push((words, ci));
            }
        }
        Ok(())
    }

    pub fn starting_with(&self, w: &str) -> &[usize] {
        self.by_first.get(w).map(Vec::as_slice).unwrap_or(&[])
    }
}

pub const TRIGGERS_TSV: &str = include_str!("../../../data/events/triggers.tsv");
pub const CUES_TSV: &str = include_str!("../../../data/events/cues.tsv");
pub const SECTORS_TSV: &str = include_str!("../../../data/kb/sectors.tsv");
pub const PARTIES_TSV: &str = include_str!("../../../data/events/parties.tsv");

/// Common-noun parties (`data/events/parties.tsv`): folded forms with their sector, indexed by
/// first word.
#[derive(Debug, Clone, Default)]
pub struct Parties {
    pub forms: Vec<(Vec<String>, hadath_core::Sector)>,
    /// Per form: the state it stands for, by the state the document is about (the `theatres`
    /// column: التحالف is Saudi Arabia's coalition in a report on Yemen).
    pub theatres: Vec<Vec<(String, String)>>,
    by_first: HashMap<String, Vec<usize>>,
}

impl Parties {
    pub fn parse_into(&mut self, name: &str, contents: &str) -> Result<(), Error> {
        for (line, cols) in data_rows(contents, "sector") {
            let bad = |why: &str| Error::Data {
                file: name.to_string(),
                line,
                why: why.to_string(),
            };
            if cols.len() < 2 {
                return Err(bad("expected sector, forms"));
            }
            let sector: hadath_core::Sector = cols[0]
                .trim()
                .parse()
                .map_err(|e: hadath_core::UnknownWord| bad(&e.to_string()))?;
            // theatres: «YEM:SAU SYR:USA» (optional, after the example)
            let mut theatre = Vec::new();
            for pair in cols.get(3).map_or("", |c| c.trim()).split_whitespace() {
                let (at, code) = pair
                    .split_once(':')
                    .filter(|(a, c)| a.len() == 3 && !c.is_empty())
                    .ok_or_else(|| bad(&format!("theatre {pair:?} is not STATE:CODE (YEM:SAU)")))?;
                theatre.push((at.to_string(), code.to_string()));
            }
            for f in cols[1].split('|') {
                let words: Vec<String> = f.split_whitespace().map(fold_key).collect();
                if words.is_empty() || words.iter().any(String::is_empty) {
                    return Err(bad(&format!("empty form in «{}»", cols[1])));
                }
                let fi = self.forms.len();
                self.by_first.entry(words[0].clone()).or_default().push(fi);
                // للمسلحين: the article after ل is written لل, indexed too so that a lookup
                // strips clitics without allocating
                if let Some(rest) = words[0].strip_prefix("ال") {
                    self.by_first
                        .entry(format!("لل{rest}"))
                        .or_default()
                        .push(fi);
                }
                self.forms.push((words, sector));
                self.theatres.push(theatre.clone());
            }
        }
        Ok(())
    }

    pub fn starting_with(&self, w: &str) -> &[usize] {
        self.by_first.get(w).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The PLOVER sector a party takes from its knowledge-base entry (`data/kb/sectors.tsv`).
#[derive(Debug, Clone, Default)]
pub struct Sectors {
    /// By organisation kind, by office and by entity kind (looked up without allocating: this
    /// runs for every knowledge-base mention).
    org: HashMap<String, hadath_core::Sector>,
    office: HashMap<String, hadath_core::Sector>,
    entity: HashMap<String, hadath_core::Sector>,
}

impl Sectors {
    pub fn parse_into(&mut self, name: &str, contents: &str) -> Result<(), Error> {
        for (line, cols) in data_rows(contents, "field") {
            let bad = |why: &str| Error::Data {
                file: name.to_string(),
                line,
                why: why.to_string(),
            };
            if cols.len() < 3 {
                return Err(bad("expected field, value, sector"));
            }
            let map = match cols[0].trim() {
                "org" => &mut self.org,
                "office" => &mut self.office,
                "entity" => &mut self.entity,
                _ => return Err(bad("field must be org, office or entity")),
            };
            let sector: hadath_core::Sector = cols[2]
                .trim()
                .parse()
                .map_err(|e: hadath_core::UnknownWord| bad(&e.to_string()))?;
            map.insert(cols[1].trim().to_string(), sector);
        }
        Ok(())
    }

    /// The sector of an entry: by its organisation kind, else its office, else its entity kind.
    pub fn of(
        &self,
        org_kind: &str,
        office: Option<&str>,
        entity: &str,
    ) -> Option<hadath_core::Sector> {
        self.org
            .get(org_kind)
            .or_else(|| office.and_then(|o| self.office.get(o)))
            .or_else(|| self.entity.get(entity))
            .copied()
    }
}

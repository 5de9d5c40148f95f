//! Parsing and validating the knowledge-base sources.

use super::*;

/// Parse a term date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `end` fills missing parts with the last
/// month/day. Returns yyyymmdd.
pub fn parse_date(s: &str, end: bool) -> Result<u32, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, lo: u32, hi: u32, what: &str| -> Result<u32, String> {
        let v: u32 = p.parse().map_err(|_| format!("bad {what} in date {s:?}"))?;
        if v < lo || v > hi {
            return Err(format!("{what} out of range in date {s:?}"));
        }
        Ok(v)
    };
    let (y, m, d) = match parts.as_slice() {
        [y] => (
            num(y, 1000, 2999, "year")?,
            if end { 12 } else { 1 },
            if end { 31 } else { 1 },
        ),
        [y, m] => (
            num(y, 1000, 2999, "year")?,
            num(m, 1, 12, "month")?,
            if end { 31 } else { 1 },
        ),
        [y, m, d] => (
            num(y, 1000, 2999, "year")?,
            num(m, 1, 12, "month")?,
            num(d, 1, 31, "day")?,
        ),
        _ => return Err(format!("bad date {s:?}: want YYYY, YYYY-MM or YYYY-MM-DD")),
    };
    Ok(y * 10000 + m * 100 + d)
}

fn valid_code(c: &str) -> bool {
    (c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) || IGO_CODES.contains(&c)
}

impl Compiled {
    pub fn new(base: u32) -> Compiled {
        Compiled {
            base,
            ..Compiled::default()
        }
    }

    fn push_entry(&mut self, e: RawEntry) -> u32 {
        let id = self.base + self.entries.len() as u32;
        self.entries.push(e);
        id
    }

    /// Parse one source file of `kind` named `file` (for messages) and add its entries and keys.
    /// `resolve` finds the entry of a state/IGO code among entries compiled before (for metonyms).
    pub fn add_source(
        &mut self,
        kind: SourceKind,
        file: &str,
        contents: &str,
        resolve: &dyn Fn(&str) -> Option<(u32, u8)>,
    ) -> Result<(), LineError> {
        let cols = kind.columns();
        let mut header_seen = false;
        for (n, line) in contents.lines().enumerate() {
            let lineno = n + 1;
            let err = |msg: String| LineError {
                file: file.to_string(),
                line: lineno,
                msg,
            };
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            if !header_seen {
                header_seen = true;
                if cells.first() == Some(&cols[0]) {
                    if cells.len() != cols.len() || cells.iter().zip(cols).any(|(a, b)| a != b) {
                        return Err(err(format!(
                            "header should be {:?}, found {:?}",
                            cols.join("\t"),
                            line
                        )));
                    }
                    continue;
                }
            }
            if cells.len() != cols.len() {
                return Err(err(format!(
                    "expected {} tab-separated columns ({}), found {}",
                    cols.len(),
                    cols.join(", "),
                    cells.len()
                )));
            }
            let get = |c: &str| -> Result<&str, LineError> {
                let i = cols.iter().position(|x| *x == c).expect("known column");
                let v = cells[i];
                if v.is_empty() && !kind.optional(c) {
                    return Err(err(format!("column {c} is empty")));
                }
                Ok(v)
            };
            let code = |c: &str| -> Result<String, LineError> {
                if c.is_empty() || valid_code(c) {
                    Ok(c.to_string())
                } else {
                    Err(err(format!(
                        "bad code {c:?}: want ISO 3166-1 alpha-3 or one of {}",
                        IGO_CODES.join(" ")
                    )))
                }
            };
            let names = |c: &str| -> Result<Vec<&str>, LineError> {
                let v = get(c)?;
                let out: Vec<&str> = v
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                if out.is_empty() && !kind.optional(c) {
                    return Err(err(format!("column {c} has no names")));
                }
                Ok(out)
            };
            let entry = |k: u8, sub: u8, name: &str, code: String| RawEntry {
                kind: k,
                sub,
                name: name.to_string(),
                code,
                extra: String::new(),
                from: 0,
                to: 0,
                pop: 0,
            };
            match kind {
                SourceKind::Countries => {
                    let c = code(get("code")?)?;
                    let id = self.push_entry(entry(kind::COUNTRY, 0, get("name_en")?, c.clone()));
                    self.by_code.entry(c).or_insert(id);
                    for n in names("names_ar")? {
                        self.add_key(n, id, how::NAME, 5);
                    }
                    for stem in names("nisba")? {
                        let stem = fold_key(stem);
                        if !stem.ends_with('ي') {
                            return Err(err(format!("nisba stem {stem:?} should end in ي")));
                        }
                        for f in nisba_forms(&stem) {
                            self.add_key(&f, id, how::NISBA, 0);
                        }
                    }
                    for p in names("plurals")? {
                        self.add_key(p, id, how::NISBA, 0);
                    }
                }
                SourceKind::Cities => {
                    let c = code(get("code")?)?;
                    let pop = get("population")?;
                    let pop = if pop.is_empty() {
                        0
                    } else {
                        pop.parse::<u32>()
                            .map_err(|_| err(format!("bad population {pop:?}")))?
                    };
                    let mut e = entry(kind::CITY, 0, get("name_en")?, c);
                    e.pop = pop;
                    let id = self.push_entry(e);
                    for n in names("names_ar")? {
                        self.add_key(n, id, how::NAME, 0);
                    }
                }
                SourceKind::Regions => {
                    let c = code(get("code")?)?;
                    let mut e = entry(kind::REGION, 0, get("name_en")?, c);
                    e.extra = get("kind")?.to_string();
                    let id = self.push_entry(e);
                    for n in names("names_ar")? {
                        self.add_key(n, id, how::NAME, 4);
                    }
                }
                SourceKind::People => {
                    let c = code(get("code")?)?;
                    let office = get("office")?;
                    let sub = OFFICES.iter().position(|o| *o == office).ok_or_else(|| {
                        err(format!(
                            "unknown office {office:?}: want one of {}",
                            OFFICES.join(" ")
                        ))
                    })?;
                    let mut e = entry(kind::PERSON, sub as u8, get("name_en")?, c);
                    let from = get("from")?;
                    let to = get("to")?;
                    e.from = if from.is_empty() {
                        0
                    } else {
                        parse_date(from, false).map_err(&err)?
                    };
                    e.to = if to.is_empty() {
                        0
                    } else {
                        parse_date(to, true).map_err(&err)?
                    };
                    if e.from != 0 && e.to != 0 && e.to < e.from {
                        return Err(err(format!("term ends ({to}) before it starts ({from})")));
                    }
                    let id = self.push_entry(e);
                    for n in names("names_ar")? {
                        self.add_key(n, id, how::NAME, 4);
                    }
                }
                SourceKind::Orgs => {
                    let c = code(get("code")?)?;
                    let k = get("kind")?;
                    let sub = ORG_KINDS.iter().position(|o| *o == k).ok_or_else(|| {
                        err(format!(
                            "unknown kind {k:?}: want one of {}",
                            ORG_KINDS.join(" ")
                        ))
                    })?;
                    let ek = if k == "igo" { kind::IGO } else { kind::ORG };
                    let id = self.push_entry(entry(ek, sub as u8, get("name_en")?, c.clone()));
                    if k == "igo" && !c.is_empty() {
                        self.by_code.entry(c).or_insert(id);
                    }
                    let loose = k == "media";
                    for n in names("names_ar")? {
                        self.add_key(n, id, how::NAME, if loose { 4 } else { 0 });
                    }
                }
                SourceKind::Metonyms => {
                    let c = code(get("code")?)?;
                    let target = self
                        .by_code
                        .get(&c)
                        .copied()
                        .or_else(|| resolve(&c).map(|x| x.0));
                    let Some(target) = target else {
                        return Err(err(format!(
                            "code {c} names no state or IGO in the knowledge base"
                        )));
                    };
                    for n in names("names_ar")? {
                        self.add_key(n, target, how::METONYM, 0);
                    }
                }
                SourceKind::Titles => {
                    let office = get("office")?;
                    let sub = OFFICES.iter().position(|o| *o == office).ok_or_else(|| {
                        err(format!(
                            "unknown office {office:?}: want one of {}",
                            OFFICES.join(" ")
                        ))
                    })?;
                    let id = self.push_entry(entry(kind::TITLE, sub as u8, office, String::new()));
                    for n in names("names_ar")? {
                        // Titles are common words by nature: add them without the stopword filter.
                        let k = fold_key(n);
                        if k.chars().count() > 2 {
                            self.keys.push(RawKey {
                                key: k,
                                entry: id,
                                how: how::NAME,
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

//! Reading the gazetteer's TSV files (`data/geo/`): shared by `build.rs`, which compiles the
//! embedded ones, and the library, which reads users' files of the same formats.

use std::collections::HashMap;

/// What kind of row a record is.
pub mod kind {
    /// A GeoNames populated place (`places.tsv`).
    pub const PLACE: u8 = 0;
    /// An admin-1 region (`admin1.tsv`, or a `features.tsv` row of kind `admin1`).
    pub const ADMIN1: u8 = 1;
    /// A sea, strait, crossing, border area or other named feature (`features.tsv`).
    pub const FEATURE: u8 = 2;
}

/// One gazetteer record, as parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// [`kind`].
    pub kind: u8,
    /// GeoNames id; 0 when none.
    pub geonameid: u32,
    /// English name.
    pub name_en: String,
    /// ISO alpha-3 of the state; empty for international waters.
    pub code: String,
    /// GeoNames admin-1 code (places and admin-1 regions); empty when unknown.
    pub admin1: String,
    /// Feature kind (sea, strait, crossing …) for features; empty otherwise.
    pub feature: String,
    /// WGS84 latitude.
    pub lat: f32,
    /// WGS84 longitude.
    pub lon: f32,
    /// Population (places), the sum of its places' (admin-1), 0 when unknown.
    pub population: u32,
    /// A name that is also a common word: a place only after a settlement word.
    pub common: bool,
    /// Arabic names as written.
    pub names: Vec<String>,
}

/// A bad line: the file, the 1-based line number and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    /// The file's name as given.
    pub file: String,
    /// 1-based line number (0: the file as a whole).
    pub line: usize,
    /// What is wrong.
    pub msg: String,
}

/// The gazetteer files, by the stem of their name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoSource {
    /// `places.tsv`: geonameid, name_en, code, admin1, lat, lon, population, common, names_ar.
    Places,
    /// `admin1.tsv`: code, admin1, iso, name_en, lat, lon, names_ar.
    Admin1,
    /// `features.tsv`: name_en, code, kind, lat, lon, names_ar.
    Features,
}

impl GeoSource {
    /// Every kind, in the order the build compiles them.
    pub const ALL: [GeoSource; 3] = [GeoSource::Places, GeoSource::Admin1, GeoSource::Features];

    /// The file stem (`places`, `admin1`, `features`).
    pub fn file_stem(self) -> &'static str {
        match self {
            GeoSource::Places => "places",
            GeoSource::Admin1 => "admin1",
            GeoSource::Features => "features",
        }
    }

    fn header(self) -> &'static [&'static str] {
        match self {
            GeoSource::Places => &[
                "geonameid",
                "name_en",
                "code",
                "admin1",
                "lat",
                "lon",
                "population",
                "common",
                "names_ar",
            ],
            GeoSource::Admin1 => &["code", "admin1", "iso", "name_en", "lat", "lon", "names_ar"],
            GeoSource::Features => &["name_en", "code", "kind", "lat", "lon", "names_ar"],
        }
    }

    /// The kind a file name stands for: its stem, or a part of it split at `-`, `.` or `_`
    /// (`places.tsv`, `my-places.tsv`, `features.local.tsv`).
    pub fn of_file_name(name: &str) -> Option<GeoSource> {
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = stem.trim_end_matches(".tsv");
        GeoSource::ALL.into_iter().find(|k| {
            stem == k.file_stem() || stem.split(['-', '.', '_']).any(|p| p == k.file_stem())
        })
    }
}

const FEATURE_KINDS: &[&str] = &[
    "sea", "strait", "gulf", "canal", "crossing", "border", "area", "admin1", "island", "river",
];

/// Parse one gazetteer file of `kind`.
///
/// # Errors
///
/// The first bad line: a header that does not match the kind, a wrong number of columns, a
/// bad number, a coordinate out of range, a state code that is not three capital letters, an
/// unknown feature kind, no Arabic names.
pub fn parse(kind: GeoSource, file: &str, text: &str) -> Result<Vec<Row>, LineError> {
    let err = |line: usize, msg: String| LineError {
        file: file.to_string(),
        line,
        msg,
    };
    let want = kind.header();
    let mut header_seen = false;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            if cols != want {
                return Err(err(
                    n,
                    format!("the header must be `{}` (tab-separated)", want.join(" ")),
                ));
            }
            header_seen = true;
            continue;
        }
        if cols.len() != want.len() {
            return Err(err(
                n,
                format!(
                    "{} columns, want {} ({})",
                    cols.len(),
                    want.len(),
                    want.join(", ")
                ),
            ));
        }
        let col = |name: &str| cols[want.iter().position(|c| *c == name).expect("column")].trim();
        let num = |name: &str| -> Result<f32, LineError> {
            col(name)
                .parse::<f32>()
                .map_err(|_| err(n, format!("{name}: not a number: {:?}", col(name))))
        };
        let (lat, lon) = (num("lat")?, num("lon")?);
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(err(n, format!("lat/lon out of range: {lat}, {lon}")));
        }
        let code = col("code").to_string();
        let ok =
            code.is_empty() || (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()));
        if !ok {
            return Err(err(
                n,
                format!("code: want an ISO alpha-3 code, got {code:?}"),
            ));
        }
        let names: Vec<String> = col("names_ar")
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if names.is_empty() {
            return Err(err(n, "names_ar: no names".into()));
        }
        let name_en = col("name_en").to_string();
        if name_en.is_empty() {
            return Err(err(n, "name_en is empty".into()));
        }
        let row = match kind {
            GeoSource::Places => {
                let int = |name: &str| -> Result<u32, LineError> {
                    col(name)
                        .parse::<u32>()
                        .map_err(|_| err(n, format!("{name}: not a whole number: {:?}", col(name))))
                };
                let common = match col("common") {
                    "0" | "" => false,
                    "1" => true,
                    x => return Err(err(n, format!("common: want 0 or 1, got {x:?}"))),
                };
                Row {
                    kind: kind::PLACE,
                    geonameid: int("geonameid")?,
                    name_en,
                    code,
                    admin1: col("admin1").to_string(),
                    feature: String::new(),
                    lat,
                    lon,
                    population: if col("population").is_empty() {
                        0
                    } else {
                        int("population")?
                    },
                    common,
                    names,
                }
            }
            GeoSource::Admin1 => Row {
                kind: kind::ADMIN1,
                geonameid: 0,
                name_en,
                code,
                admin1: col("admin1").to_string(),
                feature: String::new(),
                lat,
                lon,
                population: 0,
                common: false,
                names,
            },
            GeoSource::Features => {
                let k = col("kind");
                if !FEATURE_KINDS.contains(&k) {
                    return Err(err(
                        n,
                        format!("kind: want one of {}, got {k:?}", FEATURE_KINDS.join(", ")),
                    ));
                }
                Row {
                    kind: if k == "admin1" {
                        kind::ADMIN1
                    } else {
                        kind::FEATURE
                    },
                    geonameid: 0,
                    name_en,
                    code,
                    admin1: String::new(),
                    feature: k.to_string(),
                    lat,
                    lon,
                    population: 0,
                    common: false,
                    names,
                }
            }
        };
        out.push(row);
    }
    if !header_seen {
        return Err(err(0, format!("no header line `{}`", want.join(" "))));
    }
    Ok(out)
}

/// The folded keys of the rows' names, each with the indexes of the rows (offset by `base`)
/// that bear it, sorted by key.
pub fn keys(rows: &[Row], base: u32) -> Vec<(String, Vec<u32>)> {
    let mut m: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        for n in &r.names {
            let k = hadath_text::fold_key(n);
            if k.is_empty() {
                continue;
            }
            let v = m.entry(k).or_default();
            if !v.contains(&(base + i as u32)) {
                v.push(base + i as u32);
            }
        }
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Encode rows as records: per row `kind u8, common u8, code [u8; 3], geonameid u32,
/// lat f32, lon f32, population u32`, then the English name, the admin-1 code and the feature
/// kind, each as `len u16` + UTF-8. An offset table (`u32` each) comes first, after the count.
#[allow(dead_code)] // used by build.rs
pub fn encode(rows: &[Row]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut offs = Vec::with_capacity(rows.len());
    for r in rows {
        offs.push(body.len() as u32);
        body.push(r.kind);
        body.push(r.common as u8);
        let mut code = [b' '; 3];
        code[..r.code.len().min(3)].copy_from_slice(&r.code.as_bytes()[..r.code.len().min(3)]);
        body.extend_from_slice(&code);
        body.extend_from_slice(&r.geonameid.to_le_bytes());
        body.extend_from_slice(&r.lat.to_le_bytes());
        body.extend_from_slice(&r.lon.to_le_bytes());
        body.extend_from_slice(&r.population.to_le_bytes());
        for s in [&r.name_en, &r.admin1, &r.feature] {
            body.extend_from_slice(&(s.len() as u16).to_le_bytes());
            body.extend_from_slice(s.as_bytes());
        }
    }
    let mut out = Vec::with_capacity(4 + offs.len() * 4 + body.len());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for o in offs {
        out.extend_from_slice(&o.to_le_bytes());
    }
    out.extend_from_slice(&body);
    out
}

/// Decode record `i` of [`encode`]'s bytes (names are left empty: the fst holds them).
pub fn decode(bytes: &[u8], i: usize) -> Option<Row> {
    let u32_at = |p: usize| -> Option<u32> {
        Some(u32::from_le_bytes(bytes.get(p..p + 4)?.try_into().ok()?))
    };
    let n = u32_at(0)? as usize;
    if i >= n {
        return None;
    }
    let body = 4 + n * 4;
    let mut p = body + u32_at(4 + i * 4)? as usize;
    let head = bytes.get(p..p + 21)?;
    let code = std::str::from_utf8(&head[2..5]).ok()?.trim().to_string();
    let f32_at = |q: usize| f32::from_le_bytes(head[q..q + 4].try_into().expect("4 bytes"));
    let mut row = Row {
        kind: head[0],
        common: head[1] != 0,
        code,
        geonameid: u32::from_le_bytes(head[5..9].try_into().ok()?),
        lat: f32_at(9),
        lon: f32_at(13),
        population: u32::from_le_bytes(head[17..21].try_into().ok()?),
        name_en: String::new(),
        admin1: String::new(),
        feature: String::new(),
        names: Vec::new(),
    };
    p += 21;
    for k in 0..3 {
        let len = u16::from_le_bytes(bytes.get(p..p + 2)?.try_into().ok()?) as usize;
        let s = std::str::from_utf8(bytes.get(p + 2..p + 2 + len)?)
            .ok()?
            .to_string();
        match k {
            0 => row.name_en = s,
            1 => row.admin1 = s,
            _ => row.feature = s,
        }
        p += 2 + len;
    }
    Some(row)
}

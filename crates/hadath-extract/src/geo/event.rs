//! Where an event happened, from the places and states around it.

use super::Ent;
use hadath_core::GeoPrecision;

fn precision(e: &Ent) -> Option<GeoPrecision> {
    e.geo.as_ref().map(|g| g.precision)
}

/// A place finer than a country: a town, a region, a feature.
fn finer(e: &Ent) -> bool {
    e.place && precision(e).is_some_and(|p| p != GeoPrecision::Country)
}

/// A city standing for its state's government (الخرطوم تحاكم): where that government acted
/// when its clause names no other place.
fn metonym_city(e: &Ent) -> bool {
    e.via == "metonym" && precision(e) == Some(GeoPrecision::Place)
}

/// No finer than a region: a state's point, a region, a part of a country named by direction,
/// a broad area (سيناء).
fn coarse(e: &Ent) -> bool {
    e.geo.as_ref().is_some_and(|g| rank(g) < 2)
}

/// How far after a headline its lead is sought for a finer place, in bytes (about the two
/// sentences that follow it).
const LEAD_BYTES: usize = 800;

/// Where the lead begins (the end of the document's first line, its headline) when the span
/// lies in the headline and more text follows. A first line longer than a headline is a
/// paragraph: none.
pub(crate) fn headline(text: &str, span: &std::ops::Range<usize>) -> Option<usize> {
    let n = text.trim_start().find('\n')?;
    let first_end = text.len() - text.trim_start().len() + n;
    (n <= HEADLINE_BYTES && span.end <= first_end && !text[first_end..].trim().is_empty())
        .then_some(first_end)
}

/// The longest first line read as a headline (about 25 Arabic words).
const HEADLINE_BYTES: usize = 300;

/// How far from a broad area's point (a part of a country named by direction, سيناء) the
/// lead's town may lie: such an area has no GeoNames code to test it by.
const AREA_KM: f64 = 300.0;

/// How fine a place is: a state's point 0, a region or broad area 1, a town 2.
fn rank(g: &super::Geo) -> u8 {
    match g.precision {
        GeoPrecision::Country => 0,
        GeoPrecision::Admin1 => 1,
        GeoPrecision::Place if g.area => 1,
        GeoPrecision::Place => 2,
    }
}

/// A headline names the state or the region (مقتل شرطي جنوب تركيا); its lead names the town
/// (في أحد أحياء دياربكر). For a headline event of a type that happens at a place, placed no
/// finer than a region: the first finer place of the lead in that state (in that region when
/// it has a GeoNames code).
fn lead_town(ents: &[Ent], at: usize, lead: usize) -> Option<usize> {
    let e = &ents[at];
    let g0 = e.geo.as_ref()?;
    // a region the gazetteer could not place (الجنوب الليبي at Libya's point): a town of its
    // state need not lie in it
    if g0.precision == GeoPrecision::Country && !(e.country || e.kind == "nationality") {
        return None;
    }
    let region = (g0.precision == GeoPrecision::Admin1 && !g0.area)
        .then_some(g0.admin1.as_ref())
        .flatten();
    let lo = ents.partition_point(|x| x.src.start < lead);
    (lo..ents.len())
        .take_while(|&j| ents[j].src.start < lead + LEAD_BYTES)
        .find(|&j| {
            let x = &ents[j];
            x.place
                && x.code.is_some()
                && x.code == e.code
                && x.geo.as_ref().is_some_and(|g| {
                    rank(g) > rank(g0)
                        && !g.water
                        && region.is_none_or(|r| g.admin1.as_ref() == Some(r))
                        && (!g0.area || km(g.lat, g.lon, g0.lat, g0.lon) <= AREA_KM)
                })
        })
}

/// Where an event happened: the place its clause names (`found`, from the roles), else a
/// place with coordinates inside its evidence, else, for an event of a type that happens at a
/// place (`data/geo/grounded.tsv`: attacks, arrests, protests), the place the document names
/// nearest before it (in the state of its clause or parties when they name one), else the one
/// state all its coded parties share, or that its recipients share. The mention's index, and
/// a reason when it was not `found`.
pub(crate) fn event_place(
    kind: hadath_core::Category,
    found: Option<usize>,
    evidence: &std::ops::Range<usize>,
    headline: Option<usize>,
    parties: &[usize],
    recipients: &[usize],
    ents: &[Ent],
) -> Option<(usize, Option<String>)> {
    let grounded = hadath_geo::Rules::embedded().grounded(kind.as_str());
    let placed = place_of(grounded, found, evidence, parties, recipients, ents)?;
    let Some(lead) = headline.filter(|_| grounded && coarse(&ents[placed.0])) else {
        return Some(placed);
    };
    match lead_town(ents, placed.0, lead) {
        Some(j) => {
            let why = ents[j].geo.as_ref().map(|g| {
                format!(
                    "a headline placed at «{}»: the town its lead names there; {}",
                    ents[placed.0].name.as_deref().unwrap_or(""),
                    g.reason
                )
            });
            Some((j, why))
        }
        None => Some(placed),
    }
}

fn place_of(
    grounded: bool,
    found: Option<usize>,
    evidence: &std::ops::Range<usize>,
    parties: &[usize],
    recipients: &[usize],
    ents: &[Ent],
) -> Option<(usize, Option<String>)> {
    let lo = ents.partition_point(|e| e.src.start < evidence.start);
    let clause = || {
        (lo..ents.len())
            .take_while(|&i| ents[i].src.start < evidence.end)
            .filter(|&i| ents[i].src.end <= evidence.end)
    };
    // a place with coordinates in the clause; when the roles gave a whole state (or a part of
    // it named by direction: شمال العراق), one inside it
    let coarse_code = found.and_then(|i| {
        let e = &ents[i];
        (precision(e).is_none_or(|p| p == GeoPrecision::Country) || e.country && e.kind != "city")
            .then(|| e.code.clone())
    });
    if let Some(i) = found.filter(|_| coarse_code.is_none()) {
        // a region, and a town of that region in the same clause: the town
        if let Some(region) = ents[i]
            .geo
            .as_ref()
            .filter(|g| g.precision == GeoPrecision::Admin1)
        {
            let inside = clause().find(|&j| in_region(&ents[j], &ents[i], region));
            if let Some(j) = inside {
                let why = ents[j]
                    .geo
                    .as_ref()
                    .map(|g| format!("a place in the region its clause names; {}", g.reason));
                return Some((j, why));
            }
        }
        return Some((i, None));
    }
    // in the coarse place's state, when the clause names one
    let in_state = |i: usize| {
        coarse_code
            .as_ref()
            .is_none_or(|c| c.is_none() || *c == ents[i].code)
    };
    if let Some(i) = clause().find(|&i| finer(&ents[i]) && in_state(i)) {
        let why = ents[i]
            .geo
            .as_ref()
            .map(|g| format!("named in its clause; {}", g.reason));
        return Some((i, why));
    }
    // a capital standing for its government, when the clause names no other place
    if let Some(i) = clause().find(|&i| metonym_city(&ents[i]) && in_state(i)) {
        let why = ents[i]
            .geo
            .as_ref()
            .map(|g| format!("no other place in its clause; {}", g.reason));
        return Some((i, why));
    }
    let coded = |i: &usize| ents[*i].code.as_deref().filter(|c| c.len() == 3);
    let states: Vec<&str> = match &coarse_code {
        Some(Some(c)) => vec![c.as_str()],
        _ => parties.iter().filter_map(coded).collect(),
    };
    if let Some((i, why)) = document_place(ents, lo, &states).filter(|_| grounded) {
        let why = ents[i]
            .geo
            .as_ref()
            .map(|g| format!("no place in its clause; {why}; {}", g.reason));
        return Some((i, why));
    }
    if let Some(i) = found {
        return Some((i, None));
    }
    let one_state = |v: &[usize]| {
        let mut it = v.iter().filter(|i| coded(i).is_some());
        let first = *it.next()?;
        let c = ents[first].code.as_deref();
        it.all(|&i| ents[i].code.as_deref() == c).then_some(first)
    };
    let (i, why) = match one_state(parties) {
        Some(i) => (i, "no place named; the one state of its parties"),
        None => (one_state(recipients)?, "no place named; the state acted on"),
    };
    let code = ents[i].code.as_deref()?;
    // the state's own mention: in the clause if it is there, else the document's first
    let named = |e: &Ent| {
        e.code.as_deref() == Some(code)
            && (precision(e) == Some(GeoPrecision::Country) || metonym_city(e))
    };
    let j = (lo..ents.len())
        .take_while(|&j| ents[j].src.start < evidence.end)
        .find(|&j| named(&ents[j]))
        .or_else(|| ents.iter().position(named))?;
    Some((j, Some(format!("{why}: {code}"))))
}

/// The place finer than a country that the document names nearest before mention `before`,
/// in one of `states` when they are given. A place named only after the event is not taken:
/// an article reports what happened before it moves on. Nor is a sea or a canal: named in
/// passing, it is a topic more often than where something happened. When the nearest is a
/// region, a town of that region (or near its point) named before it is finer and taken
/// instead.
fn document_place(ents: &[Ent], before: usize, states: &[&str]) -> Option<(usize, &'static str)> {
    let fits = |e: &Ent| {
        finer(e)
            && e.geo.as_ref().is_some_and(|g| !g.water)
            && (states.is_empty() || e.code.as_deref().is_some_and(|c| states.contains(&c)))
    };
    let from = before.saturating_sub(WINDOW);
    let mut earlier = (from..before).rev().filter(|&i| fits(&ents[i]));
    let i = earlier.next()?;
    let region = ents[i]
        .geo
        .as_ref()
        .filter(|g| g.precision == GeoPrecision::Admin1);
    let Some(region) = region else {
        return Some((i, "the document's place before it"));
    };
    match earlier.find(|&j| in_region(&ents[j], &ents[i], region)) {
        Some(j) => Some((
            j,
            "the document's place before it, in the region named after it",
        )),
        None => Some((i, "the document's place before it")),
    }
}

/// Whether mention `e` is a place inside the region of mention `r` (whose point is `region`):
/// in the same state, and in that region where the gazetteer says which region it is in, else
/// near the region's point.
fn in_region(e: &Ent, r: &Ent, region: &super::Geo) -> bool {
    e.place
        && e.code == r.code
        && e.geo.as_ref().is_some_and(|g| {
            g.precision == GeoPrecision::Place
                && match &g.admin1 {
                    Some(a) => region.admin1.as_ref() == Some(a),
                    None => km(g.lat, g.lon, region.lat, region.lon) <= NEAR_KM,
                }
        })
}

/// How many mentions back the document's place is sought: far enough for any article, and a
/// bound on the work for a document of endless mentions and no place.
const WINDOW: usize = 400;

/// How near a region's point a town must lie to be read as in it when the gazetteer does not
/// say (a region of `features.tsv` has no GeoNames code).
const NEAR_KM: f64 = 100.0;

/// The great-circle distance in kilometres.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

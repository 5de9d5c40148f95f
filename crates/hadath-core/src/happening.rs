//! The one notion of "the same happening", shared by the extractor (mentions in one document)
//! and the store (reports across documents): the same type, compatible dates, compatible
//! modalities and overlapping participants. The two scopes differ only where they must, and
//! say so: inside one document a date taken from the publication is weak and a participant
//! set inside another is the same happening; across documents both reports need a date and
//! the overlap must be shared by two participants or confirmed by the place.
//!
//! ```
//! use hadath_core::happening::{same_happening, Report, Scope};
//! use hadath_core::{Category, DateRange, Modality};
//! let d1 = DateRange::parse("2022-09-13");
//! let d2 = DateRange::parse("2022-09-14");
//! let a = Report { kind: Category::Assault, modality: Modality::Asserted, date: d1.as_ref(),
//!     weak_date: false, codes: &["ARM", "AZE"], actor_codes: &["AZE"], place: None };
//! let b = Report { date: d2.as_ref(), ..a };
//! assert!(same_happening(&a, &b, Scope::Corpus).is_some());   // a day apart: one clash
//! assert!(same_happening(&a, &b, Scope::Document).is_none()); // one article names one day
//! ```

use crate::dates::{DateRange, Precision};
use crate::vocab::{Category, Modality};

/// Jaccard threshold on participant codes.
pub const MIN_JACCARD: f64 = 0.5;
/// Days two day-precise dates of two reports may differ by and still be one happening.
pub const DAY_SLACK: i32 = 1;

/// Where the comparison happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Two mentions in one document.
    Document,
    /// Two reports in different documents.
    Corpus,
}

/// What a mention or report says about its happening.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The PLOVER category.
    pub kind: Category,
    /// How it is reported.
    pub modality: Modality,
    /// Its date, when it has one.
    pub date: Option<&'a DateRange>,
    /// Whether the date is only the publication date (weak evidence inside a document).
    pub weak_date: bool,
    /// The keys (codes, or `name:` keys) of every participant, sorted, without repeats.
    pub codes: &'a [&'a str],
    /// The keys of its actors.
    pub actor_codes: &'a [&'a str],
    /// The place's name, when one is named.
    pub place: Option<&'a str>,
}

/// Whether the two dates can be one happening's: inside a document a missing or weak date
/// fits any and dates must agree at the coarser precision; across documents both need one
/// and two day-precise dates may be [`DAY_SLACK`] apart.
pub fn dates_compatible(a: &Report, b: &Report, scope: Scope) -> bool {
    match scope {
        Scope::Document => {
            let weak = |r: &Report| r.date.is_none() || r.weak_date;
            if weak(a) || weak(b) {
                return true;
            }
            let (x, y) = (a.date.expect("not weak"), b.date.expect("not weak"));
            x.compatible(y, 0)
        }
        Scope::Corpus => match (a.date, b.date) {
            (Some(x), Some(y)) => x.compatible(y, DAY_SLACK),
            _ => false,
        },
    }
}

/// Whether the two modalities can report one happening: the same group; across documents a
/// plan and its fulfilment on the same day may also be one.
pub fn modalities_compatible(a: &Report, b: &Report, scope: Scope) -> bool {
    let (g1, g2) = (a.modality.group(), b.modality.group());
    if g1 == g2 {
        return true;
    }
    let day = |r: &Report| r.date.is_some_and(|d| d.precision == Precision::Day);
    scope == Scope::Corpus && g1.max(g2) == 1 && g1.min(g2) == 0 && day(a) && day(b)
}

/// The sizes of the intersection and the union of two sorted key lists.
pub fn overlap(a: &[&str], b: &[&str]) -> (usize, usize) {
    let shared = a.iter().filter(|x| b.contains(x)).count();
    (shared, a.len() + b.len() - shared)
}

/// Whether `a` and `b` report the same happening; `Some(score)` (participant overlap, 0–1)
/// when they do.
pub fn same_happening(a: &Report, b: &Report, scope: Scope) -> Option<f64> {
    if a.kind != b.kind || !dates_compatible(a, b, scope) || !modalities_compatible(a, b, scope) {
        return None;
    }
    let (shared, union) = overlap(a.codes, b.codes);
    let j = shared as f64 / union.max(1) as f64;
    match scope {
        Scope::Document => {
            if a.codes.is_empty() || b.codes.is_empty() {
                return (a.codes.is_empty() && b.codes.is_empty()).then_some(1.0);
            }
            let inside = shared == a.codes.len() || shared == b.codes.len();
            if !(j >= MIN_JACCARD || inside) {
                return None;
            }
            let actors_meet = a.actor_codes.is_empty()
                || b.actor_codes.is_empty()
                || a.actor_codes.iter().any(|x| b.actor_codes.contains(x));
            actors_meet.then_some(j)
        }
        Scope::Corpus => {
            let (da, db) = (a.date?, b.date?);
            match (a.place, b.place) {
                // Different places, even in one country, are different happenings.
                (Some(x), Some(y)) if x != y => return None,
                (Some(_), Some(_)) => {}
                // A date known only to the year is weak: both reports must name the place.
                _ if da.precision == Precision::Year || db.precision == Precision::Year => {
                    return None
                }
                _ => {}
            }
            let same_place = a.place.is_some() && a.place == b.place;
            if a.codes.is_empty() && b.codes.is_empty() {
                same_place.then_some(1.0)
            } else if shared >= 2 && j >= MIN_JACCARD {
                Some(j)
            } else if shared == 1 && union == 1 && same_place {
                Some(1.0)
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r<'a>(date: Option<&'a DateRange>, codes: &'a [&'a str]) -> Report<'a> {
        Report {
            kind: Category::Assault,
            modality: Modality::Asserted,
            date,
            weak_date: false,
            codes,
            actor_codes: &[],
            place: None,
        }
    }

    #[test]
    fn a_negated_attack_is_not_the_attack() {
        let d = DateRange::parse("2022-09-13").unwrap();
        let a = r(Some(&d), &["ARM", "AZE"]);
        let b = Report {
            modality: Modality::Negated,
            ..a
        };
        assert!(same_happening(&a, &b, Scope::Document).is_none());
        assert!(same_happening(&a, &b, Scope::Corpus).is_none());
    }

    #[test]
    fn inside_a_document_a_subset_of_participants_is_the_same_happening() {
        let a = r(None, &["ARM", "AZE"]);
        let b = r(None, &["AZE"]);
        assert!(same_happening(&a, &b, Scope::Document).is_some());
        // across documents, undated reports are never merged
        assert!(same_happening(&a, &b, Scope::Corpus).is_none());
    }

    #[test]
    fn across_documents_different_places_are_different_happenings() {
        let d = DateRange::parse("2022-09-13").unwrap();
        let a = Report {
            place: Some("Jermuk"),
            ..r(Some(&d), &["ARM", "AZE"])
        };
        let b = Report {
            place: Some("Goris"),
            ..a
        };
        assert!(same_happening(&a, &b, Scope::Corpus).is_none());
        let c = Report {
            place: Some("Jermuk"),
            ..a
        };
        assert_eq!(same_happening(&a, &c, Scope::Corpus), Some(1.0));
    }

    #[test]
    fn a_plan_and_its_fulfilment_on_one_day_match_only_across_documents() {
        let d = DateRange::parse("2022-09-13").unwrap();
        let a = r(Some(&d), &["ARM", "AZE"]);
        let b = Report {
            modality: Modality::Future,
            ..a
        };
        assert!(same_happening(&a, &b, Scope::Corpus).is_some());
        assert!(same_happening(&a, &b, Scope::Document).is_none());
    }
}

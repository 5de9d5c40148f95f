//! Dates that hold: a date the text does not state cannot fall before 1900 or years after the
//! publication date. Such a value comes from a misread (a two-digit year, a count taken for a
//! year, a long shift), and the expression keeps its span but loses its value.

use super::resolve::Resolved;
use super::{Tense, TimeExpr, TimexKind};
use crate::cal;

/// The first year a date may fall in without a four-digit year or a named era in the text.
pub(crate) const FIRST_YEAR: i32 = 1900;
/// How many years after the publication year a date may fall in unless the clause plans it.
pub(crate) const YEARS_AHEAD: i32 = 5;

/// The year the expression writes with four digits, if any.
fn stated_year(expr: &TimeExpr) -> Option<i32> {
    match *expr {
        TimeExpr::Greg { year, .. }
        | TimeExpr::Hijri { year, .. }
        | TimeExpr::Range { year, .. }
        | TimeExpr::Span { year, .. }
        | TimeExpr::Season { year, .. } => year.filter(|&y| y >= 1000),
        _ => None,
    }
}

/// `r`, or no value when its date cannot hold (see the module's documentation).
pub(super) fn checked(
    r: Resolved,
    expr: &TimeExpr,
    kind: TimexKind,
    tense: Tense,
    anchor: Option<i64>,
) -> Resolved {
    let era = matches!(expr, TimeExpr::Decade { .. } | TimeExpr::Century { .. });
    let Some(first) = r.first else { return r };
    if era || !matches!(kind, TimexKind::Date | TimexKind::Time) {
        return r;
    }
    let year = cal::civil_from_days(first).0;
    let stated = stated_year(expr).is_some();
    let early = year < FIRST_YEAR && !stated;
    let late = anchor.is_some_and(|a| {
        let planned = tense == Tense::Future || (stated && tense != Tense::Past);
        year > cal::civil_from_days(a).0 + YEARS_AHEAD && !planned
    });
    if early || late {
        Resolved::none(r.gran)
    } else {
        r
    }
}

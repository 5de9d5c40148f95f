//! Time and numbers in Arabic news: TIMEX3 time expressions resolved to ISO 8601 values, numbers
//! and counts with their qualifiers, and the publication date inferred from the text.
//!
//! ```
//! use hadath_text::Folded;
//! use hadath_time::{find_timexes, find_numbers, infer_publication, Qualifier};
//! use jiff::civil::date;
//!
//! let text = "قصفت القوات المواقع منذ الثلاثاء الماضي، وقتل أكثر من 6500 جندي.";
//! let f = Folded::new(text);
//! let t = find_timexes(text, &f, Some(date(2022, 9, 16)));
//! assert_eq!(&text[t[0].source.clone()], "الثلاثاء الماضي");
//! assert_eq!(t[0].value.as_deref(), Some("2022-09-13"));
//!
//! let n = find_numbers(text, &f);
//! assert_eq!((n[0].value, n[0].qualifier), (6500.0, Qualifier::MoreThan));
//!
//! let text = "نشرت الصحيفة، أمس الخميس 15 سبتمبر 2022، خبراً.";
//! let p = infer_publication(text, &Folded::new(text)).unwrap();
//! assert_eq!(p.date, date(2022, 9, 16));
//! ```
//!
//! Everything works on the folded text ([`hadath_text::Folded`]) and reports byte ranges into the
//! original text. Nothing here reads the clock: without an anchor, relative expressions are
//! recognised but get no value.
#![deny(missing_docs)]

mod cal;
mod guards;
mod numbers;
mod published;
mod scan;
mod tables;
mod timex;

use hadath_text::Folded;
use jiff::civil::Date;

pub use numbers::{Qualifier, Quantity};
pub use published::Published;
pub use tables::Unit;
pub use timex::{
    Anchoring, Deixis, Dir, Granularity, Part, Pick, Tense, TimeExpr, Timex, TimexKind,
};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    /// A date outside the supported range.
    #[error("date out of range: {0}")]
    OutOfRange(String),
}

/// Time expressions and numbers of one text, found in one pass over its tokens.
#[derive(Debug, Clone, Default)]
pub struct TimeAnalysis {
    /// The time expressions, in text order.
    pub timexes: Vec<Timex>,
    /// The numbers and counts, in text order, those inside a time expression left out.
    pub numbers: Vec<Quantity>,
    /// The publication date the text itself fixes, if any (see [`infer_publication`]).
    pub self_dated: Option<Published>,
}

/// Find the time expressions of `text` (folded as `folded`), resolved against the publication
/// date `anchor` where given. Relative expressions get no value without an anchor.
pub fn find_timexes(text: &str, folded: &Folded, anchor: Option<Date>) -> Vec<Timex> {
    debug_assert_eq!(text.len(), folded.source_len());
    let tk = scan::Toks::new(folded);
    timex::scan(&tk, anchor)
}

/// Find the numbers and counts of `text`. Numbers that belong to a time expression (a day, a
/// year, the count of a duration) are left out, so a count is never a year.
pub fn find_numbers(text: &str, folded: &Folded) -> Vec<Quantity> {
    analyze(text, folded, None).numbers
}

/// Time expressions and numbers in one pass.
pub fn analyze(text: &str, folded: &Folded, anchor: Option<Date>) -> TimeAnalysis {
    analyze_publishing(text, folded, anchor).0
}

/// [`analyze`], and when no publication date is `given`, the one the text fixes
/// ([`infer_publication`]) with its time expressions resolved against it: the text is scanned
/// once, and its expressions resolved once more only when the text dates itself. When a date is
/// given but the text's weekday contradicts it («اليوم الاثنين» in an article stamped Tuesday,
/// typical of crawl dates), the day the text gives is returned instead, with
/// [`Published::overrides`] set to the given date, and the expressions are resolved against it.
///
/// ```
/// let text = "أعلنت الوزارة أمس الخميس 15 سبتمبر 2022 أن الوفد يصل غدا.";
/// let f = hadath_text::Folded::new(text);
/// let (t, published) = hadath_time::analyze_publishing(text, &f, None);
/// assert_eq!(published.unwrap().date.to_string(), "2022-09-16");
/// // "غدا" (tomorrow) is resolved against the inferred date
/// assert!(t.timexes.iter().any(|x| x.value.as_deref() == Some("2022-09-17")));
/// ```
pub fn analyze_publishing(
    text: &str,
    folded: &Folded,
    given: Option<Date>,
) -> (TimeAnalysis, Option<Published>) {
    debug_assert_eq!(text.len(), folded.source_len());
    let tk = scan::Toks::new(folded);
    let parsed = timex::parse_all(&tk);
    let mut timexes = timex::resolve_all(&tk, &parsed, given);
    let inferred = match given {
        None => published::infer(text, &timexes),
        Some(g) => published::weekday_correction(text, &timexes, g),
    };
    if let Some(p) = &inferred {
        timexes = timex::resolve_all(&tk, &parsed, Some(p.date));
    }
    let skip: Vec<_> = timexes
        .iter()
        .map(|t| folded.folded_pos(t.source.start)..folded.folded_pos(t.source.end))
        .collect();
    let numbers = numbers::scan(&tk, &skip);
    let self_dated = published::infer(text, &timexes);
    (
        TimeAnalysis {
            timexes,
            numbers,
            self_dated,
        },
        inferred,
    )
}

/// Infer the publication date from the text alone: a self-dating phrase such as
/// "أمس الخميس 15 سبتمبر 2022" (the day before publication, with a consistent weekday). None
/// rather than a guess when the text does not fix it, or when its clues disagree.
pub fn infer_publication(text: &str, folded: &Folded) -> Option<Published> {
    let t = find_timexes(text, folded, None);
    published::infer(text, &t)
}

/// The days between `lo` and `hi` (inclusive; a crawl window, a range from other metadata) that
/// agree with the text's clues about its own date when it does not fix it: "اليوم الثلاثاء" keeps
/// the Tuesdays, "9 نوفمبر الجاري" keeps November from the 9th on. Every day of the range when
/// the text gives no clue; none when its clues contradict each other.
pub fn publication_candidates(text: &str, folded: &Folded, lo: Date, hi: Date) -> Vec<Date> {
    let t = find_timexes(text, folded, None);
    published::candidates(&t, cal::day_of(lo), cal::day_of(hi))
}

/// [`infer_publication`] from time expressions already found in `text` (with or without an
/// anchor: self-dating phrases carry their own year).
pub fn infer_publication_from(text: &str, timexes: &[Timex]) -> Option<Published> {
    published::infer(text, timexes)
}

/// Whether an event date holds (a TIMEX3 date value, `YYYY…`): not before 1900 and not more
/// than five years after the publication date when that is known. For dates the text does not
/// state itself (a date shifted by a duration: «بعد 100 عام من»); the time expressions the text
/// states are checked when they are resolved.
///
/// ```
/// use jiff::civil::date;
/// assert!(hadath_time::date_holds("2022-09-13", Some(date(2022, 9, 16))));
/// assert!(!hadath_time::date_holds("0048", Some(date(2022, 9, 16))));
/// assert!(!hadath_time::date_holds("2122-01", Some(date(2022, 9, 16))));
/// ```
pub fn date_holds(value: &str, published: Option<Date>) -> bool {
    let Some(year) = value.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return false;
    };
    year >= timex::FIRST_YEAR
        && published.is_none_or(|p| year <= i32::from(p.year()) + timex::YEARS_AHEAD)
}

/// Resolve a time expression again against another anchor (for example the date of an event the
/// expression is relative to: "بعد يوم واحد" of a dated event). Returns the value, or None when
/// the expression does not fix one.
pub fn resolve_relative_to(timex: &Timex, anchor: Date) -> Option<String> {
    let a = cal::day_of(anchor);
    let mut r = timex::resolve(&timex.expr, timex.tense, Some(a), Some(a)).value?;
    if let (Some(tod), Granularity::Day) = (timex.time_of_day, timex.granularity) {
        r.push_str(["TMO", "TMI", "TAF", "TEV", "TNI"][usize::from(tod.min(4))]);
    }
    Some(r)
}

/// The date a duration before (`back`) or after a dated value lies on, at the precision the
/// duration allows: "a month before 2022-10-31" is `2022-09`, "three days after 2022-09-13" is
/// `2022-09-16`, "two years before 2022-10" is `2020`. `value` is a TIMEX3 date value (`YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD`, anything after the day ignored); `duration` is `P<n>Y`, `P<n>M`,
/// `P<n>W` or `P<n>D` with a whole `n`, a vague `PX<unit>` (بعد أيام من: a few, [`FEW`] of the
/// unit, at the precision both ends share), or hours (`PT<n>H` under a day, `PTXH`: بعد ساعات من
/// is the same day). None for anything else, or when the value is too coarse for the duration
/// (days from a bare year).
///
/// ```
/// assert_eq!(hadath_time::shift_date("2022-10-31", "P1M", true).as_deref(), Some("2022-09"));
/// assert_eq!(hadath_time::shift_date("2022-09-13", "P3D", false).as_deref(), Some("2022-09-16"));
/// assert_eq!(hadath_time::shift_date("2022", "P3D", true), None);
/// assert_eq!(hadath_time::shift_date("2022-09-25", "PXD", true).as_deref(), Some("2022-09"));
/// assert_eq!(hadath_time::shift_date("2022-09-25", "PTXH", true).as_deref(), Some("2022-09-25"));
/// ```
pub fn shift_date(value: &str, duration: &str, back: bool) -> Option<String> {
    let d = duration.strip_prefix('P')?;
    if let Some(h) = d.strip_prefix('T').and_then(|h| h.strip_suffix('H')) {
        let short = h == "X" || h.parse::<u32>().is_ok_and(|h| h > 0 && h < 24);
        let day = value.get(..10).filter(|v| v.parse::<Date>().is_ok())?;
        return short.then(|| day.to_string());
    }
    let (n, unit) = d.split_at(d.len().checked_sub(1)?);
    if n == "X" {
        let a = shift_by(value, FEW.0, unit, back)?;
        let b = shift_by(value, FEW.1, unit, back)?;
        let shared = [10, 7, 4]
            .into_iter()
            .find(|&k| a.len() >= k && b.len() >= k && a[..k] == b[..k])?;
        return Some(a[..shared].to_string());
    }
    let n: i64 = n.parse().ok().filter(|&n| n > 0 && n < 10_000)?;
    shift_by(value, n, unit, back)
}

/// How many units a vague plural counts (أيام، أسابيع، أشهر: the plural of paucity, three to
/// ten, and «بضعة» from two): the bounds [`shift_date`] resolves `PX<unit>` between.
pub const FEW: (i64, i64) = (2, 10);

fn shift_by(value: &str, n: i64, unit: &str, back: bool) -> Option<String> {
    let n = if back { -n } else { n };
    let num = |r: std::ops::Range<usize>| -> Option<i64> { value.get(r)?.parse().ok() };
    let y = num(0..4)?;
    let m = if value.len() >= 7 && value.as_bytes()[4] == b'-' {
        num(5..7)
    } else {
        None
    };
    let day = if m.is_some() && value.len() >= 10 && value.as_bytes()[7] == b'-' {
        num(8..10)
    } else {
        None
    };
    match (unit, m, day) {
        ("Y", _, _) => Some(format!("{:04}", y + n)),
        ("M", Some(m), _) => {
            let k = y * 12 + (m - 1) + n;
            Some(format!(
                "{:04}-{:02}",
                k.div_euclid(12),
                k.rem_euclid(12) + 1
            ))
        }
        ("W" | "D", Some(m), Some(day)) => {
            let days = if unit == "W" { n * 7 } else { n };
            let date = cal::date_of(cal::days_from_civil(y as i32, m as u32, day as u32) + days)?;
            Some(date.to_string())
        }
        _ => None,
    }
}

/// Convert a tabular (arithmetic) Hijri date to the Gregorian calendar. The tabular calendar can
/// differ from Umm al-Qura or a local moon sighting by a day or two.
///
/// ```
/// use jiff::civil::date;
/// // 25 Shawwal 1436 AH by the tabular calendar (a text may give 10 August 2015 for it).
/// assert_eq!(hadath_time::hijri_to_gregorian(1436, 10, 25).unwrap(), date(2015, 8, 11));
/// assert!(hadath_time::hijri_to_gregorian(1436, 13, 1).is_err());
/// ```
///
/// # Errors
///
/// [`TimeError::OutOfRange`] when `month` is not 1–12, `day` is 0 or past the end of the month
/// (29 or 30 days, by the tabular calendar), or the date falls outside the years `jiff` supports.
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Result<Date, TimeError> {
    if !(1..=12).contains(&month)
        || day == 0
        || u32::from(day) > cal::hijri_month_len(year, u32::from(month))
    {
        return Err(TimeError::OutOfRange(format!("{year}-{month}-{day} AH")));
    }
    cal::date_of(cal::days_from_hijri(year, u32::from(month), u32::from(day)))
        .ok_or_else(|| TimeError::OutOfRange(format!("{year}-{month}-{day} AH")))
}

/// The tabular Hijri date (year, month, day) of a Gregorian date.
pub fn gregorian_to_hijri(date: Date) -> (i32, u8, u8) {
    let (y, m, d) = cal::hijri_from_days(cal::day_of(date));
    (y, m as u8, d as u8)
}

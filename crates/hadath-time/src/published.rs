//! Publication date: from metadata when given, otherwise from a self-dating phrase in the text.

use crate::cal;
use crate::timex::{Granularity, TimeExpr, Timex};
use jiff::civil::Date;
use std::ops::Range;

/// The publication date of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The day of publication.
    pub date: Date,
    /// True when read from the text rather than given as metadata.
    pub inferred: bool,
    /// The words the date was inferred from (empty when given).
    pub reason: String,
    /// Byte range of those words in the text (empty when given).
    pub reason_span: Range<usize>,
    /// The metadata date this one replaces, when the text's weekday contradicts it («اليوم
    /// الاثنين» in an article stamped Tuesday, as crawl dates trail publication).
    pub overrides: Option<Date>,
}

impl Published {
    /// A publication date given as metadata.
    pub fn given(date: Date) -> Published {
        Published {
            date,
            inferred: false,
            reason: String::new(),
            reason_span: 0..0,
            overrides: None,
        }
    }
}

pub(crate) fn infer(text: &str, timexes: &[Timex]) -> Option<Published> {
    let mut found: Option<Published> = None;
    for t in timexes {
        let Some(lead) = t.lead else { continue };
        if t.granularity != Granularity::Day || t.relative {
            continue;
        }
        let Some(day) = t.first_day else { continue };
        let z = cal::day_of(day);
        match t.expr {
            // The text contradicts itself: no inference from this phrase.
            TimeExpr::Greg {
                weekday: Some(wd), ..
            }
            | TimeExpr::Hijri {
                weekday: Some(wd), ..
            } if cal::weekday_of(z) != wd => continue,
            // A tabular Hijri day can be one off the announced calendar: without a weekday (or a
            // Gregorian equivalent) to settle it, it does not fix the publication day.
            TimeExpr::Hijri { weekday: None, .. } if !t.settled => continue,
            _ => {}
        }
        // News is not dated before 1950: a self-dating phrase in a historical narrative.
        if day.year() < 1950 {
            continue;
        }
        let Some(date) = cal::date_of(z - i64::from(lead)) else {
            continue;
        };
        match &found {
            Some(p) if p.date != date => return None,
            Some(_) => {}
            None => {
                found = Some(Published {
                    overrides: None,
                    date,
                    inferred: true,
                    reason: text[t.source.clone()].to_string(),
                    reason_span: t.source.clone(),
                })
            }
        }
    }
    found
}

/// The days in `lo..=hi` that agree with the text's clues about its own date: the weekday of
/// اليوم/أمس/غداً + weekday, the month of a date marked الجاري (and, in a past clause, not before
/// its day). Without clues every day of the range is returned.
pub(crate) fn candidates(timexes: &[Timex], lo: i64, hi: i64) -> Vec<Date> {
    let mut weekday: Option<u8> = None;
    let mut month: Option<u32> = None;
    let mut min_day: u32 = 1;
    for t in timexes {
        match t.expr {
            TimeExpr::DayOffset {
                days,
                weekday: Some(wd),
            } => {
                let w = ((i64::from(wd) - 1 - i64::from(days)).rem_euclid(7) + 1) as u8;
                if weekday.is_some_and(|x| x != w) {
                    return Vec::new();
                }
                weekday = Some(w);
            }
            TimeExpr::Greg {
                year: None,
                month: Some(m),
                day,
                pick: crate::timex::Pick::Current,
                ..
            } => {
                let m = u32::from(m);
                if month.is_some_and(|x| x != m) {
                    return Vec::new();
                }
                month = Some(m);
                if let (Some(d), false) = (day, t.tense == crate::timex::Tense::Future) {
                    min_day = min_day.max(u32::from(d));
                }
            }
            _ => {}
        }
    }
    (lo..=hi.min(lo + 20_000))
        .filter(|&z| weekday.is_none_or(|w| cal::weekday_of(z) == w))
        .filter(|&z| {
            let (_, m, d) = cal::civil_from_days(z);
            month.is_none_or(|x| x == m) && (month.is_none() || d >= min_day)
        })
        .filter_map(cal::date_of)
        .collect()
}

/// Days from the metadata date to try, in order, for the publication day a weekday clue gives:
/// the same day, then earlier ones (a crawl date trails publication), then the next day.
const SHIFTS: [i64; 5] = [0, -1, -2, -3, 1];

/// The publication day the text's weekday clues (اليوم الاثنين, أمس الأحد) give when they
/// contradict the metadata date `given` and agree with each other; None when they agree with
/// it, disagree with each other, or there are none.
pub(crate) fn weekday_correction(text: &str, timexes: &[Timex], given: Date) -> Option<Published> {
    let g = cal::day_of(given);
    let mut found: Option<(i64, &Timex)> = None;
    for t in timexes {
        let TimeExpr::DayOffset {
            days,
            weekday: Some(wd),
        } = t.expr
        else {
            continue;
        };
        let d = SHIFTS
            .iter()
            .map(|s| g + s)
            .find(|&d| cal::weekday_of(d + i64::from(days)) == wd)?;
        match found {
            Some((f, _)) if f != d => return None,
            Some(_) => {}
            None => found = Some((d, t)),
        }
    }
    let (d, t) = found.filter(|&(d, _)| d != g)?;
    Some(Published {
        date: cal::date_of(d)?,
        inferred: true,
        reason: text[t.source.clone()].to_string(),
        reason_span: t.source.clone(),
        overrides: Some(given),
    })
}

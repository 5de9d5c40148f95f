//! Forms recognised before the core recognizer, with their resolution: deictic references
//! (الآن, مؤخرا, قريبا), days named from the day of writing in two words (أمس الأول, الليلة
//! الماضية), a day of a month counted from the anchor's (15 الشهر الجاري), centuries by their
//! ordinal (القرن العشرين), plural units with their count (السنوات الثلاث الماضية), and the parts
//! of the Arab week (مطلع الأسبوع).

use super::resolve::Resolved;
use super::{Anchoring, Granularity, Parsed, Part, TimeExpr};
use crate::cal;
use crate::scan::Toks;
use crate::tables::{Cue, NumKind, LEXICON, W};

/// What a deictic expression (الآن, مؤخرا, قريبا) refers to: TimeML's `PRESENT_REF`,
/// `PAST_REF` and `FUTURE_REF`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Deixis {
    /// The present (الآن, حاليا): `PRESENT_REF`.
    Present,
    /// The past (مؤخرا, سابقا, آنذاك): `PAST_REF`.
    Past,
    /// The future (قريبا, مستقبلا): `FUTURE_REF`.
    Future,
}

impl Deixis {
    /// The TIMEX3 value: `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    pub fn value(self) -> &'static str {
        match self {
            Deixis::Present => "PRESENT_REF",
            Deixis::Past => "PAST_REF",
            Deixis::Future => "FUTURE_REF",
        }
    }
}

/// The day the Arab working week starts on (ISO weekday 7, Sunday): «مطلع الأسبوع» is its first
/// days, whatever the ISO week says (an article of a Sunday starts a new week).
const WEEK_START: i64 = 7;

impl Toks<'_> {
    pub(super) fn parse_extra(&self, i: usize) -> Option<Parsed> {
        if let Some((&Cue::Deixis { reference, lead }, n)) =
            self.entry_at(i, |c| matches!(c, Cue::Deixis { .. }))
        {
            let e = TimeExpr::Deictic { reference };
            return Some(Parsed::new(i + usize::from(lead), i + n, e));
        }
        if let Some((&Cue::Days { days, night }, n)) =
            self.entry_at(i, |c| matches!(c, Cue::Days { .. }))
        {
            let (weekday, end) = match self.weekday_at(self.skip_comma(i + n)) {
                Some(d) => (Some(d), self.skip_comma(i + n) + 1),
                None => (None, i + n),
            };
            let e = TimeExpr::DayOffset {
                days: i32::from(days),
                weekday,
            };
            return Some(Parsed {
                tod: night.then_some(4),
                ..Parsed::new(i, end, e)
            });
        }
        if let Some(p) = self.day_of_month(i) {
            return Some(p);
        }
        match self.word(i) {
            Some(W::TheCentury) => {
                let (end, century) = self.century_at(i + 1)?;
                Some(Parsed::new(i, end, TimeExpr::Century { century }))
            }
            // تسعينيات القرن العشرين, ثمانينيات القرن التاسع عشر.
            Some(W::Decade(d)) if self.is_word(i + 1, W::TheCentury) => {
                let (end, century) = self.century_at(i + 2)?;
                let decade = century * 10 + i32::from(d) / 10;
                Some(Parsed::new(i, end, TimeExpr::Decade { decade }))
            }
            // السنوات الثلاث الماضية, الأشهر الستة المقبلة: a duration.
            Some(W::PlUnit(unit)) => {
                let n = self.definite_count(i + 1)?;
                matches!(self.word(i + 2), Some(W::Past | W::Next | W::Recent))
                    .then(|| Parsed::new(i, i + 3, TimeExpr::Duration { unit, n: Some(n) }))
            }
            _ => None,
        }
    }

    /// 15 الشهر الجاري, الخامس من الشهر الماضي: a day of a month counted from the anchor's.
    fn day_of_month(&self, i: usize) -> Option<Parsed> {
        let (mut k, day) = match self.day_num(i) {
            Some(d) => (i + 1, d),
            None => self.ordinal_day_at(i)?,
        };
        if self.is(k, "من") {
            k += 1;
        }
        if !self.is_word(k, W::TheMonth) {
            return None;
        }
        let n = match self.word(k + 1)? {
            W::Current => 0,
            W::Past => -1,
            W::Next => 1,
            _ => return None,
        };
        Some(Parsed::new(i, k + 2, TimeExpr::DayOfMonth { day, n }))
    }

    /// The century an ordinal (العشرين, الحادي والعشرين, التاسع عشر) or a number (20) at `k`
    /// names: (end, its first two digits).
    fn century_at(&self, k: usize) -> Option<(usize, i32)> {
        let (end, ord) = match self.day_num(k) {
            Some(d) => (k + 1, d),
            None => self.ordinal_day_at(k)?,
        };
        (1..=21).contains(&ord).then(|| (end, i32::from(ord) - 1))
    }

    /// A definite number word (الثلاث, الخمسة) at `k`: its value.
    fn definite_count(&self, k: usize) -> Option<f64> {
        let bare = self.v.get(k)?.t.strip_prefix("ال")?;
        LEXICON.get(bare)?.iter().find_map(|e| match e.cue {
            Cue::Number {
                value,
                kind: NumKind::Unit | NumKind::Teen | NumKind::Ten,
            } if e.rest.is_empty() => Some(value),
            _ => None,
        })
    }
}

/// Resolve the forms of this module against the publication `anchor`.
pub(super) fn resolve(expr: &TimeExpr, anchor: Option<i64>) -> Resolved {
    match *expr {
        TimeExpr::Deictic { reference } => Resolved {
            value: Some(reference.value().to_string()),
            gran: Granularity::None,
            first: None,
            last: None,
            anchoring: Anchoring::Publication,
        },
        TimeExpr::Century { century } => Resolved {
            value: Some(format!("{century:02}")),
            gran: Granularity::Decade,
            first: Some(cal::days_from_civil(century * 100, 1, 1)),
            last: Some(cal::days_from_civil(century * 100 + 99, 12, 31)),
            anchoring: Anchoring::Absolute,
        },
        TimeExpr::DayOfMonth { day, n } => {
            let Some(a) = anchor else {
                return Resolved::none(Granularity::Day);
            };
            let (y, m, _) = cal::civil_from_days(a);
            let (y, m) = super::value::shift_month(y, m, n);
            if u32::from(day) > cal::month_len(y, m) {
                return Resolved::none(Granularity::Day);
            }
            Resolved::day(
                cal::days_from_civil(y, m, u32::from(day)),
                Anchoring::Publication,
            )
        }
        _ => Resolved::none(Granularity::None),
    }
}

/// A part of the week `n` weeks from the anchor's, in the Arab week from Sunday: the start is
/// Sunday to Tuesday, the middle Tuesday and Wednesday, the end Thursday to Saturday.
pub(super) fn week_part(anchor: i64, n: i32, part: Part) -> Resolved {
    let back = (i64::from(cal::weekday_of(anchor)) - WEEK_START).rem_euclid(7);
    let start = anchor - back + 7 * i64::from(n);
    let (a, b) = match part {
        Part::Start => (0, 2),
        Part::Mid => (2, 3),
        Part::End => (4, 6),
    };
    Resolved::interval(start + a, start + b, Anchoring::Publication)
}

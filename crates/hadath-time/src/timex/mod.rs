//! Time expressions: recognition over classified tokens, then resolution against an anchor date.

mod dates;
mod extra;
mod parse;
mod parse_core;
mod resolve;
mod sanity;
mod value;
mod words;

use crate::cal;
use crate::scan::Toks;
use crate::tables::Unit;
use hadath_text::TokenKind;
use jiff::civil::Date;
use resolve::is_relative;
pub(crate) use resolve::resolve;
use std::ops::Range;

pub use extra::Deixis;
pub(crate) use sanity::{FIRST_YEAR, YEARS_AHEAD};

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexKind {
    /// A calendar date, week, month, season, year, decade or range of days.
    Date,
    /// A time of day: a clock time, or a day with its part of the day (morning, evening…).
    Time,
    /// An amount of time (ثلاثة أيام, منذ 9 أشهر).
    Duration,
    /// A recurring time (يومياً, كل أسبوع).
    Set,
}

impl TimexKind {
    /// The lower-case TIMEX3 type name (`"date"`, `"time"`, `"duration"`, `"set"`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "date",
            TimexKind::Time => "time",
            TimexKind::Duration => "duration",
            TimexKind::Set => "set",
        }
    }
}

/// How precisely the value fixes a point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// One day (`2022-09-13`).
    Day,
    /// One ISO week (`2022-W37`).
    Week,
    /// One month (`2022-09`).
    Month,
    /// One season of a year (`2020-FA`).
    Season,
    /// One year (`2022`).
    Year,
    /// One decade (`199`) or century (`19`).
    Decade,
    /// A span between two days (a range, a Hijri month or year).
    Interval,
    /// A duration or set, or no fixed value.
    None,
}

/// Part of a period: مطلع/بداية/أوائل, منتصف/أواسط, نهاية/أواخر.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The beginning: مطلع, بداية, أوائل.
    Start,
    /// The middle: منتصف, أواسط.
    Mid,
    /// The end: نهاية, أواخر.
    End,
}

/// Which occurrence of a named weekday is meant, relative to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    /// The latest on or before the anchor (past tense, the default in news).
    Past,
    /// Strictly before the anchor (الماضي).
    PastStrict,
    /// The first on or after the anchor (future tense).
    Future,
    /// Strictly after the anchor (المقبل / القادم).
    FutureStrict,
}

/// Tense of the clause around an expression, as far as cue words show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// The clause is about the past (a past-tense cue such as أمس or الماضي).
    Past,
    /// The clause is about the future (a future verb, غداً, المقبل).
    Future,
    /// No cue word shows the tense.
    Unknown,
}

/// How a missing year is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pick {
    /// الجاري / الحالي: the anchor's month and year.
    Current,
    /// الماضي: the latest such month/day before the anchor.
    Past,
    /// المقبل: the first after the anchor.
    Future,
    /// By the clause's tense; past by default.
    Auto,
}

/// The parsed meaning of a time expression, before it is resolved against an anchor.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeExpr {
    /// A Gregorian date as far as the text gives it. `weekday` is the weekday named with it.
    Greg {
        /// The Gregorian year, when written.
        year: Option<i32>,
        /// The Gregorian month, 1–12, when written.
        month: Option<u8>,
        /// The day of the month, when written.
        day: Option<u8>,
        /// How the year is chosen when the text gives none.
        pick: Pick,
        /// The ISO weekday named with the date (1 Monday … 7 Sunday).
        weekday: Option<u8>,
    },
    /// A Hijri date as far as the text gives it.
    Hijri {
        /// The Hijri year, when written.
        year: Option<i32>,
        /// The Hijri month, 1–12, when written.
        month: Option<u8>,
        /// The day of the month, when written.
        day: Option<u8>,
        /// How the year is chosen when the text gives none.
        pick: Pick,
        /// The ISO weekday named with the date (1 Monday … 7 Sunday).
        weekday: Option<u8>,
    },
    /// Days from the anchor (اليوم 0, أمس −1, غداً +1), with the weekday the text names.
    DayOffset {
        /// Days after the anchor (negative: before).
        days: i32,
        /// The ISO weekday named with it (1 Monday … 7 Sunday).
        weekday: Option<u8>,
    },
    /// Weeks, months or years from the anchor (الأسبوع الماضي, الشهر المقبل, العام الجاري).
    UnitOffset {
        /// The unit counted.
        unit: Unit,
        /// Units after the anchor's (negative: before, 0: the anchor's own).
        n: i32,
    },
    /// A named weekday alone.
    Weekday {
        /// The ISO weekday, 1 Monday … 7 Sunday.
        day: u8,
        /// Which occurrence of it is meant.
        dir: Dir,
    },
    /// A season, 0 spring … 3 winter, of a given year or of the anchor's year plus `offset`.
    Season {
        /// 0 spring, 1 summer, 2 autumn, 3 winter.
        season: u8,
        /// The year, when written.
        year: Option<i32>,
        /// Years after the anchor's year, when no year is written (−1 for الماضي).
        offset: i32,
    },
    /// A decade: 199 for the 1990s.
    Decade {
        /// The year divided by ten: 199 for the 1990s.
        decade: i32,
    },
    /// An amount of time before the anchor (قبل ثلاثة أيام); `n` None when vague (قبل أيام).
    Ago {
        /// The unit counted.
        unit: Unit,
        /// How many units; `None` when vague.
        n: Option<f64>,
    },
    /// An amount of time after the previous dated expression in the text (وبعد يوم واحد).
    AfterEvent {
        /// The unit counted.
        unit: Unit,
        /// How many units; `None` when vague.
        n: Option<f64>,
    },
    /// A duration; `n` None when vague (منذ سنوات).
    Duration {
        /// The unit of the duration.
        unit: Unit,
        /// How many units; `None` when vague.
        n: Option<f64>,
    },
    /// A duration running up to the anchor (منذ 9 أشهر): valued as a duration, with the day it
    /// started (anchor − duration) as `first_day`.
    Since {
        /// The unit of the duration.
        unit: Unit,
        /// How many units; `None` when vague.
        n: Option<f64>,
    },
    /// A range of days within one month (من 13 إلى 15 تموز).
    Range {
        /// The first day of the month in the range.
        from: u8,
        /// The last day of the month in the range (inclusive).
        to: u8,
        /// The month, 1–12 (Hijri when `hijri`).
        month: u8,
        /// The year, when written.
        year: Option<i32>,
        /// The month is a Hijri month.
        hijri: bool,
        /// How the year is chosen when the text gives none.
        pick: Pick,
    },
    /// A range of days across months (من 28 فبراير إلى 3 مارس 2020); the year is the end's.
    Span {
        /// The month of the first day, 1–12.
        from_month: u8,
        /// The first day, in `from_month`.
        from_day: u8,
        /// The month of the last day, 1–12.
        to_month: u8,
        /// The last day (inclusive), in `to_month`.
        to_day: u8,
        /// The year of the last day, when written.
        year: Option<i32>,
        /// How the year is chosen when the text gives none.
        pick: Pick,
    },
    /// A vague past or future reference (خلال الأيام المقبلة, في الأيام الأخيرة).
    Ref {
        /// True for the coming days, weeks…; false for the past ones.
        future: bool,
        /// The unit named (days, weeks, months…).
        unit: Unit,
    },
    /// A recurring time (يومياً, كل أسبوع, كل عامين).
    Set {
        /// How often: once per `n` of this unit.
        unit: Unit,
        /// How many units between occurrences (2 for كل عامين).
        n: u16,
    },
    /// A deictic reference to the present, past or future (الآن, مؤخرا, قريبا).
    Deictic {
        /// Which time it refers to.
        reference: Deixis,
    },
    /// A century named by its ordinal (القرن العشرين): the century's first two digits, 19.
    Century {
        /// The first two digits of its years: 19 for the twentieth century (1900-1999).
        century: i32,
    },
    /// A day of the anchor's month, or of a month counted from it (15 الشهر الجاري).
    DayOfMonth {
        /// The day of the month.
        day: u8,
        /// Months after the anchor's (0 الجاري, −1 الماضي, 1 المقبل).
        n: i32,
    },
    /// A clock time (الساعة العاشرة صباحاً, الساعة 10:30): 24-hour clock.
    Clock {
        /// The hour, 0–23.
        hour: u8,
        /// The minute, 0–59.
        minute: u8,
    },
}

/// What a resolved value is anchored to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchoring {
    /// The text fixes the value itself.
    Absolute,
    /// Resolved from the publication date.
    Publication,
    /// Resolved from the previous dated expression in the text.
    Event,
}

/// A time expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Timex {
    /// Byte range in the original text.
    pub source: Range<usize>,
    /// The TIMEX3 type.
    pub kind: TimexKind,
    /// TIMEX3/ISO 8601 value as far as the text fixes it ("2022-09-13", "2022-09", "2020-FA", "199",
    /// "P9M", "2015-06-18/2015-07-17"); None when it cannot be fixed (no anchor, vague).
    pub value: Option<String>,
    /// How precisely `value` fixes a point in time.
    pub granularity: Granularity,
    /// Needs an anchor (publication date or a previous date) to be resolved.
    pub relative: bool,
    /// What the value was resolved from.
    pub anchoring: Anchoring,
    /// The part of the period named (early, mid, late), if any.
    pub part: Option<Part>,
    /// Time of day: 0 morning, 1 midday, 2 afternoon, 3 evening, 4 night.
    pub time_of_day: Option<u8>,
    /// First day covered by a resolved date value (a day, week, month, year, decade or range).
    pub first_day: Option<Date>,
    /// Last day (inclusive) covered by a resolved date value.
    pub last_day: Option<Date>,
    /// For أمس/اليوم/غداً joined to an explicit date: the day's offset from the publication date.
    pub lead: Option<i32>,
    /// The tense of the clause around the expression.
    pub tense: Tense,
    /// A Hijri day whose Gregorian value the text itself gives (… الموافق 10 أغسطس 2015).
    pub settled: bool,
    /// The parsed meaning, for resolving the expression again against another anchor
    /// ([`crate::resolve_relative_to`]).
    pub expr: TimeExpr,
}

pub(crate) struct Parsed {
    pub start: usize,
    pub end: usize,
    pub expr: TimeExpr,
    pub part: Option<Part>,
    pub tod: Option<u8>,
    pub lead: Option<i32>,
}

impl Parsed {
    fn new(start: usize, end: usize, expr: TimeExpr) -> Parsed {
        Parsed {
            start,
            end,
            expr,
            part: None,
            tod: None,
            lead: None,
        }
    }
}

/// Find and resolve the time expressions in tokenised text.
pub(crate) fn scan(tk: &Toks, anchor: Option<Date>) -> Vec<Timex> {
    resolve_all(tk, &parse_all(tk), anchor)
}

/// The time expressions of a text, recognised but not yet resolved: what does not depend on
/// the publication date, so it is found once and resolved against any anchor.
pub(crate) fn parse_all(tk: &Toks) -> Vec<(Parsed, Tense)> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = tk.len();
    while i < n {
        let t = &tk.v[i];
        // Quick reject: only Arabic words with a lexicon reading, and numbers, can start a timex.
        if t.cues.is_empty() && t.kind != TokenKind::Number {
            i += 1;
            continue;
        }
        let Some(mut p) = tk.parse_at(i) else {
            i += 1;
            continue;
        };
        if p.end <= p.start || p.end <= i || tk.guarded(p.start, p.end) {
            i += 1;
            continue;
        }
        let tense = tk.tense_near(p.start, p.end);
        if let TimeExpr::Weekday { dir, .. } = &mut p.expr {
            if *dir == Dir::Past && tense == Tense::Future {
                *dir = Dir::Future;
            }
        }
        i = p.end;
        out.push((p, tense));
    }
    out
}

/// Resolve recognised expressions against `anchor` (the publication date), in text order: a
/// day-precise expression anchors the relative ones after it ("بعد يومين").
pub(crate) fn resolve_all(
    tk: &Toks,
    parsed: &[(Parsed, Tense)],
    anchor: Option<Date>,
) -> Vec<Timex> {
    let anchor_day = anchor.map(cal::day_of);
    let mut out: Vec<Timex> = Vec::new();
    let mut event: Option<i64> = None;
    for (p, tense) in parsed {
        let tense = *tense;
        let kind = match &p.expr {
            TimeExpr::Duration { .. } | TimeExpr::Since { .. } => TimexKind::Duration,
            TimeExpr::Set { .. } => TimexKind::Set,
            TimeExpr::Clock { .. } => TimexKind::Time,
            _ if p.tod.is_some() => TimexKind::Time,
            _ => TimexKind::Date,
        };
        let r = match (&p.expr, p.part, anchor_day) {
            (
                &TimeExpr::UnitOffset {
                    unit: Unit::Week,
                    n,
                },
                Some(part),
                Some(a),
            ) => extra::week_part(a, n, part),
            _ => resolve(&p.expr, tense, anchor_day, event),
        };
        // A date before 1900 or years after publication that the text does not state: no value.
        let r = sanity::checked(r, &p.expr, kind, tense, anchor_day);
        if r.gran == Granularity::Day && !matches!(p.expr, TimeExpr::Ago { .. }) {
            if let Some(f) = r.first {
                event = Some(f);
            }
        }
        // 25 شوال 1436 هـ الموافق 10 أغسطس 2015: the announced Gregorian day corrects the tabular one.
        if r.gran == Granularity::Day && p.start >= 2 && tk.is(p.start - 1, "الموافق") {
            if let Some(prev) = out.last_mut() {
                let adjacent = tk.folded.folded_pos(prev.source.end) <= tk.v[p.start - 1].f.start;
                if adjacent
                    && prev.granularity == Granularity::Day
                    && matches!(prev.expr, TimeExpr::Hijri { .. })
                {
                    if let (Some(a), Some(b)) = (prev.first_day, r.first.and_then(cal::date_of)) {
                        let gap = (cal::day_of(a) - cal::day_of(b)).abs();
                        if gap <= 2 {
                            prev.first_day = Some(b);
                            prev.last_day = Some(b);
                            prev.value = r.value.clone();
                            prev.settled = true;
                        }
                    }
                }
            }
        }
        let mut value = r.value;
        if let (Some(tod), Some(v), Granularity::Day) = (p.tod, value.as_mut(), r.gran) {
            v.push_str(["TMO", "TMI", "TAF", "TEV", "TNI"][usize::from(tod.min(4))]);
        }
        out.push(Timex {
            source: tk.srange(p.start, p.end),
            kind,
            value,
            granularity: r.gran,
            relative: is_relative(&p.expr),
            anchoring: r.anchoring,
            part: p.part,
            time_of_day: p.tod,
            first_day: r.first.and_then(cal::date_of),
            last_day: r.last.and_then(cal::date_of),
            lead: p.lead,
            tense,
            settled: false,
            expr: p.expr.clone(),
        });
    }
    out
}

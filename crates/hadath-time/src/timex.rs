//! Time expressions: recognition over classified tokens, then resolution against an anchor date.

use crate::cal;
use crate::scan::{future_verb, Toks};
use crate::tables::{Unit, W};
use hadath_text::TokenKind;
use jiff::civil::Date;
use std::ops::Range;

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
    /// A recurring time (يومياً, كل أسبوع).
    Set {
        /// How often: once per this unit.
        unit: Unit,
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

/// Arabic words that can follow a bare year without making it a count.
const FUNC: &[&str] = &[
    "في",
    "او",
    "ثم",
    "علي",
    "الي",
    "من",
    "عن",
    "مع",
    "حتي",
    "بين",
    "بعد",
    "قبل",
    "عندما",
    "حين",
    "حيث",
    "التي",
    "الذي",
    "اذ",
    "لكن",
    "الا",
    "كما",
    "ضد",
    "خلال",
    "منذ",
    "قد",
    "لم",
    "لن",
    "ان",
    "انه",
    "فقط",
    "اي",
    "وحتي",
    "والتي",
    "وهي",
    "وهو",
    "وقد",
    "ولكن",
    "بينما",
    "فيما",
    "اما",
    "لا",
    "ما",
    "هو",
    "هي",
    "تم",
    "كان",
    "كانت",
];

/// Words before a bare year that make it a year whatever follows.
/// Words before a bare number that make it a count.
const COUNT_PRE: &[&str] = &[
    "بلغ",
    "بلغت",
    "يبلغ",
    "تبلغ",
    "عدد",
    "قدره",
    "قدرها",
    "بواقع",
    "اجمالي",
    "مجموع",
    "حصيله",
    "الي",
    "رقم",
    "العدد",
    "سعر",
    "بسعر",
    "قيمه",
    "بقيمه",
    "مبلغ",
    "بمبلغ",
    "نحو",
    "حوالي",
    "قرابه",
    "زهاء",
    "الرقم",
    "نسبه",
    "بنسبه",
];

const STRONG_YEAR_PRE: &[&str] = &[
    "اعوام",
    "عامي",
    "الاعوام",
    "سنوات",
    "السنوات",
    "سنتي",
    "موسم",
    "الموسم",
    "مواسم",
    "لعامي",
    "حرب",
    "انتخابات",
    "ثوره",
    "اتفاق",
    "اتفاقيه",
    "ازمه",
    "احداث",
    "مونديال",
    "كاس",
    "دستور",
    "موازنه",
    "ميزانيه",
    "نكبه",
    "نكسه",
    "انقلاب",
    "غزو",
    "حروب",
    "اولمبياد",
    "دوره",
    "موسم",
    "انتفاضه",
    "هجمات",
    "اعتداءات",
    "زلزال",
];

fn unit_code(u: Unit) -> &'static str {
    match u {
        Unit::Second | Unit::Minute | Unit::Hour => "",
        Unit::Day => "D",
        Unit::Week => "W",
        Unit::Month => "M",
        Unit::Year | Unit::Decade | Unit::Century => "Y",
    }
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub(crate) fn duration_value(unit: Unit, n: f64) -> String {
    match unit {
        Unit::Second => format!("PT{}S", fmt_num(n)),
        Unit::Minute => format!("PT{}M", fmt_num(n)),
        Unit::Hour => format!("PT{}H", fmt_num(n)),
        Unit::Decade => format!("P{}Y", fmt_num(n * 10.0)),
        Unit::Century => format!("P{}Y", fmt_num(n * 100.0)),
        u => format!("P{}{}", fmt_num(n), unit_code(u)),
    }
}

fn ymd(z: i64) -> String {
    let (y, m, d) = cal::civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

fn shift_month(y: i32, m: u32, n: i32) -> (i32, u32) {
    let k = y * 12 + (m as i32 - 1) + n;
    (k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
}

/// The outcome of resolving an expression.
pub(crate) struct Resolved {
    pub value: Option<String>,
    pub gran: Granularity,
    pub first: Option<i64>,
    pub last: Option<i64>,
    pub anchoring: Anchoring,
}

impl Resolved {
    fn none(gran: Granularity) -> Resolved {
        Resolved {
            value: None,
            gran,
            first: None,
            last: None,
            anchoring: Anchoring::Absolute,
        }
    }
    fn day(z: i64, a: Anchoring) -> Resolved {
        Resolved {
            value: Some(ymd(z)),
            gran: Granularity::Day,
            first: Some(z),
            last: Some(z),
            anchoring: a,
        }
    }
    fn month(y: i32, m: u32, a: Anchoring) -> Resolved {
        let f = cal::days_from_civil(y, m, 1);
        Resolved {
            value: Some(format!("{y:04}-{m:02}")),
            gran: Granularity::Month,
            first: Some(f),
            last: Some(f + i64::from(cal::month_len(y, m)) - 1),
            anchoring: a,
        }
    }
    fn year(y: i32, a: Anchoring) -> Resolved {
        Resolved {
            value: Some(format!("{y:04}")),
            gran: Granularity::Year,
            first: Some(cal::days_from_civil(y, 1, 1)),
            last: Some(cal::days_from_civil(y, 12, 31)),
            anchoring: a,
        }
    }
    fn interval(a: i64, b: i64, an: Anchoring) -> Resolved {
        Resolved {
            value: Some(format!("{}/{}", ymd(a), ymd(b))),
            gran: Granularity::Interval,
            first: Some(a),
            last: Some(b),
            anchoring: an,
        }
    }
}

/// Choose the Gregorian year of a month (and day) given without one.
fn pick_year(
    month: u32,
    day: Option<u32>,
    weekday: Option<u8>,
    pick: Pick,
    tense: Tense,
    anchor: i64,
) -> i32 {
    let (ay, am, _) = cal::civil_from_days(anchor);
    let at = |y: i32| cal::days_from_civil(y, month, day.unwrap_or(1));
    if let (Some(wd), Some(_)) = (weekday, day) {
        // The named weekday decides between neighbouring years.
        let mut best: Option<(i64, i32)> = None;
        for y in [ay, ay - 1, ay + 1] {
            let z = at(y);
            if cal::weekday_of(z) == wd {
                let dist = (z - anchor).abs();
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, y));
                }
            }
        }
        if let Some((_, y)) = best {
            return y;
        }
    }
    let pick = match (pick, tense) {
        (Pick::Auto, Tense::Future) => Pick::Future,
        (Pick::Auto, Tense::Past) => Pick::Past,
        (p, _) => p,
    };
    match pick {
        Pick::Current => ay,
        Pick::Past => {
            let late = match day {
                Some(_) => at(ay) > anchor,
                None => month > am,
            };
            if late {
                ay - 1
            } else {
                ay
            }
        }
        Pick::Future => {
            let early = match day {
                Some(_) => at(ay) < anchor,
                None => month < am,
            };
            if early {
                ay + 1
            } else {
                ay
            }
        }
        Pick::Auto => {
            if at(ay) - anchor > 31 {
                ay - 1
            } else {
                ay
            }
        }
    }
}

/// Resolve an expression against the publication `anchor` and the previous dated expression `event`.
pub(crate) fn resolve(
    expr: &TimeExpr,
    tense: Tense,
    anchor: Option<i64>,
    event: Option<i64>,
) -> Resolved {
    use Anchoring::*;
    match *expr {
        TimeExpr::Greg {
            year,
            month,
            day,
            pick,
            weekday,
        } => {
            let (y, an) = match (year, month, anchor) {
                (Some(y), _, _) => (y, Absolute),
                (None, Some(m), Some(a)) => (
                    pick_year(u32::from(m), day.map(u32::from), weekday, pick, tense, a),
                    Publication,
                ),
                _ => return Resolved::none(Granularity::Day),
            };
            match (month, day) {
                (Some(m), Some(d)) if u32::from(d) <= cal::month_len(y, u32::from(m)) => {
                    Resolved::day(cal::days_from_civil(y, u32::from(m), u32::from(d)), an)
                }
                (Some(_), Some(_)) => Resolved::none(Granularity::Day),
                (Some(m), None) => Resolved::month(y, u32::from(m), an),
                _ => Resolved::year(y, an),
            }
        }
        TimeExpr::Hijri {
            year,
            month,
            day,
            pick,
            weekday,
        } => {
            let (y, an) = match (year, anchor) {
                (Some(y), _) => (y, Absolute),
                (None, Some(a)) => {
                    let (hy, hm, _) = cal::hijri_from_days(a);
                    let m = u32::from(month.unwrap_or(1));
                    let at = |y: i32| cal::days_from_hijri(y, m, u32::from(day.unwrap_or(1)));
                    let pick = match (pick, tense) {
                        (Pick::Auto, Tense::Future) => Pick::Future,
                        (Pick::Auto, Tense::Past) => Pick::Past,
                        (p, _) => p,
                    };
                    let y = match pick {
                        Pick::Current => hy,
                        Pick::Future
                            if (day.is_some() && at(hy) < a) || (day.is_none() && m < hm) =>
                        {
                            hy + 1
                        }
                        Pick::Past
                            if (day.is_some() && at(hy) > a) || (day.is_none() && m > hm) =>
                        {
                            hy - 1
                        }
                        // Hijri months are named ahead of time (ذو الحجة for the Hajj): two months' grace.
                        Pick::Auto if at(hy) - a > 62 => hy - 1,
                        _ => hy,
                    };
                    (y, Publication)
                }
                _ => return Resolved::none(Granularity::Interval),
            };
            match (month, day) {
                (Some(m), Some(d)) if u32::from(d) <= cal::hijri_month_len(y, u32::from(m)) => {
                    let z = cal::days_from_hijri(y, u32::from(m), u32::from(d));
                    // The tabular calendar can be a day off the announced one: a weekday
                    // given with the date settles it.
                    let z = match weekday {
                        Some(wd) => [0, -1, 1]
                            .iter()
                            .map(|k| z + k)
                            .find(|&x| cal::weekday_of(x) == wd)
                            .unwrap_or(z),
                        None => z,
                    };
                    Resolved::day(z, an)
                }
                (Some(_), Some(_)) => Resolved::none(Granularity::Day),
                (Some(m), None) => {
                    let f = cal::days_from_hijri(y, u32::from(m), 1);
                    Resolved::interval(
                        f,
                        f + i64::from(cal::hijri_month_len(y, u32::from(m))) - 1,
                        an,
                    )
                }
                _ => {
                    let f = cal::days_from_hijri(y, 1, 1);
                    Resolved::interval(f, cal::days_from_hijri(y + 1, 1, 1) - 1, an)
                }
            }
        }
        TimeExpr::DayOffset { days, .. } => match anchor {
            Some(a) => Resolved::day(a + i64::from(days), Publication),
            None => Resolved::none(Granularity::Day),
        },
        TimeExpr::UnitOffset { unit, n } => {
            let Some(a) = anchor else {
                return Resolved::none(Granularity::None);
            };
            let (ay, am, _) = cal::civil_from_days(a);
            match unit {
                Unit::Week => {
                    let z = a + 7 * i64::from(n);
                    let wd = i64::from(cal::weekday_of(z));
                    let Some(d) = cal::date_of(z) else {
                        return Resolved::none(Granularity::Week);
                    };
                    let iso = d.iso_week_date();
                    Resolved {
                        value: Some(format!("{:04}-W{:02}", iso.year(), iso.week())),
                        gran: Granularity::Week,
                        first: Some(z - (wd - 1)),
                        last: Some(z - (wd - 1) + 6),
                        anchoring: Publication,
                    }
                }
                Unit::Month => {
                    let (y, m) = shift_month(ay, am, n);
                    Resolved::month(y, m, Publication)
                }
                Unit::Year => Resolved::year(ay + n, Publication),
                Unit::Decade => Resolved {
                    value: Some(format!("{}", ay.div_euclid(10) + n)),
                    gran: Granularity::Decade,
                    first: None,
                    last: None,
                    anchoring: Publication,
                },
                // القرن الماضي: "19" (TIMEX3 century), counting centuries as 1900-1999.
                Unit::Century => Resolved {
                    value: Some(format!("{}", ay.div_euclid(100) + n)),
                    gran: Granularity::Decade,
                    first: None,
                    last: None,
                    anchoring: Publication,
                },
                _ => Resolved::none(Granularity::None),
            }
        }
        TimeExpr::Weekday { day, dir } => {
            let Some(a) = anchor else {
                return Resolved::none(Granularity::Day);
            };
            let aw = i64::from(cal::weekday_of(a));
            let d = i64::from(day);
            let back = (aw - d).rem_euclid(7);
            let fwd = (d - aw).rem_euclid(7);
            let z = match dir {
                Dir::Past => a - back,
                Dir::PastStrict => a - if back == 0 { 7 } else { back },
                Dir::Future => a + fwd,
                Dir::FutureStrict => a + if fwd == 0 { 7 } else { fwd },
            };
            Resolved::day(z, Publication)
        }
        TimeExpr::Season {
            season,
            year,
            offset,
        } => {
            let (y, an) = match (year, anchor) {
                (Some(y), _) => (y, Absolute),
                (None, Some(a)) => (cal::civil_from_days(a).0 + offset, Publication),
                _ => return Resolved::none(Granularity::Season),
            };
            let code = ["SP", "SU", "FA", "WI"][usize::from(season.min(3))];
            Resolved {
                value: Some(format!("{y:04}-{code}")),
                gran: Granularity::Season,
                first: None,
                last: None,
                anchoring: an,
            }
        }
        TimeExpr::Decade { decade } => Resolved {
            value: Some(format!("{decade:03}")),
            gran: Granularity::Decade,
            first: Some(cal::days_from_civil(decade * 10, 1, 1)),
            last: Some(cal::days_from_civil(decade * 10 + 9, 12, 31)),
            anchoring: Absolute,
        },
        TimeExpr::Ago { unit, n } => match (anchor, n) {
            (Some(a), Some(n)) => shift(a, unit, -n, Publication),
            _ => Resolved::none(Granularity::None),
        },
        TimeExpr::AfterEvent { unit, n } => match (event.or(anchor), n) {
            (Some(e), Some(n)) => shift(
                e,
                unit,
                n,
                if event.is_some() { Event } else { Publication },
            ),
            _ => Resolved::none(Granularity::None),
        },
        TimeExpr::Since { unit, n } => {
            let start = match (anchor, n) {
                (Some(a), Some(n)) => shift(a, unit, -n, Publication).first,
                _ => None,
            };
            Resolved {
                value: n.map(|n| duration_value(unit, n)),
                gran: Granularity::None,
                first: start,
                last: anchor.filter(|_| start.is_some()),
                anchoring: if start.is_some() {
                    Publication
                } else {
                    Absolute
                },
            }
        }
        TimeExpr::Duration { unit, n } => Resolved {
            value: n.map(|n| duration_value(unit, n)),
            gran: Granularity::None,
            first: None,
            last: None,
            anchoring: Absolute,
        },
        TimeExpr::Range {
            from,
            to,
            month,
            year,
            hijri,
            pick,
        } => {
            let (y, an) = match (year, anchor) {
                (Some(y), _) => (y, Absolute),
                (None, Some(a)) if hijri => (cal::hijri_from_days(a).0, Publication),
                (None, Some(a)) => (
                    pick_year(
                        u32::from(month),
                        Some(u32::from(from)),
                        None,
                        pick,
                        tense,
                        a,
                    ),
                    Publication,
                ),
                _ => return Resolved::none(Granularity::Interval),
            };
            let m = u32::from(month);
            if hijri {
                if u32::from(to) > cal::hijri_month_len(y, m) {
                    return Resolved::none(Granularity::Interval);
                }
                Resolved::interval(
                    cal::days_from_hijri(y, m, u32::from(from)),
                    cal::days_from_hijri(y, m, u32::from(to)),
                    an,
                )
            } else {
                if u32::from(to) > cal::month_len(y, m) {
                    return Resolved::none(Granularity::Interval);
                }
                Resolved::interval(
                    cal::days_from_civil(y, m, u32::from(from)),
                    cal::days_from_civil(y, m, u32::from(to)),
                    an,
                )
            }
        }
        TimeExpr::Span {
            from_month,
            from_day,
            to_month,
            to_day,
            year,
            pick,
        } => {
            let (fm, fd, tm, td) = (
                u32::from(from_month),
                u32::from(from_day),
                u32::from(to_month),
                u32::from(to_day),
            );
            let (y, an) = match (year, anchor) {
                (Some(y), _) => (y, Absolute),
                (None, Some(a)) => (pick_year(tm, Some(td), None, pick, tense, a), Publication),
                _ => return Resolved::none(Granularity::Interval),
            };
            let y0 = if fm > tm { y - 1 } else { y };
            if fd > cal::month_len(y0, fm) || td > cal::month_len(y, tm) {
                return Resolved::none(Granularity::Interval);
            }
            Resolved::interval(
                cal::days_from_civil(y0, fm, fd),
                cal::days_from_civil(y, tm, td),
                an,
            )
        }
        TimeExpr::Ref { .. } => Resolved::none(Granularity::None),
        TimeExpr::Clock { hour, minute } => Resolved {
            value: Some(format!("T{hour:02}:{minute:02}")),
            gran: Granularity::None,
            first: None,
            last: None,
            anchoring: Absolute,
        },
        TimeExpr::Set { unit } => Resolved {
            value: Some(duration_value(unit, 1.0)),
            gran: Granularity::None,
            first: None,
            last: None,
            anchoring: Absolute,
        },
    }
}

fn shift(a: i64, unit: Unit, n: f64, an: Anchoring) -> Resolved {
    if n.fract() != 0.0 {
        return Resolved::none(Granularity::None);
    }
    let k = n as i64;
    let (y, m, _) = cal::civil_from_days(a);
    match unit {
        Unit::Day => Resolved::day(a + k, an),
        Unit::Week => Resolved::day(a + 7 * k, an),
        Unit::Month => {
            let (y2, m2) = shift_month(y, m, k as i32);
            Resolved::month(y2, m2, an)
        }
        Unit::Year => Resolved::year(y + k as i32, an),
        Unit::Decade => Resolved::year(y + 10 * k as i32, an),
        _ => Resolved::none(Granularity::None),
    }
}

/// Whether an expression needs an anchor.
pub(crate) fn is_relative(e: &TimeExpr) -> bool {
    match e {
        TimeExpr::Greg { year, .. }
        | TimeExpr::Hijri { year, .. }
        | TimeExpr::Range { year, .. }
        | TimeExpr::Span { year, .. } => year.is_none(),
        TimeExpr::Season { year, .. } => year.is_none(),
        TimeExpr::DayOffset { .. }
        | TimeExpr::UnitOffset { .. }
        | TimeExpr::Weekday { .. }
        | TimeExpr::Ago { .. }
        | TimeExpr::AfterEvent { .. } => true,
        TimeExpr::Decade { .. }
        | TimeExpr::Duration { .. }
        | TimeExpr::Since { .. }
        | TimeExpr::Clock { .. }
        | TimeExpr::Ref { .. }
        | TimeExpr::Set { .. } => false,
    }
}

/// The quantity of a time unit at `k`: (end, unit, count); count None for a vague plural.
struct Qty {
    end: usize,
    unit: Unit,
    n: Option<f64>,
    /// The count came from the unit's own form (يوم, أسبوعين) rather than a number.
    implied: bool,
}

impl Toks<'_> {
    fn qty_at(&self, k: usize) -> Option<Qty> {
        let mut k = k;
        if matches!(
            self.v.get(k).map(|t| t.t),
            Some("نحو" | "حوالي" | "قرابه" | "زهاء")
        ) {
            k += 1;
        }
        if let Some((j, v, _)) = self.number_at(k) {
            if let Some((unit, _)) = self.unit_at(j) {
                // 124 مليون عام 2014, القانون رقم 103 لسنة 1961: not durations.
                let year_after = unit == Unit::Year && self.year_num(j + 1).is_some();
                if !self.v[j].waw && !self.v[j].procl && !year_after {
                    return Some(Qty {
                        end: j + 1,
                        unit,
                        n: Some(v),
                        implied: false,
                    });
                }
            }
            return None;
        }
        if self.is_word(k, W::Several) {
            if let Some((unit, 0)) = self.unit_at(k + 1) {
                return Some(Qty {
                    end: k + 2,
                    unit,
                    n: None,
                    implied: false,
                });
            }
            return None;
        }
        let (unit, count) = self.unit_at(k)?;
        if self.v[k].waw {
            return None;
        }
        match count {
            0 => Some(Qty {
                end: k + 1,
                unit,
                n: None,
                implied: true,
            }),
            2 => Some(Qty {
                end: k + 1,
                unit,
                n: Some(2.0),
                implied: true,
            }),
            _ if self.month_at(k + 1).is_some() => None,
            _ => {
                let end = if self.is_word(k + 1, W::One) {
                    k + 2
                } else {
                    k + 1
                };
                Some(Qty {
                    end,
                    unit,
                    n: Some(1.0),
                    implied: true,
                })
            }
        }
    }

    /// The clause's tense around tokens `i..j`, from the nearest cue word.
    pub(crate) fn tense_near(&self, i: usize, j: usize) -> Tense {
        let mut k = i;
        let lo = i.saturating_sub(30);
        while k > lo {
            k -= 1;
            if self.boundary_after(k) {
                break;
            }
            match self.word(k) {
                Some(W::Future | W::Tomorrow | W::Next) => return Tense::Future,
                Some(W::Past | W::Yesterday) => return Tense::Past,
                _ => {}
            }
            let t = &self.v[k];
            if t.kind == TokenKind::Arabic && future_verb(t.t) {
                return Tense::Future;
            }
        }
        for k in j..(j + 6).min(self.len()) {
            if self.v[k].brk {
                break;
            }
            match self.word(k) {
                Some(W::Next | W::Future) => return Tense::Future,
                Some(W::Past) => return Tense::Past,
                _ => {}
            }
            if self.boundary_after(k) {
                break;
            }
        }
        Tense::Unknown
    }

    fn skip_comma(&self, k: usize) -> usize {
        if self.punct(k, ',') {
            k + 1
        } else {
            k
        }
    }

    /// Month at `k` with its paired forms, year and trailing الجاري/الماضي/المقبل.
    /// Returns (end, hijri, month, year, pick, paired, had_year).
    fn month_tail(&self, k: usize) -> Option<(usize, bool, u8, Option<i32>, Pick, bool)> {
        let (hijri, m, _, n) = self.month_at(k)?;
        let mut k = k + n;
        let mut paired = false;
        loop {
            if self.punct(k, '/') || self.punct(k, '-') || self.punct(k, '(') || self.punct(k, ',')
            {
                if let Some((h2, m2, _, n2)) = self.month_at(k + 1) {
                    if m2 == m && h2 == hijri {
                        k += 1 + n2;
                        if self.punct(k, ')') {
                            k += 1;
                        }
                        paired = true;
                        continue;
                    }
                }
            }
            if let Some((h2, m2, _, n2)) = self.month_at(k) {
                if m2 == m && h2 == hijri {
                    k += n2;
                    paired = true;
                    continue;
                }
            }
            break;
        }
        let mut year = None;
        // مايو من عام 2007
        let mut k = if self.is(k, "من")
            && (self.year_num(k + 1).is_some()
                || (self.is_word(k + 1, W::YearCue) && self.year_num(k + 2).is_some()))
        {
            k + 1
        } else {
            k
        };
        let yk = if self.is_word(k, W::YearCue) && self.year_num(k + 1).is_some() {
            k + 1
        } else {
            k
        };
        if let Some(y) = self.year_num(yk) {
            let ok = if hijri {
                (1..=1700).contains(&y)
            } else {
                (1000..=2200).contains(&y)
            };
            if ok && self.v[yk].digits >= 3 {
                year = Some(y);
                k = yk + 1;
                if matches!(self.word(k), Some(W::GregSuffix | W::HijriSuffix)) {
                    k += 1;
                }
            }
        }
        let mut pick = Pick::Auto;
        if year.is_none() {
            match self.word(k) {
                Some(W::Current) => {
                    pick = Pick::Current;
                    k += 1;
                }
                Some(W::Past) => {
                    pick = Pick::Past;
                    k += 1;
                }
                Some(W::Next) => {
                    pick = Pick::Future;
                    k += 1;
                }
                _ => {}
            }
        }
        Some((k, hijri, m, year, pick, paired))
    }

    fn month_expr(
        hijri: bool,
        m: u8,
        year: Option<i32>,
        day: Option<u8>,
        pick: Pick,
        weekday: Option<u8>,
    ) -> TimeExpr {
        if hijri {
            TimeExpr::Hijri {
                year,
                month: Some(m),
                day,
                pick,
                weekday,
            }
        } else {
            TimeExpr::Greg {
                year,
                month: Some(m),
                day,
                pick,
                weekday,
            }
        }
    }

    /// Day number, optional من/شهر, month: (end, expr).
    fn day_month(&self, i: usize, weekday: Option<u8>) -> Option<(usize, TimeExpr)> {
        let (d, mut k) = match self.day_num(i) {
            Some(d) => (d, i + 1),
            None => {
                // الخامس من (شهر) أغسطس: an ordinal day needs its من.
                let (end, d) = self.ordinal_day_at(i)?;
                if !self.is(end, "من") {
                    return None;
                }
                (d, end)
            }
        };
        if self.is(k, "من") {
            k += 1;
        }
        if self.is(k, "شهر") {
            k += 1;
        }
        let (end, hijri, m, year, pick, _) = self.month_tail(k)?;
        Some((
            end,
            Self::month_expr(hijri, m, year, Some(d), pick, weekday),
        ))
    }

    /// A bare year number at `i` (with a م/هـ suffix, or a cue word before it).
    fn bare_year(&self, i: usize) -> Option<Parsed> {
        let t = self.v.get(i)?;
        if t.kind != TokenKind::Number || !(3..=4).contains(&t.digits) {
            return None;
        }
        let y = t.num? as i32;
        match self.word(i + 1) {
            Some(W::GregSuffix) if (1000..=2200).contains(&y) => {
                return Some(Parsed::new(
                    i,
                    i + 2,
                    TimeExpr::Greg {
                        year: Some(y),
                        month: None,
                        day: None,
                        pick: Pick::Auto,
                        weekday: None,
                    },
                ))
            }
            Some(W::HijriSuffix) if (1..=1700).contains(&y) => {
                return Some(Parsed::new(
                    i,
                    i + 2,
                    TimeExpr::Hijri {
                        year: Some(y),
                        month: None,
                        day: None,
                        pick: Pick::Auto,
                        weekday: None,
                    },
                ))
            }
            _ => {}
        }
        if !(1900..=2100).contains(&y) || t.digits != 4 {
            return None;
        }
        let year = || {
            Some(Parsed::new(
                i,
                i + 1,
                TimeExpr::Greg {
                    year: Some(y),
                    month: None,
                    day: None,
                    pick: Pick::Auto,
                    weekday: None,
                },
            ))
        };
        // A count, not a year: أكثر من 2000, نحو 2000.
        if self.qualifier_before(i).is_some() {
            return None;
        }
        // Nothing counted follows: punctuation, the end of a sentence, a function word.
        let next_free = match self.v.get(i + 1) {
            None => true,
            Some(n) => {
                self.boundary_after(i)
                    || (n.kind == TokenKind::Punct && n.t != "%")
                    || (n.kind == TokenKind::Arabic
                        && (FUNC.contains(&n.t) || n.t.starts_with('و')))
            }
        };
        if i == 0 {
            return if next_free { year() } else { None };
        }
        let p = &self.v[i - 1];
        // A year coordinated with a previous one: 2013 و2014, 1995، 1998, 2013-2014, من 2006 إلى 2014.
        if i >= 2 && matches!(p.t, "و" | "," | "-" | "/" | "الي" | "حتي" | "وحتي" | "او")
        {
            let q = &self.v[i - 2];
            if q.kind == TokenKind::Number && q.digits == 4 && self.bare_year(i - 2).is_some() {
                return year();
            }
        }
        if p.kind != TokenKind::Arabic {
            return if next_free && p.t != "-" {
                year()
            } else {
                None
            };
        }
        let stem =
            p.t.strip_prefix('و')
                .filter(|_| p.t.len() > 4)
                .unwrap_or(p.t);
        let strong = STRONG_YEAR_PRE.contains(&stem)
            || matches!(
                self.word(i - 1),
                Some(W::Start | W::Mid | W::End | W::Season(_) | W::YearCue)
            );
        if strong {
            return year();
        }
        let weak = matches!(
            self.word(i - 1),
            Some(W::Since | W::In | W::From | W::Before | W::After | W::During)
        ) || stem == "حتي";
        if weak || !COUNT_PRE.contains(&stem) {
            // After a name (كأس العالم 2018) or a preposition: a year when nothing counted follows.
            return if next_free { year() } else { None };
        }
        None
    }

    /// Whether a bare (ambiguous) month at `i` stands in a date context.
    fn month_context(&self, i: usize, paired: bool, year: Option<i32>) -> bool {
        if paired || year.is_some() {
            return true;
        }
        if i > 0 {
            if self.is(i - 1, "شهر") || self.v[i - 1].t.ends_with("شهر") {
                return true;
            }
            if matches!(
                self.word(i - 1),
                Some(W::In | W::Since | W::Until | W::Start | W::Mid | W::End)
            ) {
                return true;
            }
        }
        false
    }

    /// اليوم as the name of a newspaper: «اليوم», صحيفة اليوم, عين اليوم.
    fn names_paper(&self, i: usize) -> bool {
        let quoted = i > 0 && self.punct(i - 1, '"') && self.punct(i + 1, '"');
        let named = i > 0
            && matches!(
                self.v[i - 1].t,
                "صحيفه"
                    | "جريده"
                    | "لصحيفه"
                    | "لجريده"
                    | "بصحيفه"
                    | "بجريده"
                    | "عين"
                    | "مجله"
                    | "روسيا"
                    | "موقع"
            );
        quoted || named
    }

    fn parse_at(&self, i: usize) -> Option<Parsed> {
        match self.word(i) {
            Some(W::Tod(t)) => {
                let k = if self.is_word(i + 1, W::In) {
                    i + 2
                } else {
                    i + 1
                };
                let p = self.parse_core(k)?;
                if matches!(
                    p.expr,
                    TimeExpr::DayOffset { .. }
                        | TimeExpr::Weekday { .. }
                        | TimeExpr::Greg { day: Some(_), .. }
                ) {
                    return Some(Parsed {
                        start: i,
                        tod: Some(t),
                        ..p
                    });
                }
                return None;
            }
            Some(w @ (W::Start | W::Mid | W::End)) => {
                let part = match w {
                    W::Start => Part::Start,
                    W::Mid => Part::Mid,
                    _ => Part::End,
                };
                let k = i + 1;
                let bare = |e: TimeExpr, end: usize| {
                    Some(Parsed {
                        part: Some(part),
                        ..Parsed::new(i, end, e)
                    })
                };
                if let Some(p) = self.parse_core(k) {
                    if matches!(
                        p.expr,
                        TimeExpr::Greg { day: None, .. }
                            | TimeExpr::Hijri { day: None, .. }
                            | TimeExpr::UnitOffset { .. }
                            | TimeExpr::Season { .. }
                            | TimeExpr::Decade { .. }
                    ) {
                        return Some(Parsed {
                            start: i,
                            part: Some(part),
                            ..p
                        });
                    }
                }
                if let Some((end, hijri, m, year, pick, _)) = self.month_tail(k) {
                    return bare(Self::month_expr(hijri, m, year, None, pick, None), end);
                }
                match self.word(k) {
                    Some(W::TheWeek) => {
                        return bare(
                            TimeExpr::UnitOffset {
                                unit: Unit::Week,
                                n: 0,
                            },
                            k + 1,
                        )
                    }
                    Some(W::TheMonth) => {
                        return bare(
                            TimeExpr::UnitOffset {
                                unit: Unit::Month,
                                n: 0,
                            },
                            k + 1,
                        )
                    }
                    Some(W::TheYear) => {
                        return bare(
                            TimeExpr::UnitOffset {
                                unit: Unit::Year,
                                n: 0,
                            },
                            k + 1,
                        )
                    }
                    Some(W::Season(s)) if self.v[k].t.starts_with("ال") => {
                        return bare(
                            TimeExpr::Season {
                                season: s,
                                year: None,
                                offset: 0,
                            },
                            k + 1,
                        )
                    }
                    _ => {}
                }
                if let Some(p) = self.bare_year(k) {
                    return Some(Parsed {
                        start: i,
                        part: Some(part),
                        ..p
                    });
                }
                return None;
            }
            _ => {}
        }
        self.parse_core(i)
    }

    fn parse_core(&self, i: usize) -> Option<Parsed> {
        let tok = self.v.get(i)?;
        let w = self.word(i);
        // أمس / اليوم / غداً / أول أمس / بعد غد, with a weekday and an explicit date.
        let lead = match w {
            Some(W::First) if self.is_word(i + 1, W::Yesterday) => Some((-2, i + 2)),
            Some(W::First) if self.is(i + 1, "من") && self.is_word(i + 2, W::Yesterday) => {
                Some((-2, i + 3))
            }
            Some(W::After)
                if self.is_word(i + 1, W::Tomorrow) && !self.v[i + 1].t.starts_with("ال") =>
            {
                Some((2, i + 2))
            }
            Some(W::Today)
                if !matches!(self.word(i + 1), Some(W::NotDay))
                    && self.unit_at(i + 1).is_none()
                    && !self.names_paper(i)
                    && (!tok.procl || self.weekday_at(i + 1).is_some()) =>
            {
                Some((0, i + 1))
            }
            // في أمس الحاجة (most in need), لامس (touched), كالأمس (like yesterday): not dates.
            Some(W::Yesterday)
                if !self
                    .v
                    .get(i + 1)
                    .is_some_and(|n| n.t.starts_with("الحاج") || n.t.starts_with("حاج"))
                    && (!tok.procl || tok.t.ends_with("بالامس")) =>
            {
                Some((-1, i + 1))
            }
            Some(W::Tomorrow) if !self.is(i + 1, "من") || tok.t != "الغد" => Some((1, i + 1)),
            _ => None,
        };
        if let Some((days, k)) = lead {
            let k2 = self.skip_comma(k);
            let (weekday, k3) = match self.weekday_at(k2) {
                Some(d) => (Some(d), k2 + 1),
                None if self.punct(k2, '(') && self.punct(k2 + 2, ')') => {
                    match self.weekday_at(k2 + 1) {
                        Some(d) => (Some(d), k2 + 3),
                        None => (None, k),
                    }
                }
                None => (None, k),
            };
            let k4 = self.skip_comma(k3);
            if let Some((end, e)) = self.day_month(k4, weekday) {
                return Some(Parsed {
                    lead: Some(days),
                    ..Parsed::new(i, end, e)
                });
            }
            return Some(Parsed::new(i, k3, TimeExpr::DayOffset { days, weekday }));
        }
        // يوم + weekday / date
        if tok.t.ends_with("يوم") && tok.t.len() <= 8 {
            if self.weekday_at(i + 1).is_some() {
                let p = self.parse_weekday(i + 1)?;
                return Some(Parsed { start: i, ..p });
            }
            if let Some((end, e)) = self.day_month(i + 1, None) {
                return Some(Parsed::new(i, end, e));
            }
        }
        // أيام الجمعة: every Friday.
        if tok.t == "ايام" && self.weekday_at(i + 1).is_some() {
            return Some(Parsed::new(i, i + 2, TimeExpr::Set { unit: Unit::Week }));
        }
        if self.weekday_at(i).is_some() {
            // بين الاثنين, كلا الاثنين: "the two".
            if tok.t.ends_with("الاثنين")
                && i > 0
                && matches!(self.v[i - 1].t, "بين" | "كلا" | "من" | "احد")
            {
                return None;
            }
            return self.parse_weekday(i);
        }
        if tok.kind == TokenKind::Number {
            if let Some(p) = self.numeric_date(i) {
                return Some(p);
            }
            // Ranges: 13-15 تموز, من 13 إلى 15 تموز, بين 13 و15 تموز
            if let Some(from) = self.day_num(i) {
                let sep =
                    self.punct(i + 1, '-') || self.is_word(i + 1, W::Until) || self.is(i + 1, "و");
                if sep {
                    if let Some(to) = self.day_num(i + 2) {
                        if to > from {
                            let parsed = match self.day_month(i + 2, None) {
                                Some((
                                    end,
                                    TimeExpr::Greg {
                                        month: Some(m),
                                        year,
                                        pick,
                                        ..
                                    },
                                )) => Some((end, m, year, false, pick)),
                                Some((
                                    end,
                                    TimeExpr::Hijri {
                                        month: Some(m),
                                        year,
                                        ..
                                    },
                                )) => Some((end, m, year, true, Pick::Auto)),
                                _ => None,
                            };
                            if let Some((end, m, year, hijri, pick)) = parsed {
                                let start = if i > 0
                                    && matches!(self.word(i - 1), Some(W::From | W::Between))
                                {
                                    i - 1
                                } else {
                                    i
                                };
                                return Some(Parsed::new(
                                    start,
                                    end,
                                    TimeExpr::Range {
                                        from,
                                        to,
                                        month: m,
                                        year,
                                        hijri,
                                        pick,
                                    },
                                ));
                            }
                        }
                    }
                }
                if let Some((end, e)) = self.day_month(i, None) {
                    // Across months: من 28 فبراير إلى 3 مارس 2020, بين 28 فبراير و3 مارس.
                    if let TimeExpr::Greg {
                        year: None,
                        month: Some(m1),
                        day: Some(d1),
                        ..
                    } = e
                    {
                        let between = i > 0 && self.is_word(i - 1, W::Between);
                        let sep = self.punct(end, '-')
                            || self.is_word(end, W::Until)
                            || (between && self.is(end, "و"));
                        if sep {
                            if let Some((
                                end2,
                                TimeExpr::Greg {
                                    year,
                                    month: Some(m2),
                                    day: Some(d2),
                                    pick,
                                    ..
                                },
                            )) = self.day_month(end + 1, None)
                            {
                                if m2 != m1 {
                                    let start = if i > 0
                                        && matches!(self.word(i - 1), Some(W::From | W::Between))
                                    {
                                        i - 1
                                    } else {
                                        i
                                    };
                                    let e = TimeExpr::Span {
                                        from_month: m1,
                                        from_day: d1,
                                        to_month: m2,
                                        to_day: d2,
                                        year,
                                        pick,
                                    };
                                    return Some(Parsed::new(start, end2, e));
                                }
                            }
                        }
                    }
                    return Some(Parsed::new(i, end, e));
                }
            }
            if let Some(p) = self.bare_year(i) {
                return Some(p);
            }
            if let Some(q) = self.qty_at(i) {
                return Some(Parsed::new(
                    i,
                    q.end,
                    TimeExpr::Duration {
                        unit: q.unit,
                        n: q.n,
                    },
                ));
            }
            return None;
        }
        if tok.kind != TokenKind::Arabic {
            return None;
        }
        // Clock times: الساعة العاشرة صباحاً, الساعة 10:30 مساءً.
        if tok.t.ends_with("الساعه") && tok.t.len() <= 16 {
            if let Some(p) = self.clock(i) {
                return Some(p);
            }
        }
        // Ordinal days: في الخامس من أغسطس.
        if let Some((end, e)) = self.day_month(i, None) {
            return Some(Parsed::new(i, end, e));
        }
        // Month names.
        let month_start =
            if (tok.t.ends_with("شهر") && tok.t.len() <= 8) && self.month_at(i + 1).is_some() {
                i + 1
            } else {
                i
            };
        if let Some((_, m, ambiguous, _)) = self.month_at(month_start) {
            let (end, hijri, _, year, pick, paired) = self.month_tail(month_start)?;
            let ctx = month_start > i || self.month_context(i, paired, year);
            if (!ambiguous && !hijri) || ctx {
                return Some(Parsed::new(
                    i,
                    end,
                    Self::month_expr(hijri, m, year, None, pick, None),
                ));
            }
            return None;
        }
        if let Some(W::YearCue | W::TheYear) = w {
            if let Some(y) = self.year_num(i + 1) {
                // A year of 1300-1499 with no suffix is a Hijri year (عام 1432 in the Gulf press).
                let hijri_range =
                    (1300..1500).contains(&y) && !matches!(self.word(i + 2), Some(W::GregSuffix));
                if hijri_range && !matches!(self.word(i + 2), Some(W::HijriSuffix)) {
                    return Some(Parsed::new(
                        i,
                        i + 2,
                        TimeExpr::Hijri {
                            year: Some(y),
                            month: None,
                            day: None,
                            pick: Pick::Auto,
                            weekday: None,
                        },
                    ));
                }
                if matches!(self.word(i + 2), Some(W::HijriSuffix)) && (1..=1700).contains(&y) {
                    return Some(Parsed::new(
                        i,
                        i + 3,
                        TimeExpr::Hijri {
                            year: Some(y),
                            month: None,
                            day: None,
                            pick: Pick::Auto,
                            weekday: None,
                        },
                    ));
                }
                if (1000..=2200).contains(&y) || matches!(self.word(i + 2), Some(W::GregSuffix)) {
                    let end = if matches!(self.word(i + 2), Some(W::GregSuffix)) {
                        i + 3
                    } else {
                        i + 2
                    };
                    return Some(Parsed::new(
                        i,
                        end,
                        TimeExpr::Greg {
                            year: Some(y),
                            month: None,
                            day: None,
                            pick: Pick::Auto,
                            weekday: None,
                        },
                    ));
                }
            }
        }
        // الأسبوع/الشهر/العام + الماضي/المقبل/الجاري; هذا الشهر
        let unit_of = |k: usize| match self.word(k) {
            Some(W::TheWeek) => Some(Unit::Week),
            Some(W::TheMonth) => Some(Unit::Month),
            Some(W::TheDecade) => Some(Unit::Decade),
            Some(W::TheCentury) => Some(Unit::Century),
            _ if self.is_word(k, W::TheYear) => Some(Unit::Year),
            _ => None,
        };
        if let Some(u) = unit_of(i) {
            let n = match self.word(i + 1) {
                Some(W::Past) => Some(-1),
                Some(W::Next) => Some(1),
                Some(W::Current) => Some(0),
                _ => None,
            };
            if let Some(n) = n {
                return Some(Parsed::new(i, i + 2, TimeExpr::UnitOffset { unit: u, n }));
            }
        }
        if w == Some(W::This) {
            if let Some(u) = unit_of(i + 1) {
                return Some(Parsed::new(
                    i,
                    i + 2,
                    TimeExpr::UnitOffset { unit: u, n: 0 },
                ));
            }
            if let Some(W::Season(s)) = self.word(i + 1) {
                return Some(Parsed::new(
                    i,
                    i + 2,
                    TimeExpr::Season {
                        season: s,
                        year: None,
                        offset: 0,
                    },
                ));
            }
        }
        if let Some(W::Season(s)) = w {
            if let Some(y) = self.year_num(i + 1) {
                if (1000..=2200).contains(&y) {
                    return Some(Parsed::new(
                        i,
                        i + 2,
                        TimeExpr::Season {
                            season: s,
                            year: Some(y),
                            offset: 0,
                        },
                    ));
                }
            }
            let off = match self.word(i + 1) {
                Some(W::Past) => Some(-1),
                Some(W::Next) => Some(1),
                Some(W::Current) => Some(0),
                _ => None,
            };
            if let Some(o) = off {
                return Some(Parsed::new(
                    i,
                    i + 2,
                    TimeExpr::Season {
                        season: s,
                        year: None,
                        offset: o,
                    },
                ));
            }
            return None;
        }
        if let Some(W::Decade(d)) = w {
            // في الخمسينات من العمر: an age, not a decade.
            if self.is(i + 1, "من")
                && self
                    .v
                    .get(i + 2)
                    .is_some_and(|t| t.t.starts_with("العمر") || t.t.starts_with("عمر"))
            {
                return None;
            }
            let century = 19;
            return Some(Parsed::new(
                i,
                i + 1,
                TimeExpr::Decade {
                    decade: century * 10 + i32::from(d) / 10,
                },
            ));
        }
        match w {
            Some(W::Before) => {
                if let Some(q) = self.qty_at(i + 1) {
                    if q.implied && q.unit == Unit::Year && self.year_num(q.end).is_some() {
                        return None;
                    }
                    let k = if self.is(q.end, "فقط") || self.is(q.end, "تقريبا") {
                        q.end + 1
                    } else {
                        q.end
                    };
                    if self.is(k, "من") || self.is(k, "علي") {
                        return Some(Parsed::new(
                            i + 1,
                            q.end,
                            TimeExpr::Duration {
                                unit: q.unit,
                                n: q.n,
                            },
                        ));
                    }
                    return Some(Parsed::new(
                        i,
                        q.end,
                        TimeExpr::Ago {
                            unit: q.unit,
                            n: q.n,
                        },
                    ));
                }
            }
            Some(W::After) => {
                if let Some(q) = self.qty_at(i + 1) {
                    // يوماً بعد يوم, عاماً بعد عام: "day after day".
                    if i > 0 && self.unit_at(i - 1).is_some_and(|(u, _)| u == q.unit) {
                        return None;
                    }
                    if q.implied && q.unit == Unit::Year && self.year_num(q.end).is_some() {
                        return None;
                    }
                    let k = if self.is(q.end, "فقط") || self.is(q.end, "تقريبا") {
                        q.end + 1
                    } else {
                        q.end
                    };
                    if self.is(k, "من") || self.is(k, "علي") || q.n.is_none() {
                        return Some(Parsed::new(
                            i + 1,
                            q.end,
                            TimeExpr::Duration {
                                unit: q.unit,
                                n: q.n,
                            },
                        ));
                    }
                    return Some(Parsed::new(
                        i,
                        q.end,
                        TimeExpr::AfterEvent {
                            unit: q.unit,
                            n: q.n,
                        },
                    ));
                }
            }
            Some(w @ (W::Since | W::During)) => {
                if let Some(q) = self.qty_at(i + 1) {
                    if q.implied && q.unit == Unit::Year && self.year_num(q.end).is_some() {
                        return None;
                    }
                    let e = if w == W::Since {
                        TimeExpr::Since {
                            unit: q.unit,
                            n: q.n,
                        }
                    } else {
                        TimeExpr::Duration {
                            unit: q.unit,
                            n: q.n,
                        }
                    };
                    return Some(Parsed::new(i + 1, q.end, e));
                }
                if let Some(W::PlUnit(u)) = self.word(i + 1) {
                    let fut = match self.word(i + 2) {
                        Some(W::Next) => Some(true),
                        Some(W::Past | W::Recent) => Some(false),
                        _ => None,
                    };
                    if let Some(f) = fut {
                        return Some(Parsed::new(i, i + 3, TimeExpr::Ref { future: f, unit: u }));
                    }
                }
            }
            Some(W::PlUnit(u)) => {
                let fut = match self.word(i + 1) {
                    Some(W::Next) => Some(true),
                    Some(W::Past | W::Recent) => Some(false),
                    _ => None,
                };
                if let Some(f) = fut {
                    return Some(Parsed::new(i, i + 2, TimeExpr::Ref { future: f, unit: u }));
                }
            }
            Some(W::SetAdv(u)) => return Some(Parsed::new(i, i + 1, TimeExpr::Set { unit: u })),
            Some(W::Every) => {
                if let Some((u, 1)) = self.unit_at(i + 1) {
                    return Some(Parsed::new(i, i + 2, TimeExpr::Set { unit: u }));
                }
            }
            _ => {}
        }
        if matches!(tok.t, "نحو" | "حوالي" | "قرابه" | "زهاء") {
            if let Some(q) = self.qty_at(i + 1) {
                if q.n.is_some() && q.implied {
                    return Some(Parsed::new(
                        i,
                        q.end,
                        TimeExpr::Duration {
                            unit: q.unit,
                            n: q.n,
                        },
                    ));
                }
            }
        }
        // Number words + unit (ستة أسابيع), dual units (عقدين).
        if let Some(q) = self.qty_at(i) {
            if !q.implied || q.n == Some(2.0) {
                if q.implied && q.unit == Unit::Year && self.year_num(q.end).is_some() {
                    return None;
                }
                return Some(Parsed::new(
                    i,
                    q.end,
                    TimeExpr::Duration {
                        unit: q.unit,
                        n: q.n,
                    },
                ));
            }
        }
        None
    }

    /// The clock time after الساعة at `i`.
    fn clock(&self, i: usize) -> Option<Parsed> {
        let mut k = i + 1;
        let (mut hour, mut minute) = if let Some(h) = self.small(k) {
            k += 1;
            let mut m = 0;
            if self.punct(k, ':') {
                let t = self.v.get(k + 1)?;
                if t.kind == TokenKind::Number && t.digits == 2 {
                    m = t.num? as u32;
                    k += 2;
                }
            }
            (h, m)
        } else {
            let (end, h) = self
                .entry_at(k, |c| matches!(c, crate::tables::Cue::Ordinal(_)))
                .and_then(|(c, n)| match c {
                    crate::tables::Cue::Ordinal(h) if *h <= 12 => Some((k + n, u32::from(*h))),
                    _ => None,
                })?;
            k = end;
            let mut m = 0;
            match self.v.get(k).map(|t| t.t) {
                Some("والنصف") => m = 30,
                Some("والربع") => m = 15,
                Some("الا") if self.is(k + 1, "ربعا") || self.is(k + 1, "ربع") => m = 45,
                _ => {}
            }
            if m == 45 {
                k += 2;
                (if h == 1 { 12 } else { h - 1 }, m)
            } else {
                if m > 0 {
                    k += 1;
                }
                (h, m)
            }
        };
        if hour > 24 || minute > 59 {
            return None;
        }
        if let Some(W::Tod(t)) = self.word(k) {
            // مساءً/ليلاً/عصراً/ظهراً move a 12-hour reading to the afternoon.
            if (t == 2 || t == 3 || (t == 4 && hour >= 6) || (t == 1 && hour < 6)) && hour < 12 {
                hour += 12;
            }
            k += 1;
        }
        if hour == 24 {
            hour = 0;
        }
        if minute == 60 {
            minute = 0;
        }
        Some(Parsed::new(
            i,
            k,
            TimeExpr::Clock {
                hour: hour as u8,
                minute: minute as u8,
            },
        ))
    }

    /// A small number token (1 or 2 digits) at `i`.
    fn small(&self, i: usize) -> Option<u32> {
        let t = self.v.get(i)?;
        if t.kind == TokenKind::Number && (1..=2).contains(&t.digits) {
            return t.num.map(|v| v as u32);
        }
        None
    }

    /// Numeric dates: 28/7/1433هـ, 29 /06 / 2015م, 2015/07/29, 29-06-2015, 29.06.2015.
    fn numeric_date(&self, i: usize) -> Option<Parsed> {
        let mk = |end: usize, y: i32, m: u32, d: u32| -> Option<Parsed> {
            let (hijri, end) = match self.word(end) {
                Some(W::HijriSuffix) => (true, end + 1),
                Some(W::GregSuffix) => (false, end + 1),
                _ => ((1300..1500).contains(&y), end),
            };
            if !(1..=12).contains(&m) || d == 0 {
                return None;
            }
            let (m8, d8) = (m as u8, d as u8);
            let e = if hijri {
                if d > 30 {
                    return None;
                }
                TimeExpr::Hijri {
                    year: Some(y),
                    month: Some(m8),
                    day: Some(d8),
                    pick: Pick::Auto,
                    weekday: None,
                }
            } else {
                if d > cal::month_len(y, m) {
                    return None;
                }
                TimeExpr::Greg {
                    year: Some(y),
                    month: Some(m8),
                    day: Some(d8),
                    pick: Pick::Auto,
                    weekday: None,
                }
            };
            Some(Parsed::new(i, end, e))
        };
        let t = self.v.get(i)?;
        // One token: 29.06.2015
        if t.num.is_none() && t.t.bytes().filter(|&b| b == b'.').count() == 2 {
            let mut it = t.t.split('.');
            let (a, b, c) = (it.next()?, it.next()?, it.next()?);
            if a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
                return mk(i + 1, c.parse().ok()?, b.parse().ok()?, a.parse().ok()?);
            }
            return None;
        }
        let sep = |k: usize| self.punct(k, '/') || self.punct(k, '-');
        if !(sep(i + 1) && sep(i + 3)) {
            return None;
        }
        let y4 = |k: usize| {
            let t = self.v.get(k)?;
            (t.kind == TokenKind::Number && t.digits == 4).then_some(t.num? as i32)
        };
        if let (Some(d), Some(m), Some(y)) = (self.small(i), self.small(i + 2), y4(i + 4)) {
            return mk(i + 5, y, m, d);
        }
        if let (Some(y), Some(m), Some(d)) = (y4(i), self.small(i + 2), self.small(i + 4)) {
            return mk(i + 5, y, m, d);
        }
        None
    }

    fn parse_weekday(&self, i: usize) -> Option<Parsed> {
        let day = self.weekday_at(i)?;
        let mut k = i + 1;
        let mut dir = None;
        match self.word(k) {
            Some(W::Past) => {
                dir = Some(Dir::PastStrict);
                k += 1;
            }
            Some(W::Next) => {
                dir = Some(Dir::FutureStrict);
                k += 1;
            }
            _ => {}
        }
        let mut k2 = self.skip_comma(k);
        // يوم الأحد الموافق 5 …, يوم السبت الـ7 من شهر …
        if self.is(k2, "الموافق") {
            k2 += 1;
        }
        if self.is(k2, "ال") && self.day_num(k2 + 1).is_some() {
            k2 += 1;
        }
        if let Some((end, e)) = self.day_month(k2, Some(day)) {
            return Some(Parsed::new(i, end, e));
        }
        if let Some(mut p) = self.numeric_date(k2) {
            if let TimeExpr::Hijri { weekday, .. } | TimeExpr::Greg { weekday, .. } = &mut p.expr {
                *weekday = Some(day);
            }
            return Some(Parsed { start: i, ..p });
        }
        // Dir by tense is decided at resolution (needs the clause).
        let dir = dir.unwrap_or(Dir::Past);
        Some(Parsed::new(i, k, TimeExpr::Weekday { day, dir }))
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
        if p.end <= p.start || p.end <= i {
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
        let r = resolve(&p.expr, tense, anchor_day, event);
        if r.gran == Granularity::Day && !matches!(p.expr, TimeExpr::Ago { .. }) {
            if let Some(f) = r.first {
                event = Some(f);
            }
        }
        let kind = match &p.expr {
            TimeExpr::Duration { .. } | TimeExpr::Since { .. } => TimexKind::Duration,
            TimeExpr::Set { .. } => TimexKind::Set,
            TimeExpr::Clock { .. } => TimexKind::Time,
            _ if p.tod.is_some() => TimexKind::Time,
            _ => TimexKind::Date,
        };
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

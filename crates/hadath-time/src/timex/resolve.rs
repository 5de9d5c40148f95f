//! Resolution of a parsed expression against the publication date and the event date.

use super::value::{duration_value, shift_month, vague_duration_value, ymd};
use super::{Anchoring, Dir, Granularity, Pick, Tense, TimeExpr};
use crate::cal;
use crate::tables::Unit;

/// The outcome of resolving an expression.
pub(crate) struct Resolved {
    pub value: Option<String>,
    pub gran: Granularity,
    pub first: Option<i64>,
    pub last: Option<i64>,
    pub anchoring: Anchoring,
}

impl Resolved {
    pub(super) fn none(gran: Granularity) -> Resolved {
        Resolved {
            value: None,
            gran,
            first: None,
            last: None,
            anchoring: Anchoring::Absolute,
        }
    }
    pub(super) fn day(z: i64, a: Anchoring) -> Resolved {
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
    pub(super) fn interval(a: i64, b: i64, an: Anchoring) -> Resolved {
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
                value: Some(
                    n.map_or_else(|| vague_duration_value(unit), |n| duration_value(unit, n)),
                ),
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
            value: Some(n.map_or_else(|| vague_duration_value(unit), |n| duration_value(unit, n))),
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
        TimeExpr::Deictic { .. } | TimeExpr::Century { .. } | TimeExpr::DayOfMonth { .. } => {
            super::extra::resolve(expr, anchor)
        }
        TimeExpr::Clock { hour, minute } => Resolved {
            value: Some(format!("T{hour:02}:{minute:02}")),
            gran: Granularity::None,
            first: None,
            last: None,
            anchoring: Absolute,
        },
        TimeExpr::Set { unit, n } => Resolved {
            value: Some(duration_value(unit, f64::from(n))),
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
        | TimeExpr::AfterEvent { .. }
        | TimeExpr::DayOfMonth { .. } => true,
        TimeExpr::Decade { .. }
        | TimeExpr::Duration { .. }
        | TimeExpr::Since { .. }
        | TimeExpr::Clock { .. }
        | TimeExpr::Ref { .. }
        | TimeExpr::Set { .. }
        | TimeExpr::Deictic { .. }
        | TimeExpr::Century { .. } => false,
    }
}

//! The core recognizer: one expression starting at a token, without prefixes.
//!
//! `parse_core` is a single function of some 520 lines; it is kept whole rather than cut.

use super::{Parsed, Pick, TimeExpr};
use crate::scan::Toks;
use crate::tables::{Unit, W};
use hadath_text::TokenKind;

impl Toks<'_> {
    pub(super) fn parse_core(&self, i: usize) -> Option<Parsed> {
        let tok = self.v.get(i)?;
        if let Some(p) = self.parse_extra(i) {
            return Some(p);
        }
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
        // يوم + weekday / date: يوم stays outside the span, as TimeML leaves "the day of" out.
        if tok.t.ends_with("يوم") && tok.t.len() <= 8 {
            if self.weekday_at(i + 1).is_some() {
                return self.parse_weekday(i + 1);
            }
            if let Some((end, e)) = self.day_month(i + 1, None) {
                return Some(Parsed::new(i + 1, end, e));
            }
        }
        // أيام الجمعة: every Friday.
        if tok.t == "ايام" && self.weekday_at(i + 1).is_some() {
            return Some(Parsed::new(
                i,
                i + 2,
                TimeExpr::Set {
                    unit: Unit::Week,
                    n: 1,
                },
            ));
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
            Some(W::SetAdv(u)) => {
                return Some(Parsed::new(i, i + 1, TimeExpr::Set { unit: u, n: 1 }))
            }
            // كل أسبوع, كل عامين, كل ثلاثة أشهر.
            Some(W::Every) => {
                let q = self.qty_at(i + 1)?;
                let n =
                    q.n.filter(|n| n.fract() == 0.0 && (1.0..1000.0).contains(n))?;
                let e = TimeExpr::Set {
                    unit: q.unit,
                    n: n as u16,
                };
                return Some(Parsed::new(i, q.end, e));
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
}

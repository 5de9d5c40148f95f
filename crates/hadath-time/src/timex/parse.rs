//! Recognition entry points: `parse_at` with its prefixes (time of day, part of a period),
//! quantities of a unit, tense cues and named weekdays.

use super::{Dir, Parsed, Part, Tense, TimeExpr};
use crate::scan::{future_verb, Toks};
use crate::tables::{Unit, W};
use hadath_text::TokenKind;

/// The quantity of a time unit at `k`: (end, unit, count); count None for a vague plural.
pub(super) struct Qty {
    pub(super) end: usize,
    pub(super) unit: Unit,
    pub(super) n: Option<f64>,
    /// The count came from the unit's own form (يوم, أسبوعين) rather than a number.
    pub(super) implied: bool,
}

impl Toks<'_> {
    pub(super) fn qty_at(&self, k: usize) -> Option<Qty> {
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
            // العامين الماضيين: a definite dual with its adjective.
            2 => Some(Qty {
                end: if self.v[k].t.starts_with("ال")
                    && matches!(self.word(k + 1), Some(W::Past | W::Next | W::Recent))
                {
                    k + 2
                } else {
                    k + 1
                },
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

    pub(super) fn skip_comma(&self, k: usize) -> usize {
        if self.punct(k, ',') {
            k + 1
        } else {
            k
        }
    }

    /// اليوم as the name of a newspaper: «اليوم», صحيفة اليوم, عين اليوم.
    pub(super) fn names_paper(&self, i: usize) -> bool {
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

    pub(super) fn parse_at(&self, i: usize) -> Option<Parsed> {
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
                            | TimeExpr::Century { .. }
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

    pub(super) fn parse_weekday(&self, i: usize) -> Option<Parsed> {
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
        } else if let Some(dir) = dir {
            // الخميس المقبل 3 مارس: two expressions, as TimeML tags them.
            return Some(Parsed::new(i, k, TimeExpr::Weekday { day, dir }));
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

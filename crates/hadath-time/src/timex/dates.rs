//! Calendar dates: month names with day and year, bare years, clock times and numeric dates.

use super::words::{COUNT_PRE, FUNC, STRONG_YEAR_PRE};
use super::{Parsed, Pick, TimeExpr};
use crate::cal;
use crate::scan::Toks;
use crate::tables::W;
use hadath_text::TokenKind;

impl Toks<'_> {
    /// Month at `k` with its paired forms, year and trailing الجاري/الماضي/المقبل.
    /// Returns (end, hijri, month, year, pick, paired, had_year).
    pub(super) fn month_tail(
        &self,
        k: usize,
    ) -> Option<(usize, bool, u8, Option<i32>, Pick, bool)> {
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

    pub(super) fn month_expr(
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
    pub(super) fn day_month(&self, i: usize, weekday: Option<u8>) -> Option<(usize, TimeExpr)> {
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
    pub(super) fn bare_year(&self, i: usize) -> Option<Parsed> {
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
    pub(super) fn month_context(&self, i: usize, paired: bool, year: Option<i32>) -> bool {
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

    /// The clock time after الساعة at `i`.
    pub(super) fn clock(&self, i: usize) -> Option<Parsed> {
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
    pub(super) fn small(&self, i: usize) -> Option<u32> {
        let t = self.v.get(i)?;
        if t.kind == TokenKind::Number && (1..=2).contains(&t.digits) {
            return t.num.map(|v| v as u32);
        }
        None
    }

    /// Numeric dates: 28/7/1433هـ, 29 /06 / 2015م, 2015/07/29, 29-06-2015, 29.06.2015.
    pub(super) fn numeric_date(&self, i: usize) -> Option<Parsed> {
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
}

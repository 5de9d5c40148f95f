//! Event dates at their precision: `2022-09-13` (day), `2022-09` (month), `2022` (year).

use jiff::civil::Date;
use serde::Serialize;

/// How far a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// `2022`
    Year = 1,
    /// `2022-09`
    Month = 2,
    /// `2022-09-13`
    Day = 3,
}

/// A date a user wrote that is not one: what was given and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date: {0:?} (use 2022, 2022-09 or 2022-09-13)")]
pub struct DateError(pub String);

impl Precision {
    /// `year`, `month` or `day`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }

    /// The precision named `year`, `month` or `day`.
    pub fn parse(s: &str) -> Option<Precision> {
        match s {
            "year" => Some(Precision::Year),
            "month" => Some(Precision::Month),
            "day" => Some(Precision::Day),
            _ => None,
        }
    }
}

/// A date as far as the text fixes it, and the days it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    /// The normalised value (`2022-09-13`, `2022-09`, `2022`).
    pub value: String,
    /// How far it is known.
    pub precision: Precision,
    /// Its first day.
    pub first: Date,
    /// Its last day.
    pub last: Date,
}

impl DateRange {
    /// Read an ISO 8601 value as far as it goes: `2022-09-13`, `2022-09`, `2022`; a value with
    /// more after a valid prefix (`2020-FA`, `2022-W37`, `2022-09-13T10:00`) keeps the prefix.
    pub fn parse(s: &str) -> Option<DateRange> {
        let s = s.trim();
        let year: i16 = s.get(..4)?.parse().ok()?;
        if !(1..=9999).contains(&year) || !s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let month = s
            .get(4..7)
            .filter(|m| m.starts_with('-'))
            .and_then(|m| m[1..].parse::<i8>().ok())
            .filter(|m| (1..=12).contains(m));
        let Some(month) = month else {
            return Some(DateRange {
                value: format!("{year:04}"),
                precision: Precision::Year,
                first: Date::new(year, 1, 1).ok()?,
                last: Date::new(year, 12, 31).ok()?,
            });
        };
        let first_of_month = Date::new(year, month, 1).ok()?;
        let day = s
            .get(7..10)
            .filter(|d| d.starts_with('-'))
            .and_then(|d| d[1..].parse::<i8>().ok())
            .and_then(|d| Date::new(year, month, d).ok());
        Some(match day {
            Some(d) => DateRange {
                value: d.to_string(),
                precision: Precision::Day,
                first: d,
                last: d,
            },
            None => DateRange {
                value: format!("{year:04}-{month:02}"),
                precision: Precision::Month,
                first: first_of_month,
                last: first_of_month.last_of_month(),
            },
        })
    }

    /// Read a date a user wrote (a filter's `--from`, `--to`): exactly `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`, every part valid. `2022-13` and `2022-02-30` are refused, not read as less.
    ///
    /// # Errors
    ///
    /// [`DateError`] naming the value, when it is not such a date.
    pub fn parse_strict(s: &str) -> Result<DateRange, DateError> {
        let t = s.trim();
        let shape_ok = matches!(t.len(), 4 | 7 | 10)
            && t.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        match DateRange::parse(t) {
            Some(d) if shape_ok && d.value.len() == t.len() => Ok(d),
            _ => Err(DateError(s.to_string())),
        }
    }

    /// Do the two dates overlap at their precisions, with `slack_days` of tolerance between two
    /// day-precise dates (reports of one clash often differ by a day)?
    pub fn compatible(&self, other: &DateRange, slack_days: i32) -> bool {
        if self.precision == Precision::Day && other.precision == Precision::Day {
            let d = (self.first - other.first).get_days().abs();
            return d <= slack_days;
        }
        self.first <= other.last && other.first <= self.last
    }

    /// Shown with its precision: `2022-09-13`, `2022-09 (month)`, `2022 (year)`.
    pub fn display(&self) -> String {
        match self.precision {
            Precision::Day => self.value.clone(),
            p => format!("{} ({})", self.value, p.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_at_precision() {
        let d = DateRange::parse("2022-09-13").unwrap();
        assert_eq!(d.precision, Precision::Day);
        let m = DateRange::parse("2022-09").unwrap();
        assert_eq!(m.precision, Precision::Month);
        assert_eq!(m.last.to_string(), "2022-09-30");
        let y = DateRange::parse("2020-FA").unwrap();
        assert_eq!((y.value.as_str(), y.precision), ("2020", Precision::Year));
        assert!(DateRange::parse("P9M").is_none());
        assert!(DateRange::parse("2022-02-30").unwrap().precision == Precision::Month);
    }

    #[test]
    fn compatibility() {
        let d = DateRange::parse("2022-09-13").unwrap();
        let m = DateRange::parse("2022-09").unwrap();
        let o = DateRange::parse("2022-10").unwrap();
        let d2 = DateRange::parse("2022-09-14").unwrap();
        let d3 = DateRange::parse("2022-09-16").unwrap();
        assert!(d.compatible(&m, 1) && m.compatible(&d, 1));
        assert!(!d.compatible(&o, 1));
        assert!(d.compatible(&d2, 1));
        assert!(!d.compatible(&d3, 1));
    }
}

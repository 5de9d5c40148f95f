//! Calendar arithmetic on day numbers: proleptic Gregorian and the arithmetic (tabular) Islamic calendar.
//!
//! Days are counted from 1970-01-01 (day 0). The Hijri conversion uses the tabular Islamic calendar
//! (30-year cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29, civil epoch 16 July 622
//! Julian = 19 July 622 Gregorian). It can differ by a day or two from Umm al-Qura or from the
//! sighting of the new moon announced in a given country.

use jiff::civil::Date;

/// Days from 1970-01-01 to the Gregorian date `y-m-d` (proleptic, any year).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The Gregorian date of day number `z`.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// Day number of a jiff date.
pub fn day_of(date: Date) -> i64 {
    days_from_civil(
        i32::from(date.year()),
        date.month() as u32,
        date.day() as u32,
    )
}

/// The jiff date of a day number (None outside jiff's range).
pub fn date_of(days: i64) -> Option<Date> {
    let (y, m, d) = civil_from_days(days);
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

/// ISO weekday of a day number: 1 = Monday … 7 = Sunday.
pub fn weekday_of(days: i64) -> u8 {
    // 1970-01-01 was a Thursday.
    ((days + 3).rem_euclid(7) + 1) as u8
}

/// Days in Gregorian month `m` of year `y`.
pub fn month_len(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Day number of 1 Muharram 1 AH (civil epoch).
const HIJRI_EPOCH: i64 = -492_148; // days_from_civil(622, 7, 19)

/// Day number of the tabular Hijri date `y-m-d` (m 1..=12, d 1..=30).
pub fn days_from_hijri(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y);
    let m = i64::from(m);
    // Months alternate 30 and 29 days: ceil(29.5 * (m - 1)) days before month m.
    let before_month = (59 * (m - 1) + 1) / 2;
    HIJRI_EPOCH + i64::from(d) - 1 + before_month + 354 * (y - 1) + (3 + 11 * y).div_euclid(30)
}

/// Whether Hijri year `y` is a leap year (355 days) in the tabular calendar.
pub fn hijri_leap(y: i32) -> bool {
    (14 + 11 * i64::from(y)).rem_euclid(30) < 11
}

/// Days in Hijri month `m` of year `y`.
pub fn hijri_month_len(y: i32, m: u32) -> u32 {
    if m % 2 == 1 || (m == 12 && hijri_leap(y)) {
        30
    } else {
        29
    }
}

/// The tabular Hijri date of day number `z`.
pub fn hijri_from_days(z: i64) -> (i32, u32, u32) {
    let mut y = ((z - HIJRI_EPOCH) * 30).div_euclid(10_631) as i32 + 1;
    while days_from_hijri(y, 1, 1) > z {
        y -= 1;
    }
    while days_from_hijri(y + 1, 1, 1) <= z {
        y += 1;
    }
    let mut m = 1;
    while m < 12 && days_from_hijri(y, m + 1, 1) <= z {
        m += 1;
    }
    let d = (z - days_from_hijri(y, m, 1) + 1) as u32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(622, 7, 19), HIJRI_EPOCH);
        for z in [-800_000, -1, 0, 1, 19_000, 20_000, 60_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        // 2022-09-15 was a Thursday.
        assert_eq!(weekday_of(days_from_civil(2022, 9, 15)), 4);
    }

    #[test]
    fn hijri_known_dates() {
        // 1 Ramadan 1436 = 18 June 2015 (tabular and Umm al-Qura agree).
        assert_eq!(civil_from_days(days_from_hijri(1436, 9, 1)), (2015, 6, 18));
        // 1 Muharram 1445 = 19 July 2023 (tabular; Umm al-Qura also 19 July).
        assert_eq!(civil_from_days(days_from_hijri(1445, 1, 1)), (2023, 7, 19));
        for z in [0, 16_000, 19_500, 20_000] {
            let (y, m, d) = hijri_from_days(z);
            assert_eq!(days_from_hijri(y, m, d), z);
        }
    }
}

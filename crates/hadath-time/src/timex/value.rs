//! TIMEX3 value strings: durations and calendar dates.

use crate::cal;
use crate::tables::Unit;

pub(super) fn unit_code(u: Unit) -> &'static str {
    match u {
        Unit::Second | Unit::Minute | Unit::Hour => "",
        Unit::Day => "D",
        Unit::Week => "W",
        Unit::Month => "M",
        Unit::Year | Unit::Decade | Unit::Century => "Y",
    }
}

pub(super) fn fmt_num(n: f64) -> String {
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

/// TimeML's value of a duration whose count is not given (أيام، سنوات، ساعات): `PXD`, `PXY`,
/// `PTXH` …
pub(crate) fn vague_duration_value(unit: Unit) -> String {
    match unit {
        Unit::Second => "PTXS".into(),
        Unit::Minute => "PTXM".into(),
        Unit::Hour => "PTXH".into(),
        Unit::Decade => "PXDE".into(),
        Unit::Century => "PXCE".into(),
        u => format!("PX{}", unit_code(u)),
    }
}

pub(super) fn ymd(z: i64) -> String {
    let (y, m, d) = cal::civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

pub(super) fn shift_month(y: i32, m: u32, n: i32) -> (i32, u32) {
    let k = y * 12 + (m as i32 - 1) + n;
    (k.div_euclid(12), (k.rem_euclid(12) + 1) as u32)
}

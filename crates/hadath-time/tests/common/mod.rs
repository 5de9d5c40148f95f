//! What the time tests share.
#![allow(dead_code)] // each test file uses what it needs

use hadath_text::Folded;
use hadath_time::find_timexes;
use jiff::civil::{date, Date};

/// The anchor of the tests: a Thursday.
pub const A: Option<Date> = Some(date(2024, 3, 14));

/// (surface, value, type) of every timex in `text`.
pub fn tx(text: &str, anchor: Option<Date>) -> Vec<(String, Option<String>, &'static str)> {
    let f = Folded::new(text);
    find_timexes(text, &f, anchor)
        .into_iter()
        .map(|t| {
            (
                text[t.source.clone()].to_string(),
                t.value.clone(),
                t.kind.as_str(),
            )
        })
        .collect()
}

/// The value of the single timex whose surface is `surface`.
pub fn value_of(text: &str, anchor: Option<Date>, surface: &str) -> Option<String> {
    let all = tx(text, anchor);
    let hits: Vec<_> = all.iter().filter(|t| t.0 == surface).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one timex «{surface}» in «{text}», found {all:?}"
    );
    hits[0].1.clone()
}

/// `surface` in `text` has the value `value`.
pub fn check(text: &str, anchor: Option<Date>, surface: &str, value: &str) {
    assert_eq!(
        value_of(text, anchor, surface).as_deref(),
        Some(value),
        "«{surface}» in «{text}»: {:?}",
        tx(text, anchor)
    );
}

//! Publication date: from metadata when given, otherwise from a self-dating phrase in the text.

use crate::cal;
use crate::timex::{Granularity, TimeExpr, Timex};
use jiff::civil::Date;
use std::ops::Range;

/// The publication date of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub date: Date,
    /// True when read from the text rather than given as metadata.
    pub inferred: bool,
    /// The words the date was inferred from (empty when given).
    pub reason: String,
    /// Byte range of those words in the text (empty when given).
    pub reason_span: Range<usize>,
}

impl Published {
    /// A publication date given as metadata.
    pub fn given(date: Date) -> Published {
        Published {
            date,
            inferred: false,
            reason: String::new(),
            reason_span: 0..0,
        }
    }
}

pub(crate) fn infer(text: &str, timexes: &[Timex]) -> Option<Published> {
    let mut found: Option<Published> = None;
    for t in timexes {
        let Some(lead) = t.lead else { continue };
        if t.granularity != Granularity::Day || t.relative {
            continue;
        }
        let Some(day) = t.first_day else { continue };
        let z = cal::day_of(day);
        if let TimeExpr::Greg {
            weekday: Some(wd), ..
        } = t.expr
        {
            if cal::weekday_of(z) != wd {
                // The text contradicts itself: no inference from this phrase.
                continue;
            }
        }
        let Some(date) = cal::date_of(z - i64::from(lead)) else {
            continue;
        };
        match &found {
            Some(p) if p.date != date => return None,
            Some(_) => {}
            None => {
                found = Some(Published {
                    date,
                    inferred: true,
                    reason: text[t.source.clone()].to_string(),
                    reason_span: t.source.clone(),
                })
            }
        }
    }
    found
}

use super::*;

/// Two candidates' dates can be one happening's ([`happening::dates_compatible`]).
pub(super) fn dates_compatible(a: &Cand, b: &Cand) -> bool {
    let (ad, bd) = (
        a.date.as_deref().and_then(DateRange::parse),
        b.date.as_deref().and_then(DateRange::parse),
    );
    let none = (Vec::new(), Vec::new());
    happening::dates_compatible(
        &report(a, ad.as_ref(), &none),
        &report(b, bd.as_ref(), &none),
        Scope::Document,
    )
}

/// Two dates agree at the coarser one's precision (2022-09 and 2022-09-13 do; 2020-FA and
/// 2022-09 do not).
pub(super) fn same_date_prefix(x: &str, y: &str) -> bool {
    let n = x.len().min(y.len()).min(10);
    x.as_bytes()[..n] == y.as_bytes()[..n]
}

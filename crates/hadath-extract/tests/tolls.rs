//! Tolls an analyst can add up: a happening's own dead in `size`, a war's or a period's total
//! in `cumulative`, a count too large for one happening flagged, one named victim counted as one.
//! Sentences written for these tests.

use hadath_extract::{Document, EventOut, Extractor, TollScope};
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// The first ASSAULT event of `text` (published 2024-03-15).
fn assault(text: &str) -> EventOut {
    let mut d = Document::new("t", text);
    d.published = Some("2024-03-15".into());
    X.extract(&d)
        .events
        .into_iter()
        .find(|e| e.kind.as_str() == "ASSAULT")
        .unwrap_or_else(|| panic!("no ASSAULT in «{text}»"))
}

fn dead(e: &EventOut) -> Option<u64> {
    e.size.as_ref().and_then(|s| s.dead)
}

#[test]
fn a_war_total_is_cumulative_not_the_happenings_toll() {
    // the attack's own five, not the war's 6000
    let e = assault(
        "قتل مسلحون خمسة جنود في هجوم على حاجز في اليمن، في الحرب التي أودت بحياة 6000 شخص.",
    );
    assert_eq!(dead(&e), Some(5), "{:?}", e.size);
    // the war's toll alone: cumulative, with the words that scope it
    let e = assault("قصفت الطائرات السعودية مواقع في اليمن، في الحرب التي أودت بحياة 6000 شخص.");
    assert_eq!(dead(&e), None, "{:?}", e.size);
    let c = e.cumulative.expect("a cumulative toll");
    assert_eq!((c.dead, c.why), (6000, TollScope::RunningTotal));
    assert!(c.scope.expect("its words").text.contains("الحرب"));
}

#[test]
fn a_toll_since_the_start_of_a_war_is_cumulative() {
    let e = assault("قتل 230 شخصا في الغارات الإسرائيلية على غزة منذ بداية الحرب.");
    assert_eq!(dead(&e), None);
    assert_eq!(e.cumulative.map(|c| c.dead), Some(230));
    // منذ + a day: the happening's own toll so far
    let e = assault("قتل 104 أشخاص في الغارات الإسرائيلية على غزة منذ الثلاثاء الماضي.");
    assert_eq!(dead(&e), Some(104));
    assert!(e.cumulative.is_none());
}

#[test]
fn a_toll_that_rose_is_still_the_happenings() {
    let e = assault("ارتفعت حصيلة قتلى التفجير الانتحاري في المسجد إلى 30 قتيلا.");
    assert_eq!(dead(&e), Some(30));
}

#[test]
fn a_toll_too_large_for_one_happening_is_flagged() {
    let e = assault("قصفت الطائرات مدينة حلب السورية ما أدى إلى مقتل 12000 شخص.");
    assert_eq!(dead(&e), None);
    let c = e.cumulative.expect("flagged");
    assert_eq!((c.dead, c.why), (12000, TollScope::TooLarge));
    assert!(c.scope.is_none());
}

#[test]
fn one_named_victim_is_one_dead_and_a_dual_two() {
    assert_eq!(
        dead(&assault("مقتل شرطي في هجوم لمسلحين في ديار بكر.")),
        Some(1)
    );
    assert_eq!(
        dead(&assault("قتل مسلحون جنديين في هجوم على حاجز بالعريش.")),
        Some(2)
    );
    // a count wins over the noun
    assert_eq!(
        dead(&assault("مقتل 14 جنديا في هجوم على حاجز بالعريش.")),
        Some(14)
    );
}

//! Tolls an analyst can add up: a happening's own dead in `size`, a war's or a period's total
//! in `cumulative`, a count too large for one happening flagged, one named victim counted as one;
//! the words around a count that say what it counts and whose it is (bounds, parts, dead and
//! injured together, another happening's toll). Sentences written for these tests.

use hadath_core::Size;
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

fn events(text: &str) -> Vec<EventOut> {
    let mut d = Document::new("t", text);
    d.published = Some("2024-03-15".into());
    X.extract(&d).events
}

/// The size of the first ASSAULT event of `text`.
fn size(text: &str) -> Size {
    events(text)
        .into_iter()
        .find(|e| e.kind.as_str() == "ASSAULT")
        .unwrap_or_else(|| panic!("no ASSAULT in «{text}»"))
        .size
        .unwrap_or_default()
}

fn dead_of(text: &str) -> Option<u64> {
    size(text).dead
}

#[test]
fn a_range_keeps_its_bounds_and_dead_is_the_lower() {
    let s = size("قصفت الطائرات الحربية سوقا في حلب ما أسفر عن مقتل ما بين 10 و15 شخصا.");
    assert_eq!(
        (s.dead, s.dead_min, s.dead_max),
        (Some(10), Some(10), Some(15))
    );
    assert_eq!(s.dead_qualifier.as_deref(), Some("range"));
}

#[test]
fn more_than_and_at_least_are_lower_bounds_about_is_none() {
    let s = size("قصفت الطائرات الحربية سوقا في حلب ما أسفر عن مقتل أكثر من 20 شخصا.");
    assert_eq!((s.dead, s.dead_min, s.dead_max), (Some(20), Some(21), None));
    // «على الأقل» after the counted word
    let s = size("قصفت الطائرات الحربية سوقا في حلب ما أسفر عن مقتل 20 شخصا على الأقل.");
    assert_eq!((s.dead, s.dead_min, s.dead_max), (Some(20), Some(20), None));
    assert_eq!(s.dead_qualifier.as_deref(), Some("at-least"));
    let s = size("قصفت الطائرات الحربية سوقا في حلب ما أسفر عن مقتل نحو 30 شخصا.");
    assert_eq!((s.dead, s.dead_min, s.dead_max), (Some(30), None, None));
    // an exact count has no bounds
    let s = size("قصفت الطائرات الحربية سوقا في حلب ما أسفر عن مقتل 30 شخصا.");
    assert_eq!((s.dead, s.dead_min, s.dead_max), (Some(30), None, None));
}

#[test]
fn parts_among_the_dead_are_not_more_dead() {
    assert_eq!(
        dead_of(
            "قصفت الطائرات الحربية سوقا في حلب ما أسفر عن مقتل 7 أشخاص بينهم 3 أطفال و2 من النساء."
        ),
        Some(7)
    );
    // a breakdown by place adds up to the count before it
    assert_eq!(
        dead_of("قصفت القوات الهندية قرى في كشمير ما أدى إلى مقتل أربعة مدنيين، واحد في بونش وثلاثة قرب الحدود."),
        Some(4)
    );
    // coordinated counts of two sides are still summed
    assert_eq!(
        dead_of("قتل 135 جنديا من أرمينيا و71 من أذربيجان في الاشتباكات الحدودية."),
        Some(206)
    );
}

#[test]
fn dead_and_injured_together_are_neither() {
    let s = size("قصفت الطائرات الحربية سوقا في حلب ما أسفر عن سقوط 20 شخصا بين قتيل وجريح.");
    assert_eq!((s.dead, s.injured), (None, None));
}

#[test]
fn shells_that_fell_are_no_dead() {
    // سقوط/سقط before a count of shells: not a toll
    assert_eq!(
        dead_of("سقطت أكثر من 10 قذائف أطلقها المسلحون على منازل في بعقوبة."),
        None
    );
    assert_eq!(
        dead_of("سقطت أكثر من 10 قذائف على منازل في بعقوبة ما أدى إلى مقتل 18 مدنيا."),
        Some(18)
    );
}

#[test]
fn the_noun_before_a_count_heads_it() {
    let s = size("هاجم مسلحون قرية في دارفور ما أسفر عن مقتل 24 شخصاً وإصابة 37 في القرية.");
    assert_eq!((s.dead, s.injured), (Some(24), Some(37)));
}

#[test]
fn a_toll_after_another_happening_is_not_this_events() {
    // the raids came after a bombing that killed 32: not the raids' toll
    let e = events("شنت الشرطة التركية مداهمات في إسطنبول بعد مقتل 32 شخصا في تفجير انتحاري.");
    assert!(
        e.iter()
            .filter(|e| e.trigger.text.contains("مداهمات"))
            .all(|e| e.size.as_ref().and_then(|s| s.dead).is_none()),
        "{e:?}"
    );
    let e = events("قصفت الطائرات مواقع المسلحين ردا على مقتل 13 جنديا في هجوم على حاجز.");
    let strike = e
        .iter()
        .find(|e| e.trigger.text == "قصفت")
        .expect("the strike");
    assert_eq!(strike.size.as_ref().and_then(|s| s.dead), None, "{e:?}");
}

#[test]
fn two_tolls_in_a_sentence_go_to_their_own_events() {
    let e = events("قتل مسلحون 5 جنود في هجوم على حاجز في حلب، فيما قتل 3 مدنيين في قصف على إدلب.");
    let tolls: Vec<Option<u64>> = e
        .iter()
        .filter(|e| e.kind.as_str() == "ASSAULT")
        .map(|e| e.size.as_ref().and_then(|s| s.dead))
        .collect();
    assert_eq!(tolls, [Some(5), Some(3)], "{e:?}");
}

#[test]
fn victims_named_without_a_count() {
    // before the verb, in the dual
    assert_eq!(
        dead_of("قال مسعفون إن شخصين قتلا في اشتباكات بين الجيش ومسلحين في بنغازي."),
        Some(2)
    );
    // the object after a place
    assert_eq!(dead_of("أعلنت الحركة أنها قتلت في إسطنبول رجلا."), Some(1));
    // a victim with his two guards
    assert_eq!(
        dead_of("قتل مسلحون نائبا في البرلمان مع حارسيه في مقديشو."),
        Some(3)
    );
    // a victim named with the killing, and two others
    assert_eq!(
        dead_of("أعلن الجيش أن قياديا في التنظيم قتل مع مسلحين اثنين آخرين في غارة أمريكية."),
        Some(3)
    );
}

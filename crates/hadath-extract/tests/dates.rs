//! Event dates from relative forms, and the text's weekday over a contradicting metadata date
//! (issue 16). Sentences written for these tests.

use hadath_extract::{Document, EventOut, Extractor, Output};
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fn run(text: &str, published: Option<&str>) -> Output {
    let mut d = Document::new("t", text);
    d.published = published.map(str::to_string);
    X.extract(&d)
}

fn assault(out: &Output) -> &EventOut {
    out.events
        .iter()
        .find(|e| e.kind == "ASSAULT")
        .unwrap_or_else(|| panic!("an attack in {:?}", out.events))
}

#[test]
fn the_day_before_yesterday() {
    let out = run(
        "قصفت القوات السورية مدينة حلب أمس الأول.",
        Some("2024-03-15"),
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-13"));
}

#[test]
fn last_night() {
    let out = run(
        "قصفت الطائرات الإسرائيلية مدينة غزة الليلة الماضية.",
        Some("2024-03-15"),
    );
    // The day before publication, at night (TIMEX3 `TNI`).
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-14TNI"));
}

#[test]
fn a_day_of_the_current_month() {
    let out = run(
        "قصفت القوات السورية مدينة حلب في 9 الشهر الجاري.",
        Some("2024-03-15"),
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-09"));
}

#[test]
fn a_day_after_an_event() {
    // The protests come a day after the shelling: the shelling is the day before publication.
    let out = run(
        "وتأتي الاحتجاجات بعد يوم من قصف القوات السورية مدينة حلب.",
        Some("2024-03-15"),
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-14"));
}

#[test]
fn the_texts_weekday_over_the_metadata() {
    // Stamped Tuesday 12 March (a crawl date); the text says today, Monday.
    let out = run(
        "قصفت القوات السورية اليوم الاثنين مدينة حلب.",
        Some("2024-03-12"),
    );
    let p = out.published.as_ref().unwrap();
    assert_eq!(p.date, "2024-03-11");
    assert!(p.inferred);
    let reason = p.reason.as_deref().unwrap();
    assert!(
        reason.contains("اليوم الاثنين") && reason.contains("2024-03-12"),
        "{reason}"
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-11"));
    // Metadata that agrees stays as given.
    let out = run(
        "قصفت القوات السورية اليوم الاثنين مدينة حلب.",
        Some("2024-03-11"),
    );
    let p = out.published.as_ref().unwrap();
    assert_eq!((p.date.as_str(), p.inferred), ("2024-03-11", false));
}

fn event<'a>(out: &'a Output, kind: &str) -> &'a EventOut {
    out.events
        .iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("a {kind} in {:?}", out.events))
}

#[test]
fn undated_clauses_take_the_story_day() {
    // The story is of the day before publication: the threat, undated, is of that day too.
    let out = run(
        "قصفت الطائرات الإسرائيلية مدينة غزة أمس السبت.\n\nوتوعدت حركة حماس إسرائيل بالرد.",
        Some("2024-03-17"),
    );
    let e = event(&out, "THREATEN");
    assert_eq!(e.date.as_deref(), Some("2024-03-16"));
    assert_eq!(e.date_source.map(|d| d.as_str()), Some("story"));
    // A story of publication day leaves the publication date.
    let out = run(
        "قصفت الطائرات الإسرائيلية مدينة غزة اليوم.\n\nوتوعدت حركة حماس إسرائيل بالرد.",
        Some("2024-03-17"),
    );
    let e = event(&out, "THREATEN");
    assert_eq!(e.date.as_deref(), Some("2024-03-17"));
    assert_eq!(e.date_source.map(|d| d.as_str()), Some("publication"));
}

#[test]
fn a_page_stamp_is_not_the_story_day() {
    // «نُشر في: …» is the page's stamp; the story's first day is «أمس الجمعة».
    let out = run(
        "نشر في: السبت 16 مارس 2024\n\nقصفت الطائرات الإسرائيلية مدينة غزة أمس الجمعة.\n\nوتوعدت حركة حماس إسرائيل بالرد.",
        Some("2024-03-16"),
    );
    assert_eq!(event(&out, "THREATEN").date.as_deref(), Some("2024-03-15"));
}

#[test]
fn the_day_before_yesterday_with_its_article() {
    let out = run(
        "قصفت القوات السورية مدينة حلب الأول من أمس.",
        Some("2024-03-15"),
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-13"));
}

#[test]
fn the_morning_after() {
    // «غداة X»: X is the day before the clause's date (the paragraph's «أمس»).
    let out = run(
        "اعتقلت الشرطة التركية ثلاثة أشخاص أمس. وجاء ذلك غداة قصف القوات السورية مدينة حلب يوم الاثنين الماضي.",
        Some("2024-03-15"),
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-13"));
}

#[test]
fn days_after_counted_with_ala() {
    // «بعد أربعة أيام على X»: X lies four days before the clause's date.
    let out = run(
        "وأعلنت الحكومة الحداد اليوم بعد أربعة أيام على قصف القوات السورية مدينة حلب.",
        Some("2024-03-15"),
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03-11"));
}

#[test]
fn a_few_days_after_keeps_the_month() {
    // «بعد أيام من X»: a few days before, the month both ends share.
    let out = run(
        "وتأتي الاحتجاجات اليوم بعد أيام من قصف القوات السورية مدينة حلب.",
        Some("2024-03-25"),
    );
    assert_eq!(assault(&out).date.as_deref(), Some("2024-03"));
}

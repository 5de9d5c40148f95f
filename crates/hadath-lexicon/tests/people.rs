//! Partial names, titles and office holders.

mod common;
use common::{at, find, find_dated};
use hadath_lexicon::{EntityKind, Lexicon, MatchHow, Office};

#[test]
fn surname_after_full_mention() {
    let text = "التقى رئيس الوزراء نيكول باشينيان بالسفراء. وأكد باشينيان لاحقا أن بلاده مستعدة، ثم غادر باشينيان القاعة.";
    let ms = find(text);
    let n = ms.iter().filter(|m| m.name == "Nikol Pashinyan").count();
    assert_eq!(n, 3, "{ms:?}");
}

#[test]
fn unknown_surname_after_title_links_back() {
    let text = "وقال وزير الدفاع الأذري ذكير خسنوف إن القوات جاهزة. وأضاف خسنوف أن الوضع هادئ.";
    let ms = find(text);
    let full = at(text, &ms, "ذكير خسنوف");
    assert_eq!(full.kind, EntityKind::Person);
    assert_eq!(full.office, Some(Office::DefenceMinister));
    assert_eq!(full.code.as_deref(), Some("AZE"));
    assert_eq!(full.how, MatchHow::Title);
    assert!(!full.unnamed, "a name is written after the title");
    let later: Vec<_> = ms.iter().filter(|m| m.how == MatchHow::Partial).collect();
    assert_eq!(later.len(), 1, "{ms:?}");
    assert_eq!(&text[later[0].source.clone()], "خسنوف");
    assert_eq!(later[0].code.as_deref(), Some("AZE"));
}

#[test]
fn title_alone_resolves_the_holder_for_the_date() {
    let text = "وصل الرئيس الروسي إلى المدينة صباح السبت.";
    let ms = find_dated(text, "2010-06-01");
    let m = at(text, &ms, "الرئيس الروسي");
    assert_eq!(m.kind, EntityKind::Person);
    assert_eq!(m.how, MatchHow::Title);
    assert_eq!(m.name, "Dmitry Medvedev");
    assert!(m.unnamed, "only the office is written");
    assert_eq!(m.code.as_deref(), Some("RUS"));
    let ms = find_dated(text, "2022-10-31");
    assert_eq!(at(text, &ms, "الرئيس الروسي").name, "Vladimir Putin");
}

#[test]
fn title_before_known_person_gives_the_person() {
    let text = "استقبل الرئيس الفرنسي، إيمانويل ماكرون، ضيوفه.";
    let ms = find(text);
    let m = at(text, &ms, "إيمانويل ماكرون");
    assert_eq!(m.name, "Emmanuel Macron");
    assert!(!ms.iter().any(|m| m.how == MatchHow::Title));
}

#[test]
fn office_holder_by_date() {
    let lx = Lexicon::embedded();
    let d = |s: &str| s.parse().unwrap();
    assert_eq!(
        lx.office_holder("RUS", Office::HeadOfState, d("2010-01-01"))
            .map(|p| p.name.as_str()),
        Some("Dmitry Medvedev")
    );
    assert_eq!(
        lx.office_holder("RUS", Office::HeadOfState, d("2023-01-01"))
            .map(|p| p.name.as_str()),
        Some("Vladimir Putin")
    );
    assert_eq!(
        lx.office_holder("ARM", Office::HeadOfGovernment, d("2022-10-31"))
            .map(|p| p.name.as_str()),
        Some("Nikol Pashinyan")
    );
}

#[test]
fn person_terms_follow_the_date() {
    let text = "قال بوتين إن بلاده لن تتراجع.";
    let m = find_dated(text, "1999-12-01");
    let p = at(text, &m, "بوتين");
    assert_eq!(p.office, Some(Office::HeadOfGovernment));
    let m = find_dated(text, "2015-01-01");
    assert_eq!(at(text, &m, "بوتين").office, Some(Office::HeadOfState));
}

#[test]
fn surname_beats_a_town_of_the_same_name() {
    // Suppose a town is also called خسنوف: after the full name the document means the person.
    let mut lx = Lexicon::new();
    lx.extend_tsv(
        hadath_lexicon::SourceKind::Cities,
        "c.tsv",
        "name_en\tcode\tnames_ar\tpopulation\nKhasnovka\tUKR\tخسنوف\t120000\n",
    )
    .unwrap();
    let text = "وقال وزير الدفاع الأذري ذكير خسنوف إن القوات جاهزة. وأضاف خسنوف أن الوضع هادئ.";
    let ms = common::find_in(&lx, text, None);
    let later: Vec<_> = ms
        .iter()
        .filter(|m| &text[m.source.clone()] == "خسنوف")
        .collect();
    assert_eq!(later.len(), 1, "{ms:?}");
    assert_eq!(
        (later[0].kind, later[0].code.as_deref(), later[0].how),
        (EntityKind::Person, Some("AZE"), MatchHow::Partial)
    );
    assert!(!ms.iter().any(|m| m.kind == EntityKind::City), "{ms:?}");
}

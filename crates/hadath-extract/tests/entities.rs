//! How knowledge-base mentions and the tagger's names are put together in `entities`.

use hadath_extract::{Document, EntityOut, Extractor};
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fn entities(text: &str) -> Vec<EntityOut> {
    X.extract(&Document::new("t", text)).entities
}

fn find<'a>(ents: &'a [EntityOut], text: &str) -> Option<&'a EntityOut> {
    ents.iter().find(|e| e.text == text)
}

#[test]
fn a_state_inside_a_title_is_a_mention_of_its_own() {
    let text = "واستقبل رئيس وزراء العراق محمد شياع السوداني وزير الخارجية الإيراني في بغداد أمس.";
    let ents = entities(text);
    let iraq = find(&ents, "العراق").expect("العراق is reported");
    assert_eq!(iraq.kind, "country");
    assert_eq!(iraq.code.as_deref(), Some("IRQ"));
    let pm = find(&ents, "محمد شياع السوداني").expect("the prime minister");
    assert_eq!(pm.code.as_deref(), Some("IRQ"));
    // The event stage reads the title's person, not the state again.
    let out = X.extract(&Document::new("t", text));
    let ev = out.events.first().expect("a meeting");
    let iraqi = ev
        .actors
        .iter()
        .chain(&ev.recipients)
        .filter(|a| a.code.as_deref() == Some("IRQ"))
        .count();
    assert_eq!(iraqi, 1, "{:?}", ev.actors);
}

#[test]
fn an_unnamed_office_keeps_its_state_as_a_name() {
    let ents = entities("وقال سفير الصين لدى الأمم المتحدة إن بلاده تعارض القرار.");
    assert!(ents
        .iter()
        .any(|e| e.kind == "role" && e.code.as_deref() == Some("CHN")));
    let china = find(&ents, "الصين").expect("الصين is reported");
    assert_eq!(china.kind, "country");
}

#[test]
fn a_longer_name_replaces_the_place_or_word_inside_it() {
    let ents = entities(
        "وقال الرئيس التونسي زين العابدين بن علي إن بلاده تدعم الحوار. وأعلن بنك إيطاليا المركزي رفع الفائدة.",
    );
    let ben_ali = find(&ents, "زين العابدين بن علي").expect("the whole name");
    assert_eq!(ben_ali.kind, "person");
    // What the title said of the first word is kept.
    assert_eq!(ben_ali.code.as_deref(), Some("TUN"));
    assert!(find(&ents, "زين").is_none());
    let bank = find(&ents, "بنك إيطاليا المركزي").expect("the bank");
    assert_eq!(bank.kind, "organization");
    assert_eq!(bank.code.as_deref(), Some("ITA"));
    assert!(find(&ents, "إيطاليا").is_none(), "{ents:?}");
}

#[test]
fn a_clitic_does_not_make_a_name_longer() {
    // The tagger's span covers the whole word (لبوتين); the knowledge base's stops at the name.
    let ents = entities("وقال المبعوث الخاص لبوتين إن المحادثات ستستمر.");
    let putin = ents
        .iter()
        .find(|e| e.text.ends_with("بوتين"))
        .expect("Putin");
    assert_eq!(putin.text, "بوتين");
    assert_eq!(putin.code.as_deref(), Some("RUS"));
}

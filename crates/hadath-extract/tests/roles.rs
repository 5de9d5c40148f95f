//! Who acted and who was acted upon: the direction of events, on sentences written for these
//! tests. Each test names the grammatical cue it checks (a preposition, an accusative ending, the
//! act named after a verb of killing, a protest with no named protester).

use hadath_extract::{Document, EventOut, Extractor};
use std::collections::BTreeSet;
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fn codes(ps: &[hadath_extract::PartyOut]) -> BTreeSet<String> {
    ps.iter().filter_map(|p| p.code.clone()).collect()
}

fn set(v: &[&str]) -> BTreeSet<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The first event of type `kind` in `text` (published 2024-03-15).
fn event(kind: &str, text: &str) -> EventOut {
    let mut d = Document::new("t", text);
    d.published = Some("2024-03-15".into());
    let out = X.extract(&d);
    out.events
        .iter()
        .find(|e| e.kind == kind)
        .cloned()
        .unwrap_or_else(|| {
            let got: Vec<_> = out.events.iter().map(|e| e.kind).collect();
            panic!("no {kind} event in «{text}»; got {got:?}")
        })
}

/// Actor and recipient codes of the first `kind` event.
fn sides(kind: &str, text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let e = event(kind, text);
    (codes(&e.actors), codes(&e.recipients))
}

#[test]
fn a_party_behind_a_preposition_is_never_the_subject() {
    // VSO with an unknown subject: the party after على is the target, not the threatener
    let (a, r) = sides("THREATEN", "هدد المتحدث بفرض عقوبات على الحكومة الليبية.");
    assert!(!a.contains("LBY"), "actors {a:?}");
    assert_eq!(r, set(&["LBY"]));
    // praise of someone: the one praised comes after على, behind a construct (يقظة الأمن)
    let (a, r) = sides("SUPPORT", "وأثنى الوزير على يقظة الأمن التونسي.");
    assert!(!a.contains("TUN"), "actors {a:?}");
    assert_eq!(r, set(&["TUN"]));
}

#[test]
fn ل_after_an_office_says_whose_it_is() {
    // الموفد الخاص للأمم المتحدة: the envoy of the UN condemns; the UN is no complement
    let (a, _) = sides(
        "ACCUSE",
        "وندد الموفد الخاص للأمم المتحدة في الصومال بالهجوم على الفندق.",
    );
    assert_eq!(a, set(&["UN"]));
}

#[test]
fn an_accusative_nisba_is_the_object() {
    // معسكرا حوثيا: the camp is the object of the strike, not its subject
    let (a, r) = sides("ASSAULT", "الطائرات تقصف معسكرا حوثيا قرب صنعاء.");
    assert!(!a.contains("YEM"), "actors {a:?}");
    assert_eq!(r, set(&["YEM"]));
}

#[test]
fn the_act_named_after_a_killing_names_its_agent() {
    // the victims come first (SVO reading of an unvocalised passive), the fire's owner did it
    let (a, r) = sides("ASSAULT", "أربعة باكستانيين قتلوا بنيران هندية في كشمير.");
    assert_eq!(a, set(&["IND"]));
    assert_eq!(r, set(&["PAK"]));
    // passive verb and the shooters after the bullets
    let (a, r) = sides(
        "ASSAULT",
        "استشهد الشاب الفلسطيني برصاص الجنود الإسرائيليين قرب نابلس.",
    );
    assert_eq!(a, set(&["ISR"]));
    assert_eq!(r, set(&["PSE"]));
}

#[test]
fn a_nisba_after_a_victim_noun_is_the_victim() {
    // استشهد الشاب الفلسطيني: the Palestinian was killed; he did not kill
    let (a, r) = sides("ASSAULT", "استشهد الشاب الفلسطيني صباح اليوم.");
    assert!(a.is_empty(), "actors {a:?}");
    assert_eq!(r, set(&["PSE"]));
    // after the act itself (تعرضت لقصف إسرائيلي) the nisba is still the agent
    let (a, _) = sides("ASSAULT", "تعرضت بلدات جنوب لبنان لقصف إسرائيلي عنيف.");
    assert_eq!(a, set(&["ISR"]));
}

#[test]
fn the_subject_of_a_clause_does_the_act_of_its_adjunct() {
    // في مداهمات: the arrests are the forces', the counted Palestinians their targets
    let (a, r) = sides(
        "COERCE",
        "قوات الجيش الإسرائيلي عشرة فلسطينيين في مداهمات ليلية بالضفة الغربية.",
    );
    assert_eq!(a, set(&["ISR"]));
    assert_eq!(r, set(&["PSE"]));
}

#[test]
fn unnamed_protesters_are_the_people_of_the_place() {
    // no protester named: the people of the town protest; they are the actors, not the targets
    let e = event("PROTEST", "شهدت مدينة المكلا أمس مظاهرة نفذها المئات.");
    assert_eq!(codes(&e.actors), set(&["YEM"]));
    assert!(codes(&e.recipients).is_empty());
}

#[test]
fn a_headline_verb_after_a_title_is_no_name() {
    // الأمين العام لمجلس التعاون يستنكر: the verb is not the Secretary-General's name
    let (a, _) = sides("ACCUSE", "الأمين العام لمجلس التعاون يستنكر تصريحات المالكي");
    assert_eq!(a, set(&["GCC"]));
}

#[test]
fn a_coalition_stands_for_its_state_in_the_war_the_report_is_about() {
    // a report on Yemen: the coalition is the Saudi-led one
    let (a, r) = sides(
        "ASSAULT",
        "شنت طائرات التحالف غارات على مواقع للحوثيين في محافظة صعدة اليمنية.",
    );
    assert_eq!(a, set(&["SAU"]));
    assert_eq!(r, set(&["YEM"]));
    // a report on Syria: the US-led one
    let (a, _) = sides(
        "ASSAULT",
        "قصفت طائرات التحالف مواقع لتنظيم داعش في مدينة الرقة السورية.",
    );
    assert_eq!(a, set(&["USA"]));
    // elsewhere a bare coalition is no state
    let e = event(
        "ASSAULT",
        "قصفت طائرات التحالف مواقع للمتمردين في شمال مالي.",
    );
    assert!(
        e.actors.iter().all(|p| p.code.as_deref() != Some("SAU")),
        "{:?}",
        e.actors
    );
}

#[test]
fn the_one_party_before_an_accusation_complement_is_the_accused() {
    // اتهم X بـ with the accuser elided: X is accused, not accusing
    let (a, r) = sides("ACCUSE", "وعقد المتحدث مؤتمرا، واتهم تركيا بدعم المسلحين.");
    assert!(!a.contains("TUR"), "actors {a:?}");
    assert!(r.contains("TUR"), "recipients {r:?}");
    // a subject named right after the verb, the accused after it: verb-subject-object
    let (a, r) = sides("ACCUSE", "واتهم وزير الخارجية المصري إثيوبيا بالتعنت.");
    assert_eq!((a, r), (set(&["EGY"]), set(&["ETH"])));
}

#[test]
fn a_security_concept_is_not_the_security_forces() {
    // مستشار الأمن القومي: the adviser's office, not a party; the adviser's nisba names the actor
    let e = event(
        "ACCUSE",
        "واتهم مستشار الأمن القومي الفرنسي الطرفين بالمسؤولية عن العنف.",
    );
    assert!(
        e.actors.iter().all(|p| !p.text.contains("الأمن")),
        "actors {:?}",
        e.actors
    );
    assert_eq!(codes(&e.actors), set(&["FRA"]));
}

#[test]
fn the_subject_of_a_relative_verb_after_the_act_did_it() {
    // passive killing, the act far after it, its agent the subject of «شنها»
    let (a, _) = sides(
        "ASSAULT",
        "قتل عشرون شخصا على الأقل وأصيب آخرون في قصف مدفعي شنه الجيش الروسي على القرية.",
    );
    assert_eq!(a, set(&["RUS"]));
}

#[test]
fn a_counted_people_behind_its_noun_are_the_victims() {
    let (a, r) = sides("ASSAULT", "قتل ثلاثة جنود سوريين في انفجار قرب دمشق.");
    assert!(!a.contains("SYR"), "actors {a:?}");
    assert_eq!(r, set(&["SYR"]));
}

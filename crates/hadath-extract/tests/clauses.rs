//! The clause layer: each trigger's clause kind and why it was kept or dropped, as
//! `hadath extract --format table` shows them, on sentences written for these tests.

use hadath_extract::{ClauseKind, Document, Extractor};
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// The clause kind and the verdict of the trigger `word` in `text`.
fn clause_of(text: &str, word: &str) -> (ClauseKind, bool, &'static str) {
    let mut d = Document::new("t", text);
    d.published = Some("2024-03-15".into());
    let x = X.analyse(&d);
    let c = x
        .considered
        .iter()
        .find(|c| text[c.trigger.clone()].contains(word))
        .unwrap_or_else(|| {
            let seen: Vec<_> = x
                .considered
                .iter()
                .map(|c| &text[c.trigger.clone()])
                .collect();
            panic!("no trigger «{word}» in «{text}»; considered {seen:?}")
        });
    (c.clause, c.kept, c.why)
}

#[test]
fn each_clause_kind_is_named() {
    let cases = [
        (
            "قصفت الطائرات الروسية مواقع في إدلب.",
            "قصفت",
            ClauseKind::Main,
        ),
        (
            "قال المتحدث إن الطائرات قصفت مواقع في إدلب.",
            "قصفت",
            ClauseKind::Reported,
        ),
        (
            "نفت الوزارة أن تكون طائراتها قد قصفت المدينة.",
            "قصفت",
            ClauseKind::Denial,
        ),
        (
            "اتهمت الحكومة المعارضة بأنها هاجمت القرية.",
            "هاجمت",
            ClauseKind::Accusation,
        ),
        (
            "طالب المجلس بأن تنسحب القوات من المدينة.",
            "تنسحب",
            ClauseKind::Demand,
        ),
        (
            "إذا هاجمت القوات المدينة فسيرد الجيش.",
            "هاجمت",
            ClauseKind::Conditional,
        ),
        (
            "التقى الوزير الجنود الذين هاجموا القرية أمس.",
            "هاجموا",
            ClauseKind::Relative,
        ),
        (
            "عاد السكان بعدما انسحبت القوات من البلدة.",
            "انسحبت",
            ClauseKind::Temporal,
        ),
        (
            "وصل الوفد إلى الدوحة من أجل إجراء محادثات مع الحكومة.",
            "محادثات",
            ClauseKind::Purpose,
        ),
    ];
    let mut wrong = Vec::new();
    for (text, word, want) in cases {
        let (got, _, _) = clause_of(text, word);
        if got != want {
            wrong.push(format!(
                "«{word}» in «{text}»: {} (want {})",
                got.as_str(),
                want.as_str()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_complement_noun_is_dropped_with_its_reason() {
    // دعا … إلى إجراء محادثات: the talks are the content of the call, not an event of their own
    let text = "دعا الرئيس المصري الطرفين إلى إجراء محادثات في جنيف.";
    let (_, kept, why) = clause_of(text, "محادثات");
    assert!(!kept, "kept: {why}");
    assert!(why.contains("content"), "{why}");
    let (_, kept, why) = clause_of(text, "دعا");
    assert!(kept, "dropped: {why}");
}

#[test]
fn a_question_drops_its_triggers() {
    let (_, kept, why) = clause_of("هل تهاجم إسرائيل إيران قريبا؟", "تهاجم");
    assert!(!kept);
    assert!(why.contains("question"), "{why}");
}

#[test]
fn an_act_inside_an_accusation_or_a_purpose_is_not_reported_as_done() {
    for text in [
        "اتهمت الحكومة التركية المعارضة السورية بأنها هاجمت القرية.",
        "أرسلت الحكومة المصرية وفدا إلى الخرطوم من أجل توقيع اتفاق مع السودان.",
    ] {
        let mut d = Document::new("t", text);
        d.published = Some("2024-03-15".into());
        let out = X.extract(&d);
        let done: Vec<_> = out
            .events
            .iter()
            .filter(|e| matches!(e.kind.as_str(), "ASSAULT" | "AGREE") && e.modality.is_reported())
            .map(|e| e.kind.as_str())
            .collect();
        assert!(done.is_empty(), "«{text}» reported {done:?} as done");
    }
}

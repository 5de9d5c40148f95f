//! Long texts read in windows: every offset still points into the whole text, and what each
//! paragraph says is still found.

use hadath_extract::{Document, Extractor};

fn slice(text: &str, a: usize, b: usize) -> String {
    text.chars().skip(a).take(b - a).collect()
}

#[test]
fn windows_keep_offsets_and_events() {
    let paragraphs = [
        "قصفت الطائرات الروسية مواقع في إدلب أمس الثلاثاء.",
        "اجتمع وزير الخارجية المصري سامح شكري بنظيره الأردني في عمان.",
        "أدانت السعودية الهجوم على السفارة في بغداد.",
    ];
    let text = paragraphs.repeat(6).join("\n\n");
    let doc = Document {
        published: Some("2015-07-22".into()),
        ..Document::new("long", text.clone())
    };
    let x = Extractor::default();
    let whole = x.extract(&doc);
    // windows of about two paragraphs
    let out = x.extract_in_windows(&doc, 180);
    assert_eq!(out.published.as_ref().unwrap().date, "2015-07-22");
    for e in &out.entities {
        assert_eq!(slice(&text, e.start, e.end), e.text);
    }
    for t in &out.timexes {
        assert_eq!(slice(&text, t.start, t.end), t.text);
    }
    for ev in &out.events {
        assert_eq!(
            slice(&text, ev.trigger.start, ev.trigger.end),
            ev.trigger.text
        );
        assert_eq!(
            slice(&text, ev.evidence.start, ev.evidence.end),
            ev.evidence.text
        );
        for p in ev.actors.iter().chain(&ev.recipients) {
            if let (Some(a), Some(b)) = (p.start, p.end) {
                assert_eq!(slice(&text, a, b), p.text);
            }
        }
    }
    // The same entities as one pass; each kind of event is still there.
    assert_eq!(out.entities.len(), whole.entities.len());
    for kind in ["ASSAULT", "CONSULT", "ACCUSE"] {
        assert!(
            whole.events.iter().any(|e| e.kind == kind),
            "{kind} in one pass"
        );
        assert!(
            out.events.iter().any(|e| e.kind == kind),
            "{kind} in windows"
        );
    }
}

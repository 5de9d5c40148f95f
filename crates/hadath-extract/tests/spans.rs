//! Every span in the output is the original text sliced at its code-point offsets.

use hadath_extract::{Document, Extractor, Output, SpanOut};
use proptest::prelude::*;
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

const WORDS: &[&str] = &[
    "قصفت",
    "القوات",
    "الروسية",
    "مواقع",
    "أوكرانية",
    "يوم",
    "الثلاثاء",
    "الماضي",
    "وقال",
    "الرئيس",
    "الأمريكي",
    "إن",
    "بلاده",
    "تدعو",
    "إلى",
    "وقف",
    "إطلاق",
    "النار",
    "في",
    "غزة",
    "واشنطن",
    "مقتل",
    "15",
    "شخصا",
    "١٢",
    "جنديًّا",
    "وأرمينيا",
    "أذربيجان",
    "بوساطة",
    "قطرية",
    "اجتمع",
    "بوتين",
    "وأردوغان",
    "13 سبتمبر 2022",
    "أمس",
    "؟",
    "،",
    ".",
    "\n\n",
    "اقرأ أيضا:",
    "😀",
    "e\u{301}",
    "ـــ",
    "الاشتباكات",
    "بين",
    "البلدين",
    "تعرضت",
    "لقصف",
    "أذري",
];

fn check(text: &str, out: &Output) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    let span = |s: &SpanOut| assert_eq!(slice(s.start, s.end), s.text, "span {s:?}");
    for e in &out.entities {
        assert_eq!(slice(e.start, e.end), e.text);
    }
    for t in &out.timexes {
        assert_eq!(slice(t.start, t.end), t.text);
    }
    for b in &out.boilerplate {
        assert!(b.start <= b.end && b.end <= chars.len());
    }
    for ev in &out.events {
        span(&ev.evidence);
        span(&ev.trigger);
        ev.evidence_all.iter().for_each(span);
        for p in ev
            .actors
            .iter()
            .chain(&ev.recipients)
            .chain(&ev.mediators)
            .chain(ev.location.iter())
            .chain(ev.attribution.iter())
            .chain(ev.source.iter())
        {
            if let (Some(a), Some(b)) = (p.start, p.end) {
                assert_eq!(slice(a, b), p.text);
            }
        }
        if let Some(size) = &ev.size {
            for side in &size.by_side {
                assert_eq!(slice(side.start, side.end), side.text);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn spans_slice_the_original(ws in proptest::collection::vec(0..WORDS.len(), 1..60), pub_given in any::<bool>()) {
        let text = ws.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        prop_assume!(text.chars().any(char::is_alphanumeric));
        let mut d = Document::new("p", text.clone());
        if pub_given {
            d.published = Some("2022-09-16".into());
        }
        let out = X.extract(&d);
        check(&text, &out);
    }
}

#[test]
fn spans_on_a_real_looking_article() {
    let text = "عنوان الخبر\n\nتعرضت عدة مواقع أرمينية لقصفٍ أذري، منذ الثلاثاء الماضي 13 سبتمبر 2022، أسفر عن سقوط 135 قتيلًا من الجيش الأرميني، و71 من أذربيجان.\n";
    let mut d = Document::new("a", text);
    d.published = Some("2022-09-16".into());
    let out = X.extract(&d);
    assert!(!out.events.is_empty());
    check(text, &out);
}

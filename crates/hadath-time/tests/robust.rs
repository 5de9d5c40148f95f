//! No panics and well-formed spans on arbitrary mixes of cue words, digits and punctuation.

use hadath_text::Folded;
use hadath_time::{analyze, infer_publication, publication_candidates};
use jiff::civil::date;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "في",
    "منذ",
    "عام",
    "العام",
    "الماضي",
    "المقبل",
    "الجاري",
    "أمس",
    "اليوم",
    "غداً",
    "بعد",
    "قبل",
    "غد",
    "أول",
    "من",
    "إلى",
    "بين",
    "و",
    "الثلاثاء",
    "الأربعاء",
    "يوم",
    "أيام",
    "أسبوعين",
    "شهر",
    "أشهر",
    "سبتمبر",
    "أيلول",
    "/",
    "-",
    "(",
    ")",
    "،",
    ".",
    ":",
    "هـ",
    "م",
    "رمضان",
    "ذي",
    "القعدة",
    "كانون",
    "الثاني",
    "تشرين",
    "الأول",
    "ربيع",
    "الآخر",
    "13",
    "2020",
    "1436",
    "9",
    "31",
    "0",
    "99999",
    "3.5",
    "30,000",
    "ألف",
    "آلاف",
    "عشرات",
    "ثلاثة",
    "وعشرين",
    "مئتي",
    "أكثر",
    "نحو",
    "الساعة",
    "العاشرة",
    "مساءً",
    "صباح",
    "مطلع",
    "نهاية",
    "أواخر",
    "التسعينيات",
    "خريف",
    "الموافق",
    "الـ",
    "الخامس",
    "عقدين",
    "واحد",
    "%",
    "\n",
    "ـ",
    "\u{064B}",
    "x",
    "٢٠٢٢",
    "۱۵",
];

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec((0..PIECES.len(), prop::bool::ANY), 0..40).prop_map(|v| {
        let mut s = String::new();
        for (i, glue) in v {
            s.push_str(PIECES[i]);
            if !glue {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn never_panics_and_spans_are_in_bounds(s in doc(), anchored in prop::bool::ANY) {
        let f = Folded::new(&s);
        let anchor = anchored.then(|| date(2022, 9, 16));
        let a = analyze(&s, &f, anchor);
        for t in &a.timexes {
            prop_assert!(t.source.start < t.source.end && t.source.end <= s.len());
            prop_assert!(s.is_char_boundary(t.source.start) && s.is_char_boundary(t.source.end));
            if anchor.is_none() && t.relative {
                prop_assert!(t.value.is_none(), "relative timex valued without an anchor: {:?}", t);
            }
        }
        for q in &a.numbers {
            prop_assert!(q.source.start <= q.number.start && q.number.end <= q.source.end && q.source.end <= s.len());
            // A number is never inside a time expression.
            prop_assert!(!a.timexes.iter().any(|t| t.source.start <= q.number.start && q.number.end <= t.source.end));
        }
        let _ = infer_publication(&s, &f);
        let _ = publication_candidates(&s, &f, date(2022, 1, 1), date(2022, 12, 31));
    }
}

//! The publication date inferred from the text. Sentences written for these tests.

use hadath_text::Folded;
use hadath_time::infer_publication;
use jiff::civil::date;

#[test]
fn publication_inferred_from_text() {
    let s = "نشرت صحيفة أمريكية، أمس الخميس 15 سبتمبر 2022، تقريراً عن الزيارة.";
    let p = infer_publication(s, &Folded::new(s)).unwrap();
    assert_eq!(p.date, date(2022, 9, 16));
    assert!(p.inferred);
    assert_eq!(p.reason, "أمس الخميس 15 سبتمبر 2022");
    assert_eq!(&s[p.reason_span.clone()], p.reason);
    let s = "أعلنت الوزارة اليوم الثلاثاء 17 نوفمبر 2020 عن خطة جديدة.";
    assert_eq!(
        infer_publication(s, &Folded::new(s)).unwrap().date,
        date(2020, 11, 17)
    );
    // A weekday that contradicts the date: no inference.
    let s = "أعلنت الوزارة أمس الأحد 15 سبتمبر 2022 عن خطة جديدة.";
    assert_eq!(infer_publication(s, &Folded::new(s)), None);
    // Today's weekday and a day of this month, but no year: unknown rather than a guess.
    let s = "قال الوزير اليوم الثلاثاء إن اتفاق 9 نوفمبر الجاري صامد.";
    assert_eq!(infer_publication(s, &Folded::new(s)), None);
    let s = "قال الوزير اليوم الثلاثاء إن اتفاق 9 نوفمبر الجاري صامد، وإن الوفد يصل غداً الأربعاء.";
    let c = hadath_time::publication_candidates(
        s,
        &Folded::new(s),
        date(2020, 1, 1),
        date(2021, 12, 31),
    );
    assert_eq!(
        c,
        [
            date(2020, 11, 10),
            date(2020, 11, 17),
            date(2020, 11, 24),
            date(2021, 11, 9),
            date(2021, 11, 16),
            date(2021, 11, 23),
            date(2021, 11, 30)
        ]
    );
    // A Hijri day fixes the date only when a weekday settles the tabular calendar's day.
    let s = "صدر التعميم اليوم الاثنين 25 شوال 1436 هـ.";
    assert_eq!(
        infer_publication(s, &Folded::new(s)).unwrap().date,
        date(2015, 8, 10)
    );
    let s = "صدر التعميم أمس 25 شوال 1436هـ.";
    assert_eq!(infer_publication(s, &Folded::new(s)), None);
    // A historical narrative is not a dateline.
    let s = "ودخل السلطان المدينة اليوم الثلاثاء 20 جمادى الأولى 875هـ.";
    assert_eq!(infer_publication(s, &Folded::new(s)), None);
    // No self-dating phrase.
    let s = "وقع الاتفاق في 9 نوفمبر 2020 في موسكو.";
    assert_eq!(infer_publication(s, &Folded::new(s)), None);
}

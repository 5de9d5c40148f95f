//! TimeML classes of issue 16: deictic references, sets, centuries and decades, durations in the
//! dual and plural, span conventions, look-alikes, relative days and dates that hold. Sentences
//! written for these tests.

mod common;

use common::{tx, A};
use hadath_text::Folded;
use hadath_time::{analyze_publishing, find_timexes, TimexKind};
use jiff::civil::{date, Date};

/// The text's timexes are exactly `want` (surface, value, type).
fn exactly(text: &str, anchor: Option<Date>, want: &[(&str, &str, &str)]) {
    let got = tx(text, anchor);
    let want: Vec<(String, Option<String>, &str)> = want
        .iter()
        .map(|(s, v, k)| (s.to_string(), Some(v.to_string()), *k))
        .collect();
    assert_eq!(got, want, "«{text}»");
}

#[test]
fn deictic_references() {
    exactly(
        "قال الوزير إن الوضع الآن تحت السيطرة.",
        A,
        &[("الآن", "PRESENT_REF", "date")],
    );
    exactly(
        "تعمل الشركة حالياً على توسيع مصنعها.",
        A,
        &[("حالياً", "PRESENT_REF", "date")],
    );
    exactly(
        "أطلقت الوزارة مؤخراً حملة للتطعيم.",
        A,
        &[("مؤخراً", "PAST_REF", "date")],
    );
    exactly(
        "شغل السفير سابقاً منصب نائب الوزير.",
        A,
        &[("سابقاً", "PAST_REF", "date")],
    );
    exactly(
        "تفتتح البلدية الجسر الجديد قريباً.",
        A,
        &[("قريباً", "FUTURE_REF", "date")],
    );
    exactly(
        "وكانت الحكومة آنذاك ترفض التفاوض.",
        A,
        &[("آنذاك", "PAST_REF", "date")],
    );
    // The preposition stays outside the span.
    exactly(
        "لم يحدث هذا في الماضي.",
        A,
        &[("الماضي", "PAST_REF", "date")],
    );
    // Without an anchor they keep their value: it needs none.
    exactly(
        "سيعلن الاتحاد قريبا أسماء اللاعبين.",
        None,
        &[("قريبا", "FUTURE_REF", "date")],
    );
}

#[test]
fn sets() {
    exactly(
        "يعبر المعبر يوميا نحو ألف شاحنة.",
        A,
        &[("يوميا", "P1D", "set")],
    );
    exactly(
        "تجتمع اللجنة أسبوعياً في مقر الوزارة.",
        A,
        &[("أسبوعياً", "P1W", "set")],
    );
    exactly(
        "ينظم المهرجان سنويا في الخريف.",
        A,
        &[("سنويا", "P1Y", "set")],
    );
    exactly(
        "تجرى الانتخابات البلدية كل عامين.",
        A,
        &[("كل عامين", "P2Y", "set")],
    );
    exactly(
        "تراجع الهيئة الأسعار كل ثلاثة أشهر.",
        A,
        &[("كل ثلاثة أشهر", "P3M", "set")],
    );
    exactly(
        "نشرت الوزارة الأرقام في النشرة الأسبوعية للصحة.",
        A,
        &[("الأسبوعية", "P1W", "set")],
    );
    exactly(
        "قدم البنك تقريره السنوي إلى البرلمان.",
        A,
        &[("السنوي", "P1Y", "set")],
    );
}

#[test]
fn centuries_and_decades() {
    exactly(
        "شهد القرن العشرين حربين عالميتين.",
        A,
        &[("القرن العشرين", "19", "date")],
    );
    exactly(
        "بني الجسر في القرن التاسع عشر.",
        A,
        &[("القرن التاسع عشر", "18", "date")],
    );
    exactly(
        "يواجه العالم في القرن الحادي والعشرين تحديات جديدة.",
        A,
        &[("القرن الحادي والعشرين", "20", "date")],
    );
    exactly(
        "هاجرت العائلة في التسعينيات إلى كندا.",
        A,
        &[("التسعينيات", "199", "date")],
    );
    exactly(
        "انتشرت السكك الحديدية في ثمانينيات القرن التاسع عشر.",
        A,
        &[("ثمانينيات القرن التاسع عشر", "188", "date")],
    );
    // An early era is no misread: its value stays.
    let t = tx("تعود المخطوطة إلى القرن الثاني عشر.", A);
    assert_eq!(t[0].1.as_deref(), Some("11"));
}

#[test]
fn durations_dual_and_plural() {
    exactly(
        "تضاعفت الصادرات خلال العامين الماضيين.",
        A,
        &[("العامين الماضيين", "P2Y", "duration")],
    );
    exactly(
        "ستبقى القوات في المنطقة خلال الشهرين المقبلين.",
        A,
        &[("الشهرين المقبلين", "P2M", "duration")],
    );
    exactly(
        "استمرت المفاوضات ثلاثة أعوام دون نتيجة.",
        A,
        &[("ثلاثة أعوام", "P3Y", "duration")],
    );
    exactly(
        "ارتفع عدد الزوار خلال السنوات الخمس الماضية.",
        A,
        &[("السنوات الخمس الماضية", "P5Y", "duration")],
    );
    exactly(
        "أغلق الطريق يومين بسبب الثلوج.",
        A,
        &[("يومين", "P2D", "duration")],
    );
}

#[test]
fn span_conventions() {
    // A bare year in parentheses is a date.
    exactly(
        "وقع البلدان اتفاقية الحدود (2015) في الرياض.",
        A,
        &[("2015", "2015", "date")],
    );
    // Two adjacent expressions are two timexes.
    exactly(
        "يصل الوفد صباح الخميس المقبل 21 مارس إلى عمان.",
        A,
        &[
            ("صباح الخميس المقبل", "2024-03-21TMO", "time"),
            ("21 مارس", "2024-03-21", "date"),
        ],
    );
    exactly(
        "انتهت المهلة الأحد الماضي 10 مارس.",
        A,
        &[
            ("الأحد الماضي", "2024-03-10", "date"),
            ("10 مارس", "2024-03-10", "date"),
        ],
    );
    // يوم before a date or a weekday is outside the span.
    exactly(
        "افتتح الوزير المعرض يوم 5 مارس.",
        A,
        &[("5 مارس", "2024-03-05", "date")],
    );
    exactly(
        "عقد المجلس جلسته يوم الثلاثاء.",
        A,
        &[("الثلاثاء", "2024-03-12", "date")],
    );
    // With الموافق the weekday and the date stay one expression.
    exactly(
        "بدأ الدوام يوم الأحد الموافق 10 مارس.",
        A,
        &[("الأحد الموافق 10 مارس", "2024-03-10", "date")],
    );
}

#[test]
fn look_alikes() {
    // عقد: to hold, a contract.
    assert!(tx("بعد عقد اجتماع مجلس الوزراء أعلن الوزير القرار.", A).is_empty());
    assert!(tx("خلال عقد المؤتمر الصحفي سئل الوزير عن الأسعار.", A).is_empty());
    assert!(tx("عقد المجلس اجتماعا طارئا.", A).is_empty());
    // … but a decade where it is one.
    exactly(
        "تغيرت المدينة كثيرا منذ عقد من الزمن.",
        A,
        &[("عقد", "P10Y", "duration")],
    );
    exactly(
        "انتهت الحرب قبل عقد تقريبا.",
        A,
        &[("قبل عقد", "2014", "date")],
    );
    // غد: a future, not tomorrow.
    assert!(tx("يتطلع الشباب نحو غد مشرق.", A).is_empty());
    assert!(tx("نعمل من أجل غد أفضل لأطفالنا.", A).is_empty());
    exactly(
        "يصل الوفد صباح غد إلى الرياض.",
        A,
        &[("صباح غد", "2024-03-15TMO", "time")],
    );
    // قريبا من: near a place.
    assert!(tx("يقع المستشفى قريبا من الحدود.", A).is_empty());
}

#[test]
fn relative_days() {
    exactly(
        "قتل ثلاثة أشخاص أمس الأول في انفجار.",
        A,
        &[("أمس الأول", "2024-03-12", "date")],
    );
    exactly(
        "وصل الوفد أمس الأول الثلاثاء إلى بغداد.",
        A,
        &[("أمس الأول الثلاثاء", "2024-03-12", "date")],
    );
    exactly(
        "اعتقلت الشرطة ثلاثة رجال الأول من أمس.",
        A,
        &[("الأول من أمس", "2024-03-12", "date")],
    );
    exactly(
        "قصفت الطائرات المدينة الليلة الماضية.",
        A,
        &[("الليلة الماضية", "2024-03-13TNI", "time")],
    );
    exactly(
        "افتتح المعرض في 15 الشهر الجاري.",
        A,
        &[("15 الشهر الجاري", "2024-03-15", "date")],
    );
    exactly(
        "وقع الاتفاق في الخامس من الشهر الماضي.",
        A,
        &[("الخامس من الشهر الماضي", "2024-02-05", "date")],
    );
    // The start of the week is Sunday to Tuesday (the Arab week), not the ISO week's Monday.
    exactly(
        "التقى الرئيس الوزراء مطلع الأسبوع.",
        A,
        &[("مطلع الأسبوع", "2024-03-10/2024-03-12", "date")],
    );
    exactly(
        "يزور الوزير باريس مطلع الأسبوع المقبل.",
        A,
        &[("مطلع الأسبوع المقبل", "2024-03-17/2024-03-19", "date")],
    );
    // On a Sunday, the week starting that day.
    exactly(
        "التقى الرئيس الوزراء مطلع الأسبوع.",
        Some(date(2024, 3, 10)),
        &[("مطلع الأسبوع", "2024-03-10/2024-03-12", "date")],
    );
}

#[test]
fn dates_that_hold() {
    // A misread far past or future loses its value (the span stays); a stated year keeps it.
    let t = tx("تعود الوثيقة إلى عام 1850 حين بني الميناء.", A);
    assert_eq!(t[0].1.as_deref(), Some("1850"));
    let t = tx("قتل الجنود قبل 200 عام في المعركة.", A);
    assert_eq!((t[0].0.as_str(), t[0].1.as_deref()), ("قبل 200 عام", None));
    // A stated year far ahead holds when planned, not in a past clause.
    let t = tx("تسعى المملكة إلى تحقيق أهدافها في عام 2040.", A);
    assert_eq!(t[0].1.as_deref(), Some("2040"));
    let t = tx("قال الشاهد إن الحادثة وقعت الأسبوع الماضي في عام 2040.", A);
    assert_eq!(t.iter().find(|x| x.0 == "عام 2040").unwrap().1, None);
    let t = tx("ستنتهي الأشغال بعد عشر سنوات.", A);
    assert_eq!(t[0].1.as_deref(), Some("2034"));
}

#[test]
fn weekday_of_the_text_over_the_metadata() {
    // Stamped Tuesday 2024-03-12 (a crawl date); the text says today is Monday.
    let text = "قال الوزير اليوم الاثنين إن الوفد يصل غدا.";
    let f = Folded::new(text);
    let (a, p) = analyze_publishing(text, &f, Some(date(2024, 3, 12)));
    let p = p.expect("the text's weekday corrects the metadata");
    assert_eq!(p.date, date(2024, 3, 11));
    assert_eq!(p.overrides, Some(date(2024, 3, 12)));
    assert!(p.reason.contains("اليوم الاثنين"), "{}", p.reason);
    let tomorrow = a.timexes.iter().find(|t| &text[t.source.clone()] == "غدا");
    assert_eq!(tomorrow.unwrap().value.as_deref(), Some("2024-03-12"));
    // Agreeing metadata is kept as given.
    let (_, p) = analyze_publishing(text, &f, Some(date(2024, 3, 11)));
    assert!(p.is_none());
    // Clues that disagree with each other settle nothing.
    let text = "قال الوزير اليوم الاثنين إن الوفد وصل أمس الأحد، وقال اليوم الأربعاء إنه غادر.";
    let (_, p) = analyze_publishing(text, &Folded::new(text), Some(date(2024, 3, 12)));
    assert!(p.is_none());
    // A duration is not a date: no clamping of «منذ 1400 عام».
    let text = "بني المسجد منذ 1400 عام.";
    let t = find_timexes(text, &Folded::new(text), A);
    assert_eq!(t[0].kind, TimexKind::Duration);
    assert_eq!(t[0].value.as_deref(), Some("P1400Y"));
}

#[test]
fn vague_durations() {
    // TimeML values a duration without its count with X: PXD, PXY, PTXH.
    exactly(
        "وصل الوفد بعد أيام من الاتفاق.",
        A,
        &[("أيام", "PXD", "duration")],
    );
    exactly(
        "وقعت التفجيرات بعد ساعات من الاجتماع.",
        A,
        &[("ساعات", "PTXH", "duration")],
    );
    exactly(
        "ومنذ سنوات يسود التوتر بين البلدين.",
        A,
        &[("سنوات", "PXY", "duration")],
    );
}

//! Relative dates: weekdays, days and periods counted from the anchor, from an earlier date, or
//! shifted by a duration. Sentences written for these tests.

mod common;

use common::{check, tx, A};
use hadath_text::Folded;
use hadath_time::{find_timexes, resolve_relative_to, TimexKind};
use jiff::civil::date;

#[test]
fn weekdays_alone_and_with_dates() {
    // Anchor: Thursday 14 March 2024.
    check(
        "قال الوزير يوم الاثنين إن المحادثات فشلت.",
        A,
        "الاثنين",
        "2024-03-11",
    );
    check(
        "التقى الرئيسان الثلاثاء الماضي في جنيف.",
        A,
        "الثلاثاء الماضي",
        "2024-03-12",
    );
    check(
        "وصل الوفد أمس الأربعاء 13 مارس 2024 إلى عمّان.",
        A,
        "أمس الأربعاء 13 مارس 2024",
        "2024-03-13",
    );
    check(
        "ذكرت الوكالة أمس الخميس 15 سبتمبر 2022 أن القصف توقف.",
        None,
        "أمس الخميس 15 سبتمبر 2022",
        "2022-09-15",
    );
    check(
        "يصل المبعوث غداً الجمعة إلى بغداد.",
        A,
        "غداً الجمعة",
        "2024-03-15",
    );
    check(
        "يبدأ التسجيل يوم السبت الـ7 من شهر ذي القعدة 1436هـ.",
        None,
        "السبت الـ7 من شهر ذي القعدة 1436هـ",
        "2015-08-22",
    );
    check(
        "يعلق التداول ابتداءً من يوم الاثنين 18 /10 /1436هـ.",
        None,
        "الاثنين 18 /10 /1436هـ",
        "2015-08-03",
    );
    check("يزدحم السوق أيام الجمعة.", A, "أيام الجمعة", "P1W");
    // Tense: a future verb picks the coming weekday, a past one the last.
    check(
        "سيزور الرئيس باريس يوم الأحد لإجراء محادثات.",
        A,
        "الأحد",
        "2024-03-17",
    );
    check(
        "زار الرئيس باريس يوم الأحد وأجرى محادثات.",
        A,
        "الأحد",
        "2024-03-10",
    );
    check(
        "يعتزم الوزير التوجه إلى القاهرة السبت.",
        A,
        "السبت",
        "2024-03-16",
    );
    check(
        "تعقد القمة الاثنين المقبل في الدوحة.",
        A,
        "الاثنين المقبل",
        "2024-03-18",
    );
    // The same weekday as the anchor is today.
    check(
        "أعلنت الحكومة الخميس حالة الطوارئ.",
        A,
        "الخميس",
        "2024-03-14",
    );
    check(
        "هاجم المسلحون القرية مساء الثلاثاء.",
        A,
        "مساء الثلاثاء",
        "2024-03-12TEV",
    );
    let t = find_timexes(
        "هاجم المسلحون القرية مساء الثلاثاء.",
        &Folded::new("هاجم المسلحون القرية مساء الثلاثاء."),
        A,
    );
    assert_eq!(t[0].kind, TimexKind::Time);
}

#[test]
fn relative_days() {
    check("أعلن الجيش اليوم عن عملية جديدة.", A, "اليوم", "2024-03-14");
    check("أعلن الجيش أمس عن عملية جديدة.", A, "أمس", "2024-03-13");
    check(
        "أعلن الجيش أول أمس عن عملية جديدة.",
        A,
        "أول أمس",
        "2024-03-12",
    );
    check("يعلن الجيش غداً عن عملية جديدة.", A, "غداً", "2024-03-15");
    check(
        "يعلن الجيش بعد غد عن عملية جديدة.",
        A,
        "بعد غد",
        "2024-03-16",
    );
    check(
        "قتل ثلاثة مدنيين قبل ثلاثة أيام في القصف.",
        A,
        "قبل ثلاثة أيام",
        "2024-03-11",
    );
    check(
        "وقبل أسبوعين، زار الوزير المنطقة.",
        A,
        "قبل أسبوعين",
        "2024-02-29",
    );
    assert!(tx("كانت الوفود في أمس الحاجة إلى الراحة.", A).is_empty());
    assert!(tx("لم يعد اليوم كالأمس، ولامس الخطاب مشاعر الناس.", A).len() == 1);
    check("التقى الوزيران بالأمس في الرياض.", A, "الأمس", "2024-03-13");
    assert!(tx("احتفلوا باليوم السعيد.", A).is_empty());
    // Not a date: اليوم الوطني.
    assert!(tx("احتفلت البلاد باليوم الوطني.", A).is_empty());
}

#[test]
fn relative_periods() {
    check(
        "ارتفعت الأسعار الأسبوع الماضي بنسبة كبيرة.",
        A,
        "الأسبوع الماضي",
        "2024-W10",
    );
    check(
        "تبدأ المفاوضات الأسبوع المقبل في فيينا.",
        A,
        "الأسبوع المقبل",
        "2024-W12",
    );
    check(
        "انخفضت الصادرات الشهر الماضي.",
        A,
        "الشهر الماضي",
        "2024-02",
    );
    check(
        "نما الاقتصاد العام الماضي بنسبة 3%.",
        A,
        "العام الماضي",
        "2023",
    );
    check(
        "تصدر النتائج مطلع الشهر المقبل.",
        A,
        "مطلع الشهر المقبل",
        "2024-04",
    );
    check("تصدر النتائج مطلع الشهر.", A, "مطلع الشهر", "2024-03");
    check(
        "اجتمع الوزراء في نهاية يونيو في واشنطن.",
        A,
        "نهاية يونيو",
        "2023-06",
    );
    check(
        "تنتهي الولاية نهاية العام الجاري.",
        A,
        "نهاية العام الجاري",
        "2024",
    );
    check("ويستمر الحصار منذ 9 أشهر.", A, "9 أشهر", "P9M");
    // The start of a منذ duration is kept for the events stage.
    let s = "قتل منذ يومين ثلاثة مدنيين.";
    let t = find_timexes(s, &Folded::new(s), A);
    assert_eq!(
        (t[0].value.as_deref(), t[0].first_day),
        (Some("P2D"), Some(date(2024, 3, 12)))
    );
    let t = tx("يتوقع أن تصل الشحنات خلال الأيام المقبلة إلى الميناء.", A);
    assert!(
        t.iter()
            .any(|x| x.0 == "خلال الأيام المقبلة" && x.1.is_none()),
        "{t:?}"
    );
}

#[test]
fn relative_needs_an_anchor() {
    let t = tx("أعلن الجيش أمس عن عملية جديدة الأسبوع الماضي.", None);
    assert_eq!(t.len(), 2, "{t:?}");
    assert!(t.iter().all(|x| x.1.is_none()), "{t:?}");
    let f = Folded::new("أعلن الجيش أمس عن عملية.");
    let x = &find_timexes("أعلن الجيش أمس عن عملية.", &f, None)[0];
    assert!(x.relative);
    assert_eq!(
        resolve_relative_to(x, date(2021, 1, 1)).as_deref(),
        Some("2020-12-31")
    );
}

#[test]
fn anchored_to_a_previous_date() {
    let s = "بدأ الهجوم في 19 أيلول/سبتمبر 2023. وبعد يومين، أعلن وقف إطلاق النار.";
    check(s, None, "بعد يومين", "2023-09-21");
    let s = "وصلت القوات في 3 مايو 2021. وبعد يوم واحد، بدأت الانسحاب.";
    check(s, A, "بعد يوم واحد", "2021-05-04");
}

#[test]
fn dates_shifted_by_a_duration() {
    use hadath_time::shift_date;
    assert_eq!(
        shift_date("2023-01-15", "P1M", true).as_deref(),
        Some("2022-12")
    );
    assert_eq!(
        shift_date("2023-11", "P3M", false).as_deref(),
        Some("2024-02")
    );
    assert_eq!(
        shift_date("2024-03-01", "P1D", true).as_deref(),
        Some("2024-02-29")
    );
    assert_eq!(
        shift_date("2022-10-31", "P2W", true).as_deref(),
        Some("2022-10-17")
    );
    assert_eq!(
        shift_date("2022-10-31TEV", "P1D", false).as_deref(),
        Some("2022-11-01")
    );
    assert_eq!(shift_date("2022-10", "P2Y", true).as_deref(), Some("2020"));
    // Too coarse, or not a whole duration.
    assert_eq!(shift_date("2022-10", "P5D", true), None);
    assert_eq!(shift_date("2022-10-31", "P2Y3M", true), None);
    assert_eq!(shift_date("2022-10-31", "PT30H", true), None);
    // A few days, weeks, months: what both ends (two and ten) share.
    assert_eq!(
        shift_date("2022-10-31", "PXD", true).as_deref(),
        Some("2022-10")
    );
    assert_eq!(
        shift_date("2022-10-05", "PXD", true).as_deref(),
        Some("2022")
    );
    assert_eq!(shift_date("2022-10-05", "PXY", true), None);
    // Hours: the same day.
    assert_eq!(
        shift_date("2022-10-31", "PT3H", true).as_deref(),
        Some("2022-10-31")
    );
    assert_eq!(
        shift_date("2022-10-31TEV", "PTXH", false).as_deref(),
        Some("2022-10-31")
    );
}

//! Every form the time issue lists, on sentences written for these tests.

use hadath_text::Folded;
use hadath_time::{
    analyze, find_numbers, find_timexes, hijri_to_gregorian, infer_publication,
    resolve_relative_to, Qualifier, TimexKind,
};
use jiff::civil::{date, Date};

/// (surface, value, type) of every timex in `text`.
fn tx(text: &str, anchor: Option<Date>) -> Vec<(String, Option<String>, &'static str)> {
    let f = Folded::new(text);
    find_timexes(text, &f, anchor)
        .into_iter()
        .map(|t| {
            (
                text[t.source.clone()].to_string(),
                t.value.clone(),
                t.kind.as_str(),
            )
        })
        .collect()
}

/// The value of the single timex whose surface is `surface`.
fn value_of(text: &str, anchor: Option<Date>, surface: &str) -> Option<String> {
    let all = tx(text, anchor);
    let hits: Vec<_> = all.iter().filter(|t| t.0 == surface).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one timex «{surface}» in «{text}», found {all:?}"
    );
    hits[0].1.clone()
}

fn check(text: &str, anchor: Option<Date>, surface: &str, value: &str) {
    assert_eq!(
        value_of(text, anchor, surface).as_deref(),
        Some(value),
        "«{surface}» in «{text}»: {:?}",
        tx(text, anchor)
    );
}

const A: Option<Date> = Some(date(2024, 3, 14)); // a Thursday

#[test]
fn msa_months_all_twelve() {
    let names = [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ];
    for (i, m) in names.iter().enumerate() {
        let s = format!("افتتح المعرض في 5 {m} 2019 بحضور الوزير.");
        check(
            &s,
            None,
            &format!("5 {m} 2019"),
            &format!("2019-{:02}-05", i + 1),
        );
    }
    check(
        "وقع الاتفاق في 2 يونيه 2018 بالقاهرة.",
        None,
        "2 يونيه 2018",
        "2018-06-02",
    );
    check(
        "انتهت المهلة في 30 يوليه 2018.",
        None,
        "30 يوليه 2018",
        "2018-07-30",
    );
}

#[test]
fn levantine_months_all_twelve() {
    let names = [
        "كانون الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين الأول",
        "تشرين الثاني",
        "كانون الأول",
    ];
    for (i, m) in names.iter().enumerate() {
        let s = format!("عقدت الجلسة في 7 {m} 2021 في دمشق.");
        check(
            &s,
            None,
            &format!("7 {m} 2021"),
            &format!("2021-{:02}-07", i + 1),
        );
    }
}

#[test]
fn maghrebi_months() {
    let cases = [
        ("جانفي", 1),
        ("فيفري", 2),
        ("أفريل", 4),
        ("ماي", 5),
        ("جوان", 6),
        ("جويلية", 7),
        ("أوت", 8),
        ("يوليوز", 7),
        ("غشت", 8),
        ("شتنبر", 9),
        ("نونبر", 11),
        ("دجنبر", 12),
    ];
    for (m, n) in cases {
        let s = format!("أعلنت الوزارة يوم 3 {m} 2016 عن نتائج الانتخابات.");
        check(&s, None, &format!("3 {m} 2016"), &format!("2016-{n:02}-03"));
    }
}

#[test]
fn paired_months() {
    check(
        "انعقد المؤتمر في 21 أيلول/سبتمبر 2023 في نيويورك.",
        None,
        "21 أيلول/سبتمبر 2023",
        "2023-09-21",
    );
    check(
        "وقّع الطرفان في 9 نوفمبر/تشرين الثاني 2020 اتفاقاً.",
        None,
        "9 نوفمبر/تشرين الثاني 2020",
        "2020-11-09",
    );
    check(
        "زار الوفد بيروت في أغسطس (آب) 2019.",
        None,
        "أغسطس (آب) 2019",
        "2019-08",
    );
    check(
        "جرت الانتخابات في شباط/فبراير الماضي.",
        A,
        "شباط/فبراير الماضي",
        "2024-02",
    );
    // With الجاري the month is the anchor's.
    check(
        "ستنطلق المحادثات في 28 آذار/مارس الجاري.",
        A,
        "28 آذار/مارس الجاري",
        "2024-03-28",
    );
}

#[test]
fn ambiguous_month_names_need_a_date_context() {
    // مارس is also a verb, آب also "father": no timex without a date context.
    assert!(tx("مارس الجيش ضغوطاً كبيرة على المدينة.", A).is_empty());
    assert!(tx("تناول العرض أسرة مكونة من أب وثلاثة أبناء.", A).is_empty());
    assert!(tx("شكر الحرص الذي يوليه المدير للموظفين.", A).is_empty());
    assert!(tx("سقطت مركبة من طراز داتسون نيسان في الوادي.", A).is_empty());
    check("وصل الوفد في نيسان الماضي.", A, "نيسان الماضي", "2023-04");
    check("وصل الوفد في مارس.", A, "مارس", "2024-03");
    check("جرى اللقاء في 4 آب 2020.", None, "4 آب 2020", "2020-08-04");
}

#[test]
fn hijri_months_and_years() {
    // Tabular calendar: 1 Ramadan 1436 = 18 June 2015; odd months have 30 days, so to 17 July
    // (Umm al-Qura had 29 days that year: the tabular calendar can be a day off).
    check(
        "صام المسلمون شهر رمضان 1436هـ في ظروف صعبة.",
        None,
        "شهر رمضان 1436هـ",
        "2015-06-18/2015-07-17",
    );
    check(
        "وقعت المعركة في 15 رمضان 1436 هـ قرب المدينة.",
        None,
        "15 رمضان 1436 هـ",
        "2015-07-02",
    );
    check(
        "تأسست الجمعية عام 1445هـ في الرياض.",
        None,
        "عام 1445هـ",
        "2023-07-19/2024-07-07",
    );
    check("ولد الشاعر عام 1950م في بغداد.", None, "عام 1950م", "1950");
    // Umm al-Qura has 20 November 2018 here: the tabular calendar runs a day late this month.
    check(
        "صدر القانون في 12 ربيع الأول 1440 هـ.",
        None,
        "12 ربيع الأول 1440 هـ",
        "2018-11-21",
    );
    assert_eq!(hijri_to_gregorian(1436, 9, 1).unwrap(), date(2015, 6, 18));
    assert!(hijri_to_gregorian(1436, 13, 1).is_err());
}

#[test]
fn hijri_with_its_gregorian_equivalent() {
    // Tabular 25 Shawwal 1436 is 11 August; the text's own equivalent (10 August) wins.
    let s = "الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م (واس) نظمت الجمعية ندوة.";
    let t = tx(s, None);
    assert_eq!(t[0].1.as_deref(), Some("2015-08-10"), "{t:?}");
    assert_eq!(t[1].1.as_deref(), Some("2015-08-10"), "{t:?}");
    check(
        "بقي في المنصب حتى مايو من عام 2007 ثم استقال.",
        None,
        "مايو من عام 2007",
        "2007-05",
    );
    assert!(tx("نشب خلاف بين الاثنين حول القيادة.", A).is_empty());
    assert!(tx("يعتقد أن الرجل في الخمسينات من العمر.", A).is_empty());
}

#[test]
fn clock_times() {
    check(
        "انطلقت المسيرة في الساعة العاشرة صباحاً.",
        None,
        "الساعة العاشرة صباحاً",
        "T10:00",
    );
    check(
        "وقع الانفجار الساعة 10:30 مساءً.",
        None,
        "الساعة 10:30 مساءً",
        "T22:30",
    );
    check(
        "يبدأ الاجتماع الساعة الثالثة والنصف عصراً.",
        None,
        "الساعة الثالثة والنصف عصراً",
        "T15:30",
    );
    // The hour is not a count.
    let s = "قتل 5 أشخاص في الساعة 10 مساء.";
    let n = find_numbers(s, &Folded::new(s));
    assert_eq!(n.iter().map(|q| q.value).collect::<Vec<_>>(), [5.0]);
}

#[test]
fn ordinal_days() {
    check(
        "افتتح المعرض في الخامس من أغسطس 2015.",
        None,
        "الخامس من أغسطس 2015",
        "2015-08-05",
    );
    check(
        "وقعت الحادثة في الحادي والعشرين من شهر مارس 2019.",
        None,
        "الحادي والعشرين من شهر مارس 2019",
        "2019-03-21",
    );
    check(
        "يبدأ التسجيل يوم الجمعة الموافق الثالث عشر من شهر ذي القعدة 1436هـ.",
        None,
        "الجمعة الموافق الثالث عشر من شهر ذي القعدة 1436هـ",
        "2015-08-28",
    );
    // An ordinal without من + month is not a date.
    assert!(tx("احتل الفريق المركز الخامس في البطولة.", A).is_empty());
}

#[test]
fn numeric_dates() {
    check(
        "صدر القرار بتاريخ 28/7/1433هـ بشأن الأنظمة.",
        None,
        "28/7/1433هـ",
        "2012-06-18",
    );
    check(
        "بدأ التطبيق في 29 /06 / 2015م في المدارس.",
        None,
        "29 /06 / 2015م",
        "2015-06-29",
    );
    check(
        "أعلن عنه يوم 2015/07/29 رسمياً.",
        None,
        "2015/07/29",
        "2015-07-29",
    );
    check(
        "جرت المباراة في 29.06.2015 بالرياض.",
        None,
        "29.06.2015",
        "2015-06-29",
    );
    assert!(tx("فاز الفريق 3-2 في المباراة.", None).is_empty());
}

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
fn years_decades_and_periods() {
    check("تأسس الحزب في عام 2020 في بغداد.", None, "عام 2020", "2020");
    check(
        "شهدت البلاد حرباً أهلية في التسعينيات.",
        None,
        "التسعينيات",
        "199",
    );
    check(
        "بدأ النزاع في أواخر الثمانينيات من القرن الماضي.",
        None,
        "أواخر الثمانينيات",
        "198",
    );
    check(
        "انتهت الحرب في خريف 2020 باتفاق.",
        None,
        "خريف 2020",
        "2020-FA",
    );
    check("يحتل الجيش المنطقة منذ عام 1994.", None, "عام 1994", "1994");
    check(
        "تصاعدت الاحتجاجات منذ 2019، وفق التقرير.",
        None,
        "2019",
        "2019",
    );
    check("عادت الحرب في صيف 2006.", None, "صيف 2006", "2006-SU");
    check("تراجعت السياحة هذا العام.", A, "هذا العام", "2024");
    check("بني القصر في القرن الماضي.", A, "القرن الماضي", "19");
    check("تضاعف السكان خلال العقد الماضي.", A, "العقد الماضي", "201");
    // اليوم as a newspaper's name is not a date.
    assert!(tx("قال المتحدث لـ«اليوم» إن العمل مستمر.", A).is_empty());
    assert!(tx("نقلت صحيفة اليوم عن المسؤول تصريحاً.", A).is_empty());
}

#[test]
fn durations_and_ranges() {
    check(
        "استمرت المعارك ستة أسابيع متواصلة.",
        None,
        "ستة أسابيع",
        "P6W",
    );
    check("استمرت المعارك 40 يوماً متواصلة.", None, "40 يوماً", "P40D");
    check("استمر الاحتلال عقدين من الزمن.", None, "عقدين", "P20Y");
    check("سُجن ثلاث سنوات.", None, "ثلاث سنوات", "P3Y");
    check("استمر الاجتماع ساعتين.", None, "ساعتين", "PT2H");
    check(
        "يعقد المهرجان من 13 إلى 15 تموز 2022 في جرش.",
        None,
        "من 13 إلى 15 تموز 2022",
        "2022-07-13/2022-07-15",
    );
    check(
        "تجري الانتخابات بين 3 و5 يونيو المقبل.",
        A,
        "بين 3 و5 يونيو المقبل",
        "2024-06-03/2024-06-05",
    );
    check(
        "يعقد المؤتمر 13-15 أكتوبر 2025.",
        None,
        "13-15 أكتوبر 2025",
        "2025-10-13/2025-10-15",
    );
    check("تصدر النشرة يومياً.", None, "يومياً", "P1D");
    // Not durations: a count in a year, a law's number, "day after day".
    assert_eq!(
        tx("ارتفعت الأرباح إلى 136 مليون من 124 مليون عام 2014.", None)
            .iter()
            .map(|t| t.0.as_str())
            .collect::<Vec<_>>(),
        ["عام 2014"]
    );
    assert_eq!(
        tx("صدر القانون رقم 103 لسنة 1961.", None)
            .iter()
            .map(|t| t.0.as_str())
            .collect::<Vec<_>>(),
        ["سنة 1961"]
    );
    assert!(tx("تنهار الثقة يوماً بعد يوم.", A).is_empty());
    check(
        "عثر على الناجين بعد ثلاثة أيام تقريباً من الحادث.",
        A,
        "ثلاثة أيام",
        "P3D",
    );
    let t = tx("استمرت المعارك ستة أسابيع متواصلة.", None);
    assert_eq!(t[0].2, "duration");
}

#[test]
fn counts_are_never_years() {
    // A count before a noun is a number, not a date.
    assert!(tx("وأودت الحرب بحياة أكثر من 6500 جندي من الجانبين.", A).is_empty());
    assert!(tx("نشرت روسيا قوة قوامها 2000 جندي حفظ سلام.", A).is_empty());
    assert!(tx("أرسلت الحكومة 1990 جندياً إلى الحدود.", A).is_empty());
    assert!(tx("وصل منذ 2000 جندي إلى المنطقة.", A).is_empty());
    assert!(tx("ارتفع عدد القتلى إلى 2000، بحسب الوزارة.", A).is_empty());
    assert!(tx("قتل أكثر من 2000، بينهم أطفال.", A).is_empty());
    // Years in lists and after names are years.
    let t = tx(
        "فاز باللقب أعوام 1995، 1998، 2013 و2014، وتأهل إلى كأس العالم 2018.",
        A,
    );
    let years: Vec<_> = t.iter().filter_map(|x| x.1.clone()).collect();
    assert_eq!(years, ["1995", "1998", "2013", "2014", "2018"], "{t:?}");
    let n = find_numbers(
        "نشرت روسيا قوة قوامها 2000 جندي حفظ سلام.",
        &Folded::new("نشرت روسيا قوة قوامها 2000 جندي حفظ سلام."),
    );
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].value, 2000.0);
    // And a year is not a count.
    let s = "قتل 12 شخصاً في عام 2020 و15 في 2021.";
    let a = analyze(s, &Folded::new(s), None);
    let vals: Vec<f64> = a.numbers.iter().map(|q| q.value).collect();
    assert_eq!(vals, [12.0, 15.0], "{:?}", a.numbers);
    assert_eq!(a.timexes.len(), 2, "{:?}", a.timexes);
}

fn nums(text: &str) -> Vec<(String, f64, Qualifier)> {
    let f = Folded::new(text);
    find_numbers(text, &f)
        .into_iter()
        .map(|q| (text[q.source.clone()].to_string(), q.value, q.qualifier))
        .collect()
}

fn one_num(text: &str, surface: &str, value: f64, q: Qualifier) {
    let n = nums(text);
    assert!(
        n.iter().any(|x| x.0 == surface && x.1 == value && x.2 == q),
        "«{surface}» = {value} {q:?} in «{text}»: {n:?}"
    );
}

#[test]
fn numbers_digits_and_words() {
    use Qualifier::*;
    one_num("قتل ٣٥ شخصاً في الهجوم.", "٣٥", 35.0, Exact);
    one_num("نزح 30,000 شخص من المدينة.", "30,000", 30000.0, Exact);
    one_num("أصيب ثلاثة جنود في الانفجار.", "ثلاثة", 3.0, Exact);
    one_num("اعتقلت الشرطة ثلاث نساء.", "ثلاث", 3.0, Exact);
    one_num("قتل عشرين مدنياً في القصف.", "عشرين", 20.0, Exact);
    one_num(
        "قتل خمسة وعشرون مدنياً في القصف.",
        "خمسة وعشرون",
        25.0,
        Exact,
    );
    one_num("فر ألفين من السكان.", "ألفين", 2000.0, Exact);
    one_num("تظاهر ثلاثة آلاف شخص في الساحة.", "ثلاثة آلاف", 3000.0, Exact);
    one_num("أفرج عن مئتي معتقل.", "مئتي", 200.0, Exact);
    one_num("شارك 30 ألف متظاهر في المسيرة.", "30 ألف", 30000.0, Exact);
    one_num(
        "نزح 3 ملايين شخص منذ بداية الحرب.",
        "3 ملايين",
        3_000_000.0,
        Exact,
    );
    one_num("قتل ثلاثمائة وخمسون مسلحاً.", "ثلاثمائة وخمسون", 350.0, Exact);
    one_num("بلغت نسبة البطالة 12.5% هذا العام.", "12.5%", 12.5, Exact);
}

#[test]
fn numbers_qualifiers_and_vague() {
    use Qualifier::*;
    one_num("قتل أكثر من 200 شخص.", "أكثر من 200", 200.0, MoreThan);
    one_num("قتل نحو 50 شخصاً.", "نحو 50", 50.0, About);
    one_num("نزح حوالي 30 ألف شخص.", "حوالي 30 ألف", 30000.0, About);
    one_num("قتل قرابة مئة شخص.", "قرابة مئة", 100.0, About);
    one_num("قتل ما لا يقل عن 12 مدنياً.", "ما لا يقل عن 12", 12.0, AtLeast);
    one_num("قتل 7 على الأقل في الهجوم.", "7 على الأقل", 7.0, AtLeast);
    one_num("اعتقل أقل من 10 أشخاص.", "أقل من 10", 10.0, LessThan);
    one_num(
        "قد يصل العدد إلى ما يصل إلى 500 شخص.",
        "ما يصل إلى 500",
        500.0,
        AtMost,
    );
    one_num("أصيب عشرات المتظاهرين في الاشتباكات.", "عشرات", 10.0, Vague);
    one_num("نزح مئات العائلات من القرى.", "مئات", 100.0, Vague);
    one_num("تظاهر آلاف الأشخاص في العاصمة.", "آلاف", 1000.0, Vague);
    one_num("فر عشرات الآلاف من المدينة.", "عشرات الآلاف", 10000.0, Vague);
}

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

#[test]
fn spans_are_source_bytes() {
    let s = "وصَلَ الوفدُ فـي ١٧ أيلــول ٢٠٢٣ إلى جنيف.";
    let f = Folded::new(s);
    let t = find_timexes(s, &f, None);
    assert_eq!(&s[t[0].source.clone()], "١٧ أيلــول ٢٠٢٣");
    assert_eq!(t[0].value.as_deref(), Some("2023-09-17"));
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

//! Counts: digits and number words, their qualifiers, and counts that are never years. Sentences
//! written for these tests.

mod common;

use common::{tx, A};
use hadath_text::Folded;
use hadath_time::{analyze, find_numbers, Qualifier};

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

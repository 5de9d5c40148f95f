//! The cue lexicon: month, weekday, number-word and unit tables from `data/time/`, plus the
//! grammatical words of time expressions. Parsed once, keyed by the folded first word.

use hadath_text::fold_key;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::timex::Deixis;

const MONTHS: &str = include_str!("../../../data/time/months.tsv");
const WEEKDAYS: &str = include_str!("../../../data/time/weekdays.tsv");
const NUMBERS: &str = include_str!("../../../data/time/numbers.tsv");
const ORDINALS: &str = include_str!("../../../data/time/ordinals.tsv");
const UNITS: &str = include_str!("../../../data/time/units.tsv");
const DEIXIS: &str = include_str!("../../../data/time/deixis.tsv");
const SETS: &str = include_str!("../../../data/time/sets.tsv");
const DAYS: &str = include_str!("../../../data/time/days.tsv");

/// A time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A second (ثانية).
    Second,
    /// A minute (دقيقة).
    Minute,
    /// An hour (ساعة).
    Hour,
    /// A day (يوم).
    Day,
    /// A week (أسبوع).
    Week,
    /// A month (شهر).
    Month,
    /// A year (سنة, عام).
    Year,
    /// Ten years (عقد).
    Decade,
    /// A hundred years (قرن).
    Century,
}

fn unit_code(code: &str) -> Option<Unit> {
    Some(match code {
        "S" => Unit::Second,
        "MIN" => Unit::Minute,
        "H" => Unit::Hour,
        "D" => Unit::Day,
        "W" => Unit::Week,
        "M" => Unit::Month,
        "Y" => Unit::Year,
        "DE" => Unit::Decade,
        "CE" => Unit::Century,
        _ => return None,
    })
}

/// Kinds of number words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumKind {
    Unit,
    Teen,
    Ten,
    Hundred,
    Scale,
    DualScale,
    Vague,
}

/// Grammatical cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    Today,
    Yesterday,
    Tomorrow,
    First,
    From,
    After,
    Before,
    Since,
    During,
    In,
    Until,
    Between,
    TheWeek,
    TheMonth,
    TheYear,
    TheDecade,
    TheCentury,
    YearCue,
    Past,
    Recent,
    Next,
    Current,
    This,
    Start,
    Mid,
    End,
    /// 0 spring, 1 summer, 2 autumn, 3 winter
    Season(u8),
    /// The decade as its first year within a century: 20..=90
    Decade(u8),
    /// 0 morning, 1 midday, 2 afternoon, 3 evening, 4 night
    Tod(u8),
    Future,
    /// daily, weekly, monthly, yearly
    SetAdv(Unit),
    Every,
    PlUnit(Unit),
    GregSuffix,
    HijriSuffix,
    One,
    Several,
    NotDay,
    /// الساعة before a clock time.
    ClockWord,
}

/// One reading of a lexicon key.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    /// An ordinal (الخامس), read as a day of the month before من + month.
    Ordinal(u8),
    Month {
        hijri: bool,
        month: u8,
        ambiguous: bool,
    },
    Weekday(u8),
    Number {
        value: f64,
        kind: NumKind,
    },
    Unit {
        unit: Unit,
        count: u8,
    },
    Word(W),
    /// A deictic expression; `lead` of its words stay outside the span (في الماضي).
    Deixis {
        reference: Deixis,
        lead: u8,
    },
    /// A day named relative to the day of writing (أمس الأول, الليلة الماضية).
    Days {
        days: i8,
        night: bool,
    },
}

/// A lexicon entry: the words after the key word (folded) and the reading.
#[derive(Debug, Clone)]
pub struct Entry {
    pub rest: Vec<String>,
    pub cue: Cue,
}

/// FNV-1a, enough for short keys and much faster than SipHash here.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

pub struct Lexicon {
    pub map: FnvMap<String, Vec<Entry>>,
}

fn rows(src: &str) -> impl Iterator<Item = Vec<&str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

impl Lexicon {
    fn add(&mut self, form: &str, cue: Cue) {
        let key = fold_key(form);
        let mut words = key.split(' ');
        let first = words.next().unwrap_or_default().to_string();
        let rest: Vec<String> = words.map(str::to_string).collect();
        let v = self.map.entry(first).or_default();
        if !v.iter().any(|e| e.rest == rest && e.cue == cue) {
            v.push(Entry { rest, cue });
            // Longest entries first.
            v.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        }
    }

    fn build() -> Lexicon {
        let mut lx = Lexicon {
            map: FnvMap::default(),
        };
        for r in rows(MONTHS) {
            if r.len() < 3 {
                continue;
            }
            let Ok(month) = r[2].parse::<u8>() else {
                continue;
            };
            let hijri = r[1] == "h";
            let ambiguous = r.get(3).is_some_and(|f| f.contains("ambiguous"));
            lx.add(
                r[0],
                Cue::Month {
                    hijri,
                    month,
                    ambiguous,
                },
            );
        }
        for r in rows(WEEKDAYS) {
            if r.len() < 2 {
                continue;
            }
            let Ok(d) = r[1].parse::<u8>() else { continue };
            lx.add(r[0], Cue::Weekday(d));
        }
        for r in rows(ORDINALS) {
            if r.len() < 2 {
                continue;
            }
            let Ok(d) = r[1].parse::<u8>() else { continue };
            lx.add(r[0], Cue::Ordinal(d));
        }
        for r in rows(NUMBERS) {
            if r.len() < 3 {
                continue;
            }
            let Ok(value) = r[1].parse::<f64>() else {
                continue;
            };
            let kind = match r[2] {
                "unit" => NumKind::Unit,
                "teen" => NumKind::Teen,
                "ten" => NumKind::Ten,
                "hundred" => NumKind::Hundred,
                "scale" => NumKind::Scale,
                "dual-scale" => NumKind::DualScale,
                "vague" => NumKind::Vague,
                _ => continue,
            };
            lx.add(r[0], Cue::Number { value, kind });
        }
        for r in rows(UNITS) {
            if r.len() < 3 {
                continue;
            }
            let Some(unit) = unit_code(r[1]) else {
                continue;
            };
            let Ok(count) = r[2].parse::<u8>() else {
                continue;
            };
            lx.add(r[0], Cue::Unit { unit, count });
        }
        for r in rows(DEIXIS) {
            let reference = match r.get(1).copied() {
                Some("PRESENT") => Deixis::Present,
                Some("PAST") => Deixis::Past,
                Some("FUTURE") => Deixis::Future,
                _ => continue,
            };
            let lead = r.get(2).and_then(|l| l.parse().ok()).unwrap_or(0);
            lx.add(r[0], Cue::Deixis { reference, lead });
        }
        for r in rows(SETS) {
            if let Some(unit) = r.get(1).and_then(|c| unit_code(c)) {
                lx.add(r[0], Cue::Word(W::SetAdv(unit)));
            }
        }
        for r in rows(DAYS) {
            let Some(Ok(days)) = r.get(1).map(|d| d.parse::<i8>()) else {
                continue;
            };
            let night = r.get(2) == Some(&"night");
            lx.add(r[0], Cue::Days { days, night });
        }
        use W::*;
        let words: &[(&str, W)] = &[
            ("اليوم", Today),
            ("امس", Yesterday),
            ("الامس", Yesterday),
            ("البارحه", Yesterday),
            ("غدا", Tomorrow),
            ("غد", Tomorrow),
            ("الغد", Tomorrow),
            ("اول", First),
            ("من", From),
            ("بعد", After),
            ("قبل", Before),
            ("منذ", Since),
            ("خلال", During),
            ("غضون", During),
            ("طيله", During),
            ("طوال", During),
            ("لمده", During),
            ("مده", During),
            ("في", In),
            ("حتي", Until),
            ("الي", Until),
            ("بين", Between),
            ("الاسبوع", TheWeek),
            ("الشهر", TheMonth),
            ("العام", TheYear),
            ("العقد", TheDecade),
            ("القرن", TheCentury),
            ("السنه", TheYear),
            ("عام", YearCue),
            ("سنه", YearCue),
            ("العام", YearCue),
            ("الماضي", Past),
            ("الماضيه", Past),
            ("الماضيين", Past),
            ("المنصرمين", Past),
            ("الفائتين", Past),
            ("المنصرم", Past),
            ("المنصرمه", Past),
            ("الفائت", Past),
            ("الفائته", Past),
            ("السابق", Past),
            ("الاخير", Recent),
            ("الاخيره", Recent),
            ("الاخيرين", Recent),
            ("المقبل", Next),
            ("المقبله", Next),
            ("المقبلين", Next),
            ("القادمين", Next),
            ("القادم", Next),
            ("القادمه", Next),
            ("الجاري", Current),
            ("الجاريه", Current),
            ("الحالي", Current),
            ("الحاليه", Current),
            ("هذا", This),
            ("هذه", This),
            ("مطلع", Start),
            ("بدايه", Start),
            ("اوائل", Start),
            ("مستهل", Start),
            ("منتصف", Mid),
            ("اواسط", Mid),
            ("نهايه", End),
            ("اواخر", End),
            ("اخر", End),
            ("ختام", End),
            ("اواخر", End),
            ("ربيع", Season(0)),
            ("الربيع", Season(0)),
            ("صيف", Season(1)),
            ("الصيف", Season(1)),
            ("خريف", Season(2)),
            ("الخريف", Season(2)),
            ("شتاء", Season(3)),
            ("الشتاء", Season(3)),
            ("صباح", Tod(0)),
            ("صباحا", Tod(0)),
            ("فجر", Tod(0)),
            ("فجرا", Tod(0)),
            ("ظهر", Tod(1)),
            ("ظهرا", Tod(1)),
            ("ظهيره", Tod(1)),
            ("عصر", Tod(2)),
            ("عصرا", Tod(2)),
            ("مساء", Tod(3)),
            ("مساءا", Tod(3)),
            ("ليل", Tod(4)),
            ("ليله", Tod(4)),
            ("ليلا", Tod(4)),
            ("سوف", Future),
            ("يعتزم", Future),
            ("تعتزم", Future),
            ("يعتزمون", Future),
            ("نعتزم", Future),
            ("اعتزم", Future),
            ("المقرر", Future),
            ("المرتقب", Future),
            ("المرتقبه", Future),
            ("المزمع", Future),
            ("المزمعه", Future),
            ("المنتظر", Future),
            ("المنتظره", Future),
            ("ينوي", Future),
            ("المتوقع", Future),
            ("يتوقع", Future),
            ("تتوقع", Future),
            ("يرتقب", Future),
            ("مرتقب", Future),
            ("مرتقبه", Future),
            ("تنوي", Future),
            ("كل", Every),
            ("الايام", PlUnit(Unit::Day)),
            ("الاسابيع", PlUnit(Unit::Week)),
            ("الاشهر", PlUnit(Unit::Month)),
            ("الشهور", PlUnit(Unit::Month)),
            ("السنوات", PlUnit(Unit::Year)),
            ("الاعوام", PlUnit(Unit::Year)),
            ("الساعات", PlUnit(Unit::Hour)),
            ("العقود", PlUnit(Unit::Decade)),
            ("م", GregSuffix),
            ("ميلادي", GregSuffix),
            ("ميلاديه", GregSuffix),
            ("ه", HijriSuffix),
            ("هجري", HijriSuffix),
            ("هجريه", HijriSuffix),
            ("واحد", One),
            ("واحده", One),
            ("عده", Several),
            ("بضعه", Several),
            ("بضع", Several),
            ("الساعه", ClockWord),
            ("التالي", NotDay),
            ("الوطني", NotDay),
            ("العالمي", NotDay),
            ("نفسه", NotDay),
            ("ذاته", NotDay),
            ("الدولي", NotDay),
            ("السابع", NotDay),
            ("الثاني", NotDay),
            ("الاول", NotDay),
            ("الثالث", NotDay),
        ];
        for (w, c) in words {
            lx.add(w, Cue::Word(*c));
        }
        // Decades: التسعينيات, التسعينات, تسعينيات …
        let tens = [
            ("عشرين", 20u8),
            ("ثلاثين", 30),
            ("اربعين", 40),
            ("خمسين", 50),
            ("ستين", 60),
            ("سبعين", 70),
            ("ثمانين", 80),
            ("تسعين", 90),
        ];
        for (stem, d) in tens {
            for form in [
                format!("ال{stem}يات"),
                format!("ال{stem}ات"),
                format!("{stem}يات"),
                format!("{stem}ات"),
            ] {
                lx.add(&form, Cue::Word(W::Decade(d)));
            }
        }
        lx
    }

    pub fn get(&self, key: &str) -> Option<&[Entry]> {
        self.map.get(key).map(Vec::as_slice)
    }
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let lx = &*LEXICON;
        assert!(lx.get("سبتمبر").is_some());
        assert!(lx
            .get("كانون")
            .unwrap()
            .iter()
            .any(|e| e.rest == ["الثاني"]));
        assert!(lx.get("التسعينيات").is_some());
        assert!(lx.get("ثلاثه").unwrap().iter().any(
            |e| e.rest.is_empty() && matches!(e.cue, Cue::Number { value, .. } if value == 3.0)
        ));
        assert!(matches!(lx.get("الجمعه").unwrap()[0].cue, Cue::Weekday(5)));
    }
}

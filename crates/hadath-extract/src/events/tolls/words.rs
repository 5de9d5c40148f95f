//! The words around a count that say whose toll it is and what it counts.

use super::super::*;
use super::Num;

/// أودى بحياة N، حصد أرواح N: the words right before a count (its qualifier included) say
/// that lives were taken (and not saved: أنقذ حياة N has no ب and no taking verb).
pub(in super::super) fn life_taken_before(cx: &Ctx<'_>, first: usize, start: usize) -> bool {
    (first.saturating_sub(2).max(start)..first).any(|k| match cx.bare(k) {
        "بحياه" | "بارواح" => true,
        "ارواح" => {
            k > start && {
                let verb = cx.bare(k - 1);
                verb.starts_with("حصد") || verb.starts_with("ازهق")
            }
        }
        _ => false,
    })
}

/// لقي N شخصا (على الأقل، بينهم …) حتفهم / مصرعهم: the count sits between the verb and its
/// object, which may come several words later.
pub(in super::super) fn met_death_around(
    cx: &Ctx<'_>,
    first: usize,
    end: usize,
    sent_end: usize,
) -> bool {
    let met = first > 0 && cx.has(senses::MET_VERB, first - 1);
    met && (end..(end + 12).min(sent_end)).any(|k| {
        let w = cx.bare(k);
        w.starts_with("حتف") || w.starts_with("مصرع")
    })
}

/// «ما بين 10 و15», «بين 10 إلى 15»: the count after `n` that closes a range opened before
/// it (`between` word right before `n` or its qualifier).
pub(super) fn range_end<'n>(
    cx: &Ctx<'_>,
    n: &Num,
    next: Option<&'n Num>,
    start: usize,
) -> Option<&'n Num> {
    let opened = n.first > start && cx.has(senses::BETWEEN, n.first - 1);
    let m = next?;
    let joined = m.first == n.toks.end && cx.w(m.first).starts_with('و')
        || m.first == n.toks.end + 1 && matches!(cx.w(n.toks.end), "و" | "الي" | "حتي");
    (opened && joined && m.value > n.value).then_some(m)
}

/// «20 شخصا بين قتيل وجريح»: the count is of dead and injured together, so of neither.
pub(super) fn dead_and_injured_after(cx: &Ctx<'_>, end: usize, sent_end: usize) -> bool {
    (end..(end + 3).min(sent_end)).any(|k| {
        cx.has(senses::BETWEEN, k)
            && (k + 1..(k + 4).min(sent_end)).any(|j| cx.has(senses::DEAD_NOUN, j))
            && (k + 1..(k + 4).min(sent_end)).any(|j| cx.has(senses::HURT_NOUN, j))
    })
}

/// Where the report of another, earlier happening opens in the sentence: a word of
/// `other_happening_lead` (بعد، إثر، عقب، غداة، رداً) with a word of killing right after it
/// (بعد مقتل 32، رداً على مقتل) or a trigger after a duration and من (بعد يوم من الهجوم).
pub(super) fn background_marks(cx: &Ctx<'_>, st: &Range<usize>, triggers: &[usize]) -> Vec<usize> {
    (st.start..st.end)
        .filter(|&k| cx.has(senses::OTHER_HAPPENING_LEAD, k))
        .filter(|&k| {
            let end = st.end;
            let killing = (k + 1..(k + 3).min(end)).any(|j| cx.has(senses::DEATH_WORD, j));
            let offset = (k + 2..(k + 4).min(end))
                .any(|j| cx.bare(j) == "من" && triggers.iter().any(|&t| t > j && t <= j + 2));
            killing || offset
        })
        .collect()
}

/// A killing of one or two people named by what they were, with no count (مقتل شرطي، استشهد
/// الشاب الفلسطيني، قتل جنديين، قتلت في المدينة رجلا): one dead, or two for a dual; a companion
/// named after the victim (مع حارسيه، وسائقه) adds one or two. The count and its tokens.
pub(super) fn named_victims(cx: &Ctx<'_>, st: &Range<usize>) -> Option<(u64, Range<usize>)> {
    let persons = |j: usize| persons_at(cx, j);
    (st.start..st.end).find_map(|k| {
        if !cx.has(senses::DEATH_WORD, k) {
            return None;
        }
        let after = (k + 1..(k + 4).min(st.end)).find_map(|j| persons(j).map(|n| (j, n)));
        // the victim before a verb of killing: شخصين قتلا، قياديا كبيرا في التنظيم قتل
        let (j, n) = after.or_else(|| victim_before(cx, k, st.start).map(|(_, n)| (k, n)))?;
        // مع حارسيه / وسائقه within three words after the victim
        let mut total = n;
        let mut end = j + 1;
        for m in j + 1..(j + 4).min(st.end) {
            let with = cx.bare(m) == "مع" && m + 1 < st.end;
            let add = if with {
                persons(m + 1).map(|x| (x, m + 2))
            } else if cx.w(m).starts_with('و') && cx.w(m) != cx.bare(m) {
                persons(m).map(|x| (x, m + 1))
            } else {
                None
            };
            if let Some((x, e)) = add {
                total += x;
                end = e;
                break;
            }
        }
        Some((total, k.min(j)..end))
    })
}

/// How far before a verb of killing its victim may be named (قياديا كبيرا في تنظيم القاعدة
/// قتل).
const VICTIM_BEFORE: usize = 5;

/// The person named before the verb of killing at `k`, with no count or other killing
/// between: its token and how many (one, or two for a dual).
pub(super) fn victim_before(cx: &Ctx<'_>, k: usize, start: usize) -> Option<(usize, u64)> {
    let from = k.saturating_sub(VICTIM_BEFORE).max(start);
    (from..k).rev().find_map(|j| {
        if cx.has(senses::DEATH_WORD, j) || cx.w(j).chars().any(|c| c.is_ascii_digit()) {
            return Some(None);
        }
        if cx.has(senses::TWO_PERSONS, j) {
            Some(Some((j, 2)))
        } else if cx.has(senses::ONE_PERSON, j) {
            Some(Some((j, 1)))
        } else {
            None
        }
    })?
}

/// «آخرين» right after a count: others besides someone named before it.
pub(super) fn others_after(cx: &Ctx<'_>, end: usize, sent_end: usize) -> bool {
    (end..(end + 2).min(sent_end)).any(|k| cx.has(senses::OTHERS, k))
}

/// The victim named with a verb of killing before the count at `first` (قتل قيادي مع 2
/// آخرين، قيادي قتل مع مسلحين اثنين آخرين): how many.
pub(super) fn victim_before_count(cx: &Ctx<'_>, first: usize, start: usize) -> Option<u64> {
    let from = first.saturating_sub(4).max(start);
    let k = (from..first)
        .rev()
        .find(|&k| cx.has(senses::DEATH_WORD, k))?;
    // after the verb (قتل قيادي و3 آخرون) or before it (قيادي قتل مع 2 آخرين)
    let after = (k + 1..first).find_map(|j| persons_at(cx, j));
    after.or_else(|| victim_before(cx, k, start).map(|(_, n)| n))
}

/// «20 شخصا على الأقل»: «على الأقل» after the counted word makes the count a lower bound.
pub(super) fn at_least_after(cx: &Ctx<'_>, end: usize, sent_end: usize) -> bool {
    (end..(end + 2).min(sent_end.saturating_sub(1)))
        .any(|k| cx.w(k) == "علي" && cx.w(k + 1) == "الاقل")
}

/// How many people word `j` names by what they were: two for a dual (جنديين), one for a
/// singular (شرطي), else none.
fn persons_at(cx: &Ctx<'_>, j: usize) -> Option<u64> {
    if cx.has(senses::TWO_PERSONS, j) {
        Some(2)
    } else if cx.has(senses::ONE_PERSON, j) {
        Some(1)
    } else {
        None
    }
}

use super::*;

mod words;
use words::{background_marks, named_victims, range_end};
pub(super) use words::{life_taken_before, met_death_around};

/// A count in the text: its tokens, the first token of the whole expression (qualifier
/// included: ونحو 170), its value and qualifier.
pub(super) struct Num {
    pub(super) toks: Range<usize>,
    pub(super) first: usize,
    pub(super) value: u64,
    pub(super) qualifier: &'static str,
}

/// The tolls of one sentence. `deads` holds every dead count of it (a coordinated group
/// summed) with the tokens it covers, in text order; `dead` is the first, for the attack
/// reported just before the sentence.
#[derive(Default)]
pub(super) struct SentToll {
    pub(super) dead: Option<TollInfo>,
    deads: Vec<(TollInfo, Range<usize>)>,
    /// Where words open the report of another, earlier happening (بعد مقتل، بعد يوم من
    /// الهجوم، رداً على مقتل): a toll past one of them is not the toll of a trigger before it.
    background: Vec<usize>,
    pub(super) injured: Option<u64>,
    pub(super) arrested: Option<u64>,
}

impl SentToll {
    /// The dead of the happening whose trigger is `trig` and clause `scope`: the dead count of
    /// its clause nearest to it, else the sentence's first; never one that words of another
    /// happening (`background`) stand between it and the trigger.
    pub(super) fn dead_for(&self, trig: &Range<usize>, scope: &Range<usize>) -> Option<TollInfo> {
        let apart = |at: &Range<usize>| {
            self.background.iter().any(|&m| {
                if at.start >= trig.end {
                    (trig.end..at.start).contains(&m)
                } else {
                    (at.end..trig.start).contains(&m)
                }
            })
        };
        let own: Vec<&(TollInfo, Range<usize>)> =
            self.deads.iter().filter(|(_, at)| !apart(at)).collect();
        let dist = |at: &Range<usize>| {
            if at.start >= trig.end {
                at.start - trig.end
            } else {
                trig.start.saturating_sub(at.end)
            }
        };
        own.iter()
            .filter(|(_, at)| at.start >= scope.start && at.end <= scope.end)
            .min_by_key(|(_, at)| dist(at))
            .or(own.first())
            .map(|(t, _)| t.clone())
    }
}

/// One count read as a toll: its kind, value, qualifier, tokens, whether it is coordinated
/// with the count before it, and its upper bound when the text gives a range (ما بين 10 و15).
struct Found {
    kind: Toll,
    value: u64,
    qualifier: &'static str,
    toks: Range<usize>,
    coordinated: bool,
    max: Option<u64>,
}

/// Casualty counts of one sentence: a number with a casualty word right after it (135 قتيلا)
/// or right before it (مقتل 33), or coordinated with such a number (135 … و71). Coordinated
/// dead counts are summed, with the parts kept per side; a list of parts that adds up to the
/// count before it (أربعة مدنيين، واحد في … وثلاثة …) is that count's breakdown, not more dead.
/// A count «بين قتيل وجريح» is of dead and injured together: neither. `triggers` are the
/// first tokens of the sentence's triggers.
pub(super) fn sentence_toll(
    cx: &Ctx<'_>,
    numbers: &[&Num],
    st: Range<usize>,
    placed: &[Placed],
    placed_at: &ByStart,
    ents: &[Ent],
    triggers: &[usize],
) -> SentToll {
    let cues = &cx.data.cues;
    let toll_of_word = |k: usize| -> Option<Toll> {
        if k < st.start || k >= st.end {
            return None;
        }
        let w = cx.bare(k);
        let mut v = variants(w);
        v.push((w.to_string(), 0));
        for (x, _) in v {
            for &pi in cues.starting_with(&x) {
                let (words, ci) = &cues.phrases[pi];
                let c = &cues.cues[*ci];
                if c.kind == CueKind::Casualty && words.len() == 1 {
                    if let Some(t) = c.toll {
                        if t != Toll::Other || c.name == "سقوط ضحايا" {
                            return Some(if t == Toll::Other { Toll::Dead } else { t });
                        }
                    }
                }
            }
        }
        None
    };
    let numbers: Vec<&Num> = numbers
        .iter()
        .copied()
        .filter(|n| n.toks.start >= st.start && n.toks.end <= st.end)
        .collect();
    let mut found: Vec<Found> = Vec::new();
    let mut skip_to = 0;
    let mut among = false;
    for (i, n) in numbers.iter().enumerate() {
        if n.toks.start < skip_to {
            continue;
        }
        // ما بين 10 و15 قتيلا: one count, its bounds kept
        let upper = range_end(cx, n, numbers.get(i + 1).copied(), st.start);
        let r = match upper {
            Some(m) => n.toks.start..m.toks.end,
            None => n.toks.clone(),
        };
        skip_to = r.end;
        // بينهم ثمانية، من بينهم 3 أطفال و2 من النساء: parts of the count before, not counts
        // of their own
        let and = cx.w(n.first).starts_with('و') || (n.first > 0 && cx.w(n.first - 1) == "و");
        if n.first > st.start && cx.has(senses::AMONG, n.first - 1) {
            among = true;
            continue;
        }
        if among && and {
            continue;
        }
        among = false;
        if words::dead_and_injured_after(cx, r.end, st.end) {
            continue;
        }
        // the noun right before the count (مقتل 24 عراقياً وإصابة 37) heads it; else the
        // counted word and the next one, else the three words before
        // (not the counted word of a count before it: 27 قتيلا وأكثر من مائتي جريح)
        let counted_before = numbers.iter().any(|m| m.toks.end + 1 == n.first);
        let mut kind = n
            .first
            .checked_sub(1)
            .filter(|_| !counted_before)
            .and_then(toll_of_word);
        if kind.is_none() {
            kind = (r.end..r.end + 2).find_map(toll_of_word);
        }
        if kind.is_none() {
            kind = (r.start.saturating_sub(3)..r.start)
                .rev()
                .find_map(toll_of_word);
        }
        if kind.is_none() && life_taken_before(cx, n.first, st.start) {
            kind = Some(Toll::Dead);
        }
        if kind.is_none() && met_death_around(cx, n.first, r.end, st.end) {
            kind = Some(Toll::Dead);
        }
        let mut coordinated = false;
        if kind.is_none() {
            // و on the number or on its qualifier (و71، ونحو 170، و 12)
            if let Some(prev) = found.last() {
                if and && n.first.saturating_sub(prev.toks.end) <= 8 {
                    kind = Some(prev.kind);
                    coordinated = true;
                }
            }
        }
        if let Some(k) = kind {
            found.push(Found {
                kind: k,
                value: n.value,
                qualifier: if upper.is_some() {
                    "range"
                } else if n.qualifier == "exact" && words::at_least_after(cx, r.end, st.end) {
                    "at-least"
                } else {
                    n.qualifier
                },
                toks: r,
                coordinated,
                max: upper.map(|m| m.value),
            });
        }
    }
    drop_breakdowns(&mut found, &numbers);
    let mut out = SentToll {
        background: background_marks(cx, &st, triggers),
        ..SentToll::default()
    };
    // the dead counts, each with the coordinated ones after it
    let dead: Vec<&Found> = found.iter().filter(|f| f.kind == Toll::Dead).collect();
    let mut i = 0;
    while i < dead.len() {
        let mut j = i + 1;
        while j < dead.len() && dead[j].coordinated {
            j += 1;
        }
        let group = &dead[i..j];
        i = j;
        let at = group[0].toks.start..group[group.len() - 1].toks.end;
        let mut info = toll_info(cx, group, &st, placed, placed_at, ents);
        // قتل قيادي مع مسلحين اثنين آخرين: the others and the victim named before them
        if info.beyond.is_none() && words::others_after(cx, at.end, st.end) {
            if let Some(n) = words::victim_before_count(cx, at.start, st.start) {
                info.total += n;
                info.min = info.min.map(|m| m + n);
                info.max = info.max.map(|m| m + n);
            }
        }
        out.deads.push((info, at));
    }
    if out.deads.is_empty() {
        out.deads = named_victims(cx, &st)
            .map(|(n, at)| {
                let t = TollInfo {
                    total: n,
                    qualifier: "exact",
                    min: None,
                    max: None,
                    sides: Vec::new(),
                    beyond: None,
                };
                (t, at)
            })
            .into_iter()
            .collect();
    }
    out.dead = out.deads.first().map(|(t, _)| t.clone());
    out.injured = found
        .iter()
        .find(|f| f.kind == Toll::Injured)
        .map(|f| f.value);
    out.arrested = found
        .iter()
        .find(|f| f.kind == Toll::Arrested)
        .map(|f| f.value);
    out
}

/// A count followed by parts that add up to it (أربعة مدنيين قتلوا، واحد في كشمير وثلاثة قرب
/// سيالكوت): the parts say where the count's dead fell; they are not counted again.
fn drop_breakdowns(found: &mut Vec<Found>, numbers: &[&Num]) {
    let mut k = 0;
    while k < found.len() {
        let (whole, end) = (found[k].value, found[k].toks.end);
        let mut sum = 0;
        let mut parts = Vec::new();
        for n in numbers.iter().filter(|n| n.toks.start >= end) {
            if n.toks.start > end + 4 * (parts.len() + 1) + 4 {
                break;
            }
            sum += n.value;
            parts.push(n.toks.start);
            if sum >= whole {
                break;
            }
        }
        // a part read as another kind (وأصيب 2) is no part
        let other = |p: &usize| {
            found
                .iter()
                .any(|f| f.toks.start == *p && f.kind != Toll::Dead)
        };
        if parts.len() >= 2 && sum == whole && !parts.iter().any(other) {
            let last = *parts.last().expect("two parts");
            found.retain(|f| f.toks.start < end || f.toks.start > last);
        }
        k += 1;
    }
}

/// The toll of one group of dead counts (one count, or several coordinated: summed, kept per
/// side), with the words that make it a running total or the cap that flags it.
fn toll_info(
    cx: &Ctx<'_>,
    group: &[&Found],
    st: &Range<usize>,
    placed: &[Placed],
    placed_at: &ByStart,
    ents: &[Ent],
) -> TollInfo {
    let first = group[0];
    let total = group.iter().map(|f| f.value).sum();
    let sides = if group.len() > 1 {
        group
            .iter()
            .map(|f| {
                // the side: an entity with a code within four words after the number
                let side = placed_at
                    .starting_in(f.toks.end, f.toks.end + 4)
                    .into_iter()
                    .map(|i| &placed[i])
                    .find(|p| ents[p.idx].code.is_some())
                    .map(|p| p.idx);
                let a = cx.tokens[f.toks.start].source.start;
                let b = cx.tokens[(f.toks.end + 1).min(st.end) - 1].source.end;
                (f.value, a..b, side)
            })
            .collect()
    } else {
        Vec::new()
    };
    let beyond = running_total(cx, first.toks.clone(), st)
        .map(|r| {
            let src = cx.tokens[r.start].source.start..cx.tokens[r.end - 1].source.end;
            (TollScope::RunningTotal, Some(src))
        })
        .or_else(|| (total > TOLL_CAP).then_some((TollScope::TooLarge, None)));
    let (min, max) = if group.len() == 1 {
        bounds(first.value, first.qualifier, first.max)
    } else {
        (None, None)
    };
    TollInfo {
        total,
        qualifier: first.qualifier,
        min,
        max,
        sides,
        beyond,
    }
}

/// The bounds the words put on a count: «أكثر من 20» at least 21, «20 على الأقل» at least 20,
/// «ما لا يزيد عن 20» at most 20, «ما بين 10 و15» 10 to 15. An exact or approximate count
/// (نحو 30) has none.
fn bounds(value: u64, qualifier: &str, max: Option<u64>) -> (Option<u64>, Option<u64>) {
    match qualifier {
        "range" => (Some(value), max),
        "at-least" => (Some(value), None),
        "more-than" => (Some(value + 1), None),
        "at-most" => (None, Some(value)),
        "less-than" => (None, Some(value.saturating_sub(1))),
        _ => (None, None),
    }
}

/// More dead than one happening has, unless words scope it: such a toll is flagged
/// (`cumulative`, `too-large`) and kept out of `size`. Over all of SaudiNewsNet every per-event
/// toll of a thousand or more, read by eye, was a month's, a war's or a disaster's total, or
/// «آلاف» (thousands) read as a count.
const TOLL_CAP: u64 = 999;

/// How far before a count the words of a whole-war total may stand (منذ بداية الحرب may
/// stand anywhere after it in its sentence).
const TOTAL_BEFORE: usize = 8;

/// The words that make the count at `r` a whole-war or whole-period total, in its sentence: a
/// `running_total` word (الحصيلة الإجمالية) or a `war_noun` before it (الحرب التي أودت بحياة),
/// or منذ + the start of something or a war on either side (منذ بداية الحرب، منذ اندلاع النزاع),
/// or a period (خلال الأشهر الستة الماضية).
/// Their token range.
fn running_total(cx: &Ctx<'_>, r: Range<usize>, st: &Range<usize>) -> Option<Range<usize>> {
    let since_start = |k: usize| {
        (cx.has(senses::SINCE, k)
            && (k + 1..(k + 3).min(st.end))
                .any(|j| cx.has(senses::START_WORD, j) || cx.has(senses::WAR_NOUN, j)))
            || (cx.has(senses::PERIOD_LEAD, k)
                && (k + 1..(k + 3).min(st.end)).any(|j| cx.has(senses::PERIOD_NOUN, j)))
    };
    let before = r.start.saturating_sub(TOTAL_BEFORE).max(st.start)..r.start;
    let after = r.end..st.end;
    before
        .clone()
        .find(|&k| {
            cx.has(senses::RUNNING_TOTAL, k) || cx.has(senses::WAR_NOUN, k) || since_start(k)
        })
        .map(|k| k..r.end)
        .or_else(|| {
            after
                .clone()
                .find(|&k| since_start(k))
                .map(|k| r.start..(k + 3).min(st.end))
        })
}

/// How many sentences after an attack's report a toll given apart from it (الهجوم أسفر عن …،
/// قتل 286 شخصا) may still be that attack's.
pub(super) const TOLL_REACH: usize = 3;

/// A killing reported without parties (قتل 286 شخصا) gives its toll to the attack reported
/// in the [`TOLL_REACH`] sentences before it, when that attack has none and their dates agree.
/// `last_assault` is the index of the last ASSAULT candidate.
pub(super) fn lend_toll(cands: &mut [Cand], last_assault: Option<usize>, c: &Cand) {
    if c.category != Category::Assault || c.dead.is_none() && c.injured.is_none() {
        return;
    }
    let Some(prev) = last_assault.map(|i| &mut cands[i]) else {
        return;
    };
    if c.sent > prev.sent + TOLL_REACH || !dates_compatible(prev, c) {
        return;
    }
    let mut lent = false;
    if prev.dead.is_none() && c.dead.is_some() {
        prev.dead = c.dead.clone();
        lent = true;
    }
    if prev.injured.is_none() && c.injured.is_some() {
        prev.injured = c.injured;
        lent = true;
    }
    if lent {
        prev.all_evidence.push(c.evidence.clone());
    }
}

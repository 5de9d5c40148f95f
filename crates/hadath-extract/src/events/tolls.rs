use super::*;

/// A count in the text: its tokens, the first token of the whole expression (qualifier
/// included: ونحو 170), its value and qualifier.
pub(super) struct Num {
    pub(super) toks: Range<usize>,
    pub(super) first: usize,
    pub(super) value: u64,
    pub(super) qualifier: &'static str,
}

#[derive(Default)]
pub(super) struct SentToll {
    pub(super) dead: Option<TollInfo>,
    pub(super) injured: Option<u64>,
    pub(super) arrested: Option<u64>,
}

/// Casualty counts of one sentence: a number with a casualty word right after it (135 قتيلا)
/// or right before it (مقتل 33), or coordinated with such a number (135 … و71). Coordinated
/// dead counts are summed, with the parts kept per side.
pub(super) fn sentence_toll(
    cx: &Ctx<'_>,
    numbers: &[&Num],
    st: Range<usize>,
    placed: &[Placed],
    placed_at: &ByStart,
    ents: &[Ent],
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
            if matches!(x.as_str(), "سقط" | "سقوط") {
                return Some(Toll::Dead);
            }
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
    let mut found: Vec<(Toll, u64, &'static str, Range<usize>, bool)> = Vec::new();
    for n in numbers
        .iter()
        .filter(|n| n.toks.start >= st.start && n.toks.end <= st.end)
    {
        let r = &n.toks;
        // after: the counted word and the next two
        let mut kind = (r.end..r.end + 2).find_map(toll_of_word);
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
            let starts_and =
                cx.w(n.first).starts_with('و') || (n.first > 0 && cx.w(n.first - 1) == "و");
            if let Some(prev) = found.last() {
                if starts_and && n.first.saturating_sub(prev.3.end) <= 8 {
                    kind = Some(prev.0);
                    coordinated = true;
                }
            }
        }
        if let Some(k) = kind {
            found.push((k, n.value, n.qualifier, r.clone(), coordinated));
        }
    }
    let mut out = SentToll::default();
    let dead: Vec<_> = found.iter().filter(|f| f.0 == Toll::Dead).collect();
    if let Some(first) = dead.first() {
        let coordinated: Vec<_> = dead
            .iter()
            .enumerate()
            .filter(|(i, f)| *i == 0 || f.4)
            .map(|(_, f)| *f)
            .collect();
        let group = if coordinated.len() > 1 {
            coordinated
        } else {
            vec![*first]
        };
        let total = group.iter().map(|f| f.1).sum();
        let sides = if group.len() > 1 {
            group
                .iter()
                .map(|f| {
                    // the side: an entity with a code within four words after the number
                    let side = placed_at
                        .starting_in(f.3.end, f.3.end + 4)
                        .into_iter()
                        .map(|i| &placed[i])
                        .find(|p| ents[p.idx].code.is_some())
                        .map(|p| p.idx);
                    let a = cx.tokens[f.3.start].source.start;
                    let b = cx.tokens[(f.3.end + 1).min(st.end) - 1].source.end;
                    (f.1, a..b, side)
                })
                .collect()
        } else {
            Vec::new()
        };
        let beyond = running_total(cx, first.3.clone(), &st)
            .map(|r| {
                let src = cx.tokens[r.start].source.start..cx.tokens[r.end - 1].source.end;
                (TollScope::RunningTotal, Some(src))
            })
            .or_else(|| (total > TOLL_CAP).then_some((TollScope::TooLarge, None)));
        out.dead = Some(TollInfo {
            total,
            qualifier: first.2,
            sides,
            beyond,
        });
    } else {
        out.dead = named_victims(cx, &st).map(|n| TollInfo {
            total: n,
            qualifier: "exact",
            sides: Vec::new(),
            beyond: None,
        });
    }
    out.injured = found.iter().find(|f| f.0 == Toll::Injured).map(|f| f.1);
    out.arrested = found.iter().find(|f| f.0 == Toll::Arrested).map(|f| f.1);
    out
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

/// A killing of one or two people named by what they were, with no count (مقتل شرطي، استشهد
/// الشاب الفلسطيني، قتل جنديين): one dead, or two for a dual.
fn named_victims(cx: &Ctx<'_>, st: &Range<usize>) -> Option<u64> {
    (st.start..st.end).find_map(|k| {
        if !cx.has(senses::DEATH_WORD, k) {
            return None;
        }
        (k + 1..(k + 3).min(st.end)).find_map(|j| {
            if cx.has(senses::TWO_PERSONS, j) {
                Some(2)
            } else if cx.has(senses::ONE_PERSON, j) {
                Some(1)
            } else {
                None
            }
        })
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

/// أودى بحياة N، حصد أرواح N: the words right before a count (its qualifier included) say
/// that lives were taken (and not saved: أنقذ حياة N has no ب and no taking verb).
pub(super) fn life_taken_before(cx: &Ctx<'_>, first: usize, start: usize) -> bool {
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
pub(super) fn met_death_around(cx: &Ctx<'_>, first: usize, end: usize, sent_end: usize) -> bool {
    let met = first > 0
        && matches!(
            cx.bare(first - 1),
            "لقي" | "لقيت" | "لقوا" | "يلقي" | "تلقي"
        );
    met && (end..(end + 12).min(sent_end)).any(|k| {
        let w = cx.bare(k);
        w.starts_with("حتف") || w.starts_with("مصرع")
    })
}

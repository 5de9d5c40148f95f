use super::*;

/// Is the entity in a locative phrase (في X، بمدينة X، بـX)?
pub(super) fn locative(cx: &Ctx<'_>, e: &Ent, p: &Placed) -> bool {
    if clitics(cx, e, p) == "ب" {
        return true;
    }
    // في X، or a part of X (جنوب إسبانيا، بشمال سوريا): where, not who
    p.toks.start > 0 && cx.has(senses::LOCATIVE_PREP, p.toks.start - 1)
}

/// The proclitics written on the entity's first word before the entity itself (بـ in بإيران,
/// لل in للأمم), folded, without a leading و/ف; empty when there are none.
pub(super) fn clitics(cx: &Ctx<'_>, e: &Ent, p: &Placed) -> String {
    let t = &cx.tokens[p.toks.start];
    if e.src.start <= t.source.start {
        return String::new();
    }
    let pre = hadath_text::fold(&cx.text[t.source.start..e.src.start]);
    match pre.strip_prefix(['و', 'ف']) {
        Some(r) => r.to_string(),
        None => pre,
    }
}

/// Is the entity the object of a preposition (على X، ضد X، لـX، بـX), or does it hang on a noun
/// that is: a nisba's noun (على الحكومة الليبية) or the head of a construct (على يقظة الأمن،
/// بنيران هندية)? Such a party is never the subject of the verb before it. The walk back stops
/// at `lo` (the verb's end).
/// `ents_in` are the sentence's placed mentions.
pub(super) fn marked(cx: &Ctx<'_>, e: &Ent, p: &Placed, lo: usize, ents_in: &[&Placed]) -> bool {
    let s = p.toks.start;
    let prep_before = |k: usize| k > lo && cx.has(senses::OBJECT_PREP, k - 1);
    // ل + X after an office or a force (الموفد الخاص للأمم المتحدة) says whose it is
    let office = (s.saturating_sub(OFFICE_REACH).max(lo)..s).any(|k| cx.has(senses::OFFICE, k));
    let pre = clitics(cx, e, p);
    let own_clitic = pre.starts_with('ب') || pre.starts_with('ل') && !office;
    if own_clitic || prep_before(s) {
        return true;
    }
    let mut k = s;
    for step in 0..MARK_REACH {
        // stop at the verb, and at another mention (it is the noun's own genitive)
        if k <= lo + 1 || ents_in.iter().any(|o| o.toks.end == k) {
            return false;
        }
        let j = k - 1;
        let w = cx.bare(j);
        let definite = w.starts_with("ال") || w.starts_with("لل") || w.starts_with("بال");
        // a nisba agrees with a definite noun; a construct's head has no article
        let head = if step == 0 && e.kind == "nationality" {
            true
        } else {
            !w.starts_with("ال")
        };
        if !head {
            return false;
        }
        let clitic_act = ["ب", "ل"].iter().any(|c| {
            w.strip_prefix(c)
                .is_some_and(|r| cx.data.words.has(senses::ACT_NOUN, r))
        });
        if w.starts_with("لل") || w.starts_with("بال") || clitic_act {
            return true;
        }
        if prep_before(j) {
            return true;
        }
        // the nisba's definite noun may itself hang on a construct head (على يقظة الأمن التونسي)
        if definite && step > 0 {
            return false;
        }
        k = j;
    }
    false
}

/// How far back an office may stand before ل + X (الموفد الخاص للأمم المتحدة).
const OFFICE_REACH: usize = 2;

/// How far back [`marked`] walks over the nouns a party hangs on.
const MARK_REACH: usize = 2;

/// A nisba in the accusative (معسكرا حوثيا، جنديا أمريكيا): the object, never the subject. Only the
/// word's own ending is read (-يا), which no nominative nisba has; names of states and places
/// (سوريا، روسيا) end so in every case and are left alone.
pub(super) fn accusative(cx: &Ctx<'_>, e: &Ent) -> bool {
    matches!(e.kind, "nationality" | "organization") && {
        let f = hadath_text::fold(&cx.text[e.src.clone()]);
        !f.contains(' ') && f.ends_with("يا") && f.chars().count() > 3
    }
}

/// How many words may stand between a verb and its subject after it (قال وزير الخارجية الأمريكي).
const VSO_GAP: usize = 4;

/// Coordinated groups of participants (by position): entities joined by و or a comma.
pub(super) fn groups(cx: &Ctx<'_>, list: &[&Placed]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut last_end: Option<usize> = None;
    for p in list {
        let joined = last_end.is_some_and(|e| {
            if p.toks.start < e {
                return true;
            }
            if p.toks.start == e {
                // adjacent: joined only by a و clitic on the second (وأرمينيا)
                let ent = &cx.ents[p.idx];
                let t = &cx.tokens[p.toks.start];
                return ent.src.start > t.source.start
                    && cx.text[t.source.start..ent.src.start].starts_with('و');
            }
            (e..p.toks.start).all(|k| matches!(cx.w(k), "و" | "،" | "," | "-"))
        });
        if joined {
            out.last_mut().expect("a group").push(p.idx);
        } else {
            out.push(vec![p.idx]);
        }
        last_end = Some(p.toks.end);
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub(super) fn roles(
    cx: &Ctx<'_>,
    t: &Trig,
    roles: Roles,
    pos: Pos,
    scope: &Range<usize>,
    ents_in: &[&Placed],
    ents: &[Ent],
    cues: &[CueHit],
    consequence: bool,
) -> Cand {
    let mut c = Cand {
        sent: 0,
        lead: false,
        finite: false,
        coord: 0,
        category: Category::Consult, // set from the trigger row by the caller
        mode: None,
        actors: Vec::new(),
        recipients: Vec::new(),
        mediators: Vec::new(),
        extra_recipient: None,
        extra_actor: None,
        location: None,
        operating: None,
        home: None,
        date: None,
        date_source: DateSource::Text,
        modality: Modality::Asserted,
        dead: None,
        injured: None,
        arrested: None,
        attribution: None,
        source: None,
        evidence: 0..0,
        trigger: 0..0,
        all_evidence: Vec::new(),
        agent: Vec::new(),
    };
    let tt = &t.toks;
    // Mediator cue positions in scope.
    let med_cues: Vec<Range<usize>> = cues
        .iter()
        .filter(|h| {
            cx.data.cues.cues[h.cue].kind == CueKind::Mediator
                && h.toks.start >= scope.start
                && h.toks.end <= scope.end
        })
        .map(|h| h.toks.clone())
        .collect();
    // A place or state after "about" (محادثات حول السودان في القاهرة) is the topic: not a party,
    // and not where it happened when the clause names a place too.
    let topic = |p: &&Placed| p.toks.start > 0 && cx.has(senses::TOPIC_PREP, p.toks.start - 1);
    let mut parts: Vec<&Placed> = Vec::new();
    let mut places: Vec<&Placed> = Vec::new();
    // Parties within a window of the trigger; a coordination chain may run past it.
    // When nothing is that close, the whole clause (اجتماعات في واشنطن … (أرمينيا وأذربيجان)).
    // Nominal heads keep their parties close (their noun phrase); finite phrases may reach
    // across the clause.
    let windows: &[usize] = if pos == Pos::Noun {
        &[10, 20]
    } else {
        &[10, 40]
    };
    for &window in windows {
        parts.clear();
        places.clear();
        let mut last_kept_end: Option<usize> = None;
        for p in ents_in
            .iter()
            .copied()
            .filter(|p| p.toks.start >= scope.start && p.toks.end <= scope.end)
        {
            let dist = if p.toks.end <= tt.start {
                tt.start - p.toks.end
            } else {
                p.toks.start.saturating_sub(tt.end)
            };
            let chained = p.toks.start >= tt.end
                && last_kept_end.is_some_and(|e| p.toks.start >= e && p.toks.start - e <= 2);
            if dist > window && !chained {
                continue;
            }
            last_kept_end = Some(p.toks.end);
            let e = &ents[p.idx];
            if e.media {
                continue;
            }
            if p.toks.start < tt.end && p.toks.end > tt.start {
                // inside the trigger phrase: only a nisba counts (قصف أذري), or the subject between
                // a light verb and its noun
                if e.kind != "nationality" && !t.extended {
                    continue;
                }
            }
            if e.country && !e.place && topic(&p) {
                continue;
            }
            if e.place || (e.country && locative(cx, e, p)) {
                places.push(p);
                continue;
            }
            if !e.actor || (e.code.is_none() && !e.generic) {
                continue;
            }
            parts.push(p);
        }
        if !parts.is_empty() {
            break;
        }
    }
    // A place after "about" (محادثات حول كاراباخ في بروكسل) is the topic: where it happened
    // comes first when the clause names both.
    let located: Vec<&Placed> = places.iter().copied().filter(|p| !topic(p)).collect();
    let places = if located.is_empty() { places } else { located };
    c.location = places
        .iter()
        .find(|p| p.toks.start >= tt.end)
        .or_else(|| places.last())
        .map(|p| p.idx);
    // Mediators: the group right after a mediator cue.
    let mut rest: Vec<&Placed> = Vec::new();
    let mut med_taken: Vec<usize> = Vec::new();
    for m in &med_cues {
        let after: Vec<&Placed> = parts
            .iter()
            .copied()
            .filter(|p| p.toks.start >= m.end && p.toks.start <= m.end + 4)
            .collect();
        if let Some(g) = groups(cx, &after).into_iter().next() {
            med_taken.extend(g);
        }
        // the group after the first one too, when it follows directly
    }
    for p in parts {
        if med_taken.contains(&p.idx) {
            if !c.mediators.contains(&p.idx) {
                c.mediators.push(p.idx);
            }
        } else {
            rest.push(p);
        }
    }
    let before: Vec<&Placed> = rest
        .iter()
        .copied()
        .filter(|p| p.toks.end <= tt.start)
        .collect();
    let inside: Vec<&Placed> = rest
        .iter()
        .copied()
        .filter(|p| p.toks.start < tt.end && p.toks.end > tt.start)
        .collect();
    let after: Vec<&Placed> = rest
        .iter()
        .copied()
        .filter(|p| p.toks.start >= tt.end)
        .collect();
    let gb = groups(cx, &before);
    let ga = groups(cx, &after);
    let push_all = |v: &mut Vec<usize>, g: &[usize]| {
        for &i in g {
            if !v.contains(&i) {
                v.push(i);
            }
        }
    };
    // The act named after the trigger (بنيران هندية، برصاص الجنود الإسرائيليين، في هجوم لمسلحين):
    // a party right after it, not behind a preposition of its own, did it.
    let acts: Vec<usize> = (tt.end..scope.end.min(tt.end + 8))
        .filter(|&k| cx.act_noun(k))
        .collect();
    // … في غارة جوية شنها التحالف، بصاروخ أطلقته قوة …: the subject of the relative verb that
    // follows the act (its pronoun is the act) did it, however far the act is from the trigger
    // (a head noun may stand between: أطلقته قوة إيساف)
    let relative_agent = |s0: usize| {
        (1..=2).any(|d| {
            s0 > tt.end + d
                && cx.has(senses::ACT_RELATIVE, s0 - d)
                && (s0.saturating_sub(3 + d).max(tt.end)..s0 - d).any(|k| cx.act_noun(k))
        })
    };
    let by_act = |s0: usize| {
        relative_agent(s0)
            || acts.iter().any(|&k| {
                s0 > k
                    && s0 <= k + 3
                    && !cx.has(senses::OBJECT_PREP, s0 - 1)
                    && !cx.has(senses::LOCATIVE_PREP, s0 - 1)
                    && !acts.iter().any(|&k2| k2 > k && k2 < s0)
            })
    };
    if let Some(g) = ga.iter().find(|g| {
        let p = ents_in.iter().find(|p| p.idx == g[0]).expect("placed");
        by_act(p.toks.start)
    }) {
        c.agent = g.clone();
    }
    let roles = if t.extended && !inside.is_empty() {
        Roles::Active
    } else {
        roles
    };
    match roles {
        Roles::Symmetric => {
            for g in gb.iter().chain(ga.iter()) {
                push_all(&mut c.actors, g);
            }
            for p in &inside {
                push_all(&mut c.actors, &[p.idx]);
            }
        }
        Roles::Passive => {
            // the victim is the subject; the agent a nisba right after, or من قبل / من جانب X
            for p in &inside {
                push_all(&mut c.actors, &[p.idx]);
            }
            let mut agent_from: Option<usize> = None;
            // من قبل X، على يد X; or the act itself named after the verb (بنيران هندية، برصاص
            // الجنود الإسرائيليين، في هجوم لمسلحين): its nisba or its ل + X is the agent
            for k in tt.end..scope.end.min(tt.end + 8) {
                if cx.has(senses::AGENT_MARKER, k) && k > 0 && cx.has(senses::AGENT_LEAD, k - 1) {
                    agent_from = Some(k + 1);
                    break;
                }
            }
            // the trigger phrase ends in the act (تعرض لقصف إسرائيلي): a nisba right after it is
            // the agent; after a victim's noun (مقتل فلسطيني، استشهد الشاب الفلسطيني) it is the victim
            let act_trigger = cx.act_noun(tt.end - 1);
            for g in &ga {
                let first = ents_in.iter().find(|p| p.idx == g[0]).expect("placed");
                let s0 = first.toks.start;
                let nisba_adj = ents[g[0]].kind == "nationality" && s0 <= tt.end + 1 && act_trigger;
                if nisba_adj || by_act(s0) || agent_from.is_some_and(|a| s0 >= a && s0 <= a + 2) {
                    push_all(&mut c.actors, g);
                } else {
                    push_all(&mut c.recipients, g);
                }
            }
            if !consequence {
                for g in &gb {
                    push_all(&mut c.recipients, g);
                }
            }
        }
        Roles::Active | Roles::Host => {
            // an adjunct of the clause (اعتقلت القوات عشرة فلسطينيين في مداهمات): the clause's
            // subject did it, the parties between were acted upon
            let adjunct = gb.len() > 1
                && tt.start > scope.start
                && cx.has(senses::ADJUNCT_PREP, tt.start - 1);
            let subject: Option<Vec<usize>>;
            let mut after_groups: Vec<Vec<usize>> = ga.clone();
            // Nominal heads: a nisba or ل + X right after the noun is the agent (قصف أذري، غارة
            // للتحالف); verbs: SVO when a party precedes the verb in its clause, else VSO.
            if pos == Pos::Noun {
                let agent_idx = after_groups.iter().position(|g| {
                    let p = ents_in.iter().find(|p| p.idx == g[0]).expect("placed");
                    let close = p.toks.start <= tt.end + 1;
                    close
                        && (ents[g[0]].kind == "nationality"
                            || clitics(cx, &ents[g[0]], p).starts_with('ل'))
                });
                if let Some(ai) = agent_idx {
                    subject = Some(after_groups.remove(ai));
                    // the clause before is the target (تعرضت مواقع سورية … لقصف تركي)
                    if let Some(g) = gb.last() {
                        push_all(&mut c.recipients, g);
                    }
                } else if adjunct {
                    subject = gb.first().cloned();
                    for g in &gb[1..] {
                        push_all(&mut c.recipients, g);
                    }
                } else {
                    subject = gb.last().cloned();
                }
                for p in &inside {
                    push_all(&mut c.actors, &[p.idx]);
                }
            } else if t.extended && !inside.is_empty() {
                // light verb … subject … noun (أعلنت أستراليا وكندا دعمها)
                subject = Some(inside.iter().map(|p| p.idx).collect());
            } else if adjunct {
                subject = gb.first().cloned();
                for g in &gb[1..] {
                    push_all(&mut c.recipients, g);
                }
            } else if let Some(g) = gb.last() {
                subject = Some(g.clone());
            } else if accused_alone(cx, tt, scope, ents_in, &after_groups) {
                // اتهم إيران بدعم …: the one party before the بـ-complement is the accused; the
                // accuser is an earlier clause's subject (or the speaker)
                subject = None;
            } else if let Some(i) = after_groups.iter().position(|g| {
                let p = ents_in.iter().find(|p| p.idx == g[0]).expect("placed");
                by_act(p.toks.start)
            }) {
                subject = Some(after_groups.remove(i));
            } else if after_groups.first().is_some_and(|g| {
                // VSO: the subject comes right after the verb (a title may stand between), and
                // carries no preposition and no accusative ending
                let p = ents_in.iter().find(|p| p.idx == g[0]).expect("placed");
                p.toks.start <= tt.end + VSO_GAP
                    && !marked(cx, &ents[g[0]], p, tt.end, ents_in)
                    && !accusative(cx, &ents[g[0]])
            }) {
                subject = Some(after_groups.remove(0));
            } else {
                subject = None;
            }
            if let Some(g) = subject {
                if roles == Roles::Host {
                    push_all(&mut c.mediators, &g);
                } else {
                    push_all(&mut c.actors, &g);
                }
            }
            for g in &after_groups {
                push_all(&mut c.recipients, g);
            }
            // earlier groups before the subject in the clause: also parties (topic fronting)
            if gb.len() > 1 {
                for g in &gb[..gb.len() - 1] {
                    let known: Vec<usize> = g
                        .iter()
                        .copied()
                        .filter(|i| !c.actors.contains(i))
                        .collect();
                    push_all(&mut c.recipients, &known);
                }
            }
            if roles == Roles::Host {
                // the hosted parties are the co-participants
                let r = std::mem::take(&mut c.recipients);
                push_all(&mut c.actors, &r);
            }
        }
    }
    // A party in two roles keeps the first.
    let actors = c.actors.clone();
    c.recipients.retain(|i| !actors.contains(i));
    c.mediators.retain(|i| !actors.contains(i));
    c
}

/// A verb of accusing (اتهم X بـ …) with one party alone between it and its بـ-complement, right
/// before it: that party is the accused, whether the verb is active with its subject elided or
/// passive.
fn accused_alone(
    cx: &Ctx<'_>,
    tt: &Range<usize>,
    scope: &Range<usize>,
    ents_in: &[&Placed],
    after: &[Vec<usize>],
) -> bool {
    if !cx.has(senses::ACCUSE_VERB, tt.start) {
        return false;
    }
    let inside = |k: usize| ents_in.iter().any(|p| p.toks.contains(&k));
    let Some(comp) = (tt.end..scope.end).find(|&k| !inside(k) && cx.bare(k).starts_with('ب'))
    else {
        return false;
    };
    let span = |g: &Vec<usize>| {
        let at = |i: usize| ents_in.iter().find(|p| p.idx == i).map(|p| p.toks.clone());
        at(g[0])
            .zip(g.last().and_then(|&i| at(i)))
            .map_or(usize::MAX..usize::MAX, |(a, b)| a.start..b.end)
    };
    // the party stands right before the complement (اتهم إيران بأنها), with nothing between
    let before: Vec<_> = after.iter().map(span).filter(|r| r.start < comp).collect();
    before.len() == 1 && before[0].end == comp
}

/// The speaker of a verb of saying: the party right after it (قال الرئيس) or right before it.
pub(super) fn speaker_of(
    r: &Range<usize>,
    ents_in: &[&Placed],
    ents: &[Ent],
    st: Range<usize>,
) -> Option<usize> {
    let ok = |p: &&&Placed| ents[p.idx].actor && ents[p.idx].code.is_some() || ents[p.idx].media;
    ents_in
        .iter()
        .filter(ok)
        .find(|p| p.toks.start >= r.end && p.toks.start <= r.end + 4)
        .or_else(|| {
            ents_in.iter().filter(ok).rev().find(|p| {
                p.toks.end <= r.start && p.toks.end + 3 >= r.start && p.toks.start >= st.start
            })
        })
        .map(|p| p.idx)
}

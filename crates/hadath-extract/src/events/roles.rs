use super::*;

/// Is the entity in a locative phrase (في X، بمدينة X، بـX)?
pub(super) fn locative(cx: &Ctx<'_>, e: &Ent, p: &Placed) -> bool {
    let t = &cx.tokens[p.toks.start];
    if e.src.start > t.source.start {
        let pre = hadath_text::fold(&cx.text[t.source.start..e.src.start]);
        if matches!(pre.as_str(), "ب" | "وب" | "فب") {
            return true;
        }
    }
    // في X، or a part of X (جنوب إسبانيا، بشمال سوريا): where, not who
    p.toks.start > 0
        && matches!(
            cx.bare(p.toks.start - 1),
            "في" | "داخل"
                | "بمدينه"
                | "بمحافظه"
                | "جنوب"
                | "شمال"
                | "شرق"
                | "غرب"
                | "وسط"
                | "بجنوب"
                | "بشمال"
                | "بشرق"
                | "بغرب"
                | "بوسط"
        )
}

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
    let topic = |p: &&Placed| {
        p.toks.start > 0
            && matches!(
                cx.bare(p.toks.start - 1),
                "حول" | "بشان" | "عن" | "حيال" | "ازاء" | "تجاه"
            )
    };
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
            for k in tt.end..scope.end.min(tt.end + 8) {
                if matches!(cx.bare(k), "قبل" | "جانب" | "يد")
                    && k > 0
                    && matches!(cx.bare(k - 1), "من" | "على")
                {
                    agent_from = Some(k + 1);
                    break;
                }
            }
            for g in &ga {
                let first = ents_in.iter().find(|p| p.idx == g[0]).expect("placed");
                let nisba_adj = ents[g[0]].kind == "nationality" && first.toks.start <= tt.end + 1;
                if nisba_adj
                    || agent_from
                        .is_some_and(|a| first.toks.start >= a && first.toks.start <= a + 2)
                {
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
            let subject: Option<Vec<usize>>;
            let mut after_groups: Vec<Vec<usize>> = ga.clone();
            // Nominal heads: a nisba or ل + X right after the noun is the agent (قصف أذري، غارة
            // للتحالف); verbs: SVO when a party precedes the verb in its clause, else VSO.
            if pos == Pos::Noun {
                let agent_idx = after_groups.iter().position(|g| {
                    let p = ents_in.iter().find(|p| p.idx == g[0]).expect("placed");
                    let close = p.toks.start <= tt.end + 1;
                    close
                        && (ents[g[0]].kind == "nationality" || {
                            let w = cx.w(p.toks.start);
                            let pre = &cx.text
                                [cx.tokens[p.toks.start].source.start..ents[g[0]].src.start];
                            w.starts_with('ل') && !pre.is_empty()
                        })
                });
                if let Some(ai) = agent_idx {
                    subject = Some(after_groups.remove(ai));
                    // the clause before is the target (تعرضت مواقع سورية … لقصف تركي)
                    if let Some(g) = gb.last() {
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
            } else if let Some(g) = gb.last() {
                subject = Some(g.clone());
            } else if !after_groups.is_empty() {
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

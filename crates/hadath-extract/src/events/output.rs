use super::*;

pub(super) fn party(i: usize, ents: &[Ent], text: &str, span: &SpanFn<'_>) -> PartyOut {
    let e = &ents[i];
    let s = span(&e.src);
    PartyOut {
        text: text[e.src.clone()].to_string(),
        name: e.name.clone(),
        code: if e.media { None } else { e.code.clone() },
        start: Some(s.start),
        end: Some(s.end),
        sector: e.sector,
        geo: None,
    }
}

/// Parties of one role with their mention index, one per state/IGO code (persons and bodies of
/// the same state collapse onto the first mention), uncoded ones kept.
pub(super) fn parties(
    c: &Cand,
    v: &[usize],
    ents: &[Ent],
    text: &str,
    span: &SpanFn<'_>,
) -> Vec<(usize, PartyOut)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for &i in v {
        let code = code_of(c, i, ents);
        if let Some(code) = code {
            if seen.contains(&code) {
                continue;
            }
            seen.push(code);
        }
        let mut p = party(i, ents, text, span);
        p.code = code.map(str::to_string);
        out.push((i, p));
    }
    out
}

pub(super) fn to_out(c: Cand, ents: &[Ent], text: &str, span: &SpanFn<'_>) -> EventOut {
    // a place standing for its people: the attacked place, the protesting town
    let extra = |v: &mut Vec<(usize, PartyOut)>, i: Option<usize>| {
        v.extend(i.map(|i| (i, party(i, ents, text, span))));
    };
    let mut recipients = parties(&c, &c.recipients, ents, text, span);
    extra(&mut recipients, c.extra_recipient);
    let mut actors = parties(&c, &c.actors, ents, text, span);
    extra(&mut actors, c.extra_actor);
    let ac: Vec<&Option<String>> = actors.iter().map(|(_, p)| &p.code).collect();
    // a named party of the actor's state is not also its recipient; the soldiers or civilians
    // of the same country are (intra-state violence)
    let keep =
        |(i, p): &(usize, PartyOut)| p.code.is_none() || ents[*i].generic || !ac.contains(&&p.code);
    recipients.retain(keep);
    let mut mediators = parties(&c, &c.mediators, ents, text, span);
    mediators.retain(keep);
    let strip = |v: Vec<(usize, PartyOut)>| v.into_iter().map(|(_, p)| p).collect::<Vec<_>>();
    let (actors, recipients, mediators) = (strip(actors), strip(recipients), strip(mediators));
    let mut size = Size {
        injured: c.injured,
        arrested: c.arrested,
        ..Size::default()
    };
    let mut cumulative = None;
    if let Some(d) = c.dead.as_ref().filter(|d| d.beyond.is_some()) {
        let (why, scope) = d.beyond.clone().expect("filtered");
        cumulative = Some(Cumulative {
            dead: d.total,
            dead_qualifier: (d.qualifier != "exact").then(|| d.qualifier.to_string()),
            why,
            scope: scope.map(|r| span(&r)),
        });
    } else if let Some(d) = &c.dead {
        size.dead = Some(d.total);
        if d.qualifier != "exact" {
            size.dead_qualifier = Some(d.qualifier.to_string());
        }
        size.dead_min = d.min;
        size.dead_max = d.max;
        size.by_side = d
            .sides
            .iter()
            .map(|(n, r, side)| {
                let s = span(r);
                SideToll {
                    dead: *n,
                    code: side.and_then(|i| ents[i].code.clone()),
                    start: s.start,
                    end: s.end,
                    text: s.text,
                }
            })
            .collect();
    }
    let parties: Vec<usize> = c.actors.iter().chain(&c.recipients).copied().collect();
    let placed = crate::geo::event_place(
        c.category,
        c.location,
        &c.evidence,
        crate::geo::headline(text, &c.evidence),
        &parties,
        &c.recipients,
        ents,
    );
    let location = placed.map(|(i, why)| {
        let mut p = party(i, ents, text, span);
        p.code = ents[i].code.clone();
        if let Some((name, code)) = &ents[i].place_as {
            p.name = Some(name.clone());
            p.code = code.clone();
        }
        p.geo = ents[i].geo.as_ref().map(|g| g.out(why));
        p
    });
    EventOut {
        kind: c.category,
        mode: c.mode,
        date: c.date.clone(),
        actors,
        recipients,
        mediators,
        location,
        size: (!size.is_empty()).then_some(size),
        cumulative,
        modality: c.modality,
        date_source: c.date.as_ref().map(|_| c.date_source),
        attribution: c.attribution.map(|i| party(i, ents, text, span)),
        source: c.source.map(|i| party(i, ents, text, span)),
        evidence: span(&c.evidence),
        evidence_all: c.all_evidence.iter().map(span).collect(),
        trigger: span(&c.trigger),
    }
}

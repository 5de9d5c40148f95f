//! The events stage: triggers, roles, date, place, size, modality, attribution, and one event per
//! happening within a document.
//!
//! Method, per sentence that is not boilerplate, a question, an opinion or a generic statement:
//! 1. Trigger words and phrases (verbs in any person/tense, masdars, light-verb phrases) are
//!    matched over folded tokens with their clitics stripped, longest first.
//! 2. The clause layer ([`clauses`]): each finite trigger (verb or light phrase), each verb of
//!    saying and each complementiser bounds the clauses of the others; a trigger's scope is the
//!    stretch between the nearest bounds, and its clause gets a kind (main, reported, relative,
//!    denial, …) shown with every kept or dropped trigger in `--format table`. Nominal triggers that are the complement of another trigger in the same
//!    scope (دعا إلى وقف إطلاق النار) are its content, not events of their own.
//! 3. Roles come from the entities in the scope by their position (subject before or right
//!    after a verb, the rest as recipients), by the row's role pattern (passive: the subject is
//!    the victim, a nisba or من قبل names the agent; symmetric: everyone is a co-participant;
//!    host), and by mediator cues (برعاية، بوساطة، بحضور). Coordinated entities form one party.
//! 4. Date: the time expression nearest the trigger in its scope, else in its sentence, else the
//!    paragraph's last date, else the story's day or the publication date (`date_source: story`
//!    or `publication`; `dates.rs`).
//! 5. One event per happening: events of the same type, with compatible participants and dates,
//!    are merged, keeping every evidence span.

use crate::entities::Ent;
use crate::index::{capped, ByStart};
use crate::lexdata::{CueKind, Pos, Roles, Toll};
use crate::senses;
use crate::Data;
use hadath_core::happening::{self, Report, Scope};
use hadath_core::{
    Category, Cumulative, DateRange, DateSource, EventOut, Modality, Mode, PartyOut, SideToll,
    Size, SpanOut, TollScope,
};
use hadath_text::{Analysis, Folded, Token, TokenKind};
use hadath_time::{Granularity, TimeAnalysis, TimexKind};
use jiff::civil::Date;
use std::collections::HashMap;
use std::ops::Range;

mod clauses;
mod dates;
#[cfg(test)]
mod examples;
mod merge;
mod modality;
mod output;
mod parties;
mod roles;
mod tolls;
mod triggers;
mod types;

use clauses::Clauses;
pub use clauses::{ClauseKind, Considered};
use dates::*;
use merge::*;
use modality::*;
use output::*;
use parties::{code_of, dominant_state, set_countries, victims_not_actors};
use roles::*;
use tolls::*;
use types::*;

type SpanFn<'a> = dyn Fn(&Range<usize>) -> SpanOut + 'a;

#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    data: &Data,
    analysis: &Analysis,
    text: &str,
    ents: &[Ent],
    time: &TimeAnalysis,
    anchor: Option<Date>,
    _pub_inferred: bool,
    span: &SpanFn<'_>,
) -> (Vec<EventOut>, Vec<Considered>) {
    let tokens = analysis.tokens();
    let folded = analysis.folded();
    // the state the document is about, from its named mentions: what a theatre party stands for
    let about = dominant_state(analysis, ents, LEAD_SENTENCES);
    let about_code = about.and_then(|i| ents[i].code.clone());
    let named = ents;
    let with_generic = parties::with_generic(data, tokens, folded, ents, about_code.as_deref());
    let ents: &[Ent] = &with_generic;
    let mut ent_at = HashMap::new();
    for (i, e) in ents.iter().enumerate().filter(|(_, e)| !e.pseudo) {
        ent_at.entry(e.src.start).or_insert(i);
    }
    let cx = Ctx {
        data,
        ents,
        ent_at,
        folded,
        tokens,
        text,
        names: name_spans(ents),
    };
    let placed: Vec<Placed> = ents
        .iter()
        .enumerate()
        .map(|(idx, e)| Placed {
            idx,
            toks: tok_range_of(tokens, &e.src),
        })
        .collect();
    // Dated time expressions on tokens.
    let timexes: Vec<(Range<usize>, String, bool)> = time
        .timexes
        .iter()
        .filter(|t| matches!(t.kind, TimexKind::Date | TimexKind::Time))
        .filter_map(|t| {
            let v = t.value.as_deref()?;
            let v = v.split('/').next().unwrap_or(v);
            if v.is_empty() || !v.as_bytes()[0].is_ascii_digit() || v.starts_with("PRESENT") {
                return None;
            }
            let r = tok_range_of(tokens, &t.source);
            // منذ/قبل right before it, or منذ opening the phrase it ends (منذ حربهما في عام 2020).
            let since = r.start > 0 && {
                let p = cx.bare(r.start - 1);
                p == "منذ"
                    || p == "قبل"
                    || (r.start.saturating_sub(4)..r.start - 1)
                        .rev()
                        .take_while(|&k| is_word(&tokens[k]))
                        .any(|k| cx.bare(k) == "منذ")
            };
            // "since 2020" is background, not the date of the clause's event.
            let weak = since
                && matches!(
                    t.granularity,
                    Granularity::Year | Granularity::Decade | Granularity::Season
                );
            let fine = matches!(
                t.granularity,
                Granularity::Day | Granularity::Week | Granularity::Month | Granularity::Interval
            );
            (!weak).then(|| (r, v.to_string(), fine))
        })
        .collect();
    let all_dates: Vec<(Range<usize>, Option<String>)> = time
        .timexes
        .iter()
        // Calendar values only: a deictic PAST_REF is no event date.
        .filter(|t| t.kind == TimexKind::Date)
        .filter(|t| {
            t.value
                .as_deref()
                .is_none_or(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|t| (tok_range_of(tokens, &t.source), t.value.clone()))
        .collect();
    // "بعد شهر من X", "غداة X": X lies that long before / after the clause's own date.
    let offsets = offsets(&cx, time);
    let story = story_day(text, time, anchor);
    let numbers: Vec<Num> = time
        .numbers
        .iter()
        .filter(|q| !q.percent && q.value >= 1.0 && q.value < 10_000_000.0)
        .map(|q| Num {
            toks: tok_range_of(tokens, &q.number),
            first: tok_range_of(tokens, &q.source).start,
            value: q.value as u64,
            qualifier: q.qualifier.as_str(),
        })
        .collect();

    // Each list by position: a sentence reads its own items, not the document's.
    let timex_at = ByStart::new(timexes.iter().map(|(r, _, _)| r.start));
    let dates_at = ByStart::new(all_dates.iter().map(|(r, _)| r.start));
    let offset_at = ByStart::new(offsets.iter().map(|(x, _, _)| x.start));
    let placed_at = ByStart::new(placed.iter().map(|p| p.toks.start));
    let number_at = ByStart::new(numbers.iter().map(|n| n.toks.start));
    // The "بعد شهر من X" whose X starts within OFFSET_NP tokens before token `k` (the first in
    // list order).
    let offset_over = |k: usize| {
        offset_at
            .starting_in((k + 1).saturating_sub(OFFSET_NP), k)
            .into_iter()
            .map(|i| &offsets[i])
            .find(|(x, _, _)| x.contains(&k))
    };
    // the same mention among the common-noun parties added (one sorted list: found again)
    let dominant = about.and_then(|i| {
        let src = &named[i].src;
        ents.iter().position(|e| !e.generic && e.src == *src)
    });
    let mut cands: Vec<Cand> = Vec::new();
    let mut considered: Vec<Considered> = Vec::new();
    // The last candidate of each type.
    let mut last_of: HashMap<Category, usize> = HashMap::new();
    let mut para_anchor: Option<(usize, String)> = None;
    let mut sent_no = 0usize;
    for s in capped(analysis.sentences(), tokens).iter() {
        if s.boilerplate.is_some() {
            continue;
        }
        sent_no += 1;
        let sent_no = sent_no - 1;
        let st = s.tokens.clone();
        if st.is_empty() {
            continue;
        }
        let cues = cx.find_cues(st.clone());
        let cue_kind = |h: &CueHit| data.cues.cues[h.cue].kind;
        let sentence_text = text[s.source.clone()].trim_end();
        // Sentence-level noise.
        let question = sentence_text.ends_with('؟')
            || sentence_text.ends_with('?')
            || cues
                .iter()
                .any(|h| cue_kind(h) == CueKind::Question && h.toks.start <= st.start + 1);
        let opinion = cues
            .iter()
            .any(|h| cue_kind(h) == CueKind::Opinion && h.toks.start <= st.start + 2);
        let sent_timexes = timex_at.inside(&timexes, &st, |(r, _, _)| r);
        let has_time = !sent_timexes.is_empty();
        let generic = !has_time && cues.iter().any(|h| cue_kind(h) == CueKind::Generic);
        // The paragraph anchor for this sentence: the last date of an earlier sentence of the
        // same paragraph.
        let para_date = para_anchor
            .as_ref()
            .filter(|(p, _)| *p == s.paragraph)
            .map(|(_, v)| v.clone());
        if let Some((_, v, _)) = sent_timexes.iter().rev().find(|(_, _, fine)| *fine) {
            para_anchor = Some((s.paragraph, v.clone()));
        }
        if question || opinion || generic {
            let why = if question {
                "the sentence is a question"
            } else if opinion {
                "the sentence is an opinion"
            } else {
                "the sentence is a generic statement"
            };
            for t in cx.find_triggers(st.clone()) {
                considered.push(Considered::new(&cx, &t, ClauseKind::Main, false, why));
            }
            continue;
        }
        let mut trigs = cx.find_triggers(st.clone());
        if trigs.is_empty() {
            continue;
        }
        // Light verb + nominal trigger: one finite phrase.
        for i in 0..trigs.len() {
            if data.triggers.rows[trigs[i].row].pos != Pos::Noun {
                continue;
            }
            let lo = trigs[i].toks.start.saturating_sub(6).max(st.start);
            let lo = if i > 0 {
                lo.max(trigs[i - 1].toks.end)
            } else {
                lo
            };
            let hit = (lo..trigs[i].toks.start).rev().find(|&k| {
                let w = cx.bare(k);
                let w = w
                    .strip_prefix('س')
                    .filter(|r| r.starts_with(['ي', 'ت']))
                    .unwrap_or(w);
                data.words.has(senses::LIGHT_VERB, w)
            });
            if let Some(k) = hit {
                // أطلق عليها اسم …: naming, not doing
                if !(k..trigs[i].toks.start)
                    .any(|j| matches!(cx.bare(j), ":" | ";" | "." | "؛" | "اسم" | "\""))
                {
                    trigs[i].toks.start = k;
                    trigs[i].extended = true;
                }
            }
        }
        let clauses = Clauses::of(&cx, st.clone(), &cues, &trigs);
        let saying = &clauses.saying;
        // Tolls of the sentence.
        let sent_numbers = number_at.inside(&numbers, &st, |n| &n.toks);
        let trig_starts: Vec<usize> = trigs.iter().map(|t| t.toks.start).collect();
        let toll = sentence_toll(
            &cx,
            &sent_numbers,
            st.clone(),
            &placed,
            &placed_at,
            ents,
            &trig_starts,
        );
        let ents_in: Vec<&Placed> = placed_at.inside(&placed, &st, |p| &p.toks);
        let mut prev_end: Option<(usize, Range<usize>)> = None; // (trigger end, its scope)
        for t in &trigs {
            let row = &data.triggers.rows[t.row];
            let scope = clauses.scope_of(&t.toks);
            let clause = clauses.kind_of(&cx, &t.toks, &scope, &cues);
            let mut note = |kept: bool, why: &'static str| {
                considered.push(Considered::new(&cx, t, clause, kept, why));
            };
            // A nominal trigger that is the complement of an earlier trigger in the same scope.
            // A phrase after a preposition (على … بشأن إرسال جنود، إلى وقف …) right after
            // another trigger is that trigger's content.
            let after_prep = t.toks.start > st.start
                && matches!(
                    cx.bare(t.toks.start - 1),
                    "علي" | "الي" | "بشان" | "حول" | "لاجل" | "اجل"
                );
            let embedded_light = row.pos != Pos::Noun
                && after_prep
                && prev_end
                    .as_ref()
                    .is_some_and(|(e, _)| *e <= t.toks.start && t.toks.start - e <= 20);
            // "، ومحادثات خماسية": a second thing planned or done, not a complement
            let sibling = t.toks.start > st.start
                && cx.w(t.toks.start - 1) == ","
                && cx.w(t.toks.start).starts_with('و');
            // "بعد شهر من اشتباكات": another happening, at another time
            let offset_noun = offset_over(t.toks.start).is_some();
            let embedded = embedded_light
                || row.pos == Pos::Noun
                    && !t.extended
                    && !sibling
                    && !offset_noun
                    && prev_end.as_ref().is_some_and(|(e, sc)| {
                        *e <= t.toks.start && t.toks.start - e <= 12 && sc.end >= t.toks.end
                    });
            prev_end = Some((t.toks.end, scope.clone()));
            if embedded {
                note(false, "the content of the trigger before it");
                continue;
            }
            let consequence = row.roles == Roles::Passive
                && t.toks.len() > 1
                && data.words.has(senses::CONSEQUENCE, cx.bare(t.toks.start));
            if consequence
                && cands.last().is_some_and(|p| {
                    p.category == Category::Assault
                        && p.evidence.end >= tokens[st.start].source.start
                })
            {
                // the toll of the attack just reported
                if let Some(p) = cands.last_mut() {
                    if p.dead.is_none() {
                        p.dead = toll.dead_for(&tok_range_of(tokens, &p.trigger), &scope);
                    }
                }
                note(false, "the toll of the attack just reported");
                continue;
            }
            let pos = if t.extended { Pos::Light } else { row.pos };
            let mut c = roles(
                &cx,
                t,
                row.roles,
                pos,
                &scope,
                &ents_in,
                ents,
                &cues,
                consequence,
            );
            c.category = row.category;
            if matches!(row.category, Category::Assault | Category::Coerce) {
                victims_not_actors(&cx, &mut c, ents, &placed, &sent_numbers);
            }
            c.sent = sent_no;
            c.lead = sent_no < LEAD_SENTENCES;
            c.finite = pos != Pos::Noun;
            c.mode = row.mode;
            // Speaker.
            let speaker = saying
                .iter()
                .filter(|(r, _)| r.end <= t.toks.start || r.start >= t.toks.end)
                .filter_map(|(r, _)| speaker_of(r, &ents_in, ents, st.clone()))
                .next();
            c.attribution = speaker;
            c.source = ents_in.iter().find(|p| ents[p.idx].media).map(|p| p.idx);
            // A coordinated verb mid-sentence (… ودعا باكو، كما دعا …) keeps the subject of the
            // clause before it; what follows it is its object.
            let continues = t.toks.start > st.start + 1
                && pos != Pos::Noun
                && (cx.w(t.toks.start).starts_with('و')
                    || matches!(cx.bare(t.toks.start - 1), "كما" | "ثم"));
            // parties inside a relative clause (الذي يربط أرمينيا …) are not the subject
            let rel = (scope.start..t.toks.start)
                .find(|&k| cx.has(senses::RELATIVE, k))
                .unwrap_or(t.toks.start);
            let subject_before = ents_in.iter().any(|p| {
                p.toks.start >= scope.start
                    && p.toks.end <= rel
                    && ents[p.idx].actor
                    && (ents[p.idx].code.is_some() || ents[p.idx].generic)
            });
            let kama = t.toks.start > st.start && matches!(cx.bare(t.toks.start - 1), "كما" | "ثم");
            // … كما رحبت به عمان: with a pronoun object after the verb, what follows is its subject
            let pronoun_object = matches!(
                cx.bare(t.toks.end),
                "به" | "بها"
                    | "بهم"
                    | "له"
                    | "لها"
                    | "عليه"
                    | "عليها"
                    | "منه"
                    | "عنه"
                    | "اليه"
            );
            // … كما ندد الأمين العام للجامعة أحمد أبو الغيط: a person named right after the verb
            // is its own subject (verb-subject order), not an object, and the subject of the
            // clause before is not this one's
            let person_follows = continues
                .then(|| {
                    ents_in.iter().find(|p| {
                        p.toks.start >= t.toks.end
                            && p.toks.start <= t.toks.end + 6
                            && ents[p.idx].kind == "person"
                            && ents[p.idx].code.is_some()
                    })
                })
                .flatten()
                .map(|p| p.idx);
            if let Some(subject) = person_follows.filter(|s| !c.actors.contains(s)) {
                c.recipients.retain(|&r| r != subject);
                c.actors = vec![subject];
            }
            if continues
                && !pronoun_object
                && person_follows.is_none()
                && (!subject_before || kama)
                && row.roles != Roles::Symmetric
            {
                // (candidates come in sentence order: stop at the sentence before)
                if let Some(prev) = cands
                    .iter()
                    .rev()
                    .take_while(|p| p.sent + 1 >= sent_no)
                    .find(|p| p.finite && !p.actors.is_empty())
                {
                    let vso = std::mem::replace(&mut c.actors, prev.actors.clone());
                    for v in vso.into_iter().rev() {
                        if !c.actors.contains(&v) && !c.recipients.contains(&v) {
                            c.recipients.insert(0, v);
                        }
                    }
                }
            }
            if c.actors.is_empty() {
                let pronoun = t.toks.start > st.start
                    && (t.toks.start.saturating_sub(3)..t.toks.start)
                        .any(|k| matches!(cx.bare(k), "انه" | "انها" | "انهم" | "بانه" | "بانها"));
                if VERBAL.contains(&row.category) || pronoun {
                    if let Some(sp) = speaker.filter(|&i| !ents[i].media) {
                        if !c.recipients.contains(&sp) && !c.mediators.contains(&sp) {
                            c.actors.push(sp);
                        }
                    }
                }
            }
            // Date.
            let (in_scope, in_sent) = nearest_dates(&cx, t, &scope, &sent_timexes);
            // The trigger heads the complement of "بعد شهر من": its date is the clause's date
            // shifted. Not when the complement carries its own date (بعد يومين من هجوم 13 سبتمبر).
            let offset = offset_over(t.toks.start)
                .filter(|(x, _, _)| timex_at.starting_in(x.start, x.end - 1).is_empty());
            let dates = Dates {
                nearest: in_scope.or(in_sent),
                sentence: &sent_timexes,
                paragraph: para_date.as_deref(),
                story,
                anchor,
            };
            let (date, dsrc) = dates.of(offset);
            c.date = date;
            c.date_source = dsrc;
            // Modality.
            c.modality = modality(&cx, t, &scope, &cues, c.date.as_deref(), anchor, dsrc);
            // an act inside a denied clause (نفت الحكومة أن تكون قواتها قد قصفت) is negated; one
            // inside a condition, a purpose, a demand or an accusation is not reported as done
            if clause == ClauseKind::Denial {
                c.modality = Modality::Negated;
            } else if c.modality == Modality::Asserted && clause.unreported() {
                c.modality = Modality::Hypothetical;
            }
            if c.modality != Modality::Asserted && c.date_source == DateSource::Publication {
                c.date = None;
            }
            // Size.
            if row.category == Category::Assault {
                c.dead = toll.dead_for(&t.toks, &scope);
                c.injured = toll.injured;
            }
            if row.category == Category::Coerce || row.category == Category::Assault {
                c.arrested = toll.arrested;
            }
            // Fallback recipient: the place attacked stands for its state.
            let visit = row.category == Category::Consult && row.mode == Some(Mode::Visit);
            if c.recipients.is_empty()
                && (matches!(
                    row.category,
                    Category::Assault | Category::Coerce | Category::Aid
                ) || visit)
                && c.location.is_some()
            {
                c.extra_recipient = c.location;
            }
            set_countries(&mut c, ents, dominant);
            // Protesters with no named party: the people of the place protest.
            if row.category == Category::Protest && c.actors.is_empty() && c.recipients.is_empty() {
                c.extra_actor = c.location.or(dominant);
            }
            c.evidence = tokens[scope.start].source.start..tokens[scope.end - 1].source.end;
            c.trigger = tokens[t.toks.start].source.start..tokens[t.toks.end - 1].source.end;
            c.all_evidence = vec![c.evidence.clone()];
            // A party with a code, or a common-noun party (مسلحون): an event is never dropped
            // for want of a state code.
            let coded = |v: &[usize]| {
                v.iter()
                    .any(|&i| ents[i].generic || code_of(&c, i, ents).is_some())
            };
            let any = coded(&c.actors)
                || coded(&c.recipients)
                || coded(&c.mediators)
                || c.extra_recipient.is_some_and(|i| ents[i].code.is_some())
                || c.extra_actor.is_some_and(|i| ents[i].code.is_some());
            // A definite or demonstrative noun (الاجتماع، هذا الهجوم، اللقاء المذكور) names a
            // happening already reported: it adds evidence (and a date, a place) to it.
            let first_word = cx.bare(t.toks.start);
            let demonstrative = (t.toks.start > st.start
                && matches!(
                    cx.bare(t.toks.start - 1),
                    "هذا" | "هذه" | "ذلك" | "تلك" | "هذين" | "هاتين"
                ))
                || matches!(
                    cx.bare(t.toks.end),
                    "المذكور" | "المذكوره" | "نفسه" | "نفسها" | "ذاته" | "ذاتها"
                );
            // ستعقد المحادثات في سوتشي: a light verb with a definite noun and no parties of its
            // own tells more of talks already reported
            let noun_word = cx.bare(t.toks.end - 1);
            let definite = row.pos == Pos::Noun
                && ((!t.extended
                    && (first_word.starts_with("ال")
                        || first_word.starts_with("لل")
                        || demonstrative))
                    || (t.extended && !any && noun_word.starts_with("ال")));
            if definite {
                // parties of the noun phrase itself (الاجتماع بين X وY، الهجوم الإسرائيلي)
                let local = ents_in.iter().any(|p| {
                    let e = &ents[p.idx];
                    e.actor
                        && e.code.is_some()
                        && p.toks.start + 1 >= t.toks.start
                        && p.toks.start <= t.toks.end + 3
                });
                if let Some(prev) = last_of.get(&c.category).map(|&i| &mut cands[i]) {
                    let own = codes(&c, ents);
                    let text_date = in_scope.map(|(_, v, _)| v.clone());
                    // الحرب … في خريف 2020 after clashes of last month: its own date says it is
                    // another happening
                    let other_time = !demonstrative
                        && prev.date_source == DateSource::Text
                        && text_date
                            .as_deref()
                            .zip(prev.date.as_deref())
                            .is_some_and(|(a, b)| !same_date_prefix(a, b));
                    if !other_time
                        && (demonstrative
                            || !local
                            || own.is_empty()
                            || same_happening(prev, &c, ents))
                    {
                        prev.all_evidence.push(c.evidence.clone());
                        let weak =
                            prev.date.is_none() || prev.date_source == DateSource::Publication;
                        if weak {
                            if let Some(v) = text_date {
                                prev.date = Some(v);
                                prev.date_source = DateSource::Text;
                            }
                        }
                        if better_place(prev.location, c.location, ents) {
                            prev.location = c.location;
                        }
                        // a toll given with a mention far from the report may be another
                        // happening's (انتهت الحرب … وأودت بحياة, ten sentences on)
                        if prev.dead.is_none() && c.sent <= prev.sent + TOLL_REACH {
                            prev.dead = c.dead.clone();
                        }
                        note(true, "names a happening already reported: merged into it");
                        continue;
                    }
                } else if !local && row.category != Category::Protest {
                    // a definite reference to something not reported as such: not an event
                    note(false, "a definite reference to nothing reported before");
                    continue;
                }
            }
            let partyless = !any && row.category != Category::Protest
                || c.actors.is_empty()
                    && c.recipients.is_empty()
                    && c.extra_recipient.is_none()
                    && c.extra_actor.is_none();
            if partyless {
                // وقتل 286 شخصا في الاشتباكات: no party of its own, but the toll of the attack
                // reported just before
                lend_toll(&mut cands, last_of.get(&Category::Assault).copied(), &c);
                note(false, "no party in its clause");
                continue;
            }
            // في بداية مايو ونهاية يونيو: one happening per coordinated date.
            // Coordinated dates in the clause (في بداية مايو ونهاية يونيو): valued or not.
            let in_clause: Vec<&(Range<usize>, Option<String>)> =
                dates_at.inside(&all_dates, &(t.toks.end..scope.end), |(r, _)| r);
            let second = in_clause.windows(2).find_map(|w| {
                let (r0, v0) = w[0];
                let (r, v) = w[1];
                let joined = (r.start > r0.end
                    && (r0.end..r.start).all(|k| matches!(cx.w(k), "و" | "،" | ",")))
                    || (r.start == r0.end && cx.w(r.start).starts_with('و'));
                (joined && (v != v0 || v.is_none())).then(|| v.clone())
            });
            if let Some(v) = second {
                let mut c2 = c.clone();
                c2.date = v;
                c2.date_source = DateSource::Text;
                c2.coord = 2;
                c.coord = 1;
                push(&mut cands, &mut last_of, c);
                push(&mut cands, &mut last_of, c2);
                note(true, "kept: one event per coordinated date");
                continue;
            }
            push(&mut cands, &mut last_of, c);
            note(true, "kept");
        }
    }
    let mut merged = merge(cands, ents);
    story_dates(&mut merged, story, anchor);
    let events = merged
        .into_iter()
        .map(|c| to_out(c, ents, text, span))
        .collect();
    (events, considered)
}

/// The title and lead: the first sentences that are not boilerplate.
const LEAD_SENTENCES: usize = 3;

/// Tokens after "بعد شهر من" read as the noun phrase that the duration is counted from.
const OFFSET_NP: usize = 3;

/// Add a candidate, remembering it as the last of its type.
fn push(cands: &mut Vec<Cand>, last_of: &mut HashMap<Category, usize>, c: Cand) {
    last_of.insert(c.category, cands.len());
    cands.push(c);
}

//! Common-noun parties (مسلحون، الجيش، قوات الأمن، المدنيين): found on the tokens that no
//! knowledge-base or tagged mention covers, and given, per event, the country the event
//! happened in.

use super::*;
use hadath_core::Sector;
use std::borrow::Cow;

/// The document's mentions with its common-noun parties added, in text order.
pub(super) fn with_generic<'e>(
    data: &Data,
    tokens: &[Token],
    folded: &Folded,
    ents: &'e [Ent],
    about: Option<&str>,
) -> Cow<'e, [Ent]> {
    let found = generic(data, tokens, folded, ents, about);
    if found.is_empty() {
        return Cow::Borrowed(ents);
    }
    let mut all = Vec::with_capacity(ents.len() + found.len());
    let (mut a, mut b) = (ents.iter().peekable(), found.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.src.start <= y.src.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_a {
            all.extend(a.next().cloned());
        } else {
            all.extend(b.next());
        }
    }
    Cow::Owned(all)
}

/// `about`: the state the document is mostly about, which a theatre party (التحالف) needs.
fn generic(
    data: &Data,
    tokens: &[Token],
    folded: &Folded,
    ents: &[Ent],
    about: Option<&str>,
) -> Vec<Ent> {
    let parties = &data.parties;
    // The mentions in text order (they may nest: `reach` keeps the widest end of those starting
    // before the token), and the state forces last named before it (القوات التركية … القوات
    // المسلحة): what a bare الجيش or الشرطة after them refers to.
    let mut by_start: Vec<&Ent> = ents.iter().collect();
    by_start.sort_by_key(|e| e.src.start);
    let (mut ci, mut reach) = (0, 0);
    let mut forces: Option<&str> = None;
    let mut out = Vec::new();
    let w = |i: usize| tokens.get(i).map_or("", |t| t.text(folded));
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        while ci < by_start.len() && by_start[ci].src.start <= t.source.start {
            let e = by_start[ci];
            reach = reach.max(e.src.end);
            if matches!(e.sector, Some(Sector::Mil | Sector::Cop)) && !e.pseudo {
                forces = e.code.as_deref().or(forces);
            }
            ci += 1;
        }
        if t.source.start < reach || !is_word(t) {
            i += 1;
            continue;
        }
        let next_mention = by_start.get(ci).map_or(usize::MAX, |e| e.src.start);
        let mut best: Option<(usize, hadath_core::Sector, usize)> = None;
        for v in clitic_readings(w(i)) {
            for &fi in parties.starting_with(v) {
                let (words, sector) = &parties.forms[fi];
                let n = words.len();
                let fits = i + n <= tokens.len()
                    && (1..n).all(|k| w(i + k) == words[k])
                    && tokens[i + n - 1].source.end <= next_mention;
                if fits && best.is_none_or(|(bn, _, _)| n > bn) {
                    best = Some((n, *sector, fi));
                }
            }
        }
        let Some((n, sector, fi)) = best else {
            i += 1;
            continue;
        };
        // الأمن القومي، الأمن الغذائي: a concept, not the security forces
        if n == 1 && data.words.has(crate::senses::CONCEPT_AFTER, w(i + 1)) {
            i += 1;
            continue;
        }
        // مسلحون حوثيون، الجيش السوري: the nationality after it names the party.
        let nationality_follows = tokens.get(i + n).is_some_and(|x| {
            by_start
                .get(ci)
                .is_some_and(|e| e.src.start == x.source.start)
        });
        if !nationality_follows {
            out.push(Ent {
                src: t.source.start..tokens[i + n - 1].source.end,
                kind: "group",
                name: None,
                code: if parties.theatres[fi].is_empty() {
                    matches!(sector, Sector::Mil | Sector::Cop)
                        .then(|| forces.map(str::to_string))
                        .flatten()
                } else {
                    // a theatre party stands for its state in that war, or for none elsewhere
                    about.and_then(|a| {
                        parties.theatres[fi]
                            .iter()
                            .find(|(at, _)| at == a)
                            .map(|(_, code)| code.clone())
                    })
                },
                office: None,
                via: "generic",
                actor: true,
                media: false,
                place: false,
                country: false,
                pseudo: false,
                generic: true,
                pinpoint: false,
                place_as: None,
                inner: false,
                sector: Some(sector),
                geo: None,
            });
        }
        i += n;
    }
    out
}

/// The word as written, without و/ف, and without ب/ل/ك (after و/ف too), as slices of it: a
/// form indexed with لل for ال finds للمسلحين as written.
fn clitic_readings(w: &str) -> impl Iterator<Item = &str> {
    fn long(r: &&str) -> bool {
        r.chars().count() >= 2
    }
    let conj = w.strip_prefix(['و', 'ف']).filter(long);
    let bases = std::iter::once(w).chain(conj);
    bases
        .clone()
        .chain(bases.filter_map(|b| b.strip_prefix(['ب', 'ل', 'ك']).filter(long)))
}

/// The code of party `i` in candidate `c`: its own, or for a common-noun party the country
/// the event happened in.
pub(super) fn code_of<'a>(c: &'a Cand, i: usize, ents: &'a [Ent]) -> Option<&'a str> {
    let e = &ents[i];
    if e.media {
        return None;
    }
    match e.code.as_deref() {
        Some(code) => Some(code),
        None if e.generic => match e.sector {
            Some(Sector::Mil | Sector::Cop | Sector::Gov) => c.home.as_deref(),
            _ => c.operating.as_deref(),
        },
        None => None,
    }
}

/// In an attack, civilians, protesters and the displaced, and a counted group (14 جنديا، ثلاثة
/// مدنيين), are its victims: a common-noun party of that kind read as an actor (the subject of
/// an unvocalised passive, «14 جنديا قتلوا») is moved to the recipients, and the party named
/// with the act (بنيران هندية), if any, becomes the actor. `numbers` are the sentence's.
pub(super) fn victims_not_actors(
    cx: &Ctx<'_>,
    c: &mut Cand,
    ents: &[Ent],
    placed: &[Placed],
    numbers: &[&Num],
) {
    // a counted people (عشرة فلسطينيين، ثلاثة جنود سوريين) is a group of persons too
    let victim = |i: usize| {
        let e = &ents[i];
        let s = placed[i].toks.start;
        let counted = numbers.iter().any(|n| {
            n.toks.end == s || (n.toks.end + 1 == s && cx.has(crate::senses::PEOPLE, n.toks.end))
        });
        e.generic && matches!(e.sector, Some(Sector::Cvl | Sector::Opp | Sector::Ref))
            || (e.generic || e.kind == "nationality") && counted
    };
    if c.actors.iter().any(|&i| victim(i)) {
        let (moved, kept): (Vec<usize>, Vec<usize>) = c.actors.iter().partition(|&&i| victim(i));
        c.actors = kept;
        for i in moved {
            if !c.recipients.contains(&i) {
                c.recipients.push(i);
            }
        }
    }
    // «أربعة مدنيين قتلوا بنيران هندية»: the subject was the victim; the act's owner did it
    if c.actors.is_empty() && !c.agent.is_empty() {
        let agent = std::mem::take(&mut c.agent);
        c.recipients.retain(|i| !agent.contains(i));
        c.actors = agent;
    }
}

/// The state the document is mostly about: its most mentioned state code, a mention in the
/// title or lead (the first `lead` sentences that are not boilerplate) counting three times.
/// The people of an unplaced protest, the army of a report that does not name its state.
pub(super) fn dominant_state(analysis: &Analysis, ents: &[Ent], lead: usize) -> Option<usize> {
    let lead_end = analysis
        .sentences()
        .iter()
        .filter(|s| s.boilerplate.is_none())
        .nth(lead - 1)
        .map_or(usize::MAX, |s| s.source.end);
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (i, e) in ents.iter().enumerate() {
        if e.pseudo || e.media || e.generic {
            continue;
        }
        if let Some(c) = e.code.as_deref().filter(|c| c.len() == 3) {
            let w = if e.src.start < lead_end { 3 } else { 1 };
            match counts.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += w,
                None => counts.push((c, w, i)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    counts.first().map(|x| x.2)
}

/// The countries a candidate's common-noun parties take: armed men and civilians the country
/// the event happened in (its place's state, else the document's); the army and the police
/// the state the document is mostly about.
pub(super) fn set_countries(c: &mut Cand, ents: &[Ent], dominant: Option<usize>) {
    c.home = dominant.and_then(|i| ents[i].code.clone());
    c.operating = c
        .location
        .and_then(|i| {
            let e = &ents[i];
            e.place_as
                .as_ref()
                .map_or(e.code.as_ref(), |(_, code)| code.as_ref())
        })
        .cloned()
        .or_else(|| c.home.clone());
}

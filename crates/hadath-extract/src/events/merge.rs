use super::*;

pub(super) fn codes(c: &Cand, ents: &[Ent]) -> Vec<String> {
    let mut v: Vec<String> = c
        .actors
        .iter()
        .chain(&c.recipients)
        .chain(&c.mediators)
        .chain(c.extra_recipient.iter())
        .chain(c.extra_actor.iter())
        .filter_map(|&i| code_of(c, i, ents).map(str::to_string))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The happening `c` reports, as [`happening::same_happening`] compares it. The keys live in
/// `keys` (participant codes, then actor codes).
pub(super) fn report<'a>(
    c: &Cand,
    date: Option<&'a DateRange>,
    keys: &'a (Vec<&'a str>, Vec<&'a str>),
) -> Report<'a> {
    Report {
        kind: c.category,
        modality: c.modality,
        date,
        weak_date: c.date_source == DateSource::Publication,
        codes: &keys.0,
        actor_codes: &keys.1,
        place: None,
    }
}

pub(super) fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Two candidates report the same happening (the shared rule, [`Scope::Document`]), and two
/// coordinated clauses of one sentence are never one.
pub(super) fn same_happening(o: &Cand, c: &Cand, ents: &[Ent]) -> bool {
    if o.sent == c.sent && o.coord != 0 && c.coord != 0 && o.coord != c.coord {
        return false;
    }
    let (oc, cc) = (codes(o, ents), codes(c, ents));
    let actor_codes = |x: &Cand| -> Vec<String> {
        x.actors
            .iter()
            .filter_map(|&i| code_of(x, i, ents).map(str::to_string))
            .collect()
    };
    let (oa, ca) = (actor_codes(o), actor_codes(c));
    let (ok, ck) = ((strs(&oc), strs(&oa)), (strs(&cc), strs(&ca)));
    let (od, cd) = (
        o.date.as_deref().and_then(DateRange::parse),
        c.date.as_deref().and_then(DateRange::parse),
    );
    let (a, b) = (report(o, od.as_ref(), &ok), report(c, cd.as_ref(), &ck));
    happening::same_happening(&a, &b, Scope::Document).is_some()
}

/// Whether place `new` should replace place `old` of a happening: a place over none, a known
/// place over one the knowledge base does not know.
pub(super) fn better_place(old: Option<usize>, new: Option<usize>, ents: &[Ent]) -> bool {
    let known = |l: Option<usize>| l.is_some_and(|i| ents[i].code.is_some());
    new.is_some() && (old.is_none() || (!known(old) && known(new)))
}

/// Happenings bound to a place: two places, two happenings.
fn on_the_ground(c: Category) -> bool {
    matches!(c, Category::Assault | Category::Coerce | Category::Protest)
}

/// Both candidates name a town or a province the knowledge base knows, and not the same one.
/// (A broad or disputed region and a town in it may be one happening: they never split.)
fn places_differ(a: Option<usize>, b: Option<usize>, ents: &[Ent]) -> bool {
    let name = |i: Option<usize>| {
        i.filter(|&i| ents[i].pinpoint)
            .and_then(|i| ents[i].name.as_deref())
    };
    matches!((name(a), name(b)), (Some(x), Some(y)) if x != y)
}

/// Both candidates name a place and not the same one, at any level (a town, a province, a
/// country): across sentences, two reports in two places are two happenings unless more than
/// their parties ties them.
fn places_apart(a: Option<usize>, b: Option<usize>, ents: &[Ent]) -> bool {
    let name = |i: Option<usize>| i.and_then(|i| ents[i].name.as_deref());
    matches!((name(a), name(b)), (Some(x), Some(y)) if x != y)
}

/// One event per happening: same type, compatible dates, participants overlapping.
pub(super) fn merge(cands: Vec<Cand>, ents: &[Ent]) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for c in cands {
        let cc = codes(&c, ents);
        let hit = out.iter_mut().find(|o| {
            // attacks, arrests and protests in two named places are two happenings, even in
            // one war (clashes in three towns, strikes on several villages)
            if on_the_ground(c.category) && places_differ(o.location, c.location, ents) {
                return false;
            }
            // within one sentence, two reports of the same type sharing a party are one
            if o.sent == c.sent
                && o.category == c.category
                && o.coord == c.coord
                && o.modality == c.modality
                && dates_compatible(o, &c)
                && codes(o, ents).iter().any(|x| cc.contains(x))
            {
                return true;
            }
            if !same_happening(o, &c, ents) {
                return false;
            }
            if o.sent == c.sent {
                return true;
            }
            // across sentences: the same parties, or the same explicit date, or a report in
            // the title/lead and a close match
            let oc = codes(o, ents);
            // the same parties: one happening, unless both are on the ground and each names a
            // place the other does not (in a one-country war every battle has the same codes)
            if oc == cc
                && !(on_the_ground(c.category) && places_apart(o.location, c.location, ents))
            {
                return true;
            }
            let strong = |x: &Cand| x.date.is_some() && x.date_source != DateSource::Publication;
            if strong(o) && strong(&c) {
                return true;
            }
            let inter = oc.iter().filter(|x| cc.contains(x)).count();
            let uni = oc.len() + cc.len() - inter;
            // a one-party report of the lead's happening on the same day (ستعقد المحادثات في
            // سوتشي after "بوتين يستضيف محادثات مع أرمينيا وأذربيجان"): a detail of it
            let detail = o.lead
                && cc.len() == 1
                && oc.len() > 1
                && oc.contains(&cc[0])
                && o.date.is_some()
                && o.date == c.date;
            ((o.lead || c.lead) && inter * 5 >= uni * 3) || detail
        });
        match hit {
            Some(o) => {
                o.all_evidence.push(c.evidence.clone());
                // the fuller report of a headline's happening (in the lead) brings its parties
                let oc = codes(o, ents);
                if o.sent == 0
                    && cc.len() > oc.len()
                    && cc.len() <= oc.len() + 2
                    && oc.iter().all(|x| cc.contains(x))
                {
                    o.actors = c.actors.clone();
                    o.recipients = c.recipients.clone();
                    o.mediators = c.mediators.clone();
                    o.extra_recipient = c.extra_recipient;
                    o.extra_actor = c.extra_actor;
                }
                let weak = |x: &Cand| x.date.is_none() || x.date_source == DateSource::Publication;
                if weak(o) && !weak(&c) {
                    o.date = c.date.clone();
                    o.date_source = c.date_source;
                    if c.modality == Modality::Historical || o.modality == Modality::Asserted {
                        o.modality = c.modality;
                    }
                }
                if better_place(o.location, c.location, ents) {
                    o.location = c.location;
                }
                if o.dead.is_none() {
                    o.dead = c.dead.clone();
                }
                if o.injured.is_none() {
                    o.injured = c.injured;
                }
                if o.arrested.is_none() {
                    o.arrested = c.arrested;
                }
                if o.attribution.is_none() {
                    o.attribution = c.attribution;
                }
                if o.source.is_none() {
                    o.source = c.source;
                }
            }
            None => out.push(c),
        }
    }
    out
}

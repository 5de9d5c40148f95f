//! Entities of a document: knowledge-base mentions first, then the statistical tagger's names
//! that the knowledge base did not cover, deduplicated, in text order.

use crate::index::BySpan;
use hadath_lexicon::{EntityKind, Lexicon, MatchHow};
use hadath_ner::{DocSentence, KeyedGazetteer, NerKind, NerModel};
use hadath_text::Analysis;
use jiff::civil::Date;
use std::collections::HashMap;
use std::ops::Range;

/// One entity mention (byte offsets).
#[derive(Debug, Clone)]
pub(crate) struct Ent {
    pub src: Range<usize>,
    /// Contract type: person, organization, country, city, region, location, nationality.
    pub kind: &'static str,
    pub name: Option<String>,
    pub code: Option<String>,
    pub office: Option<String>,
    pub via: &'static str,
    /// Can take part in an event (a state, IGO, person, organisation, nationality, metonym).
    pub actor: bool,
    /// A news outlet: a source, never a participant.
    pub media: bool,
    /// A place (city, region, location): where an event happened.
    pub place: bool,
    /// Stands for a whole state (country name, metonym) rather than a person or body of it.
    pub country: bool,
    /// Not a mention of its own: a reading of "the two sides" (الطرفين) as the salient pair.
    pub pseudo: bool,
    /// For a metonym that is also a city or region (بروكسل: the EU, and Brussels): that place's
    /// name and code, used when the mention is where an event happened (في بروكسل).
    pub place_as: Option<(String, Option<String>)>,
    /// A name inside another mention that carries it (the state in «سفير الصين»): reported
    /// among the entities, left out of the event stage, which reads the outer mention.
    pub inner: bool,
    /// The PLOVER sector its knowledge-base entry gives (`data/kb/sectors.tsv`).
    pub sector: Option<hadath_core::Sector>,
    /// A town or a province (not a broad or disputed region, a sea or a corridor): two such
    /// places named for two reports make them two happenings.
    pub pinpoint: bool,
    /// A common-noun party (مسلحون، الجيش، المدنيين: `data/events/parties.tsv`): no name and
    /// no code of its own; an event gives it the country it happened in.
    pub generic: bool,
    /// Where a place (or a country) lies, from the gazetteer, with the reason.
    pub geo: Option<Box<crate::geo::Geo>>,
}

/// Whether a knowledge-base mention lying strictly inside a longer name that the tagger found
/// is only a piece of that name: a place or nationality word inside a club, bank or person
/// name (ريال مدريد، بنك إيطاليا المركزي، أشرف غاني), or one word of a person's name read
/// alone (زين in زين العابدين بن علي). Longer names the knowledge base knows are kept.
fn piece_of_name(e: &Ent, tagged: NerKind, words: usize) -> bool {
    match e.kind {
        "nationality" | "city" | "region" | "location" | "country" => {
            matches!(tagged, NerKind::Pers | NerKind::Org)
        }
        "person" => tagged == NerKind::Pers && words == 1,
        _ => false,
    }
}

/// The city or region reading of a metonym's words (بروكسل: the EU, and Brussels).
fn place_reading(lex: &Lexicon, surface: &str) -> Option<(String, Option<String>)> {
    lex.lookup(surface)
        .into_iter()
        .find(|e| {
            matches!(
                e.kind,
                EntityKind::City | EntityKind::Region | EntityKind::Location
            )
        })
        .map(|e| (e.name.clone(), e.code.clone()))
}

fn how_str(h: MatchHow) -> &'static str {
    match h {
        MatchHow::Exact => "kb",
        MatchHow::Clitic => "clitic",
        MatchHow::Variant => "variant",
        MatchHow::Partial => "partial",
        MatchHow::Title => "title",
        MatchHow::Nisba => "nisba",
        MatchHow::Metonym => "metonym",
    }
}

/// Words meaning "the two sides / the two countries": they stand for the salient pair.
const PAIR_WORDS: &[&str] = &[
    "الطرفين",
    "الطرفان",
    "البلدين",
    "البلدان",
    "الجانبين",
    "الجانبان",
    "الدولتين",
    "الدولتان",
    "كليهما",
    "الزعيمين",
    "الزعيمان",
    "الرئيسين",
    "الرئيسان",
];

#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    lex: &Lexicon,
    gaz: &hadath_geo::Gazetteer,
    sectors: &crate::lexdata::Sectors,
    analysis: &Analysis,
    text: &str,
    date: Option<Date>,
    ner: bool,
) -> Vec<Ent> {
    let folded = analysis.folded();
    let tokens = analysis.tokens();
    let mentions = lex.find_mentions(text, folded, tokens, date);
    let mut out: Vec<Ent> = Vec::with_capacity(mentions.len() + 8);
    for m in mentions {
        // News outlets are sources, never parties.
        let entry = m.entry.and_then(|id| lex.entry(id));
        let media = entry.is_some_and(|e| e.subkind == "media");
        let sector = sectors.of(
            entry.map_or("", |e| &e.subkind),
            m.office.map(|o| o.as_str()),
            m.kind.as_str(),
        );
        let place = matches!(
            m.kind,
            EntityKind::City | EntityKind::Region | EntityKind::Location
        ) && m.how != MatchHow::Metonym;
        // A person named only by office ("الرئيس الروسي") is a role mention: resolved, but no
        // name is written, so it is not typed as a name.
        let kind = if m.unnamed { "role" } else { m.kind.as_str() };
        out.push(Ent {
            kind,
            name: Some(m.name.clone()),
            code: m.code.clone(),
            office: m.office.map(|o| o.as_str().to_string()),
            via: how_str(m.how),
            actor: m.is_actor() && !media && !m.in_title,
            media,
            place: place && !m.in_title,
            country: (m.kind == EntityKind::Country || m.how == MatchHow::Metonym) && !m.in_title,
            pseudo: false,
            generic: false,
            pinpoint: place
                && (m.kind == EntityKind::City
                    || m.kind == EntityKind::Region
                        && entry.is_some_and(|e| e.subkind == "province")),
            place_as: (m.how == MatchHow::Metonym)
                .then(|| place_reading(lex, &text[m.source.clone()]))
                .flatten(),
            inner: m.in_title,
            src: m.source,
            sector,
            geo: None,
        });
    }
    if ner {
        // The gazetteer model, with the knowledge base's word flags as its gazetteer, over the
        // whole document: its second pass reads how a name was tagged in nearby sentences.
        let model = NerModel::embedded_gazetteer();
        // Keyed by the lexicon's version: the tagger keeps each word's flags between documents.
        let gaz = KeyedGazetteer::new(lex.version(), |w: &str| lex.gazetteer_flags(w));
        let sentences = DocSentence::of_document(text, analysis);
        let mut extra = Vec::new();
        let mut gone = vec![false; out.len()];
        let spans = BySpan::new(out.iter().map(|e| &e.src));
        for sp in model
            .tag_document(&sentences, Some(&gaz))
            .into_iter()
            .flatten()
        {
            if sp.kind == NerKind::Misc {
                continue;
            }
            let (a, b) = (sp.source.start, sp.source.end);
            let mut under = spans.overlapping(a, b);
            under.retain(|&i| !gone[i]);
            // A longer name around knowledge-base pieces of it replaces them: longer by whole
            // words, not just by the clitics the knowledge base leaves out of its spans
            // (لبوتين). Otherwise the knowledge base's reading stands.
            let words = |r: &Range<usize>| text[r.clone()].split_whitespace().count();
            let piece_words: usize = under.iter().map(|&i| words(&out[i].src)).sum();
            let replaces = !under.is_empty()
                && words(&sp.source) > piece_words
                && under.iter().all(|&i| {
                    let e = &out[i];
                    let r = &e.src;
                    a <= r.start && r.end <= b && piece_of_name(e, sp.kind, words(r))
                });
            if !under.is_empty() && !replaces {
                continue;
            }
            // What the pieces tell: an organisation's state (بنك إيطاليا المركزي → ITA); a
            // person's office and state when the piece came from a title before the name.
            let mut code = None;
            let mut office = None;
            for &i in &under {
                gone[i] = true;
                let e = &out[i];
                match sp.kind {
                    NerKind::Org if code.is_none() => code = e.code.clone(),
                    NerKind::Pers if e.via == "title" && e.kind == "person" => {
                        code = e.code.clone();
                        office = e.office.clone();
                    }
                    _ => {}
                }
            }
            extra.push(Ent {
                kind: match sp.kind {
                    NerKind::Pers => "person",
                    NerKind::Org => "organization",
                    _ => "location",
                },
                name: None,
                code,
                office,
                via: "ner",
                actor: sp.kind != NerKind::Loc,
                media: false,
                place: sp.kind == NerKind::Loc,
                country: false,
                pseudo: false,
                generic: false,
                pinpoint: false,
                place_as: None,
                inner: false,
                src: sp.source,
                sector: None,
                geo: None,
            });
        }
        let mut gone = gone.into_iter();
        out.retain(|_| !gone.next().unwrap_or(false));
        out.extend(extra);
    }
    out.sort_by_key(|e| (e.src.start, std::cmp::Reverse(e.src.end)));
    // Drop mentions nested in a longer one (keep the outer).
    let mut kept: Vec<Ent> = Vec::with_capacity(out.len());
    // The last mention kept that is not the title's.
    let mut last_outer: Option<usize> = None;
    for e in out {
        if e.inner {
            kept.push(e);
            continue;
        }
        if let Some(last) = last_outer.map(|i| &kept[i]) {
            if e.src.start >= last.src.start && e.src.end <= last.src.end && e.src != last.src {
                continue;
            }
            if e.src == last.src && e.code.is_none() {
                continue;
            }
        }
        last_outer = Some(kept.len());
        kept.push(e);
    }
    add_pairs(analysis, text, &mut kept);
    add_local_authorities(analysis, &mut kept);
    crate::geo::resolve(
        gaz,
        hadath_geo::Rules::embedded(),
        analysis,
        text,
        &mut kept,
    );
    kept
}

/// Bare «الحكومة، السلطات، الجيش، الشرطة» with no state named: the document's own state (the
/// one it mentions most), for events only.
fn add_local_authorities(analysis: &Analysis, ents: &mut Vec<Ent>) {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in ents.iter().filter(|e| e.actor && !e.pseudo && !e.media) {
        if let Some(c) = e.code.as_deref().filter(|c| c.len() == 3) {
            match counts.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += 1,
                None => counts.push((c.to_string(), 1)),
            }
        }
    }
    counts.sort_by_key(|x| std::cmp::Reverse(x.1));
    // only when one state clearly dominates
    let Some((code, n)) = counts.first().cloned() else {
        return;
    };
    if counts.get(1).is_some_and(|x| x.1 * 2 > n) {
        return;
    }
    let folded = analysis.folded();
    let toks = analysis.tokens();
    let mut extra = Vec::new();
    let spans = BySpan::new(ents.iter().map(|e| &e.src));
    for (i, t) in toks.iter().enumerate() {
        let w = t.text(folded);
        let w = w.strip_prefix('و').unwrap_or(w);
        if !matches!(w, "الحكومه" | "السلطات" | "الجيش" | "الشرطه") {
            continue;
        }
        let covered = !spans.overlapping(t.source.start, t.source.end).is_empty();
        // a state named right after (الحكومة السودانية، جيش الاحتلال) is the lexicon's business
        let named_after = toks
            .get(i + 1)
            .is_some_and(|n| !spans.starting_in(n.source.start, n.source.end).is_empty());
        if covered || named_after {
            continue;
        }
        extra.push(Ent {
            src: t.source.clone(),
            kind: "organization",
            name: None,
            code: Some(code.clone()),
            office: None,
            via: "local",
            actor: true,
            media: false,
            place: false,
            country: false,
            pseudo: true,
            generic: false,
            pinpoint: false,
            place_as: None,
            inner: false,
            sector: None,
            geo: None,
        });
    }
    if !extra.is_empty() {
        ents.extend(extra);
        ents.sort_by_key(|e| (e.src.start, std::cmp::Reverse(e.src.end)));
    }
}

/// "The two sides" (الطرفين، البلدين) read as the two states most mentioned so far.
fn add_pairs(analysis: &Analysis, text: &str, ents: &mut Vec<Ent>) {
    let folded = analysis.folded();
    let toks = analysis.tokens();
    // Pairs named as "بين X وY": the salient dyad of the text so far.
    let mut between: Vec<(usize, String, String)> = Vec::new();
    // (the mentions are sorted by start) the first coded actor at or after each mention
    let mut next_coded: Vec<Option<usize>> = vec![None; ents.len() + 1];
    for j in (0..ents.len()).rev() {
        next_coded[j] = if ents[j].actor && ents[j].code.is_some() {
            Some(j)
        } else {
            next_coded[j + 1]
        };
    }
    for (i, e) in ents.iter().enumerate() {
        let Some(c1) = e.code.as_deref().filter(|c| c.len() == 3 && e.actor) else {
            continue;
        };
        let pre = text[..e.src.start].trim_end();
        let tail: String = {
            let mut v: Vec<char> = pre.chars().rev().take(6).collect();
            v.reverse();
            v.into_iter().collect()
        };
        let pre_fold = hadath_text::fold(&tail);
        if !pre_fold.ends_with("بين") {
            continue;
        }
        let after = ents.partition_point(|n| n.src.start < e.src.end).max(i + 1);
        if let Some(n) = next_coded[after].map(|j| &ents[j]) {
            let gap = hadath_text::fold(text[e.src.end..n.src.start].trim());
            let c2 = n.code.as_deref().unwrap_or("");
            if (gap == "و" || gap == "،و" || gap == ",و") && c2.len() == 3 && c2 != c1 {
                between.push((n.src.end, c1.to_string(), c2.to_string()));
            }
        }
    }
    // The last pair ending by a position: pairs by end, with the latest pair up to each.
    let mut by_end: Vec<(usize, usize)> =
        between.iter().enumerate().map(|(j, b)| (b.0, j)).collect();
    by_end.sort_unstable();
    let latest: Vec<usize> = by_end
        .iter()
        .scan(0, |m, &(_, j)| {
            *m = j.max(*m);
            Some(*m)
        })
        .collect();
    // The states named so far (by mentions ending before the token, taken in order of their
    // end): code → (mentions, last start, first mention's index).
    let mut by_end_ents: Vec<usize> = (0..ents.len()).collect();
    by_end_ents.sort_by_key(|&i| ents[i].src.end);
    let mut counted = 0;
    let mut named: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    let mut extra = Vec::new();
    for (ti, t) in toks.iter().enumerate() {
        let w = t.text(folded);
        let w = w
            .strip_prefix('و')
            .filter(|r| PAIR_WORDS.iter().any(|p| r.ends_with(p)))
            .unwrap_or(w);
        // للطرفين is ل + الطرفين
        let lam = w.strip_prefix("لل").map(|r| format!("ال{r}"));
        let w = lam.as_deref().unwrap_or(w);
        let mut hit = PAIR_WORDS
            .iter()
            .any(|p| w == *p || (w.len() == p.len() + 2 && w.ends_with(p)));
        // جميع الأطراف، كافة الأطراف، كلا الطرفين
        if !hit && (w == "الاطراف" || w == "الجانبين") && ti > 0 {
            let p = toks[ti - 1].text(folded);
            hit = matches!(p, "جميع" | "كافه" | "كل" | "كلا" | "لجميع" | "لكافه");
        }
        if !hit {
            continue;
        }
        let k = by_end.partition_point(|&(end, _)| end <= t.source.start);
        if let Some((_, a, b)) = k.checked_sub(1).map(|k| &between[latest[k]]) {
            for c in [a, b] {
                extra.push(Ent {
                    src: t.source.clone(),
                    kind: "country",
                    name: None,
                    code: Some(c.clone()),
                    office: None,
                    via: "pair",
                    actor: true,
                    media: false,
                    place: false,
                    country: true,
                    pseudo: true,
                    generic: false,
                    pinpoint: false,
                    place_as: None,
                    inner: false,
                    sector: None,
                    geo: None,
                });
            }
            continue;
        }
        while counted < by_end_ents.len() && ents[by_end_ents[counted]].src.end <= t.source.start {
            let i = by_end_ents[counted];
            counted += 1;
            let e = &ents[i];
            if !e.actor || e.pseudo {
                continue;
            }
            let Some(c) = e.code.as_deref().filter(|c| c.len() == 3) else {
                continue;
            };
            let x = named.entry(c).or_insert((0, e.src.start, i));
            x.0 += 1;
            x.1 = x.1.max(e.src.start);
            x.2 = x.2.min(i);
        }
        if named.len() < 2 {
            continue;
        }
        // the most named first, then the latest named, then the first named
        let mut counts: Vec<(&str, usize, usize, usize)> =
            named.iter().map(|(c, x)| (*c, x.0, x.1, x.2)).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
        for (c, _, _, _) in counts.into_iter().take(2) {
            let c = c.to_string();
            extra.push(Ent {
                src: t.source.clone(),
                kind: "country",
                name: None,
                code: Some(c),
                office: None,
                via: "pair",
                actor: true,
                media: false,
                place: false,
                country: true,
                pseudo: true,
                generic: false,
                pinpoint: false,
                place_as: None,
                inner: false,
                sector: None,
                geo: None,
            });
        }
    }
    if !extra.is_empty() {
        ents.extend(extra);
        ents.sort_by_key(|e| (e.src.start, std::cmp::Reverse(e.src.end)));
    }
}

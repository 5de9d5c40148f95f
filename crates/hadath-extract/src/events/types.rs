use super::*;

/// A matched trigger in a sentence (token indices relative to the document).
#[derive(Debug, Clone)]
pub(super) struct Trig {
    pub(super) toks: Range<usize>,
    pub(super) row: usize,
    pub(super) future_prefix: bool,
    /// A nominal trigger governed by a light verb before it (عقد … محادثات، شن … هجوما): the
    /// range then starts at the verb and the phrase reads as a verb.
    pub(super) extended: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    /// A finite trigger: bounds on both sides.
    Both,
    /// Bounds what follows it only (a complementiser: what comes after is a new clause).
    Left,
    /// Bounds what precedes it only (حسب، نقلا عن: what follows is the source).
    Right,
}

#[derive(Debug, Clone)]
pub(super) struct CueHit {
    pub(super) toks: Range<usize>,
    pub(super) cue: usize,
}

/// An event before merging.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    /// Sentence ordinal (non-boilerplate sentences) and whether it is in the title or lead.
    pub(super) sent: usize,
    pub(super) lead: bool,
    /// From a finite trigger (a verb or light-verb phrase).
    pub(super) finite: bool,
    /// 1 and 2 for the two events of coordinated dates: never merged with each other.
    pub(super) coord: u8,
    pub(super) category: Category,
    pub(super) mode: Option<Mode>,
    pub(super) actors: Vec<usize>,
    pub(super) recipients: Vec<usize>,
    pub(super) mediators: Vec<usize>,
    pub(super) extra_recipient: Option<usize>,
    /// The people of a place who protest, when no protester is named.
    pub(super) extra_actor: Option<usize>,
    pub(super) location: Option<usize>,
    /// The country the event happened in, for its common-noun non-state parties (مسلحون،
    /// المدنيين): its place's state, else the document's.
    pub(super) operating: Option<String>,
    /// The state the document is mostly about, for its common-noun state forces (الجيش،
    /// الشرطة), which may act abroad.
    pub(super) home: Option<String>,
    pub(super) date: Option<String>,
    pub(super) date_source: DateSource,
    pub(super) modality: Modality,
    pub(super) dead: Option<TollInfo>,
    pub(super) injured: Option<u64>,
    pub(super) arrested: Option<u64>,
    pub(super) attribution: Option<usize>,
    pub(super) source: Option<usize>,
    pub(super) evidence: Range<usize>,
    pub(super) trigger: Range<usize>,
    pub(super) all_evidence: Vec<Range<usize>>,
    /// The party named with the act after the trigger (بنيران هندية): the agent when the
    /// subject turns out to be the victim.
    pub(super) agent: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(super) struct TollInfo {
    pub(super) total: u64,
    pub(super) qualifier: &'static str,
    /// The bounds the words put on the count (أكثر من 20، ما بين 10 و15).
    pub(super) min: Option<u64>,
    pub(super) max: Option<u64>,
    pub(super) sides: Vec<(u64, Range<usize>, Option<usize>)>,
    /// Not this happening's alone: why, and where the words that scope it are in the text.
    pub(super) beyond: Option<(TollScope, Option<Range<usize>>)>,
}

pub(super) fn is_word(t: &Token) -> bool {
    t.kind != TokenKind::Punct
}

/// Readings of one folded word with its clitic prefixes stripped: (reading, kind) where kind is
/// 0 as written, 1 conjunction stripped, 2 preposition stripped (nouns only), 3 future سـ
/// stripped (verbs only).
pub(super) fn variants(w: &str) -> Vec<(String, u8)> {
    let mut out = vec![(w.to_string(), 0u8)];
    let long = |r: &str| r.chars().count() >= 2;
    let mut bases = vec![(w, 0u8)];
    if let Some(r) = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
        if long(r) {
            out.push((r.to_string(), 1));
            bases.push((r, 1));
        }
    }
    for (b, _) in bases {
        if let Some(r) = b.strip_prefix("لل") {
            if long(r) {
                out.push((format!("ال{r}"), 2));
            }
        }
        for p in ['ب', 'ل', 'ك'] {
            if let Some(r) = b.strip_prefix(p) {
                if long(r) {
                    out.push((r.to_string(), 2));
                }
            }
        }
        if let Some(r) = b.strip_prefix('س') {
            if r.starts_with(['ي', 'ت', 'ن', 'ا']) && r.chars().count() >= 3 {
                out.push((r.to_string(), 3));
            }
        }
    }
    out
}

/// Verbal categories: when their clause has no subject of its own, the speaker is the actor.
pub(super) const VERBAL: &[Category] = &[
    Category::Agree,
    Category::Consult,
    Category::Support,
    Category::Concede,
    Category::Request,
    Category::Accuse,
    Category::Reject,
    Category::Threaten,
];

pub(super) fn tok_range_of(tokens: &[Token], src: &Range<usize>) -> Range<usize> {
    let a = tokens.partition_point(|t| t.source.end <= src.start);
    let b = tokens.partition_point(|t| t.source.start < src.end);
    a..b.max(a + 1).min(tokens.len().max(a + 1))
}

pub(super) struct Ctx<'a> {
    pub(super) data: &'a Data,
    pub(super) ents: &'a [Ent],
    /// The first mention (not a pseudo one) starting at each byte.
    pub(super) ent_at: HashMap<usize, usize>,
    pub(super) folded: &'a Folded,
    pub(super) tokens: &'a [Token],
    pub(super) text: &'a str,
    /// Byte spans of names no trigger may fire inside (منظمة التعاون الإسلامي، بعقوبة), by start.
    pub(super) names: Vec<Range<usize>>,
}

/// The spans of the names in `ents` that a trigger word may not be read inside: places and
/// organisations (not nationalities, states or common-noun parties), sorted by start.
pub(super) fn name_spans(ents: &[Ent]) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = ents
        .iter()
        .filter(|e| {
            !e.generic
                && !e.pseudo
                && matches!(e.kind, "city" | "region" | "location" | "organization")
        })
        .map(|e| e.src.clone())
        .collect();
    v.sort_by_key(|r| r.start);
    v
}

/// Entities placed on tokens.
pub(super) struct Placed {
    pub(super) idx: usize,
    pub(super) toks: Range<usize>,
}

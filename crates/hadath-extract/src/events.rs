//! The events stage: triggers, roles, date, place, size, modality, attribution, and one event per
//! happening within a document.
//!
//! Method, per sentence that is not boilerplate, a question, an opinion or a generic statement:
//! 1. Trigger words and phrases (verbs in any person/tense, masdars, light-verb phrases) are
//!    matched over folded tokens with their clitics stripped, longest first.
//! 2. Each finite trigger (verb or light phrase), each verb of saying and each complementiser
//!    after one bounds the clauses of the others; a trigger's scope is the stretch between the
//!    nearest bounds. Nominal triggers that are the complement of another trigger in the same
//!    scope (دعا إلى وقف إطلاق النار) are its content, not events of their own.
//! 3. Roles come from the entities in the scope by their position (subject before or right
//!    after a verb, the rest as recipients), by the row's role pattern (passive: the subject is
//!    the victim, a nisba or من قبل names the agent; symmetric: everyone is a co-participant;
//!    host), and by mediator cues (برعاية، بوساطة، بحضور). Coordinated entities form one party.
//! 4. Date: the time expression nearest the trigger in its scope, else in its sentence, else the
//!    paragraph's last date, else the publication date (flagged `date_source: publication`).
//! 5. One event per happening: events of the same type, with compatible participants and dates,
//!    are merged, keeping every evidence span.

use crate::entities::Ent;
use crate::index::{capped, ByStart};
use crate::lexdata::{CueKind, Pos, Roles, Toll};
use crate::Data;
use hadath_core::happening::{self, Report, Scope};
use hadath_core::{
    Category, DateRange, DateSource, EventOut, Modality, Mode, PartyOut, SideToll, Size, SpanOut,
};
use hadath_text::{Analysis, Folded, Token, TokenKind};
use hadath_time::{Granularity, TimeAnalysis, TimexKind};
use jiff::civil::Date;
use std::collections::HashMap;
use std::ops::Range;

type SpanFn<'a> = dyn Fn(&Range<usize>) -> SpanOut + 'a;

/// A matched trigger in a sentence (token indices relative to the document).
#[derive(Debug, Clone)]
struct Trig {
    toks: Range<usize>,
    row: usize,
    future_prefix: bool,
    /// A nominal trigger governed by a light verb before it (عقد … محادثات، شن … هجوما): the
    /// range then starts at the verb and the phrase reads as a verb.
    extended: bool,
}

/// Light verbs that make a following nominal trigger a finite event (folded, no clitics).
const LIGHT_VERBS: &[&str] = &[
    "عقد",
    "عقدت",
    "عقدا",
    "عقدوا",
    "يعقد",
    "تعقد",
    "يعقدون",
    "يعقدان",
    "تعقدان",
    "اجري",
    "اجرت",
    "اجريا",
    "اجروا",
    "يجري",
    "تجري",
    "يجريان",
    "تجريان",
    "شن",
    "شنت",
    "شنوا",
    "يشن",
    "تشن",
    "نفذ",
    "نفذت",
    "نفذوا",
    "ينفذ",
    "تنفذ",
    "وجه",
    "وجهت",
    "يوجه",
    "قدم",
    "قدمت",
    "يقدم",
    "تقدم",
    "اطلق",
    "اطلقت",
    "يطلق",
    "تطلق",
    "بدا",
    "بدات",
    "يبدا",
    "تبدا",
    "استانف",
    "استانفت",
    "ابرم",
    "ابرمت",
    "نظم",
    "نظمت",
    "ينظم",
    "تنظم",
    "اعلن",
    "اعلنت",
    "فرض",
    "فرضت",
    "يفرض",
    "تفرض",
];

/// First words of rows that state a consequence (أسفر عن مقتل، أودى بحياة): their parties are
/// the victims after them, never the clause before.
const CONSEQUENCE: &[&str] = &[
    "اسفر",
    "اسفرت",
    "اودي",
    "اودت",
    "خلف",
    "خلفت",
    "اوقع",
    "اوقعت",
    "حصد",
    "حصدت",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// A finite trigger: bounds on both sides.
    Both,
    /// Bounds what follows it only (a complementiser: what comes after is a new clause).
    Left,
    /// Bounds what precedes it only (حسب، نقلا عن: what follows is the source).
    Right,
}

#[derive(Debug, Clone)]
struct CueHit {
    toks: Range<usize>,
    cue: usize,
}

/// An event before merging.
#[derive(Debug, Clone)]
struct Cand {
    /// Sentence ordinal (non-boilerplate sentences) and whether it is in the title or lead.
    sent: usize,
    lead: bool,
    /// From a finite trigger (a verb or light-verb phrase).
    finite: bool,
    /// 1 and 2 for the two events of coordinated dates: never merged with each other.
    coord: u8,
    category: Category,
    mode: Option<Mode>,
    actors: Vec<usize>,
    recipients: Vec<usize>,
    mediators: Vec<usize>,
    extra_recipient: Option<usize>,
    location: Option<usize>,
    date: Option<String>,
    date_source: DateSource,
    modality: Modality,
    dead: Option<TollInfo>,
    injured: Option<u64>,
    arrested: Option<u64>,
    attribution: Option<usize>,
    source: Option<usize>,
    evidence: Range<usize>,
    trigger: Range<usize>,
    all_evidence: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
struct TollInfo {
    total: u64,
    qualifier: &'static str,
    sides: Vec<(u64, Range<usize>, Option<usize>)>,
}

fn is_word(t: &Token) -> bool {
    t.kind != TokenKind::Punct
}

/// Readings of one folded word with its clitic prefixes stripped: (reading, kind) where kind is
/// 0 as written, 1 conjunction stripped, 2 preposition stripped (nouns only), 3 future سـ
/// stripped (verbs only).
fn variants(w: &str) -> Vec<(String, u8)> {
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

/// Words after which a past/present verb form with both an active and a passive reading is
/// passive (a count or a people noun right after it).
const PEOPLE: &[&str] = &[
    "مدنيين",
    "مدنيا",
    "مدني",
    "جنود",
    "جنديا",
    "جندي",
    "اشخاص",
    "شخصا",
    "شخص",
    "اطفال",
    "طفلا",
    "مسلحين",
    "مسلحا",
    "عناصر",
    "عنصرا",
    "افراد",
    "فلسطينيين",
    "فلسطينيا",
    "مواطنين",
    "مواطنا",
    "نساء",
    "امراه",
    "رجل",
    "ضابط",
    "ضباط",
    "عسكريين",
    "عسكريا",
    "مقاتلين",
    "مقاتلا",
    "شرطيين",
    "شرطيا",
    "متظاهرين",
    "متظاهرا",
    "صحفي",
    "صحفيا",
];

const SAYING: &[&str] = &[
    "قال",
    "أعلن",
    "أكد",
    "أضاف",
    "أوضح",
    "صرح",
    "ذكر",
    "أفاد",
    "كشف",
    "أشار",
    "اعتبر",
    "شدد",
    "أعرب",
    "نقلت عن",
    "نقلا عن",
];

const ACCORDING: &[&str] = &["حسب", "وفقا لـ", "نقلا عن", "نقلت عن", "مصادر", "وكالة"];

/// Verbal categories: when their clause has no subject of its own, the speaker is the actor.
const VERBAL: &[Category] = &[
    Category::Agree,
    Category::Consult,
    Category::Support,
    Category::Concede,
    Category::Request,
    Category::Accuse,
    Category::Reject,
    Category::Threaten,
];

fn tok_range_of(tokens: &[Token], src: &Range<usize>) -> Range<usize> {
    let a = tokens.partition_point(|t| t.source.end <= src.start);
    let b = tokens.partition_point(|t| t.source.start < src.end);
    a..b.max(a + 1).min(tokens.len().max(a + 1))
}

struct Ctx<'a> {
    data: &'a Data,
    ents: &'a [Ent],
    /// The first mention (not a pseudo one) starting at each byte.
    ent_at: HashMap<usize, usize>,
    folded: &'a Folded,
    tokens: &'a [Token],
    text: &'a str,
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.folded))
    }

    /// The word with a leading conjunction و/ف removed.
    fn bare(&self, i: usize) -> &str {
        let w = self.w(i);
        match w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
            Some(r) if r.chars().count() >= 2 => r,
            _ => w,
        }
    }

    fn find_cues(&self, toks: Range<usize>) -> Vec<CueHit> {
        let cues = &self.data.cues;
        let mut out = Vec::new();
        let mut i = toks.start;
        while i < toks.end {
            let mut best: Option<(usize, usize)> = None;
            let w = self.w(i);
            for first in [w, self.bare(i)] {
                for &pi in cues.starting_with(first) {
                    let (words, ci) = &cues.phrases[pi];
                    let n = words.len();
                    if i + n > toks.end {
                        continue;
                    }
                    if (1..n).all(|k| self.w(i + k) == words[k])
                        && best.is_none_or(|(bn, _)| n > bn)
                    {
                        best = Some((n, *ci));
                    }
                }
            }
            match best {
                Some((n, ci)) => {
                    out.push(CueHit {
                        toks: i..i + n,
                        cue: ci,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// How many tokens from `k` on are one entity mention (at most three, before `end`), or 0.
    fn subject_gap(&self, k: usize, end: usize) -> usize {
        if k >= end {
            return 0;
        }
        let Some(e) = self
            .ent_at
            .get(&self.tokens[k].source.start)
            .map(|&i| &self.ents[i])
        else {
            return 0;
        };
        let n = (k..end.min(k + 4))
            .take_while(|&j| self.tokens[j].source.end <= e.src.end)
            .count();
        if n <= 3 {
            n
        } else {
            0
        }
    }

    fn find_triggers(&self, toks: Range<usize>) -> Vec<Trig> {
        let tr = &self.data.triggers;
        let mut out = Vec::new();
        let mut i = toks.start;
        while i < toks.end {
            if !is_word(&self.tokens[i]) {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, Vec<usize>, u8, bool)> = None;
            // The subject gap after this word, worked out once and only if a phrase needs it.
            let mut gap: Option<usize> = None;
            for (v, kind) in variants(self.w(i)) {
                for &fi in tr.starting_with(&v) {
                    let form = &tr.forms[fi];
                    let n = form.words.len();
                    if i + n > toks.end {
                        continue;
                    }
                    let matches_at = |g: usize| {
                        i + n + g <= toks.end
                            && (1..n).all(|k| {
                                let w = self.w(i + k + g);
                                w == form.words[k]
                                    || (k + 1 == n
                                        && variants(w)
                                            .iter()
                                            .any(|(x, kd)| *kd > 0 && *x == form.words[k]))
                            })
                    };
                    // A two-word phrase may have its subject between the words, in
                    // verb-subject-object order (عرضت تركيا استضافة): a gap of up to three
                    // tokens, all inside entity mentions.
                    let g = if matches_at(0) {
                        0
                    } else if n == 2 {
                        let g = *gap.get_or_insert_with(|| self.subject_gap(i + 1, toks.end));
                        if g > 0 && matches_at(g) {
                            g
                        } else {
                            continue;
                        }
                    } else {
                        continue;
                    };
                    let n = n + g;
                    let rows: Vec<usize> = form
                        .rows
                        .iter()
                        .copied()
                        .filter(|&r| match kind {
                            2 => tr.rows[r].pos == Pos::Noun,
                            3 => tr.rows[r].pos != Pos::Noun,
                            _ => true,
                        })
                        .collect();
                    if rows.is_empty() {
                        continue;
                    }
                    if best
                        .as_ref()
                        .is_none_or(|(bn, _, bk, _)| n > *bn || (n == *bn && kind < *bk))
                    {
                        best = Some((n, rows, kind, g > 0));
                    }
                }
            }
            let Some((n, rows, kind, gapped)) = best else {
                i += 1;
                continue;
            };
            let range = i..i + n;
            if let Some(row) = self.pick_row(&rows, &range, toks.clone()) {
                out.push(Trig {
                    toks: range,
                    row,
                    future_prefix: kind == 3,
                    // the subject inside the phrase is read as in a light-verb phrase
                    extended: gapped,
                });
            }
            i += n;
        }
        out
    }

    /// A form of the verb وصف (describe), with or without a conjunction.
    fn is_describe(w: &str) -> bool {
        const FORMS: &[&str] = &[
            "وصف",
            "وصفت",
            "وصفا",
            "وصفوا",
            "يصف",
            "تصف",
            "يصفون",
            "يصفان",
        ];
        variants(w)
            .iter()
            .any(|(v, kind)| *kind <= 1 && FORMS.contains(&v.as_str()))
    }

    /// Whether a describing verb ending before `from` goes on, within the sentence, to call its
    /// object something damning: بأنه/بأنها + a damning word, or ب + a damning word.
    fn damning_follows(&self, from: usize, end: usize) -> bool {
        const DAMNING: &[&str] = &[
            "شائن",
            "مشين",
            "ارهاب",
            "جبان",
            "همجي",
            "وحشي",
            "اجرام",
            "جريم",
            "انقلاب",
            "عدوان",
            "عدائي",
            "انتهاك",
            "استفزاز",
            "بربري",
            "غادر",
            "خرق",
            "تخريب",
            "ابتزاز",
            "مرفوض",
            "مروع",
            "خسيس",
            "دنيء",
        ];
        let damning = |w: &str| {
            let w = w.trim_start_matches("ال");
            DAMNING.iter().any(|d| w.starts_with(d))
        };
        let stop = end.min(from + 14);
        for k in from..stop {
            let w = self.w(k);
            if matches!(w, "بانه" | "بانها" | "بانهم" | "بانهما") {
                return (k + 1..stop.min(k + 4)).any(|j| damning(self.w(j)));
            }
            if let Some(r) = w.strip_prefix('ب') {
                if damning(r) {
                    return true;
                }
            }
        }
        false
    }

    /// Choose among the rows of a matched form, or reject the match (guards for ambiguous
    /// forms).
    fn pick_row(&self, rows: &[usize], t: &Range<usize>, sent: Range<usize>) -> Option<usize> {
        let tr = &self.data.triggers;
        let first = self.bare(t.start);
        let next = self.w(t.end);
        let after: Vec<&str> = (t.end..(t.end + 6).min(sent.end))
            .map(|k| self.bare(k))
            .collect();
        let single = t.len() == 1;
        // Bare وقع (sign / occur): only with an agreement noun.
        if single && (first == "وقع" || first == "وقعت" || first == "وقعا" || first == "وقعوا")
        {
            let agreement = after.iter().any(|w| {
                let w = w.trim_start_matches("ال");
                ["اتفاق", "معاهد", "مذكر", "اعلان", "وثيق", "بروتوكول"]
                    .iter()
                    .any(|p| w.starts_with(p))
            });
            if !agreement {
                return None;
            }
        }
        // Bare حمل (carry / blame): only with مسؤولية.
        if single
            && first.starts_with("حمل")
            && !after
                .iter()
                .take(3)
                .any(|w| w.contains("مسوول") || w.contains("مسؤول"))
        {
            return None;
        }
        // وصف (describe): a condemnation only when what is described is called something
        // damning (وصف الهجوم بأنه عمل جبان، وصفت القرار بالاستفزازي).
        if single && Self::is_describe(self.w(t.start)) && !self.damning_follows(t.end, sent.end) {
            return None;
        }
        // فجر is also "dawn" (فجر أمس، فجر الجمعة).
        if single && (first == "فجر" || self.w(t.start) == "فجر") {
            let n = next.trim_start_matches('ا').trim_start_matches('ل');
            let time_word = [
                "امس",
                "يوم",
                "اليوم",
                "الجمعه",
                "السبت",
                "الاحد",
                "الاثنين",
                "الثلاثاء",
                "الاربعاء",
                "الخميس",
                "جمعه",
                "سبت",
                "احد",
                "اثنين",
                "ثلاثاء",
                "اربعاء",
                "خميس",
            ]
            .iter()
            .any(|x| next == *x || n == x.trim_start_matches("ال"));
            if time_word || self.w(t.start) == "فجر" && next.is_empty() {
                return None;
            }
        }
        let prev = if t.start > sent.start {
            self.bare(t.start - 1)
        } else {
            ""
        };
        let before: Vec<&str> = (t.start.saturating_sub(4).max(sent.start)..t.start)
            .map(|k| self.bare(k))
            .collect();
        // Natural disasters strike too (ضرب الزلزال، ضحايا الزلزال).
        let disaster = |w: &&str| {
            let w = w.trim_start_matches("ال");
            ["زلزال", "فيضان", "اعصار", "عاصف", "سيول", "حريق"]
                .iter()
                .any(|d| w.starts_with(d))
        };
        if tr.rows[rows[0]].category == Category::Assault
            && (before.iter().any(disaster) || after.iter().take(3).any(disaster))
        {
            return None;
        }
        // بحث is also "search" (فريق بحث وإنقاذ، عمليات البحث).
        if single && first == "بحث" && matches!(prev, "فريق" | "فرق" | "عمليات" | "اعمال" | "مركز")
        {
            return None;
        }
        // حذر من أن: a warning about a situation, not a threat.
        if (first.starts_with("حذر") || first.starts_with("يحذر") || first.starts_with("تحذر"))
            && next == "من"
            && matches!(
                self.bare(t.end + 1),
                "ان" | "انه" | "انها" | "تداعيات" | "خطر" | "مخاطر"
            )
        {
            return None;
        }
        // بحسب بيان مشترك، في بيان: a source, not an agreement.
        if first.ends_with("بيان") && matches!(prev, "حسب" | "بحسب" | "وفق" | "وفقا" | "في" | "عبر")
        {
            return None;
        }
        // وصل إلى طريق مسدود، إلى اتفاق: reaching a state, not a visit.
        if first.starts_with("وصل") || first.starts_with("يصل") || first.starts_with("تصل")
        {
            let dest = self.bare(t.end).trim_start_matches("ال");
            if [
                "طريق",
                "مرحل",
                "حد",
                "اتفاق",
                "نتيج",
                "ذرو",
                "مستوي",
                "سلط",
                "حكم",
                "تفاهم",
            ]
            .iter()
            .any(|p| dest.starts_with(p))
            {
                return None;
            }
        }
        // استدعى/استدعاء الاحتياط: a call-up (MOBILIZE), not a recalled ambassador.
        if tr.rows[rows[0]].category == Category::Sanction
            && first.starts_with("استدع")
            && after.iter().take(5).any(|w| w.contains("احتياط"))
        {
            if let Some(r) = tr
                .rows
                .iter()
                .position(|r| r.category == Category::Mobilize)
            {
                return Some(r);
            }
        }
        // ما يصل إلى: "up to", not an arrival.
        if t.start > sent.start
            && matches!(self.w(t.start - 1), "ما" | "لما" | "بما" | "مما")
            && first.starts_with(['ي', 'ت'])
        {
            return None;
        }
        // A nominal trigger right after منذ is a time reference (منذ حرب 2020).
        if t.start > sent.start && self.w(t.start - 1) == "منذ" {
            return None;
        }
        if rows.len() == 1 {
            return Some(rows[0]);
        }
        // Active or passive reading of the same verb form.
        let passive_cue = self
            .tokens
            .get(t.end)
            .is_some_and(|x| x.kind == TokenKind::Number)
            || PEOPLE.contains(&next)
            || next == "من";
        let want = if passive_cue {
            Roles::Passive
        } else {
            Roles::Active
        };
        rows.iter()
            .copied()
            .find(|&r| tr.rows[r].roles == want)
            .or(Some(rows[0]))
    }
}

/// Entities placed on tokens.
struct Placed {
    idx: usize,
    toks: Range<usize>,
}

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
) -> Vec<EventOut> {
    let tokens = analysis.tokens();
    let folded = analysis.folded();
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
        .filter(|t| t.kind == TimexKind::Date)
        .map(|t| (tok_range_of(tokens, &t.source), t.value.clone()))
        .collect();
    // "بعد شهر من X" / "قبل أيام من X": X lies that long before / after the clause's own date.
    // (the noun phrase after من, the duration's value, whether X is earlier)
    let offsets: Vec<(Range<usize>, &str, bool)> = time
        .timexes
        .iter()
        .filter(|t| t.kind == TimexKind::Duration)
        .filter_map(|t| {
            let r = tok_range_of(tokens, &t.source);
            let back = match cx.bare(r.start.checked_sub(1)?) {
                "بعد" => true,
                "قبل" => false,
                _ => return None,
            };
            (r.end < tokens.len() && cx.bare(r.end) == "من").then(|| {
                (
                    (r.end + 1..r.end + 1 + OFFSET_NP),
                    t.value.as_deref().unwrap_or(""),
                    back,
                )
            })
        })
        .collect();
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
    // The state the document is mostly about (its most mentioned state code): the people of an
    // unplaced protest.
    let dominant: Option<usize> = {
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for (i, e) in ents.iter().enumerate() {
            if e.pseudo || e.media {
                continue;
            }
            if let Some(c) = e.code.as_deref().filter(|c| c.len() == 3) {
                match counts.iter_mut().find(|x| x.0 == c) {
                    Some(x) => x.1 += 1,
                    None => counts.push((c, 1, i)),
                }
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts.first().map(|x| x.2)
    };
    let mut cands: Vec<Cand> = Vec::new();
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
                LIGHT_VERBS.contains(&w)
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
        // Bounds.
        let mut bounds: Vec<(Range<usize>, Bound)> = Vec::new();
        let mut saying: Vec<(Range<usize>, usize)> = Vec::new(); // (cue toks, cue idx)
        for h in &cues {
            let c = &data.cues.cues[h.cue];
            if c.kind != CueKind::Attribution {
                continue;
            }
            if SAYING.contains(&c.name.as_str()) {
                // a verb of saying bounds both sides; its complementiser starts a clause
                bounds.push((h.toks.clone(), Bound::Both));
                saying.push((h.toks.clone(), h.cue));
            } else if ACCORDING.contains(&c.name.as_str()) {
                bounds.push((h.toks.clone(), Bound::Right));
                saying.push((h.toks.clone(), h.cue));
            }
        }
        for k in st.clone() {
            let w = cx.bare(k);
            if matches!(
                w,
                "ان" | "انه" | "انها" | "انهم" | "انهما" | "بان" | "بانه" | "بانها"
            ) {
                bounds.push((k..k + 1, Bound::Left));
            }
            if matches!(w, ":" | ";" | "." | "\"" | "«" | "»" | "“" | "”") {
                bounds.push((k..k + 1, Bound::Both));
            }
            // فيما، بينما, and "، حيث" open a clause of their own
            let where_clause = w == "حيث" && k > st.start && cx.w(k - 1) == ",";
            if is_word(&tokens[k]) && matches!(w, "فيما" | "بينما") || where_clause {
                bounds.push((k..k + 1, Bound::Both));
            }
        }
        for t in &trigs {
            if data.triggers.rows[t.row].pos != Pos::Noun || t.extended {
                bounds.push((t.toks.clone(), Bound::Both));
            }
        }
        let scope_of = |t: &Range<usize>| -> Range<usize> {
            let mut l = st.start;
            let mut r = st.end;
            for (b, kind) in &bounds {
                if b == t {
                    continue;
                }
                if b.end <= t.start && *kind != Bound::Right {
                    l = l.max(b.end);
                }
                if b.start >= t.end && *kind != Bound::Left {
                    r = r.min(b.start);
                }
            }
            l..r
        };
        // Tolls of the sentence.
        let sent_numbers = number_at.inside(&numbers, &st, |n| &n.toks);
        let toll = sentence_toll(&cx, &sent_numbers, st.clone(), &placed, &placed_at, ents);
        let ents_in: Vec<&Placed> = placed_at.inside(&placed, &st, |p| &p.toks);
        let mut prev_end: Option<(usize, Range<usize>)> = None; // (trigger end, its scope)
        for t in &trigs {
            let row = &data.triggers.rows[t.row];
            let scope = scope_of(&t.toks);
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
                continue;
            }
            let consequence = row.roles == Roles::Passive
                && t.toks.len() > 1
                && CONSEQUENCE.contains(&cx.bare(t.toks.start));
            if consequence
                && cands.last().is_some_and(|p| {
                    p.category == Category::Assault
                        && p.evidence.end >= tokens[st.start].source.start
                })
            {
                // the toll of the attack just reported
                if let Some(p) = cands.last_mut() {
                    if p.dead.is_none() {
                        p.dead = toll.dead.clone();
                    }
                }
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
            c.sent = sent_no;
            c.lead = sent_no < 3;
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
                .find(|&k| matches!(cx.bare(k), "الذي" | "التي" | "الذين" | "اللذين" | "اللتين"))
                .unwrap_or(t.toks.start);
            let subject_before = ents_in.iter().any(|p| {
                p.toks.start >= scope.start
                    && p.toks.end <= rel
                    && ents[p.idx].actor
                    && ents[p.idx].code.is_some()
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
            // distance in tokens; on a tie the date after the trigger wins (محادثات مطلع أكتوبر)
            let near = |r: &Range<usize>| -> (usize, bool) {
                if r.end <= t.toks.start {
                    (t.toks.start - r.end, true)
                } else {
                    (r.start.saturating_sub(t.toks.end), false)
                }
            };
            // A date after a relative pronoun whose head is another noun (تنفيذ الاتفاقات التي
            // تم التوصل إليها … العام الماضي) dates that noun's clause, not this trigger.
            let own = |r: &Range<usize>| {
                r.start < t.toks.end
                    || !(t.toks.end + 1..r.start).any(|k| {
                        matches!(
                            cx.bare(k),
                            "التي"
                                | "الذي"
                                | "اللذين"
                                | "اللتين"
                                | "الذين"
                                | "اللاتي"
                                | "اللواتي"
                        )
                    })
            };
            let in_scope = sent_timexes
                .iter()
                .copied()
                .filter(|(r, _, _)| r.start >= scope.start && r.end <= scope.end && own(r))
                .min_by_key(|(r, _, _)| near(r));
            let in_sent = sent_timexes
                .iter()
                .copied()
                .filter(|(r, _, _)| own(r))
                .min_by_key(|(r, _, _)| near(r));
            // The trigger heads the complement of "بعد شهر من": its date is the clause's date
            // (a date elsewhere in the sentence, the paragraph's, the publication's) shifted. Not
            // when the complement carries its own date (بعد يومين من هجوم 13 سبتمبر).
            let offset = offset_over(t.toks.start)
                .filter(|(x, _, _)| timex_at.starting_in(x.start, x.end - 1).is_empty());
            let (mut date, mut dsrc) = if let Some((_, v, _)) = in_scope.or(in_sent) {
                (Some(v.clone()), DateSource::Text)
            } else if let Some(v) = &para_date {
                (Some(v.clone()), DateSource::Paragraph)
            } else {
                (anchor.map(|d| d.to_string()), DateSource::Publication)
            };
            if let Some((_, dur, back)) = offset {
                date = date.and_then(|d| hadath_time::shift_date(&d, dur, *back));
                dsrc = DateSource::Text;
            }
            c.date = date;
            c.date_source = dsrc;
            // Modality.
            c.modality = modality(&cx, t, &scope, &cues, c.date.as_deref(), anchor, dsrc);
            if c.modality != Modality::Asserted && c.date_source == DateSource::Publication {
                c.date = None;
            }
            // Size.
            if row.category == Category::Assault {
                c.dead = toll.dead.clone();
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
            // Protesters with no named party: the people of the place.
            if row.category == Category::Protest && c.actors.is_empty() && c.recipients.is_empty() {
                c.extra_recipient = c.location.or(dominant);
            }
            c.evidence = tokens[scope.start].source.start..tokens[scope.end - 1].source.end;
            c.trigger = tokens[t.toks.start].source.start..tokens[t.toks.end - 1].source.end;
            c.all_evidence = vec![c.evidence.clone()];
            let coded = |v: &[usize]| v.iter().any(|&i| ents[i].code.is_some());
            let any = coded(&c.actors)
                || coded(&c.recipients)
                || coded(&c.mediators)
                || c.extra_recipient.is_some_and(|i| ents[i].code.is_some());
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
                        continue;
                    }
                } else if !local && row.category != Category::Protest {
                    // a definite reference to something not reported as such: not an event
                    continue;
                }
            }
            let partyless = !any && row.category != Category::Protest
                || c.actors.is_empty() && c.recipients.is_empty() && c.extra_recipient.is_none();
            if partyless {
                // وقتل 286 شخصا في الاشتباكات: no party of its own, but the toll of the attack
                // reported just before
                lend_toll(&mut cands, last_of.get(&Category::Assault).copied(), &c);
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
                continue;
            }
            push(&mut cands, &mut last_of, c);
        }
    }
    let merged = merge(cands, ents);
    merged
        .into_iter()
        .map(|c| to_out(c, ents, text, span))
        .collect()
}

/// Tokens after "بعد شهر من" read as the noun phrase that the duration is counted from.
const OFFSET_NP: usize = 3;

/// Add a candidate, remembering it as the last of its type.
fn push(cands: &mut Vec<Cand>, last_of: &mut HashMap<Category, usize>, c: Cand) {
    last_of.insert(c.category, cands.len());
    cands.push(c);
}

/// A count in the text: its tokens, the first token of the whole expression (qualifier
/// included: ونحو 170), its value and qualifier.
struct Num {
    toks: Range<usize>,
    first: usize,
    value: u64,
    qualifier: &'static str,
}

#[derive(Default)]
struct SentToll {
    dead: Option<TollInfo>,
    injured: Option<u64>,
    arrested: Option<u64>,
}

/// Casualty counts of one sentence: a number with a casualty word right after it (135 قتيلا)
/// or right before it (مقتل 33), or coordinated with such a number (135 … و71). Coordinated
/// dead counts are summed, with the parts kept per side.
fn sentence_toll(
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
        out.dead = Some(TollInfo {
            total,
            qualifier: first.2,
            sides,
        });
    }
    out.injured = found.iter().find(|f| f.0 == Toll::Injured).map(|f| f.1);
    out.arrested = found.iter().find(|f| f.0 == Toll::Arrested).map(|f| f.1);
    out
}

/// How many sentences after an attack's report a toll given apart from it (الهجوم أسفر عن …،
/// قتل 286 شخصا) may still be that attack's.
const TOLL_REACH: usize = 3;

/// A killing reported without parties (قتل 286 شخصا) gives its toll to the attack reported
/// in the [`TOLL_REACH`] sentences before it, when that attack has none and their dates agree.
/// `last_assault` is the index of the last ASSAULT candidate.
fn lend_toll(cands: &mut [Cand], last_assault: Option<usize>, c: &Cand) {
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
fn life_taken_before(cx: &Ctx<'_>, first: usize, start: usize) -> bool {
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
fn met_death_around(cx: &Ctx<'_>, first: usize, end: usize, sent_end: usize) -> bool {
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

/// Is the entity in a locative phrase (في X، بمدينة X، بـX)?
fn locative(cx: &Ctx<'_>, e: &Ent, p: &Placed) -> bool {
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
fn groups(cx: &Ctx<'_>, list: &[&Placed]) -> Vec<Vec<usize>> {
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
fn roles(
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
            if !e.actor || e.code.is_none() {
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
fn speaker_of(
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

fn modality(
    cx: &Ctx<'_>,
    t: &Trig,
    scope: &Range<usize>,
    cues: &[CueHit],
    date: Option<&str>,
    anchor: Option<Date>,
    date_source: DateSource,
) -> Modality {
    let tt = &t.toks;
    let kind = |h: &CueHit| cx.data.cues.cues[h.cue].kind;
    let name = |h: &CueHit| cx.data.cues.cues[h.cue].name.as_str();
    // Negation right before the trigger (لم، لن، لا، ما، عدم، دون) or a denial in the clause.
    let before2 = tt.start.saturating_sub(2).max(scope.start)..tt.start;
    for h in cues
        .iter()
        .filter(|h| h.toks.start >= scope.start && h.toks.end <= tt.start)
    {
        let k = kind(h);
        let close = h.toks.end >= before2.start;
        if k == CueKind::Negated {
            let n = name(h);
            let nx = cx.bare(h.toks.end);
            if matches!(nx, "يزال" | "تزال" | "يزالون" | "سيما" | "بد") {
                continue;
            }
            if n == "نفى" || n == "فشل" || close {
                if n == "ما" && !close {
                    continue;
                }
                return Modality::Negated;
            }
        }
    }
    let mut future = t.future_prefix;
    let mut hypothetical = false;
    for h in cues
        .iter()
        .filter(|h| h.toks.start >= scope.start && h.toks.end <= scope.end)
    {
        let before = h.toks.end <= tt.start;
        let right_after = h.toks.start >= tt.end && h.toks.start <= tt.end + 3;
        match kind(h) {
            CueKind::Future if before || right_after => future = true,
            CueKind::Hypothetical if before => {
                let n = name(h);
                if n == "إن" {
                    continue; // إنّ (that) folds the same as the conditional
                }
                if n == "قد" {
                    // قد + present: may; قد + past: emphasis
                    let nx = cx.w(h.toks.end);
                    if !nx.starts_with(['ي', 'ت', 'ن']) {
                        continue;
                    }
                }
                if n == "في حال" && h.toks.len() == 1 {
                    continue;
                }
                hypothetical = true;
            }
            _ => {}
        }
    }
    if hypothetical {
        return Modality::Hypothetical;
    }
    if let (Some(d), Some(a)) = (date, anchor) {
        if date_source != DateSource::Publication {
            let ay = a.year().to_string();
            let a_s = a.to_string();
            if d.len() >= 4 && d[..4] < ay[..] && d.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
                return Modality::Historical;
            }
            let n = d.len().min(10);
            if n >= 7 && d[..n] > a_s[..n] {
                return Modality::Future;
            }
        }
    }
    if future {
        return Modality::Future;
    }
    Modality::Asserted
}

fn codes(c: &Cand, ents: &[Ent]) -> Vec<String> {
    let mut v: Vec<String> = c
        .actors
        .iter()
        .chain(&c.recipients)
        .chain(&c.mediators)
        .chain(c.extra_recipient.iter())
        .filter_map(|&i| ents[i].code.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The happening `c` reports, as [`happening::same_happening`] compares it. The keys live in
/// `keys` (participant codes, then actor codes).
fn report<'a>(
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

/// Two candidates' dates can be one happening's ([`happening::dates_compatible`]).
fn dates_compatible(a: &Cand, b: &Cand) -> bool {
    let (ad, bd) = (
        a.date.as_deref().and_then(DateRange::parse),
        b.date.as_deref().and_then(DateRange::parse),
    );
    let none = (Vec::new(), Vec::new());
    happening::dates_compatible(
        &report(a, ad.as_ref(), &none),
        &report(b, bd.as_ref(), &none),
        Scope::Document,
    )
}

/// Two dates agree at the coarser one's precision (2022-09 and 2022-09-13 do; 2020-FA and
/// 2022-09 do not).
fn same_date_prefix(x: &str, y: &str) -> bool {
    let n = x.len().min(y.len()).min(10);
    x.as_bytes()[..n] == y.as_bytes()[..n]
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Two candidates report the same happening (the shared rule, [`Scope::Document`]), and two
/// coordinated clauses of one sentence are never one.
fn same_happening(o: &Cand, c: &Cand, ents: &[Ent]) -> bool {
    if o.sent == c.sent && o.coord != 0 && c.coord != 0 && o.coord != c.coord {
        return false;
    }
    let (oc, cc) = (codes(o, ents), codes(c, ents));
    let actor_codes =
        |v: &[usize]| -> Vec<String> { v.iter().filter_map(|&i| ents[i].code.clone()).collect() };
    let (oa, ca) = (actor_codes(&o.actors), actor_codes(&c.actors));
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
fn better_place(old: Option<usize>, new: Option<usize>, ents: &[Ent]) -> bool {
    let known = |l: Option<usize>| l.is_some_and(|i| ents[i].code.is_some());
    new.is_some() && (old.is_none() || (!known(old) && known(new)))
}

/// One event per happening: same type, compatible dates, participants overlapping.
fn merge(cands: Vec<Cand>, ents: &[Ent]) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    for c in cands {
        let cc = codes(&c, ents);
        let hit = out.iter_mut().find(|o| {
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
            if oc == cc {
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

fn party(i: usize, ents: &[Ent], text: &str, span: &SpanFn<'_>) -> PartyOut {
    let e = &ents[i];
    let s = span(&e.src);
    PartyOut {
        text: text[e.src.clone()].to_string(),
        name: e.name.clone(),
        code: if e.media { None } else { e.code.clone() },
        start: Some(s.start),
        end: Some(s.end),
        sector: e.sector,
    }
}

/// Parties of one role, one per state/IGO code (persons and bodies of the same state collapse
/// onto the first mention), uncoded ones kept.
fn parties(v: &[usize], ents: &[Ent], text: &str, span: &SpanFn<'_>) -> Vec<PartyOut> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for &i in v {
        if let Some(c) = ents[i].code.as_deref() {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
        }
        out.push(party(i, ents, text, span));
    }
    out
}

fn to_out(c: Cand, ents: &[Ent], text: &str, span: &SpanFn<'_>) -> EventOut {
    let mut recipients = parties(&c.recipients, ents, text, span);
    if let Some(i) = c.extra_recipient {
        let mut p = party(i, ents, text, span);
        p.name = ents[i].name.clone();
        recipients.push(p);
    }
    let actors = parties(&c.actors, ents, text, span);
    let ac: Vec<Option<String>> = actors.iter().map(|p| p.code.clone()).collect();
    recipients.retain(|p| p.code.is_none() || !ac.contains(&p.code));
    let mut mediators = parties(&c.mediators, ents, text, span);
    mediators.retain(|p| p.code.is_none() || !ac.contains(&p.code));
    let mut size = Size {
        injured: c.injured,
        arrested: c.arrested,
        ..Size::default()
    };
    if let Some(d) = &c.dead {
        size.dead = Some(d.total);
        if d.qualifier != "exact" {
            size.dead_qualifier = Some(d.qualifier.to_string());
        }
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
    let location = c.location.map(|i| {
        let mut p = party(i, ents, text, span);
        p.code = ents[i].code.clone();
        if let Some((name, code)) = &ents[i].place_as {
            p.name = Some(name.clone());
            p.code = code.clone();
        }
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
        modality: c.modality,
        date_source: c.date.as_ref().map(|_| c.date_source),
        attribution: c.attribution.map(|i| party(i, ents, text, span)),
        source: c.source.map(|i| party(i, ents, text, span)),
        evidence: span(&c.evidence),
        evidence_all: c.all_evidence.iter().map(span).collect(),
        trigger: span(&c.trigger),
    }
}

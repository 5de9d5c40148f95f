//! The clause layer: where a sentence's clauses begin and end, and what kind of clause holds a
//! trigger.
//!
//! Bounds come from verbs of saying (both sides), source cues (حسب، نقلا عن: what follows is
//! the source), complementisers (what follows is a new clause), hard punctuation, the clause
//! openers فيما / بينما / «، حيث», and every finite trigger. A trigger's scope is the stretch
//! between the nearest bounds on either side. Its kind is read from the nearest opener before
//! it in that scope (a relative pronoun, a conditional, a purpose or temporal opener, a
//! complementiser) and, for a complement, from the verb that governs it (saying, denying,
//! accusing, demanding). The opener lists are classes of `data/events/words.tsv`.

use super::*;

/// What kind of clause holds a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// The sentence's own assertion.
    Main,
    /// What someone said (قال إن …، أعلن أن …).
    Reported,
    /// A relative clause (الذي، التي، الذين …).
    Relative,
    /// A complement of another verb (أن + verb) that is not speech, denial, accusation or demand.
    Complement,
    /// A condition (إذا، لو، في حال …).
    Conditional,
    /// A purpose (من أجل، بهدف، لكي …).
    Purpose,
    /// A temporal clause (بعد أن، قبل أن، عندما، منذ أن …).
    Temporal,
    /// What someone is accused of (اتهم … بأن …).
    Accusation,
    /// What someone denies (نفى أن …).
    Denial,
    /// What someone demands (دعا إلى أن، طالب بأن …).
    Demand,
}

impl ClauseKind {
    /// Whether an act in such a clause is not reported as done: a condition, a purpose, a
    /// demand or an accusation (the acts denied are negated by the modality stage).
    pub fn unreported(self) -> bool {
        matches!(
            self,
            ClauseKind::Conditional
                | ClauseKind::Purpose
                | ClauseKind::Demand
                | ClauseKind::Accusation
        )
    }

    /// The word shown in `hadath extract --format table`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClauseKind::Main => "main",
            ClauseKind::Reported => "reported",
            ClauseKind::Relative => "relative",
            ClauseKind::Complement => "complement",
            ClauseKind::Conditional => "conditional",
            ClauseKind::Purpose => "purpose",
            ClauseKind::Temporal => "temporal",
            ClauseKind::Accusation => "accusation",
            ClauseKind::Denial => "denial",
            ClauseKind::Demand => "demand",
        }
    }
}

/// How far before a complementiser the verb that governs it may stand (نفت وزارة الدفاع
/// التركية أن …).
const GOVERNOR_REACH: usize = 5;

/// The clause bounds of one sentence.
pub(super) struct Clauses {
    bounds: Vec<(Range<usize>, Bound)>,
    /// Verbs of saying and source cues: (their tokens, the cue).
    pub(super) saying: Vec<(Range<usize>, usize)>,
    sentence: Range<usize>,
}

impl Clauses {
    /// The bounds of sentence `st` from its cues and triggers.
    pub(super) fn of(cx: &Ctx<'_>, st: Range<usize>, cues: &[CueHit], trigs: &[Trig]) -> Clauses {
        let data = cx.data;
        let mut bounds: Vec<(Range<usize>, Bound)> = Vec::new();
        let mut saying: Vec<(Range<usize>, usize)> = Vec::new();
        for h in cues {
            let c = &data.cues.cues[h.cue];
            if c.kind != CueKind::Attribution {
                continue;
            }
            if data.saying_cue[h.cue] {
                // a verb of saying bounds both sides; its complementiser starts a clause
                bounds.push((h.toks.clone(), Bound::Both));
                saying.push((h.toks.clone(), h.cue));
            } else if data.according_cue[h.cue] {
                bounds.push((h.toks.clone(), Bound::Right));
                saying.push((h.toks.clone(), h.cue));
            }
        }
        for k in st.clone() {
            let w = cx.bare(k);
            if cx.has(senses::COMPLEMENTISER, k) {
                bounds.push((k..k + 1, Bound::Left));
            }
            if matches!(w, ":" | ";" | "." | "\"" | "«" | "»" | "“" | "”") {
                bounds.push((k..k + 1, Bound::Both));
            }
            // فيما، بينما, and "، حيث" open a clause of their own
            let where_clause = w == "حيث" && k > st.start && cx.w(k - 1) == ",";
            if is_word(&cx.tokens[k]) && cx.has(senses::CLAUSE_OPENER, k) || where_clause {
                bounds.push((k..k + 1, Bound::Both));
            }
        }
        for t in trigs {
            if data.triggers.rows[t.row].pos != Pos::Noun || t.extended {
                bounds.push((t.toks.clone(), Bound::Both));
            }
        }
        Clauses {
            bounds,
            saying,
            sentence: st,
        }
    }

    /// The scope of the trigger at `t`: the stretch between the nearest bounds around it.
    pub(super) fn scope_of(&self, t: &Range<usize>) -> Range<usize> {
        let mut l = self.sentence.start;
        let mut r = self.sentence.end;
        for (b, kind) in &self.bounds {
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
    }

    /// The kind of the clause that holds the trigger at `t`, whose scope is `scope`.
    pub(super) fn kind_of(
        &self,
        cx: &Ctx<'_>,
        t: &Range<usize>,
        scope: &Range<usize>,
        cues: &[CueHit],
    ) -> ClauseKind {
        // the nearest opener before the trigger, in its scope or right before it
        let from = scope.start.saturating_sub(1).max(self.sentence.start);
        for k in (from..t.start).rev() {
            if cx.has(senses::RELATIVE, k) {
                return ClauseKind::Relative;
            }
            if cx.has(senses::CONDITIONAL_OPENER, k) {
                return ClauseKind::Conditional;
            }
            if cx.has(senses::PURPOSE_OPENER, k) {
                return ClauseKind::Purpose;
            }
            if cx.has(senses::TEMPORAL_OPENER, k) {
                return ClauseKind::Temporal;
            }
            if cx.has(senses::COMPLEMENTISER, k) {
                return self.governed(cx, k, cues);
            }
        }
        ClauseKind::Main
    }

    /// The kind of the clause a complementiser at `k` opens, from the verb before it.
    fn governed(&self, cx: &Ctx<'_>, k: usize, cues: &[CueHit]) -> ClauseKind {
        let lo = k.saturating_sub(GOVERNOR_REACH).max(self.sentence.start);
        let denied = cues.iter().any(|h| {
            cx.data.cues.cues[h.cue].kind == CueKind::Negated
                && cx.data.cues.cues[h.cue].name == "نفى"
                && h.toks.end <= k
                && h.toks.start >= lo
        });
        if denied {
            return ClauseKind::Denial;
        }
        for j in (lo..k).rev() {
            if cx.has(senses::ACCUSE_VERB, j) {
                return ClauseKind::Accusation;
            }
            if cx.has(senses::DEMAND_VERB, j) {
                return ClauseKind::Demand;
            }
        }
        if self.saying.iter().any(|(r, _)| r.end <= k && r.end >= lo) {
            return ClauseKind::Reported;
        }
        ClauseKind::Complement
    }
}

/// A trigger the events stage considered, and what became of it: the view of
/// `hadath extract --format table`.
#[derive(Debug, Clone)]
pub struct Considered {
    /// The trigger's bytes in the original text.
    pub trigger: Range<usize>,
    /// The category of its trigger row.
    pub category: Category,
    /// The kind of clause that holds it.
    pub clause: ClauseKind,
    /// Whether it became an event (alone or merged with others of the same happening).
    pub kept: bool,
    /// Why it was kept or dropped, in a few words.
    pub why: &'static str,
}

impl Considered {
    pub(super) fn new(
        cx: &Ctx<'_>,
        t: &Trig,
        clause: ClauseKind,
        kept: bool,
        why: &'static str,
    ) -> Considered {
        Considered {
            trigger: cx.tokens[t.toks.start].source.start..cx.tokens[t.toks.end - 1].source.end,
            category: cx.data.triggers.rows[t.row].category,
            clause,
            kept,
            why,
        }
    }
}

use super::*;
use crate::senses::{self, Cond, Effect, Place};

impl Ctx<'_> {
    pub(super) fn w(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.folded))
    }

    /// The word with a leading conjunction و/ف removed.
    pub(super) fn bare(&self, i: usize) -> &str {
        let w = self.w(i);
        match w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
            Some(r) if r.chars().count() >= 2 => r,
            _ => w,
        }
    }

    /// Whether word `i` (its conjunction stripped) is of the words.tsv class `class`.
    pub(super) fn has(&self, class: &str, i: usize) -> bool {
        self.data.words.has(class, self.bare(i))
    }

    /// Whether word `i` names the act itself (قصف، بنيران، للقصف): the class `act_noun`, behind
    /// a ب/ل clitic or the article.
    pub(super) fn act_noun(&self, i: usize) -> bool {
        let w = self.bare(i);
        ["", "بال", "لل", "ال", "ب", "ل"].iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|r| r.chars().count() >= 2 && self.data.words.has(senses::ACT_NOUN, r))
        })
    }

    pub(super) fn find_cues(&self, toks: Range<usize>) -> Vec<CueHit> {
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
    pub(super) fn subject_gap(&self, k: usize, end: usize) -> usize {
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

    /// Whether token `i` lies inside a name (a place or an organisation) without being its
    /// first word's start only: تعاون in منظمة التعاون الإسلامي، عقوبة in بعقوبة.
    fn inside_name(&self, i: usize) -> bool {
        let src = &self.tokens[i].source;
        let k = self.names.partition_point(|r| r.start <= src.start);
        self.names[..k]
            .iter()
            .rev()
            .take(4)
            .any(|r| r.end >= src.end)
    }

    pub(super) fn find_triggers(&self, toks: Range<usize>) -> Vec<Trig> {
        let tr = &self.data.triggers;
        let mut out = Vec::new();
        let mut i = toks.start;
        while i < toks.end {
            if !is_word(&self.tokens[i]) || self.inside_name(i) {
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

    /// Whether a sense rule's condition holds around trigger `t` in sentence `sent`.
    fn holds(&self, c: &Cond, t: &Range<usize>, sent: &Range<usize>) -> bool {
        // the word as written or without its conjunction (فرق is not و/ف + رق, ومنذ is منذ)
        let one = |k: Option<usize>| match k.filter(|k| sent.contains(k)) {
            None => c.class == "END",
            Some(k) => {
                let words = &self.data.words;
                c.class != "END"
                    && (words.has(&c.class, self.w(k)) || words.has(&c.class, self.bare(k)))
            }
        };
        let any = |r: Range<usize>| r.into_iter().any(|k| one(Some(k)));
        match c.place {
            Place::Prev => one(t.start.checked_sub(1)),
            Place::Next => one(Some(t.end)),
            Place::Next2 => one(Some(t.end + 1)),
            Place::Before(n) => any(t.start.saturating_sub(n).max(sent.start)..t.start),
            Place::After(n) => any(t.end..(t.end + n).min(sent.end)),
        }
    }

    /// Choose among the rows of a matched form, or reject the match (guards for ambiguous
    /// forms).
    pub(super) fn pick_row(
        &self,
        rows: &[usize],
        t: &Range<usize>,
        sent: Range<usize>,
    ) -> Option<usize> {
        let tr = &self.data.triggers;
        // the first word without its conjunction, and as written (فجر، وقع، وصف begin with
        // the letters of a conjunction)
        let first = self.bare(t.start);
        let raw = self.w(t.start);
        let next = self.w(t.end);
        let category = tr.rows[rows[0]].category;
        // Sense restrictions (data/events/senses.tsv), in file order.
        for rule in &self.data.senses.rules {
            if rule.single && t.len() != 1
                || rule.category.is_some_and(|c| c != category)
                || !(rule.about(first) || rule.about(raw))
            {
                continue;
            }
            let holds = rule.when.iter().all(|c| self.holds(c, t, &sent));
            match rule.effect {
                Effect::Require if !holds => return None,
                Effect::Drop if holds => return None,
                Effect::As(cat) if holds => {
                    if let Some(r) = tr.rows.iter().position(|r| r.category == cat) {
                        return Some(r);
                    }
                }
                _ => {}
            }
        }
        if rows.len() == 1 {
            return Some(rows[0]);
        }
        // Active or passive reading of the same verb form.
        // … unless a party stands right before the verb as its subject (جنود إسرائيليون
        // يقتلون فلسطينيين).
        let subject_before = t.start > sent.start && {
            let end = self.tokens[t.start - 1].source.end;
            self.ents.iter().any(|e| e.actor && e.src.end == end)
        };
        let passive_cue = !subject_before
            && (self
                .tokens
                .get(t.end)
                .is_some_and(|x| x.kind == TokenKind::Number)
                || self.data.words.has(senses::PEOPLE, next)
                || next == "من");
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

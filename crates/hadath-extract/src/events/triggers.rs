use super::*;

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

    /// A form of the verb وصف (describe), with or without a conjunction.
    pub(super) fn is_describe(w: &str) -> bool {
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
    pub(super) fn damning_follows(&self, from: usize, end: usize) -> bool {
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
    pub(super) fn pick_row(
        &self,
        rows: &[usize],
        t: &Range<usize>,
        sent: Range<usize>,
    ) -> Option<usize> {
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
                || PEOPLE.contains(&next)
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

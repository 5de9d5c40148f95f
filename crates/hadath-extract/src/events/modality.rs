use super::*;

pub(super) fn modality(
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
            // … ما أدى إلى مقتل: the relative "which" before a verb of result
            if n == "ما" && cx.data.words.has(crate::senses::RESULT_VERB, nx) {
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

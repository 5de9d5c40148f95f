use super::*;

/// Two candidates' dates can be one happening's ([`happening::dates_compatible`]).
pub(super) fn dates_compatible(a: &Cand, b: &Cand) -> bool {
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
pub(super) fn same_date_prefix(x: &str, y: &str) -> bool {
    let n = x.len().min(y.len()).min(10);
    x.as_bytes()[..n] == y.as_bytes()[..n]
}

/// A dated time expression on tokens: its tokens, its value, whether it is finer than a year.
type TimexAt = (Range<usize>, String, bool);

/// The time expressions nearest trigger `t` in its clause `scope` and in its sentence (on a tie
/// the one after the trigger: محادثات مطلع أكتوبر). A date after a relative pronoun whose head
/// is another noun (تنفيذ الاتفاقات التي تم التوصل إليها … العام الماضي) dates that noun's
/// clause, not this trigger (`relative` in `data/events/words.tsv`).
pub(super) fn nearest_dates<'a>(
    cx: &Ctx<'_>,
    t: &Trig,
    scope: &Range<usize>,
    sent_timexes: &[&'a TimexAt],
) -> (Option<&'a TimexAt>, Option<&'a TimexAt>) {
    let near = |r: &Range<usize>| -> (usize, bool) {
        if r.end <= t.toks.start {
            (t.toks.start - r.end, true)
        } else {
            (r.start.saturating_sub(t.toks.end), false)
        }
    };
    let own = |r: &Range<usize>| {
        r.start < t.toks.end
            || !(t.toks.end + 1..r.start).any(|k| cx.has(crate::senses::RELATIVE, k))
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
    (in_scope, in_sent)
}

/// How many days before publication the story's day may lie (a weekly's «السبت الماضي»).
const STORY_WINDOW: i64 = 7;

/// The story's day: the value of the text's first day-dated expression (a date or a time of
/// day) that falls on the publication day or in the week before it. News reports a
/// happening of the day or of the day before («شنت … فجر أمس السبت»), and its later clauses
/// without a date of their own (أسروا، توعد، استدعاء) tell of that day, not of the day the
/// paper came out. A date right after a colon is a label's value, the page's stamp
/// («نُشر في: الأحد 14 نيسان 2024»، «آخر تحديث: السبت 9 أبريل»), not a happening's day.
pub(super) fn story_day(text: &str, time: &TimeAnalysis, anchor: Option<Date>) -> Option<Date> {
    let anchor = anchor?;
    let lo = anchor
        .checked_sub(jiff::Span::new().days(STORY_WINDOW))
        .ok()?;
    time.timexes
        .iter()
        .filter(|t| matches!(t.kind, TimexKind::Date | TimexKind::Time))
        .filter(|t| !text[..t.source.start].trim_end().ends_with(':'))
        .find_map(|t| {
            let d = t.value.as_deref()?.get(..10)?.parse::<Date>().ok()?;
            (lo..=anchor).contains(&d).then_some(d)
        })
}

/// Asserted events dated by the publication date alone take the story's day instead
/// ([`story_day`]), flagged `date_source: story`. Run after merging, so that such a date stays
/// as weak as the publication date it replaces when reports are compared.
pub(super) fn story_dates(cands: &mut [Cand], story: Option<Date>, anchor: Option<Date>) {
    let Some(day) = story.filter(|d| Some(*d) != anchor) else {
        return;
    };
    for c in cands.iter_mut().filter(|c| {
        c.date_source == DateSource::Publication
            && c.date.is_some()
            && c.modality == Modality::Asserted
    }) {
        c.date = Some(day.to_string());
        c.date_source = DateSource::Story;
    }
}

const RELATIONS_TSV: &str = include_str!("../../../../data/time/relations.tsv");

/// The words of `data/time/relations.tsv`, folded: before a duration (and whether the
/// happening counted from lies back), between the duration and the happening, and the one-word
/// prepositions of a day (غداة, عشية).
struct Relations {
    duration: HashMap<String, bool>,
    connector: Vec<String>,
    day: HashMap<String, bool>,
}

static RELATIONS: std::sync::LazyLock<Relations> = std::sync::LazyLock::new(|| {
    let mut r = Relations {
        duration: HashMap::new(),
        connector: Vec::new(),
        day: HashMap::new(),
    };
    for line in RELATIONS_TSV.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(form), Some(role)) = (cols.first(), cols.get(1)) else {
            continue;
        };
        let form = hadath_text::fold_key(form);
        let back = cols.get(2) == Some(&"back");
        match *role {
            "duration" => {
                r.duration.insert(form, back);
            }
            "connector" => r.connector.push(form),
            "day" => {
                r.day.insert(form, back);
            }
            _ => {}
        }
    }
    r
});

/// A happening dated from the clause's date: the tokens where its noun phrase may start, the
/// duration (ISO 8601), whether it lies before the clause's date.
pub(super) type Offset = (Range<usize>, String, bool);

/// "بعد شهر من X", "قبل أيام على X", "غداة X", "عشية X" (`data/time/relations.tsv`): X lies
/// that long before / after the clause's own date. A vague count (بعد أيام من) keeps its `PXD`
/// value, which [`hadath_time::shift_date`] resolves at the precision it allows.
pub(super) fn offsets(cx: &Ctx<'_>, time: &TimeAnalysis) -> Vec<Offset> {
    let rel = &*RELATIONS;
    let np = |k: usize| k..k + OFFSET_NP;
    let mut out: Vec<Offset> = time
        .timexes
        .iter()
        .filter(|t| t.kind == TimexKind::Duration)
        .filter_map(|t| {
            let r = tok_range_of(cx.tokens, &t.source);
            let back = *rel.duration.get(cx.bare(r.start.checked_sub(1)?))?;
            let joined =
                r.end < cx.tokens.len() && rel.connector.iter().any(|c| c == cx.bare(r.end));
            Some((np(r.end + 1), t.value.clone()?, back)).filter(|_| joined)
        })
        .collect();
    for k in 0..cx.tokens.len() {
        if let Some(&back) = rel.day.get(cx.bare(k)) {
            out.push((np(k + 1), "P1D".to_string(), back));
        }
    }
    out
}

/// What dates a trigger: the nearest time expression of its clause or sentence, the paragraph's
/// last date, the story's day, the publication date.
pub(super) struct Dates<'a> {
    pub(super) nearest: Option<&'a TimexAt>,
    pub(super) sentence: &'a [&'a TimexAt],
    pub(super) paragraph: Option<&'a str>,
    pub(super) story: Option<Date>,
    pub(super) anchor: Option<Date>,
}

impl Dates<'_> {
    /// The trigger's date and its source: the nearest time expression, else the paragraph's,
    /// else the publication date (the story's day replaces it after merging, [`story_dates`]).
    /// A trigger that heads the complement of an offset (غداة قتل شرطيين، بعد أيام من
    /// استدعاء السفير) is dated from the clause that governs it, shifted: the time expression
    /// nearest before the offset in the sentence (a date after it belongs to the complement's
    /// own clauses: غداة قتل شرطيين … رداً على هجوم … الاثنين), else the paragraph's, the
    /// story's, the publication's.
    pub(super) fn of(&self, offset: Option<&Offset>) -> (Option<String>, DateSource) {
        let Some((x, dur, back)) = offset else {
            return match (self.nearest, self.paragraph) {
                (Some((_, v, _)), _) => (Some(v.clone()), DateSource::Text),
                (None, Some(v)) => (Some(v.to_string()), DateSource::Paragraph),
                (None, None) => (self.anchor.map(|d| d.to_string()), DateSource::Publication),
            };
        };
        // (the offset phrase itself is a duration, never among the sentence's dates)
        let before = self
            .sentence
            .iter()
            .filter(|(r, _, _)| r.end <= x.start)
            .max_by_key(|(r, _, _)| r.end)
            .map(|(_, v, _)| v.clone());
        let base = before
            .or_else(|| self.paragraph.map(str::to_string))
            .or_else(|| self.story.or(self.anchor).map(|d| d.to_string()));
        let date = base
            .and_then(|d| hadath_time::shift_date(&d, dur, *back))
            .filter(|d| hadath_time::date_holds(d, self.anchor));
        (date, DateSource::Text)
    }
}

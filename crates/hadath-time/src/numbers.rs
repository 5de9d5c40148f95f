//! Numbers and counts: digits in both scripts, number words, scales, qualifiers and vague plurals.

use crate::scan::Toks;
use crate::tables::{Cue, NumKind};
use hadath_text::TokenKind;
use std::ops::Range;

/// How a number bounds the real quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// ما لا يقل عن, على الأقل.
    AtLeast,
    /// ما لا يزيد عن, ما يصل إلى.
    AtMost,
    /// نحو, حوالي, قرابة, زهاء, ما يقارب, تقريباً.
    About,
    /// أكثر من, ما يزيد عن/على.
    MoreThan,
    /// أقل من.
    LessThan,
    /// عشرات, مئات, آلاف: ACLED's convention counts them 10, 100, 1000.
    Vague,
}

impl Qualifier {
    /// The lower-case name of the qualifier (`"exact"`, `"at-least"`, `"at-most"`, `"about"`,
    /// `"more-than"`, `"less-than"`, `"vague"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at-least",
            Qualifier::AtMost => "at-most",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more-than",
            Qualifier::LessThan => "less-than",
            Qualifier::Vague => "vague",
        }
    }
}

/// A number or count found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte range in the original text of the whole expression, qualifier included.
    pub source: Range<usize>,
    /// Byte range of the number itself.
    pub number: Range<usize>,
    /// The number with its scale words applied (30000 for "30 ألف", 3000 for "ثلاثة آلاف"); 10,
    /// 100 or 1000 for a vague plural.
    pub value: f64,
    /// How the number bounds the real quantity.
    pub qualifier: Qualifier,
    /// Written in words (ثلاثة آلاف) rather than digits.
    pub words: bool,
    /// Followed by a percent sign or the word بالمئة.
    pub percent: bool,
    /// Byte range of the word right after the number (the counted noun, if any).
    pub counted: Option<Range<usize>>,
}

/// Qualifier phrases before a number, folded, longest first.
const BEFORE: &[(&[&str], Qualifier)] = &[
    (&["ما", "لا", "يقل", "عن"], Qualifier::AtLeast),
    (&["ما", "لا", "يقل", "علي"], Qualifier::AtLeast),
    (&["ما", "لا", "يزيد", "عن"], Qualifier::AtMost),
    (&["ما", "لا", "يزيد", "علي"], Qualifier::AtMost),
    (&["لا", "يقل", "عن"], Qualifier::AtLeast),
    (&["لا", "يزيد", "عن"], Qualifier::AtMost),
    (&["ما", "يزيد", "عن"], Qualifier::MoreThan),
    (&["ما", "يزيد", "علي"], Qualifier::MoreThan),
    (&["ما", "يقرب", "من"], Qualifier::About),
    (&["ما", "يصل", "الي"], Qualifier::AtMost),
    (&["ما", "يقارب"], Qualifier::About),
    (&["اكثر", "من"], Qualifier::MoreThan),
    (&["ازيد", "من"], Qualifier::MoreThan),
    (&["اقل", "من"], Qualifier::LessThan),
    (&["يزيد", "عن"], Qualifier::MoreThan),
    (&["يزيد", "علي"], Qualifier::MoreThan),
    (&["يقارب"], Qualifier::About),
    (&["نحو"], Qualifier::About),
    (&["حوالي"], Qualifier::About),
    (&["قرابه"], Qualifier::About),
    (&["زهاء"], Qualifier::About),
    (&["تقريبا"], Qualifier::About),
];

fn strip_clitic(t: &str) -> &str {
    for p in ["وب", "ول", "و", "ف", "ب", "ل"] {
        if let Some(r) = t.strip_prefix(p) {
            if r.len() >= 4 {
                return r;
            }
        }
    }
    t
}

impl Toks<'_> {
    pub(crate) fn qualifier_before(&self, i: usize) -> Option<(usize, Qualifier)> {
        for (words, q) in BEFORE {
            let n = words.len();
            if i < n {
                continue;
            }
            let s = i - n;
            let ok = words.iter().enumerate().all(|(k, w)| {
                let t = self.v[s + k].t;
                if k == 0 {
                    t == *w || strip_clitic(t) == *w
                } else {
                    t == *w
                }
            });
            if ok {
                return Some((s, *q));
            }
        }
        None
    }
}

/// Find the numbers in tokenised text, skipping the folded byte ranges in `skip` (sorted, the
/// spans of time expressions).
pub(crate) fn scan(tk: &Toks, skip: &[Range<usize>]) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut si = 0;
    let n = tk.len();
    let mut i = 0;
    while i < n {
        let t = &tk.v[i];
        if t.kind != TokenKind::Number && t.cues.is_empty() {
            i += 1;
            continue;
        }
        while si < skip.len() && skip[si].end <= t.f.start {
            si += 1;
        }
        if si < skip.len() && skip[si].start < t.f.end {
            i += 1;
            continue;
        }
        // Vague plurals: عشرات, مئات, (عشرات) الآلاف, آلاف alone.
        let vague = t.cues.iter().find_map(|e| match e.cue {
            Cue::Number {
                value,
                kind: NumKind::Vague,
            } if e.rest.is_empty() => Some(value),
            Cue::Number {
                value,
                kind: NumKind::Scale,
            } if e.rest.is_empty() && matches!(strip_clitic(t.t), "الاف" | "ملايين" | "مليارات") => {
                Some(value)
            }
            _ => None,
        });
        let (end, value, words, qual0) = if let Some(v) = vague {
            let mut end = i + 1;
            let mut v = v;
            // عشرات الآلاف = tens of thousands
            if let Some(Cue::Number {
                value: s,
                kind: NumKind::Vague | NumKind::Scale,
            }) = tk.v.get(end).and_then(|x| x.cues.first()).map(|e| &e.cue)
            {
                if *s >= 1000.0 && matches!(tk.v[end].t, "الاف" | "الالاف" | "الملايين" | "ملايين")
                {
                    v *= s;
                    end += 1;
                }
            }
            (end, v, true, Qualifier::Vague)
        } else if let Some((end, value, words)) = tk.number_at(i) {
            (end, value, words, Qualifier::Exact)
        } else {
            i += 1;
            continue;
        };
        let (start, mut qual) = match tk.qualifier_before(i) {
            Some((s, q)) if qual0 == Qualifier::Exact => (s, q),
            _ => (i, qual0),
        };
        let mut send = end;
        if qual == Qualifier::Exact && tk.is(end, "علي") && tk.is(end + 1, "الاقل") {
            qual = Qualifier::AtLeast;
            send = end + 2;
        }
        let mut percent = false;
        let mut cend = end;
        if tk.punct(end, '%')
            || matches!(
                tk.v.get(end).map(|x| x.t),
                Some("بالمئه" | "بالمائه" | "في المئه")
            )
        {
            percent = true;
            cend = end + 1;
            send = send.max(end + 1);
        }
        let counted = tk
            .v
            .get(cend)
            .filter(|x| {
                x.kind == TokenKind::Arabic && !x.brk && cend > end.saturating_sub(0) && !percent
            })
            .map(|_| tk.srange(cend, cend + 1));
        if qual == Qualifier::Exact && tk.is(send, "تقريبا") {
            qual = Qualifier::About;
            send += 1;
        }
        out.push(Quantity {
            source: tk.srange(start, send),
            number: tk.srange(i, end),
            value,
            qualifier: qual,
            words,
            percent,
            counted,
        });
        i = end;
    }
    out
}

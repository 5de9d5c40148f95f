//! Tokens of the folded text, each classified once against the cue lexicon (with light clitic
//! stripping), and the small token-level helpers the parsers share.

use crate::tables::{Cue, Entry, NumKind, Unit, LEXICON, W};
use hadath_text::{tokenize, Folded, TokenKind};
use std::ops::Range;

/// A token with its lexicon readings.
pub struct Tok<'a> {
    /// Folded text of the token.
    pub t: &'a str,
    /// Folded byte range.
    pub f: Range<usize>,
    pub kind: TokenKind,
    /// Lexicon readings of the token's stem (empty when none).
    pub cues: &'static [Entry],
    /// The stem carried a و/ف conjunction.
    pub waw: bool,
    /// The stem carried a ب/ل/ك proclitic.
    pub procl: bool,
    /// A line break or sentence end lies between this token and the one before.
    pub brk: bool,
    /// The value of a plain digit token.
    pub num: Option<f64>,
    /// The number of digits of a plain digit token without separators (0 otherwise).
    pub digits: u8,
}

pub struct Toks<'a> {
    pub v: Vec<Tok<'a>>,
    pub folded: &'a Folded,
}

#[inline]
fn lookup(s: &str) -> Option<&'static [Entry]> {
    LEXICON.get(s)
}

/// Stem readings of an Arabic word: the word itself, then without و/ف, then without ب/ل/ك.
fn classify(t: &str) -> (&'static [Entry], bool, bool) {
    if t.len() < 2 || t.len() > 40 {
        return (&[], false, false);
    }
    if let Some(e) = lookup(t) {
        return (e, false, false);
    }
    let (base, waw) = match t.as_bytes() {
        // و = D9 88, ف = D9 81
        [0xD9, 0x88 | 0x81, ..] if t.len() > 4 => (&t[2..], true),
        _ => (t, false),
    };
    if waw {
        if let Some(e) = lookup(base) {
            return (e, true, false);
        }
    }
    // ب = D8 A8, ل = D9 84, ك = D9 83
    if base.len() > 4 && matches!(base.as_bytes(), [0xD8, 0xA8, ..] | [0xD9, 0x84 | 0x83, ..]) {
        let rest = &base[2..];
        if let Some(e) = lookup(rest) {
            return (e, waw, true);
        }
        // لل + X = ل + الX
        if rest.starts_with('ل') && base.starts_with('ل') && rest.len() > 4 {
            let mut buf = [0u8; 64];
            let tail = &rest[2..];
            if tail.len() + 4 <= buf.len() {
                buf[..4].copy_from_slice("ال".as_bytes());
                buf[4..4 + tail.len()].copy_from_slice(tail.as_bytes());
                if let Ok(s) = std::str::from_utf8(&buf[..4 + tail.len()]) {
                    if let Some(e) = lookup(s) {
                        return (e, waw, true);
                    }
                }
            }
        }
    }
    (&[], false, false)
}

fn parse_digits(t: &str) -> (Option<f64>, u8) {
    let b = t.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        let v = t.parse::<f64>().ok();
        return (v, b.len().min(255) as u8);
    }
    // Thousands separators: 30,000 / 1,200,000; decimal point: 3.5
    let groups: Vec<&str> = t.split(',').collect();
    if groups.len() > 1
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|c| c.is_ascii_digit()))
    {
        let s: String = groups.concat();
        if let Ok(v) = s.parse::<f64>() {
            return (Some(v), 0);
        }
    }
    if groups.len() == 2 && !t.contains('.') {
        // 3,5 as a decimal comma
        if let Ok(v) = t.replace(',', ".").parse::<f64>() {
            return (Some(v), 0);
        }
    }
    (t.parse::<f64>().ok(), 0)
}

impl<'a> Toks<'a> {
    pub fn new(folded: &'a Folded) -> Toks<'a> {
        let text = folded.text();
        let raw = tokenize(folded);
        let mut v = Vec::with_capacity(raw.len());
        let mut prev_end = 0usize;
        for tk in raw {
            let t = &text[tk.folded.clone()];
            let gap = &text.as_bytes()[prev_end..tk.folded.start];
            let brk = gap.contains(&b'\n');
            prev_end = tk.folded.end;
            let (cues, waw, procl, num, digits) = match tk.kind {
                TokenKind::Arabic => {
                    let (c, w, p) = classify(t);
                    (c, w, p, None, 0)
                }
                TokenKind::Number => {
                    let (n, d) = parse_digits(t);
                    (&[][..], false, false, n, d)
                }
                _ => (&[][..], false, false, None, 0),
            };
            v.push(Tok {
                t,
                f: tk.folded,
                kind: tk.kind,
                cues,
                waw,
                procl,
                brk,
                num,
                digits,
            });
        }
        Toks { v, folded }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.v.len()
    }

    /// The single-token grammatical word at `i`.
    #[inline]
    pub fn word(&self, i: usize) -> Option<W> {
        self.v.get(i)?.cues.iter().find_map(|e| match e.cue {
            Cue::Word(w) if e.rest.is_empty() => Some(w),
            _ => None,
        })
    }

    #[inline]
    pub fn is_word(&self, i: usize, w: W) -> bool {
        self.v.get(i).is_some_and(|t| {
            t.cues
                .iter()
                .any(|e| e.rest.is_empty() && e.cue == Cue::Word(w))
        })
    }

    /// Whether token `i` is exactly the folded string `s`.
    #[inline]
    pub fn is(&self, i: usize, s: &str) -> bool {
        self.v.get(i).is_some_and(|t| t.t == s)
    }

    #[inline]
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.v
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.t.starts_with(c))
    }

    /// A multi-token entry match at `i`: returns (cue, tokens consumed), longest first.
    pub fn entry_at(&self, i: usize, pred: impl Fn(&Cue) -> bool) -> Option<(&'static Cue, usize)> {
        let tok = self.v.get(i)?;
        for e in tok.cues {
            if !pred(&e.cue) {
                continue;
            }
            if e.rest
                .iter()
                .enumerate()
                .all(|(k, w)| self.v.get(i + 1 + k).is_some_and(|t| t.t == w))
            {
                return Some((&e.cue, 1 + e.rest.len()));
            }
        }
        None
    }

    /// Month at `i`: (hijri, month, ambiguous, tokens).
    pub fn month_at(&self, i: usize) -> Option<(bool, u8, bool, usize)> {
        let procl = self.v.get(i)?.procl;
        match self.entry_at(i, |c| matches!(c, Cue::Month { .. }))? {
            // An ambiguous name (آب, مارس) only as written: باب is a door.
            (
                Cue::Month {
                    ambiguous: true, ..
                },
                _,
            ) if procl => None,
            (
                Cue::Month {
                    hijri,
                    month,
                    ambiguous,
                },
                n,
            ) => Some((*hijri, *month, *ambiguous, n)),
            _ => None,
        }
    }

    /// An ordinal day of the month at `i` (الخامس, الحادي عشر, الحادي والعشرين): (end, day).
    pub fn ordinal_day_at(&self, i: usize) -> Option<(usize, u8)> {
        let (cue, n) = self.entry_at(i, |c| matches!(c, Cue::Ordinal(_)))?;
        let Cue::Ordinal(v) = *cue else { return None };
        if self.v[i].waw {
            return None;
        }
        if v < 10 {
            if let Some((Cue::Ordinal(t @ (20 | 30)), 1)) =
                self.entry_at(i + n, |c| matches!(c, Cue::Ordinal(_)))
            {
                if self.v[i + n].waw && v + t <= 31 {
                    return Some((i + n + 1, v + t));
                }
            }
        }
        Some((i + n, v))
    }

    pub fn weekday_at(&self, i: usize) -> Option<u8> {
        self.v.get(i)?.cues.iter().find_map(|e| match e.cue {
            Cue::Weekday(d) => Some(d),
            _ => None,
        })
    }

    /// Time unit at `i`: (unit, count implied by the form: 1, 2 or 0 for a plural).
    pub fn unit_at(&self, i: usize) -> Option<(Unit, u8)> {
        self.v.get(i)?.cues.iter().find_map(|e| match e.cue {
            Cue::Unit { unit, count } if e.rest.is_empty() => Some((unit, count)),
            _ => None,
        })
    }

    pub fn numword_at(&self, i: usize) -> Option<(&'static Cue, usize)> {
        self.entry_at(i, |c| matches!(c, Cue::Number { .. }))
    }

    /// A day of the month written in digits.
    pub fn day_num(&self, i: usize) -> Option<u8> {
        let t = self.v.get(i)?;
        if t.kind == TokenKind::Number && (1..=2).contains(&t.digits) {
            let v = t.num? as u8;
            if (1..=31).contains(&v) {
                return Some(v);
            }
        }
        None
    }

    /// A year written in digits (1 to 4 digits, no separators).
    pub fn year_num(&self, i: usize) -> Option<i32> {
        let t = self.v.get(i)?;
        if t.kind == TokenKind::Number && (1..=4).contains(&t.digits) {
            return Some(t.num? as i32);
        }
        None
    }

    /// A number (digits or words, with a following scale word) starting at `i`: (end, value, words).
    pub fn number_at(&self, i: usize) -> Option<(usize, f64, bool)> {
        let t = self.v.get(i)?;
        if t.kind == TokenKind::Number {
            let mut v = t.num?;
            let mut j = i + 1;
            if let Some((
                Cue::Number {
                    value,
                    kind: NumKind::Scale,
                },
                n,
            )) = self.numword_at(j)
            {
                if !self.v[j].waw {
                    v *= value;
                    j += n;
                }
            }
            return Some((j, v, false));
        }
        let (first, n0) = self.numword_at(i)?;
        let Cue::Number { kind, .. } = first else {
            return None;
        };
        if *kind == NumKind::Vague {
            return None;
        }
        if *kind == NumKind::Scale {
            // A bare scale: ألف = 1000, مليون = 1e6; the plural آلاف alone is vague.
            if matches!(t.t, "الاف" | "ملايين" | "مليارات") {
                return None;
            }
        }
        let mut total = 0.0;
        let mut cur = 0.0;
        let mut j = i;
        let mut n = n0;
        let mut cue = first;
        while let Cue::Number { value, kind } = cue {
            match kind {
                NumKind::Unit | NumKind::Teen | NumKind::Ten => cur += value,
                NumKind::Hundred => {
                    if cur > 0.0 && cur < 10.0 {
                        cur *= value;
                    } else {
                        cur += value;
                    }
                }
                NumKind::Scale => {
                    cur = if cur == 0.0 { 1.0 } else { cur } * value;
                    total += cur;
                    cur = 0.0;
                }
                NumKind::DualScale => {
                    total += cur + value;
                    cur = 0.0;
                }
                NumKind::Vague => break,
            }
            j += n;
            // Continue with و + number word, or with a scale word right after.
            match self.numword_at(j) {
                Some((c @ Cue::Number { kind: k2, .. }, n2)) => {
                    let joined = self.v[j].waw;
                    let ok = match k2 {
                        NumKind::Scale | NumKind::DualScale => {
                            !joined && !matches!(kind, NumKind::Scale | NumKind::DualScale)
                        }
                        NumKind::Vague => false,
                        _ => joined,
                    };
                    if !ok {
                        break;
                    }
                    cue = c;
                    n = n2;
                }
                _ => break,
            }
        }
        Some((j, total + cur, true))
    }

    /// Folded byte range of tokens `i..j`.
    #[inline]
    pub fn frange(&self, i: usize, j: usize) -> Range<usize> {
        self.v[i].f.start..self.v[j - 1].f.end
    }

    /// Source byte range of tokens `i..j`, dropping a conjunction و/ف and a preposition ب/ل/ك
    /// glued to the first token.
    pub fn srange(&self, i: usize, j: usize) -> Range<usize> {
        let mut r = self.frange(i, j);
        let t = &self.v[i];
        // Drop the conjunction and the preposition glued to the first word (وبـ, لـ).
        let pre = 2 * (usize::from(t.waw) + usize::from(t.procl));
        if pre > 0 && t.t.len() > pre && r.len() > pre {
            r.start += pre;
        }
        self.folded.source_range(r)
    }

    /// Whether a sentence boundary lies between token `i` and `i + 1`.
    pub fn boundary_after(&self, i: usize) -> bool {
        match self.v.get(i) {
            Some(t) if t.kind == TokenKind::Punct && matches!(t.t, "." | "?" | "!" | ";" | ":") => {
                true
            }
            _ => match self.v.get(i + 1) {
                Some(t) => t.brk,
                None => true,
            },
        }
    }
}

/// Common nouns starting like a future verb (س + ي/ت/ن): folded prefixes that are not verbs.
const NOT_FUTURE: &[&str] = &[
    "سيطر",
    "سياس",
    "سيار",
    "سياح",
    "سياق",
    "سيد",
    "سيول",
    "سيف",
    "سينا",
    "سيرج",
    "سيرغ",
    "سيري",
    "سيت",
    "سيل",
    "سيم",
    "سيو",
    "سته",
    "ستين",
    "ستار",
    "ستوك",
    "ستيب",
    "ستراتيج",
    "ستون",
    "ستي",
    "ستا",
    "سترا",
    "ستو",
    "ستر",
    "سنه",
    "سنوات",
    "سنوي",
    "سنين",
    "سنتين",
    "سنتان",
    "سني",
    "سنغا",
    "سنت",
    "سناتور",
    "سنا",
    "سنو",
    "سند",
    "سنود",
    "سنج",
    "سيمون",
    "سيئ",
    "سيئه",
];

/// Whether the word is a verb with the future prefix سـ (سيجرون، ستعقد، سنعقد).
pub fn future_verb(t: &str) -> bool {
    let t = t
        .strip_prefix('و')
        .or_else(|| t.strip_prefix('ف'))
        .unwrap_or(t);
    let mut cs = t.chars();
    if cs.next() != Some('س') || !matches!(cs.next(), Some('ي' | 'ت' | 'ن')) {
        return false;
    }
    if t.chars().count() < 5 {
        return false;
    }
    !NOT_FUTURE.iter().any(|p| t.starts_with(p))
}

//! Tokens over the folded text, and light clitic segmentation.

use crate::fold::Folded;
use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Arabic letters.
    Arabic,
    /// Latin letters (possibly with digits).
    Latin,
    /// Digits, possibly with one decimal point or thousands separators ("3.5", "30,000").
    Number,
    /// Arabic letters glued to digits or Latin ("كوفيد19").
    Mixed,
    /// One punctuation or symbol character.
    Punct,
}

/// A token: a span of the folded text and the source span it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the folded text.
    pub folded: Range<usize>,
    /// Byte range in the source text.
    pub source: Range<usize>,
    /// What the token is made of: Arabic or Latin letters, a number, a mix, or punctuation.
    pub kind: TokenKind,
}

impl Token {
    /// The folded form of the token.
    #[inline]
    pub fn text<'a>(&self, folded: &'a Folded) -> &'a str {
        &folded.text()[self.folded.clone()]
    }

    /// True for Arabic, Latin and mixed tokens: a word rather than a number or punctuation.
    pub fn is_word(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Arabic | TokenKind::Latin | TokenKind::Mixed
        )
    }
}

#[inline]
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Arabic,
    Latin,
    Digit,
    Space,
    Other,
}

#[inline]
fn class(c: char) -> Class {
    if c.is_ascii_digit() {
        Class::Digit
    } else if c.is_ascii_alphabetic() {
        Class::Latin
    } else if c.is_ascii() {
        if c.is_ascii_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    } else if is_arabic_letter(c) {
        Class::Arabic
    } else if c.is_alphabetic() {
        Class::Latin
    } else if c.is_whitespace() {
        Class::Space
    } else if c.is_numeric() {
        Class::Digit
    } else {
        Class::Other
    }
}

/// Split folded text into tokens: words (Arabic, Latin, mixed), numbers with their internal
/// separators, and single punctuation characters. Whitespace is skipped.
pub fn tokenize(folded: &Folded) -> Vec<Token> {
    let mut out = Vec::with_capacity(folded.text().len() / 5);
    tokenize_into(folded, 0..folded.text().len(), &mut out);
    out
}

/// Tokenise the folded byte range `range` (which must lie on character boundaries), appending.
pub fn tokenize_into(folded: &Folded, range: Range<usize>, out: &mut Vec<Token>) {
    let text = folded.text();
    let base = range.start;
    let s = &text[range];
    let bytes = s.as_bytes();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let cl = class(c);
        match cl {
            Class::Space => continue,
            Class::Other => {
                let e = i + c.len_utf8();
                push(folded, out, base + i..base + e, TokenKind::Punct);
            }
            Class::Digit => {
                // Digits, with . or , between two digits.
                let mut e = i + c.len_utf8();
                let mut kind = TokenKind::Number;
                while let Some(&(j, d)) = it.peek() {
                    match class(d) {
                        Class::Digit => {
                            e = j + d.len_utf8();
                            it.next();
                        }
                        Class::Other
                            if (d == '.' || d == ',')
                                && bytes.get(j + 1).is_some_and(|b| b.is_ascii_digit()) =>
                        {
                            e = j + 1;
                            it.next();
                        }
                        Class::Latin => {
                            kind = TokenKind::Mixed;
                            e = j + d.len_utf8();
                            it.next();
                        }
                        _ => break,
                    }
                }
                push(folded, out, base + i..base + e, kind);
            }
            Class::Arabic | Class::Latin => {
                let mut e = i + c.len_utf8();
                let mut kind = if cl == Class::Arabic {
                    TokenKind::Arabic
                } else {
                    TokenKind::Latin
                };
                while let Some(&(j, d)) = it.peek() {
                    let dc = class(d);
                    match dc {
                        _ if dc == cl || (cl == Class::Latin && dc == Class::Digit) => {
                            e = j + d.len_utf8();
                            it.next();
                        }
                        Class::Arabic | Class::Latin => {
                            kind = TokenKind::Mixed;
                            e = j + d.len_utf8();
                            it.next();
                        }
                        // Latin words keep inner apostrophes and hyphens ("Le Drian's", "al-Assad").
                        Class::Other
                            if cl == Class::Latin
                                && (d == '\'' || d == '-')
                                && s[j + 1..]
                                    .chars()
                                    .next()
                                    .is_some_and(|n| class(n) == Class::Latin) =>
                        {
                            e = j + 1;
                            it.next();
                        }
                        _ => break,
                    }
                }
                push(folded, out, base + i..base + e, kind);
            }
        }
    }
}

#[inline]
fn push(folded: &Folded, out: &mut Vec<Token>, r: Range<usize>, kind: TokenKind) {
    let source = folded.source_range(r.clone());
    out.push(Token {
        folded: r,
        source,
        kind,
    });
}

/// One way to read a folded word as proclitics + stem + enclitic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segmentation<'a> {
    /// The proclitics, folded ("و", "وب", "ال", "لل", …).
    pub prefix: &'a str,
    /// The stem, folded. For "لل" + X the article is restored: see [`Segmentation::article`].
    pub stem: &'a str,
    /// The attached pronoun, folded ("ه", "ها", "هم", …), or "".
    pub suffix: &'a str,
    /// True when the prefix carried the definite article ("ال", "بال", "لل", …).
    pub article: bool,
}

impl Segmentation<'_> {
    /// The stem with its article when the prefix carried one: "للاتحاد" gives "الاتحاد".
    pub fn with_article(&self) -> String {
        if self.article {
            format!("ال{}", self.stem)
        } else {
            self.stem.to_string()
        }
    }
}

// Letters that end pronoun suffixes (UTF-8, two bytes each).
const HA: [u8; 2] = [0xD9, 0x87];
const MIM: [u8; 2] = [0xD9, 0x85];
const NUN: [u8; 2] = [0xD9, 0x86];
const YA: [u8; 2] = [0xD9, 0x8A];

/// The byte lengths of the attached pronouns `w` ends with, longest first:
/// هما كما هم هن ها كم كن نا ه ك ي. Works on bytes: no string comparisons.
fn suffix_lengths(w: &[u8], out: &mut [usize; 3]) -> usize {
    let n = w.len();
    let from_end = |k: usize, l: [u8; 2]| n >= 2 * k && w[n - 2 * k..n - 2 * k + 2] == l;
    let mut c = 0;
    let mut push = |len: usize| {
        if c < out.len() {
            out[c] = len;
            c += 1;
        }
    };
    if from_end(1, ALEF) {
        if from_end(2, MIM) && (from_end(3, HA) || from_end(3, KAF)) {
            push(6);
        }
        if from_end(2, HA) || from_end(2, NUN) {
            push(4);
        }
    } else if from_end(1, MIM) || from_end(1, NUN) {
        if from_end(2, HA) || from_end(2, KAF) {
            push(4);
        }
    } else if from_end(1, HA) || from_end(1, KAF) || from_end(1, YA) {
        push(2);
    }
    c
}

/// At least `n` characters in `s`, without counting them all.
#[inline]
fn has_chars(s: &str, n: usize) -> bool {
    s.chars().nth(n - 1).is_some()
}

/// Most readings a word can have: the bare word plus prefixed readings, each also with a suffix.
const MAX_READINGS: usize = 16;

/// The readings of one word, held inline in about 50 bytes (no allocation). Iterate with
/// [`Segmentations::iter`] or `for`.
#[derive(Clone, Copy)]
pub struct Segmentations<'a> {
    word: &'a str,
    /// (prefix bytes, suffix bytes, article) per reading.
    items: [(u8, u8, bool); MAX_READINGS],
    len: u8,
}

impl<'a> Segmentations<'a> {
    #[inline]
    fn push(&mut self, prefix: usize, suffix: usize, article: bool) {
        if (self.len as usize) < MAX_READINGS {
            self.items[self.len as usize] = (prefix as u8, suffix as u8, article);
            self.len += 1;
        }
    }

    /// Number of readings (at least one: the word itself).
    #[inline]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Never true: the bare word is always a reading.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reading `i`, if there is one.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Segmentation<'a>> {
        (i < self.len as usize).then(|| {
            let (p, x, article) = self.items[i];
            let w = self.word;
            let (p, x) = (p as usize, x as usize);
            Segmentation {
                prefix: &w[..p],
                stem: &w[p..w.len() - x],
                suffix: &w[w.len() - x..],
                article,
            }
        })
    }

    /// The readings, the bare word first.
    #[inline]
    pub fn iter(&self) -> SegmentationIter<'a> {
        SegmentationIter {
            segs: *self,
            next: 0,
        }
    }
}

/// Iterator over the readings of a word.
pub struct SegmentationIter<'a> {
    segs: Segmentations<'a>,
    next: usize,
}

impl<'a> Iterator for SegmentationIter<'a> {
    type Item = Segmentation<'a>;
    #[inline]
    fn next(&mut self) -> Option<Segmentation<'a>> {
        let s = self.segs.get(self.next)?;
        self.next += 1;
        Some(s)
    }
}

impl<'a> IntoIterator for Segmentations<'a> {
    type Item = Segmentation<'a>;
    type IntoIter = SegmentationIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a> IntoIterator for &Segmentations<'a> {
    type Item = Segmentation<'a>;
    type IntoIter = SegmentationIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Segmentations<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The readings of a folded Arabic word as clitics + stem, the unsegmented word first.
///
/// Light segmentation: every proclitic sequence and pronoun suffix that leaves a stem of at least
/// two letters (three for a suffix on an unprefixed word) is offered, so a matcher tries the
/// candidates against its lexicon and keeps the ones it knows. No allocation.
///
/// ```
/// use hadath_text::segmentations;
/// let s: Vec<String> = segmentations("للاتحاد").iter().map(|s| s.with_article()).collect();
/// assert!(s.contains(&"الاتحاد".to_string()));
/// let s: Vec<&str> = segmentations("وبموسكو").iter().map(|s| s.stem).collect();
/// assert!(s.contains(&"موسكو"));
/// ```
#[inline]
pub fn segmentations(word: &str) -> Segmentations<'_> {
    let mut out = Segmentations {
        word,
        items: [(0, 0, false); MAX_READINGS],
        len: 1,
    };
    // Only Arabic words take clitics: a proclitic letter first, or a pronoun's last letter last.
    let Some(first) = word.chars().next() else {
        return out;
    };
    let proclitic = matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا' | 'س');
    if !proclitic && !word.ends_with(['ه', 'ا', 'م', 'ن', 'ك', 'ي']) {
        return out;
    }
    if proclitic {
        let mut found = [(0usize, false); 8];
        let n = proclitic_lengths(word.as_bytes(), &mut found);
        for &(len, art) in found[..n].iter().rev() {
            if has_chars(&word[len..], MIN_STEM) {
                out.push(len, 0, art);
            }
        }
    }
    // Suffixes on the bare word and on each prefixed reading.
    let mut lens = [0usize; 3];
    let ns = suffix_lengths(word.as_bytes(), &mut lens);
    let n = out.len as usize;
    for k in 0..n {
        let (p, _, art) = out.items[k];
        let p = p as usize;
        for &len in &lens[..ns] {
            if word.len() > p + len {
                let stem = &word[p..word.len() - len];
                if has_chars(stem, if p == 0 { 3 } else { MIN_STEM }) {
                    out.push(p, len, art);
                }
            }
        }
    }
    out
}

// The proclitic letters in UTF-8 (each two bytes).
const WAW: [u8; 2] = [0xD9, 0x88];
const FA: [u8; 2] = [0xD9, 0x81];
const BA: [u8; 2] = [0xD8, 0xA8];
const KAF: [u8; 2] = [0xD9, 0x83];
const LAM: [u8; 2] = [0xD9, 0x84];
const SIN: [u8; 2] = [0xD8, 0xB3];
const ALEF: [u8; 2] = [0xD8, 0xA7];

/// The byte lengths of the proclitic sequences `word` starts with, shortest first, each with
/// whether it carries the article: [و|ف] ([ب|ك] [ال] | ل [ل] | س | ال). "لل" is ل + the article
/// whose alef is not written. Works on bytes: no allocation, no string comparisons.
fn proclitic_lengths(w: &[u8], out: &mut [(usize, bool); 8]) -> usize {
    let at = |i: usize, l: [u8; 2]| w.get(i..i + 2) == Some(&l[..]);
    let mut n = 0;
    let mut push = |len: usize, art: bool, n: &mut usize| {
        if *n < out.len() {
            out[*n] = (len, art);
            *n += 1;
        }
    };
    let mut i = 0;
    if at(0, WAW) || at(0, FA) {
        push(2, false, &mut n);
        i = 2;
    }
    if at(i, BA) || at(i, KAF) {
        push(i + 2, false, &mut n);
        if at(i + 2, ALEF) && at(i + 4, LAM) {
            push(i + 6, true, &mut n);
        }
    } else if at(i, LAM) {
        push(i + 2, false, &mut n);
        if at(i + 2, LAM) {
            push(i + 4, true, &mut n);
        }
    } else if at(i, SIN) {
        push(i + 2, false, &mut n);
    } else if at(i, ALEF) && at(i + 2, LAM) {
        push(i + 4, true, &mut n);
    }
    n
}

/// Minimum stem length in characters: shorter leftovers are not words.
const MIN_STEM: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, TokenKind)> {
        let f = Folded::new(s);
        tokenize(&f)
            .iter()
            .map(|t| (s[t.source.clone()].to_string(), t.kind))
            .collect()
    }

    #[test]
    fn tokens_keep_numbers_whole() {
        let t = toks("قُتل 1,200 شخص، و3.5 مليون في ٢٠٢٢.");
        let words: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "قُتل",
                "1,200",
                "شخص",
                "،",
                "و",
                "3.5",
                "مليون",
                "في",
                "٢٠٢٢",
                "."
            ]
        );
    }

    #[test]
    fn readings_follow_the_clitic_grammar() {
        let r = |w: &str| {
            let mut v: Vec<String> = segmentations(w)
                .iter()
                .map(|s| format!("{}+{}+{}", s.prefix, s.stem, s.suffix))
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            r("وبالعاصمه"),
            [
                "+وبالعاصمه+",
                "و+بالعاصمه+",
                "وب+العاصمه+",
                "وبال+عاصمه+",
                "+وبالعاصم+ه",
                "و+بالعاصم+ه",
                "وب+العاصم+ه",
                "وبال+عاصم+ه"
            ]
            .map(String::from)
            .to_vec()
            .tap_sort()
        );
        assert_eq!(
            r("وللجيش"),
            ["+وللجيش+", "و+للجيش+", "ول+لجيش+", "ولل+جيش+"]
                .map(String::from)
                .to_vec()
                .tap_sort()
        );
        assert_eq!(
            r("سيزورهما"),
            ["+سيزورهما+", "+سيزور+هما", "س+يزورهما+", "س+يزور+هما"]
                .map(String::from)
                .to_vec()
                .tap_sort()
        );
        assert_eq!(r("مدينة"), ["+مدينة+"].map(String::from).to_vec());
        // The article is flagged so matchers can restore it after لل.
        assert!(segmentations("للاتحاد")
            .iter()
            .any(|s| s.prefix == "لل" && s.article && s.stem == "اتحاد"));
    }

    trait TapSort {
        fn tap_sort(self) -> Self;
    }
    impl TapSort for Vec<String> {
        fn tap_sort(mut self) -> Self {
            self.sort();
            self
        }
    }

    #[test]
    fn segments_clitics() {
        let stems = |w: &str| {
            segmentations(w)
                .iter()
                .map(|s| s.with_article())
                .collect::<Vec<_>>()
        };
        assert!(stems("وروسيا").contains(&"روسيا".to_string()));
        assert!(stems("بموسكو").contains(&"موسكو".to_string()));
        assert!(stems("للاتحاد").contains(&"الاتحاد".to_string()));
        assert!(stems("وبالعاصمه").contains(&"العاصمه".to_string()));
        assert!(stems("رئيسها").contains(&"رئيس".to_string()));
        assert_eq!(stems("في"), vec!["في".to_string()]);
    }
}

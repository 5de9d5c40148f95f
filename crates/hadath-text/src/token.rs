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
    pub kind: TokenKind,
}

impl Token {
    /// The folded form of the token.
    #[inline]
    pub fn text<'a>(&self, folded: &'a Folded) -> &'a str {
        &folded.text()[self.folded.clone()]
    }

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

/// Proclitic sequences, longest first, with whether they carry the article.
/// "لل" is ل + the article whose alef is dropped in writing.
const PREFIXES: &[(&str, bool)] = &[
    ("وبال", true),
    ("فبال", true),
    ("وكال", true),
    ("ولل", true),
    ("فلل", true),
    ("وال", true),
    ("فال", true),
    ("بال", true),
    ("كال", true),
    ("لل", true),
    ("ال", true),
    ("وب", false),
    ("ول", false),
    ("وك", false),
    ("فب", false),
    ("فل", false),
    ("وس", false),
    ("و", false),
    ("ف", false),
    ("ب", false),
    ("ل", false),
    ("ك", false),
    ("س", false),
];

/// Attached pronoun suffixes, longest first.
const SUFFIXES: &[&str] = &[
    "هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك", "ي",
];

/// At least `n` characters in `s`, without counting them all.
#[inline]
fn has_chars(s: &str, n: usize) -> bool {
    s.chars().nth(n - 1).is_some()
}

/// Most readings a word can have: the bare word plus prefixed readings, each also with a suffix.
const MAX_READINGS: usize = 32;

/// The readings of one word, held inline (no allocation); derefs to a slice.
#[derive(Clone, Copy)]
pub struct Segmentations<'a> {
    items: [Segmentation<'a>; MAX_READINGS],
    len: usize,
}

impl<'a> Segmentations<'a> {
    #[inline]
    fn push(&mut self, s: Segmentation<'a>) {
        if self.len < MAX_READINGS {
            self.items[self.len] = s;
            self.len += 1;
        }
    }
}

impl<'a> std::ops::Deref for Segmentations<'a> {
    type Target = [Segmentation<'a>];
    fn deref(&self) -> &[Segmentation<'a>] {
        &self.items[..self.len]
    }
}

impl<'a> IntoIterator for Segmentations<'a> {
    type Item = Segmentation<'a>;
    type IntoIter = std::iter::Take<std::array::IntoIter<Segmentation<'a>, MAX_READINGS>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().take(self.len)
    }
}

impl<'s, 'a> IntoIterator for &'s Segmentations<'a> {
    type Item = &'s Segmentation<'a>;
    type IntoIter = std::slice::Iter<'s, Segmentation<'a>>;
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
pub fn segmentations(word: &str) -> Segmentations<'_> {
    let bare = Segmentation {
        prefix: "",
        stem: word,
        suffix: "",
        article: false,
    };
    let mut out = Segmentations {
        items: [bare; MAX_READINGS],
        len: 1,
    };
    // Only Arabic words take clitics; the first letter must be one of و ف ب ل ك ا س.
    let Some(first) = word.chars().next() else {
        return out;
    };
    if !matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا' | 'س')
        && !word.ends_with(['ه', 'ا', 'م', 'ن', 'ك', 'ي'])
    {
        return out;
    }
    if matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا' | 'س') {
        for &(p, art) in PREFIXES {
            if let Some(rest) = word.strip_prefix(p) {
                if has_chars(rest, MIN_STEM) {
                    out.push(Segmentation {
                        prefix: p,
                        stem: rest,
                        suffix: "",
                        article: art,
                    });
                }
            }
        }
    }
    // Suffixes on the bare word and on each prefixed reading.
    let n = out.len;
    for k in 0..n {
        let base = out.items[k];
        for &sfx in SUFFIXES {
            if let Some(stem) = base.stem.strip_suffix(sfx) {
                if has_chars(stem, if base.prefix.is_empty() { 3 } else { MIN_STEM }) {
                    out.push(Segmentation {
                        stem,
                        suffix: sfx,
                        ..base
                    });
                }
            }
        }
    }
    out
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

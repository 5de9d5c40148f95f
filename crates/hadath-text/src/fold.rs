//! Folding for matching, with an alignment back to the source.
//!
//! ```
//! use hadath_text::Folded;
//! let src = "وبِموسكـــو ٢٠٢٢";
//! let f = Folded::new(src);
//! assert_eq!(f.text(), "وبموسكو 2022");
//! // "موسكو" found in the folded text maps back to the exact source characters.
//! let at = f.text().find("موسكو").unwrap();
//! let span = f.source_range(at..at + "موسكو".len());
//! assert_eq!(&src[span], "موسكـــو");
//! //! ```

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// What folding does to one source character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharFold {
    /// Keep as is.
    Keep,
    /// Drop for matching (tashkeel, tatweel, format controls).
    Drop,
    /// Replace by one other character.
    Map(char),
    /// Decompose through NFKC (presentation forms, ligatures, full-width forms).
    Compat,
}

/// How one character folds. This is the single table behind every matcher in hadath.
#[inline]
pub fn fold_char(c: char) -> CharFold {
    match c {
        // ASCII fast path: lower-case letters, keep the rest.
        'A'..='Z' => CharFold::Map(c.to_ascii_lowercase()),
        '\u{0}'..='\u{7f}' => CharFold::Keep,
        // Tashkeel, Quranic annotation marks, dagger alef, tatweel.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => CharFold::Drop,
        // Invisible format characters: ZWSP..RLM, bidi embeddings and isolates, ALM, BOM, soft hyphen.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{00AD}' => CharFold::Drop,
        // Alef forms.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => CharFold::Map('ا'),
        'ى' | 'ی' | 'ې' => CharFold::Map('ي'),
        'ة' | 'ۀ' | 'ە' => CharFold::Map('ه'),
        'ک' | 'ڪ' => CharFold::Map('ك'),
        'گ' => CharFold::Map('ج'),
        'ڤ' => CharFold::Map('ف'),
        'پ' => CharFold::Map('ب'),
        'چ' => CharFold::Map('ج'),
        'ھ' | 'ہ' => CharFold::Map('ه'),
        // Arabic-Indic and Persian digits.
        '\u{0660}'..='\u{0669}' => CharFold::Map(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => CharFold::Map(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        // Arabic punctuation to its ASCII counterpart.
        '،' => CharFold::Map(','),
        '؛' => CharFold::Map(';'),
        '؟' => CharFold::Map('?'),
        '٪' => CharFold::Map('%'),
        '٫' => CharFold::Map('.'),
        '٬' => CharFold::Map(','),
        '۔' => CharFold::Map('.'),
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' => CharFold::Map('"'),
        '‘' | '’' | '‚' | '‛' | '′' => CharFold::Map('\''),
        '–' | '—' | '‒' | '―' | '−' => CharFold::Map('-'),
        '…' => CharFold::Compat,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            CharFold::Map(' ')
        }
        '\u{2028}' | '\u{2029}' | '\u{0085}' => CharFold::Map('\n'),
        // The rest of the Arabic block is kept as is (fast path before the case lookup below).
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => CharFold::Keep,
        // Presentation forms and other compatibility characters.
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}' => {
            CharFold::Compat
        }
        c if c.is_uppercase() => CharFold::Compat,
        _ => CharFold::Keep,
    }
}

/// A folded copy of a text with, for every folded byte, the source byte it came from.
///
/// Every position in [`Folded::text`] maps back into the original text, so any span found in the
/// folded text can be reported with its exact original words. A dropped mark (tashkeel, tatweel)
/// belongs to the character before it, so a span ending on a letter takes in the letter's marks.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    /// For each folded byte: the source byte where its source character starts.
    starts: Vec<u32>,
    source_len: u32,
}

impl Folded {
    /// Fold `src` for matching: tashkeel and tatweel removed, alef forms, alef maqsura and ta
    /// marbuta folded, digits to ASCII, Arabic punctuation to ASCII, Latin lower-cased.
    pub fn new(src: &str) -> Folded {
        assert!(
            src.len() < u32::MAX as usize,
            "texts over 4 GiB are not supported"
        );
        let mut text: Vec<u8> = Vec::with_capacity(src.len());
        let mut starts: Vec<u32> = Vec::with_capacity(src.len());
        let mut buf = [0u8; 4];
        for (i, c) in src.char_indices() {
            let s = i as u32;
            if c.is_ascii() {
                text.push((c as u8).to_ascii_lowercase());
                starts.push(s);
                continue;
            }
            let mut push = |d: char| {
                let e = d.encode_utf8(&mut buf);
                text.extend_from_slice(e.as_bytes());
                starts.extend(std::iter::repeat_n(s, e.len()));
            };
            fold_into(c, &mut push);
        }
        // SAFETY: `text` only ever receives ASCII bytes and the output of `char::encode_utf8`,
        // whole characters each, so it is valid UTF-8 (the fuzz target and the property tests
        // check the folded text's character boundaries).
        let text = unsafe { String::from_utf8_unchecked(text) };
        Folded {
            text,
            starts,
            source_len: src.len() as u32,
        }
    }

    /// The folded text.
    #[inline]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Length in bytes of the source text this was folded from.
    pub fn source_len(&self) -> usize {
        self.source_len as usize
    }

    /// The source byte range that the folded byte range `r` came from. The end takes in any
    /// marks dropped after the last character.
    ///
    /// An empty range maps to an empty range at the matching source position.
    #[inline]
    pub fn source_range(&self, r: Range<usize>) -> Range<usize> {
        if r.start >= r.end {
            let p = self.source_pos(r.start);
            return p..p;
        }
        let start = self.starts[r.start] as usize;
        // The end is where the next folded character's source starts; characters that expand
        // into several folded ones (ligatures) share a start, so skip past those.
        let last = self.starts[r.end - 1];
        let mut j = r.end;
        while j < self.starts.len() && self.starts[j] == last {
            j += 1;
        }
        let end = if j < self.starts.len() {
            self.starts[j] as usize
        } else {
            self.source_len as usize
        };
        start..end.max(start)
    }

    /// The source byte offset of the folded byte offset `i` (the end of the text maps to the end).
    #[inline]
    pub fn source_pos(&self, i: usize) -> usize {
        if i < self.starts.len() {
            self.starts[i] as usize
        } else {
            self.source_len as usize
        }
    }

    /// The folded byte offset of the first folded character that comes from source byte `s` or later.
    pub fn folded_pos(&self, s: usize) -> usize {
        self.starts.partition_point(|&x| (x as usize) < s)
    }
}

/// Fold a short string (a lexicon key, a pattern) without keeping the alignment.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_into(c, &mut |d| out.push(d));
    }
    out
}

/// Fold one source character, handing each folded character to `push`: the one rule that both
/// [`Folded::new`] and [`fold`] follow, so a span folds the same alone as in its text.
/// Compatibility characters are NFKC-decomposed, and each piece is lower-cased to one character
/// (`İ` gives `i`, not `i` and a combining dot) so that alignment stays one source character to
/// whole folded characters.
#[inline]
fn fold_into(c: char, push: &mut impl FnMut(char)) {
    match fold_char(c) {
        CharFold::Keep => push(c),
        CharFold::Map(m) => push(m),
        CharFold::Drop => {}
        CharFold::Compat => {
            let mut any = false;
            for d in std::iter::once(c).nfkc() {
                let d = match fold_char(d) {
                    CharFold::Keep | CharFold::Compat => d.to_lowercase().next().unwrap_or(d),
                    CharFold::Map(m) => m,
                    CharFold::Drop => continue,
                };
                push(d);
                any = true;
            }
            if !any {
                push(c);
            }
        }
    }
}

/// Fold and collapse runs of whitespace to one space, trimmed: the form lexicon keys are stored in.
pub fn fold_key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_folds_alone_as_it_does_in_its_text() {
        // Found by the fuzzer: `İ` lower-cases to two characters, and the two folds disagreed.
        for s in ["İ2", "ﬁİstanbul", "Ǆ", "ﷺ", "ΐ"] {
            assert_eq!(fold(s), Folded::new(s).text(), "{s}");
        }
        assert_eq!(fold("İ"), "i");
    }

    #[test]
    fn folds_arabic() {
        assert_eq!(fold("أَمْسِ"), "امس");
        assert_eq!(fold("إسطنبول"), "اسطنبول");
        assert_eq!(fold("مصطفى"), "مصطفي");
        assert_eq!(fold("الجمهورية"), "الجمهوريه");
        assert_eq!(fold("قصفـــت"), "قصفت");
        assert_eq!(fold("١٣ ۱۳"), "13 13");
        assert_eq!(fold("«نعم»، لا؟"), "\"نعم\", لا?");
        assert_eq!(fold("NATO"), "nato");
        assert_eq!(fold("ﻻ"), "لا");
    }

    #[test]
    fn alignment_covers_marks() {
        let src = "قصفٍ عنيف";
        let f = Folded::new(src);
        assert_eq!(f.text(), "قصف عنيف");
        let r = f.source_range(0.."قصف".len());
        assert_eq!(&src[r], "قصفٍ");
    }

    #[test]
    fn ligature_maps_to_one_source_char() {
        let src = "ﻻ بد";
        let f = Folded::new(src);
        assert_eq!(f.text(), "لا بد");
        assert_eq!(&src[f.source_range(0..2)], "ﻻ");
        assert_eq!(&src[f.source_range(2..4)], "ﻻ");
    }
}

//! Property tests: every span the text layer reports maps back to the exact source text.

use hadath_text::{fold, Analysis, CharIndex, Folded};
use proptest::prelude::*;

/// Characters Arabic news throws at us: letters, every hamza and alef form, tashkeel, tatweel,
/// both digit scripts, Latin, punctuation of both scripts, presentation forms, invisible marks.
const ALPHABET: &[char] = &[
    'ا', 'أ', 'إ', 'آ', 'ٱ', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض',
    'ط', 'ظ', 'ع', 'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ى', 'ة', 'ء', 'ؤ', 'ئ',
    '\u{064B}', '\u{064E}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{0670}', 'ـ', '٠', '١', '٢',
    '٩', '۴', '۵', '0', '7', '9', 'a', 'Z', 'é', '.', ',', '،', '؛', '؟', '!', ':', '«', '»', '“',
    '”', '"', '(', ')', '-', '–', '…', ' ', ' ', ' ', '\n', '\u{00A0}', '\u{200F}', '\u{200C}',
    '\u{FEFF}', 'ﻻ', 'ﷲ', 'ﺑ', 'Ａ', '😀', '•', '/', '%', '٪',
];

fn arabicish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..300)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn folded_spans_map_to_source(text in arabicish()) {
        let f = Folded::new(&text);
        // Every folded character maps to a source range on character boundaries.
        for (i, c) in f.text().char_indices() {
            let r = f.source_range(i..i + c.len_utf8());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(fold(&text[r]).contains(c));
        }
    }

    #[test]
    fn tokens_and_sentences_slice_the_source(text in arabicish()) {
        let a = Analysis::new(&text);
        let ix = CharIndex::new(&text);
        let chars: Vec<char> = text.chars().collect();
        for t in a.tokens() {
            let src = &text[t.source.clone()];
            prop_assert!(fold(src).contains(&a.folded().text()[t.folded.clone()]));
            // Code-point offsets slice the same text as byte offsets.
            let (s, e) = (ix.char_offset(t.source.start), ix.char_offset(t.source.end));
            let by_chars: String = chars[s..e].iter().collect();
            prop_assert_eq!(by_chars.as_str(), src);
        }
        let mut prev_end = 0;
        for s in a.sentences() {
            prop_assert!(s.source.start >= prev_end);
            prev_end = s.source.end;
            prop_assert!(!s.tokens.is_empty());
        }
    }
}

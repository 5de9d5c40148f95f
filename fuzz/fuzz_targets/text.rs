//! Fuzz the whole text layer: any UTF-8 input must fold, tokenise, split and map back without a
//! panic, and every span must land on character boundaries of the source.
#![no_main]

use hadath_text::{fold, Analysis, CharIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let a = Analysis::new(text);
    let ix = CharIndex::new(text);
    let mut last = 0;
    for t in a.tokens() {
        let src = &text[t.source.clone()];
        // A token folds to (part of) what its source folds to: "…" is three "." tokens.
        assert!(fold(src).contains(&a.folded().text()[t.folded.clone()]));
        assert!(t.source.start >= last);
        last = t.source.start;
        assert!(ix.char_offset(t.source.start) <= ix.char_offset(t.source.end));
    }
    for s in a.sentences() {
        let _ = &text[s.source.clone()];
        for w in &a.tokens()[s.tokens.clone()] {
            for seg in hadath_text::segmentations(&a.folded().text()[w.folded.clone()]) {
                assert!(!seg.stem.is_empty());
            }
        }
    }
});

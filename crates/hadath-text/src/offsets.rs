//! Byte offsets to code-point offsets, for the output contract.

/// Converts byte offsets of one text into code-point offsets (Python string indices).
///
/// ```
/// use hadath_text::CharIndex;
/// let t = "أذربيجان 2022";
/// let ix = CharIndex::new(t);
/// assert_eq!(ix.char_offset(t.find('2').unwrap()), 9);
/// ```
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of every 64th character, for a short scan from the nearest checkpoint.
    checkpoints: Vec<usize>,
}

const STEP: usize = 64;

impl<'a> CharIndex<'a> {
    /// Index `text`: one pass that records the byte offset of every 64th character (nothing for
    /// ASCII text, where byte and code-point offsets agree).
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            checkpoints.reserve(text.len() / STEP + 1);
            for (n, (i, _)) in text.char_indices().enumerate() {
                if n % STEP == 0 {
                    checkpoints.push(i);
                }
            }
        }
        CharIndex { text, checkpoints }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text, moved back to a
    /// character boundary if it falls inside one).
    pub fn char_offset(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let from = self.checkpoints[k];
        k * STEP + self.text[from..byte].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_naive_count() {
        let t = "قصفٌ ".repeat(100) + "abc" + &"ـ٣".repeat(50);
        let ix = CharIndex::new(&t);
        for (i, _) in t.char_indices() {
            assert_eq!(ix.char_offset(i), t[..i].chars().count());
        }
        assert_eq!(ix.char_offset(t.len()), t.chars().count());
    }
}

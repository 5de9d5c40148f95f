//! The Arabic text layer of hadath.
//!
//! ```
//! use hadath_text::Analysis;
//! let text = "قال الرئيس، اليوم: وصلنا إلى موسكو. اقرأ أيضا: خبر آخر";
//! let a = Analysis::new(text);
//! // Two sentences; the teaser line is marked as boilerplate and kept out of extraction.
//! let live: Vec<&str> = a.sentences().iter().filter(|s| s.boilerplate.is_none()).map(|s| &text[s.source.clone()]).collect();
//! assert_eq!(live, ["قال الرئيس، اليوم: وصلنا إلى موسكو."]);
//! ```
//!
//! Every stage keeps an alignment to the original text: [`Folded`] maps each folded byte back to
//! its source bytes, [`Token`]s and [`Sentence`]s carry both ranges, and [`CharIndex`] turns byte
//! offsets into the code-point offsets of the output contract.
#![deny(missing_docs)]

mod boiler;
mod fold;
mod offsets;
mod sentence;
mod token;

pub use boiler::{boilerplate_lines, BoilerKind};
pub use fold::{fold, fold_char, fold_key, CharFold, Folded};
pub use offsets::CharIndex;
pub use sentence::{split_sentences, Sentence};
pub use token::{
    segmentations, tokenize, tokenize_into, Segmentation, SegmentationIter, Segmentations, Token,
    TokenKind,
};

/// A document run through the whole text layer: folded text, tokens, sentences, boilerplate.
#[derive(Debug, Clone)]
pub struct Analysis {
    folded: Folded,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
}

impl Analysis {
    /// Run `text` through every stage: fold it, tokenize the folded text, mark boilerplate lines and
    /// split the result into sentences.
    pub fn new(text: &str) -> Analysis {
        let folded = Folded::new(text);
        let tokens = tokenize(&folded);
        let boiler = boilerplate_lines(&folded);
        let sentences = split_sentences(&folded, &tokens, &boiler);
        Analysis {
            folded,
            tokens,
            sentences,
        }
    }

    /// The folded text, with its map back to the source bytes.
    pub fn folded(&self) -> &Folded {
        &self.folded
    }

    /// All tokens of the document, in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// All sentences of the document in text order, boilerplate lines included (marked in
    /// [`Sentence::boilerplate`]).
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The tokens of sentence `s`.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.clone()]
    }

    /// The sentence holding source byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.source.end <= pos);
        self.sentences.get(i).filter(|s| s.source.start <= pos)
    }

    /// True when source byte `pos` lies in boilerplate.
    pub fn is_boilerplate(&self, pos: usize) -> bool {
        self.sentence_at(pos)
            .is_some_and(|s| s.boilerplate.is_some())
    }
}

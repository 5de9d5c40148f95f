//! Position indexes that keep the events stage linear (n log n) in the document's size: a
//! sentence looks up the time expressions, entities and numbers inside it instead of scanning
//! the document's, and a sentence of more tokens than [`MAX_SENTENCE_TOKENS`] is read in
//! pieces so that the work inside one sentence stays bounded.

use hadath_text::{Sentence, Token};
use std::borrow::Cow;
use std::ops::Range;

/// The items of a list by the token they start at.
pub(crate) struct ByStart {
    /// (start, index in the list), sorted.
    keys: Vec<(usize, usize)>,
}

impl ByStart {
    pub(crate) fn new(starts: impl IntoIterator<Item = usize>) -> ByStart {
        let mut keys: Vec<(usize, usize)> = starts
            .into_iter()
            .enumerate()
            .map(|(i, s)| (s, i))
            .collect();
        keys.sort_unstable();
        ByStart { keys }
    }

    /// The indices of the items starting at a token in `lo..=hi`, in list order.
    pub(crate) fn starting_in(&self, lo: usize, hi: usize) -> Vec<usize> {
        if lo > hi {
            return Vec::new();
        }
        let a = self.keys.partition_point(|k| k.0 < lo);
        let b = self.keys.partition_point(|k| k.0 <= hi);
        let mut v: Vec<usize> = self.keys[a..b].iter().map(|k| k.1).collect();
        v.sort_unstable();
        v
    }

    /// The items of `list` whose token range lies inside `within`, in list order (`list` is the
    /// list this index was built from).
    pub(crate) fn inside<'l, T>(
        &self,
        list: &'l [T],
        within: &Range<usize>,
        toks: impl Fn(&T) -> &Range<usize>,
    ) -> Vec<&'l T> {
        self.starting_in(within.start, within.end)
            .into_iter()
            .map(|i| &list[i])
            .filter(|x| {
                let r = toks(x);
                r.start >= within.start && r.end <= within.end
            })
            .collect()
    }
}

/// Byte spans (of mentions) by where they start, for finding those that overlap a range.
pub(crate) struct BySpan {
    starts: ByStart,
    ends: Vec<usize>,
    /// The longest span: one that overlaps `a..b` starts after `a - longest`.
    longest: usize,
}

impl BySpan {
    pub(crate) fn new<'r>(spans: impl IntoIterator<Item = &'r Range<usize>>) -> BySpan {
        let spans: Vec<&Range<usize>> = spans.into_iter().collect();
        BySpan {
            starts: ByStart::new(spans.iter().map(|r| r.start)),
            ends: spans.iter().map(|r| r.end).collect(),
            longest: spans.iter().map(|r| r.len()).max().unwrap_or(0),
        }
    }

    /// The indices of the spans `r` with `r.start < b && a < r.end`, in list order.
    pub(crate) fn overlapping(&self, a: usize, b: usize) -> Vec<usize> {
        let Some(hi) = b.checked_sub(1) else {
            return Vec::new();
        };
        let mut v = self
            .starts
            .starting_in((a + 1).saturating_sub(self.longest), hi);
        v.retain(|&i| a < self.ends[i]);
        v
    }

    /// The indices of the spans starting in `a..b`, in list order.
    pub(crate) fn starting_in(&self, a: usize, b: usize) -> Vec<usize> {
        match b.checked_sub(1) {
            Some(hi) => self.starts.starting_in(a, hi),
            None => Vec::new(),
        }
    }
}

/// The most tokens the events stage reads as one sentence. The longest sentence of the 30,676
/// SaudiNewsNet articles has 691 tokens; a longer run (a page of dots, a list with no full stop)
/// is read in pieces of this many tokens, so that the stage's work per sentence (triggers ×
/// bounds, triggers × entities) stays bounded and the whole stage linear in the text.
pub(crate) const MAX_SENTENCE_TOKENS: usize = 1024;

/// The sentences with any longer than [`MAX_SENTENCE_TOKENS`] cut into pieces of that many
/// tokens (borrowed as they are when none is).
pub(crate) fn capped<'s>(sentences: &'s [Sentence], tokens: &[Token]) -> Cow<'s, [Sentence]> {
    if sentences
        .iter()
        .all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS)
    {
        return Cow::Borrowed(sentences);
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        if s.tokens.len() <= MAX_SENTENCE_TOKENS {
            out.push(s.clone());
            continue;
        }
        let mut a = s.tokens.start;
        while a < s.tokens.end {
            let b = (a + MAX_SENTENCE_TOKENS).min(s.tokens.end);
            out.push(Sentence {
                source: tokens[a].source.start..tokens[b - 1].source.end,
                tokens: a..b,
                boilerplate: s.boilerplate,
                paragraph: s.paragraph,
            });
            a = b;
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starting_in_keeps_list_order() {
        let ix = ByStart::new([5, 1, 3, 3, 9]);
        assert_eq!(ix.starting_in(3, 5), vec![0, 2, 3]);
        assert_eq!(ix.starting_in(6, 5), Vec::<usize>::new());
        let list = [0..2, 1..4, 3..3, 3..6, 9..10];
        let got = ix.inside(&list, &(1..5), |r| r);
        assert_eq!(got, vec![&(1..4), &(3..3)]);
    }

    #[test]
    fn overlapping_spans() {
        let spans = [0..4, 2..3, 5..9, 6..7];
        let ix = BySpan::new(&spans);
        for (a, b) in [(0, 1), (3, 6), (4, 5), (7, 20), (0, 0), (8, 9)] {
            let slow: Vec<usize> = (0..spans.len())
                .filter(|&i| spans[i].start < b && a < spans[i].end)
                .collect();
            assert_eq!(ix.overlapping(a, b), slow, "{a}..{b}");
        }
        assert_eq!(ix.starting_in(2, 6), vec![1, 2]);
    }

    #[test]
    fn long_sentences_are_cut() {
        let text = ". ".repeat(3000);
        let a = hadath_text::Analysis::new(&text);
        assert_eq!(a.sentences().len(), 1);
        let c = capped(a.sentences(), a.tokens());
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].tokens, 0..MAX_SENTENCE_TOKENS);
        assert_eq!(c[2].tokens.end, 3000);
        let short = hadath_text::Analysis::new("وصل الوفد.");
        assert!(matches!(
            capped(short.sentences(), short.tokens()),
            Cow::Borrowed(_)
        ));
    }
}

//! Sentence splitting over tokens: terminal punctuation and line breaks, not fooled by
//! abbreviations, decimal numbers or ellipses.

use crate::{BoilerKind, Folded, Token, TokenKind};
use std::ops::Range;

/// A sentence: its source byte range, its tokens, and whether it is boilerplate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in the source text, from the first token's start to the last token's end.
    pub source: Range<usize>,
    /// Index range into the document's tokens.
    pub tokens: Range<usize>,
    /// Set when the sentence lies in web boilerplate: extraction skips it.
    pub boilerplate: Option<BoilerKind>,
    /// Index of the paragraph (line) the sentence belongs to, counting from 0.
    pub paragraph: usize,
}

#[inline]
fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?")
}

#[inline]
fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | ")" | "]" | "'" | "}")
}

/// Split `tokens` (of `folded`) into sentences, and mark those inside the `boiler` ranges.
pub fn split_sentences(
    folded: &Folded,
    tokens: &[Token],
    boiler: &[(Range<usize>, BoilerKind)],
) -> Vec<Sentence> {
    let text = folded.text();
    let mut out = Vec::with_capacity(tokens.len() / 15 + 1);
    let mut start = 0usize;
    let mut paragraph = 0usize;
    let mut i = 0usize;
    let n = tokens.len();
    let mut bi = 0usize;
    while i < n {
        let t = &tokens[i];
        let mut end_here = false;
        let mut newline_after = false;
        let s = &text[t.folded.clone()];
        if t.kind == TokenKind::Punct && is_terminal(s) && !is_abbreviation(text, tokens, i) {
            // Absorb a run of terminals and closing quotes glued to it.
            while i + 1 < n {
                let nx = &tokens[i + 1];
                let ns = &text[nx.folded.clone()];
                let glued = nx.folded.start == tokens[i].folded.end;
                if nx.kind == TokenKind::Punct && (is_terminal(ns) || (glued && is_closer(ns))) {
                    i += 1;
                } else {
                    break;
                }
            }
            end_here = true;
        }
        if i + 1 < n {
            let gap = &text[tokens[i].folded.end..tokens[i + 1].folded.start];
            if gap.contains('\n') {
                end_here = true;
                newline_after = true;
            }
        } else {
            end_here = true;
        }
        // A boilerplate range starting at the next token also closes the sentence.
        if !end_here && i + 1 < n {
            let next = tokens[i + 1].source.start;
            while bi < boiler.len() && boiler[bi].0.end <= tokens[i].source.start {
                bi += 1;
            }
            if boiler[bi..]
                .iter()
                .take(2)
                .any(|(r, _)| r.start == next || (r.end <= next && r.end > tokens[i].source.start))
            {
                end_here = true;
            }
        }
        if end_here {
            let first = &tokens[start];
            let last = &tokens[i];
            let source = first.source.start..last.source.end;
            let kind = boiler_at(boiler, source.start);
            out.push(Sentence {
                source,
                tokens: start..i + 1,
                boilerplate: kind,
                paragraph,
            });
            start = i + 1;
            if newline_after {
                paragraph += 1;
            }
        }
        i += 1;
    }
    out
}

fn boiler_at(boiler: &[(Range<usize>, BoilerKind)], pos: usize) -> Option<BoilerKind> {
    let k = boiler.partition_point(|(r, _)| r.end <= pos);
    boiler
        .get(k)
        .filter(|(r, _)| r.start <= pos)
        .map(|(_, k)| *k)
}

/// A period after a one-letter word ("د." for doctor, "U.S.") or a known short form is not a
/// sentence end when the text goes on on the same line.
fn is_abbreviation(text: &str, tokens: &[Token], i: usize) -> bool {
    if &text[tokens[i].folded.clone()] != "." || i == 0 {
        return false;
    }
    let prev = &tokens[i - 1];
    if prev.folded.end != tokens[i].folded.start {
        return false;
    }
    let p = &text[prev.folded.clone()];
    let one_letter = prev.is_word() && p.chars().count() == 1;
    let known = matches!(
        p,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "st"
            | "jr"
            | "inc"
            | "ltd"
            | "co"
            | "vs"
            | "etc"
            | "no"
            | "gen"
            | "col"
            | "lt"
            | "سم"
            | "كم"
            | "ج"
    );
    if !(one_letter || known) {
        return false;
    }
    // Only when the sentence continues on the same line.
    match tokens.get(i + 1) {
        Some(nx) => !text[tokens[i].folded.end..nx.folded.start].contains('\n'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::Analysis;

    fn sents(t: &str) -> Vec<String> {
        let a = Analysis::new(t);
        a.sentences()
            .iter()
            .map(|s| t[s.source.clone()].to_string())
            .collect()
    }

    #[test]
    fn splits_on_terminals_and_lines() {
        let s = sents("وصل الوفد إلى القاهرة. وبدأت المحادثات؟ نعم!\nسطر جديد بلا نقطة\nثم آخر");
        assert_eq!(
            s,
            [
                "وصل الوفد إلى القاهرة.",
                "وبدأت المحادثات؟",
                "نعم!",
                "سطر جديد بلا نقطة",
                "ثم آخر"
            ]
        );
    }

    #[test]
    fn not_fooled_by_numbers_and_abbreviations() {
        let s = sents("بلغ النمو 3.5 في المئة وقال د. أحمد إن U.S. تدعم الخطة... ثم غادر.");
        assert_eq!(
            s,
            [
                "بلغ النمو 3.5 في المئة وقال د. أحمد إن U.S. تدعم الخطة...",
                "ثم غادر."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_sentence() {
        let s = sents("قال: \"لن ننسحب.\" ثم غادر.");
        assert_eq!(s, ["قال: \"لن ننسحب.\"", "ثم غادر."]);
    }

    #[test]
    fn paragraphs_are_counted() {
        let a = Analysis::new("الأولى. الثانية.\n\nالثالثة.");
        let p: Vec<usize> = a.sentences().iter().map(|s| s.paragraph).collect();
        assert_eq!(p, [0, 0, 1]);
    }
}

//! ANERcorp-style CoNLL data ("WORD TAG" per line) read from a string, split and aligned to
//! hadath tokens. The same sentence splitting, clean-up and 5/6 train/test split as
//! `shared/eval/score.py` (`read_conll`, `conll_split`), so training sees exactly the train part.
//! No I/O: callers read the file.

use crate::{NerKind, NerSpan, NT};
use hadath_text::{tokenize, Folded, Token};
use std::ops::Range;

/// One sentence: (token, tag) pairs.
pub type ConllSentence = Vec<(String, String)>;

/// Python's `str.split()` whitespace.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Sentences as lists of (token, tag), as `score.py read_conll` makes them: U+200F deleted,
/// U+00B7 and U+2022 mapped to "."; a blank line, or the end of a run of sentence-final
/// punctuation tokens, ends a sentence; lines with fewer than two fields are skipped.
pub fn read_conll(text: &str) -> Vec<ConllSentence> {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut breaks = std::collections::HashSet::new();
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    for raw in lines {
        let line = raw
            .replace('\u{200f}', "")
            .replace(['\u{00b7}', '\u{2022}'], ".");
        let parts: Vec<&str> = line.split(is_py_space).filter(|p| !p.is_empty()).collect();
        if parts.len() < 2 {
            if line.chars().all(is_py_space) && !rows.is_empty() {
                breaks.insert(rows.len());
            }
            continue;
        }
        rows.push((parts[0].to_string(), parts[parts.len() - 1].to_string()));
    }
    let is_final = |t: &str| matches!(t, "." | "!" | "?" | "\u{061f}");
    let mut sents = Vec::new();
    let mut cur = Vec::new();
    let n = rows.len();
    for i in 0..n {
        let end = breaks.contains(&(i + 1))
            || (is_final(&rows[i].0) && !(i + 1 < n && is_final(&rows[i + 1].0)));
        cur.push(rows[i].clone());
        if end {
            sents.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    sents
}

/// Which part of the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The first 5/6 of the words (whole sentences): the training part.
    Train,
    /// The sentences after the training part.
    Test,
    /// Every sentence.
    All,
}

/// The ANERcorp convention: sentences holding the first 5/6 of the words are train, the rest test.
pub fn conll_split(sents: &[ConllSentence], part: Part) -> &[ConllSentence] {
    if part == Part::All {
        return sents;
    }
    let total: usize = sents.iter().map(Vec::len).sum();
    let mut acc = 0usize;
    let mut cut = sents.len();
    for (i, s) in sents.iter().enumerate() {
        // acc >= total * 5 / 6, in integers.
        if acc * 6 >= total * 5 {
            cut = i;
            break;
        }
        acc += s.len();
    }
    if part == Part::Train {
        &sents[..cut]
    } else {
        &sents[cut..]
    }
}

fn norm_kind(tag: &str) -> Option<(bool, NerKind)> {
    let t = tag.to_ascii_uppercase();
    let (b, rest) = if let Some(r) = t.strip_prefix("B-") {
        (true, r.to_string())
    } else if let Some(r) = t.strip_prefix("I-") {
        (false, r.to_string())
    } else {
        return None;
    };
    let k = match rest.as_str() {
        "PERS" | "PER" => NerKind::Pers,
        "LOC" => NerKind::Loc,
        "ORG" => NerKind::Org,
        "MISC" => NerKind::Misc,
        // AQMAR's article-specific classes.
        m if m.starts_with("MIS") => NerKind::Misc,
        _ => return None,
    };
    Some((b, k))
}

/// Entity spans `(start, end, kind)` over token indices (`end` exclusive), as
/// `score.py spans_from_bio` reads B-/I- tags (an I- after O or after another kind opens a span).
pub fn spans_from_bio<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, NerKind)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, NerKind)> = None;
    for i in 0..=tags.len() {
        let t = tags.get(i).and_then(|t| norm_kind(t.as_ref()));
        if let Some((s, k)) = open {
            let cont = matches!(t, Some((false, k2)) if k2 == k);
            if !cont {
                spans.push((s, i, k));
                open = None;
            }
        }
        if let Some((b, k)) = t {
            if b || open.is_none() {
                open = Some((i, k));
            }
        }
    }
    spans
}

/// A sentence ready for training or evaluation: its space-joined text, hadath tokens with gold
/// BIO tags, and the gold spans over the corpus tokens.
#[derive(Debug, Clone)]
pub struct Example {
    /// The sentence's corpus tokens joined by single spaces.
    pub text: String,
    /// `text` folded.
    pub folded: Folded,
    /// The hadath tokens of `folded` (byte ranges into `folded` and `text`).
    pub tokens: Vec<Token>,
    /// Gold tag index per hadath token (see [`crate::tag_name`]).
    pub tags: Vec<u8>,
    /// Byte range of each corpus token in `text`.
    pub corpus_tokens: Vec<Range<usize>>,
    /// Gold spans over corpus token indices.
    pub gold: Vec<(usize, usize, NerKind)>,
}

impl Example {
    /// Build from one corpus sentence. Hadath tokens take the tag of the corpus token they lie
    /// in; the first hadath token of an entity gets B-, the rest I-.
    pub fn from_conll(sent: &[(String, String)]) -> Example {
        let mut text = String::new();
        let mut corpus_tokens = Vec::with_capacity(sent.len());
        for (i, (w, _)) in sent.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            corpus_tokens.push(text.len()..text.len() + w.len());
            text.push_str(w);
        }
        let tags: Vec<&str> = sent.iter().map(|(_, t)| t.as_str()).collect();
        let gold = spans_from_bio(&tags);
        Example::from_text(text, corpus_tokens, gold)
    }

    /// Build from a text, its corpus tokens and gold spans over them.
    pub fn from_text(
        text: String,
        corpus_tokens: Vec<Range<usize>>,
        gold: Vec<(usize, usize, NerKind)>,
    ) -> Example {
        let folded = Folded::new(&text);
        let tokens = tokenize(&folded);
        let owner = |pos: usize| corpus_tokens.partition_point(|r| r.end <= pos);
        let mut tags = vec![0u8; tokens.len()];
        for &(s, e, k) in &gold {
            let mut first = true;
            for (t, tag) in tokens.iter().zip(tags.iter_mut()) {
                let o = owner(t.source.start);
                if o >= s && o < e {
                    *tag = if first {
                        crate::b_tag(k)
                    } else {
                        crate::b_tag(k) + 1
                    };
                    first = false;
                }
            }
        }
        debug_assert!(tags.iter().all(|&t| (t as usize) < NT));
        Example {
            text,
            folded,
            tokens,
            tags,
            corpus_tokens,
            gold,
        }
    }

    /// Predicted spans mapped to corpus tokens the way the scorer does: every corpus token a
    /// span overlaps belongs to it.
    pub fn to_corpus_spans(&self, spans: &[NerSpan]) -> Vec<(usize, usize, NerKind)> {
        let mut out = Vec::new();
        for s in spans {
            let a = s.source.start;
            let b = s.source.end;
            let hit: Vec<usize> = (0..self.corpus_tokens.len())
                .filter(|&j| self.corpus_tokens[j].start < b && self.corpus_tokens[j].end > a)
                .collect();
            if let (Some(&f), Some(&l)) = (hit.first(), hit.last()) {
                out.push((f, l + 1, s.kind));
            }
        }
        out
    }
}

/// True positives, false positives and false negatives per kind (PERS, LOC, ORG, MISC).
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// True positives (predicted spans that are gold), indexed by `NerKind as usize`.
    pub tp: [usize; 4],
    /// False positives (predicted spans that are not gold), indexed by `NerKind as usize`.
    pub fp: [usize; 4],
    /// False negatives (gold spans not predicted), indexed by `NerKind as usize`.
    pub fn_: [usize; 4],
}

impl Counts {
    /// Add one sentence: gold and predicted spans over corpus tokens (deduplicated as sets).
    pub fn add(&mut self, gold: &[(usize, usize, NerKind)], pred: &[(usize, usize, NerKind)]) {
        let mut g: Vec<_> = gold.to_vec();
        let mut p: Vec<_> = pred.to_vec();
        g.sort_by_key(|x| (x.0, x.1, x.2 as u8));
        g.dedup();
        p.sort_by_key(|x| (x.0, x.1, x.2 as u8));
        p.dedup();
        for x in &p {
            if g.contains(x) {
                self.tp[x.2 as usize] += 1;
            } else {
                self.fp[x.2 as usize] += 1;
            }
        }
        for x in &g {
            if !p.contains(x) {
                self.fn_[x.2 as usize] += 1;
            }
        }
    }

    /// (precision, recall, F1) of one kind, or of PERS+LOC+ORG together when `kind` is None.
    pub fn prf(&self, kind: Option<NerKind>) -> (f64, f64, f64) {
        let ks: Vec<usize> = match kind {
            Some(k) => vec![k as usize],
            None => vec![0, 1, 2],
        };
        let tp: usize = ks.iter().map(|&k| self.tp[k]).sum();
        let fp: usize = ks.iter().map(|&k| self.fp[k]).sum();
        let fn_: usize = ks.iter().map(|&k| self.fn_[k]).sum();
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_splits_sentences() {
        let s = read_conll("a O\nb B-PERS\n. O\n. O\nc B-LOC\nd I-LOC\n\ne I-ORG\n");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].len(), 4);
        assert_eq!(s[1].len(), 2);
        assert_eq!(
            spans_from_bio(&["O", "B-PERS", "I-PERS", "I-LOC", "B-LOC"]).len(),
            3
        );
        assert_eq!(spans_from_bio(&["I-ORG", "O"]), vec![(0, 1, NerKind::Org)]);
    }

    #[test]
    fn split_is_five_sixths() {
        let sents: Vec<ConllSentence> = (0..12).map(|_| vec![("x".into(), "O".into())]).collect();
        assert_eq!(conll_split(&sents, Part::Train).len(), 10);
        assert_eq!(conll_split(&sents, Part::Test).len(), 2);
    }

    #[test]
    fn aligns_split_tokens() {
        let sent: ConllSentence = vec![("(أ)".into(), "B-ORG".into()), ("قال".into(), "O".into())];
        let ex = Example::from_conll(&sent);
        assert_eq!(ex.tokens.len(), 4);
        assert_eq!(
            ex.tags,
            vec![
                crate::b_tag(NerKind::Org),
                crate::b_tag(NerKind::Org) + 1,
                crate::b_tag(NerKind::Org) + 1,
                0
            ]
        );
    }
}

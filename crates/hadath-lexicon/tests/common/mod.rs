#![allow(dead_code)]
use hadath_lexicon::{Lexicon, Mention};
use hadath_text::{tokenize, Folded};

pub fn find_in(lx: &Lexicon, text: &str, date: Option<&str>) -> Vec<Mention> {
    let f = Folded::new(text);
    let t = tokenize(&f);
    lx.find_mentions(text, &f, &t, date.map(|d| d.parse().unwrap()))
}

pub fn find(text: &str) -> Vec<Mention> {
    find_in(Lexicon::embedded(), text, None)
}

pub fn find_dated(text: &str, date: &str) -> Vec<Mention> {
    find_in(Lexicon::embedded(), text, Some(date))
}

/// The mention whose source text is exactly `surface`.
pub fn at<'a>(text: &str, ms: &'a [Mention], surface: &str) -> &'a Mention {
    ms.iter()
        .find(|m| &text[m.source.clone()] == surface)
        .unwrap_or_else(|| {
            panic!(
                "no mention {surface:?} in {text:?}; got {:?}",
                ms.iter()
                    .map(|m| (&text[m.source.clone()], &m.name))
                    .collect::<Vec<_>>()
            )
        })
}

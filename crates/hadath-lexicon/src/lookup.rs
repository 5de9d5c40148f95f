//! Lookups in a [`Lexicon`]: entries, office holders, gazetteer flags and keys.

use crate::{matcher, EntityKind, Entry, EntryId, Layer, Lexicon, Mention, Office, Person};
use jiff::civil::Date;
use std::collections::HashMap;

impl Lexicon {
    /// The entry with id `id`.
    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        let i = id.0 as usize;
        let n = self.base.entries.len();
        if i < n {
            self.base.entries.get(i)
        } else {
            self.user_entries.get(i - n)
        }
    }

    /// All entries, embedded then user ones.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.base.entries.iter().chain(&self.user_entries)
    }

    /// The data files the embedded knowledge base was compiled from.
    pub fn sources(&self) -> &[&'static str] {
        &self.base.sources
    }

    /// Number of entries per kind (titles excluded) and number of exact and loose keys.
    pub fn stats(&self) -> Vec<(&'static str, usize)> {
        let mut m: HashMap<&'static str, usize> = HashMap::new();
        for e in self.entries() {
            let k = if e.is_title {
                "title"
            } else {
                match e.kind {
                    EntityKind::Igo => "igo",
                    k => k.as_str(),
                }
            };
            *m.entry(k).or_default() += 1;
        }
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort();
        v.push((
            "keys",
            self.base.layer.keys.len() + self.user.as_ref().map_or(0, |u| u.keys.len()),
        ));
        v.push((
            "loose_keys",
            self.base.layer.loose.len() + self.user.as_ref().map_or(0, |u| u.loose.len()),
        ));
        v
    }

    /// Gazetteer bits ([`flags`](crate::flags)) of one folded word, for NER features.
    pub fn gazetteer_flags(&self, folded_word: &str) -> u8 {
        let mut f = self
            .base
            .layer
            .word_flags
            .get(folded_word)
            .copied()
            .unwrap_or(0);
        if let Some(u) = &self.user {
            f |= u.word_flags.get(folded_word).copied().unwrap_or(0);
        }
        f
    }

    /// The holder of `office` for state/IGO `code` on `date`: the person whose term covers the
    /// date (the latest-starting one when several do).
    pub fn office_holder(&self, code: &str, office: Office, date: Date) -> Option<&Person> {
        let ids = self.holders.get(&(code.to_string(), office))?;
        ids.iter()
            .filter_map(|&id| self.entry(id))
            .filter(|e| e.in_term(date))
            .max_by_key(|e| e.from.unwrap_or(Date::MIN))
    }

    /// The current holder (open term), or the latest one, when no date is known.
    pub(crate) fn holder_undated(&self, code: &str, office: Office) -> Option<&Person> {
        let ids = self.holders.get(&(code.to_string(), office))?;
        let all = ids.iter().filter_map(|&id| self.entry(id));
        let open: Vec<&Entry> = all.clone().filter(|e| e.to.is_none()).collect();
        if open.len() == 1 {
            return Some(open[0]);
        }
        all.max_by_key(|e| (e.to.unwrap_or(Date::MAX), e.from.unwrap_or(Date::MIN)))
    }

    pub(crate) fn state_name(&self, code: &str) -> Option<&str> {
        let id = *self.base.by_code.get(code)?;
        self.entry(EntryId(id)).map(|e| e.name.as_str())
    }

    /// All mentions in a document: `text` is the original, `folded` and `tokens` come from
    /// `hadath_text`. `date` (publication date) picks office holders and person-terms.
    pub fn find_mentions(
        &self,
        text: &str,
        folded: &hadath_text::Folded,
        tokens: &[hadath_text::Token],
        date: Option<Date>,
    ) -> Vec<Mention> {
        matcher::find(self, text, folded, tokens, date)
    }

    /// Every entry listed under `name` (folded as keys are), in every layer: the other readings
    /// of a word the matcher resolved one way. بروكسل is matched as the EU (a metonym) and is
    /// also the city of Brussels, which is what a place phrase (في بروكسل) means. When `name` as
    /// written is no key, its first word is read without its proclitics (ببروكسل → بروكسل).
    ///
    /// ```
    /// let lx = hadath_lexicon::Lexicon::embedded();
    /// assert!(lx.lookup("بروكسل").iter().any(|e| e.name == "Brussels"));
    /// assert!(lx.lookup("وببروكسل").iter().any(|e| e.name == "Brussels"));
    /// ```
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        let key = hadath_text::fold_key(name);
        let out = self.lookup_key(&key);
        if !out.is_empty() {
            return out;
        }
        let (first, rest) = key.split_at(key.find(' ').unwrap_or(key.len()));
        hadath_text::segmentations(first)
            .iter()
            .filter(|seg| !seg.prefix.is_empty())
            .map(|seg| self.lookup_key(&format!("{}{rest}", seg.with_article())))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    }

    /// The entries of one folded key.
    fn lookup_key(&self, key: &str) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = Vec::new();
        for l in self.layers() {
            let Some(v) = l.keys.get(key) else { continue };
            for p in Layer::postings(&l.post, v) {
                if let Some(e) = self.entry(EntryId(p >> 8)) {
                    if !out.iter().any(|x| x.id == e.id) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// The term of the person named `name` that covers `date`.
    pub(crate) fn term_at(&self, name: &str, date: Date) -> Option<&Entry> {
        self.terms
            .get(name)?
            .iter()
            .filter_map(|&id| self.entry(id))
            .find(|e| e.in_term(date))
    }

    pub(crate) fn layers(&self) -> impl Iterator<Item = &Layer> {
        std::iter::once(&self.base.layer).chain(self.user.as_ref())
    }
}

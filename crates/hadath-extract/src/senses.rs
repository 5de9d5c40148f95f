//! Word classes (`data/events/words.tsv`) and sense restrictions (`data/events/senses.tsv`):
//! the lists and guards of the events stage, as reviewed data. Parsed once, like the trigger
//! lexicon; the events stage refers to a class by its name and to a rule only through this
//! module.

use crate::Error;
use hadath_core::Category;
use hadath_text::fold_key;
use std::collections::{HashMap, HashSet};

pub const WORDS_TSV: &str = include_str!("../../../data/events/words.tsv");
pub const SENSES_TSV: &str = include_str!("../../../data/events/senses.tsv");

/// The classes the Rust code reads by name: the loader refuses a words file without them.
pub const LIGHT_VERB: &str = "light_verb";
pub const CONSEQUENCE: &str = "consequence";
pub const PEOPLE: &str = "people";
pub const SAYING_CUE: &str = "saying_cue";
pub const ACCORDING_CUE: &str = "according_cue";
pub const RESULT_VERB: &str = "result_verb";
pub const LOCATIVE_PREP: &str = "locative_prep";
pub const TOPIC_PREP: &str = "topic_prep";
pub const AGENT_LEAD: &str = "agent_lead";
pub const AGENT_MARKER: &str = "agent_marker";
pub const OBJECT_PREP: &str = "object_prep";
pub const ACT_NOUN: &str = "act_noun";
pub const OFFICE: &str = "office";
pub const ADJUNCT_PREP: &str = "adjunct_prep";
pub const RUNNING_TOTAL: &str = "running_total";
pub const WAR_NOUN: &str = "war_noun";
pub const START_WORD: &str = "start_word";
pub const SINCE: &str = "since";
pub const PERIOD_LEAD: &str = "period_lead";
pub const PERIOD_NOUN: &str = "period_noun";
pub const RELATIVE: &str = "relative";
pub const COMPLEMENTISER: &str = "complementiser";
pub const DEATH_WORD: &str = "death_word";
pub const ONE_PERSON: &str = "one_person";
pub const TWO_PERSONS: &str = "two_persons";
pub const CONCEPT_AFTER: &str = "concept_after";
pub const ACCUSE_VERB: &str = "accuse_verb";
pub const ACT_RELATIVE: &str = "act_relative";
pub const CONDITIONAL_OPENER: &str = "conditional_opener";
pub const PURPOSE_OPENER: &str = "purpose_opener";
pub const TEMPORAL_OPENER: &str = "temporal_opener";
pub const DEMAND_VERB: &str = "demand_verb";
pub const CLAUSE_OPENER: &str = "clause_opener";
pub const MET_VERB: &str = "met_verb";
pub const BETWEEN: &str = "between";
pub const AMONG: &str = "among";
pub const OTHERS: &str = "others";
pub const DEAD_NOUN: &str = "dead_noun";
pub const HURT_NOUN: &str = "hurt_noun";
pub const OTHER_HAPPENING_LEAD: &str = "other_happening_lead";
const REQUIRED: &[&str] = &[
    LIGHT_VERB,
    CONSEQUENCE,
    PEOPLE,
    SAYING_CUE,
    ACCORDING_CUE,
    RESULT_VERB,
    LOCATIVE_PREP,
    TOPIC_PREP,
    AGENT_LEAD,
    AGENT_MARKER,
    OBJECT_PREP,
    ACT_NOUN,
    OFFICE,
    ADJUNCT_PREP,
    RUNNING_TOTAL,
    WAR_NOUN,
    START_WORD,
    SINCE,
    PERIOD_LEAD,
    PERIOD_NOUN,
    RELATIVE,
    COMPLEMENTISER,
    DEATH_WORD,
    ONE_PERSON,
    TWO_PERSONS,
    MET_VERB,
    BETWEEN,
    AMONG,
    OTHERS,
    DEAD_NOUN,
    HURT_NOUN,
    OTHER_HAPPENING_LEAD,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Exact,
    Prefix,
}

#[derive(Debug, Clone)]
struct Class {
    how: Match,
    exact: HashSet<String>,
    prefixes: Vec<String>,
}

/// The word classes, by name.
#[derive(Debug, Clone, Default)]
pub struct Words {
    classes: HashMap<String, Class>,
}

/// Clitics stripped before a prefix class is tried (longest first).
const PREFIX_CLITICS: &[&str] = &["بال", "لل", "ال", "ب"];

impl Words {
    pub fn parse_into(&mut self, name: &str, contents: &str) -> Result<(), Error> {
        for (line, cols) in crate::lexdata::data_rows(contents, "class") {
            let bad = |why: &str| Error::Data {
                file: name.to_string(),
                line,
                why: why.to_string(),
            };
            if cols.len() < 3 {
                return Err(bad("expected class, match, words"));
            }
            let how = match cols[1].trim() {
                "exact" => Match::Exact,
                "prefix" => Match::Prefix,
                _ => return Err(bad("match must be exact or prefix")),
            };
            let class = self
                .classes
                .entry(cols[0].trim().to_string())
                .or_insert_with(|| Class {
                    how,
                    exact: HashSet::new(),
                    prefixes: Vec::new(),
                });
            if class.how != how {
                return Err(bad("a class is matched one way only"));
            }
            for w in cols[2].split('|') {
                // cue names keep their clitic mark (وفقا لـ): fold each word of a phrase
                let w: Vec<String> = w.split_whitespace().map(fold_key).collect();
                let w = w.join(" ");
                if w.is_empty() {
                    return Err(bad("an empty word"));
                }
                match how {
                    Match::Exact => {
                        class.exact.insert(w);
                    }
                    Match::Prefix => class.prefixes.push(w),
                }
            }
        }
        Ok(())
    }

    /// Refuse a set of classes that lacks one the code reads.
    pub fn check(&self, name: &str) -> Result<(), Error> {
        match REQUIRED.iter().find(|c| !self.classes.contains_key(**c)) {
            Some(c) => Err(Error::Data {
                file: name.to_string(),
                line: 0,
                why: format!("class {c} is missing"),
            }),
            None => Ok(()),
        }
    }

    pub fn knows(&self, class: &str) -> bool {
        self.classes.contains_key(class)
    }

    /// Whether folded word `w` (its conjunction already stripped) is of `class`.
    pub fn has(&self, class: &str, w: &str) -> bool {
        let Some(c) = self.classes.get(class) else {
            return false;
        };
        match c.how {
            Match::Exact => c.exact.contains(w),
            Match::Prefix => {
                let starts = |x: &str| c.prefixes.iter().any(|p| x.starts_with(p.as_str()));
                starts(w)
                    || PREFIX_CLITICS
                        .iter()
                        .filter_map(|p| w.strip_prefix(p))
                        .any(|r| r.chars().count() >= 2 && starts(r))
            }
        }
    }

    /// Whether a cue's name is of `class` (cue names are folded like words).
    pub fn has_name(&self, class: &str, name: &str) -> bool {
        let folded: Vec<String> = name.split_whitespace().map(fold_key).collect();
        self.has(class, &folded.join(" "))
    }
}

/// Where a condition looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Prev,
    Next,
    Next2,
    Before(usize),
    After(usize),
}

/// A condition: a word of `class` at `place` (or, for the class `END`, no word there).
#[derive(Debug, Clone)]
pub struct Cond {
    pub place: Place,
    pub class: String,
}

/// What a rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Require,
    Drop,
    As(Category),
}

#[derive(Debug, Clone)]
enum Pattern {
    Any,
    Word(String),
    Prefix(String),
    Suffix(String),
}

/// One row of `senses.tsv`.
#[derive(Debug, Clone)]
pub struct Rule {
    patterns: Vec<Pattern>,
    pub single: bool,
    pub category: Option<Category>,
    pub when: Vec<Cond>,
    pub effect: Effect,
    /// The line it came from and its example sentence: read by the test that runs the example.
    #[cfg_attr(not(test), allow(dead_code))]
    pub line: usize,
    #[cfg_attr(not(test), allow(dead_code))]
    pub example: String,
}

impl Rule {
    /// Whether the rule is about a trigger whose first word (folded, conjunction stripped) is
    /// `first`.
    pub fn about(&self, first: &str) -> bool {
        self.patterns.iter().any(|p| match p {
            Pattern::Any => true,
            Pattern::Word(w) => first == w,
            Pattern::Prefix(w) => first.starts_with(w.as_str()),
            Pattern::Suffix(w) => first.ends_with(w.as_str()),
        })
    }
}

/// The sense restrictions, in file order.
#[derive(Debug, Clone, Default)]
pub struct Senses {
    pub rules: Vec<Rule>,
}

impl Senses {
    /// Parse rows; every class a condition names must be a class of `words` (or `END`).
    pub fn parse_into(&mut self, name: &str, contents: &str, words: &Words) -> Result<(), Error> {
        for (line, cols) in crate::lexdata::data_rows(contents, "trigger") {
            let bad = |why: &str| Error::Data {
                file: name.to_string(),
                line,
                why: why.to_string(),
            };
            if cols.len() < 5 {
                return Err(bad("expected trigger, span, category, when, effect"));
            }
            let patterns = cols[0]
                .split('|')
                .map(|p| {
                    let p = p.trim();
                    if p == "*" {
                        Pattern::Any
                    } else if let Some(w) = p.strip_suffix('*') {
                        Pattern::Prefix(fold_key(w))
                    } else if let Some(w) = p.strip_prefix('*') {
                        Pattern::Suffix(fold_key(w))
                    } else {
                        Pattern::Word(fold_key(p))
                    }
                })
                .collect();
            let single = match cols[1].trim() {
                "single" => true,
                "any" => false,
                _ => return Err(bad("span must be single or any")),
            };
            let category = match cols[2].trim() {
                "*" => None,
                c => Some(
                    c.parse::<Category>()
                        .map_err(|e: hadath_core::UnknownWord| bad(&e.to_string()))?,
                ),
            };
            let mut when = Vec::new();
            for c in cols[3].split(';').map(str::trim).filter(|c| !c.is_empty()) {
                let (place, class) = c
                    .rsplit_once(':')
                    .ok_or_else(|| bad(&format!("condition «{c}» is not PLACE:CLASS")))?;
                let n = |p: &str| -> Result<usize, Error> {
                    p.parse()
                        .map_err(|_| bad(&format!("«{place}»: a count of words is wanted")))
                };
                let place = match place.split_once(':') {
                    None if place == "prev" => Place::Prev,
                    None if place == "next" => Place::Next,
                    None if place == "next2" => Place::Next2,
                    Some(("before", k)) => Place::Before(n(k)?),
                    Some(("after", k)) => Place::After(n(k)?),
                    _ => return Err(bad(&format!("unknown place «{place}»"))),
                };
                if class != "END" && !words.knows(class) {
                    return Err(bad(&format!("class «{class}» is not in words.tsv")));
                }
                when.push(Cond {
                    place,
                    class: class.to_string(),
                });
            }
            let effect = match cols[4].trim() {
                "require" => Effect::Require,
                "drop" => Effect::Drop,
                e => match e.strip_prefix("as:") {
                    Some(c) => Effect::As(
                        c.parse::<Category>()
                            .map_err(|e: hadath_core::UnknownWord| bad(&e.to_string()))?,
                    ),
                    None => return Err(bad("effect must be require, drop or as:CATEGORY")),
                },
            };
            self.rules.push(Rule {
                patterns,
                single,
                category,
                when,
                effect,
                line,
                example: cols.get(5).map_or("", |s| s.trim()).to_string(),
            });
        }
        Ok(())
    }
}

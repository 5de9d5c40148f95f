//! When a word reads as a place: the cue words before it (`data/geo/cues.tsv`), the
//! readings refused (`data/geo/refuse.tsv`) and the state names that are also a city of
//! another state (`data/geo/contested.tsv`).

use crate::Error;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a cue word tells about the name after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// It names a kind of place (مدينة، بلدة، قرية، محافظة): even a common word after it is a
    /// place.
    Settlement,
    /// A preposition or direction of place (في، قرب، شمال).
    Locative,
    /// An attack or control verb or noun whose object is a place (قصف، اقتحام، السيطرة على).
    Attack,
    /// Joins places in a list (و، ،، أو).
    Joiner,
}

impl CueKind {
    fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "settlement" => CueKind::Settlement,
            "locative" => CueKind::Locative,
            "attack" => CueKind::Attack,
            "joiner" => CueKind::Joiner,
            _ => return None,
        })
    }
}

/// The cue and refusal lists, folded.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Folded cue phrase → its kind.
    cues: HashMap<String, CueKind>,
    /// The last word of each cue phrase → (the words before it, the kind), longest first.
    by_last: HashMap<String, Vec<(Vec<String>, CueKind)>>,
    /// Refused phrases, as folded words, each with its note.
    phrases: Vec<(Vec<String>, String)>,
    /// Folded word → the phrases that hold it.
    by_word: HashMap<String, Vec<usize>>,
    /// Folded one-word readings that are common words → the note.
    common: HashMap<String, String>,
    /// Folded state names that are also a city of another state → that reading.
    contested: HashMap<String, Contested>,
    /// Event types that happen at a place (`grounded.tsv`).
    grounded: Vec<String>,
}

/// A state's name that is also a city of another state (عمان: Oman, and Amman in Jordan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contested {
    /// The state the name names (ISO alpha-3).
    pub state: String,
    /// The state of the city of the same name.
    pub city_state: String,
    /// When the city wins, shown as the reason.
    pub why: String,
}

static EMBEDDED: LazyLock<Rules> = LazyLock::new(|| {
    let mut r = Rules::default();
    r.add_cues(
        "data/geo/cues.tsv",
        include_str!("../../../data/geo/cues.tsv"),
    )
    .expect("embedded cues.tsv parses");
    r.add_refusals(
        "data/geo/refuse.tsv",
        include_str!("../../../data/geo/refuse.tsv"),
    )
    .expect("embedded refuse.tsv parses");
    r.add_contested(
        "data/geo/contested.tsv",
        include_str!("../../../data/geo/contested.tsv"),
    )
    .expect("embedded contested.tsv parses");
    r.add_grounded(
        "data/geo/grounded.tsv",
        include_str!("../../../data/geo/grounded.tsv"),
    )
    .expect("embedded grounded.tsv parses");
    r
});

fn rows<'a>(
    file: &'a str,
    text: &'a str,
    header: &'a str,
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), Error>> + 'a {
    let mut seen = false;
    text.lines().enumerate().filter_map(move |(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            return None;
        }
        if !seen {
            seen = true;
            if l != header {
                return Some(Err(Error::Line {
                    file: file.to_string(),
                    line: i + 1,
                    msg: format!("the header must be `{}`", header.replace('\t', " ")),
                }));
            }
            return None;
        }
        let c: Vec<&str> = l.split('\t').collect();
        let want = header.split('\t').count();
        if c.len() != want || c.iter().any(|x| x.trim().is_empty()) {
            return Some(Err(Error::Line {
                file: file.to_string(),
                line: i + 1,
                msg: format!(
                    "want {want} non-empty columns ({}), got {}",
                    header.replace('\t', ", "),
                    c.len()
                ),
            }));
        }
        Some(Ok((i + 1, c)))
    })
}

impl Rules {
    /// The embedded lists.
    pub fn embedded() -> &'static Rules {
        &EMBEDDED
    }

    /// Add cue rows (`kind<TAB>words`).
    ///
    /// # Errors
    ///
    /// [`Error::Line`] for a bad header, a wrong number of columns or an unknown kind.
    pub fn add_cues(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in rows(file, text, "kind\twords") {
            let (n, c) = row?;
            let kind = CueKind::parse(c[0].trim()).ok_or_else(|| Error::Line {
                file: file.to_string(),
                line: n,
                msg: format!(
                    "kind: want settlement, locative, attack or joiner, got {:?}",
                    c[0]
                ),
            })?;
            let key = hadath_text::fold_key(c[1]);
            let mut words: Vec<String> = key.split(' ').map(str::to_string).collect();
            let last = words.pop().expect("a word");
            let v = self.by_last.entry(last).or_default();
            v.retain(|(w, _)| *w != words);
            v.push((words, kind));
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            self.cues.insert(key, kind);
        }
        Ok(())
    }

    /// Add refused readings (`words<TAB>why`).
    ///
    /// # Errors
    ///
    /// [`Error::Line`] for a bad header or a wrong number of columns.
    pub fn add_refusals(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in rows(file, text, "words\twhy") {
            let (_, c) = row?;
            let key = hadath_text::fold_key(c[0]);
            let why = c[1].trim().to_string();
            let words: Vec<String> = key.split(' ').map(str::to_string).collect();
            if words.len() == 1 {
                self.common.insert(key, why);
                continue;
            }
            let id = self.phrases.len();
            for w in &words {
                self.by_word.entry(w.clone()).or_default().push(id);
            }
            self.phrases.push((words, why));
        }
        Ok(())
    }

    /// Add state names that are also a city of another state
    /// (`words<TAB>state<TAB>city_state<TAB>why`).
    ///
    /// # Errors
    ///
    /// [`Error::Line`] for a bad header or a wrong number of columns.
    pub fn add_contested(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in rows(file, text, "words\tstate\tcity_state\twhy") {
            let (_, c) = row?;
            self.contested.insert(
                hadath_text::fold_key(c[0]),
                Contested {
                    state: c[1].trim().to_string(),
                    city_state: c[2].trim().to_string(),
                    why: c[3].trim().to_string(),
                },
            );
        }
        Ok(())
    }

    /// Add event types that happen at a place (`type<TAB>why`).
    ///
    /// # Errors
    ///
    /// [`Error::Line`] for a bad header or a wrong number of columns.
    pub fn add_grounded(&mut self, file: &str, text: &str) -> Result<(), Error> {
        for row in rows(file, text, "type\twhy") {
            let (_, c) = row?;
            self.grounded.push(c[0].trim().to_ascii_uppercase());
        }
        Ok(())
    }

    /// Whether an event of this type (PLOVER, `ASSAULT`) happens at a place, so that the
    /// document's earlier place may be its place.
    pub fn grounded(&self, kind: &str) -> bool {
        self.grounded.iter().any(|g| g.eq_ignore_ascii_case(kind))
    }

    /// The other reading of a state's name (folded) that is also a city of another state.
    pub fn contested(&self, key: &str) -> Option<&Contested> {
        self.contested.get(key)
    }

    /// The cue that ends right before word `i` of `words` (folded, clitics of the first word
    /// stripped by the caller or not: و ف ب ل before a cue are stripped here), and how many
    /// words it takes. The longest cue wins.
    pub fn cue_before(&self, words: &[&str], i: usize) -> Option<(CueKind, usize)> {
        let last = words.get(i.checked_sub(1)?)?;
        let (bare, v) = strip_clitics(last, &self.by_last)?;
        for (before, kind) in v {
            let n = before.len();
            if n == 0 {
                return Some((*kind, 1));
            }
            if i - 1 < n {
                continue;
            }
            let s = i - 1 - n;
            let ok = before.iter().enumerate().all(|(j, w)| {
                let t = words[s + j];
                if j == 0 {
                    t == w
                        || ["و", "ف"]
                            .iter()
                            .any(|p| t.strip_prefix(p) == Some(w.as_str()))
                } else {
                    t == w
                }
            });
            if ok {
                return Some((*kind, n + 1));
            }
        }
        let _ = bare;
        None
    }

    /// The kind of a single cue word (clitics و ف ب ل stripped when the rest is a cue).
    pub fn cue(&self, word: &str) -> Option<CueKind> {
        let (_, v) = strip_clitics(word, &self.by_last)?;
        v.iter().find(|(b, _)| b.is_empty()).map(|(_, k)| *k)
    }

    /// Why the words `words[start..end]` are not a place here: a refused phrase around them.
    pub fn refused_phrase(&self, words: &[&str], start: usize, end: usize) -> Option<&str> {
        let first = words.get(start)?;
        for &id in self.by_word.get(*first).into_iter().flatten() {
            let (p, why) = &self.phrases[id];
            for o in 0..p.len() {
                if p[o] != *first {
                    continue;
                }
                let Some(s) = start.checked_sub(o) else {
                    continue;
                };
                if s + p.len() < end || s + p.len() > words.len() {
                    continue;
                }
                if p.iter().zip(&words[s..s + p.len()]).all(|(a, b)| a == b) {
                    return Some(why);
                }
            }
        }
        None
    }

    /// Why a one-word name is a common word (a place only after a settlement word).
    pub fn common_word(&self, key: &str) -> Option<&str> {
        self.common.get(key).map(String::as_str)
    }
}

/// The word, or the word without a leading و or ف and then ب or ل, that ends some cue
/// (بمدينة، وفي), with the cues it ends.
fn strip_clitics<'a, 'm, V>(w: &'a str, m: &'m HashMap<String, V>) -> Option<(&'a str, &'m V)> {
    if let Some(v) = m.get(w) {
        return Some((w, v));
    }
    let first = w.chars().next()?;
    if !matches!(first, 'و' | 'ف' | 'ب' | 'ل') {
        return None;
    }
    let a = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    for c in [a, a.strip_prefix(['ب', 'ل']).unwrap_or(a)] {
        if c.len() >= 4 || c == "في" {
            if let Some(v) = m.get(c) {
                return Some((c, v));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_take_clitics_and_phrases() {
        let r = Rules::embedded();
        assert_eq!(
            r.cue("بمدينة").or(r.cue("بمدينه")),
            Some(CueKind::Settlement)
        );
        assert_eq!(r.cue("وفي"), Some(CueKind::Locative));
        let w = ["وقع", "بالقرب", "من", "حلب"];
        assert_eq!(r.cue_before(&w, 3), Some((CueKind::Locative, 2)));
        assert_eq!(r.cue_before(&w, 1), None);
    }

    #[test]
    fn refused_phrases_are_found_around_the_name() {
        let r = Rules::embedded();
        let w = ["نفذه", "حماه", "الوطن", "امس"];
        assert!(r.refused_phrase(&w, 1, 2).is_some());
        let w = ["قصف", "مدينه", "حماه", "امس"];
        assert!(r.refused_phrase(&w, 2, 3).is_none());
        assert!(r.common_word("الامل").is_some());
        assert!(r.common_word("حلب").is_none());
    }

    #[test]
    fn bad_rows_name_their_line() {
        let mut r = Rules::default();
        let e = r
            .add_cues("x.tsv", "# c\nkind\twords\nplace\tفي\n")
            .unwrap_err();
        assert_eq!(
            e.to_string().split(':').take(2).collect::<Vec<_>>(),
            ["x.tsv", "3"]
        );
    }

    #[test]
    fn contested_names_give_the_other_state() {
        let r = Rules::embedded();
        let c = r.contested(&hadath_text::fold_key("عمان")).expect("عمان");
        assert_eq!((c.state.as_str(), c.city_state.as_str()), ("OMN", "JOR"));
        assert!(r.contested(&hadath_text::fold_key("سلطنة عمان")).is_none());
        // a row short of a column names its line
        let mut r = Rules::default();
        let e = r
            .add_contested("c.tsv", "words\tstate\tcity_state\twhy\nعمان\tOMN\tJOR\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("c.tsv:2"), "{e}");
    }

    #[test]
    fn grounded_types_are_the_material_ones() {
        let r = Rules::embedded();
        assert!(r.grounded("ASSAULT") && r.grounded("protest"));
        assert!(!r.grounded("CONSULT") && !r.grounded("AGREE"));
    }
}

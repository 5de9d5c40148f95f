//! Words that are no names (`data/kb/not-names.tsv`, and the event triggers' verbs): what the
//! title rule refuses as an unknown person's name.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Word classes of `data/kb/not-names.tsv` (bits).
pub(super) mod not_name {
    pub const FUNCTION: u8 = 1;
    pub const VERB: u8 = 2;
    pub const NOUN: u8 = 4;
    pub const MONTH: u8 = 8;
    pub const NISBA: u8 = 16;
}

/// Folded word → its classes in `data/kb/not-names.tsv`, with every one-word verb form of the
/// event triggers (`data/events/triggers.tsv`, `verb` rows) as a verb: a headline's verb after a
/// title (الأمين العام لمجلس التعاون يستنكر) is no name. Forms that are also given names
/// (`data/ner/given-names-arabic.txt`: صادق، طالب) are left to the name rules.
pub(super) static NOT_NAMES: LazyLock<HashMap<String, u8>> = LazyLock::new(|| {
    let mut m = parse_not_names(include_str!("../../../../data/kb/not-names.tsv"));
    add_trigger_verbs(
        &mut m,
        include_str!("../../../../data/events/triggers.tsv"),
        include_str!("../../../../data/ner/given-names-arabic.txt"),
    );
    m
});

/// Add the one-word forms of the trigger table's `verb` rows (columns category, mode, pos,
/// roles, forms) as verbs, except given names.
pub(super) fn add_trigger_verbs(m: &mut HashMap<String, u8>, triggers: &str, given_names: &str) {
    let names: std::collections::HashSet<String> = given_names
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(hadath_text::fold)
        .collect();
    for line in triggers.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 || cols[2] != "verb" {
            continue;
        }
        for f in cols[4].split('|').map(str::trim) {
            let f = hadath_text::fold(f);
            if f.chars().count() > 2 && !f.contains(' ') && !names.contains(&f) {
                *m.entry(f).or_insert(0) |= not_name::VERB;
            }
        }
    }
}

fn parse_not_names(tsv: &str) -> HashMap<String, u8> {
    let mut m = HashMap::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let Some((class, words)) = line.split_once('\t') else {
            continue;
        };
        let bit = match class {
            "function" => not_name::FUNCTION,
            "verb" => not_name::VERB,
            "noun" => not_name::NOUN,
            "month" => not_name::MONTH,
            "nisba" => not_name::NISBA,
            _ => continue,
        };
        for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
            *m.entry(hadath_text::fold(w)).or_insert(0) |= bit;
        }
    }
    m
}

/// Pronoun suffixes a listed function word, verb or noun may carry (folded): third person only,
/// so that given names such as منى (من + ي) stay names.
const PRONOUNS: &[&str] = &["هما", "هم", "هن", "ها", "ه"];

/// Endings of an inflected nisba (folded ة is ه).
const NISBA_ENDINGS: &[&str] = &["", "ه", "ين", "ون", "ان", "تان", "تين", "ات"];

/// True when folded word `w` is a listed word that is no name (see `data/kb/not-names.tsv`):
/// itself, or behind proclitics and before a pronoun as its class allows.
pub(super) fn listed_not_name(w: &str) -> bool {
    use not_name::*;
    let m = &*NOT_NAMES;
    let class = |s: &str| m.get(s).copied().unwrap_or(0);
    // Readings without a suffix: the bare word first, then each proclitic split.
    for r in hadath_text::segmentations(w)
        .iter()
        .filter(|r| r.suffix.is_empty())
    {
        let (p, rest) = (r.prefix, r.stem);
        let allowed = if r.article {
            // Behind a clitic with the article (للشؤون، والوفد): nouns and nisbas only; the
            // bare article is refused by shape already.
            NOUN | NISBA
        } else if matches!(p, "" | "و" | "س" | "وس") {
            // Verbs only bare, behind و or the future س: ف + verb would read فيصل as ف + يصل.
            FUNCTION | VERB | NOUN | MONTH | NISBA
        } else {
            FUNCTION | NOUN | MONTH | NISBA
        };
        // A two-letter function word behind a clitic other than و is too often a piece of a
        // foreign name (فان بوهيمن = ف + ان، لي باو = ب + او): those forms are listed whole.
        let short = rest.chars().nth(2).is_none();
        let allowed = if short && !p.is_empty() && p != "و" {
            allowed & !FUNCTION
        } else {
            allowed
        };
        if class(rest) & allowed != 0 {
            return true;
        }
        // Before a pronoun suffix (عليه، استقبله; رسالته: ة is written ت before it).
        for sfx in PRONOUNS {
            if let Some(stem) = rest.strip_suffix(sfx) {
                let keep = allowed & (FUNCTION | VERB | NOUN);
                if stem.chars().nth(1).is_some() && class(stem) & keep != 0 {
                    return true;
                }
                if let Some(t) = stem.strip_suffix('ت') {
                    let mut with_ta = String::with_capacity(stem.len());
                    with_ta.push_str(t);
                    with_ta.push('ه');
                    if class(&with_ta) & keep & NOUN != 0 {
                        return true;
                    }
                }
            }
        }
        // An inflected nisba (دولية، دبلوماسيين).
        for end in NISBA_ENDINGS {
            if let Some(stem) = rest.strip_suffix(end) {
                if stem.chars().nth(2).is_some() && class(stem) & allowed & NISBA != 0 {
                    return true;
                }
            }
        }
    }
    false
}

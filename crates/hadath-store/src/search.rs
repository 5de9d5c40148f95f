//! Arabic free-text search that ignores diacritics and clitics.
//!
//! Words are folded (`hadath_text::fold`: tashkeel and tatweel dropped, alef/yaa/taa-marbuta
//! forms unified, Latin lower-cased) and each word is indexed under up to three keys: the folded
//! word, its stem without proclitics (و ف ب ل ك ال لل س …), and that stem without a pronoun
//! suffix. A query word matches when one of its keys is among the indexed keys, so «والاشتباكات»
//! finds «اشتباكاتٍ» and «قواته» finds «القوات».

/// The keys of one folded word.
fn word_keys<'a>(word: &'a str, out: &mut impl FnMut(&'a str)) {
    out(word);
    let readings = hadath_text::segmentations(word);
    let mut best_prefix: Option<&str> = None;
    let mut best_both: Option<&str> = None;
    let (mut lp, mut lb) = (0usize, 0usize);
    for r in readings.iter() {
        if r.suffix.is_empty() {
            if !r.prefix.is_empty() && r.prefix.len() > lp {
                lp = r.prefix.len();
                best_prefix = Some(r.stem);
            }
        } else {
            let l = r.prefix.len() * 4 + r.suffix.len();
            if l > lb {
                lb = l;
                best_both = Some(r.stem);
            }
        }
    }
    if let Some(s) = best_prefix {
        out(s);
    }
    if let Some(s) = best_both {
        out(s);
    }
}

fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The search key of some texts: their words' keys, space-separated, with a space at each end
/// (so a key matches with `LIKE '% key %'`).
pub fn search_key<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let folded: Vec<String> = texts.into_iter().map(hadath_text::fold).collect();
    // The keys borrow from the folded texts; sorted and deduplicated, as a set would give them.
    let mut keys: Vec<&str> = Vec::new();
    for f in &folded {
        for w in words(f) {
            word_keys(w, &mut |k| keys.push(k));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let mut out = String::with_capacity(1 + keys.iter().map(|k| k.len() + 1).sum::<usize>());
    out.push(' ');
    for k in keys {
        out.push_str(k);
        out.push(' ');
    }
    out
}

/// A query's terms: for each word, the keys any one of which must be in a text's search key.
pub fn search_terms(query: &str) -> Vec<Vec<String>> {
    let f = hadath_text::fold(query);
    words(&f)
        .map(|w| {
            let mut keys = Vec::new();
            word_keys(w, &mut |k| {
                if !keys.iter().any(|x: &String| x == k) {
                    keys.push(k.to_string());
                }
            });
            keys
        })
        .collect()
}

/// Does `key` (from [`search_key`]) match every term of `terms`?
pub fn matches(key: &str, terms: &[Vec<String>]) -> bool {
    terms.iter().all(|alts| {
        alts.iter().any(|k| {
            key.match_indices(k.as_str())
                .any(|(i, _)| key[..i].ends_with(' ') && key[i + k.len()..].starts_with(' '))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_diacritics_and_clitics() {
        let key = search_key(["تعرّضت مواقعُ حدوديةٌ لقصفٍ مدفعيّ وقواته في الاشتباكاتِ"]);
        for q in [
            "قصف",
            "القصف",
            "والقصف",
            "اشتباكات",
            "بالاشتباكات",
            "مواقع",
            "قوات",
            "القوات",
        ] {
            assert!(matches(&key, &search_terms(q)), "{q} in {key}");
        }
        assert!(!matches(&key, &search_terms("غارة")));
        assert!(matches(&key, &search_terms("قصف حدودية")));
        assert!(!matches(&key, &search_terms("قصف غارة")));
    }
}

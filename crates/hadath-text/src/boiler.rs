//! Web boilerplate: related-article teasers, headline bullets, repeated lines, bylines, footers,
//! section labels. Spans are marked, never deleted, so offsets into the text stay true.

use crate::fold::Folded;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Why a span of the text is kept out of extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoilerKind {
    /// "Read also" links, "you may also like" blocks and the teaser headlines under them.
    Related,
    /// Headline bullets ("• …") repeating other stories or the lead.
    Bullet,
    /// A line repeating another line of the same document (or a truncated copy of it).
    Duplicate,
    /// "Written by …", "بقلم …": who wrote the piece.
    Byline,
    /// Comment boxes, "about the author", copyright and sharing blocks.
    Footer,
    /// A short label line (a section name or sub-heading), not a sentence.
    Label,
}

impl BoilerKind {
    /// The lower-case name of the kind (`"related"`, `"bullet"`, `"duplicate"`, `"byline"`,
    /// `"footer"`, `"label"`), for printing and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            BoilerKind::Related => "related",
            BoilerKind::Bullet => "bullet",
            BoilerKind::Duplicate => "duplicate",
            BoilerKind::Byline => "byline",
            BoilerKind::Footer => "footer",
            BoilerKind::Label => "label",
        }
    }
}

/// Markers that open a related-links block or a teaser line (folded, letters only).
const RELATED: &[&str] = &[
    "اقرا ايضا",
    "اقرا كذلك",
    "اقرا المزيد",
    "اقرا اكثر",
    "اخترنا لك",
    "ربما يعجبك ايضا",
    "قد يعجبك ايضا",
    "قد يهمك ايضا",
    "قد يهمك",
    "يهمك ايضا",
    "شاهد ايضا",
    "انظر ايضا",
    "طالع ايضا",
    "اخبار ذات صله",
    "مواضيع ذات صله",
    "مقالات ذات صله",
    "ذات صله",
    "اخبار متعلقه",
    "مواضيع متعلقه",
    "الاكثر قراءه",
    "الاكثر مشاهده",
    "المزيد من الاخبار",
    "للمزيد",
    "read also",
    "read more",
    "related",
    "related articles",
    "you may also like",
    "recommended",
];

/// Markers that open a footer block: everything after them is page furniture.
const FOOTER: &[&str] = &[
    "about the author",
    "leave a comment",
    "leave a reply",
    "comments",
    "share this",
    "share",
    "tags",
    "copyright",
    "all rights reserved",
    "follow us",
    "التعليقات",
    "تعليقات",
    "اترك تعليقا",
    "اضف تعليقا",
    "اضف تعليق",
    "عن الكاتب",
    "نبذه عن الكاتب",
    "جميع الحقوق محفوظه",
    "حقوق النشر محفوظه",
    "الوسوم",
    "كلمات مفتاحيه",
    "كلمات دلاليه",
    "شارك",
    "شارك هذا",
    "شارك المقال",
    "تابعونا",
    "تابعنا",
    "اشترك في النشره البريديه",
];

/// Section names that web pages glue to the text ("…النار.تقارير دولية").
const SECTIONS: &[&str] = &[
    "اخبار",
    "اخبار عاجله",
    "عاجل",
    "تقارير",
    "تقارير دوليه",
    "تقارير عربيه",
    "اخبار دوليه",
    "اخبار عربيه",
    "عربي ودولي",
    "عربي دولي",
    "شؤون دوليه",
    "شؤون عربيه",
    "العالم",
    "سياسه",
    "اقتصاد",
    "منوعات",
    "مقالات",
    "حوارات",
    "تحليلات",
    "news",
    "world",
    "politics",
];

/// Words that open a byline.
const BYLINE: &[&str] = &[
    "written by",
    "by",
    "بقلم",
    "كتب",
    "كتبت",
    "اعداد",
    "تحرير",
    "المحرر",
    "حرره",
    "تقرير",
];

const BULLETS: &[char] = &['•', '●', '▪', '◦', '►', '■', '◆', '▶', '·', '*'];

struct Line {
    range: Range<usize>,
    /// The first words of the line (folded letters and digits joined by one space): enough for
    /// every marker, without copying long paragraphs.
    key: String,
    /// A hash of all the line's words, for finding repeated lines.
    hash: u64,
    words: usize,
    first: Option<char>,
    last: Option<char>,
}

/// Words kept in a line's key: markers are at most six words long.
const KEY_WORDS: usize = 8;

/// The words of an already folded string: runs of letters and digits.
fn words_of(f: &str) -> impl Iterator<Item = &str> {
    f.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// The first `KEY_WORDS` words joined by one space, a hash of all of them, and their count.
fn line_key(f: &str) -> (String, u64, usize) {
    let mut key = String::new();
    let mut hash = FNV_OFFSET;
    let mut n = 0;
    for w in words_of(f) {
        if n < KEY_WORDS {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(w);
        }
        hash = fnv_word(hash, w);
        n += 1;
    }
    (key, hash, n)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The running hash of a line's words after one more word (FNV-1a over the word and a space):
/// after k words it is the hash of a line made of those k words.
#[inline]
fn fnv_word(mut hash: u64, w: &str) -> u64 {
    for b in w.bytes().chain(std::iter::once(b' ')) {
        hash = (hash ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The words of an already folded string joined by one space (for short strings).
fn key_of(f: &str) -> String {
    line_key(f).0
}

/// True when the words of `a` are the first words of `b`.
fn words_prefix(a: &str, b: &str) -> bool {
    let mut bw = words_of(b);
    words_of(a).all(|w| bw.next() == Some(w))
}

/// Letters and digits, with a fast path for ASCII and the Arabic block.
#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

fn starts_with_phrase(key: &str, phrase: &str) -> bool {
    key.strip_prefix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

fn ends_with_phrase(key: &str, phrase: &str) -> bool {
    key.strip_suffix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
}

/// Mark the boilerplate of a document, as source byte ranges with their kind, in text order.
///
/// The rules work on whole lines of the folded text and on section labels glued to the end of a
/// line; none of them deletes anything.
pub fn boilerplate_lines(folded: &Folded) -> Vec<(Range<usize>, BoilerKind)> {
    let text = folded.text();
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let body = piece.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            let lead = body.len() - body.trim_start().len();
            let s = start + lead;
            let (key, hash, words) = line_key(trimmed);
            lines.push(Line {
                range: s..s + trimmed.len(),
                hash,
                words,
                first: trimmed.chars().next(),
                last: trimmed.chars().next_back(),
                key,
            });
        }
        start = end;
    }

    let mut out: Vec<(Range<usize>, BoilerKind)> = Vec::new();
    let n = lines.len();
    let mut kind: Vec<Option<BoilerKind>> = vec![None; n];
    let mut i = 0;
    while i < n {
        let l = &lines[i];
        if kind[i].is_some() {
            i += 1;
            continue;
        }
        // Footer block: the marker line and everything after it, when it sits in the second half.
        if l.words <= 6
            && FOOTER
                .iter()
                .any(|m| l.key == *m || (l.words <= 4 && starts_with_phrase(&l.key, m)))
        {
            if i * 2 >= n {
                for k in kind.iter_mut().skip(i) {
                    *k = Some(BoilerKind::Footer);
                }
                break;
            }
            kind[i] = Some(BoilerKind::Footer);
            i += 1;
            continue;
        }
        // Related links: a marker line opens a block of short teaser lines.
        if let Some(m) = RELATED.iter().find(|m| starts_with_phrase(&l.key, m)) {
            kind[i] = Some(BoilerKind::Related);
            let marker_only = l.words <= m.split(' ').count() + 1;
            if marker_only {
                let mut j = i + 1;
                while j < n && lines[j].words <= 18 && !ends_sentence(lines[j].last) {
                    kind[j] = Some(BoilerKind::Related);
                    j += 1;
                }
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        if l.first.is_some_and(|c| BULLETS.contains(&c)) {
            kind[i] = Some(BoilerKind::Bullet);
            i += 1;
            continue;
        }
        if l.words <= 6 && BYLINE.iter().any(|m| starts_with_phrase(&l.key, m)) && l.words >= 2 {
            kind[i] = Some(BoilerKind::Byline);
            i += 1;
            continue;
        }
        if i > 0 && SECTIONS.iter().any(|m| l.key == *m) {
            kind[i] = Some(BoilerKind::Label);
            i += 1;
            continue;
        }
        i += 1;
    }

    // Repeated lines: an exact repeat of an earlier line, or an earlier truncated copy of a later
    // one. Linear: repeats by a set of (hash, words) seen so far; truncated copies by looking up
    // each prefix of every line among the candidates' hashes (verified word by word on a hit).
    let mut duplicate = vec![false; n];
    let mut seen: HashSet<(u64, usize)> = HashSet::new();
    for (a, la) in lines.iter().enumerate() {
        if la.words < 4 {
            continue;
        }
        if !seen.insert((la.hash, la.words)) && kind[a].is_none() {
            duplicate[a] = true;
        }
    }
    // A truncated copy has at least six words; its words are the first words of a longer line.
    let mut wanted: HashMap<(u64, usize), Vec<usize>> = HashMap::new();
    // The hashes of the candidates' first six words: a longer line whose first six words hash
    // to none of them holds no candidate, and is not hashed further (most lines of an article).
    let mut six: HashSet<u64> = HashSet::new();
    for (a, la) in lines.iter().enumerate() {
        if kind[a].is_none() && !duplicate[a] && la.words >= 6 {
            wanted.entry((la.hash, la.words)).or_default().push(a);
            six.insert(
                words_of(&text[la.range.clone()])
                    .take(6)
                    .fold(FNV_OFFSET, fnv_word),
            );
        }
    }
    let longest = wanted.keys().map(|&(_, w)| w).max().unwrap_or(0);
    if !wanted.is_empty() {
        for lb in &lines {
            if lb.words < 7 {
                continue;
            }
            let mut hash: u64 = FNV_OFFSET;
            for (k, w) in words_of(&text[lb.range.clone()]).enumerate() {
                if k + 1 >= lb.words || k + 1 > longest {
                    break;
                }
                hash = fnv_word(hash, w);
                if k + 1 < 6 {
                    continue;
                }
                if k + 1 == 6 && !six.contains(&hash) {
                    break;
                }
                if let Some(found) = wanted.get_mut(&(hash, k + 1)) {
                    found.retain(|&a| {
                        let copy =
                            words_prefix(&text[lines[a].range.clone()], &text[lb.range.clone()]);
                        if copy {
                            duplicate[a] = true;
                        }
                        !copy
                    });
                }
            }
        }
    }
    for (k, d) in kind.iter_mut().zip(&duplicate) {
        if *d {
            *k = Some(BoilerKind::Duplicate);
        }
    }

    // A short byline-like or label line right under the title: a name with no sentence in it.
    for (idx, l) in lines.iter().enumerate().take(4).skip(1) {
        if kind[idx].is_none()
            && l.words <= 3
            && !ends_sentence(l.last)
            && !l.key.bytes().any(|b| b.is_ascii_digit())
            && lines
                .get(idx + 1)
                .is_some_and(|next| next.words > 3 * l.words.max(2))
            && lines[idx - 1].words > 0
        {
            kind[idx] = Some(BoilerKind::Byline);
        }
    }

    for (idx, l) in lines.iter().enumerate() {
        if let Some(k) = kind[idx] {
            out.push((folded.source_range(l.range.clone()), k));
            continue;
        }
        // A section label glued after the last sentence of a line: "…النار.تقارير دولية".
        if let Some(tail) = glued_section(text, l) {
            out.push((folded.source_range(tail), BoilerKind::Related));
            // The next line, when it is a short headline, is the teaser the label introduced.
            if let Some(next) = lines.get(idx + 1) {
                if kind[idx + 1].is_none() && next.words <= 15 {
                    kind[idx + 1] = Some(BoilerKind::Related);
                }
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

fn ends_sentence(c: Option<char>) -> bool {
    matches!(c, Some('.' | '!' | '?'))
}

/// The byte range of a section label glued right after a sentence terminal at the end of a line
/// ("…النار.تقارير دولية"), or of a "read also" teaser that follows a sentence on the same line.
fn glued_section(text: &str, l: &Line) -> Option<Range<usize>> {
    let s = &text[l.range.clone()];
    // The first word at or after a position, found by a cursor that only moves forward (the
    // terminals come in text order), so a line of many terminals costs linear time.
    let mut word: Range<usize> = 0..0;
    for (p, c) in s
        .char_indices()
        .filter(|&(_, c)| matches!(c, '.' | '!' | '؟' | '?'))
    {
        let after = p + c.len_utf8();
        let tail = &s[after..];
        if tail.trim().is_empty() {
            continue;
        }
        // Bounded work per terminal: a label is short, a teaser marker opens the tail.
        let glued = !tail.starts_with(char::is_whitespace);
        let label = glued && tail.len() <= 64 && {
            let key = key_of(tail);
            SECTIONS
                .iter()
                .chain(RELATED)
                .any(|m| key == *m || (ends_with_phrase(&key, m) && key.split(' ').count() <= 3))
        };
        // Cheap gate: the tail's first word must open some marker.
        if word.start < after {
            let start = s[after..].find(is_word_char).map_or(s.len(), |i| after + i);
            let end = s[start..]
                .find(|c: char| !is_word_char(c))
                .map_or(s.len(), |i| start + i);
            word = start..end;
        }
        let first_word = &s[word.clone()];
        let opens_marker = || {
            !first_word.is_empty()
                && RELATED
                    .iter()
                    .any(|m| m.split(' ').next() == Some(first_word))
        };
        let teaser = !label && opens_marker() && {
            let head_end = tail.char_indices().nth(24).map_or(tail.len(), |(i, _)| i);
            let key = key_of(&tail[..head_end]);
            RELATED.iter().any(|m| starts_with_phrase(&key, m))
        };
        if label || teaser {
            let lead = tail.len() - tail.trim_start().len();
            return Some(l.range.start + after + lead..l.range.end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, BoilerKind)> {
        boilerplate_lines(&Folded::new(text))
            .into_iter()
            .map(|(r, k)| (text[r].to_string(), k))
            .collect()
    }

    #[test]
    fn related_block_and_teasers() {
        let t = "عنوان الخبر\n\nوقعت اشتباكات عنيفة في مدينة الحديدة صباح اليوم بين القوات الحكومية والحوثيين.\n\nاقرأ أيضاً: مقتل ثلاثة جنود في هجوم بمأرب\n\nقد يعجبك أيضا\nقمة عربية في الرياض الشهر المقبل\nارتفاع أسعار النفط";
        let k = kinds(t);
        assert!(k.contains(&(
            "اقرأ أيضاً: مقتل ثلاثة جنود في هجوم بمأرب".into(),
            BoilerKind::Related
        )));
        assert!(k.contains(&(
            "قمة عربية في الرياض الشهر المقبل".into(),
            BoilerKind::Related
        )));
        assert!(k.contains(&("ارتفاع أسعار النفط".into(), BoilerKind::Related)));
        assert!(!k.iter().any(|(s, _)| s.contains("الحديدة")));
    }

    #[test]
    fn glued_section_label_and_its_teaser() {
        let t = "العنوان هنا\nقال المتحدث إن الهدنة صامدة منذ أسبوع في جنوب لبنان.تقارير دولية\nهل تصمد الهدنة في الجنوب؟\nوأضاف المتحدث أن المفاوضات ستستأنف في القاهرة خلال الأيام المقبلة بحضور الوسطاء.";
        let k = kinds(t);
        assert!(k.contains(&("تقارير دولية".into(), BoilerKind::Related)));
        assert!(k.contains(&("هل تصمد الهدنة في الجنوب؟".into(), BoilerKind::Related)));
        assert_eq!(k.len(), 2);
    }

    #[test]
    fn footer_bullets_bylines_duplicates() {
        let lead = "أعلنت وزارة الصحة في غزة ارتفاع عدد الضحايا إلى عشرين قتيلا في القصف";
        let t = format!(
            "عنوان\n\nWritten by وكالات\n\n• وزير: لا تفاوض قبل وقف القصف على المدينة\n\n{lead}\n\n{lead} الذي استهدف حي الشجاعية مساء الأحد.\n\nوتابع البيان أن فرق الإنقاذ ما زالت تعمل.\n\nAbout the author\n\nوكالات\n\nLeave a Comment"
        );
        let k = kinds(&t);
        assert!(k.contains(&("Written by وكالات".into(), BoilerKind::Byline)));
        assert!(k.contains(&(
            "• وزير: لا تفاوض قبل وقف القصف على المدينة".into(),
            BoilerKind::Bullet
        )));
        assert!(k.contains(&(lead.to_string(), BoilerKind::Duplicate)));
        assert!(k.contains(&("وكالات".into(), BoilerKind::Footer)));
        assert!(k.contains(&("Leave a Comment".into(), BoilerKind::Footer)));
        assert!(!k.iter().any(|(s, _)| s.contains("الشجاعية")));
        assert!(!k.iter().any(|(s, _)| s.contains("فرق الإنقاذ")));
    }

    #[test]
    fn arabic_byline_under_title() {
        let t = "تصعيد جديد على الحدود\n\nسامر يوسف\n\nتبادلت القوات الإسرائيلية وحزب الله القصف عبر الحدود الجنوبية للبنان مساء الثلاثاء في أعنف مواجهة منذ أسابيع.";
        let k = kinds(t);
        assert_eq!(k, vec![("سامر يوسف".to_string(), BoilerKind::Byline)]);
    }
}

//! Feature extraction: every token gets a list of hashed features, no strings allocated.
//!
//! Templates (see `docs/ner.md`): bias; folded word; the stems, proclitics and enclitics of every
//! clitic reading (`hadath_text::segmentations`); prefixes and suffixes of 1–3 characters of the
//! word and of its proclitic-stripped stem; word shape (token kind × length bucket × article);
//! sentence position; trigger class (titles, speech verbs, place and organisation cues); the words,
//! stems, classes and shapes of the two tokens either side; word bigrams with each neighbour; and,
//! when a gazetteer is given, its PERS/LOC/ORG flags for the word, its stem and its neighbours;
//! the bits of the crate's own name lists (`crate::lists`, `data/ner/`) for the word and its
//! neighbours, their pairs, and a foreign-surname ending class.

use crate::hash::{combine, combine2, hash_bytes, pair_hash};
use crate::lists::{list_flags, suffix_class, L_LOC_HEAD, L_ORG_HEAD, L_TOPIC};
use crate::memory::NameMemory;
use crate::Gazetteer;
use hadath_text::{Folded, Token, TokenKind};

/// Names the feature templates below; stored in the model header so that a model trained with
/// other templates is refused at load time. Bump it whenever a template changes.
pub const FEATURE_SET: &str = "hadath-ner/features-v8";

// Template ids.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_SEG: u64 = 3;
const T_SEGPRE: u64 = 4;
const T_SEGSUF: u64 = 5;
const AFFIX_MAX: u64 = 4;
const T_PRE: u64 = 100; // + 1..=AFFIX_MAX
const T_SUF: u64 = 110;
const T_SPRE: u64 = 120;
const T_SSUF: u64 = 130;
const T_SHAPE: u64 = 30;
const T_FIRST: u64 = 31;
const T_LAST: u64 = 32;
const T_CLASS: u64 = 33;
const T_CTX_WORD: u64 = 140; // + offset index 0..6
const T_CTX_STEM: u64 = 150;
const T_CTX_CLASS: u64 = 160;
const T_CTX_SHAPE: u64 = 170;
pub(crate) const T_BI_LEFT: u64 = 60;
pub(crate) const T_BI_RIGHT: u64 = 61;
pub(crate) const T_BI_LEFT_STEM: u64 = 62;
const T_GAZ: u64 = 70;
const T_GAZ_STEM: u64 = 71;
const T_GAZ_CTX: u64 = 72; // + offset index
const T_NGRAM: u64 = 80; // + n
const T_SEEN: u64 = 180;
const T_SEEN_STEM: u64 = 181;
const T_SEEN_CTX: u64 = 182; // + offset index
pub(crate) const T_CTX_BI: u64 = 85; // + 0 left pair, + 1 right pair
const T_CTX_AFF: u64 = 90; // + 0..8
const T_LIST: u64 = 190;
const T_LIST_BIT: u64 = 191;
const T_LIST_SHAPE: u64 = 192;
const T_SFX: u64 = 193;
/// Common-word code (`crate::common`): own, × shape, and of the ±1 neighbours (+ offset index).
const T_COMMON: u64 = 270;
const T_COMMON_SHAPE: u64 = 271;
const T_CTX_COMMON: u64 = 272;
const T_CTX_LIST: u64 = 200; // + offset index
const T_CTX_LIST_BIT: u64 = 210; // + offset index
pub(crate) const T_LIST_PAIR: u64 = 220; // + 0 left pair, + 1 right pair
const T_TOPIC_WORD: u64 = 230;
const T_TOPIC_SHAPE: u64 = 231;
const T_TOPIC_LIST: u64 = 232;
const T_TOPIC_GAZ: u64 = 233;
const T_DOC: u64 = 250; // + 0 code, + 1 code × shape, + 2 code × list bits, + 3/4 code of the -1/+1 token
const T_CHAIN: u64 = 240; // + 0 kind × distance × definiteness, + 1 × shape

const NGRAMS: bool = false;
const LISTS: bool = true;
/// Common-word features on (see `crate::common`).
const COMMON: bool = true;
const LIST_PAIRS: bool = true;
const TOPIC: bool = false;
const GAZ_PAIRS: bool = false;
const CHAIN: bool = true;
const CHAIN_MAX: usize = 6;

/// Topic bits of a sentence: the union of its tokens' sports and business cue bits.
#[inline]
pub(crate) fn sentence_topic(infos: &[TokInfo]) -> u8 {
    if !TOPIC {
        return 0;
    }
    infos.iter().fold(0, |a, t| a | (t.lists & L_TOPIC) as u8)
}

/// Features of a token conjoined with its sentence's topic (gazetteer flags included).
#[inline]
pub(crate) fn topic_features(topic: u8, me: &TokInfo, feats: &mut Vec<u64>) {
    if topic == 0 || me.shape >> 6 == 5 {
        return;
    }
    let t = topic as u64;
    feats.push(combine2(T_TOPIC_WORD, t, me.stem));
    feats.push(combine2(T_TOPIC_SHAPE, t, me.shape));
    if me.lists & !L_TOPIC != 0 {
        feats.push(combine2(T_TOPIC_LIST, t, (me.lists & !L_TOPIC) as u64));
    }
    if me.gaz != 0 {
        feats.push(combine2(T_TOPIC_GAZ, t, me.gaz as u64));
    }
}
pub(crate) const CTX_BIGRAMS: bool = true;
const CTX_AFFIX: bool = true;
pub(crate) const CTX: &[isize] = &[-2, -1, 1, 2];

const PAD_BOS: u64 = 0x5EED_0000_0000_0001;
const PAD_EOS: u64 = 0x5EED_0000_0000_0002;

/// Per-token facts that neighbouring tokens read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokInfo {
    pub(crate) word: u64,
    pub(crate) stem: u64,
    pub(crate) class: u8,
    pub(crate) shape: u64,
    pub(crate) gaz: u8,
    /// Name-memory codes of the word and of its stem.
    pub(crate) seen: u8,
    pub(crate) seen_stem: u8,
    /// Bits of the crate's own name lists (`crate::lists`).
    pub(crate) lists: u16,
    /// Foreign-surname ending class (0: none).
    pub(crate) sfx: u8,
    /// What an organisation or place chain reads (see [`chain_features`]): 0 not an Arabic
    /// word, 1 with the article, 2 with لل, 3 another Arabic word.
    pub(crate) def: u8,
    /// Common-word code (`crate::common::common_code`) + 1 for an Arabic word; 0 otherwise.
    pub(crate) common: u8,
}

/// Hashed features of one sentence: token `i` owns `feats[starts[i]..starts[i + 1]]`.
#[derive(Debug, Default, Clone)]
pub struct FeatureBuf {
    pub feats: Vec<u64>,
    pub starts: Vec<u32>,
    infos: Vec<TokInfo>,
    /// With document codes: where token `i`'s document features start (they run to the end
    /// of its features).
    pub(crate) doc_starts: Vec<u32>,
}

impl FeatureBuf {
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The document keys of the tokens (see [`doc_key`]).
    pub(crate) fn doc_keys(&self) -> Vec<u64> {
        self.infos.iter().map(doc_key).collect()
    }
}

/// Trigger classes of a folded word (after proclitic stripping).
fn class_of(w: &str) -> u8 {
    match w {
        // Person titles and roles.
        "رئيس"
        | "الرئيس"
        | "وزير"
        | "الوزير"
        | "السيد"
        | "السيده"
        | "الشيخ"
        | "الامير"
        | "الاميره"
        | "الملك"
        | "الملكه"
        | "الدكتور"
        | "الدكتوره"
        | "د"
        | "المستشار"
        | "النائب"
        | "الجنرال"
        | "العقيد"
        | "اللواء"
        | "الفريق"
        | "العميد"
        | "المتحدث"
        | "الناطق"
        | "الامين"
        | "المدرب"
        | "اللاعب"
        | "الزعيم"
        | "الرئيسه"
        | "المبعوث"
        | "السفير"
        | "الممثل"
        | "الممثله"
        | "القاضي"
        | "الكاتب"
        | "الكاتبه"
        | "المخرج"
        | "الفنان"
        | "الفنانه"
        | "الشاعر"
        | "المفكر"
        | "المرشح"
        | "البابا"
        | "الامام"
        | "المطرب"
        | "المطربه"
        | "النجم"
        | "المهاجم"
        | "الحارس"
        | "المدير"
        | "مدير"
        | "مستشار"
        | "نائب"
        | "امين"
        | "الاستاذ"
        | "استاذ"
        | "المحامي"
        | "الصحفي"
        | "الصحافي"
        | "الباحث"
        | "العالم"
        | "الروائي"
        | "الموسيقار"
        | "الرسام"
        | "المغني"
        | "السيناتور"
        | "المستشاره"
        | "الوزيره"
        | "رئيسه"
        | "الحاكم"
        | "حاكم"
        | "القائد"
        | "قائد"
        | "المفوض"
        | "المندوب"
        | "مندوب"
        | "سفير"
        | "زعيم"
        | "الشهيد"
        | "الراحل"
        | "المتهم"
        | "الجندي"
        | "ابن"
        | "بن"
        | "ابو"
        | "ام"
        | "الاخ"
        | "الكابتن"
        | "المهندس"
        | "الحاج"
        | "الاب"
        | "القس"
        | "الكاردينال"
        | "السلطان"
        | "الخليفه"
        | "المشير" => 1,
        // Speech and reporting verbs.
        "قال" | "قالت" | "اعلن" | "اعلنت" | "اكد" | "اكدت" | "اضاف" | "اضافت" | "صرح" | "صرحت"
        | "اوضح" | "اوضحت" | "اشار" | "اشارت" | "ذكر" | "ذكرت" | "تابع" | "تابعت" | "اعتبر"
        | "اعتبرت" | "اعرب" | "اعربت" | "طالب" | "طالبت" | "دعا" | "دعت" | "نفي" | "نفت"
        | "يقول" | "تقول" | "قالوا" | "اكدوا" | "شدد" | "شددت" | "لفت" | "لفتت" | "كشف"
        | "كشفت" | "التقي" | "استقبل" | "استقبلت" | "زار" | "زارت" | "وصل" | "وصلت" | "غادر"
        | "غادرت" => 2,
        // Place cues.
        "مدينه" | "المدينه" | "عاصمه" | "العاصمه" | "بلده" | "قريه" | "القريه" | "محافظه"
        | "المحافظه" | "ولايه" | "الولايه" | "اقليم" | "الاقليم" | "منطقه" | "المنطقه" | "مقاطعه"
        | "جزيره" | "جزر" | "نهر" | "جبل" | "جبال" | "بحر" | "شمال" | "جنوب" | "شرق" | "غرب"
        | "شمالي" | "جنوبي" | "شرقي" | "غربي" | "وسط" | "عاصمتها" | "حي" | "مخيم" | "ميناء"
        | "مطار" | "شارع" | "ساحه" | "دوله" | "الدوله" | "بلاد" | "اراضي" | "حدود" | "قرب"
        | "ضواحي" | "مدن" | "مناطق" => 3,
        // Organisation cues.
        "شركه" | "الشركه" | "حزب" | "الحزب" | "منظمه" | "المنظمه" | "وكاله" | "الوكاله"
        | "جامعه" | "الجامعه" | "مجلس" | "المجلس" | "نادي" | "النادي" | "فريق" | "بنك"
        | "البنك" | "صحيفه" | "الصحيفه" | "اتحاد" | "الاتحاد" | "جمعيه" | "الجمعيه" | "مؤسسه"
        | "المؤسسه" | "هيئه" | "الهيئه" | "لجنه" | "اللجنه" | "جبهه" | "حركه" | "الحركه"
        | "قناه" | "وزاره" | "الوزاره" | "محكمه" | "المحكمه" | "مصرف" | "معهد" | "مركز"
        | "منتخب" | "المنتخب" | "مجموعه" | "برلمان" | "البرلمان" | "مجلة" | "مجله" | "اذاعه"
        | "تلفزيون" | "جيش" | "الجيش" | "قوات" | "شرطه" | "صندوق" | "رابطه" | "نقابه" | "كتله"
        | "تحالف" | "ائتلاف" | "تنظيم" | "جماعه" | "الجماعه" => 4,
        _ => 0,
    }
}

/// Proclitics whose removal gives the "stem" that neighbours see (longest first; the same set
/// as `hadath_text::segmentations`).
pub(crate) const PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك",
    "فب", "فل", "وس", "و", "ف", "ب", "ل", "ك", "س",
];

/// The word with its longest proclitic removed (a stem of at least two characters), or the word.
#[inline]
pub(crate) fn stem1(w: &str) -> &str {
    for p in PROCLITICS {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().nth(1).is_some() {
                return rest;
            }
        }
    }
    w
}

/// The word minus only an article-bearing or و/ف proclitic, used for trigger classes.
#[inline]
fn class_stem(w: &str) -> u8 {
    let c = class_of(w);
    if c != 0 {
        return c;
    }
    for p in ["و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"] {
        if let Some(rest) = w.strip_prefix(p) {
            let c = class_of(rest);
            if c != 0 {
                return c;
            }
        }
    }
    if let Some(rest) = w.strip_prefix("لل") {
        // "للرئيس" is ل + الرئيس.
        let mut buf = [0u8; 64];
        if rest.len() + 4 <= buf.len() {
            buf[..4].copy_from_slice("ال".as_bytes());
            buf[4..4 + rest.len()].copy_from_slice(rest.as_bytes());
            if let Ok(s) = std::str::from_utf8(&buf[..4 + rest.len()]) {
                return class_of(s);
            }
        }
    }
    0
}

fn kind_id(k: TokenKind) -> u64 {
    match k {
        TokenKind::Arabic => 1,
        TokenKind::Latin => 2,
        TokenKind::Number => 3,
        TokenKind::Mixed => 4,
        TokenKind::Punct => 5,
    }
}

fn len_bucket(chars: usize) -> u64 {
    match chars {
        0..=1 => 0,
        2 => 1,
        3 => 2,
        4 => 3,
        5..=6 => 4,
        7..=9 => 5,
        _ => 6,
    }
}

/// Byte end of the first `n` characters of `w`, if it has more than `n` characters.
#[inline]
fn prefix_end(w: &str, n: usize) -> Option<usize> {
    w.char_indices().nth(n).map(|(i, _)| i)
}

/// Byte start of the last `n` characters of `w`, if it has more than `n` characters.
#[inline]
fn suffix_start(w: &str, n: usize) -> Option<usize> {
    let mut it = w.char_indices().rev();
    let (i, _) = it.nth(n - 1)?;
    if i == 0 {
        None
    } else {
        Some(i)
    }
}

/// Inner character n-grams (n = 2, 3) of a word padded with boundary marks are approximated by
/// the n-grams of the bare word (the padded ones are the affix features).
fn ngrams(out: &mut Vec<u64>, w: &str) {
    let mut idx = [0usize; 48];
    let mut m = 0;
    for (i, _) in w.char_indices() {
        if m == idx.len() {
            return;
        }
        idx[m] = i;
        m += 1;
    }
    if m < idx.len() {
        idx[m] = w.len();
    } else {
        return;
    }
    for n in [2usize, 3] {
        if m < n + 2 {
            continue;
        }
        for a in 1..m - n {
            out.push(hash_bytes(
                T_NGRAM + n as u64,
                &w.as_bytes()[idx[a]..idx[a + n]],
            ));
        }
    }
}

fn affixes(out: &mut Vec<u64>, w: &str, t_pre: u64, t_suf: u64) {
    for n in 1..=AFFIX_MAX {
        if let Some(e) = prefix_end(w, n as usize) {
            out.push(hash_bytes(t_pre + n, &w.as_bytes()[..e]));
        }
        if let Some(s) = suffix_start(w, n as usize) {
            out.push(hash_bytes(t_suf + n, &w.as_bytes()[s..]));
        }
    }
}

/// Word-level facts of a token: what its own features and its neighbours' features read.
#[inline]
pub(crate) fn tok_info(
    w: &str,
    kind: TokenKind,
    gaz: Option<&dyn Gazetteer>,
    mem: Option<&NameMemory>,
) -> TokInfo {
    let mut info = tok_info_no_gaz(w, kind, mem);
    info.gaz = gaz_flags(w, kind, gaz);
    info
}

/// Gazetteer flags of a word and of its proclitic-stripped stem.
#[inline]
pub(crate) fn gaz_flags(w: &str, kind: TokenKind, gaz: Option<&dyn Gazetteer>) -> u8 {
    let is_word = matches!(
        kind,
        TokenKind::Arabic | TokenKind::Latin | TokenKind::Mixed
    );
    match gaz {
        Some(_) if is_word => gaz_flags_stem(w, stem1(w), kind, gaz),
        _ => 0,
    }
}

/// [`gaz_flags`] with the word's stem (`stem1(w)`) already known.
#[inline]
pub(crate) fn gaz_flags_stem(w: &str, s: &str, kind: TokenKind, gaz: Option<&dyn Gazetteer>) -> u8 {
    let is_word = matches!(
        kind,
        TokenKind::Arabic | TokenKind::Latin | TokenKind::Mixed
    );
    match gaz {
        Some(g) if is_word => g.flags(w) | if s.len() != w.len() { g.flags(s) } else { 0 },
        _ => 0,
    }
}

/// [`tok_info`] with the gazetteer flags left at 0.
#[inline]
pub(crate) fn tok_info_no_gaz(w: &str, kind: TokenKind, mem: Option<&NameMemory>) -> TokInfo {
    let s = stem1(w);
    let (seen, seen_stem) = match mem {
        Some(m) if kind != TokenKind::Punct => {
            (m.get(w), if s.len() != w.len() { m.get(s) } else { 0 })
        }
        _ => (0, 0),
    };
    let word = hash_bytes(0, w.as_bytes());
    let stem = if s.len() == w.len() {
        word
    } else {
        hash_bytes(0, s.as_bytes())
    };
    let nchars = w.chars().count();
    let article =
        w.len() != s.len() && (s.len() + 4 <= w.len()) && w[..w.len() - s.len()].ends_with("ال");
    let shape = kind_id(kind) * 64 + len_bucket(nchars) * 2 + article as u64;
    let (class, lists, sfx, common) = if kind == TokenKind::Arabic {
        let common = if COMMON {
            crate::common::common_code(w).saturating_add(1)
        } else {
            0
        };
        (class_stem(w), list_flags(w), suffix_class(s), common)
    } else {
        (0, 0, 0, 0)
    };
    let def = if kind != TokenKind::Arabic {
        0
    } else if article {
        1
    } else if ["لل", "ولل", "فلل"]
        .iter()
        .any(|p| w.len() > p.len() + 2 && w.starts_with(p))
    {
        2
    } else {
        3
    };
    TokInfo {
        word,
        stem,
        class,
        shape,
        gaz: 0,
        seen,
        seen_stem,
        lists,
        sfx,
        def,
        common,
    }
}

/// Padding facts for positions before (`off < 0`) or after the sentence.
#[inline]
pub(crate) fn pad_info(off: isize) -> TokInfo {
    let p = if off < 0 { PAD_BOS } else { PAD_EOS };
    TokInfo {
        word: p,
        stem: p,
        class: 0,
        shape: p,
        gaz: 0,
        seen: 0,
        seen_stem: 0,
        lists: 0,
        sfx: 0,
        def: 0,
        common: 0,
    }
}

/// The features a token contributes to its own position (bias included).
pub(crate) fn own_features(w: &str, kind: TokenKind, me: &TokInfo, feats: &mut Vec<u64>) {
    feats.push(T_BIAS);
    feats.push(combine(T_WORD, me.word));
    feats.push(combine(T_SHAPE, me.shape));
    if me.class != 0 {
        feats.push(combine(T_CLASS, me.class as u64));
    }
    if me.seen != 0 {
        feats.push(combine(T_SEEN, me.seen as u64));
    }
    if me.seen_stem != 0 {
        feats.push(combine(T_SEEN_STEM, me.seen_stem as u64));
    }
    if LISTS && me.lists != 0 {
        feats.push(combine(T_LIST, me.lists as u64));
        feats.push(combine2(T_LIST_SHAPE, me.lists as u64, me.shape));
        for b in 0..16 {
            if me.lists & (1 << b) != 0 {
                feats.push(combine(T_LIST_BIT, b));
            }
        }
    }
    if LISTS && me.sfx != 0 {
        feats.push(combine(T_SFX, me.sfx as u64));
    }
    if me.common != 0 {
        feats.push(combine(T_COMMON, me.common as u64));
        feats.push(combine2(T_COMMON_SHAPE, me.common as u64, me.shape));
    }
    if kind == TokenKind::Arabic {
        // Every clitic reading: stems, proclitics, enclitics (deduplicated cheaply).
        let segs = hadath_text::segmentations(w);
        let start = feats.len();
        for sg in segs.iter().skip(1) {
            let h = hash_bytes(T_SEG, sg.stem.as_bytes());
            if !feats[start..].contains(&h) {
                feats.push(h);
            }
            if !sg.prefix.is_empty() {
                let h = hash_bytes(T_SEGPRE, sg.prefix.as_bytes());
                if !feats[start..].contains(&h) {
                    feats.push(h);
                }
            }
            if !sg.suffix.is_empty() {
                let h = hash_bytes(T_SEGSUF, sg.suffix.as_bytes());
                if !feats[start..].contains(&h) {
                    feats.push(h);
                }
            }
        }
        affixes(feats, w, T_PRE, T_SUF);
        let s = stem1(w);
        if s.len() != w.len() {
            affixes(feats, s, T_SPRE, T_SSUF);
        }
        if NGRAMS {
            ngrams(feats, s);
        }
    } else if kind != TokenKind::Punct {
        affixes(feats, w, T_PRE, T_SUF);
    }
}

/// Gazetteer features of a token at its own position and (`k`) at its neighbours'.
#[inline]
pub(crate) fn gaz_features(me: &TokInfo, feats: &mut Vec<u64>) {
    if me.gaz != 0 {
        feats.push(combine(T_GAZ, me.gaz as u64));
        feats.push(combine2(T_GAZ_STEM, me.gaz as u64, me.shape));
    }
}

#[inline]
pub(crate) fn gaz_neighbour_features(k: usize, o: &TokInfo, feats: &mut Vec<u64>) {
    if o.gaz != 0 && CTX[k].abs() == 1 {
        feats.push(combine(T_GAZ_CTX + k as u64, o.gaz as u64));
    }
}

/// The features a token (or a pad, `word == None`) contributes to the position `CTX[k]` away.
pub(crate) fn neighbour_features(
    k: usize,
    o: &TokInfo,
    word: Option<(&str, TokenKind)>,
    feats: &mut Vec<u64>,
) {
    let off = CTX[k];
    let k = k as u64;
    feats.push(combine(T_CTX_WORD + k, o.word));
    if o.stem != o.word {
        feats.push(combine(T_CTX_STEM + k, o.stem));
    }
    if o.class != 0 {
        feats.push(combine(T_CTX_CLASS + k, o.class as u64));
    }
    feats.push(combine(T_CTX_SHAPE + k, o.shape));
    if LISTS && o.lists != 0 {
        feats.push(combine(T_CTX_LIST + k, o.lists as u64));
        for b in 0..16 {
            if o.lists & (1 << b) != 0 {
                feats.push(combine2(T_CTX_LIST_BIT, k, b));
            }
        }
    }
    if o.seen != 0 && off.abs() == 1 {
        feats.push(combine(T_SEEN_CTX + k, o.seen as u64));
    }
    if o.common != 0 && off.abs() == 1 {
        feats.push(combine2(T_CTX_COMMON, k, o.common as u64));
    }
    if CTX_AFFIX && off.abs() == 1 {
        if let Some((w, TokenKind::Arabic)) = word {
            let ow = stem1(w);
            let k = if off < 0 { 0 } else { 4 };
            if let Some(e) = prefix_end(ow, 2) {
                feats.push(hash_bytes(T_CTX_AFF + k, &ow.as_bytes()[..e]));
            }
            if let Some(st) = suffix_start(ow, 2) {
                feats.push(hash_bytes(T_CTX_AFF + k + 1, &ow.as_bytes()[st..]));
            }
        }
    }
}

/// Features of word pairs around position `i` and of the position itself.
#[inline]
pub(crate) fn pair_features(i: usize, n: usize, infos: &[TokInfo], feats: &mut Vec<u64>) {
    let at = |j: isize| -> TokInfo {
        if j < 0 || j as usize >= n {
            pad_info(j)
        } else {
            infos[j as usize]
        }
    };
    let ii = i as isize;
    let me = infos[i];
    let prev = at(ii - 1);
    let next = at(ii + 1);
    position_features(i, n, &me, feats);
    list_pair_features(&prev, &me, &next, feats);
    feats.push(pair_hash(T_BI_LEFT, prev.word, me.word));
    feats.push(pair_hash(T_BI_RIGHT, me.word, next.word));
    feats.push(pair_hash(T_BI_LEFT_STEM, prev.stem, me.stem));
    if CTX_BIGRAMS {
        let p2 = at(ii - 2);
        let n2 = at(ii + 2);
        feats.push(pair_hash(T_CTX_BI, p2.stem, prev.stem));
        feats.push(pair_hash(T_CTX_BI + 1, next.stem, n2.stem));
    }
}

/// Conjunctions of the list bits of a token and of each neighbour (with the token's shape when
/// the token itself is in no list).
#[inline]
pub(crate) fn list_pair_features(
    prev: &TokInfo,
    me: &TokInfo,
    next: &TokInfo,
    feats: &mut Vec<u64>,
) {
    if !LIST_PAIRS {
        return;
    }
    let mine = if me.lists != 0 {
        me.lists as u64
    } else {
        (1 << 20) + me.shape
    };
    if GAZ_PAIRS && (prev.gaz | next.gaz) != 0 {
        let mine = if me.gaz != 0 {
            me.gaz as u64
        } else {
            (1 << 20) + me.shape
        };
        if prev.gaz != 0 {
            feats.push(combine2(T_LIST_PAIR + 2, prev.gaz as u64, mine));
        }
        if next.gaz != 0 {
            feats.push(combine2(T_LIST_PAIR + 3, next.gaz as u64, mine));
        }
    }
    if prev.lists != 0 {
        feats.push(combine2(T_LIST_PAIR, prev.lists as u64, mine));
    }
    if next.lists != 0 {
        feats.push(combine2(T_LIST_PAIR + 1, next.lists as u64, mine));
    }
}

/// Organisation and place chains: a word that follows an organisation or place head noun
/// (`org-heads.txt`, `loc-heads.txt`) through a run of definite words (with ال or لل, or the
/// head's bare genitive right after it) gets the head's kind × its distance (1–4+) × what the
/// word is (definite, لل, other) and × its shape. So the 4th word of المنظمة العالمية للملكية
/// الفكرية still knows that it follows an organisation head.
#[inline]
pub(crate) fn chain_features(i: usize, infos: &[TokInfo], feats: &mut Vec<u64>) {
    if let Some(v) = chain_value(i, infos) {
        let me = &infos[i];
        feats.push(chain_def_feature(v, me.def));
        feats.push(chain_shape_feature(v, me.shape));
    }
}

/// The chain value of token `i` (the head's kind × the distance, `8..24`), when it follows an
/// organisation or place head (see [`chain_features`]).
#[inline]
pub(crate) fn chain_value(i: usize, infos: &[TokInfo]) -> Option<u64> {
    if !CHAIN {
        return None;
    }
    let me = &infos[i];
    if me.def == 0 || me.lists & (L_ORG_HEAD | L_LOC_HEAD) != 0 {
        return None;
    }
    let mut j = i;
    while j > 0 && i - j < CHAIN_MAX {
        j -= 1;
        let o = &infos[j];
        if o.lists & (L_ORG_HEAD | L_LOC_HEAD) != 0 {
            let head = if o.lists & L_ORG_HEAD != 0 { 1 } else { 2 };
            return Some(head * 8 + (i - j).min(4) as u64);
        }
        let construct = o.def == 3 && j > 0 && infos[j - 1].lists & (L_ORG_HEAD | L_LOC_HEAD) != 0;
        if !(o.def == 1 || o.def == 2 || construct) {
            return None;
        }
    }
    None
}

/// The chain feature of value `v` × what the word is (definite, لل, other).
#[inline]
pub(crate) fn chain_def_feature(v: u64, def: u8) -> u64 {
    combine2(T_CHAIN, v, def as u64)
}

/// The chain feature of value `v` × the word's shape.
#[inline]
pub(crate) fn chain_shape_feature(v: u64, shape: u64) -> u64 {
    combine2(T_CHAIN + 1, v, shape)
}

/// The key under which a token is counted for document consistency (`crate::doc`): its stem,
/// for words of two characters or more; 0 for the rest.
#[inline]
pub(crate) fn doc_key(info: &TokInfo) -> u64 {
    let kind = info.shape >> 6;
    let long = (info.shape >> 1) & 31 >= 1;
    if matches!(kind, 1 | 2 | 4) && long {
        info.stem | 1
    } else {
        0
    }
}

/// Document-consistency features of token `i` from the document codes of its sentence.
#[inline]
pub(crate) fn doc_features(i: usize, codes: &[u8], me: &TokInfo, feats: &mut Vec<u64>) {
    let c = codes[i];
    if c != 0 {
        feats.push(combine(T_DOC, c as u64));
        feats.push(combine2(T_DOC + 1, c as u64, me.shape));
        if me.lists != 0 {
            feats.push(combine2(T_DOC + 2, c as u64, me.lists as u64));
        }
    }
    if i > 0 && codes[i - 1] != 0 {
        feats.push(combine(T_DOC + 3, codes[i - 1] as u64));
    }
    if i + 1 < codes.len() && codes[i + 1] != 0 {
        feats.push(combine(T_DOC + 4, codes[i + 1] as u64));
    }
}

/// Sentence-start and sentence-end features of position `i` of `n`.
#[inline]
pub(crate) fn position_features(i: usize, n: usize, me: &TokInfo, feats: &mut Vec<u64>) {
    if i == 0 {
        feats.push(combine(T_FIRST, me.shape));
    }
    if i + 1 == n {
        feats.push(combine(T_LAST, me.shape));
    }
}

/// Extract the features of one sentence's tokens into `buf` (cleared first).
pub(crate) fn extract(
    folded: &Folded,
    tokens: &[Token],
    gaz: Option<&dyn Gazetteer>,
    mem: Option<&NameMemory>,
    doc: Option<&[u8]>,
    buf: &mut FeatureBuf,
) {
    buf.feats.clear();
    buf.starts.clear();
    buf.infos.clear();
    buf.doc_starts.clear();
    let text = folded.text();
    for t in tokens {
        buf.infos
            .push(tok_info(&text[t.folded.clone()], t.kind, gaz, mem));
    }
    let n = tokens.len();
    let topic = sentence_topic(&buf.infos);
    let mut feats = std::mem::take(&mut buf.feats);
    for (i, t) in tokens.iter().enumerate() {
        buf.starts.push(feats.len() as u32);
        own_features(&text[t.folded.clone()], t.kind, &buf.infos[i], &mut feats);
        gaz_features(&buf.infos[i], &mut feats);
        for (k, &off) in CTX.iter().enumerate() {
            let j = i as isize + off;
            if j < 0 || j as usize >= n {
                neighbour_features(k, &pad_info(off), None, &mut feats);
            } else {
                let o = &tokens[j as usize];
                neighbour_features(
                    k,
                    &buf.infos[j as usize],
                    Some((&text[o.folded.clone()], o.kind)),
                    &mut feats,
                );
                gaz_neighbour_features(k, &buf.infos[j as usize], &mut feats);
            }
        }
        pair_features(i, n, &buf.infos, &mut feats);
        chain_features(i, &buf.infos, &mut feats);
        topic_features(topic, &buf.infos[i], &mut feats);
        // Last, so that training can hide them: they run from `doc_starts[i]` to the end.
        if let Some(codes) = doc {
            buf.doc_starts.push(feats.len() as u32);
            doc_features(i, codes, &buf.infos[i], &mut feats);
        }
    }
    buf.starts.push(feats.len() as u32);
    buf.feats = feats;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_classes() {
        assert_eq!(stem1("والرئيس"), "رئيس");
        assert_eq!(stem1("بغداد"), "غداد");
        assert_eq!(stem1("في"), "في");
        assert_eq!(class_stem("والرئيس"), 1);
        assert_eq!(class_stem("للرئيس"), 1);
        assert_eq!(class_stem("وقال"), 2);
        assert_eq!(class_stem("بيت"), 0);
    }

    #[test]
    fn affix_bounds() {
        assert_eq!(prefix_end("abc", 1), Some(1));
        assert_eq!(prefix_end("abc", 3), None);
        assert_eq!(suffix_start("abc", 2), Some(1));
        assert_eq!(suffix_start("abc", 3), None);
    }

    #[test]
    fn every_token_gets_features() {
        let f = Folded::new("قال الرئيس ( أوباما ) في واشنطن 2009");
        let toks = hadath_text::tokenize(&f);
        let mut buf = FeatureBuf::default();
        extract(&f, &toks, None, None, None, &mut buf);
        assert_eq!(buf.len(), toks.len());
        for i in 0..buf.len() {
            assert!(buf.token(i).len() > 8);
        }
    }
}

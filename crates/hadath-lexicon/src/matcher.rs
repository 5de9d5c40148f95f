//! Token-based longest-match over the key fsts, with clitics, loose spellings, titles and
//! partial names.

use crate::compile::skeleton_word;
use crate::{key_how, EntityKind, Entry, EntryId, Fx, Layer, Lexicon, MatchHow, Mention, Office};
use fst::raw::{Fst, Node, Output};
use hadath_text::{Folded, Token, TokenKind};
use jiff::civil::Date;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

/// Attached pronoun suffixes, longest first.
const SUFFIXES: &[&str] = &["هما", "هم", "ها", "ه"];

/// Longest key in tokens.
const MAX_TOKENS: usize = 8;

/// One reading of the first token: prefix bytes skipped, article restored.
#[derive(Clone, Copy)]
struct Reading {
    plen: usize,
    article: bool,
}

/// The proclitic readings of the first token, from `hadath_text::segmentations` (the bare word
/// first). Names take و ف ب ل and the article: the bare "ال" is the unsegmented reading itself,
/// "س" only prefixes verbs, and "ك" (like) almost never prefixes a name while ك+word often looks
/// like one (كبيرا → ك + بيرا), so readings with those are left out.
fn readings(w: &str, out: &mut Vec<Reading>) {
    out.clear();
    out.push(Reading {
        plen: 0,
        article: false,
    });
    // Every proclitic kept here starts with و ف ب ل.
    if !matches!(w.chars().next(), Some('و' | 'ف' | 'ب' | 'ل')) {
        return;
    }
    for r in hadath_text::segmentations(w).iter().skip(1) {
        if r.suffix.is_empty() && r.prefix != "ال" && !r.prefix.contains(['ك', 'س']) {
            out.push(Reading {
                plen: r.prefix.len(),
                article: r.article,
            });
        }
    }
}

/// The pronoun suffix readings of `w`: the byte lengths of the suffixes it ends with, leaving a
/// stem of three letters or more.
#[inline]
fn suffix_lens(w: &str) -> impl Iterator<Item = usize> + '_ {
    let b = w.as_bytes();
    // Every suffix ends in ه (D9 87) or ا (D8 A7).
    let last = if b.len() >= 8 {
        [b[b.len() - 2], b[b.len() - 1]]
    } else {
        [0, 0]
    };
    let possible = last == [0xD9, 0x87] || last == [0xD8, 0xA7];
    SUFFIXES.iter().filter_map(move |sfx| {
        let s = sfx.as_bytes();
        let ok = possible
            && b.len() >= s.len() + 6
            && b[b.len() - s.len()..].iter().zip(s).all(|(x, y)| x == y);
        ok.then_some(s.len())
    })
}

#[inline]
fn feed<'f>(
    fst: &'f Fst<impl AsRef<[u8]>>,
    mut node: Node<'f>,
    mut out: Output,
    bytes: &[u8],
) -> Option<(Node<'f>, Output)> {
    for &b in bytes {
        let i = node.find_input(b)?;
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// A raw match before the entry is chosen.
#[derive(Clone)]
struct Hit {
    first: usize,
    /// Exclusive token end.
    last: usize,
    /// Folded byte span of the mention (clitics excluded).
    fspan: (usize, usize),
    layer: usize,
    loose: bool,
    value: u64,
    clitic: bool,
    /// Read without a pronoun suffix (حكومتها → حكومة).
    suffix: bool,
}

impl Hit {
    fn rank(&self) -> (usize, bool, bool, usize) {
        (
            self.last - self.first,
            !self.loose,
            !self.clitic,
            self.fspan.1 - self.fspan.0,
        )
    }
}

/// Where a key can start in one word type: everything about a token that does not depend on its
/// neighbours, computed once per word type in a document.
struct WordInfo {
    /// Exact starts in [`Starts::seeds`], in the order the matcher tries them (layer, reading,
    /// suffixes then the reading itself), so that ties between hits resolve as before.
    seeds: Range<u32>,
    /// Loose starts in [`Starts::loose`], in layer and reading order.
    loose: Range<u32>,
    /// Byte lengths of the proclitics of the readings without the article (the bare word first):
    /// the surnames of partial names are looked up behind these.
    plain: [u8; 16],
    nplain: u8,
}

impl WordInfo {
    fn dead(&self) -> bool {
        self.seeds.is_empty() && self.loose.is_empty()
    }

    fn plain(&self) -> &[u8] {
        &self.plain[..self.nplain as usize]
    }
}

/// One way an exact key starts in a word.
#[derive(Clone, Copy)]
struct Seed {
    layer: u8,
    /// Proclitic bytes skipped.
    plen: u8,
    /// Pronoun suffix bytes stripped: a one-token hit only. 0 = the reading itself.
    sfx: u8,
    /// The key ends here: its fst value.
    fin: Option<u64>,
    /// The key may go on over following words: the fst state (address, output) after the word.
    ext: Option<(usize, u64)>,
}

/// One way a loose key starts in a word (no article, no suffix).
#[derive(Clone, Copy)]
struct LooseSeed {
    layer: u8,
    plen: u8,
    /// The one-word loose hit, verified against the spelling.
    one: Option<u64>,
    /// The fst state after the skeleton, when a space may follow it.
    ext: Option<(usize, u64)>,
}

/// The word types of one document and where keys start in them.
#[derive(Default)]
struct Starts {
    infos: Vec<WordInfo>,
    seeds: Vec<Seed>,
    loose: Vec<LooseSeed>,
}

/// Marks a token that is not a word in [`Ctx::ids`].
const NO_WORD: u32 = u32::MAX;

fn is_word_kind(k: TokenKind) -> bool {
    matches!(k, TokenKind::Arabic | TokenKind::Latin | TokenKind::Mixed)
}

impl Starts {
    /// The word types of `tokens` and the info index of every token (`NO_WORD` for
    /// punctuation, numbers …).
    fn of(lx: &Lexicon, ft: &str, tokens: &[Token]) -> (Starts, Vec<u32>) {
        let mut st = Starts::default();
        let mut index: HashMap<&str, u32, BuildHasherDefault<Fx>> =
            HashMap::with_capacity_and_hasher(tokens.len() / 2, BuildHasherDefault::default());
        let mut rs = Vec::with_capacity(16);
        let mut buf = String::new();
        let mut ids = Vec::with_capacity(tokens.len());
        for t in tokens {
            if !is_word_kind(t.kind) {
                ids.push(NO_WORD);
                continue;
            }
            let w = &ft[t.folded.clone()];
            let n = st.infos.len() as u32;
            let id = *index.entry(w).or_insert(n);
            if id == n {
                let info = st.word_info(lx, w, &mut rs, &mut buf);
                st.infos.push(info);
            }
            ids.push(id);
        }
        (st, ids)
    }

    /// The context-free part of matching at a word: which readings start a key, exact or loose.
    fn word_info(
        &mut self,
        lx: &Lexicon,
        w: &str,
        rs: &mut Vec<Reading>,
        buf: &mut String,
    ) -> WordInfo {
        readings(w, rs);
        let seeds = &mut self.seeds;
        let s0 = seeds.len() as u32;
        for (li, layer) in lx.layers().enumerate() {
            let fst = layer.keys.as_fst();
            for r in rs.iter() {
                // The reading (or it without a pronoun suffix) must be a key's first word.
                let stem = &w[r.plen..];
                let cand: &str = if r.article {
                    buf.clear();
                    buf.push_str("ال");
                    buf.push_str(stem);
                    buf
                } else {
                    stem
                };
                // Suffix readings of a one-token match.
                for n in suffix_lens(cand) {
                    if let Some(&(addr, o)) = layer.first.get(&cand[..cand.len() - n]) {
                        let node = fst.node(addr);
                        if node.is_final() {
                            seeds.push(Seed {
                                layer: li as u8,
                                plen: r.plen as u8,
                                sfx: n as u8,
                                fin: Some(Output::new(o).cat(node.final_output()).value()),
                                ext: None,
                            });
                        }
                    }
                }
                // The reading itself: the fst state after it comes from the first-word table.
                let Some(&(addr, o)) = layer.first.get(cand) else {
                    continue;
                };
                let node = fst.node(addr);
                let fin = node
                    .is_final()
                    .then(|| Output::new(o).cat(node.final_output()).value());
                let ext = node.find_input(b' ').map(|_| (addr, o));
                if fin.is_some() || ext.is_some() {
                    seeds.push(Seed {
                        layer: li as u8,
                        plen: r.plen as u8,
                        sfx: 0,
                        fin,
                        ext,
                    });
                }
            }
        }
        // Loose starts. Words with the article (also behind a clitic: بالجري) are Arabic words:
        // their skeletons collide with names (الامن / ألمانيا, بالجري / بلغاريا).
        let s1 = seeds.len() as u32;
        let loose = &mut self.loose;
        let l0 = loose.len() as u32;
        if !rs.iter().any(|r| r.article) {
            for (li, layer) in lx.layers().enumerate() {
                for r in rs.iter() {
                    let stem = &w[r.plen..];
                    if stem.chars().count() < 5 || stem.starts_with("ال") {
                        continue;
                    }
                    buf.clear();
                    skeleton_word(stem, buf);
                    if !layer.lfirst.contains_key(buf.as_str()) {
                        continue;
                    }
                    let fst = layer.loose.as_fst();
                    let Some((node, out)) = feed(fst, fst.root(), Output::zero(), buf.as_bytes())
                    else {
                        continue;
                    };
                    let one = verified(fst, node, out, stem);
                    let ext = node.find_input(b' ').map(|_| (node.addr(), out.value()));
                    if one.is_some() || ext.is_some() {
                        loose.push(LooseSeed {
                            layer: li as u8,
                            plen: r.plen as u8,
                            one,
                            ext,
                        });
                    }
                }
            }
        }
        let mut plain = [0u8; 16];
        let mut nplain = 0;
        for r in rs.iter().filter(|r| !r.article) {
            if nplain < plain.len() {
                plain[nplain] = r.plen as u8;
                nplain += 1;
            }
        }
        WordInfo {
            seeds: s0..s1,
            loose: l0..loose.len() as u32,
            plain,
            nplain: nplain as u8,
        }
    }
}

struct Ctx<'a> {
    lx: &'a Lexicon,
    text: &'a str,
    folded: &'a Folded,
    tokens: &'a [Token],
    ft: &'a str,
    /// Per token: its word type's entry in `infos`, or `NO_WORD`.
    ids: &'a [u32],
    starts: &'a Starts,
    /// Loose skeleton of each token (computed lazily).
    skel: Vec<Option<String>>,
}

impl<'a> Ctx<'a> {
    fn tok(&self, i: usize) -> &'a str {
        &self.ft[self.tokens[i].folded.clone()]
    }

    fn is_word(&self, i: usize) -> bool {
        is_word_kind(self.tokens[i].kind)
    }

    fn info(&self, i: usize) -> Option<&'a WordInfo> {
        let st: &'a Starts = self.starts;
        st.infos.get(self.ids[i] as usize)
    }

    /// Tokens j and j-1 are adjacent (only spaces between them).
    fn adjacent(&self, j: usize) -> bool {
        let a = self.tokens[j - 1].folded.end;
        let b = self.tokens[j].folded.start;
        self.ft[a..b].bytes().all(|c| c == b' ' || c == b'\t')
    }

    /// Token `i` ends in ta marbuta in the source: a final ه after folding is then no pronoun.
    fn ta_marbuta(&self, i: usize) -> bool {
        let src = &self.text[self.tokens[i].source.clone()];
        src.chars()
            .rev()
            .find(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0640}' | '\u{0670}'))
            == Some('ة')
    }

    fn skel(&mut self, i: usize) -> &str {
        if self.skel.len() <= i {
            self.skel.resize(self.tokens.len(), None);
        }
        if self.skel[i].is_none() {
            let mut s = String::new();
            skeleton_word(&self.ft[self.tokens[i].folded.clone()], &mut s);
            self.skel[i] = Some(s);
        }
        self.skel[i].as_deref().unwrap_or("")
    }

    /// Best exact hit starting at token `i`.
    fn exact_at(&mut self, i: usize, best: &mut Option<Hit>) {
        let Some(info) = self.info(i) else {
            return;
        };
        let tf = self.tokens[i].folded.clone();
        // Computed on first need: only a ه suffix asks.
        let mut tm: Option<bool> = None;
        let st: &'a Starts = self.starts;
        let seeds = &st.seeds[info.seeds.start as usize..info.seeds.end as usize];
        for s in seeds {
            let li = s.layer as usize;
            let start = tf.start + s.plen as usize;
            if s.sfx > 0 {
                if s.sfx == 2 && *tm.get_or_insert_with(|| self.ta_marbuta(i)) {
                    continue;
                }
                if let Some(value) = s.fin {
                    let h = Hit {
                        first: i,
                        last: i + 1,
                        fspan: (start, tf.end - s.sfx as usize),
                        layer: li,
                        loose: false,
                        value,
                        clitic: true,
                        suffix: true,
                    };
                    consider(best, h);
                }
                continue;
            }
            let clitic = s.plen > 0;
            if let Some(value) = s.fin {
                let h = Hit {
                    first: i,
                    last: i + 1,
                    fspan: (start, tf.end),
                    layer: li,
                    loose: false,
                    value,
                    clitic,
                    suffix: false,
                };
                consider(best, h);
            }
            let Some((addr, o)) = s.ext else {
                continue;
            };
            let Some(layer) = self.lx.layers().nth(li) else {
                continue;
            };
            let fst = layer.keys.as_fst();
            let mut node = fst.node(addr);
            let mut out = Output::new(o);
            // Extend over following words.
            let mut j = i + 1;
            while j < self.tokens.len() && j < i + MAX_TOKENS && self.is_word(j) && self.adjacent(j)
            {
                let Some((n1, o1)) = feed(fst, node, out, b" ") else {
                    break;
                };
                let tj = self.tok(j);
                // Every suffix ends in ا، م or ه; only ه can be a folded ta marbuta.
                let tm = tj.ends_with('ه') && self.ta_marbuta(j);
                for sfx in SUFFIXES.iter().filter(|s| !(tm && s.len() == 2)) {
                    if let Some(s) = tj.strip_suffix(*sfx) {
                        if s.chars().count() >= 3 {
                            if let Some((n, o)) = feed(fst, n1, o1, s.as_bytes()) {
                                if n.is_final() {
                                    let tf = &self.tokens[j].folded;
                                    let h = Hit {
                                        first: i,
                                        last: j + 1,
                                        fspan: (start, tf.start + s.len()),
                                        layer: li,
                                        loose: false,
                                        value: o.cat(n.final_output()).value(),
                                        clitic: true,
                                        suffix: true,
                                    };
                                    consider(best, h);
                                }
                            }
                        }
                    }
                }
                let Some((n2, o2)) = feed(fst, n1, o1, tj.as_bytes()) else {
                    break;
                };
                node = n2;
                out = o2;
                if node.is_final() {
                    let h = Hit {
                        first: i,
                        last: j + 1,
                        fspan: (start, self.tokens[j].folded.end),
                        layer: li,
                        loose: false,
                        value: out.cat(node.final_output()).value(),
                        clitic,
                        suffix: false,
                    };
                    consider(best, h);
                }
                j += 1;
            }
        }
    }

    /// Best loose (skeleton) hit starting at token `i`: no article readings, no suffixes.
    fn loose_at(&mut self, i: usize, best: &mut Option<Hit>) {
        if self.tokens[i].kind != TokenKind::Arabic {
            return;
        }
        let Some(info) = self.info(i) else {
            return;
        };
        let w = self.tok(i);
        let tf = self.tokens[i].folded.clone();
        let st: &'a Starts = self.starts;
        let loose = &st.loose[info.loose.start as usize..info.loose.end as usize];
        for ls in loose {
            let li = ls.layer as usize;
            let start = tf.start + ls.plen as usize;
            let clitic = ls.plen > 0;
            if let Some(value) = ls.one {
                consider(
                    best,
                    Hit {
                        first: i,
                        last: i + 1,
                        fspan: (start, tf.end),
                        layer: li,
                        loose: true,
                        value,
                        clitic,
                        suffix: false,
                    },
                );
            }
            let Some((addr, o)) = ls.ext else {
                continue;
            };
            let Some(layer) = self.lx.layers().nth(li) else {
                continue;
            };
            let fst = layer.loose.as_fst();
            let mut node = fst.node(addr);
            let mut out = Output::new(o);
            let mut surface = w[ls.plen as usize..].to_string();
            let mut j = i + 1;
            while j < self.tokens.len() && j < i + MAX_TOKENS && self.is_word(j) && self.adjacent(j)
            {
                let Some((n1, o1)) = feed(fst, node, out, b" ") else {
                    break;
                };
                let sk = self.skel(j).to_string();
                let Some((n2, o2)) = feed(fst, n1, o1, sk.as_bytes()) else {
                    break;
                };
                node = n2;
                out = o2;
                surface.push(' ');
                surface.push_str(self.tok(j));
                if let Some(value) = verified(fst, node, out, &surface) {
                    consider(
                        best,
                        Hit {
                            first: i,
                            last: j + 1,
                            fspan: (start, self.tokens[j].folded.end),
                            layer: li,
                            loose: true,
                            value,
                            clitic,
                            suffix: false,
                        },
                    );
                }
                j += 1;
            }
        }
    }
}
/// Loose keys are stored as `skeleton \x01 original`. After the skeleton, enumerate the originals
/// and keep the first whose spelling is within reach of the surface: per word at most one vowel
/// letter inserted, deleted or swapped (ا و ي), and only in words of six letters or more.
fn verified<'f>(
    fst: &'f Fst<impl AsRef<[u8]>>,
    node: Node<'f>,
    out: Output,
    surface: &str,
) -> Option<u64> {
    let (node, out) = feed(fst, node, out, &[1])?;
    let mut found = None;
    let mut buf = Vec::new();
    completions(fst, node, out, &mut buf, &mut |orig, v| {
        if found.is_none() && close_spelling(surface, orig) {
            found = Some(v);
        }
    });
    found
}

fn completions<'f>(
    fst: &'f Fst<impl AsRef<[u8]>>,
    node: Node<'f>,
    out: Output,
    buf: &mut Vec<u8>,
    f: &mut dyn FnMut(&str, u64),
) {
    if node.is_final() {
        f(
            std::str::from_utf8(buf).unwrap_or(""),
            out.cat(node.final_output()).value(),
        );
    }
    for t in node.transitions() {
        buf.push(t.inp);
        completions(fst, fst.node(t.addr), out.cat(t.out), buf, f);
        buf.pop();
    }
}

fn vowel(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي' | 'ء' | 'ئ' | 'ؤ')
}

fn norm_letters(w: &str) -> Vec<char> {
    let mut v: Vec<char> = Vec::with_capacity(w.len() / 2);
    let mut it = w.chars().peekable();
    while let Some(c) = it.next() {
        let c = match c {
            'غ' | 'ق' => 'ج',
            'ت' if it.peek() == Some(&'ش') => continue,
            c => c,
        };
        if v.last() == Some(&c) && !vowel(c) {
            continue;
        }
        v.push(c);
    }
    v
}

/// Vowel-only edit distance between two words (consonants must align), capped at 2.
fn vowel_edits(a: &[char], b: &[char]) -> usize {
    const INF: usize = 99;
    let mut prev: Vec<usize> = (0..=b.len())
        .map(|j| {
            if b[..j].iter().all(|&c| vowel(c)) {
                j
            } else {
                INF
            }
        })
        .collect();
    let mut cur = vec![INF; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = if vowel(a[i - 1]) {
            prev[0].saturating_add(1).min(INF)
        } else {
            INF
        };
        for j in 1..=b.len() {
            let (x, y) = (a[i - 1], b[j - 1]);
            let sub = if x == y {
                prev[j - 1]
            } else if vowel(x) && vowel(y) {
                prev[j - 1] + 1
            } else {
                INF
            };
            let del = if vowel(x) { prev[j] + 1 } else { INF };
            let ins = if vowel(y) { cur[j - 1] + 1 } else { INF };
            cur[j] = sub.min(del).min(ins).min(INF);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(2)
}

fn close_spelling(surface: &str, orig: &str) -> bool {
    let (sw, ow): (Vec<&str>, Vec<&str>) =
        (surface.split(' ').collect(), orig.split(' ').collect());
    sw.len() == ow.len()
        && sw.iter().zip(&ow).all(|(s, o)| {
            let (s, o) = (norm_letters(s), norm_letters(o));
            match vowel_edits(&s, &o) {
                0 => true,
                1 => o.len() >= 6,
                _ => false,
            }
        })
}

fn consider(best: &mut Option<Hit>, h: Hit) {
    if best.as_ref().is_none_or(|b| h.rank() > b.rank()) {
        *best = Some(h);
    }
}

fn date_num(d: Date) -> u32 {
    d.year() as u32 * 10000 + d.month() as u32 * 100 + d.day() as u32
}

/// A resolved match, before titles and partial names are composed.
#[derive(Clone)]
struct Item {
    first: usize,
    last: usize,
    fspan: (usize, usize),
    m: Mention,
    /// Office of a title match.
    title: Option<Office>,
    /// State/IGO named inside a title (المستشار الألماني، المتحدث باسم الكرملين).
    title_code: Option<String>,
}

/// Choose the entry among a key's postings.
fn choose(
    lx: &Lexicon,
    layer: usize,
    loose: bool,
    value: u64,
    date: Option<Date>,
) -> Option<(&Entry, u8)> {
    let l = lx.layers().nth(layer)?;
    let post = if loose { &l.lpost } else { &l.post };
    let mut best: Option<(&Entry, u8, (u8, u8, u32))> = None;
    let d = date.map(date_num);
    for p in Layer::postings(post, value) {
        let Some(e) = lx.entry(EntryId(p >> 8)) else {
            continue;
        };
        let h = (p & 0xff) as u8;
        // Kind preference: states, IGOs, organisations, people, regions, cities; titles last.
        let kp = if e.is_title {
            0
        } else {
            match e.kind {
                EntityKind::Country => 7,
                EntityKind::Igo => 6,
                EntityKind::Organization => 5,
                EntityKind::Person => 4,
                EntityKind::Region => 3,
                EntityKind::City => 2,
                _ => 1,
            }
        };
        // People: the term covering the date, else the latest term.
        let tp = match (e.kind, d) {
            (EntityKind::Person, Some(_)) if date.is_some_and(|dd| e.in_term(dd)) => 2,
            _ => u8::from(e.to.is_none()),
        };
        let score = (kp, tp, e.from.map_or(0, date_num).max(e.population));
        if best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((e, h, score));
        }
    }
    // A metonym posting of a city key: keep the city, mark it as metonym.
    best.map(|(e, h, _)| (e, h))
}

fn to_item(lx: &Lexicon, ctx: &Ctx<'_>, h: &Hit, date: Option<Date>) -> Option<Item> {
    let (e, kh) = choose(lx, h.layer, h.loose, h.value, date)?;
    // Names take no possessive pronoun: قصورها is "its palaces", not the town of Kasur.
    if h.suffix
        && !e.is_title
        && matches!(
            e.kind,
            EntityKind::Person
                | EntityKind::City
                | EntityKind::Region
                | EntityKind::Location
                | EntityKind::Country
        )
    {
        return None;
    }
    let source = ctx.folded.source_range(h.fspan.0..h.fspan.1);
    let mut how = if h.loose {
        MatchHow::Variant
    } else if h.clitic {
        MatchHow::Clitic
    } else {
        MatchHow::Exact
    };
    let mut kind = e.kind;
    if kh == key_how::NISBA {
        how = MatchHow::Nisba;
        kind = EntityKind::Nationality;
    } else if kh == key_how::METONYM {
        how = MatchHow::Metonym;
    } else if kh == key_how::VARIANT && how == MatchHow::Exact {
        how = MatchHow::Variant;
    }
    let mut name = e.name.clone();
    let mut code = e.code.clone();
    let mut office = e.office;
    // A person: take the name and office of the term covering the date.
    if e.kind == EntityKind::Person && !e.is_title {
        if let Some(d) = date {
            if !e.in_term(d) {
                if let Some(t) = lx.term_at(&e.name, d) {
                    office = t.office;
                    code = t.code.clone();
                }
            }
        }
        name = e.name.clone();
    }
    let title = if e.is_title { e.office } else { None };
    if e.is_title {
        office = e.office;
        code = None;
    }
    Some(Item {
        first: h.first,
        last: h.last,
        fspan: h.fspan,
        m: Mention {
            source,
            kind,
            name,
            code,
            office,
            how,
            entry: Some(e.id),
            org_kind: (!e.subkind.is_empty() && e.kind == EntityKind::Organization)
                .then(|| e.subkind.clone()),
            unnamed: false,
            in_title: false,
        },
        title,
        title_code: None,
    })
}

/// The state or IGO named inside a title's own words.
fn inner_code(lx: &Lexicon, ctx: &mut Ctx<'_>, it: &Item, date: Option<Date>) -> Option<String> {
    for t in it.first + 1..it.last {
        if !ctx.is_word(t) {
            continue;
        }
        let mut best = None;
        ctx.exact_at(t, &mut best);
        let Some(h) = best.filter(|h| h.last <= it.last) else {
            continue;
        };
        let Some(x) = to_item(lx, ctx, &h, date) else {
            continue;
        };
        if x.title.is_none() && x.m.code.is_some() && x.m.is_actor() {
            return x.m.code;
        }
    }
    None
}

mod not_names;
use not_names::listed_not_name;
#[cfg(test)]
use not_names::{add_trigger_verbs, not_name, NOT_NAMES};

/// True when token `j` may be (part of) an unknown person's name after a title.
/// «و» + a word with a possessive pronoun (وفشله، وحكومتها): a new conjunct after a name,
/// never a further word of it (names take no possessive suffix).
fn conjunct_with_pronoun(ctx: &Ctx<'_>, j: usize) -> bool {
    let src = &ctx.text[ctx.tokens[j].source.clone()];
    src.starts_with('و')
        && src.chars().count() >= 4
        && ["ه", "ها", "هم", "هما", "هن", "كم"]
            .iter()
            .any(|p| src.ends_with(p))
}

fn name_like(ctx: &Ctx<'_>, j: usize) -> bool {
    let w = ctx.tok(j);
    // Tanween (اجتماعاً، هاتفياً، قراراً): an indefinite noun or adverb; names carry none.
    let src = &ctx.text[ctx.tokens[j].source.clone()];
    if src.contains(['\u{064B}', '\u{064C}', '\u{064D}']) {
        return false;
    }
    // ب/ل + a word in ة (folded ه) is a prepositional phrase (بمناسبة، لزيارة), not a name.
    if (w.starts_with('ب') || w.starts_with('ل')) && w.ends_with('ه') && w.chars().count() >= 5 {
        return false;
    }
    // A clitic before the article (للشؤون، بالتصدي، والمرشح) makes a common noun. A stem of two
    // letters is let through: foreign names read the same way (والتر، بالمر، كالفن).
    if hadath_text::segmentations(w)
        .iter()
        .any(|r| r.article && r.prefix != "ال" && r.stem.chars().nth(2).is_some())
    {
        return false;
    }
    w.chars().count() >= 2
        && !w.starts_with("ال")
        && !crate::compile::is_stopword(w)
        && !listed_not_name(w)
}

pub(crate) fn find(
    lx: &Lexicon,
    text: &str,
    folded: &Folded,
    tokens: &[Token],
    date: Option<Date>,
) -> Vec<Mention> {
    let (starts, ids) = Starts::of(lx, folded.text(), tokens);
    let ctx = Ctx {
        lx,
        text,
        folded,
        tokens,
        ft: folded.text(),
        ids: &ids,
        starts: &starts,
        skel: Vec::new(),
    };
    find_in(ctx, date)
}

fn find_in(mut ctx: Ctx<'_>, date: Option<Date>) -> Vec<Mention> {
    let (lx, tokens, folded, text) = (ctx.lx, ctx.tokens, ctx.folded, ctx.text);
    // 1. Greedy left-to-right longest match.
    let mut items: Vec<Item> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Words none of whose readings starts a key, exact or loose.
        if ctx.info(i).is_none_or(WordInfo::dead) {
            i += 1;
            continue;
        }
        let mut best: Option<Hit> = None;
        ctx.exact_at(i, &mut best);
        if best.as_ref().is_none_or(|b| b.last - b.first == 1) {
            let exact = best.clone();
            ctx.loose_at(i, &mut best);
            // Exact beats loose: a loose hit gives way when an exact key starting inside it
            // reaches beyond it (منطقة ناغورني كاراباخ).
            if let Some(b) = best.as_ref().filter(|b| b.loose && b.last - b.first > 1) {
                let (first, last) = (b.first, b.last);
                for t in first + 1..last {
                    let mut inner = None;
                    ctx.exact_at(t, &mut inner);
                    if inner.is_some_and(|h| h.last > last) {
                        best = exact;
                        break;
                    }
                }
            }
        }
        match best.and_then(|h| to_item(lx, &ctx, &h, date)) {
            Some(mut it) => {
                if it.title.is_some() {
                    it.title_code = inner_code(lx, &mut ctx, &it, date);
                }
                i = it.last;
                items.push(it);
            }
            None => i += 1,
        }
    }
    // 2. Titles: title + nationality/state (+ name).
    let mut out: Vec<Mention> = Vec::with_capacity(items.len());
    let mut k = 0;
    let mut extra_names: Vec<(usize, usize, Mention)> = Vec::new();
    while k < items.len() {
        let it = &items[k];
        let Some(office) = it.title else {
            out.push(it.m.clone());
            k += 1;
            continue;
        };
        // Nationality, state or IGO right after the title.
        let nat = items
            .get(k + 1)
            .filter(|n| n.first == it.last && n.title.is_none())
            .filter(|n| {
                matches!(
                    n.m.kind,
                    EntityKind::Nationality | EntityKind::Country | EntityKind::Igo
                ) || n.m.how == MatchHow::Metonym
            });
        // A state named in the title is a name of its own, though the title's mention is the
        // actor that carries its code: pushed wherever the title consumes it.
        let state_in_title = nat
            .filter(|n| n.m.kind == EntityKind::Country)
            .map(|n| Mention {
                in_title: true,
                ..n.m.clone()
            });
        let (code_end, code, skip) = match nat {
            Some(n) => (n.last, n.m.code.clone(), 2),
            None => (it.last, it.title_code.clone(), 1),
        };
        // An appositive comma may sit between the title and the name.
        let name_start = if code_end < tokens.len() && ctx.tok(code_end) == "," {
            code_end + 1
        } else {
            code_end
        };
        // A known person right after: give them the office.
        if let Some(p) = items.get(k + skip).filter(|p| {
            (p.first == code_end || p.first == name_start)
                && p.m.kind == EntityKind::Person
                && p.title.is_none()
        }) {
            let mut m = p.m.clone();
            if m.office.is_none() {
                m.office = Some(office);
            }
            out.extend(state_in_title);
            out.push(m);
            k += skip + 1;
            continue;
        }
        let Some(code) = code else {
            k += 1;
            continue;
        };
        // An unknown name: up to three name-like words not matched by anything.
        // Two words, more after short particles (جان إيف لو دريان), at most four.
        // A one-word town right after the first name word is read as part of the name.
        let mut swallowed = 0;
        let mut j = name_start;
        loop {
            let next = items.get(k + skip + swallowed);
            let free = next.is_none_or(|x| j < x.first);
            let town = next.is_some_and(|x| {
                x.first == j
                    && x.last == j + 1
                    && j > name_start
                    && matches!(x.m.kind, EntityKind::City | EntityKind::Region)
                    && x.m.how == MatchHow::Exact
            });
            let ok = j < tokens.len()
                && j < name_start + 4
                && (j < name_start + 2 || ctx.tok(j - 1).chars().count() <= 3)
                && (free || town)
                && tokens[j].kind == TokenKind::Arabic
                && (j == name_start || (ctx.adjacent(j) && !conjunct_with_pronoun(&ctx, j)))
                && name_like(&ctx, j);
            if !ok {
                break;
            }
            if town {
                swallowed += 1;
            }
            j += 1;
        }
        if j > name_start {
            let fs = (tokens[name_start].folded.start, tokens[j - 1].folded.end);
            let source = folded.source_range(fs.0..fs.1);
            let m = Mention {
                source,
                kind: EntityKind::Person,
                name: text[folded.source_range(fs.0..fs.1)].to_string(),
                code: Some(code),
                office: Some(office),
                how: MatchHow::Title,
                entry: None,
                org_kind: None,
                unnamed: false,
                in_title: false,
            };
            extra_names.push((name_start, j, m.clone()));
            out.extend(state_in_title);
            out.push(m);
            k += skip + swallowed;
            continue;
        }
        // No name: the office holder for the date ("other" and envoys have many holders).
        let holder = match date {
            _ if matches!(office, Office::Other | Office::Envoy) => None,
            Some(d) => lx.office_holder(&code, office, d),
            None => lx.holder_undated(&code, office),
        };
        let fs = (it.fspan.0, nat.map_or(it.fspan.1, |n| n.fspan.1));
        let source = folded.source_range(fs.0..fs.1);
        if holder.is_some() || office != Office::Other {
            out.extend(state_in_title);
        }
        match holder {
            Some(h) => out.push(Mention {
                source,
                kind: EntityKind::Person,
                name: h.name.clone(),
                code: h.code.clone(),
                office: Some(office),
                how: MatchHow::Title,
                entry: Some(h.id),
                org_kind: None,
                unnamed: true,
                in_title: false,
            }),
            None if office != Office::Other => {
                let state = lx.state_name(&code).unwrap_or(&code).to_string();
                out.push(Mention {
                    source,
                    kind: EntityKind::Person,
                    name: format!("{} of {}", office.label(), state),
                    code: Some(code),
                    office: Some(office),
                    how: MatchHow::Title,
                    entry: None,
                    org_kind: None,
                    unnamed: true,
                    in_title: false,
                });
            }
            None => {
                if let Some(n) = nat {
                    out.push(n.m.clone());
                }
            }
        }
        k += skip;
    }
    // 3. Partial names: the last word of a multi-word person mention, alone later on.
    partial_names(&mut ctx, &items, &extra_names, &mut out);
    out.sort_by_key(|m| (m.source.start, m.source.end));
    out
}

fn partial_names(
    ctx: &mut Ctx<'_>,
    items: &[Item],
    extra: &[(usize, usize, Mention)],
    out: &mut Vec<Mention>,
) {
    // Full mentions: (first token, last token excl., mention).
    let mut fulls: Vec<(usize, usize, &Mention)> = Vec::new();
    for it in items {
        if it.m.kind == EntityKind::Person && it.title.is_none() && it.last - it.first >= 2 {
            fulls.push((it.first, it.last, &it.m));
        }
    }
    for (a, b, m) in extra {
        if b - a >= 1 {
            fulls.push((*a, *b, m));
        }
    }
    if fulls.is_empty() {
        return;
    }
    fulls.sort_by_key(|x| x.0);
    // Per token: None = free; Some(Some(src)) = a one-word place (a later surname overrides it:
    // the document's person beats the gazetteer's town); Some(None) = taken.
    let mut covered: Vec<Option<Option<std::ops::Range<usize>>>> = vec![None; ctx.tokens.len()];
    for it in items {
        let place = it.last - it.first == 1
            && matches!(
                it.m.kind,
                EntityKind::City | EntityKind::Region | EntityKind::Location
            )
            && it.m.how != MatchHow::Metonym;
        for c in &mut covered[it.first..it.last] {
            *c = Some(place.then(|| it.m.source.clone()));
        }
    }
    for (a, b, _) in extra {
        for c in &mut covered[*a..*b] {
            *c = Some(None);
        }
    }
    let mut drop = Vec::new();
    let mut surnames: HashMap<&str, &Mention, BuildHasherDefault<Fx>> = HashMap::default();
    let mut fi = 0;
    let mut add = Vec::new();
    #[allow(clippy::needless_range_loop)]
    for t in 0..ctx.tokens.len() {
        while fi < fulls.len() && fulls[fi].1 <= t {
            let (a, b, m) = fulls[fi];
            if b - a >= 2 || m.how == MatchHow::Title {
                let s = ctx.tok(b - 1);
                if s.chars().count() >= 3 && !crate::compile::is_stopword(s) {
                    surnames.insert(s, m);
                }
            }
            fi += 1;
        }
        if matches!(covered[t], Some(None))
            || surnames.is_empty()
            || ctx.tokens[t].kind != TokenKind::Arabic
        {
            continue;
        }
        let w = ctx.tok(t);
        let Some(info) = ctx.info(t) else {
            continue;
        };
        for &plen in info.plain() {
            let plen = plen as usize;
            if let Some(m) = surnames.get(&w[plen..]) {
                let f = &ctx.tokens[t].folded;
                let source = ctx.folded.source_range(f.start + plen..f.end);
                add.push(Mention {
                    source,
                    how: MatchHow::Partial,
                    unnamed: false,
                    in_title: false,
                    ..(*m).clone()
                });
                if let Some(Some(place)) = &covered[t] {
                    drop.push(place.clone());
                }
                break;
            }
        }
    }
    if !drop.is_empty() {
        out.retain(|m| !drop.contains(&m.source) || m.kind == EntityKind::Person);
    }
    out.extend(add);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the stop-word file has a known class and words.
    #[test]
    fn not_names_file_rows_are_read() {
        let tsv = include_str!("../../../data/kb/not-names.tsv");
        let mut lines = tsv.lines().filter(|l| !l.starts_with('#'));
        assert_eq!(lines.next(), Some("class\twords_ar"));
        for l in lines.filter(|l| !l.trim().is_empty()) {
            let (class, words) = l.split_once('\t').expect("two columns");
            assert!(
                ["function", "verb", "noun", "month", "nisba"].contains(&class),
                "unknown class {class:?}"
            );
            assert!(words.split('|').all(|w| !w.trim().is_empty()), "{l}");
        }
        assert!(NOT_NAMES.len() > 300);
    }

    #[test]
    fn trigger_verbs_are_no_names_but_given_names_stay() {
        let mut m = HashMap::new();
        add_trigger_verbs(
            &mut m,
            "# c\ncategory\tmode\tpos\troles\tforms\texample\n\
             ACCUSE\t-\tverb\tactive\tاستنكر|يستنكر|صادق\tx\n\
             ACCUSE\t-\tnoun\tactive\tاستنكار\tx\n",
            "# names\nصادق سامي\n",
        );
        assert_eq!(m.get("يستنكر"), Some(&not_name::VERB));
        assert!(!m.contains_key("صادق"), "a given name stays a name");
        assert!(!m.contains_key("استنكار"), "nouns are not verbs");
        assert!(listed_not_name("يستنكر"));
        assert!(listed_not_name("وتستنكر"));
    }

    #[test]
    fn listed_words_and_their_clitic_forms() {
        let listed = |w: &str| listed_not_name(&hadath_text::fold(w));
        for w in [
            "وفي",
            "وذلك",
            "بأن",
            "لأنه",
            "عليه",
            "وهنا",
            "سيزور",
            "استقبله",
            "رسالته",
            "للشؤون",
            "بذكرى",
            "أيار",
            "دولية",
            "دبلوماسيين",
            "والإقليمي",
        ] {
            assert!(listed(w), "{w}");
        }
        for w in [
            "فيصل",
            "فان",
            "باو",
            "منى",
            "والتر",
            "ذكير",
            "خسنوف",
            "لي",
            "بن",
        ] {
            assert!(!listed(w), "{w}");
        }
    }
}

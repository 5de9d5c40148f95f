//! Averaged structured perceptron training (Collins 2002) with Viterbi decoding under BIO
//! constraints, feature dropout, and optional bagging (several runs with different shuffles,
//! weights averaged). Deterministic: fixed seeds shuffle the sentences each epoch.

use crate::corpus::Example;
use crate::doc::doc_codes;
use crate::features::{extract, FeatureBuf};
use crate::hash::combine;
use crate::memory::NameMemory;
use crate::model::{key_of, NerModel, FLAG_DOC, FLAG_GAZETTEER};
use crate::{viterbi, Gazetteer, NT};
use std::collections::HashMap;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training examples in each run.
    pub epochs: usize,
    /// Seed of the sentence shuffles of the first run (run `i` uses `seed + i`).
    pub seed: u64,
    /// Features seen fewer times than this in training are dropped from the model.
    pub min_count: u32,
    /// Averaged weights with |w| below this are dropped.
    pub prune: f32,
    /// Probability of hiding each feature occurrence from one training step (dropout), which
    /// keeps the model from leaning on word identity alone.
    pub dropout: f32,
    /// Number of runs (seeds `seed`, `seed + 1`, …) whose weights are averaged.
    pub bags: usize,
    /// Jackknife folds for the name-memory feature (0: no name memory).
    pub memory_folds: usize,
    /// Subtracted from the score of every O tag after training (folded into the transitions):
    /// trades precision for recall, tuned on the dev split.
    pub o_penalty: f32,
    /// "Frustratingly easy" domain adaptation (Daumé 2007), one-sided: every feature of an
    /// example from another domain (domain id ≠ 0) also fires as a copy private to that domain.
    /// The copies soak up that domain's conventions and are left out of the model, which keeps
    /// only the shared weights (so tagging costs nothing more).
    pub domain_copies: bool,
    /// Document-consistency features (`crate::doc`) over this many sentences either side
    /// (0: off).
    pub doc_window: usize,
    /// Jackknife folds for the first-pass tags that the document codes are computed from.
    pub doc_folds: usize,
    /// Bags of each jackknife model.
    pub doc_bags: usize,
    /// Epochs of the document-feature perceptron.
    pub doc_epochs: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 25,
            seed: 0x4841_4441_5448,
            min_count: 1,
            prune: 1.0,
            dropout: 0.2,
            bags: 4,
            o_penalty: 4.0,
            memory_folds: 0,
            domain_copies: true,
            doc_window: 0,
            doc_folds: 5,
            doc_bags: 2,
            doc_epochs: 2,
        }
    }
}

struct Prepared {
    feats: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
}

/// Salt of the private domain copies of features.
const DOMAIN_SALT: u64 = 0xD0_3A1E_5EED;

type Trans = [[f32; NT]; NT + 1];

/// Train a model on `examples`; `info` is stored in the model header. With `gaz`, gazetteer
/// features are used, and the model is then best run with [`NerModel::tag_with`].
/// `progress` is called after every epoch with (epoch, mistakes made in it).
pub fn train(
    examples: &[Example],
    cfg: &TrainConfig,
    gaz: Option<&dyn Gazetteer>,
    info: String,
    progress: impl FnMut(usize, usize),
) -> NerModel {
    train_domains(examples, &[], cfg, gaz, info, progress)
}

/// [`train`] with a domain id per example (`domains[i]`, 0 when absent: the target domain,
/// ANERcorp). See [`TrainConfig::domain_copies`].
pub fn train_domains(
    examples: &[Example],
    domains: &[u8],
    cfg: &TrainConfig,
    gaz: Option<&dyn Gazetteer>,
    info: String,
    mut progress: impl FnMut(usize, usize),
) -> NerModel {
    let mut index: HashMap<u32, u32> = HashMap::new();
    let mut counts: Vec<u32> = Vec::new();
    // Feature ids that are private domain copies (never stored in the model).
    let mut private: Vec<bool> = Vec::new();
    let mut buf = FeatureBuf::default();
    let mut data = Vec::with_capacity(examples.len());
    // Name memory, jackknifed over contiguous folds (articles stay within a fold).
    let folds = cfg.memory_folds;
    let fold_of = |i: usize| {
        if folds == 0 {
            0
        } else {
            i * folds / examples.len().max(1)
        }
    };
    let fold_mem: Vec<NameMemory> = (0..folds)
        .map(|f| {
            NameMemory::build(
                examples
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| fold_of(*i) != f)
                    .map(|(_, e)| e),
            )
        })
        .collect();
    for (i, ex) in examples.iter().enumerate() {
        extract(
            &ex.folded,
            &ex.tokens,
            gaz,
            fold_mem.get(fold_of(i)),
            None,
            &mut buf,
        );
        let domain = domains.get(i).copied().unwrap_or(0);
        let copies = cfg.domain_copies && domain != 0;
        let mut feats = Vec::with_capacity(buf.feats.len() * if copies { 2 } else { 1 });
        let mut starts = Vec::with_capacity(buf.starts.len());
        let mut intern = |h: u64, is_private: bool| {
            let n = index.len() as u32;
            let id = *index.entry(key_of(h)).or_insert(n);
            if id == n {
                counts.push(0);
                private.push(is_private);
            }
            counts[id as usize] += 1;
            id
        };
        for t in 0..buf.len() {
            starts.push(feats.len() as u32);
            for &h in buf.token(t) {
                feats.push(intern(h, false));
                if copies {
                    feats.push(intern(combine(DOMAIN_SALT ^ h, domain as u64), true));
                }
            }
        }
        starts.push(feats.len() as u32);
        data.push(Prepared {
            feats,
            starts,
            gold: ex.tags.clone(),
        });
    }
    let nf = index.len();
    let bags = cfg.bags.max(1);
    let mut sum_w = vec![[0f32; NT]; nf];
    let mut sum_t: Trans = [[0f32; NT]; NT + 1];
    for b in 0..bags {
        let (w, t) = train_once(
            &data,
            nf,
            cfg,
            cfg.seed.wrapping_add(b as u64),
            &mut progress,
        );
        for (s, r) in sum_w.iter_mut().zip(&w) {
            for k in 0..NT {
                s[k] += r[k] / bags as f32;
            }
        }
        for (s, r) in sum_t.iter_mut().zip(&t) {
            for k in 0..NT {
                s[k] += r[k] / bags as f32;
            }
        }
    }
    let mut keys = vec![0u32; nf];
    for (k, id) in &index {
        keys[*id as usize] = *k;
    }
    let mut weights = Vec::with_capacity(nf);
    for id in 0..nf {
        if counts[id] < cfg.min_count || private[id] {
            continue;
        }
        let row = sum_w[id].map(|x| if x.abs() < cfg.prune { 0.0 } else { x });
        if row.iter().any(|&x| x != 0.0) {
            weights.push((keys[id], row));
        }
    }
    for row in sum_t.iter_mut() {
        row[0] -= cfg.o_penalty;
    }
    if cfg.doc_window > 0 {
        weights.extend(doc_layer(examples, domains, cfg, gaz, &sum_t));
    }
    let mut flags = if gaz.is_some() { FLAG_GAZETTEER } else { 0 };
    if cfg.doc_window > 0 {
        flags |= FLAG_DOC | (cfg.doc_window.min(255) as u32) << 8;
    }
    let memory = if folds > 0 {
        Some(NameMemory::build(examples))
    } else {
        None
    };
    NerModel::from_weights(&weights, sum_t, flags, info).with_memory(memory)
}

/// One averaged-perceptron run: averaged feature weights by feature id, and transitions.
fn train_once(
    data: &[Prepared],
    nf: usize,
    cfg: &TrainConfig,
    seed: u64,
    progress: &mut impl FnMut(usize, usize),
) -> (Vec<[f32; NT]>, Trans) {
    let mut w = vec![[0f32; NT]; nf];
    let mut acc = vec![[0f64; NT]; nf];
    let mut tw: Trans = [[0f32; NT]; NT + 1];
    let mut tacc = [[0f64; NT]; NT + 1];
    let mut c: f64 = 1.0;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = seed | 1;
    let mut em: Vec<[f32; NT]> = Vec::new();
    let mut back = Vec::new();
    let mut pred = Vec::new();
    let mut active: Vec<u32> = Vec::new();
    let mut astarts: Vec<u32> = Vec::new();
    let thresh = (cfg.dropout.clamp(0.0, 1.0) as f64 * u32::MAX as f64) as u32;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    for epoch in 0..cfg.epochs {
        // Fisher-Yates with xorshift64.
        for i in (1..order.len()).rev() {
            order.swap(i, (next() % (i as u64 + 1)) as usize);
        }
        let mut mistakes = 0;
        for &k in &order {
            let d = &data[k];
            let n = d.gold.len();
            active.clear();
            astarts.clear();
            for i in 0..n {
                astarts.push(active.len() as u32);
                for &f in &d.feats[d.starts[i] as usize..d.starts[i + 1] as usize] {
                    if thresh > 0 && ((next() >> 32) as u32) < thresh {
                        continue;
                    }
                    active.push(f);
                }
            }
            astarts.push(active.len() as u32);
            em.clear();
            for i in 0..n {
                let mut e = [0f32; NT];
                for &f in &active[astarts[i] as usize..astarts[i + 1] as usize] {
                    let r = &w[f as usize];
                    for t in 0..NT {
                        e[t] += r[t];
                    }
                }
                em.push(e);
            }
            viterbi(&em, &tw, &mut back, &mut pred);
            if pred != d.gold {
                for i in 0..n {
                    let (g, p) = (d.gold[i] as usize, pred[i] as usize);
                    if g != p {
                        mistakes += 1;
                        for &f in &active[astarts[i] as usize..astarts[i + 1] as usize] {
                            let f = f as usize;
                            w[f][g] += 1.0;
                            w[f][p] -= 1.0;
                            acc[f][g] += c;
                            acc[f][p] -= c;
                        }
                    }
                    let gp = if i == 0 { NT } else { d.gold[i - 1] as usize };
                    let pp = if i == 0 { NT } else { pred[i - 1] as usize };
                    if (gp, g) != (pp, p) {
                        tw[gp][g] += 1.0;
                        tw[pp][p] -= 1.0;
                        tacc[gp][g] += c;
                        tacc[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        progress(epoch + 1, mistakes);
    }
    // Averaged weights: w - acc / c.
    let avg = (0..nf)
        .map(|id| std::array::from_fn(|t| (w[id][t] as f64 - acc[id][t] / c) as f32))
        .collect();
    let trans =
        std::array::from_fn(|p| std::array::from_fn(|t| (tw[p][t] as f64 - tacc[p][t] / c) as f32));
    (avg, trans)
}

/// The document-consistency layer (`crate::doc`), stacked on the sentence model: weights of
/// the document features only, learned on top of fixed sentence scores. Every fold of
/// `cfg.doc_folds` contiguous folds is tagged by a sentence model trained on the other folds;
/// its tags give the document codes, and its emission scores are the fixed part. The
/// perceptron then learns what the codes add (with `trans`, the sentence model's transitions).
/// [`NerModel::tag`] never reads these features, so it tags exactly as the sentence model.
fn doc_layer(
    examples: &[Example],
    domains: &[u8],
    cfg: &TrainConfig,
    gaz: Option<&dyn Gazetteer>,
    trans: &Trans,
) -> Vec<(u32, [f32; NT])> {
    let k = cfg.doc_folds.max(2);
    let n = examples.len();
    let sub_cfg = TrainConfig {
        doc_window: 0,
        bags: cfg.doc_bags.max(1),
        ..cfg.clone()
    };
    let mut tags = vec![Vec::new(); n];
    let mut keys = vec![Vec::new(); n];
    let mut ems: Vec<Vec<[f32; NT]>> = vec![Vec::new(); n];
    for f in 0..k {
        let (a, b) = (f * n / k, (f + 1) * n / k);
        let mut sub: Vec<Example> = examples[..a].to_vec();
        sub.extend_from_slice(&examples[b..]);
        let d = |i: usize| domains.get(i).copied().unwrap_or(0);
        let sub_dom: Vec<u8> = (0..a).chain(b..n).map(d).collect();
        let m = train_domains(&sub, &sub_dom, &sub_cfg, gaz, String::new(), |_, _| {});
        for i in a..b {
            let (t, ky, em) = m.first_pass(&examples[i].folded, &examples[i].tokens, gaz);
            tags[i] = t;
            keys[i] = ky;
            ems[i] = em;
        }
    }
    let codes = doc_codes(&keys, &tags, cfg.doc_window);
    // The document features of every token, as ids.
    let mut index: HashMap<u32, u32> = HashMap::new();
    let mut buf = FeatureBuf::default();
    let mut data: Vec<(usize, Prepared)> = Vec::new();
    for (i, ex) in examples.iter().enumerate() {
        if codes[i].iter().all(|&c| c == 0) {
            continue;
        }
        extract(&ex.folded, &ex.tokens, gaz, None, Some(&codes[i]), &mut buf);
        let mut feats = Vec::new();
        let mut starts = Vec::new();
        for t in 0..buf.len() {
            starts.push(feats.len() as u32);
            let own = buf.token(t);
            let from = (buf.doc_starts[t] - buf.starts[t]) as usize;
            for &h in &own[from..] {
                let nid = index.len() as u32;
                feats.push(*index.entry(key_of(h)).or_insert(nid));
            }
        }
        starts.push(feats.len() as u32);
        let gold = ex.tags.clone();
        data.push((
            i,
            Prepared {
                feats,
                starts,
                gold,
            },
        ));
    }
    let nf = index.len();
    let mut w = vec![[0f32; NT]; nf];
    let mut acc = vec![[0f64; NT]; nf];
    let mut c = 1f64;
    let mut rng = cfg.seed | 1;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let (mut back, mut pred, mut em) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..cfg.doc_epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &o in &order {
            let (ei, d) = &data[o];
            em.clear();
            for (t, base) in ems[*ei].iter().enumerate() {
                let mut e = *base;
                for &f in &d.feats[d.starts[t] as usize..d.starts[t + 1] as usize] {
                    for (x, y) in e.iter_mut().zip(&w[f as usize]) {
                        *x += y;
                    }
                }
                em.push(e);
            }
            viterbi(&em, trans, &mut back, &mut pred);
            for (t, &p) in pred.iter().enumerate() {
                let (g, p) = (d.gold[t] as usize, p as usize);
                if g != p {
                    for &f in &d.feats[d.starts[t] as usize..d.starts[t + 1] as usize] {
                        let f = f as usize;
                        w[f][g] += 1.0;
                        w[f][p] -= 1.0;
                        acc[f][g] += c;
                        acc[f][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    let mut out = Vec::with_capacity(nf);
    for (&key, &id) in &index {
        let id = id as usize;
        let row: [f32; NT] = std::array::from_fn(|t| (w[id][t] as f64 - acc[id][t] / c) as f32);
        if row.iter().any(|&x| x.abs() >= cfg.prune.min(0.5)) {
            out.push((key, row));
        }
    }
    out.sort_unstable_by_key(|e| e.0);
    out
}

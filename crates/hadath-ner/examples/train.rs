//! Train the NER model on the ANERcorp train split (the I/O side of `hadath_ner::train`).
//!
//! ```text
//! cargo run --release -p hadath-ner --example train -- \
//!     ../shared/arabic-data/anercorp/ANERCorp.txt data/models/ner-anercorp.bin
//! ```
//! Options: `--dev` holds out the last 10% of the train sentences and reports F1 on them (for
//! feature choices; the test split is never looked at); `--cv K` does K-fold cross-validation
//! on the train split (pooled figures); `--epochs N`, `--min-count N`,
//! `--prune X` override the defaults.

use hadath_ner::{
    conll_split, read_conll, train, ConllSentence, Counts, Example, Gazetteer, NerKind, NerModel,
    Part, TrainConfig,
};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut cfg = TrainConfig::default();
    let mut dev = false;
    let mut no_misc = false;
    let mut use_gaz = false;
    let mut extra: Vec<String> = Vec::new();
    let mut errors = false;
    let mut cv = 0usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--dev" => dev = true,
            "--no-misc" => no_misc = true,
            "--gazetteer" => use_gaz = true,
            "--extra" => {
                i += 1;
                extra.push(args[i].clone());
            }
            "--errors" => errors = true,
            "--cv" => {
                i += 1;
                cv = args[i].parse().expect("--cv K");
            }
            "--epochs" => {
                i += 1;
                cfg.epochs = args[i].parse().expect("--epochs N");
            }
            "--min-count" => {
                i += 1;
                cfg.min_count = args[i].parse().expect("--min-count N");
            }
            "--o-penalty" => {
                i += 1;
                cfg.o_penalty = args[i].parse().expect("--o-penalty X");
            }
            "--memory-folds" => {
                i += 1;
                cfg.memory_folds = args[i].parse().expect("--memory-folds N");
            }
            "--bags" => {
                i += 1;
                cfg.bags = args[i].parse().expect("--bags N");
            }
            "--dropout" => {
                i += 1;
                cfg.dropout = args[i].parse().expect("--dropout X");
            }
            "--prune" => {
                i += 1;
                cfg.prune = args[i].parse().expect("--prune X");
            }
            a => pos.push(a.to_string()),
        }
        i += 1;
    }
    if pos.is_empty() {
        eprintln!(
            "usage: train ANERCorp.txt [OUT.bin] [--dev] [--epochs N] [--min-count N] [--prune X]"
        );
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&pos[0]).expect("read corpus");
    let sents = read_conll(&text);
    let train_part = conll_split(&sents, Part::Train);
    // Folds: (train, dev). `--cv K` trains K models, each holding out one contiguous K-th of the
    // train split, and reports the pooled dev counts; `--dev` holds out the last 10%.
    let nt = train_part.len();
    let folds: Vec<(Vec<ConllSentence>, Vec<ConllSentence>)> = if cv > 1 {
        (0..cv)
            .map(|f| {
                let (a, b) = (f * nt / cv, (f + 1) * nt / cv);
                let mut tr = train_part[..a].to_vec();
                tr.extend_from_slice(&train_part[b..]);
                (tr, train_part[a..b].to_vec())
            })
            .collect()
    } else if dev {
        let cut = nt * 9 / 10;
        vec![(train_part[..cut].to_vec(), train_part[cut..].to_vec())]
    } else {
        vec![(train_part.to_vec(), Vec::new())]
    };
    let dev = dev || cv > 1;
    let mut counts = Counts::default();
    let mut bytes = Vec::new();
    let mut n_dev = 0;
    for (train_sents, dev_sents) in &folds {
        let words: usize = train_sents.iter().map(Vec::len).sum();
        eprintln!(
            "{} sentences, {} corpus words in training",
            train_sents.len(),
            words
        );
        let mut examples: Vec<Example> = train_sents
            .iter()
            .map(|s| {
                if no_misc {
                    let s: Vec<(String, String)> = s
                        .iter()
                        .map(|(w, t)| {
                            (
                                w.clone(),
                                if t.contains("MISC") {
                                    "O".into()
                                } else {
                                    t.clone()
                                },
                            )
                        })
                        .collect();
                    Example::from_conll(&s)
                } else {
                    Example::from_conll(s)
                }
            })
            .collect();
        for path in &extra {
            let t = std::fs::read_to_string(path).expect("read extra corpus");
            let s = read_conll(&t);
            eprintln!("extra {path}: {} sentences", s.len());
            examples.extend(s.iter().map(|s| Example::from_conll(s)));
        }
        let info = format!(
        "hadath-ner averaged perceptron. Trained on ANERcorp (Benajiba, Rosso & Benedi Ruiz 2007; CC BY-SA 4.0 in CAMeL Lab's release), \
         train split of score.py (sentences holding the first 5/6 of the words{}: {} sentences, {} words). \
                  Command: cargo run --release -p hadath-ner --example train -- {}. \
         epochs={} seed={:#x} min_count={} prune={} dropout={} bags={} o_penalty={} memory_folds={}{}",
                if dev { ", less the last 10% held out as dev" } else { "" },
        train_sents.len(),
        words,
        args.iter()
            .map(|a| if a == &pos[0] { "ANERCorp.txt" } else { a.as_str() })
            .collect::<Vec<_>>()
            .join(" "),
        cfg.epochs,
        cfg.seed,
        cfg.min_count,
        cfg.prune,
                cfg.dropout,
                cfg.bags,
                cfg.o_penalty,
        cfg.memory_folds,
        if use_gaz { " gazetteer=hadath-lexicon (run with NerModel::tag_with)" } else { "" }
    );
        let t0 = Instant::now();
        let lexicon = hadath_lexicon::Lexicon::embedded();
        let gaz_fn = |w: &str| lexicon.gazetteer_flags(w);
        let gaz: Option<&dyn Gazetteer> = if use_gaz { Some(&gaz_fn) } else { None };
        let model = train(&examples, &cfg, gaz, info, |e, m| {
            eprintln!("epoch {e}: {m} token mistakes ({:.1?})", t0.elapsed())
        });
        eprintln!(
            "{} features, {} bytes",
            model.n_features(),
            model.to_bytes().len()
        );
        bytes = model.to_bytes();
        if !dev_sents.is_empty() {
            n_dev += dev_sents.len();
            let model = NerModel::from_bytes(&bytes).expect("reload");
            for s in dev_sents {
                let ex = Example::from_conll(s);
                let spans = match gaz {
                    Some(g) => model.tag_with(&ex.text, &ex.folded, &ex.tokens, g),
                    None => model.tag(&ex.text, &ex.folded, &ex.tokens),
                };
                let pred = ex.to_corpus_spans(&spans);
                if errors {
                    let w = |a: usize, b: usize| {
                        s[a..b]
                            .iter()
                            .map(|(w, _)| w.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    for g in &ex.gold {
                        if !pred.contains(g) {
                            let near = pred.iter().find(|p| p.0 < g.1 && p.1 > g.0);
                            let ctx = w(g.0.saturating_sub(3), g.0);
                            match near {
                                Some(p) => println!(
                                    "FN {} [{}] {} | got {} [{}]",
                                    g.2.as_str(),
                                    w(g.0, g.1),
                                    ctx,
                                    p.2.as_str(),
                                    w(p.0, p.1)
                                ),
                                None => {
                                    println!(
                                        "FN {} [{}] {} | missed",
                                        g.2.as_str(),
                                        w(g.0, g.1),
                                        ctx
                                    )
                                }
                            }
                        }
                    }
                    for p in &pred {
                        if !ex.gold.contains(p) && !ex.gold.iter().any(|g| p.0 < g.1 && p.1 > g.0) {
                            println!("FP {} [{}]", p.2.as_str(), w(p.0, p.1));
                        }
                    }
                }
                counts.add(&ex.gold, &pred);
            }
        }
    }
    if dev {
        let (p, r, f) = counts.prf(None);
        println!(
            "dev ({} sentences): P {:.4} R {:.4} F1 {:.4}",
            n_dev, p, r, f
        );
        for k in NerKind::ALL {
            let (p, r, f) = counts.prf(Some(k));
            println!("  {:4} P {:.4} R {:.4} F1 {:.4}", k.as_str(), p, r, f);
        }
    }
    if let Some(out) = pos.get(1) {
        std::fs::write(out, &bytes).expect("write model");
        eprintln!("wrote {out}");
    }
}

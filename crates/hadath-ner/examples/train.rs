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
    conll_split, read_conll, train_domains, ConllSentence, Counts, DocSentence, Example, Gazetteer,
    NerKind, NerModel, Part, TrainConfig,
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
            "--no-domain-copies" => cfg.domain_copies = false,
            "--doc" => {
                i += 1;
                cfg.doc_window = args[i].parse().expect("--doc WINDOW");
            }
            "--seed" => {
                i += 1;
                cfg.seed = args[i].parse().expect("--seed N");
            }
            "--doc-epochs" => {
                i += 1;
                cfg.doc_epochs = args[i].parse().expect("--doc-epochs N");
            }
            "--doc-bags" => {
                i += 1;
                cfg.doc_bags = args[i].parse().expect("--doc-bags N");
            }
            "--doc-folds" => {
                i += 1;
                cfg.doc_folds = args[i].parse().expect("--doc-folds N");
            }
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
    let mut counts_doc = Counts::default();
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
        let mut domains = vec![0u8; examples.len()];
        for (d, path) in extra.iter().enumerate() {
            let s = read_extra(path);
            eprintln!("extra {path}: {} sentences", s.len());
            examples.extend(s.iter().map(|s| Example::from_conll(s)));
            domains.resize(examples.len(), d as u8 + 1);
        }
        let info = format!(
        "hadath-ner averaged perceptron. Trained on ANERcorp (Benajiba, Rosso & Benedi Ruiz 2007; CC BY-SA 4.0 in CAMeL Lab's release), \
         train split of score.py (sentences holding the first 5/6 of the words{}: {} sentences, {} words). \
                  Command: cargo run --release -p hadath-ner --example train -- {}. \
         epochs={} seed={:#x} min_count={} prune={} dropout={} bags={} o_penalty={} memory_folds={} domain_copies={} doc_window={} doc_epochs={} doc_folds={} doc_bags={}{}{}",
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
        cfg.domain_copies,
        cfg.doc_window,
        cfg.doc_epochs,
        cfg.doc_folds,
        cfg.doc_bags,
        if extra.is_empty() { "" } else { EXTRA_ATTRIBUTION },
        if use_gaz { " gazetteer=hadath-lexicon (run with NerModel::tag_with)" } else { "" }
    );
        let t0 = Instant::now();
        let lexicon = hadath_lexicon::Lexicon::embedded();
        let gaz_fn = |w: &str| lexicon.gazetteer_flags(w);
        let gaz: Option<&dyn Gazetteer> = if use_gaz { Some(&gaz_fn) } else { None };
        let model = train_domains(&examples, &domains, &cfg, gaz, info, |e, m| {
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
            if model.doc_window().is_some() {
                let exs: Vec<Example> = dev_sents.iter().map(|s| Example::from_conll(s)).collect();
                let doc: Vec<DocSentence> = exs
                    .iter()
                    .map(|e| DocSentence {
                        text: &e.text,
                        folded: &e.folded,
                        tokens: &e.tokens,
                    })
                    .collect();
                for (e, spans) in exs.iter().zip(model.tag_document(&doc, gaz)) {
                    counts_doc.add(&e.gold, &e.to_corpus_spans(&spans));
                }
            }
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
        if cfg.doc_window > 0 {
            let (p, r, f) = counts_doc.prf(None);
            println!(
                "dev, tag_document (window {}): P {:.4} R {:.4} F1 {:.4}",
                cfg.doc_window, p, r, f
            );
            for k in NerKind::ALL {
                let (p, r, f) = counts_doc.prf(Some(k));
                println!("  {:4} P {:.4} R {:.4} F1 {:.4}", k.as_str(), p, r, f);
            }
        }
    }
    if let Some(out) = pos.get(1) {
        std::fs::write(out, &bytes).expect("write model");
        eprintln!("wrote {out}");
    }
}

/// Attribution of the extra training data (AQMAR is the only one documented in docs/ner.md).
const EXTRA_ATTRIBUTION: &str = " extra training data: AQMAR Arabic Wikipedia NER corpus \
     (Mohit, Schneider, Bhowmick, Oflazer & Smith, EACL 2012; CC BY-SA 3.0), PER -> PERS, MIS* -> MISC";

/// An extra CoNLL corpus: one file, or every `.txt` file of a directory (sorted by name,
/// `SOURCE.txt` and `README*` skipped), sentences split as in ANERcorp.
fn read_extra(path: &str) -> Vec<ConllSentence> {
    let p = std::path::Path::new(path);
    let mut files = Vec::new();
    if p.is_dir() {
        for e in std::fs::read_dir(p).expect("read extra directory") {
            let f = e.expect("directory entry").path();
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".txt") && name != "SOURCE.txt" && !name.starts_with("README") {
                files.push(f);
            }
        }
        files.sort();
    } else {
        files.push(p.to_path_buf());
    }
    files
        .iter()
        .flat_map(|f| read_conll(&std::fs::read_to_string(f).expect("read extra corpus")))
        .collect()
}

//! Training learns: a tiny synthetic corpus whose names follow cue words, tested on unseen names.

use hadath_ner::{read_conll, train, train_domains, Counts, Example, NerKind, TrainConfig};

const FIRST: &[&str] = &[
    "زاهر",
    "فادن",
    "كرمال",
    "سوبان",
    "مرهف",
    "قيدار",
    "نوران",
    "ظافر",
    "رنسان",
    "طلال",
];
const LAST: &[&str] = &[
    "البرقاوي",
    "الدغيمي",
    "السعفاني",
    "الهزاعي",
    "القطاوي",
    "المرزوقي",
    "الرماحي",
    "الطوباسي",
];
const TOWNS: &[&str] = &[
    "كفرسوم",
    "بيتونيا",
    "سردانة",
    "قلنديا",
    "دورانة",
    "مرجانة",
    "تلكيف",
    "حرستا",
];
const FILLER: &[&str] = &[
    "الاجتماع",
    "الخطة",
    "المشروع",
    "الاتفاق",
    "القرار",
    "الموسم",
    "البرنامج",
];

/// A CoNLL corpus of `n` sentences from templates, using names from index `off` on.
fn corpus(n: usize, off: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let f = FIRST[(i + off) % FIRST.len()];
        let l = LAST[(i * 3 + off) % LAST.len()];
        let town = TOWNS[(i * 5 + off) % TOWNS.len()];
        let x = FILLER[i % FILLER.len()];
        match i % 3 {
            0 => out += &format!("وقال O\nالسيد O\n{f} B-PERS\n{l} I-PERS\nإن O\n{x} O\nسيعقد O\nفي O\nمدينة O\n{town} B-LOC\n. O\n"),
            1 => out += &format!("وصل O\n{f} B-PERS\n{l} I-PERS\nإلى O\nبلدة O\n{town} B-LOC\nلمناقشة O\n{x} O\n. O\n"),
            _ => out += &format!("ناقش O\nأهالي O\n{town} B-LOC\n{x} O\nمع O\nالسيد O\n{f} B-PERS\n. O\n"),
        }
    }
    out
}

#[test]
fn learns_cues_and_generalises_to_unseen_names() {
    // Train on names with even offsets, test on sentences built with other combinations.
    let train_s = read_conll(&corpus(300, 0));
    let test_s = read_conll(&corpus(60, 7));
    let examples: Vec<Example> = train_s.iter().map(|s| Example::from_conll(s)).collect();
    // Defaults are tuned for ANERcorp; on a corpus this small, pruning would drop most weights.
    let cfg = TrainConfig {
        epochs: 8,
        prune: 0.0,
        ..TrainConfig::default()
    };
    let model = train(&examples, &cfg, None, "synthetic".into(), |_, _| {});
    let mut counts = Counts::default();
    for s in &test_s {
        let ex = Example::from_conll(s);
        let spans = model.tag(&ex.text, &ex.folded, &ex.tokens);
        counts.add(&ex.gold, &ex.to_corpus_spans(&spans));
    }
    let (_, _, f) = counts.prf(None);
    assert!(f > 0.95, "synthetic F1 {f}");
    assert!(counts.prf(Some(NerKind::Pers)).2 > 0.95);
    assert!(counts.prf(Some(NerKind::Loc)).2 > 0.95);
}

#[test]
fn untrained_model_finds_nothing_and_training_is_deterministic() {
    let s = read_conll(&corpus(30, 0));
    let ex: Vec<Example> = s.iter().map(|s| Example::from_conll(s)).collect();
    let a = train(
        &ex,
        &TrainConfig {
            epochs: 3,
            ..TrainConfig::default()
        },
        None,
        String::new(),
        |_, _| {},
    );
    let b = train(
        &ex,
        &TrainConfig {
            epochs: 3,
            ..TrainConfig::default()
        },
        None,
        String::new(),
        |_, _| {},
    );
    assert_eq!(a.to_bytes(), b.to_bytes());
    let z = train(
        &ex,
        &TrainConfig {
            epochs: 0,
            o_penalty: 0.0,
            ..TrainConfig::default()
        },
        None,
        String::new(),
        |_, _| {},
    );
    assert_eq!(z.n_features(), 0);
    let e = &ex[0];
    assert!(z.tag(&e.text, &e.folded, &e.tokens).is_empty());
}

#[test]
fn domain_copies_keep_another_corpus_from_overriding_the_target_conventions() {
    // The target corpus tags the towns LOC; a larger second corpus (domain 1) tags the same
    // kind of town ORG. With domain copies, the second corpus's convention goes to its private
    // copies, and the model (shared weights only) follows the target corpus.
    let target = read_conll(&corpus(60, 0));
    let other_text = corpus(240, 3).replace("B-LOC", "B-ORG");
    let other = read_conll(&other_text);
    let test_s = read_conll(&corpus(60, 7));
    let mut examples: Vec<Example> = target.iter().map(|s| Example::from_conll(s)).collect();
    let mut domains = vec![0u8; examples.len()];
    examples.extend(other.iter().map(|s| Example::from_conll(s)));
    domains.resize(examples.len(), 1);
    let loc_f1 = |copies: bool| {
        let cfg = TrainConfig {
            epochs: 8,
            prune: 0.0,
            domain_copies: copies,
            ..TrainConfig::default()
        };
        let model = train_domains(&examples, &domains, &cfg, None, String::new(), |_, _| {});
        let mut counts = Counts::default();
        for s in &test_s {
            let ex = Example::from_conll(s);
            let spans = model.tag(&ex.text, &ex.folded, &ex.tokens);
            counts.add(&ex.gold, &ex.to_corpus_spans(&spans));
        }
        counts.prf(Some(NerKind::Loc)).2
    };
    let with = loc_f1(true);
    let without = loc_f1(false);
    eprintln!("LOC F1 with domain copies {with:.3}, without {without:.3}");
    assert!(with > 0.9, "LOC F1 with domain copies {with}");
    assert!(without < with, "without copies {without}, with {with}");
}

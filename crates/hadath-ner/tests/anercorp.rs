//! The embedded model on the ANERcorp test split (needs ../shared; skipped without it).
//! The official figure comes from `score.py ner` (see docs/ner.md); this is a floor against
//! regressions, computed the same way (exact spans over corpus tokens).

use hadath_ner::{conll_split, read_conll, Counts, Example, NerKind, NerModel, Part};

#[test]
fn test_split_f1_floor() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/arabic-data/anercorp/ANERCorp.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found");
        return;
    };
    let sents = read_conll(&text);
    assert_eq!(sents.iter().map(Vec::len).sum::<usize>(), 150_094);
    assert_eq!(sents.len(), 4998);
    let test = conll_split(&sents, Part::Test);
    assert_eq!(test.len(), 931);
    let model = NerModel::embedded();
    let mut counts = Counts::default();
    for s in test {
        let ex = Example::from_conll(s);
        let spans = model.tag(&ex.text, &ex.folded, &ex.tokens);
        counts.add(&ex.gold, &ex.to_corpus_spans(&spans));
    }
    let (p, r, f) = counts.prf(None);
    eprintln!("ANERcorp test: P {p:.4} R {r:.4} F1 {f:.4}");
    for k in [NerKind::Pers, NerKind::Loc, NerKind::Org] {
        eprintln!("  {}: {:?}", k.as_str(), counts.prf(Some(k)));
    }
    assert!(f > 0.70, "F1 {f}");
}

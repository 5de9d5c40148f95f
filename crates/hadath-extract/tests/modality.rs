//! Modality read from the clause that governs an event: a denial before a complementiser
//! negates the act inside it. Sentences written for these tests.

use hadath_extract::{Document, Extractor, Modality};
use std::sync::LazyLock;

static X: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fn modalities(text: &str) -> Vec<Modality> {
    let mut d = Document::new("t", text);
    d.published = Some("2024-03-15".into());
    X.extract(&d).events.iter().map(|e| e.modality).collect()
}

#[test]
fn a_denied_complement_is_negated() {
    assert_eq!(
        modalities("نفت الحكومة التركية أن تكون قواتها قد قصفت مواقع في العراق."),
        [Modality::Negated]
    );
    assert_eq!(
        modalities("ونفى الجيش بأنه اعتقل صحفيين في المدينة."),
        [Modality::Negated]
    );
}

#[test]
fn a_reported_complement_stays_asserted() {
    // the same clause after a verb of saying is reported as done
    assert_eq!(
        modalities("قال المتحدث إن الطائرات التركية قصفت مواقع في العراق."),
        [Modality::Asserted]
    );
    assert_eq!(
        modalities("أكدت الحكومة التركية أن قواتها قصفت مواقع في العراق."),
        [Modality::Asserted]
    );
}

//! What the API tests share: a small store of sentences written for a test, and a GET.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hadath_extract::{Document, Extractor};
use hadath_server::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

/// A store in `dir` named `file`, one document per text (ids `prefix0`, `prefix1`, …, published
/// 2021-04-30), served by an app state.
pub fn state_of(dir: &tempfile::TempDir, file: &str, prefix: &str, texts: &[&str]) -> AppState {
    let path = dir.path().join(file);
    let mut store = hadath_store::Store::open(&path).unwrap();
    let x = Extractor::default();
    for (i, t) in texts.iter().enumerate() {
        let mut doc = Document::from_txt(format!("{prefix}{i}"), (*t).to_string()).unwrap();
        doc.published = Some("2021-04-30".into());
        store.put(&doc, &x.extract(&doc)).unwrap();
    }
    AppState::open(&path, 2, std::sync::Arc::new(Extractor::default())).unwrap()
}

/// GET `uri`: the status and the JSON body.
pub async fn get(st: &AppState, uri: &str) -> (StatusCode, Value) {
    let res = router(st.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 16 << 20)
        .await
        .unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

//! Tolls through the API: an event row's `dead` is the happening's own; a war's total reported
//! with it comes as `cumulative_*` fields, described in the OpenAPI document.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hadath_extract::{Document, Extractor};
use hadath_server::{router, AppState};
use serde_json::Value;
use tower::ServiceExt;

/// An attack with its own toll, and a strike reported with a war's running total.
fn state(dir: &tempfile::TempDir) -> AppState {
    let path = dir.path().join("tolls.db");
    let mut store = hadath_store::Store::open(&path).unwrap();
    let x = Extractor::default();
    let texts = [
        "هاجم مسلحون نقطة للجيش العراقي في الموصل يوم 7/4/2021، ما أسفر عن مقتل 3 جنود.",
        "قصفت الطائرات السعودية مواقع في صنعاء يوم 5/4/2021، في الحرب التي أودت بحياة 6000 شخص.",
    ];
    for (i, t) in texts.iter().enumerate() {
        let mut doc = Document::from_txt(format!("t{i}"), (*t).to_string()).unwrap();
        doc.published = Some("2021-04-30".into());
        store.put(&doc, &x.extract(&doc)).unwrap();
    }
    AppState::open(&path, 2, std::sync::Arc::new(Extractor::default())).unwrap()
}

async fn get(st: &AppState, uri: &str) -> (StatusCode, Value) {
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

#[tokio::test]
async fn a_war_total_is_a_cumulative_field_not_the_rows_dead() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(&dir);
    let (s, page) = get(&st, "/api/events?limit=100").await;
    assert_eq!(s, StatusCode::OK);
    let events = page["events"].as_array().unwrap();
    let strike = events
        .iter()
        .find(|e| e["cumulative_dead"] == 6000)
        .unwrap_or_else(|| panic!("the war's total on the strike: {page}"));
    assert!(strike["dead"].is_null(), "{strike}");
    assert_eq!(strike["cumulative_why"], "running-total");
    assert!(strike["cumulative_scope"]
        .as_str()
        .is_some_and(|t| t.contains("الحرب")));
    let attack = events
        .iter()
        .find(|e| e["dead"] == 3)
        .unwrap_or_else(|| panic!("the attack's own toll: {page}"));
    assert!(attack["cumulative_dead"].is_null(), "{attack}");
    // the fields are described
    let (_, doc) = get(&st, "/api/openapi.json").await;
    let text = doc.to_string();
    for k in [
        "cumulative_dead",
        "cumulative_qualifier",
        "cumulative_why",
        "cumulative_scope",
    ] {
        assert!(text.contains(&format!("\"{k}\"")), "{k} in openapi.json");
    }
}

//! Tolls through the API: an event row's `dead` is the happening's own; a war's total reported
//! with it comes as `cumulative_*` fields, described in the OpenAPI document.

mod common;

use axum::http::StatusCode;
use common::get;
use hadath_server::AppState;

/// An attack with its own toll, and a strike reported with a war's running total.
fn state(dir: &tempfile::TempDir) -> AppState {
    let texts = [
        "هاجم مسلحون نقطة للجيش العراقي في الموصل يوم 7/4/2021، ما أسفر عن مقتل 3 جنود.",
        "قصفت الطائرات السعودية مواقع في صنعاء يوم 5/4/2021، في الحرب التي أودت بحياة 6000 شخص.",
    ];
    common::state_of(dir, "tolls.db", "t", &texts)
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

//! Where events happened, through the API: the event rows' coordinates and the `bbox` filter
//! that the map's drawn box sets, over a small store of places in three countries.

mod common;

use axum::http::StatusCode;
use common::get;
use hadath_server::AppState;
use serde_json::Value;

/// Attacks in Aleppo, Sanaa and Mosul, and a meeting with no place.
fn state(dir: &tempfile::TempDir) -> AppState {
    let texts = [
        "قصفت القوات السورية مواقع في حلب يوم 3/4/2021، ما أسفر عن مقتل 5 أشخاص.",
        "قصفت طائرات التحالف مواقع في صنعاء يوم 5/4/2021، ما أسفر عن مقتل 9 أشخاص.",
        "هاجم مسلحون نقطة للجيش العراقي في الموصل يوم 7/4/2021، ما أسفر عن مقتل 3 جنود.",
        "التقى وزير الخارجية التركي نظيره الروسي يوم 9/4/2021 لبحث العلاقات الثنائية.",
    ];
    common::state_of(dir, "geo.db", "g", &texts)
}

fn places(page: &Value) -> Vec<String> {
    let mut v: Vec<String> = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["location"]["name"].as_str().unwrap_or("-").to_string())
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn event_rows_carry_the_place_s_coordinates_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(&dir);
    let (s, page) = get(&st, "/api/events?limit=100").await;
    assert_eq!(s, StatusCode::OK);
    let events = page["events"].as_array().unwrap();
    let aleppo = events
        .iter()
        .find(|e| e["location"]["name"] == "Aleppo")
        .expect("an event in Aleppo");
    let lat = aleppo["latitude"].as_f64().unwrap();
    let lon = aleppo["longitude"].as_f64().unwrap();
    assert!(
        (36.0..36.4).contains(&lat) && (37.0..37.3).contains(&lon),
        "{aleppo}"
    );
    assert_eq!(aleppo["latitude"], aleppo["location"]["lat"]);
    assert_eq!(aleppo["geonameid"], aleppo["location"]["geonameid"]);
    assert!(aleppo["geonameid"].as_u64().is_some());
    assert_eq!(aleppo["admin1"], aleppo["location"]["admin1"]);
    assert_eq!(aleppo["geo_precision"], "place");
    // An event without a place has the columns, empty.
    let unplaced = events
        .iter()
        .find(|e| e["location"].is_null())
        .expect("an event without a place");
    for k in [
        "latitude",
        "longitude",
        "geonameid",
        "admin1",
        "geo_precision",
    ] {
        assert!(
            unplaced.get(k).is_some_and(Value::is_null),
            "{k}: {unplaced}"
        );
    }
}

#[tokio::test]
async fn a_box_keeps_the_events_inside_it_on_every_route() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(&dir);
    // Syria and northern Iraq, not Yemen.
    let (s, page) = get(&st, "/api/events?bbox=35,33,44,38&limit=100").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(places(&page), ["Aleppo", "Mosul"]);
    assert_eq!(page["total"], 2);
    let (_, page) = get(&st, "/api/events?bbox=40,10,50,20").await;
    assert_eq!(places(&page), ["Sanaa"]);
    // The buckets and the network filter alike.
    let (_, b) = get(&st, "/api/timeline/buckets?bbox=35,33,44,38&by=day").await;
    let total: i64 = b["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["total"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 2);
    let (s, _) = get(&st, "/api/actors?bbox=35,33,44,38").await;
    assert_eq!(s, StatusCode::OK);
    // A box crossing the antimeridian holds the rest of the world.
    let (_, page) = get(&st, "/api/events?bbox=50,-90,10,90").await;
    assert_eq!(page["total"], 0);
    let (_, page) = get(&st, "/api/events?bbox=44,-90,10,90").await;
    assert_eq!(places(&page), ["Sanaa"]);
    for bad in ["35,33,44", "a,b,c,d", "35,38,44,33", "35,33,244,38"] {
        let (s, v) = get(&st, &format!("/api/events?bbox={bad}")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            v["error"]
                .as_str()
                .unwrap()
                .contains("west,south,east,north"),
            "{v}"
        );
    }
}

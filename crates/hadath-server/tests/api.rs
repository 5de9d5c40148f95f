//! The API over a store of the bundled example corpus: every route, the parameter checks (400
//! with a message, never 500), unknown ids (404), the body limit (413), escaping, headers.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use hadath_extract::{Document, Extractor};
use hadath_server::{router, AppState};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use tower::ServiceExt;

/// A store of the example corpus, built once per test binary (copied per test that writes).
fn corpus_store() -> &'static PathBuf {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("corpus.db");
            let mut store = hadath_store::Store::open(&path).unwrap();
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            let x = Extractor::default();
            for f in files {
                let id = f.file_stem().unwrap().to_string_lossy().to_string();
                let doc = Document::from_txt(id, std::fs::read_to_string(&f).unwrap()).unwrap();
                let out = x.extract(&doc);
                store.put(&doc, &out).unwrap();
            }
            (dir, path)
        })
        .1
}

fn state() -> AppState {
    AppState::open(corpus_store(), 2, std::sync::Arc::new(Extractor::default())).unwrap()
}

/// A writable copy of the corpus store.
fn writable() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.db");
    let src = hadath_store::Store::open(corpus_store()).unwrap();
    src.connection()
        .execute("VACUUM INTO ?1", [path.to_str().unwrap()])
        .unwrap();
    let st = AppState::open(&path, 2, std::sync::Arc::new(Extractor::default())).unwrap();
    (dir, st)
}

async fn call(st: &AppState, req: Request<Body>) -> (StatusCode, Value, axum::http::HeaderMap) {
    let res = router(st.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20)
        .await
        .unwrap();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, v, headers)
}

async fn get(st: &AppState, uri: &str) -> (StatusCode, Value) {
    let (s, v, _) = call(st, Request::get(uri).body(Body::empty()).unwrap()).await;
    (s, v)
}

async fn post(st: &AppState, uri: &str, body: impl Into<Body>) -> (StatusCode, Value) {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap();
    let (s, v, _) = call(st, req).await;
    (s, v)
}

fn chars(s: &str, start: i64, end: i64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[tokio::test]
async fn openapi_describes_every_route() {
    let st = state();
    let (s, doc) = get(&st, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/events",
        "/api/events/{id}",
        "/api/documents",
        "/api/documents/{id}",
        "/api/actors",
        "/api/timeline/buckets",
        "/api/extract",
        "/api/overview",
    ] {
        assert!(paths.contains_key(p), "{p} described");
    }
    // Every schema reference resolves.
    let text = doc.to_string();
    for r in text.split("\"#/components/schemas/").skip(1) {
        let name = &r[..r.find('"').unwrap()];
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "schema {name}"
        );
    }
}

#[tokio::test]
async fn events_pages_and_filters() {
    let st = state();
    let (s, all) = get(&st, "/api/events?limit=1000").await;
    assert_eq!(s, StatusCode::OK);
    let total = all["total"].as_i64().unwrap();
    let events = all["events"].as_array().unwrap();
    assert!(total > 10, "{total} events in the example corpus");
    assert_eq!(events.len() as i64, total);
    // Dated events first, in date order.
    let dates: Vec<&str> = events
        .iter()
        .filter_map(|e| e["date_first"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    for e in events {
        assert!(e["quad"].as_str().unwrap().contains(' '), "{e}");
        assert!(e["summary"].as_str().is_some());
    }
    // Paging.
    let (_, p) = get(&st, "/api/events?limit=3&offset=2").await;
    let ids: Vec<&Value> = p["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["id"])
        .collect();
    let want: Vec<&Value> = events[2..5].iter().map(|e| &e["id"]).collect();
    assert_eq!(ids, want);
    // Type filter, repeated and comma-separated, any case.
    let (_, a) = get(&st, "/api/events?type=assault&limit=1000").await;
    assert!(a["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == "ASSAULT"));
    let (_, ab) = get(&st, "/api/events?type=ASSAULT,CONSULT&limit=1").await;
    let (_, ab2) = get(&st, "/api/events?type=ASSAULT&type=CONSULT&limit=1").await;
    assert_eq!(ab["total"], ab2["total"]);
    assert!(ab["total"].as_i64() > a["total"].as_i64());
    // Dates.
    let (_, y) = get(&st, "/api/events?from=2022-01&to=2022-12-31&limit=1000").await;
    for e in y["events"].as_array().unwrap() {
        assert!(e["date_last"].as_str().unwrap() >= "2022-01-01");
        assert!(e["date_first"].as_str().unwrap() <= "2022-12-31");
    }
    // Actor: the same as the store's own timeline filter.
    let (_, net) = get(&st, "/api/actors").await;
    let key = net["actors"][0]["key"].as_str().unwrap().to_string();
    let (_, by) = get(&st, &format!("/api/events?actor={key}&limit=1000")).await;
    let store = hadath_store::Store::open(corpus_store()).unwrap();
    let want = store
        .timeline(
            &hadath_store::FilterSpec {
                actor: vec![key.clone()],
                ..Default::default()
            }
            // the API resolves names through the knowledge base, as the CLI does
            .validate(&|t: &str| Extractor::default().actor_names(t))
            .unwrap(),
        )
        .unwrap();
    assert_eq!(by["total"].as_i64().unwrap(), want.len() as i64);
    // A name also matches the longer names containing it ("Israel" in "Armed forces of Israel").
    assert!(by["total"].as_i64().unwrap() >= net["actors"][0]["events"].as_i64().unwrap());
}

#[tokio::test]
async fn events_in_other_orders() {
    let st = state();
    let (_, by_sources) = get(&st, "/api/events?order=sources&limit=1000").await;
    let n: Vec<usize> = by_sources["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sources"].as_array().unwrap().len())
        .collect();
    assert!(n.windows(2).all(|w| w[0] >= w[1]));
    let (_, by_toll) = get(&st, "/api/events?order=toll&limit=5").await;
    let dead: Vec<i64> = by_toll["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["dead"].as_i64().unwrap_or(-1))
        .collect();
    assert!(dead.windows(2).all(|w| w[0] >= w[1]));
    assert!(dead[0] > 0, "{dead:?}");
    assert_eq!(by_toll["total"], by_sources["total"]);
}

#[tokio::test]
async fn events_agree_with_the_store_timeline() {
    let st = state();
    let store = hadath_store::Store::open(corpus_store()).unwrap();
    for (q, f) in [
        (
            "type=ASSAULT",
            hadath_store::FilterSpec {
                types: vec!["ASSAULT".into()],
                ..Default::default()
            }
            .validate(&|_: &str| Vec::new())
            .unwrap(),
        ),
        (
            "from=2020&to=2022",
            hadath_store::FilterSpec {
                from: Some("2020".into()),
                to: Some("2022".into()),
                ..Default::default()
            }
            .validate(&|_: &str| Vec::new())
            .unwrap(),
        ),
        (
            "modality=asserted&place=Yemen",
            hadath_store::FilterSpec {
                modality: Some("asserted".into()),
                place: Some("Yemen".into()),
                ..Default::default()
            }
            .validate(&|_: &str| Vec::new())
            .unwrap(),
        ),
        (
            "q=%D9%82%D8%B5%D9%81",
            hadath_store::FilterSpec {
                text: Some("قصف".into()),
                ..Default::default()
            }
            .validate(&|_: &str| Vec::new())
            .unwrap(),
        ),
    ] {
        let (_, page) = get(&st, &format!("/api/events?{q}&limit=1000")).await;
        let got: Vec<i64> = page["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();
        let want: Vec<i64> = store.timeline(&f).unwrap().iter().map(|e| e.id).collect();
        assert_eq!(got, want, "{q}");
    }
}

#[tokio::test]
async fn listed_events_are_the_store_s_story_events() {
    let st = state();
    let store = hadath_store::Store::open(corpus_store()).unwrap();
    let (_, page) = get(&st, "/api/events?limit=1000").await;
    for e in page["events"].as_array().unwrap() {
        let want = serde_json::to_value(store.story(e["id"].as_i64().unwrap()).unwrap()).unwrap();
        for (k, v) in want.as_object().unwrap() {
            assert_eq!(&e[k], v, "{k} of event {}", e["id"]);
        }
    }
}

#[tokio::test]
async fn one_event_with_its_evidence() {
    let st = state();
    let (_, page) = get(&st, "/api/events?limit=1000").await;
    for e in page["events"].as_array().unwrap().iter().take(15) {
        let id = e["id"].as_i64().unwrap();
        let (s, x) = get(&st, &format!("/api/events/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(x["event"]["id"], id);
        let members = x["members"].as_array().unwrap();
        assert!(!members.is_empty());
        for m in members {
            let doc_id = m["doc_id"].as_str().unwrap();
            let (s, d) = get(&st, &format!("/api/documents/{doc_id}")).await;
            assert_eq!(s, StatusCode::OK);
            let text = d["text"].as_str().unwrap();
            for sp in m["evidence"].as_array().unwrap() {
                let (a, b) = (sp["start"].as_i64().unwrap(), sp["end"].as_i64().unwrap());
                assert_eq!(chars(text, a, b), sp["text"].as_str().unwrap());
            }
        }
    }
}

#[tokio::test]
async fn documents_with_their_spans() {
    let st = state();
    let (s, page) = get(&st, "/api/documents?limit=100").await;
    assert_eq!(s, StatusCode::OK);
    let docs = page["documents"].as_array().unwrap();
    assert_eq!(page["total"].as_i64().unwrap(), docs.len() as i64);
    assert!(docs.len() >= 20);
    let (_, q) = get(&st, "/api/documents?q=yemen").await;
    assert!(q["total"].as_i64().unwrap() >= 1);
    assert!(q["total"].as_i64() < page["total"].as_i64());
    let mut events = 0;
    for d in docs {
        let id = d["id"].as_str().unwrap();
        let (s, full) = get(&st, &format!("/api/documents/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        let text = full["text"].as_str().unwrap();
        for key in ["entities", "timexes"] {
            for sp in full[key].as_array().unwrap() {
                let (a, b) = (sp["start"].as_i64().unwrap(), sp["end"].as_i64().unwrap());
                assert_eq!(
                    chars(text, a, b),
                    sp["text"].as_str().unwrap(),
                    "{id} {key}"
                );
            }
        }
        for e in full["events"].as_array().unwrap() {
            events += 1;
            assert!(e["story_id"].as_i64().is_some());
            for sp in e["evidence"].as_array().unwrap() {
                let (a, b) = (sp["start"].as_i64().unwrap(), sp["end"].as_i64().unwrap());
                assert_eq!(chars(text, a, b), sp["text"].as_str().unwrap());
            }
            let t = &e["trigger"];
            let (a, b) = (t["start"].as_i64().unwrap(), t["end"].as_i64().unwrap());
            assert_eq!(chars(text, a, b), t["text"].as_str().unwrap());
        }
    }
    assert!(events > 10);
}

#[tokio::test]
async fn actor_network() {
    let st = state();
    let (s, net) = get(&st, "/api/actors?top=10").await;
    assert_eq!(s, StatusCode::OK);
    let actors = net["actors"].as_array().unwrap();
    assert!(actors.len() <= 10 && actors.len() > 3);
    let keys: Vec<&str> = actors.iter().map(|a| a["key"].as_str().unwrap()).collect();
    let counts: Vec<i64> = actors
        .iter()
        .map(|a| a["events"].as_i64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));
    let edges = net["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    for e in edges {
        assert!(keys.contains(&e["source"].as_str().unwrap()));
        assert!(keys.contains(&e["target"].as_str().unwrap()));
        let sum: i64 = e["relations"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_i64().unwrap())
            .sum();
        assert_eq!(sum, e["count"].as_i64().unwrap());
    }
    let (_, conflict) = get(&st, "/api/actors?type=ASSAULT").await;
    for e in conflict["edges"].as_array().unwrap() {
        for rel in e["relations"].as_object().unwrap().keys() {
            assert!(rel == "ASSAULT" || rel == "mediated", "{rel}");
        }
    }
}

#[tokio::test]
async fn timeline_buckets_count_every_event() {
    let st = state();
    let (_, all) = get(&st, "/api/events?limit=1").await;
    for by in ["day", "month", "year"] {
        let (s, b) = get(&st, &format!("/api/timeline/buckets?by={by}")).await;
        assert_eq!(s, StatusCode::OK);
        let buckets = b["buckets"].as_array().unwrap();
        let sum: i64 = buckets.iter().map(|x| x["total"].as_i64().unwrap()).sum();
        assert_eq!(
            sum + b["undated"].as_i64().unwrap(),
            all["total"].as_i64().unwrap()
        );
        let width = match by {
            "day" => 10,
            "month" => 7,
            _ => 4,
        };
        for x in buckets {
            assert_eq!(x["period"].as_str().unwrap().len(), width);
            let q: i64 = x["by_quad"]
                .as_object()
                .unwrap()
                .values()
                .map(|v| v.as_i64().unwrap())
                .sum();
            assert_eq!(q, x["total"].as_i64().unwrap());
        }
    }
    let (_, m) = get(&st, "/api/timeline/buckets").await;
    assert_eq!(m["by"], "month");
}

#[tokio::test]
async fn malformed_parameters_get_400_with_a_message() {
    let st = state();
    for uri in [
        "/api/events?from=yesterday",
        "/api/events?to=2022-13-01",
        "/api/events?from=2022-02-30",
        "/api/events?from=2023&to=2022",
        "/api/events?type=BOMBING",
        "/api/events?limit=ten",
        "/api/events?limit=0",
        "/api/events?limit=5000",
        "/api/events?limit=-1",
        "/api/events?offset=-5",
        "/api/events?offset=1e3",
        "/api/events?modality=maybe",
        "/api/events?min_sources=two",
        "/api/events?colour=red",
        "/api/events?q=",
        "/api/actors?top=0",
        "/api/actors?top=x",
        "/api/timeline/buckets?by=week",
        "/api/timeline/buckets?from=2022-99",
        "/api/documents?limit=%FF",
        "/api/events/abc",
        "/api/events/-3",
        "/api/events/99999999999999999999999",
    ] {
        let (s, v) = get(&st, uri).await;
        if uri.ends_with("q=") {
            // An empty value does not filter.
            assert_eq!(s, StatusCode::OK, "{uri}");
            continue;
        }
        assert_eq!(s, StatusCode::BAD_REQUEST, "{uri}: {v}");
        let msg = v["error"].as_str().unwrap_or_else(|| panic!("{uri}: {v}"));
        assert!(msg.len() > 10, "{uri}: {msg}");
    }
    let many = vec!["actor=X"; 60].join("&");
    let (s, v) = get(&st, &format!("/api/events?{many}")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, _) = get(&st, "/api/events?order=random").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let long = "ق".repeat(600);
    let (s, _) = get(&st, &format!("/api/events?q={long}")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Odd but well-formed text is just text.
    for uri in [
        "/api/events?q=%25_%5C%27%22%3B--",
        "/api/events?actor=%25",
        "/api/events?place=%27%20OR%201%3D1",
        "/api/documents?q=%25",
    ] {
        let (s, v) = get(&st, uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}: {v}");
    }
    let (_, v) = get(&st, "/api/events?actor=%25").await;
    assert_eq!(v["total"], 0);
}

#[tokio::test]
async fn unknown_ids_get_404() {
    let st = state();
    for uri in [
        "/api/events/987654",
        "/api/documents/no-such-document",
        "/api/nothing",
        "/nothing.html",
    ] {
        let (s, v) = get(&st, uri).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        assert!(v["error"].as_str().is_some(), "{uri}: {v}");
    }
}

const HOSTILE: &str =
    "قصفت القوات الروسية مدينة خاركيف يوم 3 مارس 2022 ما أسفر عن مقتل 12 مدنيا.\n\n\
<script>alert(1)</script> <img src=x onerror=\"alert(2)\"> \"quoted\" & 'single' \\ back";

#[tokio::test]
async fn extract_adds_an_article_and_returns_its_text_as_json() {
    let (_dir, st) = writable();
    let (_, before) = get(&st, "/api/events?limit=1").await;
    let body =
        serde_json::json!({"text": HOSTILE, "title": "<b>عنوان</b>", "published": "2022-03-04"});
    let (s, r) = post(&st, "/api/extract", body.to_string()).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["stored"], true);
    assert_eq!(r["plan"]["kind"], "new");
    let id = r["id"].as_str().unwrap().to_string();
    let out = &r["output"];
    assert!(!out["events"].as_array().unwrap().is_empty(), "{out}");
    assert_eq!(
        r["event_stories"].as_array().unwrap().len(),
        out["events"].as_array().unwrap().len()
    );
    let (_, after) = get(&st, "/api/events?limit=1").await;
    assert!(after["total"].as_i64() > before["total"].as_i64());
    // The document comes back byte for byte, as a JSON string.
    let (s, d) = get(&st, &format!("/api/documents/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(d["text"], HOSTILE);
    assert_eq!(d["title"], "<b>عنوان</b>");
    assert_eq!(d["published"], "2022-03-04");
    // Its events are in the story, linked back to it.
    let sid = r["stories"][0].as_i64().unwrap();
    let (s, x) = get(&st, &format!("/api/events/{sid}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(x["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["doc_id"] == id.as_str()));
    // The same article again changes nothing.
    let (s, again) = post(&st, "/api/extract", body.to_string()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(again["stored"], false);
    assert_eq!(again["id"], id.as_str());
}

#[tokio::test]
async fn extract_rejects_bad_bodies() {
    let (_dir, st) = writable();
    for body in [
        "",
        "not json",
        "[]",
        "{}",
        r#"{"text": 3}"#,
        r#"{"text": "   \n "}"#,
        r#"{"text": "نص", "published": "last week"}"#,
        r#"{"text": "نص", "published": "2022-02-30"}"#,
        r#"{"text": "نص", "colour": "red"}"#,
    ] {
        let (s, v) = post(&st, "/api/extract", body.to_string()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {v}");
        assert!(v["error"].as_str().is_some(), "{body}: {v}");
    }
    // Over the limit: 413, before any extraction.
    let big = serde_json::json!({"text": "قصف ".repeat(hadath_server::BODY_LIMIT / 4)}).to_string();
    assert!(big.len() > hadath_server::BODY_LIMIT);
    let (s, v) = post(&st, "/api/extract", big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert!(v["error"].as_str().unwrap().contains("limit"));
    // GET is not allowed there.
    let (s, _) = get(&st, "/api/extract").await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn the_page_and_its_assets() {
    let st = state();
    let (s, _, h) = call(&st, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe"));
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    for (path, kind) in [
        ("/app.js", "text/javascript"),
        ("/map.js", "text/javascript"),
        ("/app.css", "text/css"),
        ("/favicon.svg", "image/svg+xml"),
        ("/vendor/leaflet.js", "text/javascript"),
        ("/vendor/leaflet.css", "text/css"),
        ("/vendor/topojson-client.min.js", "text/javascript"),
        ("/vendor/LICENSE-leaflet.txt", "text/plain"),
        ("/vendor/README.md", "text/plain"),
    ] {
        let (s, body, h) = call(&st, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK);
        assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind));
        assert!(body.as_str().unwrap().len() > 100);
    }
    // The map's base layer and the codes of its countries are JSON.
    for path in ["/vendor/countries-50m.json", "/country-numeric.json"] {
        let (s, body, h) = call(&st, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(h[header::CONTENT_TYPE], "application/json");
        assert!(body.is_object(), "{path}");
    }
    // The page never hands article text to the HTML parser.
    for (name, js) in [
        ("app.js", include_str!("../assets/app.js")),
        ("map.js", include_str!("../assets/map.js")),
    ] {
        for bad in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!js.contains(bad), "{name} uses {bad}");
        }
    }
}

#[tokio::test]
async fn loopback_server_refuses_foreign_host_names() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(hadath_server::serve_on(listener, state()));
    let ask = |host: String| async move {
        let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
        c.write_all(
            format!("GET /api/overview HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
        let mut out = String::new();
        c.read_to_string(&mut out).await.unwrap();
        out
    };
    assert!(ask(addr.to_string()).await.starts_with("HTTP/1.1 200"));
    assert!(ask(format!("localhost:{}", addr.port()))
        .await
        .starts_with("HTTP/1.1 200"));
    let r = ask("attacker.example:80".into()).await;
    assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    assert!(r.contains("only requests for localhost"));
    server.abort();
}

/// Garbage in every parameter of every route: answers are 200, 400 or 404, never a 500.
#[tokio::test]
async fn garbage_parameters_never_get_500() {
    let st = state();
    let pieces = [
        "",
        "0",
        "-1",
        "1e9",
        "99999999999999999999",
        "2022",
        "2022-02-29",
        "2024-02-29",
        "9999-12-31",
        "0000-01-01",
        "%",
        "%25",
        "%FF",
        "%00",
        "_",
        "\\",
        "'",
        "\"",
        ";",
        "--",
        "ASSAULT",
        "assault,",
        ",,",
        "قصف",
        "ق%20ص",
        "+",
        "%2B",
        "[]",
        "{}",
        "null",
        "NaN",
        "%E2%80%8F",
        "a=b",
        "&",
        "day",
        "year",
    ];
    let names = [
        "actor",
        "type",
        "from",
        "to",
        "place",
        "modality",
        "q",
        "min_sources",
        "limit",
        "offset",
        "order",
        "by",
        "top",
        "x",
    ];
    let routes = [
        "/api/events",
        "/api/actors",
        "/api/timeline/buckets",
        "/api/documents",
        "/api/events/",
        "/api/documents/",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut sent = 0;
    for _ in 0..400 {
        let route = routes[next(routes.len())];
        let uri = if route.ends_with('/') {
            format!(
                "{route}{}{}",
                pieces[next(pieces.len())],
                pieces[next(pieces.len())]
            )
        } else {
            let k = 1 + next(3);
            let q: Vec<String> = (0..k)
                .map(|_| {
                    format!(
                        "{}={}",
                        names[next(names.len())],
                        pieces[next(pieces.len())]
                    )
                })
                .collect();
            format!("{route}?{}", q.join("&"))
        };
        let Ok(req) = Request::get(uri.as_str()).body(Body::empty()) else {
            continue; // not a URI at all: no request to make
        };
        sent += 1;
        let (s, v, _) = call(&st, req).await;
        assert!(matches!(s.as_u16(), 200 | 400 | 404), "{uri}: {s} {v}");
        if s != StatusCode::OK {
            assert!(v["error"].as_str().is_some(), "{uri}: {v}");
        }
    }
    assert!(sent > 300, "{sent} requests sent");
}

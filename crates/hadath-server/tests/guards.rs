//! The server under hostile or heavy use: cross-site writes (403), bounded read and
//! extraction queues (503 with Retry-After), header and body timeouts, JSON bodies on every
//! error (405, 414, 431), and a damaged store (503 naming the problem).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use hadath_server::{router, AppState, Limits};
use serde_json::Value;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// What every hang detector here waits: far longer than any of these takes.
const HANG: Duration = Duration::from_secs(60);

fn store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    hadath_store::Store::open(&path).unwrap();
    (dir, path)
}

fn limited(path: &std::path::Path, limits: Limits) -> AppState {
    AppState::open_limited(
        path,
        limits,
        std::sync::Arc::new(hadath_extract::Extractor::default()),
    )
    .unwrap()
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

fn is_json_error(v: &Value) -> bool {
    v.get("error")
        .and_then(Value::as_str)
        .is_some_and(|e| !e.is_empty())
}

const ARTICLE: &str = r#"{"text": "قصفت القوات الأذرية مواقع أرمينية يوم 13 سبتمبر 2022."}"#;

fn extract_req(content_type: Option<&str>, extra: &[(&str, &str)], body: &str) -> Request<Body> {
    let mut r = Request::post("/api/extract").header(header::HOST, "127.0.0.1:8080");
    if let Some(ct) = content_type {
        r = r.header(header::CONTENT_TYPE, ct);
    }
    for (k, v) in extra {
        r = r.header(*k, *v);
    }
    r.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn writes_from_another_site_are_refused() {
    let (_d, path) = store();
    let st = AppState::open(
        &path,
        2,
        std::sync::Arc::new(hadath_extract::Extractor::default()),
    )
    .unwrap();
    let refused = [
        // what an HTML form or a no-preflight fetch on any web page can send
        extract_req(Some("text/plain"), &[], ARTICLE),
        extract_req(
            Some("application/x-www-form-urlencoded"),
            &[],
            "text=%D9%82%D8%B5%D9%81",
        ),
        extract_req(Some("multipart/form-data; boundary=x"), &[], "--x--"),
        extract_req(None, &[], ARTICLE),
        // JSON, but from another origin
        extract_req(
            Some("application/json"),
            &[("origin", "http://evil.example")],
            ARTICLE,
        ),
        extract_req(Some("application/json"), &[("origin", "null")], ARTICLE),
        extract_req(
            Some("application/json"),
            &[("sec-fetch-site", "cross-site")],
            ARTICLE,
        ),
    ];
    for req in refused {
        let (s, v, _) = call(&st, req).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
        assert!(is_json_error(&v), "{v}");
    }
    let docs = st.read(|s| s.stats().map(|x| x.documents)).await.unwrap();
    assert_eq!(docs, 0, "a refused write stored something");
    // The page itself (same origin) and command-line clients (no Origin) may write.
    let page = extract_req(
        Some("application/json; charset=utf-8"),
        &[
            ("origin", "http://127.0.0.1:8080"),
            ("sec-fetch-site", "same-origin"),
        ],
        ARTICLE,
    );
    let (s, v, _) = call(&st, page).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v, _) = call(&st, extract_req(Some("application/json"), &[], ARTICLE)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

#[tokio::test]
async fn reads_beyond_the_pool_and_its_queue_get_503() {
    let (_d, path) = store();
    let st = limited(
        &path,
        Limits {
            readers: 1,
            read_queue: 1,
            ..Limits::default()
        },
    );
    // One query holds the only connection, one waits for it.
    let (release, hold) = std::sync::mpsc::channel::<()>();
    let hold = std::sync::Mutex::new(hold);
    let busy = {
        let st = st.clone();
        tokio::spawn(async move {
            st.read(move |_| {
                let _ = hold.lock().unwrap().recv();
                Ok::<_, hadath_server::Error>(())
            })
            .await
        })
    };
    let waiting = {
        let st = st.clone();
        tokio::spawn(async move { st.read(|s| s.stats().map(|x| x.documents)).await })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (s, v, h) = call(
        &st,
        Request::get("/api/overview").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert!(is_json_error(&v), "{v}");
    assert_eq!(h.get(header::RETRY_AFTER).unwrap(), "1");
    release.send(()).unwrap();
    busy.await.unwrap().unwrap();
    assert_eq!(waiting.await.unwrap().unwrap(), 0);
    // Once free, reads are served again.
    let (s, _, _) = call(
        &st,
        Request::get("/api/overview").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn extractions_beyond_the_workers_and_their_queue_get_503() {
    let (_d, path) = store();
    let st = limited(
        &path,
        Limits {
            extractors: 1,
            extract_queue: 1,
            ..Limits::default()
        },
    );
    // Long articles: each takes a while, so that six at once overflow one thread and a queue
    // of one.
    let text = "قصفت القوات الأذرية مواقع أرمينية يوم 13 سبتمبر 2022 في منطقة الحدود. ".repeat(1500);
    let reqs = (0..6).map(|i| {
        let body = serde_json::json!({ "text": format!("{text} {i}") }).to_string();
        let st = st.clone();
        tokio::spawn(
            async move { call(&st, extract_req(Some("application/json"), &[], &body)).await },
        )
    });
    let mut statuses = Vec::new();
    for r in reqs.collect::<Vec<_>>() {
        let (s, v, h) = r.await.unwrap();
        if s == StatusCode::SERVICE_UNAVAILABLE {
            assert!(is_json_error(&v), "{v}");
            assert!(h.contains_key(header::RETRY_AFTER));
        } else {
            assert_eq!(s, StatusCode::OK, "{v}");
        }
        statuses.push(s);
    }
    assert!(
        statuses.contains(&StatusCode::SERVICE_UNAVAILABLE),
        "six articles at once on one thread with a queue of one: {statuses:?}"
    );
    assert!(statuses.contains(&StatusCode::OK));
}

/// Serve `st` on a free loopback port.
async fn serve(st: AppState) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(hadath_server::serve_on(listener, st));
    addr
}

/// Everything the server sends until it closes the connection.
async fn read_to_close(stream: &mut tokio::net::TcpStream) -> String {
    let mut buf = Vec::new();
    match tokio::time::timeout(HANG, stream.read_to_end(&mut buf)).await {
        Ok(_) => String::from_utf8_lossy(&buf).into_owned(),
        Err(_) => panic!("the server kept a stalled connection open for {HANG:?}"),
    }
}

#[tokio::test]
async fn stalled_headers_and_bodies_are_timed_out() {
    let (_d, path) = store();
    let st = limited(
        &path,
        Limits {
            header_timeout: Duration::from_secs(1),
            body_timeout: Duration::from_secs(1),
            ..Limits::default()
        },
    );
    let addr = serve(st).await;
    // Half a request line, then nothing.
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    c.write_all(b"GET /api/overview HTTP/1.1\r\nHost: 127.0")
        .await
        .unwrap();
    read_to_close(&mut c).await;
    // Headers promising a body that never comes.
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    c.write_all(
        b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
          Content-Length: 1000\r\n\r\n{\"text\": \"",
    )
    .await
    .unwrap();
    let res = read_to_close(&mut c).await;
    assert!(res.starts_with("HTTP/1.1 4"), "{res}");
    assert!(res.contains("{\"error\""), "{res}");
}

#[tokio::test]
async fn every_error_has_a_json_body() {
    let (_d, path) = store();
    let st = AppState::open(
        &path,
        2,
        std::sync::Arc::new(hadath_extract::Extractor::default()),
    )
    .unwrap();
    let wrong_method = Request::post("/api/events")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let get_extract = Request::get("/api/extract").body(Body::empty()).unwrap();
    let long_uri = Request::get(format!("/api/events?q={}", "a".repeat(20_000)))
        .body(Body::empty())
        .unwrap();
    let mut big_headers = Request::get("/api/overview");
    for i in 0..20 {
        big_headers = big_headers.header(format!("x-filler-{i}"), "x".repeat(4000));
    }
    for (req, want) in [
        (wrong_method, StatusCode::METHOD_NOT_ALLOWED),
        (get_extract, StatusCode::METHOD_NOT_ALLOWED),
        (long_uri, StatusCode::URI_TOO_LONG),
        (
            big_headers.body(Body::empty()).unwrap(),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        ),
    ] {
        let (s, v, h) = call(&st, req).await;
        assert_eq!(s, want, "{v}");
        assert!(is_json_error(&v), "{want}: {v}");
        assert_eq!(h.get(header::CONTENT_TYPE).unwrap(), "application/json");
    }
}

#[tokio::test]
async fn a_damaged_store_is_named_not_a_500() {
    // A store of a few articles, then its table pages overwritten: the file still opens.
    let (_d, path) = store();
    {
        let st = AppState::open(
            &path,
            1,
            std::sync::Arc::new(hadath_extract::Extractor::default()),
        )
        .unwrap();
        for i in 0..20 {
            let body = serde_json::json!({ "text": format!("قصفت القوات الأذرية مواقع أرمينية يوم 13 سبتمبر 2022. {}", "نص ".repeat(500 + i)) })
                .to_string();
            let (s, v, _) = call(&st, extract_req(Some("application/json"), &[], &body)).await;
            assert_eq!(s, StatusCode::OK, "{v}");
        }
        st.write(|s| {
            s.connection()
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
            Ok(())
        })
        .await
        .unwrap();
    }
    // The root pages of the listed tables, overwritten.
    let roots: Vec<i64> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT rootpage FROM sqlite_master WHERE name IN ('story_events', 'documents')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for root in roots {
        let at = (root as usize - 1) * size;
        bytes[at..at + size].fill(0x5a);
    }
    std::fs::write(&path, &bytes).unwrap();
    let st = AppState::open(
        &path,
        1,
        std::sync::Arc::new(hadath_extract::Extractor::default()),
    )
    .unwrap();
    for uri in [
        "/api/events",
        "/api/documents",
        "/api/actors",
        "/api/timeline/buckets",
    ] {
        let (s, v, _) = call(&st, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE, "{uri}: {v}");
        let e = v["error"].as_str().unwrap_or("");
        assert!(e.contains("the store cannot be read"), "{uri}: {e}");
    }
}

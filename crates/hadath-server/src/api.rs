//! Routes, parameter checking, error responses and the security guards.

use crate::{assets, AppState, Error, Result};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hadath_core::Document;
use hadath_store::browse as db;
use hadath_store::Filter;
use serde::Deserialize;
use serde_json::json;

/// The largest request body accepted (`POST /api/extract`): 256 KiB.
pub const BODY_LIMIT: usize = 256 * 1024;

/// The most events or documents one page holds.
const MAX_LIMIT: usize = 1000;

/// The SQLite error under a store error, if any.
fn sqlite_code(e: &Error) -> Option<rusqlite::ErrorCode> {
    let sql = match e {
        Error::Sql(s) | Error::Store(hadath_store::Error::Sql(s)) => s,
        Error::Store(hadath_store::Error::Open { source, .. }) => source,
        _ => return None,
    };
    match sql {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let unreadable = matches!(
            sqlite_code(&self),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        );
        let status = match &self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Store(hadath_store::Error::NoSuchEvent(_)) => StatusCode::NOT_FOUND,
            Error::Store(hadath_store::Error::NoSuchDocument(_)) => StatusCode::NOT_FOUND,
            Error::Store(hadath_store::Error::Filter(_)) => StatusCode::BAD_REQUEST,
            _ if unreadable => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let msg = if unreadable {
            format!(
                "the store cannot be read: it is damaged or not a hadath store ({self}); \
                 check it with `sqlite3 FILE 'PRAGMA integrity_check'` or serve another --db"
            )
        } else {
            self.to_string()
        };
        let mut res = (status, Json(json!({ "error": msg }))).into_response();
        if matches!(self, Error::Busy(_)) {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        res
    }
}

pub(crate) fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/openapi.json", get(openapi))
        .route("/overview", get(overview))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/documents", get(documents))
        .route("/documents/{id}", get(document))
        .route("/actors", get(actors))
        .route("/timeline/buckets", get(buckets))
        .route(
            "/extract",
            post(extract).layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    assets::routes(Router::new().nest("/api", api))
        .fallback(not_found)
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Adds the Host check when the server listens on a loopback address: a page on another site
/// that rebinds its own name to 127.0.0.1 cannot read the API.
pub(crate) fn with_guards(router: Router, loopback: bool) -> Router {
    if loopback {
        router.layer(middleware::from_fn(loopback_host))
    } else {
        router
    }
}

async fn loopback_host(req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let name = match host.rsplit_once(':') {
        Some((n, port)) if port.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => host,
    };
    let ok = host.is_empty()
        || matches!(name, "localhost" | "[::1]")
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|a| a.is_loopback());
    if ok {
        next.run(req).await
    } else {
        Error::BadRequest(format!(
            "this server answers only requests for localhost or 127.0.0.1, not {host:?}"
        ))
        .into_response()
    }
}

pub(crate) async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

async fn api_not_found() -> Error {
    Error::NotFound("no such API route; see /api/openapi.json".into())
}

async fn not_found() -> Error {
    Error::NotFound("not found".into())
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        assets::OPENAPI_JSON,
    )
        .into_response()
}

/// Query parameters as name/value pairs, in order.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(raw: Option<String>, allowed: &[&str]) -> Result<Params> {
        let raw = raw.unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&raw)
            .map_err(|e| Error::BadRequest(format!("malformed query string: {e}")))?;
        for (k, v) in &pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(Error::BadRequest(format!(
                    "unknown parameter {k:?}; this route takes: {}",
                    allowed.join(", ")
                )));
            }
            if v.chars().count() > 500 {
                return Err(Error::BadRequest(format!(
                    "parameter {k} is too long (500 characters at most)"
                )));
            }
        }
        Ok(Params(pairs))
    }

    /// Every non-empty value of `k`, comma-separated lists split.
    fn all(&self, k: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == k)
            .flat_map(|(_, v)| v.split(','))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// The last non-empty value of `k`.
    fn one(&self, k: &str) -> Option<String> {
        self.0
            .iter()
            .rev()
            .find(|(n, v)| n == k && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    }

    fn number(&self, k: &str, default: usize, min: usize, max: usize) -> Result<usize> {
        match self.one(k) {
            None => Ok(default),
            Some(v) => {
                let n: usize = v.parse().map_err(|_| {
                    Error::BadRequest(format!("{k} must be a whole number, not {v:?}"))
                })?;
                if n < min || n > max {
                    return Err(Error::BadRequest(format!(
                        "{k} must be between {min} and {max}, not {n}"
                    )));
                }
                Ok(n)
            }
        }
    }

    /// The filter parameters, validated as every caller validates them
    /// ([`hadath_store::FilterSpec::validate`]), actor names resolved by the extractor's
    /// knowledge base.
    fn filter(&self, st: &AppState) -> Result<Filter> {
        let spec = hadath_store::FilterSpec {
            actor: self.all("actor"),
            types: self.all("type"),
            from: self.one("from"),
            to: self.one("to"),
            place: self.one("place"),
            bbox: self.one("bbox"),
            modality: self.one("modality"),
            text: self.one("q"),
            min_sources: self.number("min_sources", 0, 0, 1_000_000)?,
            limit: None,
        };
        let x = st.extractor();
        Ok(spec
            .validate(&|t: &str| x.actor_names(t))
            .map_err(hadath_store::Error::from)?)
    }
}

const FILTER_PARAMS: [&str; 9] = [
    "actor",
    "type",
    "from",
    "to",
    "place",
    "bbox",
    "modality",
    "q",
    "min_sources",
];

fn with_filter(extra: &[&'static str]) -> Vec<&'static str> {
    FILTER_PARAMS.iter().chain(extra).copied().collect()
}

async fn overview(State(st): State<AppState>) -> Result<Response> {
    let o = st.read(db::overview).await?;
    Ok(Json(o).into_response())
}

async fn events(State(st): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let p = Params::parse(q, &with_filter(&["limit", "offset", "order"]))?;
    let f = p.filter(&st)?;
    let limit = p.number("limit", 100, 1, MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0, 10_000_000)?;
    let order = match p.one("order") {
        None => db::Order::Date,
        Some(o) => db::Order::parse(&o).ok_or_else(|| {
            Error::BadRequest(format!("order must be date, sources or toll, not {o:?}"))
        })?,
    };
    let page = st
        .read(move |s| db::events_by(s, &f, order, offset, limit))
        .await?;
    Ok(Json(page).into_response())
}

fn parse_id(raw: &str) -> Result<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Error::BadRequest(format!("an event id is a positive number, not {raw:?}")))
}

async fn event(
    State(st): State<AppState>,
    id: std::result::Result<Path<String>, PathRejection>,
) -> Result<Response> {
    let Path(id) = id.map_err(|e| Error::BadRequest(e.body_text()))?;
    let id = parse_id(&id)?;
    let x = st
        .read(move |s| match s.explain(id) {
            Err(hadath_store::Error::NoSuchEvent(_)) => {
                Err(Error::NotFound(format!("no event {id} in the store")))
            }
            r => Ok(r?),
        })
        .await?;
    let members: Vec<serde_json::Value> = x
        .members
        .iter()
        .map(|m| {
            json!({
                "doc_id": m.doc_id,
                "title": m.title,
                "published": m.published,
                "event": m.event,
                "evidence": m.evidence.iter().map(|(s, e, t)| json!({"start": s, "end": e, "text": t})).collect::<Vec<_>>(),
                "score": m.score,
                "reason": m.reason,
            })
        })
        .collect();
    Ok(Json(json!({
        "event": db::EventRow::from(x.event),
        "members": members,
    }))
    .into_response())
}

async fn documents(State(st): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let p = Params::parse(q, &["q", "limit", "offset"])?;
    let limit = p.number("limit", 100, 1, MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0, 10_000_000)?;
    let q = p.one("q");
    let page = st
        .read(move |s| db::documents(s, q.as_deref(), offset, limit))
        .await?;
    Ok(Json(page).into_response())
}

async fn document(
    State(st): State<AppState>,
    id: std::result::Result<Path<String>, PathRejection>,
) -> Result<Response> {
    let Path(id) = id.map_err(|e| Error::BadRequest(e.body_text()))?;
    if id.is_empty() || id.chars().count() > 500 {
        return Err(Error::BadRequest(
            "a document id has 1 to 500 characters".into(),
        ));
    }
    let d = st.read(move |s| db::document(s, &id)).await?;
    Ok(Json(d).into_response())
}

async fn actors(State(st): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let p = Params::parse(q, &with_filter(&["top"]))?;
    let f = p.filter(&st)?;
    let top = p.number("top", 40, 1, 500)?;
    let n = st.read(move |s| db::network(s, &f, top)).await?;
    Ok(Json(n).into_response())
}

async fn buckets(State(st): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let p = Params::parse(q, &with_filter(&["by"]))?;
    let f = p.filter(&st)?;
    let by = p.one("by").unwrap_or_else(|| "month".into());
    let by = hadath_core::Precision::parse(&by)
        .ok_or_else(|| Error::BadRequest(format!("by must be day, month or year, not {by:?}")))?;
    let b = st.read(move |s| db::buckets(s, &f, by)).await?;
    Ok(Json(b).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractBody {
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

async fn extract(
    State(st): State<AppState>,
    body: std::result::Result<Bytes, BytesRejection>,
) -> Result<Response> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge(format!(
                "the request body is over the limit of {} KiB",
                BODY_LIMIT / 1024
            ))
        } else {
            Error::BadRequest(format!("cannot read the request body: {e}"))
        }
    })?;
    let b: ExtractBody = serde_json::from_slice(&body).map_err(|e| {
        Error::BadRequest(format!(
            "the body must be JSON {{\"text\", \"title\"?, \"published\"?}}: {e}"
        ))
    })?;
    if !b.text.chars().any(char::is_alphanumeric) {
        return Err(Error::BadRequest(
            "the text is empty (it has no letters or digits)".into(),
        ));
    }
    let published = match b.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<jiff::civil::Date>()
                .map_err(|_| {
                    Error::BadRequest(format!(
                        "published must be a date like 2022-09-16, not {p:?}"
                    ))
                })?
                .to_string(),
        ),
    };
    let title = b
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let mut doc = Document {
        id: String::new(),
        text: b.text,
        title,
        published,
        published_unreadable: None,
        url: b.url.filter(|u| !u.trim().is_empty()),
        source: Some(b.source.unwrap_or_else(|| "pasted".into())),
    };
    doc.id = match b.id.map(|i| i.trim().to_string()).filter(|i| !i.is_empty()) {
        Some(id) if id.chars().count() <= 200 => id,
        Some(_) => return Err(Error::BadRequest("id has 200 characters at most".into())),
        None => format!("pasted-{}", &hadath_store::content_hash(&doc)[..16]),
    };
    let (doc, out) = st.extract(doc).await?;
    let r = st
        .write(move |store| {
            let put = store.put(&doc, &out)?;
            let stored_id = match &put.plan {
                hadath_store::Plan::Duplicate { of } => of.clone(),
                _ => doc.id.clone(),
            };
            let event_stories = db::stories_of_document(store, &stored_id)?;
            let mut stories = event_stories.clone();
            stories.sort_unstable();
            stories.dedup();
            let plan = match &put.plan {
                hadath_store::Plan::New => json!({"kind": "new"}),
                hadath_store::Plan::Replace { old_id } => {
                    json!({"kind": "replace", "old_id": old_id})
                }
                hadath_store::Plan::Unchanged => json!({"kind": "unchanged"}),
                hadath_store::Plan::Duplicate { of } => json!({"kind": "duplicate", "of": of}),
            };
            Ok(json!({
                "id": stored_id,
                "stored": put.changed(),
                "plan": plan,
                "events_stored": put.events,
                "new_stories": put.new_stories,
                "merged": put.merged,
                "stories": stories,
                "event_stories": event_stories,
                "output": out,
            }))
        })
        .await?;
    Ok((StatusCode::OK, Json(r)).into_response())
}

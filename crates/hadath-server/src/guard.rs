//! Guards around the whole application: writes only from this server's page or from clients
//! that send no `Origin` (and only JSON), bounded URIs and headers, request and body
//! timeouts, and a JSON `{"error"}` body on every error response.

use crate::{api, Error, Limits};
use axum::body::Body;
use axum::body::HttpBody as _;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

/// The longest request URI answered: longer gets `414`.
pub const MAX_URI: usize = 8 * 1024;

/// The most bytes of request headers answered: more gets `431`.
pub const MAX_HEADERS: usize = 32 * 1024;

/// The checks of every request, outermost first: JSON error bodies, URI and header sizes,
/// the same-origin check of writes.
pub(crate) fn checked(app: Router) -> Router {
    app.layer(middleware::from_fn(same_origin_writes))
        .layer(middleware::from_fn(sizes))
        .layer(middleware::from_fn(json_errors))
}

/// The timeouts of a served application, outermost first: security headers and JSON error
/// bodies (for the timeout's `503`), the request timeout, the body timeout.
pub(crate) fn timed(app: Router, limits: &Limits) -> Router {
    app.layer(RequestBodyTimeoutLayer::new(limits.body_timeout))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            limits.request_timeout,
        ))
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn(api::security_headers))
}

/// A write (any method but GET, HEAD, OPTIONS) must come from this server's own page or from
/// a client that sends no `Origin` (curl, scripts), and carry JSON: a form or text body from
/// another site's page is refused before it is read. JSON from another origin cannot be sent
/// without a CORS preflight, which this server never grants.
pub(crate) async fn same_origin_writes(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    if let Err(why) = write_allowed(&req) {
        return Error::Forbidden(why).into_response();
    }
    next.run(req).await
}

fn write_allowed(req: &Request) -> Result<(), String> {
    let h = req.headers();
    let text = |name| h.get(name).map(|v: &HeaderValue| v.to_str().unwrap_or("?"));
    if let Some(site) = text("sec-fetch-site") {
        if !matches!(site, "same-origin" | "none") {
            return Err(format!(
                "a write from another site ({site}) is refused; use this server's page or a \
                 client that sends no Origin"
            ));
        }
    }
    if let Some(origin) = text(header::ORIGIN.as_str()) {
        let host = text(header::HOST.as_str()).unwrap_or("");
        let own = !host.is_empty()
            && origin
                .strip_prefix("http://")
                .is_some_and(|o| o.eq_ignore_ascii_case(host));
        if !own {
            return Err(format!(
                "a write from origin {origin:?} is refused: only this server's own page \
                 (http://{host}) may write"
            ));
        }
    }
    let json = text(header::CONTENT_TYPE.as_str()).is_some_and(|ct| {
        ct.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json {
        return Err("a write must be JSON (Content-Type: application/json)".into());
    }
    Ok(())
}

/// `414` for a URI over [`MAX_URI`] bytes, `431` for headers over [`MAX_HEADERS`].
async fn sizes(req: Request, next: Next) -> Response {
    let uri = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if uri > MAX_URI {
        return json_error(
            StatusCode::URI_TOO_LONG,
            format!("the URI has {uri} bytes; {MAX_URI} at most"),
        );
    }
    let headers: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if headers > MAX_HEADERS {
        return json_error(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("the request headers have {headers} bytes; {MAX_HEADERS} at most"),
        );
    }
    next.run(req).await
}

fn json_error(status: StatusCode, msg: String) -> Response {
    (status, axum::Json(serde_json::json!({ "error": msg }))).into_response()
}

/// An error response without a body (a wrong method, a timeout) gets a JSON one; `503` gets
/// `Retry-After`.
async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        let mut res = fill(res);
        res.headers_mut()
            .entry(header::RETRY_AFTER)
            .or_insert(HeaderValue::from_static("1"));
        return res;
    }
    if status.is_client_error() || status.is_server_error() {
        return fill(res);
    }
    res
}

fn fill(res: Response) -> Response {
    if res.body().size_hint().exact() != Some(0) {
        return res;
    }
    let status = res.status();
    let msg = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            let allow = res
                .headers()
                .get(header::ALLOW)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            format!("method not allowed; this route takes {allow}")
        }
        StatusCode::SERVICE_UNAVAILABLE => "the request took too long; try again".to_string(),
        s => s.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let (mut parts, _) = res.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::json!({ "error": msg }).to_string();
    Response::from_parts(parts, Body::from(body))
}

//! The page's assets, embedded in the binary: no build step, no network. The map's libraries
//! and country outlines are vendored at pinned versions under `assets/vendor/` (see its
//! README.md for versions, provenance and licences).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The OpenAPI 3.0 description of the API.
pub(crate) const OPENAPI_JSON: &str = include_str!("../assets/openapi.json");

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const JSON: &str = "application/json";
const TEXT: &str = "text/plain; charset=utf-8";

/// Every file the page loads: its path, content type and body.
const FILES: &[(&str, &str, &str)] = &[
    ("/", HTML, include_str!("../assets/index.html")),
    ("/index.html", HTML, include_str!("../assets/index.html")),
    ("/app.js", JS, include_str!("../assets/app.js")),
    ("/map.js", JS, include_str!("../assets/map.js")),
    ("/app.css", CSS, include_str!("../assets/app.css")),
    (
        "/favicon.svg",
        "image/svg+xml",
        include_str!("../assets/favicon.svg"),
    ),
    (
        "/country-numeric.json",
        JSON,
        include_str!("../assets/country-numeric.json"),
    ),
    (
        "/vendor/leaflet.js",
        JS,
        include_str!("../assets/vendor/leaflet.js"),
    ),
    (
        "/vendor/leaflet.css",
        CSS,
        include_str!("../assets/vendor/leaflet.css"),
    ),
    (
        "/vendor/topojson-client.min.js",
        JS,
        include_str!("../assets/vendor/topojson-client.min.js"),
    ),
    (
        "/vendor/countries-50m.json",
        JSON,
        include_str!("../assets/vendor/countries-50m.json"),
    ),
    (
        "/vendor/README.md",
        TEXT,
        include_str!("../assets/vendor/README.md"),
    ),
    (
        "/vendor/LICENSE-leaflet.txt",
        TEXT,
        include_str!("../assets/vendor/LICENSE-leaflet.txt"),
    ),
    (
        "/vendor/LICENSE-topojson-client.txt",
        TEXT,
        include_str!("../assets/vendor/LICENSE-topojson-client.txt"),
    ),
    (
        "/vendor/LICENSE-world-atlas.txt",
        TEXT,
        include_str!("../assets/vendor/LICENSE-world-atlas.txt"),
    ),
];

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The routes of the page's files.
pub(crate) fn routes<S: Clone + Send + Sync + 'static>(mut router: Router<S>) -> Router<S> {
    for &(path, kind, body) in FILES {
        router = router.route(path, get(move || async move { asset(kind, body) }));
    }
    router
}

//! Security headers on every response. HTML pages carry their own CSP with a per-response
//! nonce (set by the app's shell); everything else gets a CSP that allows nothing.
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

const FALLBACK_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The service worker's own policy: a worker takes the CSP of its script, and this one must
/// fetch and cache the site's pages and files.
const WORKER_CSP: &str = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn set(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let worker = req.uri().path() == "/sw.js";
    let cache = crate::assets::cache_control(
        req.uri().path(),
        req.uri().query(),
        crate::assets::names(&state.leptos_options).hashed,
    );
    let mut res = next.run(req).await;
    if let Some(cache) = cache.filter(|_| res.status().is_success() || res.status() == 304) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    if worker {
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(WORKER_CSP),
        );
        // Always asked again, so a new worker reaches phones at their next visit.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    apply(res.headers_mut(), state.config.https());
    res
}

pub fn apply(h: &mut HeaderMap, https: bool) {
    let fixed: [(HeaderName, &'static str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
    ];
    for (name, value) in fixed {
        h.insert(name, HeaderValue::from_static(value));
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(FALLBACK_CSP),
        );
    }
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
}

//! Refuses state-changing requests sent from another site: the browser's `Origin` (or, when a
//! browser leaves it out, `Sec-Fetch-Site`) must name this site. Server functions included.
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::http::error::ApiError;
use crate::state::AppState;

pub async fn check(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_safe(req.method()) || same_site(req.headers(), state.config.public_origin().as_deref()) {
        return next.run(req).await;
    }
    let route = super::trace::Route::of(&req);
    tracing::warn!(target: super::security_log::TARGET, event = "cross_site", path = %route.as_str());
    let lang = super::session::request_lang(req.headers());
    if super::error::wants_json(req.uri().path()) {
        ApiError::foreign_origin(lang).into_response()
    } else {
        super::error::page(axum::http::StatusCode::FORBIDDEN, lang, "foreign_origin")
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True when nothing says the request came from another site. Clients that are not browsers
/// (scripts with a bearer token) send neither header and are let through: the session cookie,
/// the only thing a forged request could ride on, is SameSite=Lax besides.
pub fn same_site(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        return origin_matches(origin, headers, public_origin);
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => matches!(site, "same-origin" | "none"),
        None => true,
    }
}

fn origin_matches(origin: &str, headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if let Some(expected) = public_origin {
        return origin.eq_ignore_ascii_case(expected);
    }
    // Without a configured public URL, the Host the browser addressed is the site.
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, h)| h);
    matches!((host, origin_host), (Some(h), Some(o)) if h.eq_ignore_ascii_case(o))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_must_match_the_host() {
        assert!(same_site(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000")
            ]),
            None
        ));
        assert!(!same_site(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://evil.example")
            ]),
            None
        ));
        assert!(!same_site(
            &headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]),
            None
        ));
    }

    #[test]
    fn configured_public_origin_wins() {
        let h = headers(&[
            ("host", "10.0.0.5:3000"),
            ("origin", "https://hocvu.example.vn"),
        ]);
        assert!(same_site(&h, Some("https://hocvu.example.vn")));
        assert!(!same_site(&h, Some("https://other.example.vn")));
    }

    #[test]
    fn fetch_metadata_is_used_when_origin_is_missing() {
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            None
        ));
        assert!(!same_site(
            &headers(&[("sec-fetch-site", "same-site")]),
            None
        ));
        assert!(same_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            None
        ));
        assert!(
            same_site(&headers(&[]), None),
            "non-browser clients send neither"
        );
    }
}

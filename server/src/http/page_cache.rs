//! Reading pages as anonymous visitors get them, kept for a moment. A course or lesson page is
//! the same for every visitor without a session (per language), and a province's residents
//! sent to the same lesson would otherwise have it rendered, with its database reads, and
//! compressed, once each. Kept only: GET of a reading page (`app::reading`), no cookie but the
//! language one, no `Authorization`, an answer 200 in HTML without `Set-Cookie` and without a
//! CSP nonce (reading pages have no inline script, so their policy needs none). The copy is
//! the compressed response, by `Accept-Encoding`. Each copy lives as long as a looked-up
//! session (`HOCVU_SESSION_CACHE_MS`) and goes with the same clearing: any state-changing
//! request but an answer save makes every cache sharing the generation stale (sessions,
//! these pages, course content, progress).
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use service::generation::Generation;
use service::kept::Kept;

use super::cookies;
use crate::state::AppState;

/// Pages kept at most; past this the cache starts again empty.
const CAPACITY: usize = 2_000;
/// Larger pages are not kept.
const MAX_KEPT: usize = 512 * 1024;

/// Path and query, language, `Accept-Encoding`.
type Key = (String, Lang, String);

#[derive(Clone)]
struct Page {
    headers: HeaderMap,
    body: Bytes,
}

/// Kept pages by key; shared by every clone.
#[derive(Clone)]
pub struct PageCache(Kept<Key, Page>);

impl PageCache {
    pub fn new(ttl: Duration, generation: Generation) -> Self {
        Self(Kept::new(ttl, CAPACITY, generation))
    }

    fn get(&self, key: &Key, now: Instant) -> Option<Response> {
        self.0.get(key, now).map(|p| {
            let mut res = Response::new(Body::from(p.body));
            *res.headers_mut() = p.headers;
            res
        })
    }
}

pub async fn serve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(key) = cacheable(&req).filter(|_| !state.pages.0.ttl().is_zero()) else {
        return next.run(req).await;
    };
    let now = Instant::now();
    if let Some(res) = state.pages.get(&key, now) {
        return res;
    }
    // Taken before rendering: a page rendered across a clearing is never served.
    let stamp = state.pages.0.stamp(now);
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = match super::gzip::whole(body).await {
        Ok(bytes) => bytes,
        Err(status) => return status.into_response(),
    };
    if bytes.len() <= MAX_KEPT {
        let page = Page {
            headers: parts.headers.clone(),
            body: bytes.clone(),
        };
        state.pages.0.put(key, page, stamp);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The key of a request whose answer may be kept.
fn cacheable(req: &Request) -> Option<Key> {
    if req.method() != Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let path = req.uri().path();
    if !app::reading::is_reading_page(path) || !only_language_cookie(req.headers()) {
        return None;
    }
    let target = req.uri().path_and_query().map_or(path, |p| p.as_str());
    let encodings = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let lang = super::session::request_lang(req.headers());
    Some((target.to_owned(), lang, encodings.to_owned()))
}

/// No cookie at all, or only the language one: no session, no flash message.
fn only_language_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().all(|v| {
        v.to_str().is_ok_and(|s| {
            s.split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .all(|c| c.split('=').next() == Some(cookies::LANG_COOKIE))
        })
    })
}

/// A whole HTML page for everyone: no cookie set, no per-response nonce in its policy.
fn keepable(res: &Response) -> bool {
    let h = res.headers();
    let text = |name| {
        h.get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    res.status() == StatusCode::OK
        && text(header::CONTENT_TYPE).starts_with("text/html")
        && !h.contains_key(header::SET_COOKIE)
        && h.contains_key(header::CONTENT_SECURITY_POLICY)
        && !text(header::CONTENT_SECURITY_POLICY).contains("'nonce-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn request(path: &str, cookie: Option<&str>) -> Request {
        let mut b = Request::builder()
            .uri(path)
            .header(header::ACCEPT_ENCODING, "gzip");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    }

    fn key(path: &str, lang: Lang) -> Option<Key> {
        Some((path.to_owned(), lang, "gzip".to_owned()))
    }

    #[test]
    fn only_anonymous_gets_of_reading_pages_are_kept() {
        let lesson = "/khoa-hoc/KNS-AT-01/bai/3?x=1";
        assert_eq!(cacheable(&request(lesson, None)), key(lesson, Lang::Vi));
        let en = cacheable(&request("/khoa-hoc", Some("lang=en")));
        assert_eq!(en, key("/khoa-hoc", Lang::En));
        for (path, cookie) in [
            ("/khoa-hoc", Some("hv_session=abc")),
            ("/khoa-hoc", Some("lang=vi; hv_flash=x")),
            ("/dang-nhap", None),
            ("/bai-lam/3", None),
        ] {
            assert_eq!(cacheable(&request(path, cookie)), None, "{path} {cookie:?}");
        }
        let mut post = request("/khoa-hoc", None);
        *post.method_mut() = Method::POST;
        assert_eq!(cacheable(&post), None);
        let mut token = request("/khoa-hoc", None);
        let bearer = HeaderValue::from_static("Bearer x");
        token.headers_mut().insert(header::AUTHORIZATION, bearer);
        assert_eq!(cacheable(&token), None);
    }

    fn response(csp: &str, cookie: bool) -> Response {
        let mut res = Response::new(Body::empty());
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(csp).unwrap(),
        );
        if cookie {
            h.insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
        }
        res
    }

    #[test]
    fn pages_with_a_nonce_or_a_cookie_are_not_kept() {
        assert!(keepable(&response("script-src 'self'", false)));
        assert!(!keepable(&response(
            "script-src 'self' 'nonce-Xk2G7Wmdp6nvlwxAim345Q'",
            false
        )));
        assert!(!keepable(&response("script-src 'self'", true)));
        let mut missing = response("script-src 'self'", false);
        *missing.status_mut() = StatusCode::NOT_FOUND;
        assert!(!keepable(&missing));
    }
}

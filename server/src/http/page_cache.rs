//! Reading pages as anonymous visitors get them, kept for a moment. A course or lesson page is
//! the same for every visitor without a session (per language), and a province's residents
//! sent to the same lesson would otherwise have it rendered, with its database reads, once
//! each. Kept only: GET of a reading page (`app::reading`), no cookie but the language one, no
//! `Authorization`, an answer 200 in HTML without `Set-Cookie`. Each copy lives as long as a
//! looked-up session (`HOCVU_SESSION_CACHE_MS`) and goes with the same clearing: any
//! state-changing request but an answer save empties both.
//!
//! The page's CSP nonce is per response: the copy keeps a placeholder where the nonce was, and
//! each response gets a fresh one in the body and the header alike.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use domain::Lang;

use super::cookies;
use crate::state::AppState;

/// Pages kept at most; past this the cache starts again empty.
const CAPACITY: usize = 2_000;
/// Larger pages are not kept.
const MAX_KEPT: usize = 512 * 1024;
/// A page is read whole to be kept; none comes near this.
const MAX_READ: usize = 16 * 1024 * 1024;
/// Stands for the nonce in a kept page; never in a real page (a NUL cannot be in HTML text).
const PLACEHOLDER: &str = "\u{0}nonce\u{0}";

struct Page {
    headers: HeaderMap,
    /// The nonce the headers were sent with (the body has the placeholder instead).
    nonce: String,
    body: String,
    until: Instant,
    epoch: u64,
}

#[derive(Clone, Default)]
pub struct PageCache {
    map: Arc<Mutex<HashMap<(String, Lang), Page>>>,
    ttl: Duration,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            ..Self::default()
        }
    }

    fn get(&self, key: &(String, Lang), epoch: u64, now: Instant) -> Option<Response> {
        let map = self.lock();
        let p = map.get(key)?;
        (p.epoch == epoch && now < p.until).then(|| with_fresh_nonce(p))
    }

    fn put(&self, key: (String, Lang), page: Page) {
        let mut map = self.lock();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(key, page);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, Lang), Page>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub async fn serve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(key) = cacheable(&req).filter(|_| !state.pages.ttl.is_zero()) else {
        return next.run(req).await;
    };
    // Taken before rendering: a page rendered across a clearing is never served.
    let epoch = state.actors.epoch();
    let now = Instant::now();
    if let Some(res) = state.pages.get(&key, epoch, now) {
        return res;
    }
    let res = next.run(req).await;
    if !keepable(&res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_READ).await else {
        return error_response();
    };
    let Ok(html) = String::from_utf8(bytes.to_vec()) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if let Some(nonce) = nonce_of(&parts.headers).filter(|_| html.len() <= MAX_KEPT) {
        let page = Page {
            headers: parts.headers.clone(),
            body: html.replace(&nonce, PLACEHOLDER),
            nonce,
            until: now + state.pages.ttl,
            epoch,
        };
        state.pages.put(key, page);
    }
    Response::from_parts(parts, Body::from(html))
}

/// The key of a request whose answer may be kept: path and query, language.
fn cacheable(req: &Request) -> Option<(String, Lang)> {
    if req.method() != Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let path = req.uri().path();
    if !app::reading::is_reading_page(path) || !only_language_cookie(req.headers()) {
        return None;
    }
    let key = req.uri().path_and_query().map_or(path, |p| p.as_str());
    Some((key.to_owned(), super::session::request_lang(req.headers())))
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

fn keepable(res: &Response) -> bool {
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    res.status() == StatusCode::OK
        && html
        && !res.headers().contains_key(header::SET_COOKIE)
        && !res.headers().contains_key(header::CONTENT_ENCODING)
}

/// The nonce of the page's CSP header (`'nonce-…'`).
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let len = csp[start..].find('\'')?;
    Some(csp[start..start + len].to_owned()).filter(|n| n.len() >= 16)
}

/// The kept page with a nonce of its own, in the body and in the CSP header.
fn with_fresh_nonce(page: &Page) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    let mut headers = page.headers.clone();
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.replace(&page.nonce, &nonce));
    if let Some(v) = csp.and_then(|c| HeaderValue::from_str(&c).ok()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    headers.remove(header::CONTENT_LENGTH);
    let body = Bytes::from(page.body.replace(PLACEHOLDER, &nonce));
    let mut res = Response::new(Body::from(body));
    *res.headers_mut() = headers;
    res
}

fn error_response() -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, cookie: Option<&str>) -> Request {
        let mut b = Request::builder().uri(path);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_gets_of_reading_pages_are_kept() {
        let key = cacheable(&request("/khoa-hoc/KNS-AT-01/bai/3?x=1", None));
        assert_eq!(
            key,
            Some(("/khoa-hoc/KNS-AT-01/bai/3?x=1".to_owned(), Lang::Vi))
        );
        let en = cacheable(&request("/khoa-hoc", Some("lang=en")));
        assert_eq!(en, Some(("/khoa-hoc".to_owned(), Lang::En)));
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
        token
            .headers_mut()
            .insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer x"));
        assert_eq!(cacheable(&token), None);
    }

    #[tokio::test]
    async fn each_copy_gets_its_own_nonce_in_body_and_header() {
        let mut headers = HeaderMap::new();
        let csp = "script-src 'self' 'nonce-Xk2G7Wmdp6nvlwxAim345Q'";
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
        );
        let page = Page {
            headers,
            nonce: "Xk2G7Wmdp6nvlwxAim345Q".to_owned(),
            body: format!("<script nonce=\"{PLACEHOLDER}\">x</script>"),
            until: Instant::now(),
            epoch: 0,
        };
        let (a, b) = (with_fresh_nonce(&page), with_fresh_nonce(&page));
        let (na, nb) = (
            nonce_of(a.headers()).unwrap(),
            nonce_of(b.headers()).unwrap(),
        );
        assert_ne!(na, nb);
        assert_ne!(na, page.nonce);
        let body = axum::body::to_bytes(a.into_body(), 1024).await.unwrap();
        assert_eq!(
            String::from_utf8(body.to_vec()).unwrap(),
            format!("<script nonce=\"{na}\">x</script>")
        );
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; script-src 'self' 'nonce-Xk2G7Wmdp6nvlwxAim345Q' 'wasm-unsafe-eval'"),
        );
        assert_eq!(nonce_of(&h).as_deref(), Some("Xk2G7Wmdp6nvlwxAim345Q"));
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'"),
        );
        assert_eq!(nonce_of(&h), None);
    }
}

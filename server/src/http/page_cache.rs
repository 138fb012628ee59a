//! Reading pages as anonymous visitors get them, kept for a moment. A course or lesson page is
//! the same for every visitor without a session (per language), and a province's residents
//! sent to the same lesson would otherwise have it rendered, with its database reads, and
//! compressed, once each. Kept only: GET of a reading page (`app::reading`), no cookie but the
//! language one, no `Authorization`, an answer 200 in HTML without `Set-Cookie` and without a
//! CSP nonce (reading pages have no inline script, so their policy needs none). The copy is
//! the compressed response or not, as the visitor accepts gzip. Only the query parameters the
//! reading pages read make a copy of its own ([`query_key`]); a request with any other, or
//! with a value no page draws differently (a search text), is answered but not kept, so junk in
//! the query cannot fill the cache. At most [`CAPACITY`] pages and [`BUDGET`] bytes are kept.
//! Each copy lives as long as a looked-up session (`HOCVU_SESSION_CACHE_MS`) and goes with the
//! same clearing (`super::clearing`): a write that succeeded makes every cache sharing the
//! generation stale (sessions, these pages, course content, progress).
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use domain::learning::{Audience, CompetenceDomain};
use service::cache::epoch::Generation;
use service::cache::map::Kept;

use super::cookies;

/// Pages kept at most; past this the cache starts again empty.
pub const CAPACITY: usize = 2_000;
/// Bytes kept at most; past this the cache starts again empty.
pub const BUDGET: usize = 64 * 1024 * 1024;
/// Larger pages are not kept.
const MAX_KEPT: usize = 512 * 1024;

/// Path, the query parameters read (in a fixed order), language, gzip accepted.
type Key = (String, String, Lang, bool);

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
        Self(Kept::new("pages", ttl, CAPACITY, generation).with_budget(BUDGET))
    }

    /// How many pages are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no page is kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn get(&self, key: &Key, now: Instant) -> Option<Response> {
        self.0.get(key, now).map(|p| {
            let mut res = Response::new(Body::from(p.body));
            *res.headers_mut() = p.headers;
            res
        })
    }
}

pub async fn serve(State(pages): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(key) = cacheable(&req).filter(|_| !pages.0.ttl().is_zero()) else {
        return next.run(req).await;
    };
    let now = Instant::now();
    if let Some(res) = pages.get(&key, now) {
        return res;
    }
    // Taken before rendering: a page rendered across a clearing is never served.
    let stamp = pages.0.stamp(now);
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
        let weight = page.body.len();
        let life = pages.0.ttl();
        pages.0.put_weighing(key, page, stamp, life, weight);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The key of a request whose answer may be kept.
fn cacheable(req: &Request) -> Option<Key> {
    if req.method() != Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let path = req.uri().path();
    if !app::paths::is_reading_page(path) || !only_language_cookie(req.headers()) {
        return None;
    }
    let query = query_key(req.uri().query().unwrap_or_default())?;
    let gzip = super::gzip::accepts_gzip(req.headers());
    let lang = super::session::request_lang(req.headers());
    Some((path.to_owned(), query, lang, gzip))
}

/// The query parameters that reading pages read, each once, with a value they draw, in a fixed
/// order: the catalogue's filters (`audience`, `domain`, an empty search `q`), the practice
/// set's `ket-qua` and the home page's `da-xoa-tai-khoan` marks. `None` (not kept) for any other
/// parameter, a search text, a value no filter knows, or a parameter given twice.
fn query_key(query: &str) -> Option<String> {
    let mut read: Vec<(String, String)> = Vec::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let drawn = match &*name {
            "q" => value.is_empty(),
            "audience" => value.is_empty() || Audience::parse(&value).is_some(),
            "domain" => value.is_empty() || CompetenceDomain::parse(&value).is_some(),
            "ket-qua" | "da-xoa-tai-khoan" => matches!(&*value, "" | "1"),
            _ => false,
        };
        if !drawn || read.iter().any(|(n, _)| *n == name) {
            return None;
        }
        read.push((name.into_owned(), value.into_owned()));
    }
    read.sort();
    Some(
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(read)
            .finish(),
    )
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
        Some((path.to_owned(), String::new(), lang, true))
    }

    #[test]
    fn only_anonymous_gets_of_reading_pages_are_kept() {
        let lesson = "/khoa-hoc/KNS-AT-01/bai/3";
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

    #[test]
    fn only_the_parameters_pages_read_are_in_the_key() {
        let query = |q: &str| {
            let path = format!("/khoa-hoc?{q}");
            cacheable(&request(&path, None)).map(|k| k.1)
        };
        assert_eq!(query(""), Some(String::new()));
        let both = Some("audience=everyone&domain=du_lieu".to_owned());
        assert_eq!(query("domain=du_lieu&audience=everyone"), both);
        assert_eq!(query("audience=everyone&domain=du_lieu"), both);
        assert_eq!(
            query("q=&audience=&domain="),
            Some("audience=&domain=&q=".to_owned())
        );
        assert_eq!(query("ket-qua=1"), Some("ket-qua=1".to_owned()));
        for junk in [
            "x=1",
            "utm_source=a",
            "q=an+toan",
            "audience=nobody",
            "domain=du_lieu&domain=du_lieu",
            "ket-qua=2",
            "da-xoa-tai-khoan=abc",
        ] {
            assert_eq!(query(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_encoding_in_the_key_is_whether_gzip_is_accepted() {
        let with = |enc: &'static str| {
            let mut r = request("/khoa-hoc", None);
            r.headers_mut()
                .insert(header::ACCEPT_ENCODING, HeaderValue::from_static(enc));
            cacheable(&r).map(|k| k.3)
        };
        assert_eq!(with("gzip, deflate, br"), Some(true));
        assert_eq!(with("br;q=1, gzip;q=0.5, junk-1"), Some(true));
        assert_eq!(with("identity"), Some(false));
        assert_eq!(with("gzip;q=0"), Some(false));
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

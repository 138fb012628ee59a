//! Pages without wasm compressed whole, from pieces compressed once. tower-http's compression
//! builds a new gzip encoder for every response, and zlib-rs allocates and zeroes a window and
//! hash tables of several hundred kilobytes for each: a tenth of a signed-in lesson page's
//! server time (perf). A page without wasm (`app::paths::needs_wasm` false: the reading pages,
//! a quiz attempt's question, sign-in, the officers' lists) is rendered whole before it is sent
//! (`SsrMode::Async`), so it is read here, compressed in one call (`super::gzip_pieces`: the
//! pieces seen before are copied, the rest compressed by this thread's encoder) and sent with
//! its length. Every other response (streamed pages, API, exports) goes on to tower-http's
//! layer, which skips what already carries a `Content-Encoding`.
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Pages smaller than this are sent as they are: gzip's frame would outweigh the gain.
const MIN_BYTES: usize = 256;
/// A rendered page is read whole; none comes near this.
const MAX_READ: usize = 16 * 1024 * 1024;

pub async fn whole_pages(req: Request, next: Next) -> Response {
    let wanted = req.method() == Method::GET
        && accepts_gzip(req.headers())
        && !app::paths::needs_wasm(req.uri().path());
    let res = next.run(req).await;
    if !wanted || !compressible(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let page = match whole(body).await {
        Ok(page) => page,
        Err(status) => return status.into_response(),
    };
    let h = &mut parts.headers;
    h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if page.len() < MIN_BYTES {
        return Response::from_parts(parts, Body::from(page));
    }
    let gz = gzip(&page);
    h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(gz.len()));
    Response::from_parts(parts, Body::from(gz))
}

/// A rendered page's body, read whole (to be compressed or kept); a page that cannot be read
/// is answered with an empty 500, its cause logged.
pub async fn whole(body: Body) -> Result<Bytes, StatusCode> {
    axum::body::to_bytes(body, MAX_READ).await.map_err(|e| {
        tracing::error!(error = %e, "a rendered page could not be read whole");
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// An HTML answer not yet encoded.
fn compressible(res: &Response) -> bool {
    let h = res.headers();
    !h.contains_key(header::CONTENT_ENCODING)
        && h.get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
}

/// True when `Accept-Encoding` names gzip (or `*`) with a weight above zero.
pub(super) fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut fields = item.split(';').map(str::trim);
            let name = fields.next().unwrap_or_default();
            let weight = fields
                .find_map(|f| f.strip_prefix("q=").or_else(|| f.strip_prefix("Q=")))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok());
            ["gzip", "x-gzip", "*"]
                .iter()
                .any(|g| name.eq_ignore_ascii_case(g))
                && weight.is_some_and(|q| q > 0.0)
        })
}

/// `data` as one gzip member (`super::gzip_pieces`).
fn gzip(data: &[u8]) -> Bytes {
    Bytes::from(super::gzip_pieces::gzip(data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::gzip_pieces::tests::gunzip;

    fn headers(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        h
    }

    #[test]
    fn gzip_is_accepted_only_with_a_weight_above_zero() {
        for yes in [
            "gzip",
            "br, gzip, deflate",
            "GZIP;q=0.5",
            "*",
            "x-gzip",
            "br;q=1, gzip;q=0.001",
        ] {
            assert!(accepts_gzip(&headers(yes)), "{yes}");
        }
        for no in [
            "br",
            "gzip;q=0",
            "identity",
            "gzip;q=0.0, br",
            "gzipx",
            "gzip;q=zero",
        ] {
            assert!(!accepts_gzip(&headers(no)), "{no}");
        }
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn pages_one_after_another_read_back_whole() {
        let page = "<p>Bài học số hoá: mật khẩu mạnh, xác thực hai lớp.</p>".repeat(400);
        let other: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        for data in [page.as_bytes(), &other, b"", page.as_bytes()] {
            let gz = gzip(data);
            assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip member");
            assert_eq!(gunzip(&gz), data);
        }
        assert!(gzip(page.as_bytes()).len() < page.len() / 10);
    }
}

//! Every request in a span: a fresh request id, the route template (axum's `MatchedPath`, never
//! the raw path, which can hold certificate codes and staff codes) and the method; once answered,
//! one line with the status and the latency, and the request counted in `/metrics`. Whatever is
//! logged while the request is handled (an internal error, a panic, a security event) is logged
//! inside the span, so it carries the id. The id goes back in `x-request-id` on every answer and
//! on the HTML error pages, for a user to quote to support.
//!
//! The id is always made here: an `x-request-id` sent by the client is ignored, so nobody can
//! make a request share the id of another one in the log.
use std::fmt;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::state::AppState;

/// The response header that carries the request id.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The log target of the one line per answered request: `HOCVU_LOG=info,request=warn` drops
/// them and keeps everything else.
pub const TARGET: &str = "request";

/// The route of a request that no route matched: static files and pages not found.
pub const FALLBACK: &str = "fallback";

/// 16 hexadecimal digits (64 random bits), made per request. `Copy`: no allocation to pass on.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestId([u8; 16]);

impl RequestId {
    pub fn new() -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bits: u64 = rand::random();
        let mut out = [0u8; 16];
        for (i, b) in out.iter_mut().enumerate() {
            *b = HEX[((bits >> (60 - 4 * i)) & 0xf) as usize];
        }
        RequestId(out)
    }

    pub fn as_str(&self) -> &str {
        // Always ASCII hexadecimal digits.
        std::str::from_utf8(&self.0).unwrap_or("-")
    }

    fn header_value(&self) -> HeaderValue {
        HeaderValue::from_bytes(&self.0).unwrap_or(HeaderValue::from_static("-"))
    }
}

impl Default for RequestId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

tokio::task_local! {
    /// The id of the request the current task is answering, for the error pages, which are
    /// drawn in many places without the request at hand.
    static CURRENT: RequestId;
}

/// The id of the request being answered, when called while answering one.
pub fn current() -> Option<RequestId> {
    CURRENT.try_with(|id| *id).ok()
}

/// The route a request is counted and logged under.
#[derive(Clone)]
pub enum Route {
    Matched(MatchedPath),
    Fixed(&'static str),
}

impl Route {
    pub fn of(req: &Request) -> Route {
        match req.extensions().get::<MatchedPath>() {
            Some(path) => Route::Matched(path.clone()),
            // `/metrics` is answered in front of the router (`http::metrics::gate`).
            None if req.uri().path() == "/metrics" => Route::Fixed("/metrics"),
            None => Route::Fixed(FALLBACK),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Route::Matched(path) => path.as_str(),
            Route::Fixed(s) => s,
        }
    }
}

/// The outermost layer: the span, the id, the line, the count.
pub async fn request(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = RequestId::new();
    let route = Route::of(&req);
    let method = req.method().clone();
    req.extensions_mut().insert(id);
    let span = tracing::info_span!(
        "request",
        id = %id,
        route = %route.as_str(),
        method = %method,
    );
    let mut res = CURRENT
        .scope(id, next.run(req))
        .instrument(span.clone())
        .await;
    let took = started.elapsed();
    let status = res.status();
    state
        .metrics
        .requests
        .record(route.as_str(), &method, status, took);
    res.headers_mut().insert(HEADER, id.header_value());
    let ms = format_args!("{:.3}", took.as_secs_f64() * 1e3);
    span.in_scope(|| {
        if noteworthy(status, took) {
            tracing::info!(target: TARGET, status = status.as_u16(), %ms, "answered");
        } else {
            tracing::debug!(target: TARGET, status = status.as_u16(), %ms, "answered");
        }
    });
    res
}

/// An answer slower than this is logged whatever its status.
const SLOW: std::time::Duration = std::time::Duration::from_secs(1);

/// Answers worth a line at info: a refusal or a failure (its id is on the page the user
/// quotes), or a slow one. The others are logged at debug: a line per answered request cost
/// about a tenth of a signed-in lesson page's server time (`bench/README.md`), and their counts
/// and latencies are in `/metrics`.
fn noteworthy(status: StatusCode, took: std::time::Duration) -> bool {
    status.is_client_error() || status.is_server_error() || took >= SLOW
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_failures_and_slow_answers_are_noteworthy() {
        let quick = std::time::Duration::from_millis(3);
        assert!(!noteworthy(StatusCode::OK, quick));
        assert!(!noteworthy(StatusCode::SEE_OTHER, quick));
        assert!(noteworthy(StatusCode::NOT_FOUND, quick));
        assert!(noteworthy(StatusCode::INTERNAL_SERVER_ERROR, quick));
        assert!(noteworthy(StatusCode::OK, SLOW));
    }

    #[test]
    fn ids_are_sixteen_hex_digits_and_differ() {
        let (a, b) = (RequestId::new(), RequestId::new());
        assert_ne!(a, b);
        for id in [a, b] {
            assert_eq!(id.as_str().len(), 16);
            assert!(id.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
            assert_eq!(id.header_value().to_str().unwrap(), id.as_str());
        }
    }

    #[tokio::test]
    async fn the_current_id_is_known_only_inside_its_request() {
        assert_eq!(current(), None);
        let id = RequestId::new();
        let seen = CURRENT.scope(id, async { current() }).await;
        assert_eq!(seen, Some(id));
    }
}

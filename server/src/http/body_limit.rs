//! Request bodies a stranger can hold the server with. A body announced (`Content-Length`)
//! larger than its route accepts is refused 413 before a byte of it is read, instead of the
//! server waiting for megabytes it would refuse; a body that stops coming for
//! `HOCVU_BODY_TIMEOUT_MS` is answered 408. The limits are the routes' own (`DefaultBodyLimit`
//! in the router and on the upload routes of `crate::api`), listed in [`limit_for`].
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONNECTION, CONTENT_LENGTH};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use tokio::time::Sleep;

use crate::http::error::ApiError;
use crate::state::AppState;

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = limit_for(req.method(), req.uri().path(), state.config.max_body_bytes);
    if announced(req.headers()).is_some_and(|length| length > limit as u64) {
        return refuse(&req, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    }
    let (parts, body) = req.into_parts();
    let stalled = Arc::new(AtomicBool::new(false));
    let idle = Duration::from_millis(state.config.body_timeout_ms);
    let body = Body::new(Idle::new(body, idle, stalled.clone()));
    let lang = super::session::request_lang(&parts.headers);
    let path = parts.uri.path().to_owned();
    let res = next.run(Request::from_parts(parts, body)).await;
    if stalled.load(Ordering::Acquire) {
        return closing(refusal(
            &path,
            lang,
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
        ));
    }
    res
}

/// The body limit of the import routes (units, roster, records): a spreadsheet of a province.
pub const IMPORT_BODY_LIMIT: usize = 50 * 1024 * 1024;
/// A bank file is text: a few megabytes hold thousands of questions.
pub const BANK_BODY_LIMIT: usize = 10 * 1024 * 1024;
/// A multipart form's own bytes around its file: boundaries, headers, the other fields.
pub const FORM_ROOM: usize = 64 * 1024;
/// The body limit of a lesson file's upload: the file's own limit and a little room.
pub const UPLOAD_BODY_LIMIT: usize = service::author::attachments::MAX_BYTES + 1024;

/// The body limit of a lesson's recorded voice.
pub const VOICE_BODY_LIMIT: usize = service::speech::store::MAX_VOICE_BYTES + 1024;

/// The body limit of a lesson's video file.
pub const VIDEO_BODY_LIMIT: usize = service::video::store::MAX_BYTES + 1024;

/// The largest body the route of `path` reads: the upload routes' own, else the default.
pub fn limit_for(method: &Method, path: &str, default: usize) -> usize {
    if *method != Method::POST {
        return default;
    }
    match path {
        "/api/v1/units/import"
        | "/api/v1/roster/import"
        | "/api/v1/training-records/import"
        | "/api/v1/assessment-results/import" => IMPORT_BODY_LIMIT,
        "/api/v1/questions/import" => BANK_BODY_LIMIT,
        // The import pages' plain forms: the same file, and room for the form around it.
        app::paths::HR_IMPORT => IMPORT_BODY_LIMIT + FORM_ROOM,
        app::paths::AUTHOR_BANK => BANK_BODY_LIMIT + FORM_ROOM,
        _ if is_attachment_upload(path) => UPLOAD_BODY_LIMIT,
        _ if is_lesson_upload(path, "/voice") => VOICE_BODY_LIMIT,
        _ if is_lesson_upload(path, "/video") => VIDEO_BODY_LIMIT,
        _ => default,
    }
}

/// `/api/v1/courses/{code}/attachments`.
fn is_attachment_upload(path: &str) -> bool {
    path.strip_prefix("/api/v1/courses/")
        .and_then(|rest| rest.strip_suffix("/attachments"))
        .is_some_and(|code| !code.is_empty() && !code.contains('/'))
}

/// `/api/v1/lessons/{id}/voice` or `/video`: `what` after the id.
fn is_lesson_upload(path: &str, what: &str) -> bool {
    path.strip_prefix("/api/v1/lessons/")
        .and_then(|rest| rest.strip_suffix(what))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The length a request announces.
fn announced(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn refuse(req: &Request, status: StatusCode, code: &str) -> Response {
    let lang = super::session::request_lang(req.headers());
    closing(refusal(req.uri().path(), lang, status, code))
}

/// The API and server functions get JSON, pages the HTML error page.
fn refusal(path: &str, lang: domain::Lang, status: StatusCode, code: &str) -> Response {
    if super::error::wants_json(path) {
        ApiError::new(status, code, lang).into_response()
    } else {
        super::error::page(status, lang, code)
    }
}

/// The rest of the body is never read: the connection ends with the answer.
fn closing(mut res: Response) -> Response {
    res.headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    res
}

/// The body stopped coming.
#[derive(Debug)]
struct Stalled;

impl std::fmt::Display for Stalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body stopped coming")
    }
}

impl std::error::Error for Stalled {}

/// A request body that fails when no piece of it comes for `idle`, and says so in `stalled`
/// (the handler turns the failure into its own refusal, which [`guard`] replaces by a 408).
struct Idle {
    inner: Body,
    idle: Duration,
    timer: Option<Pin<Box<Sleep>>>,
    stalled: Arc<AtomicBool>,
}

impl Idle {
    fn new(inner: Body, idle: Duration, stalled: Arc<AtomicBool>) -> Self {
        Idle {
            inner,
            idle,
            timer: None,
            stalled,
        }
    }
}

impl http_body::Body for Idle {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            this.timer = None;
            return Poll::Ready(frame);
        }
        let idle = this.idle;
        let timer = this
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
        if timer.as_mut().poll(cx).is_ready() {
            this.stalled.store(true, Ordering::Release);
            return Poll::Ready(Some(Err(axum::Error::new(Stalled))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: usize = 2 * 1024 * 1024;

    #[test]
    fn upload_routes_have_their_own_limits() {
        let post = Method::POST;
        assert_eq!(limit_for(&post, "/dang-nhap", DEFAULT), DEFAULT);
        assert_eq!(
            limit_for(&post, "/api/v1/roster/import", DEFAULT),
            IMPORT_BODY_LIMIT
        );
        assert_eq!(
            limit_for(&post, "/api/v1/questions/import", DEFAULT),
            BANK_BODY_LIMIT
        );
        assert_eq!(
            limit_for(&post, "/api/v1/courses/KNS-01/attachments", DEFAULT),
            UPLOAD_BODY_LIMIT
        );
        assert_eq!(
            limit_for(&post, "/api/v1/courses/a/b/attachments", DEFAULT),
            DEFAULT
        );
        assert_eq!(
            limit_for(&Method::GET, "/api/v1/roster/import", DEFAULT),
            DEFAULT
        );
    }

    #[test]
    fn the_announced_length_is_read() {
        let mut h = HeaderMap::new();
        assert_eq!(announced(&h), None);
        h.insert(CONTENT_LENGTH, HeaderValue::from_static("67108864"));
        assert_eq!(announced(&h), Some(64 * 1024 * 1024));
    }

    /// A body that sends one piece, then nothing ever again.
    struct Stuck(bool);

    impl http_body::Body for Stuck {
        type Data = Bytes;
        type Error = axum::Error;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
            if std::mem::replace(&mut self.0, true) {
                return Poll::Pending;
            }
            Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b"login=")))))
        }
    }

    #[tokio::test]
    async fn a_body_that_stops_coming_fails_and_says_so() {
        let stalled = Arc::new(AtomicBool::new(false));
        let idle = Idle::new(
            Body::new(Stuck(false)),
            Duration::from_millis(50),
            stalled.clone(),
        );
        assert!(
            axum::body::to_bytes(Body::new(idle), usize::MAX)
                .await
                .is_err()
        );
        assert!(stalled.load(Ordering::Acquire));
    }

    #[tokio::test]
    async fn a_whole_body_is_read_as_it_is() {
        let stalled = Arc::new(AtomicBool::new(false));
        let idle = Idle::new(
            Body::from("login=an"),
            Duration::from_millis(50),
            stalled.clone(),
        );
        let bytes = axum::body::to_bytes(Body::new(idle), usize::MAX)
            .await
            .unwrap();
        assert_eq!(&bytes[..], b"login=an");
        assert!(!stalled.load(Ordering::Acquire));
    }
}

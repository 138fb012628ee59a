//! A server function posted by a plain form, on a page that has no wasm: Leptos answers with a
//! redirect back to the page it came from (an error rides in that URL, `__err`, and the page's
//! `ServerAction` reads it), but what the action answered is lost on the way. This keeps a
//! successful answer in a one-minute cookie for the page it returns to, which shows it as the
//! action's value (`app::components::form::form_action`), and answers 303 See Other.
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// An answer larger than this is not kept (a cookie holds about 4 KB).
const MOST: usize = 2_048;

pub async fn keep(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_plain_form_post(&req) {
        return next.run(req).await;
    }
    let path = req.uri().path().to_owned();
    let res = next.run(req).await;
    if res.status() != StatusCode::FOUND || failed(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let answer = to_bytes(body, MOST).await.ok();
    let kept = app::api::session::FormResult {
        path,
        answer: answer.and_then(|b| String::from_utf8(b.to_vec()).ok()),
    };
    parts.headers.append(
        SET_COOKIE,
        super::cookies::result_set(kept.encode(), state.config.https()),
    );
    parts.status = StatusCode::SEE_OTHER;
    // Leptos leaves a `?` where it took the last error out of the page's query.
    let back = parts.headers.get(LOCATION).and_then(|v| v.to_str().ok());
    if let Some(trimmed) = back.and_then(|l| l.strip_suffix('?'))
        && let Ok(v) = HeaderValue::from_str(trimmed)
    {
        parts.headers.insert(LOCATION, v);
    }
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.remove(CONTENT_TYPE);
    Response::from_parts(parts, Body::empty())
}

/// A browser's own form submission to a server function: it asks for a page, not for data
/// (the wasm's calls ask for JSON).
fn is_plain_form_post(req: &Request) -> bool {
    req.method() == Method::POST
        && req.uri().path().starts_with("/_sf/")
        && req
            .headers()
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
}

/// Leptos sends a failed call back with the error in the page's query.
fn failed(res: &Response) -> bool {
    res.headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.contains("__err="))
}

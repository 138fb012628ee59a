//! A server function called with arguments it cannot read answers 400, not the 500 Leptos
//! gives every server-function error: the fault is the caller's, and a 500 would set off the
//! alarms meant for the server's own. The answer keeps the error's kind (the page's decoder
//! reads `Kind|message`) but not the decoder's words about the fields it expected.
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;

/// The header Leptos marks a server function's error answer with.
const ERROR_HEADER: &str = "serverfnerror";
/// An error answer is a short text; more is not one of them.
const MOST: usize = 64 * 1024;

pub async fn bad_arguments(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key(ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MOST).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Some(kind) = callers_fault(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.status = StatusCode::BAD_REQUEST;
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(format!("{kind}|invalid_input")))
}

/// The kind of a server-function error that the caller's arguments caused, if it is one.
fn callers_fault(body: &[u8]) -> Option<&'static str> {
    let kind = body.split(|b| *b == b'|').next()?;
    match kind {
        b"Args" => Some("Args"),
        b"Deserialization" => Some("Deserialization"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::callers_fault;

    #[test]
    fn only_errors_of_the_arguments_are_the_callers() {
        assert_eq!(callers_fault(b"Args|missing field `code`"), Some("Args"));
        assert_eq!(
            callers_fault(b"Deserialization|bad"),
            Some("Deserialization")
        );
        assert_eq!(callers_fault(b"ServerError|internal"), None);
        assert_eq!(callers_fault(b""), None);
    }
}

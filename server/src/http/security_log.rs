//! Security events in the log (ASVS V16.3), without personal data (V16.4): every request
//! refused past the body guard (401, 403, 408, 413, 429: CSRF, access control, limits) with its
//! method, route template (`/api/v1/people/{code}`: a raw path can hold a staff code or a
//! certificate code), status, the account's numeric id and the client address, inside the
//! request's span (so with its id). Never a query string (searches hold names), a login, a body,
//! a cookie or a token. Sign-in outcomes are logged by `service::security_log`.
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use service::access::authz::Actor;

use super::session::ClientIp;

/// The log target of security events: `HOCVU_LOG=security=info` keeps only them.
pub use service::access::security_log::TARGET;

pub async fn refusals(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = super::trace::Route::of(&req);
    let user = req.extensions().get::<Actor>().map(|a| a.user.id);
    let ip = req.extensions().get::<ClientIp>().map(|ip| ip.0.clone());
    let res = next.run(req).await;
    if is_refusal(res.status()) {
        tracing::warn!(
            target: TARGET,
            event = "refused",
            status = res.status().as_u16(),
            %method,
            path = %route.as_str(),
            user = ?user,
            ip = ip.as_deref().unwrap_or("-"),
        );
    }
    res
}

fn is_refusal(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED
            | StatusCode::FORBIDDEN
            | StatusCode::REQUEST_TIMEOUT
            | StatusCode::PAYLOAD_TOO_LARGE
            | StatusCode::TOO_MANY_REQUESTS
    )
}

//! Puts who is asking on every request: the signed-in person (from the session cookie, or an
//! API token in `Authorization: Bearer`), the client address, and the page language.
use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Lang;

use super::{cookies, forwarded};
use crate::http::error::ApiError;
use crate::state::AppState;

/// The session token the request came with (to end it at logout).
#[derive(Clone, Debug)]
pub struct SessionToken(pub String);

/// The client's address, as seen directly or through a trusted proxy (defined in `service`,
/// so the app's server functions can read it too).
pub use service::access::client::ClientIp;

pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let https = state.config.https();
    let lang = request_lang(req.headers());
    let ip = client_ip(&req, &state.config);
    let ext = req.extensions_mut();
    ext.insert(lang);
    ext.insert(ClientIp(ip));
    if let Some(token) = bearer(req.headers()) {
        // A program that sends a token means it: an unknown or revoked one is refused outright,
        // whatever cookie comes along.
        match service::access::tokens::authenticate(state.db(), &token).await {
            Ok(Some(actor)) => {
                req.extensions_mut().insert(actor);
            }
            Ok(None) => {
                let refusal = ApiError::new(StatusCode::UNAUTHORIZED, "invalid_token", lang);
                return ([(WWW_AUTHENTICATE, "Bearer")], refusal).into_response();
            }
            Err(e) => return ApiError::from_service(e, lang).into_response(),
        }
    } else if let Some(token) = cookies::read(req.headers(), cookies::session_name(https)) {
        match cached_actor_for(&state, &token).await {
            Ok(Some(actor)) => {
                req.extensions_mut().insert(actor);
                req.extensions_mut().insert(SessionToken(token));
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(req).await
}

pub(crate) async fn cached_actor_for(
    state: &AppState,
    token: &str,
) -> service::Result<Option<service::access::authz::Actor>> {
    let now = Instant::now();
    if let Some(actor) = state.actors.get(token, now) {
        return Ok(Some(actor));
    }
    let stamp = state.actors.stamp(now);
    let actor = actor_for(state, token).await?;
    if let Some(a) = &actor {
        state.actors.put(token, a.clone(), stamp);
    }
    Ok(actor)
}

/// The token of an `Authorization: Bearer <token>` header (the scheme in any case).
pub(crate) fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
        .filter(|t| !t.is_empty())
}

async fn actor_for(
    state: &AppState,
    token: &str,
) -> service::Result<Option<service::access::authz::Actor>> {
    let read = &state.services.read;
    let Some((user, assisted_by)) =
        service::access::sessions::lookup_live(read, state.db(), token).await?
    else {
        return Ok(None);
    };
    let mut actor = service::access::authz::load_actor(read, user).await?;
    if let Some(helper) = assisted_by {
        actor.assisted_by = service::community::facilitation::helper_name(read, helper).await?;
    }
    Ok(Some(actor))
}

/// The `lang` cookie wins; otherwise the browser's languages; otherwise Vietnamese.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    cookies::read(headers, cookies::LANG_COOKIE)
        .and_then(|c| Lang::parse(&c))
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// The client's address: the peer's, or behind trusted proxies the one they saw
/// ([`forwarded::client_addr`]).
fn client_ip(req: &Request, config: &crate::config::Config) -> String {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded: Vec<&str> = if config.trust_proxy {
        req.headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect()
    } else {
        Vec::new()
    };
    forwarded::client_addr(peer, &forwarded, &config.trusted_proxies)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_auth(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn bearer_tokens_are_read_from_the_authorization_header() {
        assert_eq!(
            bearer(&with_auth("Bearer hvs_abc")).as_deref(),
            Some("hvs_abc")
        );
        assert_eq!(
            bearer(&with_auth("bearer   hvs_abc ")).as_deref(),
            Some("hvs_abc")
        );
        assert_eq!(bearer(&with_auth("Basic dXNlcjpwYXNz")), None);
        assert_eq!(bearer(&with_auth("Bearer ")), None);
        assert_eq!(bearer(&HeaderMap::new()), None);
    }
}

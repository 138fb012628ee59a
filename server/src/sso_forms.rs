//! Single sign-on's browser routes (issue 19): a form post starts a sign-in (or, from the
//! profile page, a link) at a configured provider and sends the browser there; the provider
//! sends it back to `/sso/{id}/callback`, where `service::sso` checks everything and the
//! person is signed in with the same session and cookie as a password sign-in. What the
//! browser must bring back (state, nonce, PKCE verifier) rides in a ten-minute HttpOnly cookie.
//! Every failure is an error page in the person's language, and signs no one in.
use app::paths;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::header::{HOST, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use axum::{Extension, Router, routing::get, routing::post};
use base64::Engine;
use domain::Lang;
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use service::sso::{Pending, Provider, identities};

use crate::forms::{safe_next, see_other};
use crate::http::cookies;
use crate::http::error::page_for;
use crate::http::session::SessionToken;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sso/{provider}", post(start_sign_in))
        .route("/sso/{provider}/lien-ket", post(start_link))
        .route("/sso/{provider}/huy-lien-ket", post(unlink))
        .route("/sso/{provider}/callback", get(callback))
}

/// A sign-in under way, as kept in its cookie.
#[derive(Serialize, Deserialize)]
struct Flow {
    provider: String,
    pending: Pending,
    /// Where to go once signed in (a local path, checked again when followed).
    next: String,
    /// Linking to the signed-in account rather than signing in.
    link: bool,
    started_at: i64,
}

impl Flow {
    fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    fn decode(raw: &str) -> Option<Flow> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

#[derive(Deserialize, Default)]
pub struct StartForm {
    #[serde(default)]
    next: String,
}

async fn start_sign_in(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<StartForm>, FormRejection>,
) -> Response {
    let next = form.map(|Form(f)| f.next).unwrap_or_default();
    start(&state, lang, &id, &headers, next, false).await
}

async fn start_link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
    headers: HeaderMap,
    actor: Option<Extension<Actor>>,
) -> Response {
    if actor.is_none() {
        return see_other(paths::SIGN_IN, None);
    }
    start(&state, lang, &id, &headers, paths::ACCOUNT.to_owned(), true).await
}

/// Sends the browser to the provider, with the flow's cookie.
async fn start(
    state: &AppState,
    lang: Lang,
    id: &str,
    headers: &HeaderMap,
    next: String,
    link: bool,
) -> Response {
    let Some(provider) = state.services.sso.get(id) else {
        return page_for(service::Error::NotFound, lang);
    };
    let redirect = redirect_uri(state, headers, id);
    let (url, pending) = match provider.begin(&redirect).await {
        Ok(begun) => begun,
        Err(e) => return page_for(e, lang),
    };
    let flow = Flow {
        provider: id.to_owned(),
        pending,
        next,
        link,
        started_at: service::now(),
    };
    let cookie = cookies::sso_flow_set(flow.encode(), state.config.https());
    see_other(&url, Some(cookie))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    iss: Option<String>,
}

/// The provider sends the browser back: check, then sign in (or link), or an error page.
async fn callback(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
    headers: HeaderMap,
    actor: Option<Extension<Actor>>,
    old_session: Option<Extension<SessionToken>>,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let https = state.config.https();
    let mut res = match finish(&state, &id, &headers, q).await {
        Err(e) => page_for(e, lang),
        Ok((flow, who)) if flow.link => linked(&state, actor, &id, &who).await,
        Ok((flow, who)) => signed_on(&state, lang, &id, &who, &flow.next, old_session).await,
    };
    res.headers_mut()
        .append(SET_COOKIE, cookies::sso_flow_clear(https));
    res
}

/// The flow this browser started with this provider, and the person the provider vouches for.
async fn finish(
    state: &AppState,
    id: &str,
    headers: &HeaderMap,
    q: CallbackQuery,
) -> service::Result<(Flow, service::sso::Asserted)> {
    let mismatch = service::Error::SignOnRefused("sso_state_mismatch");
    let provider = state.services.sso.get(id).ok_or(service::Error::NotFound)?;
    let flow = cookies::read(headers, cookies::sso_flow_name(state.config.https()))
        .and_then(|raw| Flow::decode(&raw))
        .filter(|f| f.provider == id)
        .filter(|f| service::now() - f.started_at <= cookies::SSO_FLOW_SECS)
        .ok_or_else(|| {
            service::access::security_log::sso("no_flow", id, None);
            mismatch
        })?;
    if q.error.is_some() || !from_issuer(provider, q.iss.as_deref()) {
        service::access::security_log::sso("provider_error", id, None);
        return Err(service::Error::SignOnRefused("sso_refused"));
    }
    let (Some(code), Some(returned)) = (q.code, q.state) else {
        return Err(service::Error::SignOnRefused("sso_state_mismatch"));
    };
    let redirect = redirect_uri(state, headers, id);
    let who = provider
        .finish(&redirect, &flow.pending, &returned, &code)
        .await
        .inspect_err(|e| service::access::security_log::sso(e.code(), id, None))?;
    Ok((flow, who))
}

/// RFC 9207: when the provider names itself in the answer, it must be the one asked.
fn from_issuer(provider: &Provider, iss: Option<&str>) -> bool {
    iss.is_none_or(|iss| provider.issues(iss))
}

/// Signed in: the same session and cookie as a password sign-in, any earlier session of this
/// browser ended, and the provider remembered for signing out.
async fn signed_on(
    state: &AppState,
    lang: Lang,
    id: &str,
    who: &service::sso::Asserted,
    next: &str,
    old_session: Option<Extension<SessionToken>>,
) -> Response {
    let (s, https) = (&state.services, state.config.https());
    let opened = async {
        let user = identities::sign_on(&s.db, id, who).await?;
        if let Some(Extension(SessionToken(old))) = old_session {
            service::access::sessions::end(&s.db, &old).await?;
        }
        service::access::sessions::create(&s.db, user.id).await
    };
    match opened.await {
        Ok(token) => {
            let mut res = see_other(safe_next(next), Some(cookies::session_set(&token, https)));
            res.headers_mut()
                .append(SET_COOKIE, cookies::sso_provider_set(id, https));
            res
        }
        Err(e) => page_for(e, lang),
    }
}

/// Linked from the profile page: back there, or there with the refusal.
async fn linked(
    state: &AppState,
    actor: Option<Extension<Actor>>,
    id: &str,
    who: &service::sso::Asserted,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return see_other(paths::SIGN_IN, None);
    };
    match identities::link(&state.services.db, &actor, id, who).await {
        Ok(()) => see_other(paths::ACCOUNT, None),
        Err(e) => back_to_profile(&e),
    }
}

/// Lets go of the account's identity at the provider (a password must remain).
async fn unlink(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
    actor: Option<Extension<Actor>>,
) -> Response {
    let Some(Extension(actor)) = actor else {
        return see_other(paths::SIGN_IN, None);
    };
    let Some(provider) = state.services.sso.get(&id) else {
        return page_for(service::Error::NotFound, lang);
    };
    match identities::unlink(&state.services.db, &actor, provider).await {
        Ok(()) => see_other(paths::ACCOUNT, None),
        Err(e) => back_to_profile(&e),
    }
}

/// The profile page with a refusal in its single sign-on section.
fn back_to_profile(e: &service::Error) -> Response {
    let section = app::pages::account::profile::SSO_SECTION;
    let location = format!("{}?loi={}&muc={section}", paths::ACCOUNT, e.code());
    see_other(&location, None)
}

/// Where signing out sends the browser: the provider's end-session endpoint when the session
/// came from a provider that has one (back to this site's home afterwards), else home. Also
/// the cookie that forgets the provider.
pub async fn after_sign_out(state: &AppState, headers: &HeaderMap) -> (String, HeaderValue) {
    let https = state.config.https();
    let forget = cookies::sso_provider_clear(https);
    let provider = cookies::read(headers, cookies::sso_provider_name(https))
        .and_then(|id| state.services.sso.get(&id));
    let Some(provider) = provider else {
        return (paths::HOME.to_owned(), forget);
    };
    let home = format!("{}/", site_base(state, headers));
    let url = provider.end_session_url(&home).await;
    (url.unwrap_or_else(|| paths::HOME.to_owned()), forget)
}

/// `<site>/sso/<id>/callback`, the address the provider sends the browser back to.
fn redirect_uri(state: &AppState, headers: &HeaderMap, id: &str) -> String {
    format!("{}/sso/{id}/callback", site_base(state, headers))
}

/// The public URL when configured (it should be, in production), else this request's host.
fn site_base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(public) = state.config.public_url.as_deref() {
        return public.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

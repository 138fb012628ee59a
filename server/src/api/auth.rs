//! `/api/v1/auth/*`: sign in, sign out, who am I, and registration, over JSON.
use axum::extract::State;
use axum::http::header::{RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::{Lang, Me};
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::extract::ApiJson;
use crate::http::cookies;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::session::{ClientIp, SessionToken};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// Phone number, email or username.
    pub login: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    #[schema(value_type = Object)]
    pub user: Me,
    /// Something the owner should know since their last visit, when there is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<SignInNotice>,
}

/// Failed sign-ins on the account since the owner's previous sign-in.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignInNotice {
    pub failed_signins: u32,
    /// For people, in the caller's language.
    pub message: String,
}

/// The notice for the signed-in owner, if there were failed sign-ins to tell of.
async fn notice_for(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
    lang: Lang,
) -> service::Result<Option<SignInNotice>> {
    let failed = service::access::signin_alerts::to_tell(db, user_id).await?;
    Ok((failed > 0).then(|| SignInNotice {
        failed_signins: failed,
        message: app::i18n::Texts::get(lang)
            .error("failed_signins_notice")
            .replace("{n}", &failed.to_string()),
    }))
}

/// A refusal in the API's error shape; one to come back from later says when (Retry-After).
pub fn refusal(err: service::Error, lang: Lang) -> Response {
    let retry_after = match &err {
        service::Error::RateLimited => Some(service::access::ratelimit::WINDOW_SECS),
        service::Error::RegistrationLimited => {
            Some(service::access::ratelimit::REGISTRATION_WINDOW_SECS)
        }
        service::Error::Busy => Some(1),
        _ => None,
    };
    let mut res = ApiError::from_service(err, lang).into_response();
    if let Some(secs) = retry_after {
        res.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    res
}

/// The cookies of a fresh sign-in: the session, and the mark that makes this device known.
fn signed_in_cookies(token: &str, device_mark: &str, https: bool) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.append(SET_COOKIE, cookies::session_set(token, https));
    headers.append(SET_COOKIE, cookies::device_set(device_mark, https));
    headers
}

/// Signs in and sets the session cookie (a new token at every sign-in) and the known-device
/// mark; the answer carries a notice of failed sign-ins since the owner's last visit.
#[utoipa::path(post, operation_id = "login", path = "/api/v1/auth/login", request_body = LoginRequest, tag = "auth",
    responses((status = 200, body = MeResponse), (status = 401, body = ErrorBody),
              (status = 429, body = ErrorBody, description = "Too many failed attempts"),
              (status = 503, body = ErrorBody, description = "Too many sign-ins at once")))]
pub async fn login(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ip): Extension<ClientIp>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, Response> {
    let s = &state.services;
    let https = state.config.https();
    let err = |e| refusal(e, lang);
    let mark = cookies::device_read(&headers, https);
    let attempt = service::access::accounts::SignIn {
        login: &body.login,
        password: &body.password,
        ip: &ip.0,
        device_mark: mark.as_deref(),
    };
    let signed = service::access::accounts::authenticate(&s.db, &s.passwords, &attempt)
        .await
        .map_err(err)?;
    let token = service::access::sessions::create(&s.db, signed.user.id)
        .await
        .map_err(err)?;
    let notice = notice_for(&s.db, signed.user.id, lang).await.map_err(err)?;
    let actor = service::access::authz::load_actor(&s.db, signed.user)
        .await
        .map_err(err)?;
    Ok((
        signed_in_cookies(&token, &signed.device_mark, https),
        Json(MeResponse {
            user: actor.me(),
            notice,
        }),
    )
        .into_response())
}

/// Ends the session on the server at once and clears the cookie.
#[utoipa::path(post, operation_id = "logout", path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    token: Option<Extension<SessionToken>>,
) -> Result<Response, ApiError> {
    if let Some(Extension(SessionToken(t))) = token {
        service::access::sessions::end(state.db(), &t)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    }
    let cookie = cookies::session_clear(state.config.https());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

/// The signed-in person and their roles, with the notice of failed sign-ins the owner was told
/// of at this sign-in (none in an assisted session or for a token).
#[utoipa::path(get, operation_id = "get_current_user", path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, body = MeResponse), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Json<MeResponse>, ApiError> {
    let Some(Extension(a)) = actor else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            lang,
        ));
    };
    let notice = if a.token.is_none() && a.assisted_by.is_none() {
        notice_for(state.db(), a.id(), lang)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?
    } else {
        None
    };
    Ok(Json(MeResponse {
        user: a.me(),
        notice,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterRequest {
    pub full_name: String,
    /// Phone number or email.
    pub login: String,
    pub password: String,
    /// Code of the province or city the commune is in: needed only when the deployment has
    /// several (else `province_required`); an unknown code answers `unknown_province`. A
    /// facilitator's registration (`POST /api/v1/residents`) takes their commune's province.
    #[serde(default)]
    pub province: Option<String>,
    /// Code of the commune or ward of residence, looked up within the province only (a commune
    /// of another province answers `unknown_unit`).
    pub commune: String,
    /// The person agrees to the storage of their data (required).
    pub consent: bool,
}

/// Registers a resident as a learner and signs them in. Registrations are limited per address
/// and in total per minute (429 with Retry-After); a login already taken answers `login_taken`
/// behind that limit.
#[utoipa::path(post, operation_id = "register", path = "/api/v1/auth/register", request_body = RegisterRequest, tag = "auth",
    responses((status = 201, body = MeResponse), (status = 422, body = ErrorBody),
              (status = 429, body = ErrorBody, description = "Too many registrations")))]
pub async fn register(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ip): Extension<ClientIp>,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<Response, Response> {
    let s = &state.services;
    let https = state.config.https();
    let form = service::access::accounts::Registration {
        full_name: body.full_name,
        login: body.login,
        password: body.password,
        province_code: body.province.unwrap_or_default(),
        commune_code: body.commune,
        consent: body.consent,
    };
    let err = |e| refusal(e, lang);
    let user = service::access::accounts::register_from(&s.db, &s.passwords, &form, &ip.0)
        .await
        .map_err(err)?;
    let token = service::access::sessions::create(&s.db, user.id)
        .await
        .map_err(err)?;
    let mark = service::access::devices::key(&s.db)
        .await
        .map_err(err)?
        .mark_after_sign_in(user.id, None);
    let actor = service::access::authz::load_actor(&s.db, user)
        .await
        .map_err(err)?;
    Ok((
        StatusCode::CREATED,
        signed_in_cookies(&token, &mark, https),
        Json(MeResponse {
            user: actor.me(),
            notice: None,
        }),
    )
        .into_response())
}

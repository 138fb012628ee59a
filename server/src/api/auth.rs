//! `/api/v1/auth/*`: sign in, sign out, who am I, and registration, over JSON.
use axum::extract::{FromRequest, Request, State};
use axum::http::{StatusCode, header::SET_COOKIE};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::{Lang, Me};
use serde::{Deserialize, Serialize};
use service::authz::Actor;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use crate::http::cookies;
use crate::http::session::{ClientIp, SessionToken};
use crate::state::AppState;

/// A JSON body whose rejection (bad syntax, wrong type, too large) is answered in the API's
/// error shape and the caller's language.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", lang),
            ),
            Err(_) => Err(ApiError::bad_request(lang)),
        }
    }
}

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
}

/// Signs in and sets the session cookie (a new token at every sign-in).
#[utoipa::path(post, path = "/api/v1/auth/login", request_body = LoginRequest, tag = "auth",
    responses((status = 200, body = MeResponse), (status = 401, body = ErrorBody),
              (status = 429, body = ErrorBody, description = "Too many failed attempts")))]
pub async fn login(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ip): Extension<ClientIp>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let s = &state.services;
    let user =
        service::accounts::authenticate(&s.db, &s.passwords, &body.login, &body.password, &ip.0)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    let token = service::sessions::create(&s.db, user.id)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let actor = service::authz::load_actor(&s.db, user)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let cookie = cookies::session_set(&token, state.config.https());
    Ok((
        [(SET_COOKIE, cookie)],
        Json(MeResponse { user: actor.me() }),
    )
        .into_response())
}

/// Ends the session on the server at once and clears the cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    token: Option<Extension<SessionToken>>,
) -> Result<Response, ApiError> {
    if let Some(Extension(SessionToken(t))) = token {
        service::sessions::end(state.db(), &t)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    }
    let cookie = cookies::session_clear(state.config.https());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

/// The signed-in person and their roles.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    responses((status = 200, body = MeResponse), (status = 401, body = ErrorBody)))]
pub async fn me(
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Json<MeResponse>, ApiError> {
    match actor {
        Some(Extension(a)) => Ok(Json(MeResponse { user: a.me() })),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            lang,
        )),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterRequest {
    pub full_name: String,
    /// Phone number or email.
    pub login: String,
    pub password: String,
    /// Code of the commune or ward of residence.
    pub commune: String,
    /// The person agrees to the storage of their data (required).
    pub consent: bool,
}

/// Registers a resident as a learner and signs them in.
#[utoipa::path(post, path = "/api/v1/auth/register", request_body = RegisterRequest, tag = "auth",
    responses((status = 201, body = MeResponse), (status = 422, body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<Response, ApiError> {
    let s = &state.services;
    let form = service::accounts::Registration {
        full_name: body.full_name,
        login: body.login,
        password: body.password,
        commune_code: body.commune,
        consent: body.consent,
    };
    let err = |e| ApiError::from_service(e, lang);
    let user = service::accounts::register(&s.db, &s.passwords, &form)
        .await
        .map_err(err)?;
    let token = service::sessions::create(&s.db, user.id)
        .await
        .map_err(err)?;
    let actor = service::authz::load_actor(&s.db, user).await.map_err(err)?;
    let cookie = cookies::session_set(&token, state.config.https());
    Ok((
        StatusCode::CREATED,
        [(SET_COOKIE, cookie)],
        Json(MeResponse { user: actor.me() }),
    )
        .into_response())
}

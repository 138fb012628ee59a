//! Open Badges 3.0, public side: the issuer profile, its public keys (the JWKS at
//! `/.well-known/jwks.json`, and each key at its `kid`), and the revocation status lists; the
//! admin's key rotation. A certificate's own credential is in `super::certificates`.
use axum::extract::State;
use axum::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use serde::Serialize;
use service::access::authz::Actor;
use service::badges::keys::{self, PublishedKey};
use service::badges::{Links, Site};
use utoipa::ToSchema;

use super::certificates::origin;
use super::extract::ApiPath;
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// What credentials say about this deployment, for the request's origin.
pub fn site(state: &AppState, headers: &HeaderMap) -> Site {
    Site {
        origin: origin(state, headers),
        issuer_name: state.config.badge_issuer_name.clone(),
        links: Links {
            course: app::paths::course,
            quiz: app::paths::quiz,
            verify: app::paths::verify,
            catalogue: app::paths::CATALOGUE,
        },
    }
}

/// A compact JWS answered as `application/vc+jwt`, kept briefly by caches.
pub fn vc_jwt(jwt: String, cache: &'static str) -> Response {
    let headers = [
        (CONTENT_TYPE, service::badges::jws::MEDIA_TYPE),
        (CACHE_CONTROL, cache),
    ];
    (StatusCode::OK, headers, jwt).into_response()
}

/// What any verifier may read, from any site: a verifier's page in a browser fetches the keys
/// and the status lists from another origin.
fn public(mut answer: Response) -> Response {
    let any = axum::http::HeaderValue::from_static("*");
    answer
        .headers_mut()
        .insert(ACCESS_CONTROL_ALLOW_ORIGIN, any);
    answer
}

fn public_json(value: serde_json::Value) -> Response {
    public(([(CACHE_CONTROL, "public, max-age=300")], Json(value)).into_response())
}

async fn published(state: &AppState, lang: Lang) -> Result<Vec<PublishedKey>, ApiError> {
    keys::published(state.db())
        .await
        .map_err(|e| ApiError::from_service(e, lang))
}

/// The issuer profile every credential names; its public keys are at `/.well-known/jwks.json`.
#[utoipa::path(get, operation_id = "badge_issuer", path = "/api/v1/badges/issuer", tag = "certificates",
    responses((status = 200, description = "The Open Badges 3.0 `Profile` of this deployment", body = Object)))]
pub async fn issuer(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let site = site(&state, &headers);
    let mut profile = site.issuer();
    profile["@context"] = serde_json::json!([
        service::badges::credential::VC_CONTEXT,
        service::badges::credential::OB_CONTEXT
    ]);
    public_json(profile)
}

/// Every public key that ever signed a credential (the current one first), as a JWKS.
pub async fn jwks(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let site = site(&state, &headers);
    let keys: Vec<_> = published(&state, lang)
        .await?
        .iter()
        .map(|k| keys::jwk(k, &site.kid_url(&k.thumbprint)))
        .collect();
    Ok(public_json(serde_json::json!({ "keys": keys })))
}

/// One public key, at the address a credential's `kid` names.
#[utoipa::path(get, operation_id = "badge_key", path = "/api/v1/badges/keys/{thumbprint}", tag = "certificates",
    params(("thumbprint" = String, Path, description = "The key's RFC 7638 thumbprint, the last segment of a credential's `kid`")),
    responses((status = 200, description = "The Ed25519 public key as a JWK", body = Object), (status = 404, body = ErrorBody)))]
pub async fn key(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    headers: HeaderMap,
    ApiPath(thumbprint): ApiPath<String>,
) -> Result<Response, ApiError> {
    let site = site(&state, &headers);
    let found = published(&state, lang)
        .await?
        .into_iter()
        .find(|k| k.thumbprint == thumbprint)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", lang))?;
    Ok(public_json(keys::jwk(&found, &site.kid_url(&thumbprint))))
}

/// A revocation status list: a `BitstringStatusListCredential` signed as a `vc+jwt`.
#[utoipa::path(get, operation_id = "badge_status_list", path = "/api/v1/badges/status/{list}", tag = "certificates",
    params(("list" = i32, Path, description = "The list's number, from a credential's `statusListCredential`")),
    responses((status = 200, description = "The status list credential, a compact JWS", content_type = "application/vc+jwt", body = String),
              (status = 404, body = ErrorBody)))]
pub async fn status_list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    headers: HeaderMap,
    ApiPath(list): ApiPath<i32>,
) -> Result<Response, ApiError> {
    let site = site(&state, &headers);
    let source = state.config.badge_key_source();
    let signed = service::badges::credential::status_list(state.db(), list, &site, &source)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(public(vc_jwt(signed.jwt, "public, max-age=60")))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RotatedJson {
    /// The `kid` of the key that signed until now; it stays published.
    pub retired_kid: String,
    /// The `kid` of the key that signs from now on.
    pub kid: String,
}

/// Retires the signing key and makes a new one; admin only, audited. Credentials signed with
/// the retired key still verify: its public key stays in the JWKS.
#[utoipa::path(post, operation_id = "rotate_badge_key", path = "/api/v1/badges/keys/rotate", tag = "certificates",
    responses((status = 200, body = RotatedJson), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn rotate(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
) -> Result<Json<RotatedJson>, ApiError> {
    let actor = signed_in(actor, lang)?;
    if !actor.is_admin() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    let site = site(&state, &headers);
    let source = state.config.badge_key_source();
    let (old, new) = keys::rotate(state.db(), &source, actor.who())
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(RotatedJson {
        retired_kid: site.kid_url(&old),
        kid: site.kid_url(&new),
    }))
}

//! `/api/v1/provinces`: the national admin creates provinces and names their admins; every
//! admin lists the provinces they reach.
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewProvince {
    /// Letters without accents, digits and dashes, at most 20; kept upper-case.
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProvinceInfo {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewProvinceAdmin {
    /// The login of an existing account, which becomes the province's admin.
    pub login: String,
}

fn info(p: service::entity::province::Model) -> ProvinceInfo {
    ProvinceInfo {
        code: p.code,
        name: p.name,
    }
}

/// The provinces the caller reaches: every one for the national admin, their own for a
/// province admin.
#[utoipa::path(get, operation_id = "list_provinces", path = "/api/v1/provinces", tag = "provinces",
    responses((status = 200, body = Vec<ProvinceInfo>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Json<Vec<ProvinceInfo>>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let rows = service::province::reachable(state.db(), &actor)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(rows.into_iter().map(info).collect()))
}

/// Creates a province; the national admin only.
#[utoipa::path(post, operation_id = "create_province", path = "/api/v1/provinces", tag = "provinces",
    request_body = NewProvince,
    responses((status = 201, body = ProvinceInfo), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiJson(body): ApiJson<NewProvince>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let made = service::province::create(state.db(), &actor, &body.code, &body.name)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok((StatusCode::CREATED, Json(info(made))).into_response())
}

/// Makes an existing account the admin of the province; the national admin only.
#[utoipa::path(post, operation_id = "add_province_admin", path = "/api/v1/provinces/{code}/admins", tag = "provinces",
    params(("code" = String, Path, description = "The province's code")),
    request_body = NewProvinceAdmin,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody, description = "The account is already another province's admin"),
              (status = 422, body = ErrorBody)))]
pub async fn add_admin(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<NewProvinceAdmin>,
) -> Result<StatusCode, ApiError> {
    let actor = signed_in(actor, lang)?;
    service::province::grant_admin(state.db(), &actor, &body.login, &code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(StatusCode::NO_CONTENT)
}

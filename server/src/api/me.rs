//! `/api/v1/me/*`: the signed-in person's own data (download as JSON or CSV) and the erasure
//! of their account.
use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use serde::Deserialize;
use service::authz::Actor;
use utoipa::ToSchema;

use super::auth::ApiJson;
use super::error::{ApiError, ErrorBody};
use super::records::signed_in;
use crate::http::cookies;
use crate::state::AppState;

/// Everything kept about the signed-in person: `format=json` (default) or `format=csv`.
#[utoipa::path(get, path = "/api/v1/me/data", tag = "personal data",
    params(("format" = Option<String>, Query, description = "json (default) or csv")),
    responses((status = 200, description = "The data, as a file to save"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn data(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let actor = own_account(actor, lang)?;
    let data = service::my_data::export(state.db(), actor.id())
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let (bytes, kind, ext) = match query.get("format").map(String::as_str) {
        None | Some("json") => (
            serde_json::to_vec_pretty(&data).unwrap_or_default(),
            "application/json",
            "json",
        ),
        Some("csv") => (
            service::my_data::to_csv(&data),
            "text/csv; charset=utf-8",
            "csv",
        ),
        Some(_) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_format",
                lang,
            ));
        }
    };
    let file = format!("attachment; filename=\"du-lieu-ca-nhan.{ext}\"");
    Ok((
        [
            (CONTENT_TYPE, kind.to_owned()),
            (CONTENT_DISPOSITION, file),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// A person's own account: not an API token's stand-in, and not a facilitator helping them in
/// an assisted session (their data and their account are for them alone).
fn own_account(actor: Option<Extension<Actor>>, lang: Lang) -> Result<Actor, ApiError> {
    let actor = signed_in(actor, lang)?;
    if actor.token.is_some() || actor.assisted_by.is_some() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    Ok(actor)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EraseRequest {
    /// The account's password, to confirm.
    pub password: String,
}

/// Deletes the signed-in person's account: personal data erased, sessions ended; their
/// certificates still verify (without the name) and past indicators do not change.
#[utoipa::path(post, path = "/api/v1/me/erase", request_body = EraseRequest, tag = "personal data",
    responses((status = 204), (status = 401, body = ErrorBody),
              (status = 409, body = ErrorBody, description = "The last admin cannot leave"),
              (status = 422, body = ErrorBody, description = "Wrong password")))]
pub async fn erase(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiJson(body): ApiJson<EraseRequest>,
) -> Result<Response, ApiError> {
    let actor = own_account(actor, lang)?;
    let s = &state.services;
    service::my_data::erase(&s.db, &s.passwords, actor.id(), &body.password)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let cookie = cookies::session_clear(state.config.https());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

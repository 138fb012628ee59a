//! `/api/v1/me/*`: the signed-in person's own data (download as JSON or CSV) and the erasure
//! of their account; linking their account to their staff record (by proof, or by answering
//! hr's proposal).
use std::collections::HashMap;

use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::records::signed_in;
use crate::http::cookies;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::session::ClientIp;
use crate::state::AppState;

/// Everything kept about the signed-in person: `format=json` (default) or `format=csv`.
#[utoipa::path(get, operation_id = "get_my_data", path = "/api/v1/me/data", tag = "personal data",
    params(("format" = inline(Option<super::params::DataFormat>), Query, description = "json (default) or csv")),
    responses((status = 200, description = "The data, as a file to save"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn data(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let actor = own_account(actor, lang)?;
    let data = service::access::my_data::export(state.db(), actor.id())
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let (bytes, kind, ext) = match query.get("format").map(String::as_str) {
        None | Some("json") => (
            serde_json::to_vec_pretty(&data).unwrap_or_default(),
            "application/json",
            "json",
        ),
        Some("csv") => (
            service::access::my_data::to_csv(&data, app::i18n::my_data_labels(lang)),
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
#[utoipa::path(post, operation_id = "erase_my_account", path = "/api/v1/me/erase", request_body = EraseRequest, tag = "personal data",
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
    service::access::my_data::erase(&s.db, &s.passwords, actor.id(), &body.password)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let cookie = cookies::session_clear(state.config.https());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ClaimRequest {
    /// The staff code on the roster.
    pub staff_code: String,
    /// The full 12-digit personal ID number the roster holds (an e-mail is no proof).
    pub personal_id: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimedJson {
    pub staff_code: String,
}

/// The signed-in person links their account to their staff record with its staff code and
/// their full personal ID number. A wrong code, a wrong number and a record without a number
/// get the same answer (422); attempts are limited per account and per address (429) and
/// audited.
#[utoipa::path(post, operation_id = "claim_staff_record", path = "/api/v1/me/staff-record", request_body = ClaimRequest, tag = "personal data",
    responses((status = 200, body = ClaimedJson), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn claim(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ip): Extension<ClientIp>,
    actor: Option<Extension<Actor>>,
    ApiJson(body): ApiJson<ClaimRequest>,
) -> Result<Response, ApiError> {
    let actor = own_account(actor, lang)?;
    service::hr::linking::claim(
        state.db(),
        &actor,
        &body.staff_code,
        &body.personal_id,
        &ip.0,
    )
    .await
    .map_err(|e| ApiError::from_service(e, lang))?;
    let staff_code = body.staff_code.trim().to_owned();
    Ok(Json(ClaimedJson { staff_code }).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkProposalJson {
    pub id: i32,
    pub staff_code: String,
    /// The name on the roster.
    pub full_name: String,
    /// The unit of the record: "name (code)".
    pub unit: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkProposalsJson {
    pub proposals: Vec<LinkProposalJson>,
}

/// The staff records hr proposes to link to the signed-in account, waiting for an answer.
#[utoipa::path(get, operation_id = "list_link_proposals", path = "/api/v1/me/link-proposals", tag = "personal data",
    responses((status = 200, body = LinkProposalsJson), (status = 401, body = ErrorBody)))]
pub async fn link_proposals(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Response, ApiError> {
    let actor = own_account(actor, lang)?;
    let rows = service::hr::link_proposals::pending_for(state.db(), actor.id())
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let proposals = rows
        .into_iter()
        .map(|p| LinkProposalJson {
            id: p.id,
            staff_code: p.staff_code,
            full_name: p.full_name,
            unit: p.unit,
        })
        .collect();
    Ok(Json(LinkProposalsJson { proposals }).into_response())
}

/// The account's holder accepts hr's proposal: the record is linked, and what the account
/// achieved counts for the unit from now on.
#[utoipa::path(post, operation_id = "accept_link_proposal", path = "/api/v1/me/link-proposals/{id}/accept", tag = "personal data",
    params(("id" = i32, Path, description = "The proposal")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody)))]
pub async fn accept_link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i32>,
) -> Result<Response, ApiError> {
    answer_link(&state, lang, actor, id, true).await
}

/// The account's holder refuses hr's proposal: nothing is linked and hr sees "refused".
#[utoipa::path(post, operation_id = "refuse_link_proposal", path = "/api/v1/me/link-proposals/{id}/refuse", tag = "personal data",
    params(("id" = i32, Path, description = "The proposal")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn refuse_link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i32>,
) -> Result<Response, ApiError> {
    answer_link(&state, lang, actor, id, false).await
}

async fn answer_link(
    state: &AppState,
    lang: Lang,
    actor: Option<Extension<Actor>>,
    id: i32,
    accept: bool,
) -> Result<Response, ApiError> {
    let actor = own_account(actor, lang)?;
    service::hr::link_proposals::answer(state.db(), &actor, id, accept)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

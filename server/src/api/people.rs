//! `/api/v1/people/{staff_code}`: one roster member as hr sees them, hr's link proposals and
//! the removal of a link, and the admin's pseudonymisation of a roster member.
use axum::Extension;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// The person's record in hr's scope: assignments, records, masked personal ID number, the
/// state of the account link; the account's attempts and certificates only once its holder
/// confirmed the link. Outside the caller's scope: 404.
#[utoipa::path(get, operation_id = "get_person", path = "/api/v1/people/{staff_code}", tag = "records",
    params(("staff_code" = String, Path, description = "The staff code")),
    responses((status = 200, description = "The person's record (as the HR person page shows it)"),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn person(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(code): ApiPath<String>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let record = service::hr::person::record(state.db(), &actor, &code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(record).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposeLinkRequest {
    /// The e-mail, phone number or login of the account to ask.
    pub contact: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkStateJson {
    /// `proposed`: the account's holder (if an account has this address) is asked on their
    /// next visit; the answer is the same whether or not one has.
    pub status: String,
}

/// hr proposes to link the person to an account; nothing of the account is shown or counted
/// until its holder accepts.
#[utoipa::path(post, operation_id = "propose_link", path = "/api/v1/people/{staff_code}/link-proposal", tag = "records",
    params(("staff_code" = String, Path, description = "The staff code")),
    request_body = ProposeLinkRequest,
    responses((status = 202, body = LinkStateJson), (status = 401, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn propose_link(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<ProposeLinkRequest>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    service::hr::link_proposals::propose(state.db(), &actor, &code, &body.contact)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let state = LinkStateJson {
        status: service::hr::link_proposals::PROPOSED.to_owned(),
    };
    Ok((StatusCode::ACCEPTED, Json(state)).into_response())
}

/// hr removes the person's account link, or withdraws a proposal.
#[utoipa::path(delete, operation_id = "unlink_person", path = "/api/v1/people/{staff_code}/link", tag = "records",
    params(("staff_code" = String, Path, description = "The staff code")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn unlink(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(code): ApiPath<String>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    service::hr::linking::unlink(state.db(), &actor, &code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EraseRosterRequest {
    /// Why (kept in the audit log): the person left, or asked under Decree 13/2023.
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PseudonymJson {
    /// The name the person is shown by from now on.
    pub full_name: String,
}

/// An admin pseudonymises a roster member: name, personal ID number, e-mail and phone
/// replaced, the staff code kept, the account link removed; records and past indicators
/// unchanged. Admins only (an API token may not).
#[utoipa::path(post, operation_id = "erase_person", path = "/api/v1/people/{staff_code}/erase", tag = "personal data",
    params(("staff_code" = String, Path, description = "The staff code")),
    request_body = EraseRosterRequest,
    responses((status = 200, body = PseudonymJson), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "No reason given")))]
pub async fn erase(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<EraseRosterRequest>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let full_name =
        service::hr::roster_erasure::pseudonymise(state.db(), &actor, &code, &body.reason)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(PseudonymJson { full_name }).into_response())
}

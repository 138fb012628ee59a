//! `/api/v1/tokens`: the admin issues, lists and revokes the API tokens of reporting systems.
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use domain::token::TokenRow;
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct IssueTokenRequest {
    /// A label saying which system uses the token.
    pub name: String,
    /// Unit code: the token covers its subtree. Absent or empty: the whole province.
    pub unit: Option<String>,
    /// `YYYY-MM-DD`, the last day the token is accepted: after today, at most five years away.
    /// Absent or empty: a year from today.
    #[serde(default)]
    pub expires_on: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenJson {
    pub id: i64,
    pub name: String,
    /// The token's first characters (`hvs_` and six more), to tell tokens apart.
    pub hint: String,
    /// Unit code; `null` for the whole province.
    pub unit: Option<String>,
    /// Login of the admin who issued it.
    pub created_by: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// The last second the token is accepted (seconds since the Unix epoch).
    pub expires_at: Option<i64>,
}

impl From<TokenRow> for TokenJson {
    fn from(r: TokenRow) -> Self {
        TokenJson {
            id: r.id,
            name: r.name,
            hint: r.hint,
            unit: r.unit_code,
            created_by: r.created_by,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            revoked_at: r.revoked_at,
            expires_at: r.expires_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedTokenJson {
    /// The token, to send as `Authorization: Bearer <token>`. Shown this once: only its hash is kept.
    pub token: String,
    #[serde(flatten)]
    pub info: TokenJson,
}

/// Issues a token for a unit's subtree (or the province); admin only.
#[utoipa::path(post, operation_id = "issue_token", path = "/api/v1/tokens", tag = "tokens", request_body = IssueTokenRequest,
    responses((status = 201, body = IssuedTokenJson), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn issue(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiJson(body): ApiJson<IssueTokenRequest>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let expires_on = body.expires_on.as_deref().unwrap_or_default();
    let issued = service::access::tokens::issue(
        state.db(),
        &actor,
        &body.name,
        body.unit.as_deref(),
        expires_on,
    )
    .await
    .map_err(|e| ApiError::from_service(e, lang))?;
    let json = IssuedTokenJson {
        token: issued.token,
        info: issued.row.into(),
    };
    Ok((StatusCode::CREATED, Json(json)).into_response())
}

/// Every token, newest first, revoked ones included; admin only.
#[utoipa::path(get, operation_id = "list_tokens", path = "/api/v1/tokens", tag = "tokens",
    responses((status = 200, body = Vec<TokenJson>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Json<Vec<TokenJson>>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let rows = service::access::tokens::list(state.db(), &actor)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

/// Revokes a token at once (requests with it get 401 from then on); admin only.
#[utoipa::path(delete, operation_id = "revoke_token", path = "/api/v1/tokens/{id}", tag = "tokens",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let actor = signed_in(actor, lang)?;
    let id =
        i32::try_from(id).map_err(|_| ApiError::from_service(service::Error::NotFound, lang))?;
    service::access::tokens::revoke(state.db(), &actor, id)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(StatusCode::NO_CONTENT)
}

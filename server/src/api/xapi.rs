//! `/api/v1/xapi/outbox`: what the xAPI outbox holds for the Learning Record Store; admin only.
use axum::extract::State;
use axum::{Extension, Json};
use domain::Lang;
use domain::xapi::{FailedStatement, OutboxSummary};
use serde::Serialize;
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// The outbox in numbers, and the statements the LRS refused.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxJson {
    /// Whether an LRS is configured (`HOCVU_LRS_URL`); without one nothing is queued.
    pub lrs_configured: bool,
    /// Statements not yet taken by the LRS (also those waiting for their next try).
    pub waiting: u64,
    pub sent: u64,
    /// Statements the LRS refused (a 4xx other than 409); an admin may send them again.
    pub failed: u64,
    /// When the oldest waiting statement was recorded, in seconds since the Unix epoch.
    pub oldest_waiting_at: Option<i64>,
    /// How often the oldest waiting statement was tried.
    pub oldest_waiting_attempts: Option<i32>,
    /// The refused statements, oldest first (at most 100).
    pub failed_statements: Vec<FailedStatementJson>,
}

/// A statement the LRS refused.
#[derive(Debug, Serialize, ToSchema)]
pub struct FailedStatementJson {
    /// The statement's id (a UUID).
    pub statement_id: String,
    /// `completed`, `passed`, `failed` or `earned`.
    pub verb: String,
    pub attempts: i32,
    /// The LRS's status and a short reason.
    pub reason: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

impl From<FailedStatement> for FailedStatementJson {
    fn from(f: FailedStatement) -> Self {
        FailedStatementJson {
            statement_id: f.statement_id,
            verb: f.verb,
            attempts: f.attempts,
            reason: f.reason,
            created_at: f.created_at,
        }
    }
}

impl From<OutboxSummary> for OutboxJson {
    fn from(s: OutboxSummary) -> Self {
        OutboxJson {
            lrs_configured: s.lrs_configured,
            waiting: s.waiting,
            sent: s.sent,
            failed: s.failed,
            oldest_waiting_at: s.oldest_waiting_at,
            oldest_waiting_attempts: s.oldest_waiting_attempts,
            failed_statements: s.failed_statements.into_iter().map(Into::into).collect(),
        }
    }
}

/// The xAPI outbox: how many statements wait, were sent or were refused, and the refused ones
/// with the LRS's reason; admin only.
#[utoipa::path(get, operation_id = "xapi_outbox", path = "/api/v1/xapi/outbox", tag = "xapi",
    responses((status = 200, body = OutboxJson), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn outbox(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Json<OutboxJson>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let summary = service::xapi::outbox::summary(state.db(), &state.services.xapi, &actor)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(summary.into()))
}

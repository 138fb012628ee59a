//! `POST /api/v1/questions/import`: a GIFT or Moodle XML file into the question bank, all or
//! nothing, answered like the other imports (every question it cannot read, with its line).
use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use serde::Serialize;
use service::access::authz::Actor;
use service::author::bank_import::BankFormat;
use utoipa::ToSchema;

use super::extract::ApiQuery;
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionImportResponse {
    /// Questions read (and, unless a dry run, stored); 0 when the file is rejected.
    pub accepted: usize,
    pub errors: Vec<QuestionImportError>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionImportError {
    /// Line of the file where the question starts (1 for the file as a whole).
    pub row: usize,
    /// The question's title (`::title::` in GIFT, `<name>` in XML), when it has one.
    pub column: Option<String>,
    /// Stable, for programs: e.g. `no_right_answer`, `unsupported_type`, `malformed`.
    pub code: String,
    /// For people, in Vietnamese unless the caller asked for English.
    pub message: String,
}

/// Imports questions into the bank; author or admin.
#[utoipa::path(post, operation_id = "import_questions", path = "/api/v1/questions/import", tag = "questions",
    params(("format" = inline(super::params::BankFormat), Query, description = "`gift` (Moodle GIFT text) or `xml` (Moodle XML)"),
           ("dry_run" = Option<bool>, Query, description = "Check the file without writing anything")),
    request_body(content = String, content_type = "text/plain",
        description = "The file, UTF-8 (with or without BOM). A question's category (`$CATEGORY: an_toan/de`) gives its domain and difficulty"),
    responses((status = 200, body = QuestionImportResponse),
              (status = 422, body = QuestionImportResponse, description = "Rejected: every question that cannot be read; nothing written"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    if !service::access::authz::can_author(&actor) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    let format = query
        .get("format")
        .and_then(|f| BankFormat::parse(f))
        .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "unknown_bank_format", lang))?;
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", lang)
        } else {
            ApiError::bad_request(lang)
        }
    })?;
    let dry_run = query
        .get("dry_run")
        .is_some_and(|v| matches!(v.as_str(), "true" | "1" | "yes"));
    let answer = run_import(&state, &actor, format, &bytes, dry_run, lang).await?;
    let status = if answer.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(answer)).into_response())
}

/// Imports a bank file: every question written, or every one that cannot be read.
pub async fn run_import(
    state: &AppState,
    actor: &Actor,
    format: BankFormat,
    bytes: &[u8],
    dry_run: bool,
    lang: Lang,
) -> Result<QuestionImportResponse, ApiError> {
    let (accepted, summary) =
        service::author::bank_import::import(state.db(), actor, format, bytes, dry_run)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    let errors = summary
        .problems
        .into_iter()
        .map(|p| QuestionImportError {
            row: p.line,
            column: p.title,
            code: problem_code(&p.problem).to_owned(),
            message: p.problem.message(lang),
        })
        .collect();
    Ok(QuestionImportResponse { accepted, errors })
}

fn problem_code(p: &domain::learning::question::Problem) -> &'static str {
    use domain::learning::question::Problem;
    match p {
        Problem::UnsupportedType { .. } => "unsupported_type",
        Problem::UnbalancedBraces => "unbalanced_braces",
        Problem::NoText => "no_text",
        Problem::NoRightAnswer => "no_right_answer",
        Problem::BadWeight { .. } => "bad_weight",
        Problem::TooFewOptions => "too_few_options",
        Problem::Malformed { .. } => "malformed",
    }
}

//! `/api/v1/*/import`: importing the exchange formats.
use std::collections::HashMap;

use app::i18n::Texts;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use domain::exchange::Format;
use serde::Serialize;
use service::access::authz::Actor;
use service::hr::imports::{FileType, ImportReport};
use utoipa::ToSchema;

use super::extract::ApiQuery;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResponse {
    /// Rows written (or, on a dry run, that would be); 0 when the file is rejected.
    pub accepted: usize,
    pub errors: Vec<ImportRowError>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportRowError {
    /// Line of the file, the header being line 1.
    pub row: usize,
    /// Column key, e.g. `ma_can_bo`; empty for the file as a whole.
    pub column: String,
    /// Stable, for programs: e.g. `invalid_date`, `overlapping_period`.
    pub code: String,
    /// For people, in Vietnamese unless the caller asked for English.
    pub message: String,
}

type ImportArgs = (
    AppState,
    Lang,
    Option<Extension<Actor>>,
    HashMap<String, String>,
    HeaderMap,
    Result<Bytes, BytesRejection>,
);

async fn import(format: Format, args: ImportArgs) -> Result<Response, ApiError> {
    let (state, lang, actor, query, headers, body) = args;
    let actor = signed_in(actor, lang)?;
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", lang)
        } else {
            ApiError::bad_request(lang)
        }
    })?;
    let file = ImportFile {
        content_type: headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()),
        bytes: &bytes,
        dry_run: query
            .get("dry_run")
            .is_some_and(|v| matches!(v.as_str(), "true" | "1" | "yes")),
        province: query.get("province").map(String::as_str),
    };
    let answer = run_import(&state, &actor, format, file, lang).await?;
    let status = if answer.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(answer)).into_response())
}

/// A file to import and how: what the API's query and headers say, or the import page's form.
pub struct ImportFile<'a> {
    pub content_type: Option<&'a str>,
    pub bytes: &'a [u8],
    pub dry_run: bool,
    /// The province's code, for the national admin.
    pub province: Option<&'a str>,
}

/// Imports one file of `format`: every row written, or every bad row with its message.
pub async fn run_import(
    state: &AppState,
    actor: &Actor,
    format: Format,
    file: ImportFile<'_>,
    lang: Lang,
) -> Result<ImportResponse, ApiError> {
    let file_type = FileType::detect(file.content_type, file.bytes);
    let options = service::hr::imports::Options {
        dry_run: file.dry_run,
        province: file.province,
        ..Default::default()
    };
    let report =
        service::hr::imports::run_with(state.db(), actor, format, file_type, file.bytes, options)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(import_response(report, lang))
}

fn import_response(report: ImportReport, lang: Lang) -> ImportResponse {
    let t = Texts::get(lang);
    let errors = report
        .errors
        .into_iter()
        .map(|e| ImportRowError {
            message: t.error(&e.code).to_owned(),
            row: e.row,
            column: e.column,
            code: e.code,
        })
        .collect();
    ImportResponse {
        accepted: report.accepted,
        errors,
    }
}

pub(super) fn signed_in(actor: Option<Extension<Actor>>, lang: Lang) -> Result<Actor, ApiError> {
    actor
        .map(|Extension(a)| a)
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unauthenticated", lang))
}

macro_rules! import_handler {
    ($name:ident, $op:tt, $path:tt, $format:expr, $doc:tt) => {
        #[doc = $doc]
        #[utoipa::path(post, operation_id = $op, path = $path, tag = "records",
            params(("dry_run" = Option<bool>, Query, description = "Check the file without writing anything"),
                   ("province" = Option<String>, Query, description = "The province's code: needed only by the national admin when there are several; the caller's own (or the only one) when absent. Unknown, or missing where needed: the file is rejected (422, code `unknown_province` or `province_required`); another province than the caller's: 404")),
            request_body(content = String, content_type = "text/csv",
                description = "The file: CSV (UTF-8, comma or semicolon) or XLSX (first sheet, media type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)"),
            responses((status = 200, body = ImportResponse), (status = 422, body = ImportResponse, description = "Rejected: every bad row"),
                      (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
        pub async fn $name(
            State(state): State<AppState>,
            Extension(lang): Extension<Lang>,
            actor: Option<Extension<Actor>>,
            ApiQuery(query): ApiQuery<HashMap<String, String>>,
            headers: HeaderMap,
            body: Result<Bytes, BytesRejection>,
        ) -> Result<Response, ApiError> {
            import($format, (state, lang, actor, query, headers, body)).await
        }
    };
}

import_handler!(
    import_units,
    "import_units",
    "/api/v1/units/import",
    Format::Units,
    "Imports units (`don_vi`); admin only."
);
import_handler!(
    import_roster,
    "import_roster",
    "/api/v1/roster/import",
    Format::Roster,
    "Imports the roster (`danh_sach`)."
);
import_handler!(
    import_training,
    "import_training_records",
    "/api/v1/training-records/import",
    Format::Training,
    "Imports training records (`boi_duong`)."
);
import_handler!(
    import_assessments,
    "import_assessment_results",
    "/api/v1/assessment-results/import",
    Format::Assessment,
    "Imports assessment results (`danh_gia`)."
);

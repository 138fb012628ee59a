//! `/api/v1/*/import` and `/api/v1/indicators*`: importing the exchange formats and reading the indicators.
use std::collections::HashMap;

use app::i18n::Texts;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header::CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::NaiveDate;
use domain::exchange::Format;
use domain::{Lang, Ratio};
use serde::Serialize;
use service::access::authz::Actor;
use service::hr::imports::{FileType, ImportReport};
use service::hr::indicators::{Indicators, UnitIndicators};
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
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let file_type = FileType::detect(content_type, &bytes);
    let dry_run = query
        .get("dry_run")
        .is_some_and(|v| matches!(v.as_str(), "true" | "1" | "yes"));
    let report = service::hr::imports::run(state.db(), &actor, format, file_type, &bytes, dry_run)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(import_response(report, lang))
}

fn import_response(report: ImportReport, lang: Lang) -> Response {
    let t = Texts::get(lang);
    let status = if report.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
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
    (
        status,
        Json(ImportResponse {
            accepted: report.accepted,
            errors,
        }),
    )
        .into_response()
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
            params(("dry_run" = Option<bool>, Query, description = "Check the file without writing anything")),
            request_body(content = String, content_type = "text/csv",
                description = "The file: CSV (UTF-8, comma or semicolon) or XLSX (first sheet, media type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)"),
            responses((status = 200, body = ImportResponse), (status = 422, body = ImportResponse, description = "Rejected: every bad row"),
                      (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
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

#[derive(Debug, Serialize, ToSchema)]
pub struct RatioJson {
    pub numerator: u64,
    pub denominator: u64,
    /// Rounded half up to one decimal; `null` when the denominator is 0.
    pub percentage: Option<f64>,
}

impl From<Ratio> for RatioJson {
    fn from(r: Ratio) -> Self {
        RatioJson {
            numerator: r.numerator,
            denominator: r.denominator,
            percentage: r.percentage(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorsJson {
    pub provincial_trained: RatioJson,
    pub commune_trained: RatioJson,
    pub mastered: RatioJson,
}

impl From<Indicators> for IndicatorsJson {
    fn from(i: Indicators) -> Self {
        IndicatorsJson {
            provincial_trained: i.provincial_trained.into(),
            commune_trained: i.commune_trained.into(),
            mastered: i.mastered.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorsResponse {
    /// `YYYY-MM-DD`.
    pub as_of: String,
    /// The unit's code; `null` for the whole province.
    pub unit: Option<String>,
    pub indicators: IndicatorsJson,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitJson {
    pub code: String,
    pub name: String,
    /// `tinh` or `xa`.
    pub level: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ByUnitRow {
    pub unit: UnitJson,
    pub indicators: IndicatorsJson,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ByUnitResponse {
    pub as_of: String,
    pub unit: Option<String>,
    pub rows: Vec<ByUnitRow>,
}

impl From<UnitIndicators> for ByUnitRow {
    fn from(u: UnitIndicators) -> Self {
        let unit = UnitJson {
            code: u.unit.code,
            name: u.unit.name,
            level: u.unit.level.as_str().to_owned(),
        };
        ByUnitRow {
            unit,
            indicators: u.indicators.into(),
        }
    }
}

/// `as_of` as given, or today in Vietnam (UTC+7) when absent.
pub(super) fn as_of(query: &HashMap<String, String>, lang: Lang) -> Result<NaiveDate, ApiError> {
    match query
        .get("as_of")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        Some(text) => domain::dates::parse_day(text)
            .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "invalid_as_of", lang)),
        None => Ok(service::today()),
    }
}

struct IndicatorRequest {
    as_of: NaiveDate,
    unit: Option<service::entity::unit::Model>,
}

async fn indicator_request(
    state: &AppState,
    lang: Lang,
    actor: Option<Extension<Actor>>,
    query: &HashMap<String, String>,
) -> Result<IndicatorRequest, ApiError> {
    let actor = signed_in(actor, lang)?;
    let as_of = as_of(query, lang)?;
    if !(actor.is_admin() || actor.has(domain::Role::Hr)) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    let code = query
        .get("unit")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    let unit = service::hr::indicators::target_unit(state.db(), &actor, code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(IndicatorRequest { as_of, unit })
}

/// The three indicators as of a date for a unit's subtree (the province when no unit is given).
#[utoipa::path(get, operation_id = "get_indicators", path = "/api/v1/indicators", tag = "records",
    params(("as_of" = inline(Option<super::params::DateOrEmpty>), Query, description = "YYYY-MM-DD; today when absent or empty"),
           ("unit" = Option<String>, Query, description = "Unit code; the whole province (admin) or one's own unit (hr) when absent")),
    responses((status = 200, body = IndicatorsResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn indicators(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Json<IndicatorsResponse>, ApiError> {
    let req = indicator_request(&state, lang, actor, &query).await?;
    let figures = service::hr::indicators::for_unit(state.db(), req.as_of, req.unit.as_ref())
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(IndicatorsResponse {
        as_of: req.as_of.format("%Y-%m-%d").to_string(),
        unit: req.unit.map(|u| u.code),
        indicators: figures.into(),
    }))
}

/// The indicators of each direct sub-unit (each top-level unit for the province).
#[utoipa::path(get, operation_id = "get_indicators_by_unit", path = "/api/v1/indicators/by-unit", tag = "records",
    params(("as_of" = inline(Option<super::params::DateOrEmpty>), Query, description = "YYYY-MM-DD; today when absent or empty"),
           ("unit" = Option<String>, Query, description = "Unit code whose direct sub-units are listed")),
    responses((status = 200, body = ByUnitResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn indicators_by_unit(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Json<ByUnitResponse>, ApiError> {
    let req = indicator_request(&state, lang, actor, &query).await?;
    let rows = service::hr::indicators::by_unit(state.db(), req.as_of, req.unit.as_ref())
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(ByUnitResponse {
        as_of: req.as_of.format("%Y-%m-%d").to_string(),
        unit: req.unit.map(|u| u.code),
        rows: rows.into_iter().map(Into::into).collect(),
    }))
}

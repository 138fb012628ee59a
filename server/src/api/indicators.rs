//! `/api/v1/indicators*`: the indicators of a unit (or the province) on a date, of each of its
//! sub-units, and at each month end of a period; the same figures as the dashboard.
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use chrono::NaiveDate;
use domain::hr::IndicatorSet;
use domain::{Lang, Ratio};
use serde::Serialize;
use service::access::authz::Actor;
use service::hr::indicators::{Indicators, UnitIndicators};
use utoipa::ToSchema;

use super::extract::ApiQuery;
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

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
    /// What the caller sees whole: their province, or the nation for the national admin.
    root: String,
}

async fn indicator_request(
    state: &AppState,
    lang: Lang,
    actor: Option<Extension<Actor>>,
    query: &HashMap<String, String>,
) -> Result<IndicatorRequest, ApiError> {
    let actor = signed_in(actor, lang)?;
    let as_of = as_of(query, lang)?;
    if !actor.reads_records() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    let code = query
        .get("unit")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    let unit = service::hr::indicators::target_unit(state.db(), &actor, code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(IndicatorRequest {
        as_of,
        unit,
        root: actor.root_path(),
    })
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
    let figures =
        service::hr::indicators::for_unit(state.db(), req.as_of, req.unit.as_ref(), &req.root)
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
    let rows =
        service::hr::indicators::by_unit(state.db(), req.as_of, req.unit.as_ref(), &req.root)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(ByUnitResponse {
        as_of: req.as_of.format("%Y-%m-%d").to_string(),
        unit: req.unit.map(|u| u.code),
        rows: rows.into_iter().map(Into::into).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProvinceRow {
    pub province: ProvinceJson,
    pub indicators: IndicatorsJson,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProvinceJson {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ByProvinceResponse {
    pub as_of: String,
    /// One row per province, by code; the nation's figures are their sums.
    pub rows: Vec<ProvinceRow>,
}

/// The provinces side by side: every province for the national admin, one's own for a
/// province admin or a province's token.
#[utoipa::path(get, operation_id = "get_indicators_by_province", path = "/api/v1/indicators/by-province", tag = "records",
    params(("as_of" = inline(Option<super::params::DateOrEmpty>), Query, description = "YYYY-MM-DD; today when absent or empty")),
    responses((status = 200, body = ByProvinceResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn indicators_by_province(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Json<ByProvinceResponse>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let as_of = as_of(&query, lang)?;
    let rows = service::hr::indicators::by_province(state.db(), &actor, as_of)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(ByProvinceResponse {
        as_of: as_of.format("%Y-%m-%d").to_string(),
        rows: rows
            .into_iter()
            .map(|r| ProvinceRow {
                province: ProvinceJson {
                    code: r.code,
                    name: r.name,
                },
                indicators: service::hr::dashboard::to_set(r.indicators).into(),
            })
            .collect(),
    }))
}

impl From<IndicatorSet> for IndicatorsJson {
    fn from(s: IndicatorSet) -> Self {
        IndicatorsJson {
            provincial_trained: s.provincial_trained.into(),
            commune_trained: s.commune_trained.into(),
            mastered: s.mastered.into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendPoint {
    /// A month's last day, `YYYY-MM-DD`; the last point is the period's end itself.
    pub as_of: String,
    pub indicators: IndicatorsJson,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendResponse {
    pub from: String,
    pub to: String,
    /// The unit's code; `null` for the whole province.
    pub unit: Option<String>,
    pub points: Vec<TrendPoint>,
}

/// A day of the query (`from` or `to`), or `default` when absent or empty.
fn day(
    query: &HashMap<String, String>,
    key: &str,
    default: NaiveDate,
    lang: Lang,
) -> Result<NaiveDate, ApiError> {
    // Only an empty value stands for an absent one (the document's `DateOrEmpty`).
    match query.get(key).filter(|s| !s.is_empty()) {
        Some(text) => domain::dates::parse_day(text)
            .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "invalid_date", lang)),
        None => Ok(default),
    }
}

/// The indicators at each month end of a period (at most 120 months), as the dashboard's line
/// chart draws them.
#[utoipa::path(get, operation_id = "get_indicator_trend", path = "/api/v1/indicators/trend", tag = "records",
    params(("from" = inline(Option<super::params::DateOrEmpty>), Query, description = "YYYY-MM-DD; eleven months before `to` when absent"),
           ("to" = inline(Option<super::params::DateOrEmpty>), Query, description = "YYYY-MM-DD; today when absent"),
           ("unit" = Option<String>, Query, description = "Unit code; the whole province (admin) or one's own unit (hr) when absent")),
    responses((status = 200, body = TrendResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`from` after `to`, or more than 120 months")))]
pub async fn trend(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Json<TrendResponse>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let to = day(&query, "to", service::today(), lang)?;
    let year_before = to
        .checked_sub_months(chrono::Months::new(service::hr::dashboard::MONTHS - 1))
        .unwrap_or(to);
    let from = day(&query, "from", year_before, lang)?;
    let code = query
        .get("unit")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    let (unit, points) = service::hr::dashboard::trend(state.db(), &actor, code, from, to)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let points = points
        .into_iter()
        .map(|(as_of, set)| TrendPoint {
            as_of,
            indicators: set.into(),
        })
        .collect();
    Ok(Json(TrendResponse {
        from: service::hr::dashboard::iso(from),
        to: service::hr::dashboard::iso(to),
        unit: unit.map(|u| u.code),
        points,
    }))
}

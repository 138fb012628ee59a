//! `/api/v1/people`: the people behind a figure (paged, in the caller's scope);
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

use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// Pages past this are refused (50 a page: 50 million people).
const MAX_PAGE: u32 = 1_000_000;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeopleParams {
    /// Unit code; the whole province (admin) or one's own unit (hr) when absent.
    #[serde(default)]
    pub unit: String,
    /// `provincial_trained`, `commune_trained` or `mastered`: only the people that
    /// indicator's denominator counts.
    #[serde(default)]
    #[param(inline, value_type = Option<super::params::IndicatorOrEmpty>)]
    pub indicator: String,
    /// `trained`, `not_trained`, `mastered` or `not_mastered` on the date.
    #[serde(default)]
    #[param(inline, value_type = Option<super::params::StatusOrEmpty>)]
    pub status: String,
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    #[param(inline, value_type = Option<super::params::DateOrEmpty>)]
    pub as_of: String,
    /// From 1.
    #[serde(default)]
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonLine {
    pub staff_code: String,
    pub full_name: String,
    pub unit: super::indicators::UnitJson,
    /// `can_bo`, `cong_chuc`, `vien_chuc` or `khac`, as in the roster.
    pub kind: String,
    /// The first training on or before the date, `YYYY-MM-DD`.
    pub trained_on: Option<String>,
    /// The first passed mastery assessment on or before the date.
    pub mastered_on: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeopleResponse {
    pub as_of: String,
    /// The unit's code; `null` for the whole province.
    pub unit: Option<String>,
    pub page: u32,
    pub page_size: u32,
    /// People the query selects, on every page.
    pub total: u64,
    pub people: Vec<PersonLine>,
}

/// The people behind a figure: those active on the date in the unit's subtree, narrowed to an
/// indicator's denominator and a status; 50 a page, by unit then name.
#[utoipa::path(get, operation_id = "list_people", path = "/api/v1/people", tag = "records",
    params(PeopleParams),
    responses((status = 200, body = PeopleResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(params): ApiQuery<PeopleParams>,
) -> Result<Json<PeopleResponse>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let query = people_query(params, lang)?;
    let page = service::hr::dashboard::people_page(state.db(), &actor, &query)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let people = page.rows.into_iter().map(person_line).collect();
    Ok(Json(PeopleResponse {
        as_of: page.as_of,
        unit: page.unit.map(|u| u.code),
        page: page.page,
        page_size: page.page_size,
        total: page.total,
        people,
    }))
}

/// The page's query from the API's parameters; an unknown indicator or status is refused
/// rather than ignored (it would list everyone).
fn people_query(p: PeopleParams, lang: Lang) -> Result<domain::hr::PeopleQuery, ApiError> {
    // Exactly the document's closed lists: an empty value is an absent one.
    let (indicator, status) = (p.indicator.as_str(), p.status.as_str());
    let indicator_ok = indicator.is_empty() || domain::hr::IndicatorKey::parse(indicator).is_some();
    let status_ok = status.is_empty() || domain::hr::PersonStatus::parse(status).is_some();
    let page = p.page.unwrap_or(1);
    if !(indicator_ok && status_ok && (1..=MAX_PAGE).contains(&page)) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            lang,
        ));
    }
    if !p.as_of.is_empty() && domain::dates::parse_day(&p.as_of).is_none() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_as_of",
            lang,
        ));
    }
    Ok(domain::hr::PeopleQuery {
        unit: p.unit,
        as_of: p.as_of,
        search: String::new(),
        kind: String::new(),
        status: status.to_owned(),
        indicator: indicator.to_owned(),
        page,
    })
}

fn person_line(r: domain::hr::PersonRow) -> PersonLine {
    PersonLine {
        staff_code: r.staff_code,
        full_name: r.full_name,
        unit: super::indicators::UnitJson {
            code: r.unit.code,
            name: r.unit.name,
            level: r.unit.level.as_str().to_owned(),
        },
        kind: r.kind.as_str().to_owned(),
        trained_on: r.trained_on,
        mastered_on: r.mastered_on,
    }
}

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

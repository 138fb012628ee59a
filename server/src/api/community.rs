//! Community digital teams over JSON: the registry of teams and members, commune statistics,
//! and what a facilitator does for residents (register, list, enrol).
use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use domain::community::{CommuneStats, Resident, Team};
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::auth::RegisterRequest;
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::session::ClientIp;
use crate::state::AppState;

fn fail(lang: Lang) -> impl Fn(service::Error) -> ApiError {
    move |e| ApiError::from_service(e, lang)
}

/// The teams the caller may see (the admin: all; hr: their units'; a facilitator: their
/// commune's), optionally of one commune.
#[utoipa::path(get, operation_id = "list_teams", path = "/api/v1/teams", tag = "community",
    params(("commune" = Option<String>, Query, description = "Code of one commune")),
    responses((status = 200, content_type = "application/json", description = "[{id, name, commune: {code, name, level}, members: [{user_id, full_name, login}]}]"),
              (status = 401, body = ErrorBody)))]
pub async fn teams(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Json<Vec<Team>>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let commune = query
        .get("commune")
        .map(String::as_str)
        .filter(|c| !c.is_empty());
    let teams = service::community::teams::teams(state.db(), &actor, commune)
        .await
        .map_err(fail(lang))?;
    Ok(Json(teams))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewTeam {
    /// Code of the commune (unit of level `xa`).
    pub commune: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: i32,
}

/// Registers a team in a commune (the admin, or hr of a unit above the commune).
#[utoipa::path(post, operation_id = "create_team", path = "/api/v1/teams", request_body = NewTeam, tag = "community",
    responses((status = 201, body = Created), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_team(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiJson(body): ApiJson<NewTeam>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let id = service::community::teams::create_team(state.db(), &actor, &body.commune, &body.name)
        .await
        .map_err(fail(lang))?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewMember {
    /// The member's login (phone, email or username); they must have an account.
    pub login: String,
}

/// Adds a member to a team; they become a facilitator of the team's commune.
#[utoipa::path(post, operation_id = "add_team_member", path = "/api/v1/teams/{id}/members", request_body = NewMember, tag = "community",
    params(("id" = i32, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_member(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i32>,
    ApiJson(body): ApiJson<NewMember>,
) -> Result<StatusCode, ApiError> {
    let actor = signed_in(actor, lang)?;
    service::community::teams::add_member(state.db(), &actor, id, &body.login)
        .await
        .map_err(fail(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes a member off a team (with their last team in the commune, the facilitator role).
#[utoipa::path(delete, operation_id = "remove_team_member", path = "/api/v1/teams/{id}/members/{user_id}", tag = "community",
    params(("id" = i32, Path), ("user_id" = i32, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath((id, user_id)): ApiPath<(i32, i32)>,
) -> Result<StatusCode, ApiError> {
    let actor = signed_in(actor, lang)?;
    service::community::teams::remove_member(state.db(), &actor, id, user_id)
        .await
        .map_err(fail(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Residents registered, residents who completed a basic course (one for residents), teams
/// and members, per commune the caller may see and in total, on a date (today by default).
#[utoipa::path(get, operation_id = "get_commune_stats", path = "/api/v1/communes/stats", tag = "community",
    params(("as_of" = inline(Option<super::params::DateOrEmpty>), Query, description = "YYYY-MM-DD; today when absent or empty")),
    responses((status = 200, content_type = "application/json", description = "{as_of, rows: [{unit, figures: {residents_registered, residents_completed_basic, teams, members}}], total}"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`as_of` is not a date (`invalid_as_of`)")))]
pub async fn commune_stats(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Json<CommuneStats>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let as_of = service::hr::dashboard::parse_as_of(query.get("as_of").map_or("", String::as_str))
        .map_err(fail(lang))?;
    let stats = service::community::teams::stats(state.db(), &actor, as_of)
        .await
        .map_err(fail(lang))?;
    Ok(Json(stats))
}

/// The residents registered through the facilitators of the caller's communes.
#[utoipa::path(get, operation_id = "list_residents", path = "/api/v1/residents", tag = "community",
    responses((status = 200, content_type = "application/json", description = "[{user_id, full_name, login, registered_on, enrolled, completed}]"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn residents(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Json<Vec<Resident>>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let list = service::community::facilitation::residents(state.db(), &actor)
        .await
        .map_err(fail(lang))?;
    Ok(Json(list))
}

/// A facilitator registers a resident of their commune on the resident's behalf; `consent`
/// records that the resident agreed, after hearing what is kept and why.
#[utoipa::path(post, operation_id = "register_resident", path = "/api/v1/residents", request_body = RegisterRequest, tag = "community",
    responses((status = 201, body = Created), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody)))]
pub async fn register_resident(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ip): Extension<ClientIp>,
    actor: Option<Extension<Actor>>,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let form = service::access::accounts::Registration {
        full_name: body.full_name,
        login: body.login,
        password: body.password,
        province_code: body.province.unwrap_or_default(),
        commune_code: body.commune,
        consent: body.consent,
    };
    let s = &state.services;
    let user = service::community::facilitation::register_resident(
        &s.db,
        &s.passwords,
        &actor,
        &form,
        &ip.0,
    )
    .await
    .map_err(fail(lang))?;
    Ok((StatusCode::CREATED, Json(Created { id: user.id })).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEnrolment {
    /// Course code, e.g. `KNS-DC-01`.
    pub course: String,
}

/// Enrols a resident (one the caller helps as a facilitator) in a published course.
#[utoipa::path(post, operation_id = "enrol_resident", path = "/api/v1/residents/{id}/enrolments", request_body = NewEnrolment, tag = "community",
    params(("id" = i32, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn enrol(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i32>,
    ApiJson(body): ApiJson<NewEnrolment>,
) -> Result<StatusCode, ApiError> {
    let actor = signed_in(actor, lang)?;
    service::community::facilitation::enrol(state.db(), &actor, id, &body.course)
        .await
        .map_err(fail(lang))?;
    Ok(StatusCode::NO_CONTENT)
}

//! `GET /api/v1/courses/{code}/offline`: what a phone caches to learn a course offline;
//! `POST /api/v1/sync`: what it made offline, sent when the network returns.
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::Lang;
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use service::learn::sync::Outcome;
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct OfflineCourseJson {
    /// The course code, e.g. `KNS-DC-01`.
    pub course: String,
    pub title: String,
    /// Same-origin paths to cache: the course page, every lesson page, the practice page,
    /// lesson files, the stylesheet, script and WebAssembly, and the offline page.
    pub urls: Vec<String>,
    /// The practice set, answers and explanations included: `position`, `html` (the question
    /// text, sanitised), `question` (kind, choices with weight and feedback, truth, accepted
    /// answers, feedback).
    #[schema(value_type = Vec<Object>)]
    pub practice: Vec<domain::learning::practice::PracticeQuestion>,
    /// Positions of the lessons the learner has done.
    pub done: Vec<u32>,
    /// `YYYY-MM-DD` when the learner completed the course.
    pub completed_on: Option<String>,
    /// How many practice results the server holds for the learner and course.
    pub practice_results: u64,
}

/// The files every offline course needs besides its own pages.
fn assets(state: &AppState) -> Vec<String> {
    // Course pages are reading pages: no wasm, so the script and the wasm stay off the phone.
    let files = crate::assets::names(&state.leptos_options);
    vec![
        files.css.clone(),
        files.offline_js.clone(),
        "/ngoai-tuyen".to_owned(),
        "/favicon.svg".to_owned(),
        "/manifest.webmanifest".to_owned(),
    ]
}

/// A learner's own account: API tokens have no learner behind them.
fn learner(actor: Option<Extension<Actor>>, lang: Lang) -> Result<Actor, ApiError> {
    let actor = signed_in(actor, lang)?;
    if actor.token.is_some() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    Ok(actor)
}

/// The pages, files and practice set to keep on the phone for a published course.
#[utoipa::path(get, operation_id = "get_offline_course", path = "/api/v1/courses/{code}/offline", tag = "offline",
    params(("code" = String, Path, description = "The course code")),
    responses((status = 200, body = OfflineCourseJson), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody, description = "An API token: offline learning is for a learner's own account"),
              (status = 404, body = ErrorBody, description = "No published course with this code")))]
pub async fn course(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<OfflineCourseJson>, ApiError> {
    let actor = learner(actor, lang)?;
    let c = service::learn::offline::course(
        state.db(),
        actor.id(),
        &code,
        &assets(&state),
        service::now(),
    )
    .await
    .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(OfflineCourseJson {
        course: c.code,
        title: c.title,
        urls: c.urls,
        practice: c.practice,
        done: c.done,
        completed_on: c.completed_on,
        practice_results: c.practice_results,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SyncRequest {
    /// Each item: `id` (a UUID the phone made), `kind` (`lesson_done` or `practice`), `course`
    /// (code), `lesson` (position, for `lesson_done`), `answers` (for `practice`: one per
    /// question in order, `{"type":"choices","value":[1]}`, `{"type":"truth","value":true}`,
    /// `{"type":"text","value":"..."}` or null), `at` (RFC 3339, when it was done).
    /// Any JSON value is taken: an item that is not one of these is answered `rejected`
    /// (`bad_item`, `bad_id`...) on its own, and the others are still recorded.
    #[schema(value_type = Vec<serde_json::Value>)]
    pub items: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SyncItemJson {
    pub id: Option<String>,
    /// `accepted`, `duplicate` (received before: nothing changed) or `rejected`.
    pub status: String,
    /// For `rejected`: `bad_id`, `bad_item`, `bad_kind`, `unknown_course`, `unknown_lesson`,
    /// `no_practice` or `bad_answers`.
    pub reason: Option<String>,
    /// The reason in the reader's language.
    pub message: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SyncResponse {
    pub results: Vec<SyncItemJson>,
}

/// Records lesson completions and practice results made offline, for the signed-in learner
/// only. Sending the same item again (same `id`) changes nothing; one bad item does not stop
/// the others.
#[utoipa::path(post, operation_id = "sync_offline", path = "/api/v1/sync", tag = "offline", request_body = SyncRequest,
    responses((status = 200, body = SyncResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "More than 500 items")))]
pub async fn sync(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiJson(body): ApiJson<SyncRequest>,
) -> Result<Json<SyncResponse>, ApiError> {
    let actor = learner(actor, lang)?;
    let results = service::learn::sync::apply(
        state.db(),
        &state.services.xapi,
        actor.id(),
        &body.items,
        service::now(),
    )
    .await
    .map_err(|e| ApiError::from_service(e, lang))?;
    let t = app::i18n::Texts::get(lang);
    Ok(Json(SyncResponse {
        results: results
            .into_iter()
            .map(|r| {
                let (status, reason) = match r.outcome {
                    Outcome::Accepted => ("accepted", None),
                    Outcome::Duplicate => ("duplicate", None),
                    Outcome::Rejected(reason) => ("rejected", Some(reason)),
                };
                SyncItemJson {
                    id: r.id,
                    status: status.to_owned(),
                    reason: reason.map(str::to_owned),
                    message: reason.map(|c| t.error(c).to_owned()),
                }
            })
            .collect(),
    }))
}

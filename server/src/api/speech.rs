//! Spoken lessons: `GET /am-thanh/{id}/{hash}` serves a lesson's spoken version with ranges
//! (a phone's player asks for pieces) and a year's cache (a new clip is a new address);
//! `POST /api/v1/lessons/{id}/voice` stores an author's recording in its place and
//! `DELETE` the same address removes it.
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use serde::Serialize;
use service::access::authz::Actor;
use service::speech::store::MAX_VOICE_BYTES;
use utoipa::ToSchema;

use super::extract::ApiPath;
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct VoiceJson {
    /// Where the recording is served, e.g. `/am-thanh/12/3f2a…`.
    pub url: String,
    /// Read from the file's bytes: audio/mpeg, audio/ogg, audio/mp4, audio/wav or audio/webm.
    pub content_type: String,
    pub size: u64,
}

fn author(actor: Option<Extension<Actor>>, lang: Lang) -> Result<Actor, ApiError> {
    let actor = signed_in(actor, lang)?;
    if service::access::authz::author_scope(&actor).is_err() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    Ok(actor)
}

/// Stores a recorded voice for a lesson, in place of the server's speech; author or admin.
#[utoipa::path(post, operation_id = "upload_lesson_voice", path = "/api/v1/lessons/{id}/voice", tag = "courses",
    params(("id" = i32, Path, description = "The lesson's id")),
    request_body(content = inline(super::params::FileBytes), content_type = "application/octet-stream",
        description = "The recording: MP3, Ogg, M4A, WAV or WebM audio (read from its bytes), at most 20 MiB"),
    responses((status = 201, body = VoiceJson), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "Not one of the accepted types"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn upload_voice(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i32>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let actor = author(actor, lang)?;
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "audio_too_large", lang)
        } else {
            ApiError::bad_request(lang)
        }
    })?;
    if bytes.len() > MAX_VOICE_BYTES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "audio_too_large",
            lang,
        ));
    }
    let fail = |e| ApiError::from_service(e, lang);
    service::speech::store::record_voice(state.db(), &actor, id, &bytes)
        .await
        .map_err(fail)?;
    let kept = service::speech::store::ready_for(state.db(), &[id])
        .await
        .map_err(fail)?
        .remove(&id)
        .ok_or_else(|| ApiError::from_service(service::Error::NotFound, lang))?;
    let json = VoiceJson {
        url: kept.url,
        content_type: kept.content_type,
        size: kept.size,
    };
    Ok((StatusCode::CREATED, Json(json)).into_response())
}

/// Removes a lesson's recorded voice; the server's speech is made again. Author or admin.
#[utoipa::path(delete, operation_id = "remove_lesson_voice", path = "/api/v1/lessons/{id}/voice", tag = "courses",
    params(("id" = i32, Path, description = "The lesson's id")),
    responses((status = 204, description = "Removed, or there was none"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_voice(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i32>,
) -> Result<StatusCode, ApiError> {
    let actor = author(actor, lang)?;
    service::speech::store::remove_voice(state.db(), &actor, id)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A lesson's spoken version, whole or the range asked for.
pub async fn serve(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath((id, hash)): ApiPath<(i32, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let actor = actor.map(|Extension(a)| a);
    let (content_type, data) = service::speech::store::clip(state.db(), actor.as_ref(), id, &hash)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    // The address names one clip forever: a changed lesson is a new hash, a new address.
    Ok(crate::http::ranged::media(&headers, &content_type, data))
}

//! Lesson videos: `POST /api/v1/lessons/{id}/video` keeps an author's MP4 (the file as the
//! body); `GET /video/{id}/{hash}` serves it in the ranges a player asks for, and
//! `GET /phu-de/{id}/{hash}` its WebVTT captions. Links and captions are set by the lesson
//! editor's forms (`app::api::author`).
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use serde::Serialize;
use service::access::authz::Actor;
use service::video::store::MAX_BYTES;
use utoipa::ToSchema;

use super::extract::ApiPath;
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct VideoJson {
    /// Where the video is served, e.g. `/video/12/3f2a…`.
    pub url: String,
    /// `video/mp4`.
    pub content_type: String,
    pub size: u64,
    /// Read from the file's header.
    pub duration_secs: u32,
}

/// Keeps an MP4 as a lesson's video, in place of any other (its captions stay); author or
/// admin.
#[utoipa::path(post, operation_id = "upload_lesson_video", path = "/api/v1/lessons/{id}/video", tag = "courses",
    params(("id" = i32, Path, description = "The lesson's id")),
    request_body(content = inline(super::params::FileBytes), content_type = "application/octet-stream",
        description = "The video: MP4 (read from its bytes), at most 100 MiB"),
    responses((status = 201, body = VideoJson), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "Not an MP4, or one that cannot be read"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(id): ApiPath<i32>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    if service::access::authz::author_scope(&actor).is_err() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    let too_large = || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "video_too_large", lang);
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::bad_request(lang)
        }
    })?;
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    let video = service::video::store::upload(state.db(), &actor, id, &bytes)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let json = VideoJson {
        url: video.url,
        content_type: video.content_type,
        size: video.size,
        duration_secs: video.duration_secs,
    };
    Ok((StatusCode::CREATED, Json(json)).into_response())
}

/// A lesson's video file, whole or the range asked for.
pub async fn serve(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath((id, hash)): ApiPath<(i32, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let actor = actor.map(|Extension(a)| a);
    let (content_type, data) = service::video::store::file(state.db(), actor.as_ref(), id, &hash)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(crate::http::ranged::media(&headers, &content_type, data))
}

/// A lesson video's captions, as `text/vtt`.
pub async fn captions(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath((id, hash)): ApiPath<(i32, String)>,
) -> Result<Response, ApiError> {
    let actor = actor.map(|Extension(a)| a);
    let text = service::video::store::captions_text(state.db(), actor.as_ref(), id, &hash)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/vtt; charset=utf-8"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox"),
        ),
        // The address names these captions forever: new captions are a new hash.
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ),
    ];
    Ok((headers, text).into_response())
}

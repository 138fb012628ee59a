//! Lesson files: `POST /api/v1/courses/{code}/attachments?name=…` stores an image or PDF an
//! author uploads (the body is the file), `GET /tep/{token}` serves it with headers that keep
//! a browser from running anything in it.
use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use serde::Serialize;
use service::access::authz::Actor;
use service::author::attachments::{MAX_BYTES, is_image};
use utoipa::ToSchema;

use super::extract::{ApiPath, ApiQuery};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentJson {
    /// Where the file is served, e.g. `/tep/3f2a…`.
    pub url: String,
    /// Read from the file's bytes: image/png, image/jpeg, image/webp, image/gif or application/pdf.
    pub content_type: String,
    /// What to put in the lesson's Markdown: `![name](url)` for an image, `[name](url)` else.
    pub markdown: String,
}

/// Stores an image or PDF for a course's lessons; author or admin.
#[utoipa::path(post, operation_id = "upload_attachment", path = "/api/v1/courses/{code}/attachments", tag = "courses",
    params(("code" = String, Path, description = "Course code"),
           ("name" = Option<String>, Query, description = "The file's name, shown in the Markdown")),
    request_body(content = inline(super::params::FileBytes), content_type = "application/octet-stream",
        description = "The file: PNG, JPEG, WebP, GIF or PDF (read from its bytes), at most 5 MiB"),
    responses((status = 201, body = AttachmentJson), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "Not one of the accepted types"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiPath(code): ApiPath<String>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    if service::access::authz::author_scope(&actor).is_err() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang));
    }
    let bytes = body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "file_too_large", lang)
        } else {
            ApiError::bad_request(lang)
        }
    })?;
    if bytes.len() > MAX_BYTES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
            lang,
        ));
    }
    let name = query.get("name").map_or("tep", String::as_str);
    let up = service::author::attachments::upload(state.db(), &actor, &code, name, &bytes)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok((
        StatusCode::CREATED,
        Json(AttachmentJson {
            url: up.url,
            content_type: up.content_type,
            markdown: up.markdown,
        }),
    )
        .into_response())
}

/// A lesson's file: images shown inline, PDFs downloaded; never sniffed, never scripted.
pub async fn serve(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    ApiPath(token): ApiPath<String>,
) -> Result<Response, ApiError> {
    let file = service::author::attachments::fetch(state.db(), &token)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let disposition = if is_image(&file.content_type) {
        "inline"
    } else {
        "attachment"
    };
    let encoded: String = form_urlencoded::byte_serialize(file.file_name.as_bytes()).collect();
    let headers = [
        (header::CONTENT_TYPE, value(&file.content_type)),
        (
            header::CONTENT_DISPOSITION,
            value(&format!(
                "{disposition}; filename*=UTF-8''{}",
                encoded.replace('+', "%20")
            )),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; img-src 'self'; sandbox"),
        ),
        // The token names one file forever: a new upload gets a new one.
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ),
    ];
    Ok((headers, file.data).into_response())
}

fn value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

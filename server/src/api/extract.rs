//! The API's extractors: axum's `Json`, `Path` and `Query` whose rejections (malformed JSON,
//! a missing or wrong media type, a path segment that is not a number, a query that does not
//! parse) are answered in the API's error shape and the caller's language, instead of axum's
//! plain-text answers. Every handler under /api/v1 takes these, never axum's own, so the one
//! place that turns a rejection into an answer is here (and the OpenAPI document can promise
//! a 400 with an `ErrorBody` for every operation that reads a body or a path parameter).
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::{Json, extract::Path, extract::Query};
use domain::Lang;

use crate::http::error::ApiError;

fn lang_of(extensions: &axum::http::Extensions) -> Lang {
    extensions.get::<Lang>().copied().unwrap_or_default()
}

/// A JSON body. Too large: 413 `payload_too_large`; anything else wrong with it (syntax, the
/// media type, a field of the wrong type or missing): 400 `bad_request`, the detail naming
/// the body.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(req.extensions());
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", lang),
            ),
            Err(_) => Err(ApiError::bad_request_in("body", lang)),
        }
    }
}

/// Path parameters: one that does not parse (`/api/v1/tokens/abc`) is 400 `bad_request`, the
/// detail naming the path.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.extensions);
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|_| ApiError::bad_request_in("path", lang))
    }
}

/// The query string: one that does not parse into `T` is 400 `bad_request`, the detail naming
/// the query.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.extensions);
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|_| ApiError::bad_request_in("query", lang))
    }
}

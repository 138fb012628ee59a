//! The API's error answer: an HTTP status and `{"error": {"code", "message", "details"}}`,
//! with messages in the caller's language. Internal causes are logged, never sent.
use app::i18n::Texts;
use axum::Json;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use serde::Serialize;
use service::Error;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorInfo,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorInfo {
    /// Stable, for programs: e.g. `invalid_credentials`, `invalid_input`, `rate_limited`.
    pub code: String,
    /// For people, in Vietnamese unless the caller asked for English.
    pub message: String,
    pub details: Vec<ErrorDetail>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, lang: Lang) -> Self {
        let message = Texts::get(lang).error(code).to_owned();
        Self {
            status,
            body: ErrorBody {
                error: ErrorInfo {
                    code: code.to_owned(),
                    message,
                    details: Vec::new(),
                },
            },
        }
    }

    pub fn from_service(err: Error, lang: Lang) -> Self {
        if let Error::Internal(cause) = &err {
            tracing::error!(%cause, "internal error");
        }
        let t = Texts::get(lang);
        let details = match &err {
            Error::Invalid(issues) => issues
                .iter()
                .map(|i| ErrorDetail {
                    field: i.field.clone(),
                    code: i.code.clone(),
                    message: t.error(&i.code).to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let status =
            StatusCode::from_u16(err.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut api = Self::new(status, err.code(), lang);
        api.body.error.details = details;
        api
    }

    pub fn foreign_origin(lang: Lang) -> Self {
        Self::new(StatusCode::FORBIDDEN, "foreign_origin", lang)
    }

    pub fn bad_request(lang: Lang) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", lang)
    }

    /// A request the API cannot read, with one detail naming the part at fault: `body`, `path`
    /// or `query` (see `super::extract`).
    pub fn bad_request_in(part: &str, lang: Lang) -> Self {
        let mut api = Self::bad_request(lang);
        api.body.error.details.push(ErrorDetail {
            field: part.to_owned(),
            code: "bad_request".to_owned(),
            message: api.body.error.message.clone(),
        });
        api
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// Any /api/v1 path with no handler: a JSON 404 rather than the HTML page.
pub async fn unknown_route(req: Request) -> ApiError {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    ApiError::new(StatusCode::NOT_FOUND, "not_found", lang)
}

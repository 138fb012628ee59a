//! How an error becomes an answer, in one place: for the API (and server functions) an HTTP
//! status and `{"error": {"code", "message", "details"}}` ([`ApiError`]); for pages and form
//! posts a small HTML page in the page's language with the request id ([`page`],
//! [`page_for`]); forms that send the user back do so with `?loi=<code>` (`forms::back_with_error`).
//! Messages come from the app's i18n by code (`domain::error_codes`). Internal causes are logged
//! once, inside the request's span, never sent.
use app::i18n::Texts;
use axum::Json;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
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

    /// What the error says to people, in the request's language.
    pub fn message(&self) -> &str {
        &self.body.error.message
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

/// The HTML error page, for requests refused before the app renders (foreign origin, oversized
/// or malformed form, panic) and for form posts the service refused. Only fixed texts, no
/// user input.
pub fn page(status: StatusCode, lang: Lang, code: &str) -> Response {
    let t = Texts::get(lang);
    // The id of the request (`http::trace`), for the user to quote to support: the same as
    // the answer's `x-request-id` header. Only hexadecimal digits.
    let request_id = super::trace::current().map_or(String::new(), |id| {
        format!(
            "<p class=\"muted\">{}: <code>{id}</code></p>",
            request_id_label(lang)
        )
    });
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · {app}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"noi-dung\"><section class=\"card narrow\"><h1>{title}</h1>\
         <p role=\"alert\">{message}</p>{request_id}<p><a href=\"/\">{home}</a></p></section></main></body></html>",
        lang = lang.code(),
        title = t.error_title,
        app = t.app_name,
        message = t.error(code),
        home = t.back_home,
        css = crate::assets::css_href(),
    );
    (status, Html(body)).into_response()
}

/// "Request id" in the page's language. Kept here rather than in the app's tables: only this
/// page, drawn outside the app, shows it.
fn request_id_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Mã yêu cầu",
        Lang::En => "Request id",
    }
}

/// Pages and forms get the HTML page; the API and server functions get JSON.
pub fn wants_json(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/_sf/")
}

/// A form post the service refused, answered as a page (never JSON: a browser sent it): the
/// error's status and its message in the page's language. An internal cause goes to the log.
pub fn page_for(err: service::Error, lang: Lang) -> Response {
    if let service::Error::Internal(cause) = &err {
        tracing::error!(%cause, "internal error");
    }
    let status =
        StatusCode::from_u16(err.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    page(status, lang, err.code())
}

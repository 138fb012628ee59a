//! A small, self-contained HTML error page for requests refused before the app renders
//! (foreign origin, oversized or malformed form, panic). Only fixed texts, no user input.
use app::i18n::Texts;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::Lang;

pub fn render(status: StatusCode, lang: Lang, code: &str) -> Response {
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
pub fn for_service(err: service::Error, lang: Lang) -> Response {
    if let service::Error::Internal(cause) = &err {
        tracing::error!(%cause, "internal error");
    }
    let status =
        StatusCode::from_u16(err.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    render(status, lang, err.code())
}

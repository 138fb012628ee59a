//! A reminder's unsubscribe link (`/huy-nhan-thu/{token}`): GET answers a page that asks to
//! confirm with a button (a link opened by a mail scanner unsubscribes no one); POST
//! unsubscribes, whether from that button or as RFC 8058's one click, which mail programs send
//! with the body `List-Unsubscribe=One-Click` and no cookie. A wrong token is a 404 page.
use app::i18n::reminders::ReminderTexts;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Router, routing::get};
use domain::Lang;

use crate::http::error::page_for;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        &app::paths::unsubscribe("{token}"),
        get(confirm).post(unsubscribe),
    )
}

/// Our tokens are URL-safe base64: anything else is no token (and never reaches the page).
fn plausible(token: &str) -> bool {
    !token.is_empty()
        && token.len() <= 64
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

async fn confirm(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Response {
    let t = ReminderTexts::get(lang);
    if !plausible(&token) {
        return frame(StatusCode::NOT_FOUND, lang, t.unsubscribe_unknown, "");
    }
    match service::hr::reminders::unsubscribe::is_known(state.db(), &token).await {
        Ok(true) => {
            let form = format!(
                "<form method=\"post\" action=\"{action}\"><button type=\"submit\" class=\"button\">{button}</button></form>",
                action = app::paths::unsubscribe(&token),
                button = t.unsubscribe_button,
            );
            frame(StatusCode::OK, lang, t.unsubscribe_ask, &form)
        }
        Ok(false) => frame(StatusCode::NOT_FOUND, lang, t.unsubscribe_unknown, ""),
        Err(e) => page_for(e, lang),
    }
}

async fn unsubscribe(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Response {
    let t = ReminderTexts::get(lang);
    if !plausible(&token) {
        return frame(StatusCode::NOT_FOUND, lang, t.unsubscribe_unknown, "");
    }
    match service::hr::reminders::unsubscribe::unsubscribe(state.db(), &token).await {
        Ok(()) => frame(StatusCode::OK, lang, t.unsubscribe_done, ""),
        Err(service::Error::NotFound) => {
            frame(StatusCode::NOT_FOUND, lang, t.unsubscribe_unknown, "")
        }
        Err(e) => page_for(e, lang),
    }
}

/// A small page in the site's style (drawn outside the app, as the error pages are).
fn frame(status: StatusCode, lang: Lang, message: &str, extra: &str) -> Response {
    let t = ReminderTexts::get(lang);
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Học Vụ Số</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"noi-dung\"><section class=\"card narrow\"><h1>{title}</h1>\
         <p role=\"status\">{message}</p>{extra}</section></main></body></html>",
        lang = lang.code(),
        title = t.unsubscribe_title,
        css = crate::assets::css_href(),
    );
    (status, Html(body)).into_response()
}

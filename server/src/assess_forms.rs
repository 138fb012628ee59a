//! Attempts by plain form posts, so a learner answers on any phone before (or without) the
//! wasm: start a quiz, save one answer and go to the next question, submit. Each answers with
//! a 303 to the page to show next; the answer is saved on the server as soon as it is given.
use app::paths;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router};
use domain::Lang;
use domain::learning::answer_form::answer_of;
use service::access::authz::Actor;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bai-kiem-tra/{code}/bat-dau", post(start))
        .route("/bai-lam/{id}/tra-loi", post(answer))
        .route("/bai-lam/{id}/nop", post(submit))
}

/// A redirect after a post (303).
fn see_other(location: &str) -> Response {
    crate::forms::see_other(location, None)
}

fn sign_in_first(back: &str) -> Response {
    let next = app::pages::account::login::NEXT_PARAM;
    see_other(&format!("/dang-nhap?{next}={}", urlencode(back)))
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn start(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Path(code): Path<String>,
) -> Response {
    let back = paths::quiz(&code);
    // An API token has no learner behind it (its stand-in user id is 0): sign in first.
    let Some(Extension(actor)) = actor.filter(|a| a.token.is_none()) else {
        return sign_in_first(&back);
    };
    match service::assess::attempts::start(
        state.db(),
        &state.services.xapi,
        actor.id(),
        &code,
        service::now(),
        service::today(),
    )
    .await
    {
        Ok(id) => see_other(&format!("/bai-lam/{id}?cau=1")),
        Err(service::Error::Conflict(code_)) => see_other(&format!("{back}?loi={code_}")),
        Err(e) => crate::http::error::page_for(e, lang),
    }
}

/// The form's fields, repeated keys kept (one `chon` per ticked option).
fn fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

async fn answer(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i32>,
    body: Bytes,
) -> Response {
    let page = paths::attempt(id);
    let Some(Extension(actor)) = actor else {
        return sign_in_first(&page);
    };
    let fields = fields(&body);
    let Some(position) = first(&fields, "cau").and_then(|p| p.parse::<u32>().ok()) else {
        return see_other(&page);
    };
    let next = first(&fields, "tiep").unwrap_or_default().to_owned();
    let (now, today) = (service::now(), service::today());
    let saving = service::assess::attempts::Saving {
        user_id: actor.id(),
        attempt_id: id,
        position,
        now,
        today,
    };
    let s = &state.services;
    match service::assess::attempts::save_answer_with(
        &s.read,
        &s.db,
        &s.xapi,
        &s.answers,
        &s.answer_targets,
        &saving,
        answer_of(&fields),
    )
    .await
    {
        Ok(()) if next.is_empty() => see_other(&format!("{page}?cau={position}")),
        Ok(()) => see_other(&format!("{page}?cau={}", urlencode(&next))),
        // Closed or out of time: the page shows the result.
        Err(service::Error::Conflict(_)) => see_other(&page),
        Err(e) => crate::http::error::page_for(e, lang),
    }
}

async fn submit(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i32>,
) -> Response {
    let page = paths::attempt(id);
    let Some(Extension(actor)) = actor else {
        return sign_in_first(&page);
    };
    match service::assess::attempts::submit(
        state.db(),
        &state.services.xapi,
        actor.id(),
        id,
        service::now(),
        service::today(),
    )
    .await
    {
        Ok(_) => see_other(&page),
        Err(e) => crate::http::error::page_for(e, lang),
    }
}

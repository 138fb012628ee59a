//! A practice set posted by a plain form (no JavaScript): graded and kept on the server, then
//! a 303 back to the practice page, which shows the result.
use app::paths;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router};
use domain::Lang;
use domain::learning::answer_form::practice_answers;
use domain::learning::grading::Answer;
use domain::learning::question::QuestionDraft;
use service::access::authz::Actor;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/luyen-tap/{code}/nop", post(submit))
}

/// A redirect after a post (303).
fn see_other(location: &str) -> Response {
    crate::forms::see_other(location, None)
}

async fn submit(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Path(code): Path<String>,
    body: Bytes,
) -> Response {
    let back = paths::practice(&code);
    let Some(Extension(actor)) = actor.filter(|a| a.token.is_none()) else {
        let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
        let param = app::pages::account::login::NEXT_PARAM;
        return see_other(&format!("/dang-nhap?{param}={next}"));
    };
    let db = state.db();
    let questions = match service::learn::catalogue::published(db, &code).await {
        Ok(c) => service::learn::practice::questions_of(db, c.id).await,
        Err(e) => Err(e),
    };
    let questions = match questions {
        Ok(q) => q,
        Err(e) => return crate::http::error::page_for(e, lang),
    };
    let answers = answers_from_form(&questions, &body);
    match service::learn::practice::submit(db, actor.id(), &code, &answers).await {
        Ok(_) => see_other(&format!("{back}?ket-qua=1")),
        Err(e) => crate::http::error::page_for(e, lang),
    }
}

/// The answers in a form where `q{n}` answers question n (see [`practice_answers`]).
pub fn answers_from_form(questions: &[QuestionDraft], body: &[u8]) -> Vec<Option<Answer>> {
    let fields: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    practice_answers(questions, &fields)
}

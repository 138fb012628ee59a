//! Attempts by plain form posts, so a learner answers on any phone before (or without) the
//! wasm: start a quiz, save one answer and go to the next question, submit. Each answers with
//! a 303 to the page to show next; the answer is saved on the server as soon as it is given.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};
use domain::Lang;
use domain::learning::grading::Answer;
use service::authz::Actor;

use crate::api::error::ApiError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bai-kiem-tra/{code}/bat-dau", post(start))
        .route("/bai-lam/{id}/tra-loi", post(answer))
        .route("/bai-lam/{id}/nop", post(submit))
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, location.to_owned())]).into_response()
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
    let back = format!("/bai-kiem-tra/{code}");
    // An API token has no learner behind it (its stand-in user id is 0): sign in first.
    let Some(Extension(actor)) = actor.filter(|a| a.token.is_none()) else {
        return sign_in_first(&back);
    };
    match service::attempts::start(
        state.db(),
        actor.id(),
        &code,
        service::now(),
        service::dashboard::today(),
    )
    .await
    {
        Ok(id) => see_other(&format!("/bai-lam/{id}?cau=1")),
        Err(service::Error::Conflict(code_)) => see_other(&format!("{back}?loi={code_}")),
        Err(e) => ApiError::from_service(e, lang).into_response(),
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

/// The answer a question's form sends, in the ids of the page:
/// `dung` (true/false), `tra_loi` (text), `thu_tu_<id>` (place of each item), `ghep_<left>`
/// (the right item chosen for each left one), or `chon` (the options ticked).
pub fn answer_of(fields: &[(String, String)]) -> Answer {
    if let Some(v) = first(fields, "dung") {
        return Answer::Truth(v == "1");
    }
    if let Some(v) = first(fields, "tra_loi") {
        return Answer::Text(v.to_owned());
    }
    let numbered = |prefix: &str| -> Vec<(usize, usize)> {
        fields
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    k.strip_prefix(prefix)?.parse().ok()?,
                    v.trim().parse().ok()?,
                ))
            })
            .collect()
    };
    let places = numbered("thu_tu_");
    if !places.is_empty() {
        let mut by_place = places;
        by_place.sort_by_key(|(id, place)| (*place, *id));
        return Answer::Order(by_place.into_iter().map(|(id, _)| id).collect());
    }
    let pairs = numbered("ghep_");
    if fields.iter().any(|(k, _)| k.starts_with("ghep_")) {
        let n = fields
            .iter()
            .filter(|(k, _)| k.starts_with("ghep_"))
            .count();
        return Answer::Pairs(
            (0..n)
                .map(|left| pairs.iter().find(|(l, _)| *l == left).map(|(_, r)| *r))
                .collect(),
        );
    }
    Answer::Choices(
        fields
            .iter()
            .filter(|(k, _)| k == "chon")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
    )
}

async fn answer(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i32>,
    body: Bytes,
) -> Response {
    let page = format!("/bai-lam/{id}");
    let Some(Extension(actor)) = actor else {
        return sign_in_first(&page);
    };
    let fields = fields(&body);
    let Some(position) = first(&fields, "cau").and_then(|p| p.parse::<u32>().ok()) else {
        return see_other(&page);
    };
    let next = first(&fields, "tiep").unwrap_or_default().to_owned();
    let (now, today) = (service::now(), service::dashboard::today());
    let saving = service::attempts::Saving {
        user_id: actor.id(),
        attempt_id: id,
        position,
        now,
        today,
    };
    let s = &state.services;
    match service::attempts::save_answer_with(
        &s.read,
        &s.db,
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
        Err(e) => ApiError::from_service(e, lang).into_response(),
    }
}

async fn submit(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Path(id): Path<i32>,
) -> Response {
    let page = format!("/bai-lam/{id}");
    let Some(Extension(actor)) = actor else {
        return sign_in_first(&page);
    };
    match service::attempts::submit(
        state.db(),
        actor.id(),
        id,
        service::now(),
        service::dashboard::today(),
    )
    .await
    {
        Ok(_) => see_other(&page),
        Err(e) => ApiError::from_service(e, lang).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_kind_of_form_gives_its_answer() {
        assert_eq!(
            answer_of(&f(&[("cau", "1"), ("chon", "2"), ("chon", "0")])),
            Answer::Choices(vec![2, 0])
        );
        assert_eq!(answer_of(&f(&[("cau", "1")])), Answer::Choices(vec![]));
        assert_eq!(answer_of(&f(&[("dung", "0")])), Answer::Truth(false));
        assert_eq!(
            answer_of(&f(&[("tra_loi", " Ảo giác ")])),
            Answer::Text(" Ảo giác ".into())
        );
        assert_eq!(
            answer_of(&f(&[
                ("thu_tu_0", "3"),
                ("thu_tu_1", "1"),
                ("thu_tu_2", "2")
            ])),
            Answer::Order(vec![1, 2, 0])
        );
        assert_eq!(
            answer_of(&f(&[("ghep_0", "2"), ("ghep_1", ""), ("ghep_2", "0")])),
            Answer::Pairs(vec![Some(2), None, Some(0)])
        );
    }
}

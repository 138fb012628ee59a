//! A practice set posted by a plain form (no JavaScript): graded and kept on the server, then
//! a 303 back to the practice page, which shows the result.
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};
use domain::Lang;
use domain::learning::grading::Answer;
use domain::learning::question::{QuestionDraft, QuestionKind};
use service::authz::Actor;

use crate::api::error::ApiError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/luyen-tap/{code}/nop", post(submit))
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, location.to_owned())]).into_response()
}

async fn submit(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Path(code): Path<String>,
    body: Bytes,
) -> Response {
    let back = format!("/khoa-hoc/{code}/luyen-tap");
    let Some(Extension(actor)) = actor.filter(|a| a.token.is_none()) else {
        let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
        let param = app::pages::account::login::NEXT_PARAM;
        return see_other(&format!("/dang-nhap?{param}={next}"));
    };
    let db = state.db();
    let questions = match service::catalogue::published(db, &code).await {
        Ok(c) => service::practice::questions_of(db, c.id).await,
        Err(e) => Err(e),
    };
    let questions = match questions {
        Ok(q) => q,
        Err(e) => return ApiError::from_service(e, lang).into_response(),
    };
    let answers = answers_from_form(&questions, &body);
    match service::practice::submit(db, actor.id(), &code, &answers).await {
        Ok(_) => see_other(&format!("{back}?ket-qua=1")),
        Err(e) => ApiError::from_service(e, lang).into_response(),
    }
}

/// The answers in a form where `q{n}` answers question n: an option's index (repeated for
/// several), `true`/`false`, or the text typed.
pub fn answers_from_form(questions: &[QuestionDraft], body: &[u8]) -> Vec<Option<Answer>> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let key = format!("q{}", i + 1);
            let values: Vec<&str> = pairs
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str())
                .collect();
            answer_of(q.kind, &values)
        })
        .collect()
}

fn answer_of(kind: QuestionKind, values: &[&str]) -> Option<Answer> {
    let first = values.first()?;
    match kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let picked: Vec<usize> = values.iter().filter_map(|v| v.parse().ok()).collect();
            (!picked.is_empty()).then_some(Answer::Choices(picked))
        }
        QuestionKind::TrueFalse => match *first {
            "true" => Some(Answer::Truth(true)),
            "false" => Some(Answer::Truth(false)),
            _ => None,
        },
        QuestionKind::ShortAnswer => {
            (!first.trim().is_empty()).then(|| Answer::Text((*first).to_owned()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_become_answers_in_question_order() {
        let qs = [
            QuestionDraft::new(1, QuestionKind::SingleChoice, "a"),
            QuestionDraft::new(2, QuestionKind::MultipleChoice, "b"),
            QuestionDraft::new(3, QuestionKind::TrueFalse, "c"),
            QuestionDraft::new(4, QuestionKind::ShortAnswer, "d"),
            QuestionDraft::new(5, QuestionKind::ShortAnswer, "e"),
        ];
        let got = answers_from_form(&qs, b"q1=2&q2=0&q2=3&q3=false&q4=gov.vn&q5=");
        assert_eq!(
            got,
            vec![
                Some(Answer::Choices(vec![2])),
                Some(Answer::Choices(vec![0, 3])),
                Some(Answer::Truth(false)),
                Some(Answer::Text("gov.vn".into())),
                None,
            ]
        );
    }
}

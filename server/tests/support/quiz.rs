//! Attempts as a learner's browser makes them: start, answer with the page's form fields (the
//! right answer read from the bank), submit.
use domain::learning::question::{QuestionDraft, QuestionKind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use service::entity::{attempt_item, question};

use crate::support::{TestApp, spawn_app};

pub async fn with_demo_content() -> TestApp {
    let app = spawn_app().await;
    service::demo::courses::seed(app.state.db()).await.unwrap();
    service::demo::quizzes::seed(app.state.db()).await.unwrap();
    app
}

/// A form post from the page; the redirect's target.
pub async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(String, String)],
) -> String {
    let res = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{path}");
    res.headers()["location"].to_str().unwrap().to_owned()
}

pub async fn start(app: &TestApp, client: &reqwest::Client, quiz: &str) -> i32 {
    let to = post_form(app, client, &format!("/bai-kiem-tra/{quiz}/bat-dau"), &[]).await;
    let id = to
        .strip_prefix("/bai-lam/")
        .and_then(|r| r.strip_suffix("?cau=1"))
        .unwrap_or_else(|| panic!("{to}"));
    id.parse().unwrap()
}

pub async fn items(
    app: &TestApp,
    attempt_id: i32,
) -> Vec<(attempt_item::Model, QuestionDraft, String)> {
    let db = app.state.db();
    let rows = attempt_item::Entity::find()
        .filter(attempt_item::Column::AttemptId.eq(attempt_id))
        .order_by_asc(attempt_item::Column::Position)
        .all(db)
        .await
        .unwrap();
    let mut out = Vec::new();
    for row in rows {
        let q = question::Entity::find_by_id(row.question_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        out.push((row, service::author::bank::draft_of(&q).unwrap(), q.domain));
    }
    out
}

/// The form fields of the right answer, in the ids the page shows (read from the stored order).
pub fn right_form(item: &attempt_item::Model, q: &QuestionDraft) -> Vec<(String, String)> {
    let order: Vec<usize> = serde_json::from_str(&item.option_order).unwrap();
    let shown = |stored: usize| order.iter().position(|&s| s == stored).unwrap();
    let mut f = vec![("cau".to_owned(), item.position.to_string())];
    match q.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            for (i, c) in q.choices.iter().enumerate() {
                if c.weight > 0.0 {
                    f.push(("chon".into(), shown(i).to_string()));
                }
            }
        }
        QuestionKind::TrueFalse => f.push((
            "dung".into(),
            if q.truth == Some(true) { "1" } else { "0" }.into(),
        )),
        QuestionKind::ShortAnswer => f.push((
            "tra_loi".into(),
            format!("  {}  ", q.accepted[0].to_uppercase()),
        )),
        QuestionKind::Ordering => {
            for i in 0..q.order.len() {
                f.push((format!("thu_tu_{}", shown(i)), (i + 1).to_string()));
            }
        }
        QuestionKind::Matching => {
            for i in 0..q.pairs.len() {
                f.push((format!("ghep_{i}"), shown(i).to_string()));
            }
        }
    }
    f
}

pub fn wrong_form(item: &attempt_item::Model) -> Vec<(String, String)> {
    vec![("cau".to_owned(), item.position.to_string())]
}

/// Answers every question of an open attempt right, then submits it.
pub async fn answer_right_and_submit(app: &TestApp, client: &reqwest::Client, id: i32) {
    for (item, q, _) in items(app, id).await {
        let path = format!("/bai-lam/{id}/tra-loi");
        post_form(app, client, &path, &right_form(&item, &q)).await;
    }
    post_form(app, client, &format!("/bai-lam/{id}/nop"), &[]).await;
}

/// Starts an attempt, answers every question right and submits; the attempt's id.
pub async fn pass_quiz(app: &TestApp, client: &reqwest::Client, quiz: &str) -> i32 {
    let id = start(app, client, quiz).await;
    answer_right_and_submit(app, client, id).await;
    id
}

/// Marks every lesson of the course done and passes its quiz `<code>-KT`.
pub async fn complete_course(app: &TestApp, client: &reqwest::Client, code: &str) {
    let (_, course) = crate::support::get(app, client, &format!("/api/v1/courses/{code}")).await;
    for n in 1..=course["lesson_count"].as_u64().unwrap() {
        let position = n.to_string();
        let args = [("code", code), ("position", position.as_str())];
        let (status, body) = crate::support::server_fn(app, client, "learn_mark_done", &args).await;
        assert_eq!(status, 200, "{body}");
    }
    pass_quiz(app, client, &format!("{code}-KT")).await;
}

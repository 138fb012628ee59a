//! Quizzes and attempts: what a quiz asks and an attempt as its owner sees it. Starting,
//! answering and submitting are plain form posts (server/src/assess_forms.rs), so they work
//! before the wasm arrives; none of these ever carries a right answer of an open attempt.
use domain::learning::attempt::{AttemptView, QuizInfo};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/_sf", endpoint = "assess_quiz", input = GetUrl)]
pub async fn load_quiz(code: String) -> Result<QuizInfo, ServerFnError> {
    use super::ctx::{actor, fail, services};
    let user = actor().map(|a| a.id());
    service::assess::attempts::quiz_info(&services()?.db, user, &code)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "assess_attempt")]
pub async fn load_attempt(id: i32) -> Result<AttemptView, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::assess::attempts::view(
        &s.db,
        &s.xapi,
        actor.id(),
        id,
        service::now(),
        service::today(),
    )
    .await
    .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "assess_my_skills", input = GetUrl)]
pub async fn load_my_skills()
-> Result<Option<domain::learning::attempt::SkillsProfile>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::assess::attempts::skills(&s.db, actor.id())
        .await
        .map_err(fail)
}

//! The learner's server functions: the catalogue, a course, a lesson (read by anyone), marking
//! a lesson done and "my learning" (signed in).
use domain::learning::{CatalogueQuery, CoursePage, CourseSummary, LessonPage, MyCourse, Progress};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/_sf", endpoint = "learn_catalogue", input = GetUrl)]
pub async fn load_catalogue(query: CatalogueQuery) -> Result<Vec<CourseSummary>, ServerFnError> {
    use super::ctx::{actor, fail, services};
    service::learn::catalogue::list(&services()?.read, actor().as_ref(), &query)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "learn_course", input = GetUrl)]
pub async fn load_course(code: String) -> Result<CoursePage, ServerFnError> {
    use super::ctx::{actor, fail, services};
    let (s, user) = (services()?, actor().map(|a| a.id()));
    let content = s.content.course(&s.read, &code).await.map_err(fail)?;
    let progress = s.progress.of(&s.read, user, &content).await.map_err(fail)?;
    Ok(service::learn::progress::course_page_of(
        &content,
        progress.map(|p| (*p).clone()),
    ))
}

#[server(prefix = "/_sf", endpoint = "learn_lesson", input = GetUrl)]
pub async fn load_lesson(code: String, position: u32) -> Result<LessonPage, ServerFnError> {
    use super::ctx::{actor, fail, services};
    let (s, user) = (services()?, actor().map(|a| a.id()));
    let content = s.content.course(&s.read, &code).await.map_err(fail)?;
    let progress = s.progress.of(&s.read, user, &content).await.map_err(fail)?;
    service::learn::progress::lesson_page_of(&content, position, progress.as_deref()).map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "learn_mark_done")]
pub async fn mark_lesson_done(code: String, position: u32) -> Result<Progress, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    // An API token has no learner behind it (its stand-in user id is 0).
    service::access::authz::require(actor.token.is_none()).map_err(fail)?;
    service::learn::progress::mark_done(
        &s.db,
        &s.xapi,
        actor.id(),
        &code,
        position,
        service::today(),
    )
    .await
    .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "learn_mine", input = GetUrl)]
pub async fn load_my_learning() -> Result<Vec<MyCourse>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::learn::progress::mine(&s.db, actor.id())
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "learn_my_standing", input = GetUrl)]
pub async fn load_my_standing() -> Result<domain::learning::Standing, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::standing::of_user(&s.db, actor.id())
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "learn_practice", input = GetUrl)]
pub async fn load_practice(
    code: String,
) -> Result<domain::learning::practice::PracticeSet, ServerFnError> {
    use super::ctx::{actor, fail, services};
    let user = actor().filter(|a| a.token.is_none()).map(|a| a.id());
    service::learn::practice::page(&services()?.db, user, &code)
        .await
        .map_err(fail)
}

//! The authoring server functions: courses, lessons, quizzes and the question bank, for
//! authors and the admin (the service refuses anyone else). Saves answer with a redirect to
//! the page to show next, so the same forms work before the wasm arrives.
use leptos::server_fn::codec::GetUrl;
use std::collections::HashMap;

use domain::learning::authoring::{
    AuthorCourse, AuthorCourseRow, BankQuery, BankRow, LessonEdit, QuizRow, QuizSettings,
};
use leptos::prelude::*;

#[server(prefix = "/_sf", endpoint = "author_courses", input = GetUrl)]
pub async fn load_author_courses() -> Result<Vec<AuthorCourseRow>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::authoring::all_courses(&s.db, &actor)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "author_course", input = GetUrl)]
pub async fn load_author_course(code: String) -> Result<AuthorCourse, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::authoring::course_for_edit(&s.db, &actor, &code)
        .await
        .map_err(fail)
}

/// Creates a course (`editing` empty) or saves the fields of the course `editing` names.
#[server(prefix = "/_sf", endpoint = "author_save_course")]
#[allow(clippy::too_many_arguments)]
pub async fn save_course(
    #[server(default)] editing: String,
    #[server(default)] code: String,
    title: String,
    #[server(default)] summary: String,
    audience: String,
    #[server(default)] competences: Vec<String>,
    #[server(default)] counts_as_training: Option<String>,
) -> Result<String, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use domain::learning::authoring::CourseFields;
    use domain::learning::{Audience, CompetenceDomain};
    let (s, actor) = (services()?, require_actor()?);
    let fields = CourseFields {
        code,
        title,
        summary,
        audience: Audience::parse(&audience).unwrap_or(Audience::Everyone),
        competences: competences
            .iter()
            .filter_map(|c| CompetenceDomain::parse(c))
            .collect(),
        counts_as_training: counts_as_training.is_some(),
    };
    let editing = Some(editing.trim()).filter(|e| !e.is_empty());
    let saved = service::author::authoring::save_course(&s.db, &actor, editing, &fields)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_course(&saved.code));
    Ok(saved.code)
}

#[server(prefix = "/_sf", endpoint = "author_publish")]
pub async fn publish_course(code: String, publish: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::authoring::set_published(&s.db, &actor, &code, publish == "true")
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "author_lesson", input = GetUrl)]
pub async fn load_lesson_edit(id: i32) -> Result<LessonEdit, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::lesson_editor::for_edit(&s.db, &actor, id, s.voice.is_some(), &s.video_hosts)
        .await
        .map_err(fail)
}

/// Adds a lesson to `course` (`id` 0) or saves lesson `id`; back to the course's editor.
#[server(prefix = "/_sf", endpoint = "author_save_lesson")]
pub async fn save_lesson(
    course: String,
    #[server(default)] id: i32,
    title: String,
    #[server(default)] body: String,
) -> Result<i32, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use service::author::lesson_editor;
    let (s, actor) = (services()?, require_actor()?);
    let saved = if id == 0 {
        lesson_editor::add(&s.db, &actor, &course, &title, &body).await
    } else {
        lesson_editor::edit(&s.db, &actor, id, &title, &body)
            .await
            .map(|()| id)
    }
    .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_course(course.trim()));
    Ok(saved)
}

#[server(prefix = "/_sf", endpoint = "author_delete_lesson")]
pub async fn delete_lesson(id: i32) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::lesson_editor::delete(&s.db, &actor, id)
        .await
        .map(|_| ())
        .map_err(fail)
}

/// Sets the domain a lesson teaches (a domain code, or empty for none), which the course's
/// placement check may test out; back to the lesson.
#[server(prefix = "/_sf", endpoint = "author_lesson_domain")]
pub async fn set_lesson_domain(
    id: i32,
    course: String,
    #[server(default)] domain: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::lesson_editor::set_domain(&s.db, &actor, id, &domain)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_lesson(course.trim(), id));
    Ok(())
}

/// Removes a lesson's recorded voice (the server's speech is made again); back to the lesson.
#[server(prefix = "/_sf", endpoint = "author_remove_voice")]
pub async fn remove_lesson_voice(id: i32, course: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::speech::store::remove_voice(&s.db, &actor, id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_lesson(course.trim(), id));
    Ok(())
}

/// Links a lesson to a video on an allowed host, `minutes` and `seconds` long; back to the
/// lesson.
#[server(prefix = "/_sf", endpoint = "author_video_link")]
pub async fn link_lesson_video(
    id: i32,
    course: String,
    url: String,
    minutes: String,
    seconds: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let number = |t: &str| t.trim().parse::<u32>().ok();
    let seconds = if seconds.trim().is_empty() {
        Some(0)
    } else {
        number(&seconds)
    };
    let duration = match (number(&minutes), seconds) {
        (Some(m), Some(sec)) if sec < 60 => m.saturating_mul(60).saturating_add(sec),
        _ => 0,
    };
    service::video::store::link(&s.db, &actor, id, &url, duration, &s.video_hosts)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_lesson(course.trim(), id));
    Ok(())
}

/// Sets the captions (WebVTT text) of a lesson's video; an empty text removes them.
#[server(prefix = "/_sf", endpoint = "author_video_captions")]
pub async fn caption_lesson_video(
    id: i32,
    course: String,
    vtt: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::video::store::set_captions(&s.db, &actor, id, &vtt)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_lesson(course.trim(), id));
    Ok(())
}

/// Removes a lesson's video and its captions.
#[server(prefix = "/_sf", endpoint = "author_remove_video")]
pub async fn remove_lesson_video(id: i32, course: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::video::store::remove(&s.db, &actor, id)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_lesson(course.trim(), id));
    Ok(())
}

/// Moves a lesson one place `up` or `down`.
#[server(prefix = "/_sf", endpoint = "author_move_lesson")]
pub async fn move_lesson(id: i32, direction: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use service::author::lesson_editor::{Move, move_lesson};
    let (s, actor) = (services()?, require_actor()?);
    let direction = if direction == "up" {
        Move::Up
    } else {
        Move::Down
    };
    move_lesson(&s.db, &actor, id, direction)
        .await
        .map(|_| ())
        .map_err(fail)
}

/// The lesson's Markdown as learners will see it: rendered and sanitised.
#[server(prefix = "/_sf", endpoint = "author_preview")]
pub async fn preview_markdown(body: String) -> Result<String, ServerFnError> {
    use super::ctx::{fail, require_actor};
    let actor = require_actor()?;
    service::access::authz::author_scope(&actor).map_err(fail)?;
    if body.len() > service::author::lesson_editor::MAX_BODY {
        return Err(fail(service::Error::invalid("body", "body_too_long")));
    }
    Ok(service::author::markdown::to_safe_html(&body))
}

#[server(prefix = "/_sf", endpoint = "author_quizzes", input = GetUrl)]
pub async fn load_quizzes() -> Result<Vec<QuizRow>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::quiz_settings::all(&s.db, &actor)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "author_quiz", input = GetUrl)]
pub async fn load_quiz(code: String) -> Result<QuizSettings, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::quiz_settings::for_edit(&s.db, &actor, &code)
        .await
        .map_err(fail)
}

/// Creates a quiz (`editing` empty) or saves one. `counts` holds the draw rules, keyed
/// `<domain|any>.<difficulty|any>` with the number of questions to draw.
#[server(prefix = "/_sf", endpoint = "author_save_quiz")]
#[allow(clippy::too_many_arguments)]
pub async fn save_quiz(
    #[server(default)] editing: String,
    #[server(default)] code: String,
    title: String,
    #[server(default)] course: String,
    #[server(default)] mastery: Option<String>,
    #[server(default)] placement: Option<String>,
    pass_mark: String,
    #[server(default)] floor: String,
    #[server(default)] time_limit: String,
    #[server(default)] max_attempts: String,
    review: String,
    #[server(default)] published: Option<String>,
    #[server(default)] counts: HashMap<String, String>,
) -> Result<String, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use domain::learning::attempt::Review;
    use domain::learning::authoring::rules_from_counts;
    let (s, actor) = (services()?, require_actor()?);
    service::access::authz::author_scope(&actor).map_err(fail)?;
    let mut bad = Vec::new();
    let mut number = |field: &str, text: &str, code: &str| -> Option<f64> {
        let text = text.trim().replace(',', ".");
        if text.is_empty() {
            return None;
        }
        let n = text.parse::<f64>().ok().filter(|n| n.is_finite());
        if n.is_none() {
            bad.push(service::FieldIssue::new(field, code));
        }
        n
    };
    let pass = number("pass_mark", &pass_mark, "invalid_pass_mark");
    let floor_ = number("floor", &floor, "invalid_floor");
    let minutes = number("time_limit", &time_limit, "invalid_time_limit");
    let attempts = number("max_attempts", &max_attempts, "invalid_attempt_limit");
    let rules = rules_from_counts(&counts).unwrap_or_else(|| {
        bad.push(service::FieldIssue::new("rules", "invalid_draw_rule"));
        Vec::new()
    });
    if !bad.is_empty() {
        return Err(fail(service::Error::Invalid(bad)));
    }
    let settings = QuizSettings {
        code,
        title,
        course_code: Some(course).filter(|c| !c.trim().is_empty()),
        mastery: mastery.is_some(),
        placement: placement.is_some(),
        pass_mark: pass.unwrap_or(domain::learning::grading::DEFAULT_PASS_MARK),
        floor: floor_.unwrap_or(domain::learning::grading::DEFAULT_FLOOR),
        time_limit_minutes: minutes.map(|m| m.clamp(0.0, 1e6) as u32),
        max_attempts: attempts.map(|n| n.clamp(0.0, 1e6) as u32),
        review: Review::parse(&review),
        rules,
        published: published.is_some(),
    };
    let editing = Some(editing.trim()).filter(|e| !e.is_empty());
    let saved = service::author::quiz_settings::save(&s.db, &actor, editing, &settings)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::author_quiz(&saved));
    Ok(saved)
}

#[server(prefix = "/_sf", endpoint = "author_bank", input = GetUrl)]
pub async fn load_bank(#[server(default)] query: BankQuery) -> Result<Vec<BankRow>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::author::bank_import::list(&s.db, &actor, &query)
        .await
        .map_err(fail)
}

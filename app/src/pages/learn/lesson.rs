//! `/khoa-hoc/{code}/bai/{n}`: a lesson's text (rendered and sanitised on the server), its
//! neighbours, and "mark as done", a form that posts even before the wasm arrives.
use crate::paths;
use domain::learning::LessonPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::learn::{MarkLessonDone, load_lesson};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::components::player::LessonPlayer;
use crate::components::video::LessonVideoView;
use crate::i18n::{Texts, common_and_learn, learn::LearnTexts, use_lang};

#[component]
pub fn LessonPageView() -> impl IntoView {
    let t = texts().0;
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("code").unwrap_or_default(),
            p.get("n").and_then(|n| n.parse::<u32>().ok()).unwrap_or(0),
        )
    };
    let done = ServerAction::<MarkLessonDone>::new();
    let page = Resource::new_blocking(
        move || (key(), done.version().get()),
        |((code, n), _)| load_lesson(code, n),
    );
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || page.get().map(|res| view! { <Title text=page_title(&res)/> {lesson_or_error(res, done)} })}
        </Transition>
    }
}

/// The page's title: the lesson's, or the catalogue's when the lesson cannot be shown.
pub(crate) fn page_title(res: &Result<LessonPage, ServerFnError>) -> String {
    match res {
        Ok(p) => p.title.clone(),
        Err(_) => texts().1.catalogue_title.to_owned(),
    }
}

/// The lesson, or why it cannot be shown; `done` is the action its "mark as done" form posts.
pub(crate) fn lesson_or_error(
    res: Result<LessonPage, ServerFnError>,
    done: ServerAction<MarkLessonDone>,
) -> AnyView {
    let (t, l) = texts();
    match res {
        Err(e) => view! { <section class="card"><h1>{l.catalogue_title}</h1><ErrorAlert message=t.error(&error_code(&e)).to_owned()/></section> }.into_any(),
        Ok(p) => view! { <Lesson p=p action=done/> }.into_any(),
    }
}

#[component]
fn Lesson(p: LessonPage, action: ServerAction<MarkLessonDone>) -> impl IntoView {
    let (_, l) = texts();
    let course_href = paths::course(&p.course_code);
    let code = p.course_code.clone();
    let error = move || {
        action
            .value()
            .get()
            .and_then(|r| r.err())
            .map(|e| view! { <ServerErrorAlert error=e/> })
    };
    let mark = match p.done {
        None => view! { <p class="muted">{l.sign_in_to_track}</p> }.into_any(),
        Some(true) => {
            view! { <p class="alert alert-ok" role="status">{l.marked_done}</p> }.into_any()
        }
        Some(false) => view! {
            <ActionForm action=action attr:class="inline-form" attr:data-offline="lesson-done">
                <input type="hidden" name="code" value=code.clone()/>
                <input type="hidden" name="position" value=p.position/>
                <button type="submit">{l.mark_done}</button>
            </ActionForm>
            {error}
        }
        .into_any(),
    };
    view! {
        <article class="card wide lesson">
            <p class="muted"><a href=course_href.clone()>{p.course_title.clone()}</a>" · "{l.position(p.position, p.lesson_count)}</p>
            <h1>{p.title.clone()}</h1>
            {p.audio.clone().map(|audio| view! { <LessonPlayer audio=audio/> })}
            {p.video.clone().map(|video| view! { <LessonVideoView video=video/> })}
            {p.tested_out.then(|| view! { <p class="alert alert-info" role="note">{crate::i18n::use_placement_texts().lesson_note}</p> })}
            <div class="lesson-body" inner_html=p.html.clone()></div>
            <div class="lesson-actions">{mark}</div>
            <nav class="pager" aria-label=l.course_lessons>
                {p.previous.clone().map(|x| view! { <a rel="prev" href=paths::lesson(&p.course_code, x.position)>"← "{l.previous}": "{x.title}</a> })}
                {p.next.clone().map(|x| view! { <a rel="next" href=paths::lesson(&p.course_code, x.position)>{l.next}": "{x.title}" →"</a> })}
                {p.next.is_none().then(|| view! { <a href=course_href.clone()>{l.back_to_course}</a> })}
            </nav>
        </article>
    }
}

/// The page's texts, from one look at its language.
fn texts() -> (&'static Texts, &'static LearnTexts) {
    common_and_learn(use_lang())
}

//! `/khoa-hoc/{code}`: a course, its lessons in order with what the reader has done, and where
//! to start or continue.
use crate::paths;
use domain::learning::CoursePage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::learn::load_course;
use crate::components::alert::{ErrorAlert, error_code};
use crate::i18n::{use_learn_texts, use_offline_texts, use_texts};

#[component]
pub fn CoursePageView() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let page = Resource::new_blocking(code, load_course);
    let body = view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || page.get().map(|res| view! { <Title text=page_title(&res)/> {course_or_error(res)} })}
        </Transition>
    };
    course_section(body)
}

/// The page's title: the course's, or the catalogue's when the course cannot be shown.
pub(crate) fn page_title(res: &Result<CoursePage, ServerFnError>) -> String {
    match res {
        Ok(p) => p.detail.course.title.clone(),
        Err(_) => use_learn_texts().catalogue_title.to_owned(),
    }
}

/// The card the course is drawn in, below the way back to the catalogue.
pub(crate) fn course_section(body: impl IntoView) -> impl IntoView {
    let l = use_learn_texts();
    view! {
        <section class="card wide">
            <p><a href=paths::CATALOGUE>{l.catalogue_title}</a></p>
            {body}
        </section>
    }
}

/// The course, or why it cannot be shown.
pub(crate) fn course_or_error(res: Result<CoursePage, ServerFnError>) -> AnyView {
    let (t, l) = (use_texts(), use_learn_texts());
    match res {
        Err(e) => view! { <h1>{l.catalogue_title}</h1><ErrorAlert message=t.error(&error_code(&e)).to_owned()/> }.into_any(),
        Ok(p) => view! { <Course p=p/> }.into_any(),
    }
}

#[component]
fn Course(p: CoursePage) -> impl IntoView {
    let (l, o) = (use_learn_texts(), use_offline_texts());
    let c = p.detail.course.clone();
    let total = c.lesson_count;
    let progress = p.progress.clone().unwrap_or_default();
    let done = progress.done.clone();
    let next = p
        .detail
        .lessons
        .iter()
        .find(|x| !progress.settled(x.position))
        .or(p.detail.lessons.first())
        .map(|x| x.position);
    let domains = c
        .competences
        .iter()
        .map(|d| l.domain(*d))
        .collect::<Vec<_>>()
        .join(" · ");
    let status = match &p.progress {
        None => view! { <p class="muted">{l.sign_in_to_track}</p> }.into_any(),
        Some(pr) => {
            let percent = pr.percent(total);
            let mut label = l.done_of(pr.done.len(), total);
            let tested = pr
                .tested_out
                .iter()
                .filter(|x| !pr.done.contains(x))
                .count();
            if tested > 0 {
                label = format!(
                    "{label} · {}",
                    crate::i18n::use_placement_texts().count(tested)
                );
            }
            view! {
                <div class="progress-block">
                    <label for="course-progress">{l.progress_label}": "{label}</label>
                    <progress id="course-progress" max="100" value=percent>{percent}"%"</progress>
                    {pr.completed_on.clone().map(|d| view! {
                        <p class="alert alert-ok" role="status">{l.course_completed}" — "{l.completed_on}" "{d}</p>
                        <p><a class="button" href=paths::CERTIFICATES>{l.see_certificate}</a></p>
                    })}
                </div>
            }
            .into_any()
        }
    };
    let offer = placement_offer(&p);
    let start_label = if done.is_empty() && progress.tested_out.is_empty() {
        l.start
    } else {
        l.continue_
    };
    view! {
        <h1>{c.title.clone()}</h1>
        <p class="muted"><span class="code">{c.code.clone()}</span>" · "{l.audience(c.audience)}</p>
        <p class="lead">{c.summary.clone()}</p>
        <p class="muted small">{l.competences}": "{domains}</p>
        {c.counts_as_training.then(|| view! { <p class="badge">{l.counts_as_training}</p> })}
        {status}
        {offer}
        {next.map(|n| view! { <p><a class="button" href=paths::lesson(&c.code, n)>{start_label}</a></p> })}
        {p.quiz_code.clone().map(|q| view! { <p><a href=paths::quiz(&q)>{crate::i18n::use_assess_texts().take_quiz}</a></p> })}
        <p><a href=paths::practice(&c.code)>{o.practice_link}</a></p>
        {p.progress.is_some().then(|| view! { <SaveOffline code=c.code.clone() audio_bytes=p.audio_bytes video_bytes=p.video_bytes/> })}
        <h2>{l.course_lessons}</h2>
        <ol class="lesson-list">
            {p.detail.lessons.iter().map(|x| {
                let is_done = done.contains(&x.position);
                let tested = !is_done && progress.tested_out.contains(&x.position);
                view! {
                    <li>
                        <a href=paths::lesson(&c.code, x.position)>{x.title.clone()}</a>
                        {is_done.then(|| view! { " " <span class="badge ok">{l.done_badge}</span> })}
                        {tested.then(|| view! { " " <span class="badge tested-out">{crate::i18n::use_placement_texts().badge}</span> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The course's placement check, offered to a signed-in learner who may still take it and has
/// not completed the course.
fn placement_offer(p: &CoursePage) -> Option<impl IntoView + use<>> {
    let code = p.placement_code.clone()?;
    let pr = p.progress.as_ref()?;
    if pr.placement_closed || pr.completed_on.is_some() {
        return None;
    }
    let t = crate::i18n::use_placement_texts();
    Some(view! {
        <aside class="placement-offer" aria-labelledby="placement-offer-title">
            <h2 id="placement-offer-title">{t.offer_title}</h2>
            <p>{t.offer_text}</p>
            <p><a class="button secondary" href=paths::quiz(&code)>{t.take}</a></p>
        </aside>
    })
}

/// "Save for learning offline": shown only once `offline.js` finds a service worker (the class
/// `has-sw` on `<html>`), which does the work; the status line says how it went.
#[component]
fn SaveOffline(code: String, audio_bytes: u64, video_bytes: u64) -> impl IntoView {
    let o = use_offline_texts();
    // The spoken lessons are the larger part: their size is said, and they may be left out.
    let audio = (audio_bytes > 0).then(|| {
        let s = crate::i18n::use_speech_texts();
        view! {
            <p><label><input type="checkbox" id="offline-audio" checked/>" "{s.offline_size(audio_bytes)}</label></p>
        }
    });
    // Videos weigh far more: left out unless the learner ticks the box.
    let video = (video_bytes > 0).then(|| {
        let v = crate::i18n::use_video_texts();
        view! {
            <p><label><input type="checkbox" id="offline-video"/>" "{v.offline_size(video_bytes)}</label></p>
        }
    });
    view! {
        <div class="offline-save js-only">
            {audio}
            {video}
            <p><button type="button" class="secondary" data-offline-save=code aria-describedby="offline-save-hint">{o.save_course}</button></p>
            <p id="offline-save-hint" class="muted small">{o.save_hint}</p>
            <p id="offline-save-status" role="status" aria-live="polite"></p>
        </div>
    }
}

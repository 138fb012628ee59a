//! `/bai-kiem-tra/{code}`: what a quiz asks (questions, pass mark, time, attempts), the
//! learner's attempts so far, and the form that starts or resumes one.
use crate::paths;
use domain::format_percent;
use domain::learning::attempt::QuizInfo;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::assess::load_quiz;
use crate::components::alert::{ErrorAlert, error_code};
use crate::i18n::{use_assess_texts, use_learn_texts, use_texts};

#[component]
pub fn QuizPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_assess_texts());
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let info = Resource::new_blocking(code, load_quiz);
    let refused = move || {
        query
            .read()
            .get("loi")
            .map(|c| view! { <ErrorAlert message=t.error(&c).to_owned()/> })
    };
    view! {
        <Title text=a.quiz_title/>
        <section class="card wide">
            {refused}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || info.get().map(|res| match res {
                    Err(e) => view! { <h1>{a.quiz_title}</h1><ErrorAlert message=t.error(&error_code(&e)).to_owned()/> }.into_any(),
                    Ok(q) => view! { <Quiz q=q/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Quiz(q: QuizInfo) -> impl IntoView {
    let (t, a, l) = (use_texts(), use_assess_texts(), use_learn_texts());
    let lang = t.lang;
    let time = q.time_limit_seconds.map_or(a.no_limit.to_owned(), |s| {
        format!("{} {}", s / 60, a.minutes)
    });
    let allowed = q
        .max_attempts
        .map_or(a.no_limit.to_owned(), |n| n.to_string());
    let left = q.max_attempts.is_none_or(|max| q.attempts_used < max);
    let action = paths::quiz_start(&q.code);
    let button = match (q.open_attempt, left) {
        (Some(id), _) => {
            view! { <a class="button" href=format!("/bai-lam/{id}?cau=1")>{a.resume}</a> }
                .into_any()
        }
        (None, true) => view! {
            <form method="post" action=action class="inline-form">
                <button type="submit">{a.start}</button>
            </form>
        }
        .into_any(),
        (None, false) => {
            view! { <p class="alert alert-error" role="status">{a.no_attempt_left}</p> }.into_any()
        }
    };
    view! {
        {q.course_code.clone().map(|c| view! { <p><a href=paths::course(&c)>{l.back_to_course}</a></p> })}
        <h1>{q.title.clone()}</h1>
        {q.mastery.then(|| view! { <p class="lead">{a.mastery_note}</p> })}
        {q.placement.then(|| view! { <p class="lead">{crate::i18n::use_placement_texts().quiz_note}</p> })}
        <dl class="facts">
            <dt>{a.questions}</dt><dd>{q.question_count}</dd>
            <dt>{a.pass_mark}</dt><dd>{format_percent(q.pass_mark, lang)}</dd>
            {q.mastery.then(|| view! { <dt>{a.floor}</dt><dd>{format_percent(q.floor, lang)}</dd> })}
            <dt>{a.time_limit}</dt><dd>{time}</dd>
            <dt>{a.attempts_allowed}</dt><dd>{allowed}</dd>
            <dt>{a.attempts_used}</dt><dd>{q.attempts_used}</dd>
        </dl>
        {button}
        {(!q.closed.is_empty()).then(|| view! {
            <h2>{a.earlier}</h2>
            <ul class="plain">
                {q.closed.iter().map(|s| {
                    let verdict = if s.passed == Some(true) { a.passed } else { a.failed };
                    let score = s.score.map(|p| format!(" · {}", format_percent(p, lang))).unwrap_or_default();
                    view! { <li><a href=paths::attempt(s.id)>{verdict}{score}</a></li> }
                }).collect_view()}
            </ul>
        })}
    }
}

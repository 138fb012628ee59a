//! `/hoc-tap`: the courses the signed-in learner has started, with progress and where to continue.
use crate::paths;
use domain::learning::{Milestone, MyCourse, Standing};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::learn::{load_my_learning, load_my_standing};
use crate::components::alert::ServerErrorAlert;
use crate::i18n::{use_learn_texts, use_texts};

#[component]
pub fn MyLearningPage() -> impl IntoView {
    let (t, l) = (use_texts(), use_learn_texts());
    let mine = Resource::new_blocking(|| (), |_| load_my_learning());
    let standing = Resource::new_blocking(|| (), |_| load_my_standing());
    view! {
        <Title text=l.mine_title/>
        <section class="card wide">
            <h1>{l.mine_title}</h1>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || standing.get().and_then(|r| r.ok()).map(|s| view! { <StandingBox s=s/> })}
            </Transition>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || mine.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{l.mine_empty}" "<a href=paths::CATALOGUE>{l.nav_catalogue}</a></p> }.into_any(),
                    Ok(list) => view! { <ul class="course-list">{list.into_iter().map(|m| view! { <Started m=m/> }).collect_view()}</ul> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Started(m: MyCourse) -> impl IntoView {
    let l = use_learn_texts();
    let c = &m.course;
    let percent = m.progress.percent(c.lesson_count);
    let id = format!("progress-{}", c.code);
    view! {
        <li class="course-card">
            <h2><a href=paths::course(&c.code)>{c.title.clone()}</a></h2>
            <label for=id.clone()>{l.progress_label}": "{l.done_of(m.progress.done.len(), c.lesson_count)}</label>
            <progress id=id max="100" value=percent>{percent}"%"</progress>
            {m.progress.completed_on.clone().map(|d| view! { <p class="badge ok">{l.course_completed}" "{d}</p> })}
            {m.next_lesson.map(|n| view! { <p><a class="button" href=paths::lesson(&c.code, n)>{l.continue_}</a></p> })}
        </li>
    }
}

#[component]
fn StandingBox(s: Standing) -> impl IntoView {
    let l = use_learn_texts();
    let line = move |m: Option<Milestone>, yes: &'static str, no: &'static str| {
        match m {
        Some(m) => view! {
            <li class="badge ok">{yes}" "{m.on}" · "{l.evidence}": "{m.programme_code}" ("{l.source(&m.source)}")"</li>
        }
        .into_any(),
        None => view! { <li>{no}</li> }.into_any(),
    }
    };
    view! {
        <h2>{l.standing_title}</h2>
        <ul class="plain standing" data-testid="standing">
            {line(s.trained, l.trained_yes, l.trained_no)}
            {line(s.mastered, l.mastered_yes, l.mastered_no)}
        </ul>
    }
}

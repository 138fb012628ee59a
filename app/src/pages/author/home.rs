//! `/soan-bai`: every course, published or not, with links to edit it, to create one, to the
//! quizzes and to the question bank.
use domain::learning::authoring::AuthorCourseRow;
use leptos::prelude::*;
use leptos_meta::Title;

use super::load_error;
use crate::api::author::load_author_courses;
use crate::components::table::DataTable;
use crate::i18n::author::use_author_texts;
use crate::i18n::use_texts;
use crate::paths;

#[component]
pub fn AuthorHomePage() -> impl IntoView {
    let (t, a) = (use_texts(), use_author_texts());
    let courses = Resource::new_blocking(|| (), |_| load_author_courses());
    view! {
        <Title text=a.home_title/>
        <section class="card wide">
            <h1>{a.home_title}</h1>
            <p class="lead">{a.home_intro}</p>
            <p class="actions">
                <a class="button primary" href=paths::AUTHOR_NEW_COURSE>{a.new_course}</a>
                <a class="button" href=paths::AUTHOR_QUIZZES>{a.to_quizzes}</a>
                <a class="button" href=paths::AUTHOR_BANK>{a.to_bank}</a>
            </p>
            <h2>{a.courses_title}</h2>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || courses.get().map(|res| match res {
                    Err(e) => load_error(&e).into_any(),
                    Ok(list) if list.is_empty() => view! { <p>{a.no_course}</p> }.into_any(),
                    Ok(list) => view! { <CourseTable rows=list/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CourseTable(rows: Vec<AuthorCourseRow>) -> impl IntoView {
    let a = use_author_texts();
    view! {
        <DataTable label=a.courses_title testid="author-courses">
            <thead><tr>
                <th scope="col">{a.code}</th><th scope="col">{a.title}</th><th scope="col">{a.status}</th>
                <th scope="col">{a.lessons}</th><th scope="col">{a.quizzes}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|c| view! {
                    <tr>
                        <td class="code">{c.code.clone()}</td>
                        <th scope="row"><a href=paths::author_course(&c.code)>{c.title.clone()}</a></th>
                        <td>{if c.published { a.published } else { a.draft }}</td>
                        <td>{c.lesson_count}</td>
                        <td>{c.quiz_count}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}

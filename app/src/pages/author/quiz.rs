//! `/soan-bai/kiem-tra`: every quiz and assessment; `/soan-bai/kiem-tra/{code}` (`moi` for a
//! new one, `?khoa=CODE` for its course): title, draw rules per domain and difficulty, time
//! limit, attempt limit, pass mark, floor, review policy, mastery, published.
use crate::paths;
use domain::learning::CompetenceDomain;
use domain::learning::attempt::Review;
use domain::learning::authoring::{DIFFICULTIES, QuizRow, QuizSettings, count_key, count_of};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{load_error, outcome};
use crate::api::author::{SaveQuiz, load_author_courses, load_quiz, load_quizzes};
use crate::components::form::{CheckboxField, Field, form_action};
use crate::components::table::DataTable;
use crate::i18n::author::use_author_texts;
use crate::i18n::{use_learn_texts, use_texts};

#[component]
pub fn QuizListPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_author_texts());
    let quizzes = Resource::new_blocking(|| (), |_| load_quizzes());
    view! {
        <Title text=a.quizzes_title/>
        <section class="card wide">
            <p><a href=paths::AUTHOR_HOME>{a.back_to_list}</a></p>
            <h1>{a.quizzes_title}</h1>
            <p class="lead">{a.quizzes_intro}</p>
            <p><a class="button primary" href=paths::AUTHOR_NEW_QUIZ>{a.new_mastery}</a></p>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || quizzes.get().map(|res| match res {
                    Err(e) => load_error(&e).into_any(),
                    Ok(rows) => view! { <QuizTable rows=rows/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn QuizTable(rows: Vec<QuizRow>) -> impl IntoView {
    let a = use_author_texts();
    if rows.is_empty() {
        return view! { <p>{a.no_quiz}</p> }.into_any();
    }
    view! {
        <DataTable label=a.quizzes_title>
            <thead><tr>
                <th scope="col">{a.quiz_code}</th><th scope="col">{a.title}</th><th scope="col">{a.course}</th>
                <th scope="col">{a.status}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|q| view! {
                    <tr>
                        <td class="code">{q.code.clone()}</td>
                        <th scope="row"><a href=paths::author_quiz(&q.code)>{q.title.clone()}</a>
                            {q.mastery.then(|| view! { " ("{a.mastery}")" })}
                            {q.placement.then(|| view! { " ("{crate::i18n::use_placement_texts().author_kind}")" })}</th>
                        <td>{q.course_code.clone().unwrap_or_default()}</td>
                        <td>{if q.published { a.published } else { a.draft }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
pub fn QuizEditorPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_author_texts());
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        (
            params.read().get("code").unwrap_or_default(),
            query.read().get("khoa").unwrap_or_default(),
        )
    };
    let data = Resource::new_blocking(key, |(code, course)| async move {
        let courses = load_author_courses().await?;
        let settings = if code == "moi" {
            None
        } else {
            Some(load_quiz(code).await?)
        };
        Ok::<_, ServerFnError>((settings, course, courses))
    });
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || data.get().map(|res| match res {
                Err(e) => view! { <section class="card wide"><h1>{a.edit_quiz_title}</h1>{load_error(&e)}</section> }.into_any(),
                Ok((settings, course, courses)) => {
                    let courses = courses.into_iter().map(|c| (c.code, c.title)).collect();
                    view! { <QuizForm settings=settings course=course courses=courses/> }.into_any()
                }
            })}
        </Transition>
    }
}

fn blank(course: String) -> QuizSettings {
    let course = Some(course).filter(|c| !c.is_empty());
    QuizSettings {
        code: course
            .as_ref()
            .map(|c| format!("{c}-KT"))
            .unwrap_or_default(),
        title: String::new(),
        mastery: course.is_none(),
        placement: false,
        course_code: course,
        pass_mark: domain::learning::grading::DEFAULT_PASS_MARK,
        floor: domain::learning::grading::DEFAULT_FLOOR,
        time_limit_minutes: Some(20),
        max_attempts: Some(3),
        review: Review::Score,
        rules: Vec::new(),
        published: true,
    }
}

#[component]
fn QuizForm(
    settings: Option<QuizSettings>,
    course: String,
    courses: Vec<(String, String)>,
) -> impl IntoView {
    let a = use_author_texts();
    let action = form_action::<SaveQuiz>();
    let editing = settings.is_some();
    let s = settings.unwrap_or_else(|| blank(course));
    let heading = if editing {
        a.edit_quiz_title
    } else {
        a.new_quiz_title
    };
    let back = s
        .course_code
        .clone()
        .map_or(paths::AUTHOR_QUIZZES.to_owned(), |c| {
            paths::author_course(c)
        });
    let num = |x: f64| format!("{}", (x * 10.0).round() / 10.0);
    let current_course = s.course_code.clone();
    let rules = s.clone();
    view! {
        <Title text=heading/>
        <section class="card wide">
            <p><a href=back>{a.back_to_course}</a></p>
            <h1>{heading}</h1>
            {editing.then(|| view! { <p><a href=paths::quiz(&s.code)>{a.try_quiz}</a></p> })}
            <ActionForm action=action attr:class="stack quiz-form">
                {outcome(action.value(), a.saved)}
                <input type="hidden" name="editing" value=if editing { s.code.clone() } else { String::new() }/>
                <Field id="q-code" label=a.quiz_code>
                    <input id="q-code" name="code" type="text" required readonly=editing value=s.code.clone()
                        maxlength="32" spellcheck="false" autocapitalize="characters"/>
                </Field>
                <Field id="q-title" label=a.title>
                    <input id="q-title" name="title" type="text" required maxlength="200" value=s.title.clone()/>
                </Field>
                <Field id="q-course" label=a.course>
                    <select id="q-course" name="course">
                        <option value="">{a.no_course_option}</option>
                        {courses.into_iter().map(|(code, title)| {
                            let selected = current_course.as_deref() == Some(code.as_str());
                            view! { <option value=code.clone() selected=selected>{format!("{code} · {title}")}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <CheckboxField id="q-mastery" label=a.mastery hint=a.mastery_hint>
                    <input id="q-mastery" name="mastery" type="checkbox" value="true" checked=s.mastery aria-describedby="q-mastery-hint"/>
                </CheckboxField>
                <CheckboxField id="q-placement" label=crate::i18n::use_placement_texts().author_checkbox hint=crate::i18n::use_placement_texts().author_hint>
                    <input id="q-placement" name="placement" type="checkbox" value="true" checked=s.placement aria-describedby="q-placement-hint"/>
                </CheckboxField>
                <Rules s=rules/>
                <div class="field-row">
                    <Field id="q-pass" label=a.pass_mark>
                        <input id="q-pass" name="pass_mark" type="text" inputmode="decimal" required value=num(s.pass_mark)/>
                    </Field>
                    <Field id="q-floor" label=a.floor hint=a.floor_hint>
                        <input id="q-floor" name="floor" type="text" inputmode="decimal" value=num(s.floor) aria-describedby="q-floor-hint"/>
                    </Field>
                    <Field id="q-time" label=a.time_limit>
                        <input id="q-time" name="time_limit" type="text" inputmode="numeric" aria-describedby="q-limits-hint"
                            value=s.time_limit_minutes.map(|m| m.to_string()).unwrap_or_default()/>
                    </Field>
                    <Field id="q-attempts" label=a.max_attempts>
                        <input id="q-attempts" name="max_attempts" type="text" inputmode="numeric" aria-describedby="q-limits-hint"
                            value=s.max_attempts.map(|m| m.to_string()).unwrap_or_default()/>
                    </Field>
                </div>
                <p class="hint" id="q-limits-hint">{a.empty_is_none}</p>
                <Field id="q-review" label=a.review>
                    <select id="q-review" name="review">
                        {[Review::None, Review::Score, Review::Answers].into_iter().map(|r| view! {
                            <option value=r.as_str() selected=s.review == r>{a.review(r)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <CheckboxField id="q-published" label=a.quiz_published>
                    <input id="q-published" name="published" type="checkbox" value="true" checked=s.published/>
                </CheckboxField>
                <button type="submit" class="button primary">{a.save}</button>
            </ActionForm>
        </section>
    }
}

/// The draw rules as a table: a row per domain (and "any"), a column per difficulty (and
/// "any"), each cell the number of questions to draw.
#[component]
fn Rules(s: QuizSettings) -> impl IntoView {
    let (a, l) = (use_author_texts(), use_learn_texts());
    let domains: Vec<(Option<CompetenceDomain>, &'static str)> =
        std::iter::once((None, a.any_domain))
            .chain(
                CompetenceDomain::ALL
                    .into_iter()
                    .map(|d| (Some(d), l.domain(d))),
            )
            .collect();
    let levels: Vec<(Option<&'static str>, &'static str)> =
        std::iter::once((None, a.any_difficulty))
            .chain(
                DIFFICULTIES
                    .into_iter()
                    .map(|d| (Some(d), a.difficulty_name(d))),
            )
            .collect();
    view! {
        <fieldset class="rules">
            <legend>{a.rules}</legend>
            <p class="hint" id="rules-hint">{a.rules_hint}</p>
            <DataTable label=a.rules class="rules-table">
                <thead><tr>
                    <th scope="col">{a.domain}</th>
                    {levels.iter().map(|(_, name)| view! { <th scope="col">{*name}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {domains.into_iter().map(|(d, dname)| view! {
                        <tr>
                            <th scope="row">{dname}</th>
                            {levels.iter().map(|(level, lname)| {
                                let key = count_key(d, *level);
                                view! {
                                    <td><input class="count" type="text" inputmode="numeric" size="3"
                                        name=format!("counts[{key}]") aria-label=format!("{dname} · {lname}")
                                        value=count_of(&s.rules, d, *level)/></td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </DataTable>
        </fieldset>
    }
}

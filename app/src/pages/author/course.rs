//! `/soan-bai/moi` and `/soan-bai/{code}`: a course's fields, its publication, its lessons in
//! order (edit, move up or down, delete, add) and its quizzes.
use crate::paths;
use domain::learning::authoring::{AuthorCourse, CourseFields, LessonRow, QuizRow};
use domain::learning::{Audience, CompetenceDomain};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{load_error, outcome};
use crate::api::author::{DeleteLesson, MoveLesson, PublishCourse, SaveCourse, load_author_course};
use crate::components::form::{CheckboxField, Field, form_action};
use crate::i18n::author::use_author_texts;
use crate::i18n::{use_learn_texts, use_texts};

#[component]
pub fn NewCoursePage() -> impl IntoView {
    let a = use_author_texts();
    let empty = CourseFields {
        code: String::new(),
        title: String::new(),
        summary: String::new(),
        audience: Audience::Everyone,
        competences: Vec::new(),
        counts_as_training: true,
    };
    view! {
        <Title text=a.new_course/>
        <section class="card wide">
            <p><a href=paths::AUTHOR_HOME>{a.back_to_list}</a></p>
            <h1>{a.new_course}</h1>
            <CourseForm fields=empty editing=false/>
        </section>
    }
}

#[component]
pub fn CourseEditorPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_author_texts());
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let publish = form_action::<PublishCourse>();
    let moved = form_action::<MoveLesson>();
    let deleted = form_action::<DeleteLesson>();
    let course = Resource::new_blocking(
        move || {
            (
                code(),
                publish.version().get(),
                moved.version().get(),
                deleted.version().get(),
            )
        },
        |(code, ..)| load_author_course(code),
    );
    view! {
        <Title text=a.home_title/>
        <section class="card wide">
            <p><a href=paths::AUTHOR_HOME>{a.back_to_list}</a></p>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || course.get().map(|res| match res {
                    Err(e) => view! { <h1>{a.home_title}</h1>{load_error(&e)} }.into_any(),
                    Ok(c) => view! { <Editor c=c publish=publish moved=moved deleted=deleted/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Editor(
    c: AuthorCourse,
    publish: ServerAction<PublishCourse>,
    moved: ServerAction<MoveLesson>,
    deleted: ServerAction<DeleteLesson>,
) -> impl IntoView {
    let a = use_author_texts();
    let code = c.fields.code.clone();
    view! {
        <Title text=c.fields.title.clone()/>
        <h1>{c.fields.title.clone()}" "<span class="muted code">{code.clone()}</span></h1>
        <Publication code=code.clone() published=c.published action=publish/>
        <h2 id="bai-hoc">{a.lessons}</h2>
        {outcome(moved.value(), a.saved)}
        {outcome(deleted.value(), a.saved)}
        <Lessons code=code.clone() lessons=c.lessons moved=moved deleted=deleted/>
        <p><a class="button" href=paths::author_new_lesson(&code)>{a.add_lesson}</a></p>
        <h2>{a.quizzes}</h2>
        <Quizzes rows=c.quizzes/>
        <p><a class="button" href=format!("{}?khoa={code}", paths::AUTHOR_NEW_QUIZ)>{a.add_quiz}</a></p>
        <h2>{a.course_fields}</h2>
        <CourseForm fields=c.fields editing=true/>
    }
}

#[component]
fn Publication(
    code: String,
    published: bool,
    action: ServerAction<PublishCourse>,
) -> impl IntoView {
    let a = use_author_texts();
    let href = paths::course(&code);
    view! {
        <div class="publication">
            <p>
                {a.status}": "<strong data-testid="course-status">{if published { a.published } else { a.draft }}</strong>
                {published.then(|| view! { " · "<a href=href.clone()>{a.view_in_catalogue}</a> })}
            </p>
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="code" value=code.clone()/>
                <input type="hidden" name="publish" value=if published { "false" } else { "true" }/>
                <button type="submit" class=if published { "button" } else { "button primary" } aria-describedby="publish-hint">
                    {if published { a.unpublish } else { a.publish }}
                </button>
            </ActionForm>
            <p class="hint" id="publish-hint">{a.publish_hint}</p>
            {outcome(action.value(), a.saved)}
        </div>
    }
}

#[component]
fn Lessons(
    code: String,
    lessons: Vec<LessonRow>,
    moved: ServerAction<MoveLesson>,
    deleted: ServerAction<DeleteLesson>,
) -> impl IntoView {
    let a = use_author_texts();
    if lessons.is_empty() {
        return view! { <p>{a.no_lesson}</p> }.into_any();
    }
    let last = lessons.len() as u32;
    view! {
        <ol class="lesson-editor-list" data-testid="author-lessons">
            {lessons.into_iter().map(|l| {
                let edit = paths::author_lesson(&code, l.id);
                let id = l.id.to_string();
                let up = (l.position > 1).then(|| {
                    let label = format!("{}: {}", a.move_up, l.title);
                    view! { <MoveButton id=id.clone() direction="up" label=label text="↑" action=moved/> }
                });
                let down = (l.position < last).then(|| {
                    let label = format!("{}: {}", a.move_down, l.title);
                    view! { <MoveButton id=id.clone() direction="down" label=label text="↓" action=moved/> }
                });
                let delete_label = format!("{}: {}", a.delete, l.title);
                let data_id = id.clone();
                let sp = crate::i18n::use_speech_texts();
                let speech = format!("{}: {}", sp.column, sp.short_state(l.speech));
                view! {
                    <li data-lesson-id=data_id>
                        <a href=edit>{l.title.clone()}</a>
                        " "<span class="muted small" data-testid="lesson-speech">{speech}</span>
                        <span class="row-actions">
                            {up}
                            {down}
                            <ActionForm action=deleted attr:class="inline-form">
                                <input type="hidden" name="id" value=id/>
                                <button type="submit" class="link-button danger" aria-label=delete_label>{a.delete}</button>
                            </ActionForm>
                        </span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn MoveButton(
    id: String,
    direction: &'static str,
    label: String,
    text: &'static str,
    action: ServerAction<MoveLesson>,
) -> impl IntoView {
    view! {
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="direction" value=direction/>
            <button type="submit" class="button small" aria-label=label.clone() title=label>{text}</button>
        </ActionForm>
    }
}

#[component]
fn Quizzes(rows: Vec<QuizRow>) -> impl IntoView {
    let a = use_author_texts();
    if rows.is_empty() {
        return view! { <p>{a.no_quiz}</p> }.into_any();
    }
    view! {
        <ul class="plain">
            {rows.into_iter().map(|q| view! {
                <li>
                    <a href=paths::author_quiz(&q.code)>{q.title.clone()}</a>
                    " "<span class="muted code">{q.code.clone()}</span>
                    " · "{if q.published { a.published } else { a.draft }}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The course's fields; the code is typed only when the course is created.
#[component]
fn CourseForm(fields: CourseFields, editing: bool) -> impl IntoView {
    let (a, l) = (use_author_texts(), use_learn_texts());
    let action = form_action::<SaveCourse>();
    let f = fields;
    view! {
        <ActionForm action=action attr:class="stack course-form">
            {outcome(action.value(), a.saved)}
            <input type="hidden" name="editing" value=if editing { f.code.clone() } else { String::new() }/>
            <Field id="c-code" label=a.code hint=a.code_hint>
                <input id="c-code" name="code" type="text" required value=f.code.clone() readonly=editing
                    autocapitalize="characters" spellcheck="false" maxlength="32" aria-describedby="c-code-hint"/>
            </Field>
            <Field id="c-title" label=a.title>
                <input id="c-title" name="title" type="text" required maxlength="200" value=f.title.clone()/>
            </Field>
            <Field id="c-summary" label=a.summary>
                <textarea id="c-summary" name="summary" rows="3" maxlength="2000">{f.summary.clone()}</textarea>
            </Field>
            <Field id="c-audience" label=a.audience>
                <select id="c-audience" name="audience">
                    {Audience::ALL.into_iter().map(|x| view! {
                        <option value=x.as_str() selected=f.audience == x>{l.audience(x)}</option>
                    }).collect_view()}
                </select>
            </Field>
            <fieldset class="checks">
                <legend>{a.competences}</legend>
                {CompetenceDomain::ALL.into_iter().enumerate().map(|(i, d)| {
                    let id = format!("c-d-{}", d.code());
                    let checked = f.competences.contains(&d);
                    view! {
                        <CheckboxField id=id.clone() label=l.domain(d)>
                            <input id=id.clone() name=format!("competences[{i}]") type="checkbox" value=d.code()
                                checked=checked/>
                        </CheckboxField>
                    }
                }).collect_view()}
            </fieldset>
            <CheckboxField id="c-training" label=a.counts_as_training>
                <input id="c-training" name="counts_as_training" type="checkbox" value="true" checked=f.counts_as_training/>
            </CheckboxField>
            <button type="submit" class="button primary">{a.save}</button>
        </ActionForm>
    }
}

//! `/khoa-hoc/{code}/luyen-tap`: a course's practice set. A plain form graded on the server
//! without JavaScript; with it, `public/offline.js` grades on the phone from the answer key in
//! the page (offline too) and queues the result for the server.
use crate::paths;
use domain::learning::answer_form::practice_field;
use domain::learning::practice::{PracticeQuestion, PracticeSet};
use domain::learning::question::QuestionKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::learn::load_practice;
use crate::components::alert::{ErrorAlert, error_code};
use crate::i18n::{use_learn_texts, use_offline_texts, use_texts};

#[component]
pub fn PracticePage() -> impl IntoView {
    let (t, o) = (use_texts(), use_offline_texts());
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let page = Resource::new_blocking(code, load_practice);
    view! {
        <Title text=o.practice_title/>
        <section class="card wide">
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || page.get().map(|res| match res {
                    Err(e) => view! { <h1>{o.practice_title}</h1><ErrorAlert message=t.error(&error_code(&e)).to_owned()/> }.into_any(),
                    Ok(p) => view! { <Practice p=p/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The answer key as JSON for the script, with `<` escaped so no text can close the element.
fn key_json(questions: &[PracticeQuestion]) -> String {
    serde_json::to_string(questions)
        .unwrap_or_else(|_| "[]".to_owned())
        .replace('<', "\\u003c")
}

#[component]
fn Practice(p: PracticeSet) -> impl IntoView {
    let (l, o) = (use_learn_texts(), use_offline_texts());
    let lang = crate::i18n::use_lang();
    let query = use_query_map();
    let just_sent = query.read_untracked().get("ket-qua").is_some();
    let course_href = paths::course(&p.course_code);
    let last = p
        .recent
        .first()
        .map(|r| o.outcome(lang, r.correct, r.total, r.score));
    let heading = format!("{}: {}", o.practice_title, p.course_title);
    if p.questions.is_empty() {
        return view! {
            <p><a href=course_href>{p.course_title.clone()}</a></p>
            <h1>{heading}</h1>
            <p>{o.practice_none}</p>
        }
        .into_any();
    }
    view! {
        <p><a href=course_href.clone()>{p.course_title.clone()}</a></p>
        <h1>{heading}</h1>
        <p class="lead">{o.practice_intro}</p>
        {(!p.signed_in).then(|| view! { <p class="muted"><a href=paths::SIGN_IN>{o.practice_sign_in}</a></p> })}
        {last.map(|text| {
            let class = if just_sent { "alert alert-ok" } else { "muted" };
            view! { <p class=class role="status">{o.practice_last}": "{text}</p> }
        })}
        <script type="application/json" id="practice-key" inner_html=key_json(&p.questions)></script>
        <form method="post" action=format!("/luyen-tap/{}/nop", p.course_code) id="practice-form"
            class="practice" data-course=p.course_code.clone() data-signed-in=p.signed_in.to_string()>
            {p.questions.iter().map(|q| view! { <Question q=q.clone()/> }).collect_view()}
            <p id="practice-result" class="practice-result" role="status" aria-live="polite"></p>
            <button type="submit">{o.practice_check}</button>
        </form>
        <p><a href=course_href>{l.back_to_course}</a></p>
    }
    .into_any()
}

#[component]
fn Question(q: PracticeQuestion) -> impl IntoView {
    let o = use_offline_texts();
    let name = practice_field::question(q.position as usize);
    let legend_id = format!("{name}-text");
    let d = q.question.clone();
    let inputs = match d.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let (kind, hint) = if d.kind == QuestionKind::SingleChoice {
                ("radio", o.choose_one)
            } else {
                ("checkbox", o.choose_many)
            };
            view! {
                <p class="muted small">{hint}</p>
                <ul class="choices">
                    {d.choices.iter().enumerate().map(|(i, c)| view! {
                        <li><label><input type=kind name=name.clone() value=i.to_string()/>" "{c.text.clone()}</label></li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }
        QuestionKind::TrueFalse => view! {
            <ul class="choices">
                <li><label><input type="radio" name=name.clone() value=practice_field::TRUE/>" "{o.true_}</label></li>
                <li><label><input type="radio" name=name.clone() value=practice_field::FALSE/>" "{o.false_}</label></li>
            </ul>
        }
        .into_any(),
        _ => view! {
            <p><label>{o.your_answer}" "<input type="text" name=name.clone() autocomplete="off"/></label></p>
        }
        .into_any(),
    };
    let position = q.position;
    view! {
        <fieldset class="practice-question" data-q=position aria-labelledby=legend_id.clone()>
            <div id=legend_id.clone() class="question-text">
                <strong>{o.question}" "{position}". "</strong>
                <span inner_html=q.html.clone()></span>
            </div>
            {inputs}
            <p class="verdict"></p>
            <details class="practice-key">
                <summary>{o.answer_and_explanation}</summary>
                <Explanation q=q/>
            </details>
        </fieldset>
    }
}

/// The right answer and the explanation, for reading after answering.
#[component]
fn Explanation(q: PracticeQuestion) -> impl IntoView {
    let o = use_offline_texts();
    let d = q.question;
    let right: Vec<String> = match d.kind {
        QuestionKind::TrueFalse => vec![
            if d.truth == Some(true) {
                o.true_
            } else {
                o.false_
            }
            .to_owned(),
        ],
        QuestionKind::ShortAnswer => d.accepted.clone(),
        _ => d
            .choices
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| c.text.clone())
            .collect(),
    };
    let label = if d.kind == QuestionKind::ShortAnswer {
        o.accepted_answers
    } else {
        o.right_answer
    };
    let notes: Vec<String> = match d.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => d
            .choices
            .iter()
            .filter_map(|c| c.feedback.as_ref().map(|f| format!("{}: {f}", c.text)))
            .collect(),
        _ => d.feedback.clone().into_iter().collect(),
    };
    view! {
        <p>{label}": "<strong>{right.join(" · ")}</strong></p>
        <ul class="explanations">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
    }
}

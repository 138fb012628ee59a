//! `/bai-lam/{id}?cau=n`: one question of an open attempt with its own form (saved on the
//! server, then the next question), a list of the questions to jump to, the submit form; and
//! once closed, the result as the quiz's review policy allows.
use crate::paths;
use domain::format_percent;
use domain::learning::answer_form::quiz_field;
use domain::learning::attempt::{AttemptResult, AttemptView, ItemView, PlacementOutcome};
use domain::learning::grading::Answer;
use domain::learning::question::QuestionKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::assess::load_attempt;
use crate::components::alert::{ErrorAlert, error_code};
use crate::components::form::Field;
use crate::i18n::assess::AssessTexts;
use crate::i18n::{use_assess_texts, use_learn_texts, use_texts};

#[component]
pub fn AttemptPage() -> impl IntoView {
    let (t, a) = (use_texts(), use_assess_texts());
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|i| i.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let current = move || query.read().get("cau").unwrap_or_default();
    let view_ = Resource::new_blocking(move || (id(), current()), |(id, _)| load_attempt(id));
    view! {
        <Title text=a.quiz_title/>
        <section class="card wide">
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || view_.get().map(|res| match res {
                    Err(e) => view! { <h1>{a.quiz_title}</h1><ErrorAlert message=t.error(&error_code(&e)).to_owned()/> }.into_any(),
                    Ok(v) if v.status == "open" => view! { <Open v=v current=current()/> }.into_any(),
                    Ok(v) => view! { <Closed v=v/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Open(v: AttemptView, current: String) -> impl IntoView {
    let a = use_assess_texts();
    let total = v.items.len() as u32;
    let reviewing = current == "nop";
    let n = current
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=total).contains(n))
        .unwrap_or(1);
    let item = v.items.iter().find(|i| i.position == n).cloned();
    let left = v.seconds_left.map(|s| view! { <p class="badge" role="timer">{a.time_left}": "{format!("{}:{:02}", s / 60, s % 60)}</p> });
    view! {
        <h1>{v.quiz_title.clone()}</h1>
        {left}
        {if reviewing {
            view! { <Review v=v.clone()/> }.into_any()
        } else {
            item.map(|item| view! { <Question id=v.id item=item total=total/> }.into_any()).unwrap_or_else(|| ().into_any())
        }}
        <nav aria-label=a.questions class="question-nav">
            <ol class="plain inline-list">
                {v.items.iter().map(|i| {
                    let label = format!("{} {}: {}", a.question_of, i.position, if i.answer.is_some() { a.answered } else { a.not_answered });
                    let here = !reviewing && i.position == n;
                    view! {
                        <li><a href=format!("/bai-lam/{}?cau={}", v.id, i.position) aria-label=label aria-current=here.then_some("step")
                            class=if i.answer.is_some() { "qn done" } else { "qn" }>{i.position}</a></li>
                    }
                }).collect_view()}
                <li><a href=format!("/bai-lam/{}?cau=nop", v.id)>{a.go_submit}</a></li>
            </ol>
        </nav>
    }
}

#[component]
fn Question(id: i32, item: ItemView, total: u32) -> impl IntoView {
    let a = use_assess_texts();
    let next = if item.position < total {
        (item.position + 1).to_string()
    } else {
        "nop".to_owned()
    };
    let legend = format!("{} {}/{}", a.question_of, item.position, total);
    view! {
        <form method="post" action=paths::attempt_answer(id) class="question-form">
            <input type="hidden" name="cau" value=item.position/>
            <fieldset>
                <legend>{legend}</legend>
                <div class="question-text" inner_html=item.text.clone()></div>
                <Inputs item=item.clone()/>
            </fieldset>
            <button type="submit" name="tiep" value=next>{a.save_next}</button>
            " "
            <button type="submit" name="tiep" value="" class="secondary">{a.save}</button>
        </form>
    }
}

#[component]
fn Inputs(item: ItemView) -> impl IntoView {
    let a = use_assess_texts();
    let picked: Vec<usize> = match &item.answer {
        Some(Answer::Choices(v)) => v.clone(),
        _ => Vec::new(),
    };
    match item.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let kind = if item.kind == QuestionKind::SingleChoice {
                "radio"
            } else {
                "checkbox"
            };
            item.options
                .iter()
                .map(|o| {
                    let id = format!("o-{}-{}", item.position, o.id);
                    view! {
                        <div class="option">
                            <input type=kind id=id.clone() name=quiz_field::CHOICE value=o.id checked=picked.contains(&o.id)/>
                            <label for=id>{o.text.clone()}</label>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
        QuestionKind::TrueFalse => {
            let chosen = match &item.answer {
                Some(Answer::Truth(t)) => Some(*t),
                _ => None,
            };
            let id_t = format!("t-{}", item.position);
            let id_f = format!("f-{}", item.position);
            view! {
                <div class="option"><input type="radio" id=id_t.clone() name=quiz_field::TRUTH value=quiz_field::TRUTH_YES checked=chosen == Some(true)/><label for=id_t>{a.true_}</label></div>
                <div class="option"><input type="radio" id=id_f.clone() name=quiz_field::TRUTH value=quiz_field::TRUTH_NO checked=chosen == Some(false)/><label for=id_f>{a.false_}</label></div>
            }
            .into_any()
        }
        QuestionKind::ShortAnswer => {
            let given = match &item.answer {
                Some(Answer::Text(t)) => t.clone(),
                _ => String::new(),
            };
            let id = format!("s-{}", item.position);
            view! {
                <Field id=id.clone() label=a.your_answer>
                    <input type="text" id=id name=quiz_field::TEXT value=given autocomplete="off"/>
                </Field>
            }
            .into_any()
        }
        QuestionKind::Ordering => {
            let places: Vec<usize> = match &item.answer {
                Some(Answer::Order(v)) => v.clone(),
                _ => Vec::new(),
            };
            view! {
                <p class="hint">{a.order_hint}</p>
                {item.options.iter().map(|o| {
                    let id = format!("r-{}-{}", item.position, o.id);
                    let place = places.iter().position(|p| *p == o.id).map(|p| (p + 1).to_string()).unwrap_or_default();
                    view! {
                        <div class="option">
                            <input type="number" min="1" max=item.options.len() id=id.clone() name=quiz_field::place(o.id) value=place class="rank"/>
                            <label for=id>{o.text.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            }
            .into_any()
        }
        QuestionKind::Matching => {
            let chosen: Vec<Option<usize>> = match &item.answer {
                Some(Answer::Pairs(v)) => v.clone(),
                _ => Vec::new(),
            };
            item.left
                .iter()
                .enumerate()
                .map(|(i, left)| {
                    let id = format!("m-{}-{i}", item.position);
                    let current = chosen.get(i).copied().flatten();
                    let options = item.options.clone();
                    view! {
                        <Field id=id.clone() label=left.clone()>
                            <select id=id name=quiz_field::pair(i)>
                                <option value="">{a.choose}</option>
                                {options.iter().map(|o| view! { <option value=o.id selected=current == Some(o.id)>{o.text.clone()}</option> }).collect_view()}
                            </select>
                        </Field>
                    }
                })
                .collect_view()
                .into_any()
        }
    }
}

#[component]
fn Review(v: AttemptView) -> impl IntoView {
    let a = use_assess_texts();
    let unanswered = v.items.iter().filter(|i| i.answer.is_none()).count();
    view! {
        <p>{a.answered}": "{v.items.len() - unanswered}"/"{v.items.len()}</p>
        <p class="hint">{a.submit_confirm}</p>
        <form method="post" action=paths::attempt_submit(v.id)>
            <button type="submit">{a.submit}</button>
        </form>
    }
}

#[component]
fn Closed(v: AttemptView) -> impl IntoView {
    let (t, a, l) = (use_texts(), use_assess_texts(), use_learn_texts());
    let r: AttemptResult = v.result.clone().unwrap_or(AttemptResult {
        passed: false,
        score: None,
        domains: Vec::new(),
        review: Vec::new(),
        placement: None,
    });
    let lang = t.lang;
    view! {
        <h1>{v.quiz_title.clone()}</h1>
        <h2>{a.result_title}</h2>
        {(v.status == "timed_out").then(|| view! { <p class="alert alert-error">{a.timed_out}</p> })}
        <p class=if r.passed { "alert alert-ok" } else { "alert alert-error" } role="status">{if r.passed { a.passed } else { a.failed }}</p>
        {r.score.map(|s| view! { <p>{a.score}": "<strong>{format_percent(s, lang)}</strong></p> })}
        {(!r.domains.is_empty()).then(|| view! {
            <h3>{a.by_domain}</h3>
            <ul class="plain">
                {r.domains.iter().map(|d| view! { <li>{l.domain(d.domain)}": "{d.percent().map(|p| format_percent(p, lang)).unwrap_or_default()}</li> }).collect_view()}
            </ul>
        })}
        {r.placement.clone().map(placement_outcome)}
        {(!r.review.is_empty()).then(|| view! {
            <ol class="review-list">
                {r.review.iter().map(|i| {
                    let text = v.items.iter().find(|x| x.position == i.position).map(|x| x.text.clone()).unwrap_or_default();
                    view! {
                        <li>
                            <div inner_html=text></div>
                            <p>{a.score}": "{format_percent(100.0 * i.earned, lang)}" · "{a.right_answer}": "{right_in_words(i, a)}</p>
                            {i.feedback.clone().map(|f| view! { <p class="hint">{f}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        })}
        <p><a href=paths::quiz(&v.quiz_code)>{a.back_to_quiz}</a></p>
    }
}

/// What a placement attempt tested out, and where the learner goes on.
fn placement_outcome(o: PlacementOutcome) -> impl IntoView {
    let (p, l) = (crate::i18n::use_placement_texts(), use_learn_texts());
    let names = o
        .domains_passed
        .iter()
        .map(|d| l.domain(*d))
        .collect::<Vec<_>>()
        .join(", ");
    let code = o.course_code.clone();
    let body = if o.lessons.is_empty() {
        view! { <p>{p.outcome_none}</p> }.into_any()
    } else {
        view! {
            <p>{p.domains_passed(&names)}</p>
            <p>{p.outcome_lessons}</p>
            <ul class="plain">
                {o.lessons.iter().map(|x| view! { <li>{l.lesson_of}" "{x.position}": "{x.title.clone()}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="placement-outcome" aria-labelledby="placement-outcome-title">
            <h3 id="placement-outcome-title">{p.outcome_title}</h3>
            {body}
            {o.next_lesson.map(|n| view! { <p><a class="button" href=paths::lesson(&code, n)>{p.go_to(n)}</a></p> })}
            <p><a href=paths::course(&code)>{p.back_to_course}</a></p>
        </section>
    }
}

/// The right answer as the review shows it: the author's words, or "Đúng"/"Sai" in the page's
/// language for a true/false question.
fn right_in_words(i: &domain::learning::attempt::ItemReview, a: &AssessTexts) -> String {
    match i.truth {
        Some(true) => a.true_.to_owned(),
        Some(false) => a.false_.to_owned(),
        None => i.right.join("; "),
    }
}

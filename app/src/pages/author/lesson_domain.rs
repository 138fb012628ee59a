//! The lesson editor's domain: which of the course's competence domains the lesson teaches, so
//! that a learner who passes that domain's part of the placement check may skip it.
use domain::learning::CompetenceDomain;
use leptos::prelude::*;

use super::outcome;
use crate::api::author::SetLessonDomain;
use crate::components::form::Field;
use crate::i18n::{use_learn_texts, use_placement_texts};

#[component]
pub fn DomainPanel(
    lesson_id: i32,
    course: String,
    domain: Option<CompetenceDomain>,
    domains: Vec<CompetenceDomain>,
) -> impl IntoView {
    let (p, l) = (use_placement_texts(), use_learn_texts());
    let action = ServerAction::<SetLessonDomain>::new();
    view! {
        <section class="lesson-domain" aria-labelledby="lesson-domain-title">
            <h2 id="lesson-domain-title">{p.lesson_domain}</h2>
            <ActionForm action=action attr:class="stack">
                {outcome(action.value(), p.lesson_domain_saved)}
                <input type="hidden" name="id" value=lesson_id.to_string()/>
                <input type="hidden" name="course" value=course/>
                <Field id="l-domain" label=p.lesson_domain hint=p.lesson_domain_hint>
                    <select id="l-domain" name="domain" aria-describedby="l-domain-hint">
                        <option value="" selected=domain.is_none()>{p.lesson_domain_none}</option>
                        {domains.into_iter().map(|d| view! {
                            <option value=d.code() selected=domain == Some(d)>{l.domain(d)}</option>
                        }).collect_view()}
                    </select>
                </Field>
                <p><button type="submit" class="secondary">{p.lesson_domain_save}</button></p>
            </ActionForm>
        </section>
    }
}

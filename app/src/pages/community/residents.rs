//! A facilitator's part of `/cong-dong`: register a resident with their consent, then enrol
//! them and help them learn on this device.
use domain::community::Resident;
use domain::learning::CourseSummary;
use leptos::prelude::*;

use super::Actions;
use crate::components::form::{CheckboxField, Field};
use crate::i18n::community::use_community_texts;
use crate::i18n::use_texts;
use crate::paths;

#[component]
pub fn RegisterForm(actions: Actions, communes: Vec<(String, String)>) -> impl IntoView {
    let (t, c) = (use_texts(), use_community_texts());
    let done = move || actions.register.value().get().is_some_and(|r| r.is_ok());
    view! {
        <h2>{c.register_title}</h2>
        {move || done().then(|| view! { <p class="alert alert-success" role="status">{c.registered}</p> })}
        <ActionForm action=actions.register attr:class="stack">
            <Field id="r-name" label=t.full_name_field>
                <input id="r-name" name="full_name" type="text" required autocomplete="off"/></Field>
            <Field id="r-login" label=t.contact_field>
                <input id="r-login" name="login" type="tel" required autocomplete="off"/></Field>
            <Field id="r-password" label=t.password_field>
                <input id="r-password" name="password" type="password" required autocomplete="new-password" minlength="8"/></Field>
            <Field id="r-commune" label=c.commune>
                <select id="r-commune" name="commune">
                    {communes.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
                </select></Field>
            <p class="hint" id="r-consent-text">{c.consent_read_out}</p>
            <CheckboxField id="r-consent" label=c.consent_given>
                <input id="r-consent" name="consent" type="checkbox" value="on" required aria-describedby="r-consent-text"/>
            </CheckboxField>
            <button type="submit" class="button">{c.register_button}</button>
        </ActionForm>
    }
}

#[component]
pub fn ResidentList(
    actions: Actions,
    residents: Vec<Resident>,
    courses: Vec<CourseSummary>,
) -> impl IntoView {
    let c = use_community_texts();
    view! {
        <h2>{c.residents_title}</h2>
        {if residents.is_empty() {
            view! { <p>{c.residents_none}</p> }.into_any()
        } else {
            view! {
                <ul class="cards" data-testid="residents">
                    {residents.into_iter().map(|r| view! { <ResidentCard actions=actions resident=r courses=courses.clone()/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn ResidentCard(
    actions: Actions,
    resident: Resident,
    courses: Vec<CourseSummary>,
) -> impl IntoView {
    let c = use_community_texts();
    let id = resident.user_id;
    let select_id = format!("enrol-{id}");
    let list = |codes: &[String]| {
        if codes.is_empty() {
            "—".to_owned()
        } else {
            codes.join(", ")
        }
    };
    view! {
        <li class="card">
            <h3>{resident.full_name.clone()}</h3>
            <dl class="facts">
                <dt>{use_texts().contact_field}</dt><dd>{resident.login.clone()}</dd>
                <dt>{c.registered_on}</dt><dd>{resident.registered_on.clone()}</dd>
                <dt>{c.enrolled}</dt><dd>{list(&resident.enrolled)}</dd>
                <dt>{c.completed}</dt><dd>{list(&resident.completed)}</dd>
            </dl>
            <ActionForm action=actions.enrol attr:class="inline-fields">
                <input type="hidden" name="resident" value=id.to_string()/>
                <label for=select_id.clone()>{c.enrol_course}</label>
                <select id=select_id name="course">
                    {courses.iter().map(|x| view! { <option value=x.code.clone()>{format!("{} — {}", x.code, x.title)}</option> }).collect_view()}
                </select>
                <button type="submit" class="button secondary">{c.enrol_button}</button>
            </ActionForm>
            <form method="post" action=paths::community_assist(id) class="stack">
                <p class="hint">{c.assist_hint}</p>
                <button type="submit" class="button">{c.assist_button}</button>
            </form>
        </li>
    }
}

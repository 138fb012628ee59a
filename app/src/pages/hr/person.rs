//! `/don-vi/nhan-su/{code}`: one person's assignments, trainings and assessments; hr records an
//! in-person training or assessment with its evidence, and proposes a link to the person's
//! account (its holder accepts); an admin pseudonymises the record.
use domain::hr::{AccountRef, AssessmentView, AssignmentView, PersonRecord, TrainingView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::hr::{AddAssessment, AddTraining, ErasePerson, ProposeLink, Unlink, load_person};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::components::form::{CheckboxField, Field, form_action};
use crate::components::layout::MeResource;
use crate::components::table::DataTable;
use crate::i18n::{use_hr_texts, use_texts};
use crate::pages::hr::person_platform::{
    PlatformAttempts, PlatformCertificates, PlatformTestedOut,
};
use crate::paths;

#[component]
pub fn PersonPage() -> impl IntoView {
    let (t, h) = (use_texts(), use_hr_texts());
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let training = form_action::<AddTraining>();
    let assessment = form_action::<AddAssessment>();
    let link = form_action::<ProposeLink>();
    let erase = form_action::<ErasePerson>();
    let unlink = form_action::<Unlink>();
    let record = Resource::new(
        move || {
            (
                code(),
                training.version().get(),
                assessment.version().get(),
                link.version().get(),
                unlink.version().get(),
                erase.version().get(),
            )
        },
        |(code, ..)| load_person(code),
    );
    let actions = Actions {
        training,
        assessment,
        link,
        unlink,
        erase,
    };
    view! {
        <Title text=h.person_title/>
        <section class="card wide">
            <p><a href=paths::HR_PEOPLE>{h.to_people}</a></p>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || record.get().map(|res| match res {
                    Err(e) => view! { <h1>{h.person_title}</h1><ErrorAlert message=t.error(&error_code(&e)).to_owned()/> }.into_any(),
                    Ok(r) => view! { <Record r=r actions=actions/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    training: ServerAction<AddTraining>,
    assessment: ServerAction<AddAssessment>,
    link: ServerAction<ProposeLink>,
    unlink: ServerAction<Unlink>,
    erase: ServerAction<ErasePerson>,
}

#[component]
fn Record(r: PersonRecord, actions: Actions) -> impl IntoView {
    let h = use_hr_texts();
    let dash = "—".to_owned();
    let contact = r
        .email
        .clone()
        .or_else(|| r.phone.clone())
        .unwrap_or_default();
    view! {
        <h1>{r.full_name.clone()}</h1>
        <dl class="facts">
            <dt>{h.staff_code}</dt><dd data-testid="staff-code">{r.staff_code.clone()}</dd>
            <dt>{h.personal_id}</dt><dd>{r.personal_id.clone().unwrap_or_else(|| dash.clone())}</dd>
            <dt>{h.email}</dt><dd>{r.email.clone().unwrap_or_else(|| dash.clone())}</dd>
            <dt>{h.phone}</dt><dd>{r.phone.clone().unwrap_or_else(|| dash.clone())}</dd>
            <dt>{h.account}</dt>
            <dd><Account code=r.staff_code.clone() account=r.account.clone() status=r.link_status.clone() contact=contact actions=actions/></dd>
        </dl>
        <Assignments rows=r.assignments.clone()/>
        <Trainings rows=r.trainings.clone()/>
        <TrainingForm code=r.staff_code.clone() action=actions.training/>
        <Assessments rows=r.assessments.clone()/>
        <AssessmentForm code=r.staff_code.clone() action=actions.assessment/>
        <PlatformAttempts rows=r.attempts.clone() linked=r.account.is_some()/>
        <PlatformCertificates rows=r.certificates.clone()/>
        <PlatformTestedOut rows=r.tested_out.clone()/>
        <EraseForm code=r.staff_code.clone() action=actions.erase/>
    }
}

#[component]
fn Account(
    code: String,
    account: Option<AccountRef>,
    status: Option<String>,
    contact: String,
    actions: Actions,
) -> impl IntoView {
    let h = use_hr_texts();
    let error = move || {
        [actions.link.value().get(), actions.unlink.value().get()]
            .into_iter()
            .flatten()
            .find_map(|r| r.err())
            .map(|e| view! { <ServerErrorAlert error=e/> })
    };
    let sent = move || {
        matches!(actions.link.value().get(), Some(Ok(())))
            .then(|| view! { <p class="alert alert-ok" role="status">{h.proposal_sent}</p> })
    };
    let state = status
        .as_deref()
        .map(|s| h.link_state(s))
        .map(|s| view! { <p data-testid="link-state">{s}</p> });
    let body = match account {
        Some(a) => view! {
            <span>{format!("{} ({})", a.full_name, a.login)}</span>
            <ActionForm action=actions.unlink attr:class="inline-form">
                <input type="hidden" name="staff_code" value=code.clone()/>
                <button type="submit" class="link-button small">{h.unlink}</button>
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <span>{h.no_account}</span>
            {state}
            <ActionForm action=actions.link attr:class="stack">
                <input type="hidden" name="staff_code" value=code.clone()/>
                <Field id="link-contact" label=h.propose_contact hint=h.propose_hint>
                    <input id="link-contact" name="contact" type="text" required value=contact aria-describedby="link-contact-hint"/></Field>
                <button type="submit" class="button small">{h.propose_submit}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! { {error} {sent} {body} }
}

/// The admin's pseudonymisation of the roster member (the national admin's or the province
/// admin's), with the reason the audit log keeps.
#[component]
fn EraseForm(code: String, action: ServerAction<ErasePerson>) -> impl IntoView {
    let h = use_hr_texts();
    let me = use_context::<MeResource>();
    let admin = move || {
        me.and_then(|m| m.get().flatten()).is_some_and(|m| {
            m.has_role(domain::Role::Admin) || m.has_role(domain::Role::ProvinceAdmin)
        })
    };
    view! {
        <Transition fallback=|| ()>
            {move || admin().then(|| {
                let code = code.clone();
                view! {
                    <ActionForm action=action attr:class="record-form">
                        <fieldset>
                            <legend>{h.erase_person_title}</legend>
                            <p>{h.erase_person_intro}</p>
                            {outcome(action.value())}
                            <input type="hidden" name="staff_code" value=code/>
                            <Field id="erase-reason" label=h.erase_reason>
                                <textarea id="erase-reason" name="reason" rows="2" required maxlength="500"></textarea></Field>
                            <button type="submit" class="button danger">{h.erase_person_button}</button>
                        </fieldset>
                    </ActionForm>
                }
            })}
        </Transition>
    }
}

#[component]
fn Assignments(rows: Vec<AssignmentView>) -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <h2>{h.assignments_title}</h2>
        <DataTable label=h.assignments_title>
            <thead><tr>
                <th scope="col">{h.unit_col}</th><th scope="col">{h.kind_col}</th>
                <th scope="col">{h.start}</th><th scope="col">{h.end}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|a| view! {
                    <tr>
                        <th scope="row">{format!("{} ({})", a.unit.name, a.unit.code)}</th>
                        <td>{h.kind(a.kind)}</td>
                        <td>{a.start.clone()}</td>
                        <td>{a.end.clone().unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}

#[component]
fn Trainings(rows: Vec<TrainingView>) -> impl IntoView {
    let h = use_hr_texts();
    if rows.is_empty() {
        return view! { <h2>{h.trainings_title}</h2><p>{h.none_yet}</p> }.into_any();
    }
    view! {
        <h2>{h.trainings_title}</h2>
        <DataTable label=h.trainings_title testid="trainings">
            <thead><tr>
                <th scope="col">{h.programme_code}</th><th scope="col">{h.date}</th><th scope="col">{h.mode}</th>
                <th scope="col">{h.evidence}</th><th scope="col">{h.source}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.programme_code.clone()}</th>
                        <td>{r.completed_on.clone()}</td>
                        <td>{if r.mode == "truc_tuyen" { h.mode_online } else { h.mode_in_person }}</td>
                        <td>{r.note.clone().unwrap_or_default()}</td>
                        <td>{h.source(&r.source)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
fn Assessments(rows: Vec<AssessmentView>) -> impl IntoView {
    let h = use_hr_texts();
    if rows.is_empty() {
        return view! { <h2>{h.assessments_title}</h2><p>{h.none_yet}</p> }.into_any();
    }
    view! {
        <h2>{h.assessments_title}</h2>
        <DataTable label=h.assessments_title testid="assessments">
            <thead><tr>
                <th scope="col">{h.assessment_code}</th><th scope="col">{h.date}</th><th scope="col">{h.score}</th>
                <th scope="col">{h.passed}</th><th scope="col">{h.evidence}</th><th scope="col">{h.source}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.assessment_code.clone()}</th>
                        <td>{r.taken_on.clone()}</td>
                        <td>{score_text(r.score, h.lang)}</td>
                        <td>{if r.passed { h.yes } else { h.no }}</td>
                        <td>{r.note.clone().unwrap_or_default()}</td>
                        <td>{h.source(&r.source)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

/// Scores keep at most one decimal, with a decimal comma in Vietnamese.
fn score_text(score: f64, lang: domain::Lang) -> String {
    let text = format!("{}", (score * 10.0).round() / 10.0);
    if lang == domain::Lang::Vi {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The outcome of a form: what went wrong, or that it was saved.
fn outcome(
    value: impl Get<Value = Option<Result<(), ServerFnError>>> + Send + Sync + 'static,
) -> impl IntoView {
    let h = use_hr_texts();
    move || {
        value.get().map(|r| match r {
            Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
            Ok(_) => view! { <p class="alert alert-ok" role="status">{h.saved}</p> }.into_any(),
        })
    }
}

#[component]
fn TrainingForm(code: String, action: ServerAction<AddTraining>) -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <ActionForm action=action attr:class="record-form">
            <fieldset>
                <legend>{h.add_training_title}</legend>
                {outcome(action.value())}
                <input type="hidden" name="staff_code" value=code/>
                <Field id="t-code" label=h.programme_code>
                    <input id="t-code" name="programme_code" type="text" required/></Field>
                <Field id="t-date" label=h.date>
                    <input id="t-date" name="completed_on" type="date" required/></Field>
                <Field id="t-mode" label=h.mode>
                    <select id="t-mode" name="mode">
                        <option value="truc_tiep">{h.mode_in_person}</option>
                        <option value="truc_tuyen">{h.mode_online}</option>
                    </select></Field>
                <Field id="t-evidence" label=h.evidence hint=h.evidence_hint>
                    <textarea id="t-evidence" name="evidence" rows="2" required aria-describedby="t-evidence-hint"></textarea></Field>
                <button type="submit" class="button">{h.save}</button>
            </fieldset>
        </ActionForm>
    }
}

#[component]
fn AssessmentForm(code: String, action: ServerAction<AddAssessment>) -> impl IntoView {
    let h = use_hr_texts();
    view! {
        <ActionForm action=action attr:class="record-form">
            <fieldset>
                <legend>{h.add_assessment_title}</legend>
                {outcome(action.value())}
                <input type="hidden" name="staff_code" value=code/>
                <Field id="a-code" label=h.assessment_code>
                    <input id="a-code" name="assessment_code" type="text" required/></Field>
                <Field id="a-date" label=h.date>
                    <input id="a-date" name="taken_on" type="date" required/></Field>
                <Field id="a-score" label=h.score>
                    <input id="a-score" name="score" type="text" inputmode="decimal" required/></Field>
                <CheckboxField id="a-passed" label=h.passed><input id="a-passed" name="passed" type="checkbox" value="true"/></CheckboxField>
                <Field id="a-evidence" label=h.evidence hint=h.evidence_hint>
                    <textarea id="a-evidence" name="evidence" rows="2" required aria-describedby="a-evidence-hint"></textarea></Field>
                <button type="submit" class="button">{h.save}</button>
            </fieldset>
        </ActionForm>
    }
}

//! E-mail reminders: `/don-vi/nhac-nho/moi` writes one for a people list (the list's filter in
//! the query), previews it for one person and sends it now or later; `/don-vi/nhac-nho` lists
//! the officer's reminders and `/don-vi/nhac-nho/{id}` shows each recipient's state. Forms work
//! without the wasm: the preview is a GET form, sending a plain post answered by a redirect.
use domain::reminders::{
    RecipientState, ReminderDetail, ReminderPreview, ReminderSummary, Unreachable,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::params::ParamsMap;

use super::query_value;
use crate::api::reminders::{SendReminder, list_reminders, load_reminder, preview_reminder};
use crate::components::alert::ServerErrorAlert;
use crate::components::form::{Field, described_by, form_action, hint_id};
use crate::components::table::DataTable;
use crate::i18n::{use_reminder_texts, use_texts};
use crate::paths;

/// What the compose page's query holds: the list's filter and the text typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Compose {
    unit: String,
    as_of: String,
    status: String,
    indicator: String,
    subject: String,
    body: String,
    course: String,
    deadline: String,
    send_at: String,
    preview_for: String,
}

impl Compose {
    /// Reminders go to people not yet trained or not yet mastered: a list of anyone else (or
    /// of no status) has nothing to preview.
    fn names_a_status(&self) -> bool {
        self.status == "not_trained" || self.status == "not_mastered"
    }

    fn from_query(q: &Memo<ParamsMap>) -> Compose {
        Compose {
            unit: query_value(q, "unit"),
            as_of: query_value(q, "as_of"),
            status: query_value(q, "status"),
            indicator: query_value(q, "indicator"),
            subject: query_value(q, "subject"),
            body: query_value(q, "body"),
            course: query_value(q, "course"),
            deadline: query_value(q, "deadline"),
            send_at: query_value(q, "send_at"),
            preview_for: query_value(q, "preview_for"),
        }
    }

    /// The list's filter, carried by both forms.
    fn list_fields(&self) -> impl IntoView + use<> {
        view! {
            <input type="hidden" name="unit" value=self.unit.clone()/>
            <input type="hidden" name="as_of" value=self.as_of.clone()/>
            <input type="hidden" name="status" value=self.status.clone()/>
            <input type="hidden" name="indicator" value=self.indicator.clone()/>
        }
    }
}

#[component]
pub fn ReminderComposePage() -> impl IntoView {
    let (t, r) = (use_texts(), use_reminder_texts());
    let query = use_query_map();
    let preview = Resource::new(
        move || Compose::from_query(&query),
        |c| async move {
            if !c.names_a_status() {
                return None;
            }
            Some(
                preview_reminder(
                    c.unit,
                    c.as_of,
                    c.status,
                    c.indicator,
                    c.subject,
                    c.body,
                    c.course,
                    c.deadline,
                    c.send_at,
                    c.preview_for,
                )
                .await,
            )
        },
    );
    let send = form_action::<SendReminder>();
    view! {
        <Title text=r.compose_title/>
        <section class="card wide">
            <h1>{r.compose_title}</h1>
            <p>{r.compose_intro}</p>
            <p><a href=paths::HR_REMINDERS>{r.list_link}</a></p>
            {move || {
                (!Compose::from_query(&query).names_a_status())
                    .then(|| view! { <p class="alert alert-error" role="alert">{r.status_needed}</p> })
            }}
            {move || view! { <ComposeForm c=Compose::from_query(&query)/> }}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || preview.get().flatten().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(p) => view! { <PreviewPart p=p c=Compose::from_query(&query) send=send/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The text and its options; "Preview" reloads the page with them in the query.
#[component]
fn ComposeForm(c: Compose) -> impl IntoView {
    let r = use_reminder_texts();
    view! {
        <form method="get" action=paths::HR_REMINDER_NEW class="stack" data-testid="reminder-compose">
            {c.list_fields()}
            <Field id="subject" label=r.subject_field hint=r.placeholders_hint>
                <input id="subject" name="subject" type="text" maxlength="200" required
                    value=c.subject.clone() aria-describedby=described_by("subject", true, false)/>
            </Field>
            <Field id="body" label=r.body_field hint=r.placeholders_hint>
                <textarea id="body" name="body" rows="8" maxlength="10000" required
                    aria-describedby=hint_id("body")>{c.body.clone()}</textarea>
            </Field>
            <Field id="course" label=r.course_field hint=r.course_hint>
                <input id="course" name="course" type="text" maxlength="200"
                    value=c.course.clone() aria-describedby=hint_id("course")/>
            </Field>
            <Field id="deadline" label=r.deadline_field hint=r.deadline_hint>
                <input id="deadline" name="deadline" type="date"
                    value=c.deadline.clone() aria-describedby=hint_id("deadline")/>
            </Field>
            <Field id="send_at" label=r.send_at_field hint=r.send_at_hint>
                <input id="send_at" name="send_at" type="datetime-local"
                    value=c.send_at.clone() aria-describedby=hint_id("send_at")/>
            </Field>
            <Field id="preview_for" label=r.preview_for_field hint=r.preview_for_hint>
                <input id="preview_for" name="preview_for" type="text"
                    value=c.preview_for.clone() aria-describedby=hint_id("preview_for")/>
            </Field>
            <button type="submit" class="button">{r.preview_button}</button>
        </form>
    }
}

/// Who the list reaches, the sample message, the send form and who must be reached otherwise.
#[component]
fn PreviewPart(p: ReminderPreview, c: Compose, send: ServerAction<SendReminder>) -> impl IntoView {
    let r = use_reminder_texts();
    let can_send = p.smtp_configured && p.sample.is_some() && p.reachable > 0;
    view! {
        {(!p.smtp_configured).then(|| view! {
            <p class="alert alert-error" role="alert" data-testid="smtp-missing">{r.smtp_missing}</p>
        })}
        <p>{r.reached}": "<strong data-testid="reminder-reached">{p.reachable}</strong></p>
        {p.sample.clone().map(|m| view! {
            <section aria-labelledby="sample-title" class="sample-message" data-testid="reminder-sample">
                <h2 id="sample-title">{r.preview_title}</h2>
                <p>{r.preview_to}": "{m.full_name}</p>
                <p><strong>{m.subject}</strong></p>
                <p class="pre-wrap">{m.body}</p>
            </section>
        })}
        {can_send.then(|| view! {
            <ActionForm action=send attr:class="stack">
                <input type="hidden" name="key" value=p.key.clone()/>
                {c.list_fields()}
                <input type="hidden" name="subject" value=c.subject.clone()/>
                <input type="hidden" name="body" value=c.body.clone()/>
                <input type="hidden" name="course" value=c.course.clone()/>
                <input type="hidden" name="deadline" value=c.deadline.clone()/>
                <input type="hidden" name="send_at" value=c.send_at.clone()/>
                <button type="submit" class="button primary">{r.send_button}</button>
            </ActionForm>
        })}
        {move || send.value().get().and_then(|res| res.err()).map(|e| view! { <ServerErrorAlert error=e/> })}
        <Unreachables people=p.unreachable/>
    }
}

#[component]
fn Unreachables(people: Vec<Unreachable>) -> impl IntoView {
    let (r, h) = (use_reminder_texts(), crate::i18n::use_hr_texts());
    if people.is_empty() {
        return ().into_any();
    }
    view! {
        <h2>{r.unreachable_title}</h2>
        <p>{r.unreachable_hint}</p>
        <DataTable label=r.unreachable_title testid="reminder-unreachable">
            <thead><tr>
                <th scope="col">{h.staff_code}</th>
                <th scope="col">{h.full_name}</th>
                <th scope="col">{r.unit_col}</th>
                <th scope="col">{r.phone_col}</th>
                <th scope="col">{r.why_col}</th>
            </tr></thead>
            <tbody>
                {people.into_iter().map(|p| view! {
                    <tr>
                        <td>{p.staff_code}</td>
                        <th scope="row">{p.full_name}</th>
                        <td>{p.unit_name}</td>
                        <td>{p.phone.unwrap_or_default()}</td>
                        <td>{if p.unsubscribed { r.unsubscribed } else { r.no_email }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
    .into_any()
}

#[component]
pub fn ReminderListPage() -> impl IntoView {
    let (t, r) = (use_texts(), use_reminder_texts());
    let data = Resource::new(|| (), |()| list_reminders());
    view! {
        <Title text=r.list_title/>
        <section class="card wide">
            <h1>{r.list_title}</h1>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! { <p>{r.list_none}</p> }.into_any(),
                    Ok(rows) => view! { <SummaryTable rows=rows link=true/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SummaryTable(rows: Vec<ReminderSummary>, link: bool) -> impl IntoView {
    let (r, h) = (use_reminder_texts(), crate::i18n::use_hr_texts());
    view! {
        <DataTable label=r.list_title testid="reminders-table">
            <thead><tr>
                <th scope="col">{r.subject_col}</th>
                <th scope="col">{r.unit_col}</th>
                <th scope="col">{r.send_at_col}</th>
                <th scope="col">{r.queued_col}</th>
                <th scope="col">{r.sent_col}</th>
                <th scope="col">{r.failed_col}</th>
                <th scope="col">{r.skipped_col}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|s| {
                    let subject = if link {
                        view! { <a href=paths::hr_reminder(s.id)>{s.subject.clone()}</a> }.into_any()
                    } else {
                        s.subject.clone().into_any()
                    };
                    view! {
                        <tr>
                            <th scope="row">{subject}</th>
                            <td>{s.unit_name.clone().unwrap_or_else(|| h.province.to_owned())}</td>
                            <td>{s.send_at.clone()}</td>
                            <td>{s.queued}</td>
                            <td>{s.sent}</td>
                            <td>{s.failed}</td>
                            <td>{s.skipped}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}

#[component]
pub fn ReminderPage() -> impl IntoView {
    let (t, r) = (use_texts(), use_reminder_texts());
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(id, load_reminder);
    view! {
        <Title text=r.detail_title/>
        <section class="card wide">
            <h1>{r.list_title}</h1>
            <p><a href=paths::HR_REMINDERS>{r.back_to_list}</a></p>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || data.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(d) => view! { <Detail d=d/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Detail(d: ReminderDetail) -> impl IntoView {
    let r = use_reminder_texts();
    view! {
        <SummaryTable rows=vec![d.summary] link=false/>
        <h2>{r.detail_title}</h2>
        <Recipients rows=d.recipients/>
    }
}

#[component]
fn Recipients(rows: Vec<RecipientState>) -> impl IntoView {
    let (r, h) = (use_reminder_texts(), crate::i18n::use_hr_texts());
    view! {
        <DataTable label=r.detail_title testid="reminder-recipients">
            <thead><tr>
                <th scope="col">{h.staff_code}</th>
                <th scope="col">{h.full_name}</th>
                <th scope="col">{r.email_col}</th>
                <th scope="col">{r.state_col}</th>
                <th scope="col">{r.attempts_col}</th>
                <th scope="col">{r.sent_at_col}</th>
                <th scope="col">{r.reply_col}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|x| view! {
                    <tr>
                        <td>{x.staff_code}</td>
                        <th scope="row">{x.full_name}</th>
                        <td>{x.email}</td>
                        <td>{r.state(x.state)}</td>
                        <td>{x.attempts}</td>
                        <td>{x.sent_at.unwrap_or_default()}</td>
                        <td>{x.reply.map(|t| r.reply(&t)).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </DataTable>
    }
}

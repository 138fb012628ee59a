//! E-mail reminders' server functions: preview (reads), send (queues), the officer's list and
//! one reminder's recipients (reads). Every one checks the actor and scope in the service.
// A form's fields are the arguments (the page posts them as they are, without the wasm too);
// `#[server]` makes a client function of each, which an `allow` on the function misses.
#![allow(clippy::too_many_arguments)]
use domain::reminders::{ReminderDetail, ReminderPreview, ReminderSummary};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// What `{khoa_hoc}`, `{han}` and the others become for one person of the list, and who the
/// list reaches. Nothing is written.
#[server(prefix = "/_sf", endpoint = "hr_reminder_preview", input = GetUrl)]
pub async fn preview_reminder(
    #[server(default)] unit: String,
    #[server(default)] as_of: String,
    #[server(default)] status: String,
    #[server(default)] indicator: String,
    #[server(default)] subject: String,
    #[server(default)] body: String,
    #[server(default)] course: String,
    #[server(default)] deadline: String,
    #[server(default)] send_at: String,
    #[server(default)] preview_for: String,
) -> Result<ReminderPreview, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use domain::reminders::ReminderDraft;
    let (s, actor) = (services()?, require_actor()?);
    let draft = ReminderDraft {
        key: String::new(),
        unit,
        as_of,
        status,
        indicator,
        subject,
        body,
        course,
        deadline,
        send_at,
    };
    service::hr::reminders::queue::preview(&s.db, &actor, &draft, &preview_for, s.mail_enabled)
        .await
        .map_err(fail)
}

/// Queues the reminder (the same form `key` twice: one reminder); then its page.
#[server(prefix = "/_sf", endpoint = "hr_reminder_send")]
pub async fn send_reminder(
    key: String,
    #[server(default)] unit: String,
    #[server(default)] as_of: String,
    #[server(default)] status: String,
    #[server(default)] indicator: String,
    #[server(default)] subject: String,
    #[server(default)] body: String,
    #[server(default)] course: String,
    #[server(default)] deadline: String,
    #[server(default)] send_at: String,
) -> Result<i32, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    use domain::reminders::ReminderDraft;
    let (s, actor) = (services()?, require_actor()?);
    let draft = ReminderDraft {
        key,
        unit,
        as_of,
        status,
        indicator,
        subject,
        body,
        course,
        deadline,
        send_at,
    };
    let id = service::hr::reminders::queue::create(&s.db, &actor, &draft, s.mail_enabled)
        .await
        .map_err(fail)?;
    leptos_axum::redirect(&crate::paths::hr_reminder(id));
    Ok(id)
}

#[server(prefix = "/_sf", endpoint = "hr_reminders", input = GetUrl)]
pub async fn list_reminders() -> Result<Vec<ReminderSummary>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::reminders::reports::list(&s.db, &actor)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "hr_reminder", input = GetUrl)]
pub async fn load_reminder(id: i32) -> Result<ReminderDetail, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::hr::reminders::reports::detail(&s.db, &actor, id)
        .await
        .map_err(fail)
}

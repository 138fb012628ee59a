//! Writing a reminder: the people list's filter (the same scope as the list itself), the text
//! checked and filled per person, and one queued row per person with an address. The same
//! form sent twice (its one-time key) makes one reminder; a person appears once per reminder.
use chrono::NaiveDate;
use domain::hr::{PeopleQuery, PersonStatus};
use domain::reminders::{
    DeliveryState, ReminderDraft, ReminderPreview, SampleMessage, Unreachable,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use super::template::{self, Values};
use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, require};
use crate::entity::{mail_unsubscribe, reminder, reminder_recipient};
use crate::hr::people::{Contact, PeopleFilter, contacts};
use crate::{Error, Result, now};

/// The longest subject, in characters.
pub const SUBJECT_MAX: usize = 200;
/// The longest body, in characters.
pub const BODY_MAX: usize = 10_000;
/// The longest course title, in characters.
pub const COURSE_MAX: usize = 200;

/// Reminders are written by the admins (national or of a province) and HR officers, in person
/// (never by an API token).
pub(crate) fn require_writer(actor: &Actor) -> Result<()> {
    require(actor.token.is_none() && actor.reads_records())
}

/// A draft checked: its list, its text and when to send.
pub(crate) struct Checked {
    pub filter: PeopleFilter,
    pub unit: Option<crate::entity::unit::Model>,
    pub status: PersonStatus,
    pub course: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub send_at: i64,
}

/// Checks everything a draft says against the actor's scope (as the people list does).
pub(crate) async fn check(
    db: &impl ConnectionTrait,
    actor: &Actor,
    d: &ReminderDraft,
) -> Result<Checked> {
    require_writer(actor)?;
    let status = PersonStatus::parse(&d.status)
        .filter(|s| matches!(s, PersonStatus::NotTrained | PersonStatus::NotMastered))
        .ok_or_else(|| Error::invalid("status", "reminder_status_required"))?;
    let query = PeopleQuery {
        unit: d.unit.clone(),
        as_of: d.as_of.clone(),
        status: status.as_str().to_owned(),
        indicator: d.indicator.clone(),
        ..PeopleQuery::default()
    };
    let (filter, unit) = crate::hr::dashboard::people_filter(db, actor, &query).await?;
    if !d.indicator.trim().is_empty() && filter.indicator.is_none() {
        return Err(Error::invalid("indicator", "invalid_input"));
    }
    let course = Some(d.course.trim().to_owned()).filter(|c| !c.is_empty());
    if course
        .as_ref()
        .is_some_and(|c| c.chars().count() > COURSE_MAX)
    {
        return Err(Error::invalid("course", "reminder_too_long"));
    }
    let deadline = match d.deadline.trim() {
        "" => None,
        text => Some(
            domain::dates::parse_day(text)
                .ok_or_else(|| Error::invalid("deadline", "reminder_bad_deadline"))?,
        ),
    };
    let send_at = match d.send_at.trim() {
        "" => now(),
        text => domain::dates::parse_local_minute(text)
            .ok_or_else(|| Error::invalid("send_at", "reminder_bad_send_at"))?
            .max(now()),
    };
    let checked = Checked {
        filter,
        unit,
        status,
        course,
        deadline,
        send_at,
    };
    check_text(d, &checked)?;
    Ok(checked)
}

fn check_text(d: &ReminderDraft, c: &Checked) -> Result<()> {
    for (field, text, max) in [
        ("subject", &d.subject, SUBJECT_MAX),
        ("body", &d.body, BODY_MAX),
    ] {
        if text.trim().is_empty() {
            return Err(Error::invalid(field, "reminder_text_required"));
        }
        if text.chars().count() > max {
            return Err(Error::invalid(field, "reminder_too_long"));
        }
    }
    if d.subject.contains(['\r', '\n']) {
        return Err(Error::invalid("subject", "reminder_bad_subject"));
    }
    let han = c.deadline.map(domain::dates::format_day);
    let sample = Values {
        ho_ten: "",
        don_vi: "",
        khoa_hoc: c.course.as_deref(),
        han: han.as_deref(),
    };
    template::check("subject", &d.subject, &sample)?;
    template::check("body", &d.body, &sample)
}

/// The subject and body filled for one person.
fn fill_for(d: &ReminderDraft, c: &Checked, who: &Contact) -> Result<(String, String)> {
    let han = c.deadline.map(domain::dates::format_day);
    let v = Values {
        ho_ten: &who.full_name,
        don_vi: &who.unit_name,
        khoa_hoc: c.course.as_deref(),
        han: han.as_deref(),
    };
    Ok((
        template::fill("subject", &d.subject, &v)?,
        template::fill("body", &d.body, &v)?,
    ))
}

/// The list split into who can be mailed and who cannot (no address, or unsubscribed).
async fn reach(
    db: &impl ConnectionTrait,
    filter: &PeopleFilter,
) -> Result<(Vec<(Contact, String)>, Vec<Unreachable>)> {
    let people = contacts(db, filter).await?;
    let addresses: Vec<String> = people.iter().filter_map(|p| p.email.clone()).collect();
    let blocked: Vec<String> = if addresses.is_empty() {
        Vec::new()
    } else {
        mail_unsubscribe::Entity::find()
            .filter(mail_unsubscribe::Column::Email.is_in(addresses))
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.email)
            .collect()
    };
    let (mut ok, mut not) = (Vec::new(), Vec::new());
    for p in people {
        match p.email.clone().map(|e| e.trim().to_lowercase()) {
            Some(email) if !blocked.contains(&email) => ok.push((p, email)),
            email => not.push(Unreachable {
                unsubscribed: email.is_some(),
                staff_code: p.staff_code,
                full_name: p.full_name,
                unit_name: p.unit_name,
                phone: p.phone,
            }),
        }
    }
    Ok((ok, not))
}

/// What the compose page shows: who is reached, who is not, and the message of one person
/// (`staff_code`, else the first reached) when the text is given. Nothing is written.
pub async fn preview(
    db: &impl ConnectionTrait,
    actor: &Actor,
    d: &ReminderDraft,
    staff_code: &str,
    smtp_configured: bool,
) -> Result<ReminderPreview> {
    let with_text = !d.subject.trim().is_empty() || !d.body.trim().is_empty();
    let checked = if with_text {
        check(db, actor, d).await?
    } else {
        check(
            db,
            actor,
            &ReminderDraft {
                subject: "-".into(),
                body: "-".into(),
                ..d.clone()
            },
        )
        .await?
    };
    let (reached, unreachable) = reach(db, &checked.filter).await?;
    let code = staff_code.trim();
    let chosen = if code.is_empty() {
        reached.first()
    } else {
        // Only someone the list itself selects: no other person is named.
        Some(
            reached
                .iter()
                .find(|(p, _)| p.staff_code == code)
                .ok_or(Error::NotFound)?,
        )
    };
    let sample = match chosen.filter(|_| with_text) {
        Some((who, _)) => {
            let (subject, body) = fill_for(d, &checked, who)?;
            Some(SampleMessage {
                full_name: who.full_name.clone(),
                subject,
                body,
            })
        }
        None => None,
    };
    Ok(ReminderPreview {
        smtp_configured,
        key: uuid::Uuid::new_v4().simple().to_string(),
        reachable: reached.len() as u64,
        unreachable,
        sample,
    })
}

/// Writes the reminder and queues one message per person reached; the same form key again
/// answers the reminder it made. Refused when no SMTP server is configured.
pub async fn create(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    d: &ReminderDraft,
    smtp_configured: bool,
) -> Result<i32> {
    require_writer(actor)?;
    if !smtp_configured {
        return Err(Error::Conflict("smtp_not_configured"));
    }
    let key = d.key.trim();
    if key.is_empty() || key.len() > 64 {
        return Err(Error::invalid("key", "invalid_input"));
    }
    // Each actor's keys are their own: another's key never names their reminder.
    let key = &format!("{}:{key}", actor.id());
    if let Some(id) = made_with(db, key).await? {
        return Ok(id);
    }
    let checked = check(db, actor, d).await?;
    let (reached, unreachable) = reach(db, &checked.filter).await?;
    let txn = db.begin().await?;
    let id = match insert_reminder(&txn, actor, key, d, &checked).await {
        Ok(id) => id,
        // The same key sent at the same moment: the other request made it.
        Err(e) => {
            drop(txn);
            return made_with(db, key).await?.ok_or(e);
        }
    };
    for (who, email) in &reached {
        let (subject, body) = fill_for(d, &checked, who)?;
        queue_one(
            &txn,
            id,
            who.person_id,
            email,
            subject,
            body,
            checked.send_at,
        )
        .await?;
    }
    audit_created(&txn, actor, id, &checked, reached.len(), unreachable.len()).await?;
    txn.commit().await?;
    Ok(id)
}

/// The reminder already made with this (actor's) form key.
async fn made_with(db: &impl ConnectionTrait, key: &str) -> Result<Option<i32>> {
    Ok(reminder::Entity::find()
        .filter(reminder::Column::RequestKey.eq(key))
        .one(db)
        .await?
        .map(|r| r.id))
}

async fn insert_reminder(
    db: &impl ConnectionTrait,
    actor: &Actor,
    key: &str,
    d: &ReminderDraft,
    c: &Checked,
) -> Result<i32> {
    let row = reminder::ActiveModel {
        request_key: Set(key.to_owned()),
        created_by: Set(actor.id()),
        unit_id: Set(c.unit.as_ref().map(|u| u.id)),
        indicator: Set(c
            .filter
            .indicator
            .map(|i| i.as_str().to_owned())
            .unwrap_or_default()),
        status: Set(c.status.as_str().to_owned()),
        as_of: Set(c.filter.as_of),
        course_title: Set(c.course.clone()),
        deadline: Set(c.deadline),
        subject: Set(d.subject.clone()),
        body: Set(d.body.clone()),
        send_at: Set(c.send_at),
        created_at: Set(now()),
        finished_at: Set(None),
        province_id: Set(c.unit.as_ref().map(|u| u.province_id).or(actor.province())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

async fn queue_one(
    db: &impl ConnectionTrait,
    reminder_id: i32,
    person_id: i32,
    email: &str,
    subject: String,
    body: String,
    send_at: i64,
) -> Result<()> {
    reminder_recipient::ActiveModel {
        reminder_id: Set(reminder_id),
        person_id: Set(person_id),
        email: Set(email.to_owned()),
        subject: Set(subject),
        body: Set(body),
        state: Set(DeliveryState::Queued.as_str().to_owned()),
        attempts: Set(0),
        next_try_at: Set(send_at),
        claimed_at: Set(None),
        sent_at: Set(None),
        reply: Set(None),
        unsubscribe_token: Set(crate::access::sessions::new_token()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The audit entry: the list and how many it reaches, never an address or a name.
async fn audit_created(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    c: &Checked,
    reached: usize,
    unreachable: usize,
) -> Result<()> {
    audit::record(
        db,
        Change {
            actor: actor.who(),
            action: "reminder_create",
            object_kind: "reminder",
            object_id: id.to_string(),
            before: None,
            after: Some(serde_json::json!({
                "unit": c.unit.as_ref().map(|u| u.code.clone()),
                "status": c.status.as_str(),
                "indicator": c.filter.indicator.map(|i| i.as_str()),
                "as_of": c.filter.as_of.to_string(),
                "send_at": c.send_at,
                "queued": reached,
                "without_email": unreachable,
            })),
        },
    )
    .await
}

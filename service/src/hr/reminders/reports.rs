//! What an officer reads back: their reminders, each with its recipients' states. A reminder
//! is its writer's, its province admin's and the national admin's: anyone else's id is "not
//! found".
use domain::reminders::{DeliveryState, RecipientState, ReminderDetail, ReminderSummary};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::queue::require_writer;
use crate::access::authz::{Actor, AdminScope, admin_scope};
use crate::entity::{person, reminder, reminder_recipient, unit};
use crate::{Error, Result};

/// The reminders an actor reads: every one (the national admin), the province's (its admin),
/// their own (everyone).
fn readable_by(actor: &Actor) -> Condition {
    let own = Condition::any().add(reminder::Column::CreatedBy.eq(actor.id()));
    match admin_scope(actor) {
        Some(AdminScope::Nation) => Condition::all(),
        Some(AdminScope::Province(p)) => own.add(reminder::Column::ProvinceId.eq(p)),
        None => own,
    }
}

/// The actor's reminders, newest first (every reminder the actor reads).
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<ReminderSummary>> {
    require_writer(actor)?;
    let rows = reminder::Entity::find()
        .filter(readable_by(actor))
        .order_by_desc(reminder::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let states = states_of(db, r.id).await?;
        out.push(summary(db, &r, &states).await?);
    }
    Ok(out)
}

/// One of the actor's reminders with every recipient, by unit then name.
pub async fn detail(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<ReminderDetail> {
    require_writer(actor)?;
    let r = reminder::Entity::find_by_id(id)
        .filter(readable_by(actor))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let rows = reminder_recipient::Entity::find()
        .filter(reminder_recipient::Column::ReminderId.eq(id))
        .order_by_asc(reminder_recipient::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|x| x.person_id).collect();
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let states: Vec<String> = rows.iter().map(|x| x.state.clone()).collect();
    let recipients = rows
        .into_iter()
        .map(|x| {
            let p = people.iter().find(|p| p.id == x.person_id);
            RecipientState {
                staff_code: p.map(|p| p.staff_code.clone()).unwrap_or_default(),
                full_name: p.map(|p| p.full_name.clone()).unwrap_or_default(),
                email: x.email,
                state: DeliveryState::parse(&x.state).unwrap_or(DeliveryState::Queued),
                attempts: x.attempts,
                reply: x.reply,
                sent_at: x.sent_at.map(domain::dates::format_local),
            }
        })
        .collect();
    Ok(ReminderDetail {
        summary: summary(db, &r, &states).await?,
        recipients,
    })
}

async fn states_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<String>> {
    use sea_orm::QuerySelect;
    Ok(reminder_recipient::Entity::find()
        .select_only()
        .column(reminder_recipient::Column::State)
        .filter(reminder_recipient::Column::ReminderId.eq(id))
        .into_tuple::<String>()
        .all(db)
        .await?)
}

async fn summary(
    db: &impl ConnectionTrait,
    r: &reminder::Model,
    states: &[String],
) -> Result<ReminderSummary> {
    let n = |s: &[DeliveryState]| {
        states
            .iter()
            .filter(|x| s.iter().any(|s| s.as_str() == x.as_str()))
            .count() as u64
    };
    let unit_name = match r.unit_id {
        Some(id) => unit::Entity::find_by_id(id).one(db).await?.map(|u| u.name),
        None => None,
    };
    Ok(ReminderSummary {
        id: r.id,
        subject: r.subject.clone(),
        send_at: domain::dates::format_local(r.send_at),
        created_at: domain::dates::format_local(r.created_at),
        unit_name,
        queued: n(&[DeliveryState::Queued, DeliveryState::Sending]),
        sent: n(&[DeliveryState::Sent]),
        failed: n(&[DeliveryState::Failed]),
        skipped: n(&[DeliveryState::Skipped]),
    })
}

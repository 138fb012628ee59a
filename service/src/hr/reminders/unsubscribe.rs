//! The one-click unsubscribe link of every message (RFC 8058): its token names one queued
//! message; using it puts the message's address on the list never mailed again, and settles
//! that address's messages still waiting as skipped. Anyone holding the link may use it (that
//! is the point of one click); a wrong token is "not found". A message's token is kept as it is
//! only until the message is settled (sent, failed, skipped): then its [`sealed`] SHA-256 is kept
//! alone, so the database holds no working link to a mailbox's message.
use domain::reminders::DeliveryState;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::access::audit::{self, Change, Who};
use crate::entity::{mail_unsubscribe, reminder_recipient};
use crate::{Error, Result, now};

/// The longest token accepted (ours are 43 characters).
const TOKEN_MAX: usize = 64;

/// Whether the token is a message's link (what the confirmation page shows).
pub async fn is_known(db: &impl ConnectionTrait, token: &str) -> Result<bool> {
    Ok(find(db, token).await.is_ok())
}

async fn find(db: &impl ConnectionTrait, token: &str) -> Result<reminder_recipient::Model> {
    if token.is_empty() || token.len() > TOKEN_MAX {
        return Err(Error::NotFound);
    }
    use sea_orm::Condition;
    let column = reminder_recipient::Column::UnsubscribeToken;
    reminder_recipient::Entity::find()
        .filter(
            Condition::any()
                .add(column.eq(token))
                .add(column.eq(sealed(token))),
        )
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// How a settled message's token is kept: its SHA-256, marked so that no raw token (URL-safe
/// base64, no colon) can be mistaken for it.
pub(crate) fn sealed(token: &str) -> String {
    format!("h:{}", crate::access::sessions::token_hash(token))
}

/// Unsubscribes the message's address (again: nothing more happens).
pub async fn unsubscribe(db: &sea_orm::DatabaseConnection, token: &str) -> Result<()> {
    let row = find(db, token).await?;
    let txn = db.begin().await?;
    let added = mail_unsubscribe::Entity::insert(mail_unsubscribe::ActiveModel {
        email: Set(row.email.clone()),
        created_at: Set(now()),
    })
    .on_conflict(
        OnConflict::column(mail_unsubscribe::Column::Email)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    reminder_recipient::Entity::update_many()
        .col_expr(
            reminder_recipient::Column::State,
            DeliveryState::Skipped.as_str().into(),
        )
        .filter(reminder_recipient::Column::Email.eq(row.email.clone()))
        .filter(reminder_recipient::Column::State.eq(DeliveryState::Queued.as_str()))
        .exec(&txn)
        .await?;
    if added > 0 {
        // The message names who: the address itself stays out of the log.
        audit::record(
            &txn,
            Change {
                actor: Who::default(),
                action: "reminder_unsubscribe",
                object_kind: "reminder_recipient",
                object_id: row.id.to_string(),
                before: None,
                after: Some(serde_json::json!({ "reminder": row.reminder_id })),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether an address asked never to be mailed again.
pub(crate) async fn is_unsubscribed(db: &impl ConnectionTrait, email: &str) -> Result<bool> {
    Ok(mail_unsubscribe::Entity::find_by_id(email.to_owned())
        .one(db)
        .await?
        .is_some())
}

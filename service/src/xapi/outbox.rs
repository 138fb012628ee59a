//! The outbox of xAPI statements: written in the transaction that records what a statement
//! tells (so a crash loses neither or both), read and updated by [`super::sender`], summed up
//! for the admin.
use domain::xapi::{FailedStatement, OutboxSummary};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::Recorder;
use super::statement::{self, Event};
use crate::access::authz::Actor;
use crate::entity::xapi_outbox;
use crate::{Error, Result, now};

pub const WAITING: &str = "waiting";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

/// Queues the statement telling `event` of `user_id` at `at`, in the caller's transaction;
/// nothing when no LRS is configured, and nothing new when the event was told already.
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    user_id: i32,
    event: &Event<'_>,
    at: i64,
) -> Result<()> {
    let Some(site) = xapi.site() else {
        return Ok(());
    };
    let built = statement::build(site, user_id, event, at);
    let row = xapi_outbox::ActiveModel {
        statement_id: Set(built.id),
        user_id: Set(user_id),
        statement: Set(built.json.to_string()),
        state: Set(WAITING.to_owned()),
        attempts: Set(0),
        next_try_at: Set(now()),
        last_error: Set(None),
        created_at: Set(now()),
        sent_at: Set(None),
        ..Default::default()
    };
    xapi_outbox::Entity::insert(row)
        .on_conflict(
            OnConflict::column(xapi_outbox::Column::StatementId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The most failed statements the summary lists.
const FAILED_LISTED: u64 = 100;

/// What is waiting, sent and failed, for an admin.
pub async fn summary(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    actor: &Actor,
) -> Result<OutboxSummary> {
    require_admin(actor)?;
    let count = |state: &'static str| {
        xapi_outbox::Entity::find()
            .filter(xapi_outbox::Column::State.eq(state))
            .count(db)
    };
    let oldest = xapi_outbox::Entity::find()
        .filter(xapi_outbox::Column::State.eq(WAITING))
        .order_by_asc(xapi_outbox::Column::Id)
        .one(db)
        .await?;
    let failed = xapi_outbox::Entity::find()
        .filter(xapi_outbox::Column::State.eq(FAILED))
        .order_by_asc(xapi_outbox::Column::Id)
        .limit(FAILED_LISTED)
        .all(db)
        .await?;
    Ok(OutboxSummary {
        lrs_configured: xapi.site().is_some(),
        waiting: count(WAITING).await?,
        sent: count(SENT).await?,
        failed: count(FAILED).await?,
        oldest_waiting_at: oldest.as_ref().map(|r| r.created_at),
        oldest_waiting_attempts: oldest.map(|r| r.attempts),
        failed_statements: failed.into_iter().map(failed_of).collect(),
    })
}

fn failed_of(row: xapi_outbox::Model) -> FailedStatement {
    let verb = serde_json::from_str::<serde_json::Value>(&row.statement)
        .ok()
        .and_then(|s| s["verb"]["display"]["en-US"].as_str().map(str::to_owned))
        .unwrap_or_default();
    FailedStatement {
        statement_id: row.statement_id,
        verb,
        attempts: row.attempts,
        reason: row.last_error.unwrap_or_default(),
        created_at: row.created_at,
    }
}

/// Puts every failed statement back in the queue, to be sent at once; returns how many.
pub async fn retry_failed(db: &impl ConnectionTrait, actor: &Actor) -> Result<u64> {
    require_admin(actor)?;
    let res = xapi_outbox::Entity::update_many()
        .col_expr(xapi_outbox::Column::State, Expr::value(WAITING))
        .col_expr(xapi_outbox::Column::NextTryAt, Expr::value(now()))
        .filter(xapi_outbox::Column::State.eq(FAILED))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

fn require_admin(actor: &Actor) -> Result<()> {
    if actor.is_admin() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

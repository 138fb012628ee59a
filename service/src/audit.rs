//! The audit log: who changed what, when, with the values before and after.
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};
use serde::Serialize;

use crate::entity::audit;
use crate::{Result, now};

/// Who made a change: a person's account, an API token (for the province's reporting
/// systems), or nobody (the system itself). Take it from the actor: `actor.who()`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Who {
    pub user: Option<i32>,
    pub token: Option<i32>,
}

impl Who {
    pub fn user(id: i32) -> Who {
        Who { user: Some(id), token: None }
    }

    pub fn token(id: i32) -> Who {
        Who { user: None, token: Some(id) }
    }
}

/// One change; `before` and `after` are JSON and never hold secrets such as password hashes.
pub struct Change<'a> {
    pub actor: Who,
    pub action: &'a str,
    pub object_kind: &'a str,
    pub object_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub async fn record(db: &impl ConnectionTrait, change: Change<'_>) -> Result<()> {
    row(change, now()).insert(db).await?;
    Ok(())
}

/// Several changes in one statement, as imports make thousands; keep each call to a few
/// hundred changes so the statement stays under every engine's limit on bound values.
pub async fn record_many(db: &impl ConnectionTrait, changes: Vec<Change<'_>>) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let at = now();
    audit::Entity::insert_many(changes.into_iter().map(|c| row(c, at))).exec_without_returning(db).await?;
    Ok(())
}

fn row(change: Change<'_>, at: i64) -> audit::ActiveModel {
    audit::ActiveModel {
        actor_user_id: Set(change.actor.user),
        token_id: Set(change.actor.token),
        at: Set(at),
        action: Set(change.action.to_owned()),
        object_kind: Set(change.object_kind.to_owned()),
        object_id: Set(change.object_id),
        before: Set(change.before.map(|v| v.to_string())),
        after: Set(change.after.map(|v| v.to_string())),
        ..Default::default()
    }
}

pub fn json(value: impl Serialize) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// The newest entries first, for the admin's audit page.
pub async fn latest(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<audit::Model>> {
    Ok(audit::Entity::find()
        .order_by_desc(audit::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

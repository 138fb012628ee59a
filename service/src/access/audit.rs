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
    /// The province the change is made in, whose admin reads it (`None`: the national admin's).
    pub province: Option<i32>,
}

impl Who {
    pub fn user(id: i32) -> Who {
        Who {
            user: Some(id),
            ..Who::default()
        }
    }

    pub fn token(id: i32) -> Who {
        Who {
            token: Some(id),
            ..Who::default()
        }
    }

    /// The same actor, acting in `province`.
    pub fn in_province(self, province: Option<i32>) -> Who {
        Who { province, ..self }
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

/// The values one change binds: actor, token, province, time, action, object kind and id,
/// before, after.
const VALUES_PER_CHANGE: usize = 9;
/// Changes per statement, under SQLite's limit of 32,766 bound values.
const PER_STATEMENT: usize = 32_000 / VALUES_PER_CHANGE;

/// Many changes in few statements, as imports make thousands.
pub(crate) async fn record_many(db: &impl ConnectionTrait, changes: Vec<Change<'_>>) -> Result<()> {
    let at = now();
    let mut rows: Vec<audit::ActiveModel> = changes.into_iter().map(|c| row(c, at)).collect();
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(PER_STATEMENT));
        let batch = std::mem::replace(&mut rows, rest);
        audit::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

fn row(change: Change<'_>, at: i64) -> audit::ActiveModel {
    audit::ActiveModel {
        actor_user_id: Set(change.actor.user),
        token_id: Set(change.actor.token),
        province_id: Set(change.actor.province),
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

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ActiveModelTrait, Iterable};

    /// A batch of changes stays under SQLite's bound values only if each binds no more than
    /// counted (a new column once made every large import fail).
    #[test]
    fn a_change_binds_no_more_values_than_counted() {
        let change = Change {
            actor: Who::user(1).in_province(Some(2)),
            action: "grant_role",
            object_kind: "user",
            object_id: "3".into(),
            before: json(1),
            after: json(2),
        };
        let row = row(change, 0);
        let bound = audit::Column::iter()
            .filter(|c| row.get(*c).is_set())
            .count();
        assert_eq!(bound, VALUES_PER_CHANGE);
        assert!(PER_STATEMENT * VALUES_PER_CHANGE <= 32_766);
    }
}

//! The admin's work on accounts: listing users, granting and taking back roles, disabling.
use domain::{Role, UserRow};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::access::authz::{Actor, can_manage_users, load_actor, require};
use crate::entity::{user, user_role};
use crate::{Error, Result, access::audit, access::sessions, hr::units, now};

/// Users whose name or login contains `query`, newest first, at most `limit`.
pub async fn list_users(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &str,
    limit: u64,
) -> Result<Vec<UserRow>> {
    require(can_manage_users(actor))?;
    let mut select = user::Entity::find()
        .order_by_desc(user::Column::Id)
        .limit(limit);
    let q = query.trim().to_lowercase();
    if !q.is_empty() {
        select = select.filter(
            user::Column::Login
                .contains(&q)
                .or(user::Column::FullName.contains(query.trim())),
        );
    }
    let mut rows = Vec::new();
    for u in select.all(db).await? {
        let full = load_actor(db, u).await?;
        rows.push(UserRow {
            id: i64::from(full.user.id),
            login: full.user.login.clone(),
            full_name: full.user.full_name.clone(),
            disabled: full.user.disabled,
            roles: full.me().roles,
        });
    }
    Ok(rows)
}

/// Grants a role (idempotent). hr and facilitator need a unit; the others must not have one.
pub async fn grant_role(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<()> {
    require(can_manage_users(actor))?;
    existing_user(db, user_id).await?;
    let txn = db.begin().await?;
    if ensure_role(&txn, user_id, role, unit_code).await? {
        audit_role(&txn, actor, "grant_role", user_id, role, unit_code).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Takes a role back; an admin cannot take their own admin role (someone must stay admin).
pub async fn revoke_role(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<()> {
    require(can_manage_users(actor))?;
    if role == Role::Admin && user_id == actor.id() {
        return Err(Error::Conflict("cannot_revoke_own_admin"));
    }
    let unit_id = unit_id_for(db, role, unit_code).await?;
    let txn = db.begin().await?;
    if drop_role(&txn, user_id, role, unit_id).await? {
        audit_role(&txn, actor, "revoke_role", user_id, role, unit_code).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Takes the role away if held (for that unit, or without one); true when it was held.
/// The counterpart of [`ensure_role`].
pub(crate) async fn drop_role(
    db: &impl ConnectionTrait,
    user_id: i32,
    role: Role,
    unit_id: Option<i32>,
) -> Result<bool> {
    let del = user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(role.as_str()));
    let del = match unit_id {
        Some(id) => del.filter(user_role::Column::UnitId.eq(id)),
        None => del.filter(user_role::Column::UnitId.is_null()),
    };
    Ok(del.exec(db).await?.rows_affected > 0)
}

/// Disables or enables an account; disabling ends its sessions at once.
pub async fn set_disabled(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    user_id: i32,
    disabled: bool,
) -> Result<()> {
    require(can_manage_users(actor))?;
    if user_id == actor.id() && disabled {
        return Err(Error::Conflict("cannot_disable_self"));
    }
    let u = existing_user(db, user_id).await?;
    let before = u.disabled;
    let txn = db.begin().await?;
    let mut active: user::ActiveModel = u.into();
    active.disabled = Set(disabled);
    active.update(&txn).await?;
    if disabled {
        sessions::end_all_for(&txn, user_id).await?;
    }
    audit::record(
        &txn,
        audit::Change {
            actor: actor.who(),
            action: if disabled {
                "disable_account"
            } else {
                "enable_account"
            },
            object_kind: "user",
            object_id: user_id.to_string(),
            before: audit::json(serde_json::json!({"disabled": before})),
            after: audit::json(serde_json::json!({"disabled": disabled})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn existing_user(db: &impl ConnectionTrait, user_id: i32) -> Result<user::Model> {
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

async fn unit_id_for(
    db: &impl ConnectionTrait,
    role: Role,
    unit_code: Option<&str>,
) -> Result<Option<i32>> {
    if role.needs_province() {
        // Granted with its province, by the national admin on the provinces page.
        return Err(Error::invalid("role", "province_required"));
    }
    match (
        role.needs_unit(),
        unit_code.filter(|c| !c.trim().is_empty()),
    ) {
        (true, None) => Err(Error::invalid("unit", "unit_required")),
        (false, Some(_)) => Err(Error::invalid("unit", "unit_not_allowed")),
        (false, None) => Ok(None),
        (true, Some(code)) => {
            let unit = units::find_by_code(db, None, code.trim())
                .await?
                .ok_or_else(|| Error::invalid("unit", "unknown_unit"))?;
            Ok(Some(unit.id))
        }
    }
}

/// Adds the role unless held already; true when it was added.
pub(crate) async fn ensure_role(
    db: &impl ConnectionTrait,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<bool> {
    let unit_id = unit_id_for(db, role, unit_code).await?;
    let mut find = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.eq(role.as_str()));
    find = match unit_id {
        Some(id) => find.filter(user_role::Column::UnitId.eq(id)),
        None => find.filter(user_role::Column::UnitId.is_null()),
    };
    if find.one(db).await?.is_some() {
        return Ok(false);
    }
    user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(role.as_str().to_owned()),
        unit_id: Set(unit_id),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(true)
}

async fn audit_role(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<()> {
    audit::record(
        db,
        audit::Change {
            actor: actor.who(),
            action,
            object_kind: "user",
            object_id: user_id.to_string(),
            before: None,
            after: audit::json(serde_json::json!({"role": role.as_str(), "unit": unit_code})),
        },
    )
    .await
}

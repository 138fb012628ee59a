//! The admin's work on accounts: listing users, granting and taking back roles, disabling. The
//! national admin's over every account, a province admin's over the province's.
use domain::{Role, UserRow};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::access::authz::{
    Actor, AdminScope, accounts_of, can_manage_users, load_actor, load_actors, require,
};
use crate::entity::{person, unit, user, user_role};
use crate::{Error, Result, access::audit, access::sessions, hr::units, now};

/// Users whose name or login contains `query`, newest first, at most `limit`: every account
/// for the national admin, the province's accounts ([`accounts_of`]) for a province admin.
pub async fn list_users(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &str,
    limit: u64,
) -> Result<Vec<UserRow>> {
    let scope = can_manage_users(actor)?;
    let mut select = user::Entity::find()
        .order_by_desc(user::Column::Id)
        .limit(limit);
    if let AdminScope::Province(p) = scope {
        select = select.filter(accounts_of(p));
    }
    let q = query.trim().to_lowercase();
    if !q.is_empty() {
        select = select.filter(
            user::Column::Login
                .contains(&q)
                .or(user::Column::FullName.contains(query.trim())),
        );
    }
    let users = load_actors(db, select.all(db).await?).await?;
    Ok(users
        .into_iter()
        .map(|full| UserRow {
            id: i64::from(full.user.id),
            login: full.user.login.clone(),
            full_name: full.user.full_name.clone(),
            disabled: full.user.disabled,
            roles: full.me().roles,
        })
        .collect())
}

/// Grants a role (idempotent). hr and facilitator need a unit; the others must not have one.
/// A province admin grants the unit roles, for the province's units, to its accounts.
pub async fn grant_role(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<()> {
    let unit_id = checked_role(db, actor, user_id, role, unit_code).await?;
    let txn = db.begin().await?;
    if ensure_role_for(&txn, user_id, role, unit_id).await? {
        audit_role(&txn, actor, "grant_role", user_id, role, unit_code).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Takes a role back, under the rules of [`grant_role`]; an admin cannot take their own admin
/// role (someone must stay admin).
pub async fn revoke_role(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<()> {
    if role == Role::Admin && user_id == actor.id() {
        return Err(Error::Conflict("cannot_revoke_own_admin"));
    }
    let unit_id = checked_role(db, actor, user_id, role, unit_code).await?;
    let txn = db.begin().await?;
    if drop_role(&txn, user_id, role, unit_id).await? {
        audit_role(&txn, actor, "revoke_role", user_id, role, unit_code).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The unit of a role the actor may grant or take back from this account: an account out of
/// reach is not found; a province admin handles the learner's role and the roles held for a
/// unit, no national role (admin, author).
async fn checked_role(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<Option<i32>> {
    let scope = can_manage_users(actor)?;
    existing_user(db, scope, user_id).await?;
    require(scope == AdminScope::Nation || role.province_grantable())?;
    unit_id_for(db, province_of(scope), role, unit_code).await
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

/// Disables or enables an account; disabling ends its sessions at once. A province admin may
/// only for an account of the province whose every role is for one of its units.
pub async fn set_disabled(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    user_id: i32,
    disabled: bool,
) -> Result<()> {
    let scope = can_manage_users(actor)?;
    if user_id == actor.id() && disabled {
        return Err(Error::Conflict("cannot_disable_self"));
    }
    let u = existing_user(db, scope, user_id).await?;
    if let AdminScope::Province(p) = scope {
        require(wholly_in(db, &u, p).await?)?;
    }
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

/// Whether the account is the province's alone: every role for one of its units (an admin of
/// any level, or an author, is out of a province admin's hands), its home commune, if any, and
/// every roster member linked to it in the province.
async fn wholly_in(
    db: &impl ConnectionTrait,
    account: &user::Model,
    province: i32,
) -> Result<bool> {
    let roles_in = load_actor(db, account.clone())
        .await?
        .grants
        .iter()
        .all(|g| g.role.needs_unit() && g.unit.as_ref().is_some_and(|u| u.province_id == province));
    let home_in = match account.home_unit_id {
        Some(id) => unit::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|u| u.province_id == province),
        None => true,
    };
    let linked_elsewhere = person::Entity::find()
        .filter(person::Column::UserId.eq(account.id))
        .filter(person::Column::ProvinceId.ne(province))
        .one(db)
        .await?
        .is_some();
    Ok(roles_in && home_in && !linked_elsewhere)
}

/// The account, if the admin reaches it: `NotFound` otherwise, as for an id that is no one's.
async fn existing_user(
    db: &impl ConnectionTrait,
    scope: AdminScope,
    user_id: i32,
) -> Result<user::Model> {
    let mut find = user::Entity::find_by_id(user_id);
    if let AdminScope::Province(p) = scope {
        find = find.filter(accounts_of(p));
    }
    find.one(db).await?.ok_or(Error::NotFound)
}

fn province_of(scope: AdminScope) -> Option<i32> {
    match scope {
        AdminScope::Nation => None,
        AdminScope::Province(p) => Some(p),
    }
}

/// The unit a role is held for, looked up in `province` (every province for `None`).
async fn unit_id_for(
    db: &impl ConnectionTrait,
    province: Option<i32>,
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
            let unit = units::find_by_code(db, province, code.trim())
                .await?
                .ok_or_else(|| Error::invalid("unit", "unknown_unit"))?;
            Ok(Some(unit.id))
        }
    }
}

/// Adds the role unless held already; true when it was added. The unit is named by its code,
/// in any province (the server's command line and the demo).
pub(crate) async fn ensure_role(
    db: &impl ConnectionTrait,
    user_id: i32,
    role: Role,
    unit_code: Option<&str>,
) -> Result<bool> {
    let unit_id = unit_id_for(db, None, role, unit_code).await?;
    ensure_role_for(db, user_id, role, unit_id).await
}

/// Adds the role for this unit (or none) unless held already; true when it was added.
pub(crate) async fn ensure_role_for(
    db: &impl ConnectionTrait,
    user_id: i32,
    role: Role,
    unit_id: Option<i32>,
) -> Result<bool> {
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

//! Provinces, the tenants of one deployment: the national admin creates them and names their
//! admins; everything a province holds hangs below its root path (`/p{id}/`).
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::access::audit;
use crate::access::authz::{Actor, require};
use crate::entity::{province, user, user_role};
use crate::{Error, Result, now};

/// The longest province code and name accepted.
const CODE_MAX: usize = 20;
const NAME_MAX: usize = 200;

/// The province a database made before provinces moved into (migration m0025).
pub const FIRST: i32 = 1;

/// The path prefix every unit of the province starts with.
pub fn root_path(province_id: i32) -> String {
    format!("/p{province_id}/")
}

/// The provinces an admin reaches: every one for the national admin, their own for a province
/// admin (or a token).
pub async fn reachable(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<province::Model>> {
    require(actor.sees_whole_province())?;
    let all = list(db).await?;
    Ok(match actor.province() {
        Some(own) => all.into_iter().filter(|p| p.id == own).collect(),
        None => all,
    })
}

/// Every province, by name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<province::Model>> {
    Ok(province::Entity::find()
        .order_by_asc(province::Column::Name)
        .all(db)
        .await?)
}

pub async fn find_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<province::Model>> {
    Ok(province::Entity::find()
        .filter(province::Column::Code.eq(code.trim().to_uppercase()))
        .one(db)
        .await?)
}

/// The province an action acts on: the one it names (which the actor must reach), else the
/// actor's own, else the only one. The national admin of a deployment with several provinces
/// must name one.
pub async fn acting(db: &impl ConnectionTrait, actor: &Actor, named: Option<&str>) -> Result<i32> {
    let named = named.map(str::trim).filter(|c| !c.is_empty());
    if let Some(code) = named {
        let p = find_by_code(db, code)
            .await?
            .ok_or_else(|| Error::invalid("province", "unknown_province"))?;
        return match actor.province() {
            Some(own) if own != p.id => Err(Error::NotFound),
            _ => Ok(p.id),
        };
    }
    if let Some(own) = actor.province() {
        return Ok(own);
    }
    only(db).await
}

/// The province someone with no province of their own (a resident registering) names by its
/// code, else the only one: a deployment with several needs the name.
pub async fn named_or_only(db: &impl ConnectionTrait, named: &str) -> Result<i32> {
    let code = named.trim();
    if code.is_empty() {
        return only(db).await;
    }
    find_by_code(db, code)
        .await?
        .map(|p| p.id)
        .ok_or_else(|| Error::invalid("province", "unknown_province"))
}

/// The deployment's one province; `province_required` when there are several.
async fn only(db: &impl ConnectionTrait) -> Result<i32> {
    let all = province::Entity::find().limit(2).all(db).await?;
    match all.as_slice() {
        [only] => Ok(only.id),
        _ => Err(Error::invalid("province", "province_required")),
    }
}

/// Creating provinces and naming their admins is the national admin's alone.
fn require_national(actor: &Actor) -> Result<()> {
    require(actor.token.is_none() && actor.is_admin())
}

/// A new province; its code (upper-cased) must be new.
pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    code: &str,
    name: &str,
) -> Result<province::Model> {
    require_national(actor)?;
    let code = code.trim().to_uppercase();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if code.is_empty()
        || code.chars().count() > CODE_MAX
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::invalid("code", "invalid_province_code"));
    }
    if name.is_empty() || name.chars().count() > NAME_MAX {
        return Err(Error::invalid("name", "required"));
    }
    let txn = db.begin().await?;
    if find_by_code(&txn, &code).await?.is_some() {
        return Err(Error::invalid("code", "province_exists"));
    }
    let saved = province::ActiveModel {
        code: Set(code),
        name: Set(name),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Change {
            actor: actor.who(),
            action: "create_province",
            object_kind: "province",
            object_id: saved.id.to_string(),
            before: None,
            after: audit::json(serde_json::json!({"code": saved.code, "name": saved.name})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Makes the account with this login the admin of a province (by code); an account is the
/// admin of one province at most.
pub async fn grant_admin(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    login: &str,
    province_code: &str,
) -> Result<()> {
    require_national(actor)?;
    let txn = db.begin().await?;
    let p = find_by_code(&txn, province_code)
        .await?
        .ok_or_else(|| Error::invalid("province", "unknown_province"))?;
    let account = user::Entity::find()
        .filter(user::Column::Login.eq(login.trim()))
        .one(&txn)
        .await?
        .ok_or_else(|| Error::invalid("login", "unknown_account"))?;
    // One province per province admin: their reach is one root path.
    let held: Vec<Option<i32>> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(account.id))
        .filter(user_role::Column::Role.eq(domain::Role::ProvinceAdmin.as_str()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| r.province_id)
        .collect();
    if held.iter().any(|id| *id != Some(p.id)) {
        return Err(Error::Conflict("already_province_admin"));
    }
    if held.is_empty() {
        user_role::ActiveModel {
            user_id: Set(account.id),
            role: Set(domain::Role::ProvinceAdmin.as_str().to_owned()),
            province_id: Set(Some(p.id)),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit::record(
            &txn,
            audit::Change {
                actor: actor.who().in_province(Some(p.id)),
                action: "grant_role",
                object_kind: "user",
                object_id: account.id.to_string(),
                before: None,
                after: audit::json(
                    serde_json::json!({"role": "province_admin", "province": p.code}),
                ),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

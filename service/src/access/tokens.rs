//! API tokens for the province's reporting systems: issued by the admin for a unit (its
//! subtree) or the whole province, shown once, kept only as a SHA-256, revocable. A request
//! with a token acts as an hr officer of the token's unit, never as an admin.
use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use domain::token::{
    IssuedToken, TOKEN_DAYS, TOKEN_MAX_DAYS, TOKEN_NAME_MAX, TOKEN_PREFIX, TokenRow,
};
use domain::{Role, UnitRef};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, Grant, TokenActor, can_manage_tokens, require};
use crate::access::sessions::token_hash;
use crate::entity::{api_token, unit, user};
use crate::{Error, Result, access::sessions, hr::units, now};

/// `last_used_at` is written at most this often, to spare the database a write per request.
const TOUCH_EVERY_SECS: i64 = 60;
/// Characters of the token kept to tell tokens apart: the prefix and six more.
const HINT_CHARS: usize = TOKEN_PREFIX.len() + 6;

/// The prefix and 256 random bits, URL-safe.
pub(crate) fn new_token() -> String {
    format!("{TOKEN_PREFIX}{}", sessions::new_token())
}

fn hint(token: &str) -> String {
    token.chars().take(HINT_CHARS).collect()
}

/// Issues a token for a unit (by code), or for the province when `unit_code` is empty, that
/// ends with the day `expires_on` (`YYYY-MM-DD`; a year from today when empty); its value is in
/// the answer and nowhere else.
pub async fn issue(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    name: &str,
    unit_code: Option<&str>,
    expires_on: &str,
) -> Result<IssuedToken> {
    require(can_manage_tokens(actor))?;
    let name = valid_name(name)?;
    let expires_at = expiry(crate::today(), expires_on)?;
    let (province, unit) = token_scope(db, actor, unit_code).await?;
    let token = new_token();
    let txn = db.begin().await?;
    let saved = api_token::ActiveModel {
        name: Set(name),
        hint: Set(hint(&token)),
        token_hash: Set(token_hash(&token)),
        unit_id: Set(unit.as_ref().map(|u| u.id)),
        province_id: Set(Some(province)),
        created_by: Set(actor.id()),
        created_at: Set(now()),
        expires_at: Set(Some(expires_at)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        change(
            actor,
            "issue_token",
            &saved,
            None,
            Some(describe(&saved, unit.as_ref())),
        ),
    )
    .await?;
    txn.commit().await?;
    let row = to_row(saved, unit.as_ref(), &actor.user.login);
    Ok(IssuedToken { token, row })
}

/// A token's province and unit: the unit's, looked up in the actor's province (in every
/// province for the national admin: a code two hold is `ambiguous_unit`); without a unit, the
/// province the actor acts in ([`crate::province::acting`]).
async fn token_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unit_code: Option<&str>,
) -> Result<(i32, Option<unit::Model>)> {
    match unit_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => {
            let unit = units::find_by_code(db, actor.province(), code)
                .await?
                .ok_or_else(|| Error::invalid("unit", "unknown_unit"))?;
            Ok((unit.province_id, Some(unit)))
        }
        None => Ok((crate::province::acting(db, actor, None).await?, None)),
    }
}

/// Every unit by code, for the admin to choose a token's scope.
pub async fn unit_choices(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<UnitRef>> {
    require(can_manage_tokens(actor))?;
    let mut find = unit::Entity::find().order_by_asc(unit::Column::Code);
    if let Some(p) = actor.province() {
        find = find.filter(unit::Column::ProvinceId.eq(p));
    }
    Ok(find.all(db).await?.into_iter().map(units::to_ref).collect())
}

/// The last second of the expiry day: a year from `today` by default, else the day chosen,
/// which must be after today and at most [`TOKEN_MAX_DAYS`] away.
fn expiry(today: NaiveDate, chosen: &str) -> Result<i64> {
    let refused = || Error::invalid("expires_on", "invalid_expiry");
    let day = match chosen.trim() {
        "" => today + Days::new(TOKEN_DAYS as u64),
        text => domain::dates::parse_day(text).ok_or_else(refused)?,
    };
    let latest = today + Days::new(TOKEN_MAX_DAYS as u64);
    if day <= today || day > latest {
        return Err(refused());
    }
    Ok(domain::dates::day_end(day))
}

fn valid_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(Error::invalid("name", "required")),
        n if n > TOKEN_NAME_MAX => Err(Error::invalid("name", "too_long")),
        _ => Ok(name),
    }
}

/// Every token, newest first, revoked ones included (the audit log names them).
pub async fn list(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<TokenRow>> {
    require(can_manage_tokens(actor))?;
    let mut find = api_token::Entity::find().order_by_desc(api_token::Column::Id);
    if let Some(p) = actor.province() {
        find = find.filter(api_token::Column::ProvinceId.eq(p));
    }
    let tokens = find.all(db).await?;
    let units: HashMap<i32, unit::Model> = unit::Entity::find()
        .filter(unit::Column::Id.is_in(tokens.iter().filter_map(|t| t.unit_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let logins = logins_of(db, tokens.iter().map(|t| t.created_by).collect()).await?;
    Ok(tokens
        .into_iter()
        .map(|t| {
            let unit = t.unit_id.and_then(|id| units.get(&id));
            let by = logins.get(&t.created_by).cloned().unwrap_or_default();
            to_row(t, unit, &by)
        })
        .collect())
}

async fn logins_of(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<HashMap<i32, String>> {
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?;
    Ok(users.into_iter().map(|u| (u.id, u.login)).collect())
}

/// Revokes a token at once; revoking it again changes nothing.
pub async fn revoke(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
) -> Result<()> {
    require(can_manage_tokens(actor))?;
    let found = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|t| actor.province().is_none_or(|p| t.province_id == Some(p)))
        .ok_or(Error::NotFound)?;
    if found.revoked_at.is_some() {
        return Ok(());
    }
    let txn = db.begin().await?;
    let mut active: api_token::ActiveModel = found.clone().into();
    active.revoked_at = Set(Some(now()));
    let saved = active.update(&txn).await?;
    let before = serde_json::json!({"revoked_at": found.revoked_at});
    let after = serde_json::json!({"revoked_at": saved.revoked_at});
    audit::record(
        &txn,
        change(actor, "revoke_token", &saved, Some(before), Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What the audit log keeps of a token: never its value or hash.
fn describe(t: &api_token::Model, unit: Option<&unit::Model>) -> serde_json::Value {
    serde_json::json!({"name": t.name, "hint": t.hint, "unit": unit.map(|u| &u.code)})
}

fn change<'a>(
    actor: &Actor,
    action: &'a str,
    t: &api_token::Model,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Change<'a> {
    Change {
        actor: actor.who(),
        action,
        object_kind: "api_token",
        object_id: t.id.to_string(),
        before,
        after,
    }
}

fn to_row(t: api_token::Model, unit: Option<&unit::Model>, created_by: &str) -> TokenRow {
    TokenRow {
        id: i64::from(t.id),
        name: t.name,
        hint: t.hint,
        unit_code: unit.map(|u| u.code.clone()),
        unit_name: unit.map(|u| u.name.clone()),
        created_by: created_by.to_owned(),
        created_at: t.created_at,
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
        expired: t.expires_at.is_some_and(|e| now() > e),
        expires_at: t.expires_at,
    }
}

/// The actor for a bearer token; `None` when it is unknown, revoked or expired (or its unit is
/// gone).
pub async fn authenticate(db: &impl ConnectionTrait, token: &str) -> Result<Option<Actor>> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?;
    let at = now();
    let live =
        |t: &api_token::Model| t.revoked_at.is_none() && t.expires_at.is_none_or(|e| at <= e);
    let Some(t) = found.filter(live) else {
        return Ok(None);
    };
    let unit = match t.unit_id {
        Some(id) => match units::find_by_id(db, id).await? {
            Some(u) => Some(u),
            None => return Ok(None),
        },
        None => None,
    };
    let t = touch(db, t).await?;
    Ok(Some(token_actor(t, unit)))
}

async fn touch(db: &impl ConnectionTrait, t: api_token::Model) -> Result<api_token::Model> {
    let at = now();
    if t.last_used_at
        .is_some_and(|last| at - last < TOUCH_EVERY_SECS)
    {
        return Ok(t);
    }
    let mut active: api_token::ActiveModel = t.into();
    active.last_used_at = Set(Some(at));
    Ok(active.update(db).await?)
}

/// An hr officer of the token's unit (of the province without one), with no account.
fn token_actor(t: api_token::Model, unit: Option<unit::Model>) -> Actor {
    let stand_in = user::Model::named(0, &t.hint, &t.name, t.created_at);
    let grants = vec![Grant {
        role: Role::Hr,
        unit: unit.clone(),
        province: None,
    }];
    Actor {
        user: stand_in,
        grants,
        assisted_by: None,
        token: Some(TokenActor {
            id: t.id,
            name: t.name,
            province: unit
                .as_ref()
                .map(|u| u.province_id)
                .or(t.province_id)
                .unwrap_or(crate::province::FIRST),
            unit,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_the_prefix_and_256_bits() {
        let a = new_token();
        assert!(a.starts_with("hvs_"));
        assert_eq!(a.len(), 4 + 43);
        assert_ne!(a, new_token());
        assert_eq!(hint(&a).len(), 10);
        assert!(a.starts_with(&hint(&a)));
    }

    #[test]
    fn a_token_lasts_a_year_unless_another_day_is_chosen() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let end = |y, m, d| domain::dates::day_end(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(expiry(today, "").unwrap(), end(2027, 12, 6));
        assert_eq!(expiry(today, " 2027-01-31 ").unwrap(), end(2027, 1, 31));
        assert_eq!(expiry(today, "2026-12-07").unwrap(), end(2026, 12, 7));
        for refused in [
            "2026-12-06",
            "2025-01-01",
            "2040-01-01",
            "31/01/2027",
            "soon",
        ] {
            assert!(
                matches!(expiry(today, refused), Err(Error::Invalid(_))),
                "{refused}"
            );
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            valid_name("  Hệ thống   báo cáo ").unwrap(),
            "Hệ thống báo cáo"
        );
        assert!(matches!(valid_name("   "), Err(Error::Invalid(_))));
        assert!(valid_name(&"ă".repeat(TOKEN_NAME_MAX)).is_ok());
        assert!(matches!(
            valid_name(&"ă".repeat(TOKEN_NAME_MAX + 1)),
            Err(Error::Invalid(_))
        ));
    }

    #[test]
    fn a_token_acts_as_hr_of_its_unit_and_never_as_admin() {
        let t = api_token::Model {
            id: 7,
            name: "Báo cáo".into(),
            hint: "hvs_abcdef".into(),
            token_hash: "x".into(),
            unit_id: None,
            province_id: Some(1),
            created_by: 1,
            created_at: 0,
            last_used_at: None,
            revoked_at: None,
            expires_at: None,
        };
        let actor = token_actor(t, None);
        assert!(actor.has(Role::Hr) && !actor.is_admin());
        assert!(actor.sees_whole_province());
        assert_eq!(
            actor.who(),
            crate::access::audit::Who::token(7).in_province(Some(1))
        );
        assert_eq!(actor.id(), 0);
    }
}

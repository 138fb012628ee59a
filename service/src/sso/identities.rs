//! Accounts bound to a person at an OpenID provider (`sso_identities`): the first sign-in
//! makes a learner account, later ones find it; a password account links an identity from its
//! profile, and unlinks it only while it keeps a password. When the provider asserts a
//! personal ID number, the account is linked at once to the roster member with that number
//! (the provider's word is proof, unlike a typed e-mail), and the link is audited.
use domain::{Email, FullName, Phone};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use super::protocol::{Asserted, Provider};
use crate::access::audit::{self, Change, Who};
use crate::access::authz::{self, Actor};
use crate::access::security_log;
use crate::entity::{person, sso_identity, user};
use crate::error::is_unique_violation;
use crate::{Error, Result, now};

/// The name of an account whose provider sent none (or one our rules refuse).
const NAMELESS: &str = "Người dùng đăng nhập một lần";

/// The account a provider's person signs in to: found by (issuer, subject), or made now as a
/// learner. Either way linked to the roster by the asserted personal ID number, if any.
pub async fn sign_on(
    db: &(impl ConnectionTrait + TransactionTrait),
    provider: &str,
    who: &Asserted,
) -> Result<user::Model> {
    let txn = db.begin().await?;
    let user = match find(&txn, who).await? {
        Some(found) => found,
        None => create(&txn, provider, who).await?,
    };
    if user.disabled {
        security_log::sso("disabled", provider, Some(user.id));
        return Err(Error::AccountDisabled);
    }
    link_roster(&txn, &user, who).await?;
    txn.commit().await?;
    security_log::sso("ok", provider, Some(user.id));
    Ok(user)
}

/// The signed-in account takes on the provider's person (from its profile page).
pub async fn link(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    provider: &str,
    who: &Asserted,
) -> Result<()> {
    authz::require(actor.token.is_none() && actor.assisted_by.is_none())?;
    let txn = db.begin().await?;
    match bound(&txn, who).await? {
        Some(b) if b.user_id == actor.id() => return Ok(()),
        Some(_) => return Err(Error::Conflict("sso_identity_taken")),
        None => {}
    }
    if of_user(&txn, actor.id())
        .await?
        .iter()
        .any(|b| b.issuer == who.issuer)
    {
        return Err(Error::Conflict("sso_already_linked"));
    }
    bind(&txn, actor.id(), who).await?;
    audit_binding(&txn, actor.who(), "sso_link", actor.id(), &who.issuer).await?;
    link_roster(&txn, &actor.user, who).await?;
    txn.commit().await?;
    security_log::sso("linked", provider, Some(actor.id()));
    Ok(())
}

/// The signed-in account lets go of its identity at this provider; refused while the account
/// has no password (it could not sign in again).
pub async fn unlink(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    provider: &Provider,
) -> Result<()> {
    authz::require(actor.token.is_none() && actor.assisted_by.is_none())?;
    if actor.user.password_hash.is_empty() {
        return Err(Error::Conflict("sso_password_needed"));
    }
    let txn = db.begin().await?;
    let Some(binding) = of_user(&txn, actor.id())
        .await?
        .into_iter()
        .find(|b| provider.issues(&b.issuer))
    else {
        return Err(Error::NotFound);
    };
    sso_identity::Entity::delete_by_id(binding.id)
        .exec(&txn)
        .await?;
    audit_binding(&txn, actor.who(), "sso_unlink", actor.id(), &binding.issuer).await?;
    txn.commit().await?;
    security_log::sso("unlinked", &provider.settings.id, Some(actor.id()));
    Ok(())
}

/// The identities bound to an account.
pub async fn of_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<sso_identity::Model>> {
    Ok(sso_identity::Entity::find()
        .filter(sso_identity::Column::UserId.eq(user_id))
        .all(db)
        .await?)
}

async fn bound(db: &impl ConnectionTrait, who: &Asserted) -> Result<Option<sso_identity::Model>> {
    Ok(sso_identity::Entity::find()
        .filter(sso_identity::Column::Issuer.eq(&who.issuer))
        .filter(sso_identity::Column::Subject.eq(&who.subject))
        .one(db)
        .await?)
}

/// The account bound to this person, its last use noted.
async fn find(db: &impl ConnectionTrait, who: &Asserted) -> Result<Option<user::Model>> {
    let Some(b) = bound(db, who).await? else {
        return Ok(None);
    };
    sso_identity::Entity::update_many()
        .col_expr(
            sso_identity::Column::LastUsedAt,
            sea_orm::sea_query::Expr::value(now()),
        )
        .filter(sso_identity::Column::Id.eq(b.id))
        .exec(db)
        .await?;
    Ok(user::Entity::find_by_id(b.user_id).one(db).await?)
}

/// A learner account for a first sign-in: no password (`""` verifies nothing), a login nobody
/// types, the name and contacts the provider gave when our rules accept them.
async fn create(db: &impl ConnectionTrait, provider: &str, who: &Asserted) -> Result<user::Model> {
    let at = now();
    let full_name = who
        .name
        .as_deref()
        .and_then(|n| FullName::parse(n).ok())
        .map_or_else(|| NAMELESS.to_owned(), |n| n.as_str().to_owned());
    let created = user::ActiveModel {
        login: Set(format!("sso-{}", uuid::Uuid::new_v4().simple())),
        full_name: Set(full_name),
        email: Set(who
            .email
            .as_deref()
            .and_then(|e| Email::parse(e).ok())
            .map(|e| e.as_str().to_owned())),
        phone: Set(who
            .phone
            .as_deref()
            .and_then(|p| Phone::parse(p).ok())
            .map(|p| p.as_str().to_owned())),
        password_hash: Set(String::new()),
        home_unit_id: Set(None),
        disabled: Set(false),
        consent_at: Set(None),
        created_at: Set(at),
        registered_by: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::access::accounts::grant_learner(db, created.id).await?;
    bind(db, created.id, who).await?;
    audit_binding(
        db,
        Who::user(created.id),
        "sso_register",
        created.id,
        &who.issuer,
    )
    .await?;
    security_log::sso("created", provider, Some(created.id));
    Ok(created)
}

async fn bind(db: &impl ConnectionTrait, user_id: i32, who: &Asserted) -> Result<()> {
    let at = now();
    sso_identity::ActiveModel {
        user_id: Set(user_id),
        issuer: Set(who.issuer.clone()),
        subject: Set(who.subject.clone()),
        created_at: Set(at),
        last_used_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            Error::Conflict("sso_identity_taken")
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// The audit entry of a binding made or undone: the account and the provider's issuer, never
/// the subject (an identifier of the person elsewhere).
async fn audit_binding(
    db: &impl ConnectionTrait,
    by: Who,
    action: &'static str,
    user_id: i32,
    issuer: &str,
) -> Result<()> {
    audit::record(
        db,
        Change {
            actor: by,
            action,
            object_kind: "user",
            object_id: user_id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "issuer": issuer })),
        },
    )
    .await
}

/// Links the account to the roster member whose personal ID number the provider asserted:
/// only when the account has no staff record yet, and the member has no account and was not
/// pseudonymised. Audited as `link_eid` (by `hr::linking`).
async fn link_roster(db: &impl ConnectionTrait, user: &user::Model, who: &Asserted) -> Result<()> {
    let Some(number) = who.id_number.as_deref().filter(|n| is_personal_id(n)) else {
        return Ok(());
    };
    if crate::hr::linking::linked_to(db, user.id).await?.is_some() {
        return Ok(());
    }
    let found = person::Entity::find()
        .filter(person::Column::PersonalId.eq(number))
        .filter(person::Column::UserId.is_null())
        .filter(person::Column::PseudonymisedAt.is_null())
        .one(db)
        .await?;
    let Some(person) = found else {
        return Ok(());
    };
    let actor = authz::load_actor(db, user.clone()).await?;
    crate::hr::linking::set_link(db, &actor, person, Some(user.id), "link_eid").await
}

/// Twelve digits (căn cước).
fn is_personal_id(n: &str) -> bool {
    n.len() == 12 && n.bytes().all(|b| b.is_ascii_digit())
}

//! A signed-in person changes their password (ASVS 6.2.2, 6.2.3): the current password is
//! asked for and counted like a sign-in guess (so a stolen session cannot try passwords without
//! bound), the new one meets the rules every password meets, and every session of the account
//! ends, on every process; the caller starts a fresh one for the browser that asked.
use domain::check_password;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait,
};

use crate::access::authz::{Actor, require};
use crate::access::password::Passwords;
use crate::entity::user;
use crate::{
    Error, Result, access::audit, access::ratelimit, access::security_log, access::sessions,
};

/// What the form sends, and the client's address (for the attempt limits).
#[derive(Clone, Copy, Debug)]
pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
    pub ip: &'a str,
}

/// Changes the actor's own password; an API token or an assisted session may not.
pub async fn change(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    actor: &Actor,
    form: &PasswordChange<'_>,
) -> Result<()> {
    require(actor.token.is_none() && actor.assisted_by.is_none())?;
    let me = user::Entity::find_by_id(actor.id())
        .one(db)
        .await?
        .filter(|u| !u.disabled && u.erased_at.is_none())
        .ok_or(Error::NotFound)?;
    check_password(form.new).map_err(|e| Error::invalid("new_password", e.code()))?;
    confirm(db, passwords, &me, form.current, form.ip).await?;
    let hash = passwords.hash(form.new).await?;
    let id = me.id;
    let txn = db.begin().await?;
    let mut row: user::ActiveModel = me.into();
    row.password_hash = Set(hash);
    row.update(&txn).await?;
    sessions::end_all_for(&txn, id).await?;
    audit::record(
        &txn,
        audit::Change {
            actor: actor.who(),
            action: "password_change",
            object_kind: "user",
            object_id: id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    security_log::password_changed(id);
    Ok(())
}

/// The current password, checked as a sign-in attempt of the account is: a wrong one counts
/// against the same limits.
async fn confirm(
    db: &impl ConnectionTrait,
    passwords: &Passwords,
    me: &user::Model,
    password: &str,
    ip: &str,
) -> Result<()> {
    let attempt = ratelimit::Attempt {
        kind: ratelimit::Kind::SignIn,
        login: &me.login,
        ip,
        device: None,
    };
    let limits = ratelimit::sign_in_limits(false);
    let Some(reservation) = ratelimit::reserve(db, &attempt, &limits).await? else {
        return Err(Error::RateLimited);
    };
    match passwords.verify(password, Some(&me.password_hash)).await {
        Ok(true) => ratelimit::release(db, reservation).await,
        Ok(false) => {
            ratelimit::keep(reservation);
            security_log::sign_in("failed", Some(me.id));
            Err(Error::invalid("current_password", "wrong_password"))
        }
        Err(e) => {
            ratelimit::release(db, reservation).await?;
            Err(e)
        }
    }
}

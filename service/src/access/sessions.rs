//! Server-side sessions: a random token in the cookie, only its hash in the database.
use base64::Engine;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

use crate::entity::{session, user};
use crate::{Result, now};

/// A session ends this long after its last request.
pub const IDLE_SECS: i64 = 2 * 60 * 60;
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE_SECS: i64 = 12 * 60 * 60;
/// `last_seen_at` is written at most this often, to spare the database a write per request.
const TOUCH_EVERY_SECS: i64 = 60;

/// 256 random bits, URL-safe: the value of the session cookie.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps instead of the token, so a leaked table opens no session.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a new session for the user and returns its token.
pub async fn create(db: &impl ConnectionTrait, user_id: i32) -> Result<String> {
    create_assisted(db, user_id, None).await
}

/// Opens a session for the user, helped by a facilitator when `assisted_by` is set.
pub(crate) async fn create_assisted(
    db: &impl ConnectionTrait,
    user_id: i32,
    assisted_by: Option<i32>,
) -> Result<String> {
    let token = new_token();
    let at = now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(at),
        last_seen_at: Set(at),
        expires_at: Set(at + ABSOLUTE_SECS),
        assisted_by: Set(assisted_by),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The live session's user for a token, refreshing its idle timer; `None` when the token is
/// unknown, expired, idle too long or its account is disabled.
pub async fn lookup(db: &impl ConnectionTrait, token: &str) -> Result<Option<user::Model>> {
    Ok(lookup_live(db, db, token).await?.map(|(u, _)| u))
}

/// As [`lookup`], with the facilitator helping in an assisted session. The session and its
/// user are read in one query on `read`; the rare writes (an expired session deleted, the idle
/// timer moved at most once a minute) go to `db`.
pub async fn lookup_live(
    read: &impl ConnectionTrait,
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(user::Model, Option<i32>)>> {
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .find_also_related(user::Entity)
        .one(read)
        .await?;
    let Some((s, Some(u))) = found else {
        return Ok(None);
    };
    let at = now();
    if at >= s.expires_at || at - s.last_seen_at >= IDLE_SECS {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    if u.disabled {
        return Ok(None);
    }
    let assisted_by = s.assisted_by;
    if at - s.last_seen_at >= TOUCH_EVERY_SECS {
        session::Entity::update_many()
            .col_expr(
                session::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(at),
            )
            .filter(session::Column::Id.eq(s.id))
            .exec(db)
            .await?;
    }
    Ok(Some((u, assisted_by)))
}

/// Ends one session (logout).
pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<()> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user (account disabled, password changed).
pub(crate) async fn end_all_for(db: &impl ConnectionTrait, user_id: i32) -> Result<()> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Drops sessions past their absolute or idle limit; run from time to time.
pub async fn purge_expired(db: &impl ConnectionTrait) -> Result<u64> {
    let at = now();
    let res = session::Entity::delete_many()
        .filter(
            session::Column::ExpiresAt
                .lte(at)
                .or(session::Column::LastSeenAt.lte(at - IDLE_SECS)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "32 bytes in unpadded base64url");
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}

//! The virtual learners' accounts and sessions, written straight into the server's database
//! through the service crate (signing in over HTTP would measure argon2, not answers).
use anyhow::{Context, Result};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};
use service::entity::{user, user_role};

/// Creates `count` learner accounts (no usable password: `!` matches no argon2 hash), each with
/// the `learner` role and one live session, in one transaction. Logins carry `run` so runs
/// against the same database never collide. Returns each learner's session token.
pub async fn create(db: &DatabaseConnection, run: &str, count: usize) -> Result<Vec<String>> {
    let txn = db.begin().await?;
    let mut tokens = Vec::with_capacity(count);
    for i in 0..count {
        let login = format!("bench-{run}-{i:04}");
        let name = format!("Học viên đo tải {i}");
        let user_id = insert_learner(&txn, &login, &name, "!").await?;
        let token = service::access::sessions::create(&txn, user_id)
            .await
            .context("opening a session")?;
        tokens.push(token);
    }
    txn.commit().await?;
    Ok(tokens)
}

/// A learner account with this password hash (the bench steps write their accounts directly).
pub(crate) async fn insert_learner(
    db: &impl sea_orm::ConnectionTrait,
    login: &str,
    full_name: &str,
    hash: &str,
) -> Result<i32> {
    let at = service::now();
    let user = user::ActiveModel {
        login: Set(login.to_owned()),
        full_name: Set(full_name.to_owned()),
        password_hash: Set(hash.to_owned()),
        disabled: Set(false),
        consent_at: Set(Some(at)),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .with_context(|| format!("creating the account {login}"))?;
    user_role::ActiveModel {
        user_id: Set(user.id),
        role: Set(domain::Role::Learner.as_str().to_owned()),
        unit_id: Set(None),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(user.id)
}

//! Failed sign-ins counted per account and per client address, in the database so every
//! server process sees the same counts; old failures age out, so no one is locked out for good.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use crate::entity::login_failure;
use crate::{Error, Result, now};

pub const WINDOW_SECS: i64 = 15 * 60;
pub const MAX_PER_LOGIN: u64 = 10;
/// Higher than per account: a whole office often signs in from one address.
pub const MAX_PER_IP: u64 = 50;

/// Refuses when the account or the address has failed too often in the window.
pub async fn check(db: &impl ConnectionTrait, login: &str, ip: &str) -> Result<()> {
    let since = now() - WINDOW_SECS;
    let by_login = login_failure::Entity::find()
        .filter(login_failure::Column::Login.eq(login))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await?;
    if by_login >= MAX_PER_LOGIN {
        return Err(Error::RateLimited);
    }
    let by_ip = login_failure::Entity::find()
        .filter(login_failure::Column::Ip.eq(ip))
        .filter(login_failure::Column::At.gt(since))
        .count(db)
        .await?;
    if by_ip >= MAX_PER_IP {
        return Err(Error::RateLimited);
    }
    Ok(())
}

pub async fn record_failure(db: &impl ConnectionTrait, login: &str, ip: &str) -> Result<()> {
    login_failure::ActiveModel {
        login: Set(login.to_owned()),
        ip: Set(ip.to_owned()),
        at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// After a successful sign-in the owner starts afresh.
pub async fn clear_login(db: &impl ConnectionTrait, login: &str) -> Result<()> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Login.eq(login))
        .exec(db)
        .await?;
    Ok(())
}

/// Drops failures older than the window; run from time to time.
pub async fn purge_old(db: &impl ConnectionTrait) -> Result<u64> {
    let res = login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lte(now() - WINDOW_SECS))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

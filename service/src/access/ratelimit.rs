//! Attempts counted in the database (table `login_failures`) so every server process sees the
//! same counts: failed sign-ins per account, per client address and per account on a known
//! device, and registrations per address and in total. Old attempts age out, so no one is
//! locked out for good.
//!
//! An attempt is reserved before the costly work (the password check): its row is written
//! first, then the rows are counted, and the attempt goes on only when every count is within
//! its limit. Each attempt counts after its own row is committed, so the last of any set of
//! admitted attempts sees all of them: however many arrive at once, no more than the limit
//! get through. A refused attempt takes its row back; a sign-in that succeeds releases its own.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    Select, Set,
};

use crate::entity::login_failure;
use crate::{Result, now};

/// How long a failed sign-in counts.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failed sign-ins per account, from devices it has not signed in on before.
pub const MAX_PER_LOGIN: u64 = 10;
/// Higher than per account: a whole office often signs in from one address.
pub const MAX_PER_IP: u64 = 50;
/// Failed sign-ins per account from one known device (its own limit, apart from the account's).
pub const MAX_PER_DEVICE: u64 = 10;

/// How long a registration counts.
pub const REGISTRATION_WINDOW_SECS: i64 = 60;
/// Registrations (successful or not) from one address per minute.
pub const REGISTRATIONS_PER_IP_PER_MINUTE: u64 = 10;
/// Registrations (successful or not) from everywhere per minute.
pub const REGISTRATIONS_PER_MINUTE: u64 = 120;

/// What was attempted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    SignIn,
    Register,
    /// A learner claiming a staff record with its personal ID number.
    Claim,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::SignIn => "sign_in",
            Kind::Register => "register",
            Kind::Claim => "claim",
        }
    }
}

/// Which earlier attempts a limit counts.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// Those for the same login.
    Login,
    /// Those from the same client address.
    Ip,
    /// Those for the same login from the same known device.
    LoginOnDevice,
    /// All of the kind.
    All,
}

/// At most `max` attempts in `scope` within the last `window_secs`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub scope: Scope,
    pub max: u64,
    pub window_secs: i64,
}

impl Limit {
    pub const fn new(scope: Scope, max: u64, window_secs: i64) -> Self {
        Limit {
            scope,
            max,
            window_secs,
        }
    }
}

/// One attempt, as it is counted.
#[derive(Clone, Copy, Debug)]
pub struct Attempt<'a> {
    pub kind: Kind,
    pub login: &'a str,
    pub ip: &'a str,
    /// The known device making it, if it proved one.
    pub device: Option<&'a str>,
}

/// The limits of a sign-in: per account, unless the device signed in to it before (then per
/// account on that device instead), and always per address.
pub(crate) fn sign_in_limits(known_device: bool) -> [Limit; 2] {
    let account = if known_device {
        Limit::new(Scope::LoginOnDevice, MAX_PER_DEVICE, WINDOW_SECS)
    } else {
        Limit::new(Scope::Login, MAX_PER_LOGIN, WINDOW_SECS)
    };
    [account, Limit::new(Scope::Ip, MAX_PER_IP, WINDOW_SECS)]
}

/// The limits of a registration: per address and in total, per minute.
pub const REGISTRATION_LIMITS: [Limit; 2] = [
    Limit::new(
        Scope::Ip,
        REGISTRATIONS_PER_IP_PER_MINUTE,
        REGISTRATION_WINDOW_SECS,
    ),
    Limit::new(
        Scope::All,
        REGISTRATIONS_PER_MINUTE,
        REGISTRATION_WINDOW_SECS,
    ),
];

/// The limits of a facilitator registering residents: those of any registration from their
/// address, and as many again per facilitator (the attempt's login is the facilitator's), so
/// a facilitator account cannot register, or probe logins, without bound from many addresses.
pub const ASSISTED_REGISTRATION_LIMITS: [Limit; 3] = [
    REGISTRATION_LIMITS[0],
    REGISTRATION_LIMITS[1],
    Limit::new(
        Scope::Login,
        REGISTRATIONS_PER_IP_PER_MINUTE,
        REGISTRATION_WINDOW_SECS,
    ),
];

/// The limits of claiming a staff record: as sign-in, per account (the claimant's account
/// id stands for the login) and per address.
pub const CLAIM_LIMITS: [Limit; 2] = [
    Limit::new(Scope::Login, MAX_PER_LOGIN, WINDOW_SECS),
    Limit::new(Scope::Ip, MAX_PER_IP, WINDOW_SECS),
];

/// A reserved attempt: its row counts against every limit until it is released.
#[derive(Debug)]
#[must_use = "an attempt is kept (a failure) or released"]
pub struct Reservation {
    id: i32,
}

/// Reserves an attempt, or `None` when it would pass one of the limits (nothing is then kept).
pub async fn reserve(
    db: &impl ConnectionTrait,
    attempt: &Attempt<'_>,
    limits: &[Limit],
) -> Result<Option<Reservation>> {
    let row = login_failure::ActiveModel {
        login: Set(attempt.login.to_owned()),
        ip: Set(attempt.ip.to_owned()),
        at: Set(now()),
        kind: Set(attempt.kind.as_str().to_owned()),
        device: Set(attempt.device.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for limit in limits {
        if counted(attempt, limit).count(db).await? > limit.max {
            login_failure::Entity::delete_by_id(row.id).exec(db).await?;
            return Ok(None);
        }
    }
    Ok(Some(Reservation { id: row.id }))
}

/// The earlier attempts (this one included) that `limit` counts.
fn counted(attempt: &Attempt<'_>, limit: &Limit) -> Select<login_failure::Entity> {
    let recent = login_failure::Entity::find()
        .filter(login_failure::Column::Kind.eq(attempt.kind.as_str()))
        .filter(login_failure::Column::At.gt(now() - limit.window_secs));
    match limit.scope {
        Scope::Login => recent.filter(login_failure::Column::Login.eq(attempt.login)),
        Scope::Ip => recent.filter(login_failure::Column::Ip.eq(attempt.ip)),
        Scope::LoginOnDevice => recent
            .filter(login_failure::Column::Login.eq(attempt.login))
            .filter(login_failure::Column::Device.eq(attempt.device.unwrap_or_default())),
        Scope::All => recent,
    }
}

/// Takes a reserved attempt back: it did not fail.
pub async fn release(db: &impl ConnectionTrait, reservation: Reservation) -> Result<()> {
    login_failure::Entity::delete_by_id(reservation.id)
        .exec(db)
        .await?;
    Ok(())
}

/// Keeps a reserved attempt: it failed, and counts until it ages out.
pub fn keep(reservation: Reservation) {
    let _ = reservation.id;
}

/// After a successful sign-in the owner starts afresh: on a known device, that device's
/// failures go (the account's own count, someone else's guesses, stays until it ages out);
/// elsewhere, which only gets this far while the account is not locked, all of them.
pub(crate) async fn clear_login(
    db: &impl ConnectionTrait,
    login: &str,
    device: Option<&str>,
) -> Result<()> {
    let mut failures = login_failure::Entity::delete_many()
        .filter(login_failure::Column::Kind.eq(Kind::SignIn.as_str()))
        .filter(login_failure::Column::Login.eq(login));
    if let Some(device) = device {
        failures = failures.filter(login_failure::Column::Device.eq(device));
    }
    failures.exec(db).await?;
    Ok(())
}

/// Forgets the attempts of one kind for one login (the account starts afresh).
pub async fn clear(db: &impl ConnectionTrait, kind: Kind, login: &str) -> Result<()> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Kind.eq(kind.as_str()))
        .filter(login_failure::Column::Login.eq(login))
        .exec(db)
        .await?;
    Ok(())
}

/// Drops attempts older than the longest window; run from time to time.
pub async fn purge_old(db: &impl ConnectionTrait) -> Result<u64> {
    let oldest = WINDOW_SECS.max(REGISTRATION_WINDOW_SECS);
    let res = login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lte(now() - oldest))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

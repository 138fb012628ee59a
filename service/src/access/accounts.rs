//! Registering, signing in and creating accounts.
use domain::{FullName, Login, UnitLevel, check_password};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::access::password::Passwords;
use crate::entity::{user, user_role};
use crate::error::is_unique_violation;
use crate::{
    Error, FieldIssue, Result, access::audit, access::devices, access::ratelimit,
    access::security_log, access::signin_alerts, hr::units, now, province,
};

/// What a resident fills in to register.
#[derive(Clone, Debug, Default)]
pub struct Registration {
    pub full_name: String,
    pub login: String,
    pub password: String,
    /// The code of the province the commune is in; may be empty where there is one province.
    pub province_code: String,
    pub commune_code: String,
    pub consent: bool,
}

/// A registration whose fields all passed their rules.
struct ValidRegistration {
    full_name: FullName,
    login: Login,
    commune_id: i32,
    /// The commune's province, whose admin reads the registration in the audit log.
    province_id: i32,
}

/// Registers a resident as a learner; every invalid field is reported at once.
pub async fn register(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    form: &Registration,
) -> Result<user::Model> {
    register_by(db, passwords, form, None).await
}

/// Registers a resident who came by themselves, from `client_ip`. Every attempt, whatever its
/// outcome, counts against the registration limits (per address and in total per minute,
/// [`ratelimit::REGISTRATION_LIMITS`]); over them nothing is checked or written.
///
/// Choice (issue 17, hole 6): a login already taken still answers `login_taken`, distinct from
/// a success, so a resident who forgot they registered knows to sign in (there is no channel
/// to tell them otherwise: no mail or SMS is sent). Since every probe counts, a script learns
/// at most [`ratelimit::REGISTRATIONS_PER_IP_PER_MINUTE`] logins per address and
/// [`ratelimit::REGISTRATIONS_PER_MINUTE`] in all per minute.
pub async fn register_from(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    form: &Registration,
    client_ip: &str,
) -> Result<user::Model> {
    let attempt = ratelimit::Attempt {
        kind: ratelimit::Kind::Register,
        // The login asked for is not kept: the count needs only the address.
        login: "",
        ip: client_ip,
        device: None,
    };
    match ratelimit::reserve(db, &attempt, &ratelimit::REGISTRATION_LIMITS).await? {
        Some(counted) => ratelimit::keep(counted),
        None => return Err(Error::RegistrationLimited),
    }
    register(db, passwords, form).await
}

/// Registers a resident, by themselves (`by: None`) or by a facilitator on their behalf (the
/// facilitator's user id: they attest the resident's consent).
pub(crate) async fn register_by(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    form: &Registration,
    by: Option<i32>,
) -> Result<user::Model> {
    let valid = validate(db, form).await?;
    if find_by_login(db, valid.login.as_str()).await?.is_some() {
        return Err(Error::invalid("login", "login_taken"));
    }
    let hash = passwords.hash(&form.password).await?;
    let txn = db.begin().await?;
    let created = insert_user(&txn, &valid, hash, by).await?;
    grant_learner(&txn, created.id).await?;
    audit::record(
        &txn,
        audit::Change {
            actor: audit::Who::user(by.unwrap_or(created.id)).in_province(Some(valid.province_id)),
            action: if by.is_some() { "register_on_behalf" } else { "register" },
            object_kind: "user",
            object_id: created.id.to_string(),
            before: None,
            after: audit::json(serde_json::json!({"full_name": created.full_name, "home_unit_id": created.home_unit_id})),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

async fn validate(db: &impl ConnectionTrait, form: &Registration) -> Result<ValidRegistration> {
    let mut issues = Vec::new();
    let full_name = FullName::parse(&form.full_name)
        .map_err(|e| issues.push(FieldIssue::new("full_name", e.code())))
        .ok();
    let login = Login::parse(&form.login)
        .map_err(|e| issues.push(FieldIssue::new("login", e.code())))
        .ok();
    if let Err(e) = check_password(&form.password) {
        issues.push(FieldIssue::new("password", e.code()));
    }
    let home = residence(db, form, &mut issues).await?;
    if !form.consent {
        issues.push(FieldIssue::new("consent", "consent_required"));
    }
    match (full_name, login, home) {
        (Some(full_name), Some(login), Some((commune_id, province_id))) if issues.is_empty() => {
            Ok(ValidRegistration {
                full_name,
                login,
                commune_id,
                province_id,
            })
        }
        _ => Err(Error::Invalid(issues)),
    }
}

/// The commune a resident lives in and its province: looked up within the province they named
/// (or the only one), so a commune of another province is unknown; what is wrong goes to
/// `issues`.
async fn residence(
    db: &impl ConnectionTrait,
    form: &Registration,
    issues: &mut Vec<FieldIssue>,
) -> Result<Option<(i32, i32)>> {
    let home_province = match province::named_or_only(db, &form.province_code).await {
        Ok(id) => Some(id),
        Err(Error::Invalid(found)) => {
            issues.extend(found);
            None
        }
        Err(e) => return Err(e),
    };
    let code = form.commune_code.trim();
    let commune = match home_province {
        Some(p) if !code.is_empty() => commune_id(db, p, code).await?,
        _ => None,
    };
    // A commune named in a province that is itself wrong is not judged.
    if commune.is_none() && (home_province.is_some() || code.is_empty()) {
        let why = if code.is_empty() {
            "required"
        } else {
            "unknown_unit"
        };
        issues.push(FieldIssue::new("commune", why));
    }
    Ok(commune.zip(home_province))
}

async fn commune_id(db: &impl ConnectionTrait, province: i32, code: &str) -> Result<Option<i32>> {
    let unit = units::find_by_code(db, Some(province), code).await?;
    Ok(unit
        .filter(|u| u.level == UnitLevel::Xa.as_str())
        .map(|u| u.id))
}

async fn insert_user(
    db: &impl ConnectionTrait,
    valid: &ValidRegistration,
    hash: String,
    by: Option<i32>,
) -> Result<user::Model> {
    let (email, phone) = contact_of(&valid.login);
    let at = now();
    let inserted = user::ActiveModel {
        login: Set(valid.login.as_str().to_owned()),
        full_name: Set(valid.full_name.as_str().to_owned()),
        email: Set(email),
        phone: Set(phone),
        password_hash: Set(hash),
        home_unit_id: Set(Some(valid.commune_id)),
        disabled: Set(false),
        consent_at: Set(Some(at)),
        created_at: Set(at),
        registered_by: Set(by),
        ..Default::default()
    }
    .insert(db)
    .await;
    inserted.map_err(|e| {
        if is_unique_violation(&e) {
            Error::invalid("login", "login_taken")
        } else {
            e.into()
        }
    })
}

fn contact_of(login: &Login) -> (Option<String>, Option<String>) {
    match login.kind() {
        domain::LoginKind::Email => (Some(login.as_str().to_owned()), None),
        domain::LoginKind::Phone => (None, Some(login.as_str().to_owned())),
        domain::LoginKind::Username => (None, None),
    }
}

pub(crate) async fn grant_learner(db: &impl ConnectionTrait, user_id: i32) -> Result<()> {
    user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(domain::Role::Learner.as_str().to_owned()),
        unit_id: Set(None),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_by_login(db: &impl ConnectionTrait, login: &str) -> Result<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Login.eq(login))
        .one(db)
        .await?)
}

/// What a sign-in gives: the login and password typed, the client's address, and the mark
/// the browser keeps from its earlier sign-ins, if any (see [`crate::devices`]).
#[derive(Clone, Copy, Debug)]
pub struct SignIn<'a> {
    pub login: &'a str,
    pub password: &'a str,
    pub ip: &'a str,
    pub device_mark: Option<&'a str>,
}

/// A successful sign-in: the account, and the device mark its browser keeps from now on.
#[derive(Debug)]
pub struct SignedIn {
    pub user: user::Model,
    pub device_mark: String,
}

/// Checks a login and password. The attempt is reserved against the limits before the password
/// is checked, so a burst of guesses checks at most the limit; it is kept as a failure, or
/// released when the password is right. A device that signed in to the account before is
/// held by its own limit, not the account's, so someone else's guesses do not lock the owner
/// out. An unknown login costs the same argon2 work as a wrong password, and a disabled
/// account with the right password answers exactly as a wrong password does.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    passwords: &Passwords,
    attempt: &SignIn<'_>,
) -> Result<SignedIn> {
    let key = Login::parse(attempt.login)
        .map(|l| l.as_str().to_owned())
        .unwrap_or_else(|_| attempt.login.trim().to_lowercase());
    let found = find_by_login(db, &key).await?;
    let device_key = devices::key(db).await?;
    let device = found
        .as_ref()
        .zip(attempt.device_mark)
        .and_then(|(u, mark)| device_key.verify(mark, u.id));
    let counted = ratelimit::Attempt {
        kind: ratelimit::Kind::SignIn,
        login: &key,
        ip: attempt.ip,
        device: device.as_deref(),
    };
    let limits = ratelimit::sign_in_limits(device.is_some());
    let Some(reservation) = ratelimit::reserve(db, &counted, &limits).await? else {
        security_log::sign_in("limited", found.as_ref().map(|u| u.id));
        return Err(Error::RateLimited);
    };
    let stored = found.as_ref().map(|u| u.password_hash.as_str());
    let ok = match passwords.verify(attempt.password, stored).await {
        Ok(ok) => ok,
        Err(e) => {
            // Not checked (the queue is full): not a failure.
            security_log::sign_in("busy", found.as_ref().map(|u| u.id));
            ratelimit::release(db, reservation).await?;
            return Err(e);
        }
    };
    match found {
        Some(user) if ok && !user.disabled => {
            ratelimit::release(db, reservation).await?;
            ratelimit::clear_login(db, &key, device.as_deref()).await?;
            signin_alerts::signed_in(db, user.id).await?;
            let device_mark = device_key.mark_after_sign_in(user.id, device.as_deref());
            security_log::sign_in("ok", Some(user.id));
            Ok(SignedIn { user, device_mark })
        }
        found => {
            ratelimit::keep(reservation);
            security_log::sign_in("failed", found.as_ref().map(|u| u.id));
            if let Some(user) = found {
                signin_alerts::failed(db, user.id).await?;
            }
            Err(Error::InvalidCredentials)
        }
    }
}

/// An account made by the operator or the demo seed, with its roles; the password is checked
/// against the same rules as a resident's.
pub struct NewAccount<'a> {
    pub login: &'a str,
    pub full_name: &'a str,
    pub password: &'a str,
    pub home_unit_code: Option<&'a str>,
    pub roles: &'a [(domain::Role, Option<&'a str>)],
}

/// Creates the account, or updates its name, password and roles when the login exists.
pub async fn upsert_account(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    acc: &NewAccount<'_>,
) -> Result<user::Model> {
    let login = Login::parse(acc.login).map_err(|e| Error::invalid("login", e.code()))?;
    let full_name =
        FullName::parse(acc.full_name).map_err(|e| Error::invalid("full_name", e.code()))?;
    check_password(acc.password).map_err(|e| Error::invalid("password", e.code()))?;
    let hash = passwords.hash(acc.password).await?;
    let home = match acc.home_unit_code {
        Some(code) => Some(
            units::find_by_code(db, None, code)
                .await?
                .ok_or_else(|| Error::invalid("unit", "unknown_unit"))?
                .id,
        ),
        None => None,
    };
    let txn = db.begin().await?;
    let user = save_account(&txn, &login, &full_name, hash, home).await?;
    for (role, unit_code) in acc.roles {
        crate::access::admin::ensure_role(&txn, user.id, *role, *unit_code).await?;
    }
    txn.commit().await?;
    Ok(user)
}

async fn save_account(
    db: &impl ConnectionTrait,
    login: &Login,
    full_name: &FullName,
    hash: String,
    home: Option<i32>,
) -> Result<user::Model> {
    let (email, phone) = contact_of(login);
    if let Some(existing) = find_by_login(db, login.as_str()).await? {
        let mut active: user::ActiveModel = existing.into();
        active.full_name = Set(full_name.as_str().to_owned());
        active.password_hash = Set(hash);
        active.home_unit_id = Set(home);
        active.disabled = Set(false);
        return Ok(active.update(db).await?);
    }
    let at = now();
    Ok(user::ActiveModel {
        login: Set(login.as_str().to_owned()),
        full_name: Set(full_name.as_str().to_owned()),
        email: Set(email),
        phone: Set(phone),
        password_hash: Set(hash),
        home_unit_id: Set(home),
        disabled: Set(false),
        consent_at: Set(None),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

//! Certificates: issued once per completed course or passed mastery assessment, read by anyone
//! holding the code, listed for their holder and the HR of the holder's unit, revoked by an admin.
use chrono::NaiveDate;
use domain::certificate::{
    CODE_LEN, CertificateKind, CertificateView, Revocation, code_from_indices, normalise_code,
};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TryInsertResult,
};

use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, admin_scope, reaches_account, require};
use crate::entity::{certificate, user};
use crate::xapi::{Event, Recorder, outbox};
use crate::{Error, Result, now};

/// What a certificate is for, as the code that completes or passes it knows it.
pub struct Achievement<'a> {
    pub kind: CertificateKind,
    /// The course id, or the mastery assessment's quiz id.
    pub subject_id: i32,
    pub programme_code: &'a str,
    pub title: &'a str,
    pub score: Option<f64>,
}

/// Issues the learner's certificate for the achievement, unless they already hold one: the
/// subject key is unique, so two requests completing the same course at once issue one.
pub async fn issue(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    user_id: i32,
    a: &Achievement<'_>,
    today: NaiveDate,
) -> Result<()> {
    let key = format!("{}:{}:{}", a.kind.as_str(), a.subject_id, user_id);
    // A fresh code collides with another once in 2^50 draws; a few tries make it certain.
    for _ in 0..4 {
        let code = draw_code();
        let row = certificate::ActiveModel {
            code: Set(code.clone()),
            subject_key: Set(key.clone()),
            user_id: Set(user_id),
            kind: Set(a.kind.as_str().to_owned()),
            programme_code: Set(a.programme_code.to_owned()),
            title: Set(a.title.to_owned()),
            issued_on: Set(today),
            score: Set(a.score),
            created_at: Set(now()),
            ..Default::default()
        };
        let inserted = certificate::Entity::insert(row)
            .on_conflict_do_nothing()
            .exec_without_returning(db)
            .await?;
        if matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
            let event = Event::CertificateIssued {
                code: &code,
                title: a.title,
            };
            return outbox::record(db, xapi, user_id, &event, now()).await;
        }
        if held(db, &key).await? {
            return Ok(());
        }
    }
    Err(Error::internal("no free certificate code"))
}

fn draw_code() -> String {
    let mut rng = rand::rng();
    let mut indices = [0u8; CODE_LEN];
    for i in &mut indices {
        *i = rng.random_range(0..32);
    }
    code_from_indices(&indices)
}

async fn held(db: &impl ConnectionTrait, key: &str) -> Result<bool> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::SubjectKey.eq(key))
        .one(db)
        .await?
        .is_some())
}

/// The certificate a typed code names; `NotFound` for a code that names none (or cannot be one).
pub async fn verify(db: &impl ConnectionTrait, typed: &str) -> Result<CertificateView> {
    Ok(verify_for(db, typed, None).await?.0)
}

/// [`verify`], and whether `viewer` may download the certificate (see [`for_download`]).
pub async fn verify_for(
    db: &impl ConnectionTrait,
    typed: &str,
    viewer: Option<&Actor>,
) -> Result<(CertificateView, Powers)> {
    let row = find(db, typed).await?;
    let powers = match viewer {
        Some(a) => {
            // One question to the database for both powers.
            let admin = administers_holder(db, a, &row).await?;
            Powers {
                download: is_holder(a, &row) || admin,
                revoke: row.revoked_on.is_none() && admin,
            }
        }
        None => Powers::default(),
    };
    let holder = holder_name(db, row.user_id).await?;
    Ok((to_view(row, holder), powers))
}

/// What the viewer of a certificate may do with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Powers {
    pub download: bool,
    pub revoke: bool,
}

/// Its holder, or an admin who reaches the holder.
async fn may_download(
    db: &impl ConnectionTrait,
    actor: &Actor,
    row: &certificate::Model,
) -> Result<bool> {
    Ok(is_holder(actor, row) || administers_holder(db, actor, row).await?)
}

fn is_holder(actor: &Actor, row: &certificate::Model) -> bool {
    row.user_id == actor.id()
}

/// The national admin, or the admin of the holder's province ([`accounts_of`]).
async fn administers_holder(
    db: &impl ConnectionTrait,
    actor: &Actor,
    row: &certificate::Model,
) -> Result<bool> {
    match admin_scope(actor) {
        Some(scope) => reaches_account(db, scope, row.user_id).await,
        None => Ok(false),
    }
}

async fn find(db: &impl ConnectionTrait, typed: &str) -> Result<certificate::Model> {
    let code = normalise_code(typed).ok_or(Error::NotFound)?;
    certificate::Entity::find()
        .filter(certificate::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

async fn holder_name(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<String>> {
    let user = user::Entity::find_by_id(user_id).one(db).await?;
    Ok(user.map(|u| u.full_name).filter(|n| !n.trim().is_empty()))
}

/// A user's certificates, newest first.
pub async fn of_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<CertificateView>> {
    let holder = holder_name(db, user_id).await?;
    let rows = certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(user_id))
        .order_by_desc(certificate::Column::IssuedOn)
        .order_by_desc(certificate::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| to_view(r, holder.clone()))
        .collect())
}

/// The certificate as its holder downloads it: only the holder (or an admin) may.
pub async fn for_download(
    db: &impl ConnectionTrait,
    actor: &Actor,
    typed: &str,
) -> Result<CertificateView> {
    let row = row_for_download(db, actor, typed).await?;
    let holder = holder_name(db, row.user_id).await?;
    Ok(to_view(row, holder))
}

/// The row of [`for_download`] (what a credential is made from): `NotFound` to anyone else.
pub async fn row_for_download(
    db: &impl ConnectionTrait,
    actor: &Actor,
    typed: &str,
) -> Result<certificate::Model> {
    let row = find(db, typed).await?;
    if !may_download(db, actor, &row).await? {
        return Err(Error::NotFound);
    }
    Ok(row)
}

/// Revokes a certificate (the national admin, or the admin of its holder's province), with the
/// reason the public page will show.
pub async fn revoke(
    db: &impl ConnectionTrait,
    actor: &Actor,
    typed: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<CertificateView> {
    require(admin_scope(actor).is_some())?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("reason", "reason_required"));
    }
    let row = find(db, typed).await?;
    require(administers_holder(db, actor, &row).await?)?;
    if row.revoked_on.is_some() {
        return Err(Error::Conflict("already_revoked"));
    }
    let before = audit::json(snapshot(&row));
    let mut active = certificate::ActiveModel::from(row);
    active.revoked_on = Set(Some(today));
    active.revoked_reason = Set(Some(reason.to_owned()));
    active.revoked_by = Set(Some(actor.id()));
    let saved = active.update(db).await?;
    audit::record(
        db,
        Change {
            actor: actor.who(),
            action: "revoke",
            object_kind: "certificate",
            object_id: saved.code.clone(),
            before,
            after: audit::json(snapshot(&saved)),
        },
    )
    .await?;
    let holder = holder_name(db, saved.user_id).await?;
    Ok(to_view(saved, holder))
}

/// What the audit log keeps of a certificate: no personal data beyond the account id.
fn snapshot(row: &certificate::Model) -> serde_json::Value {
    serde_json::json!({
        "code": row.code,
        "user_id": row.user_id,
        "programme_code": row.programme_code,
        "revoked_on": row.revoked_on,
        "revoked_reason": row.revoked_reason,
    })
}

fn to_view(row: certificate::Model, holder: Option<String>) -> CertificateView {
    let revoked = row.revoked_on.map(|on| Revocation {
        on,
        reason: row.revoked_reason.clone().unwrap_or_default(),
    });
    CertificateView {
        kind: CertificateKind::parse(&row.kind).unwrap_or(CertificateKind::Course),
        code: row.code,
        programme_code: row.programme_code,
        title: row.title,
        holder,
        issued_on: row.issued_on,
        score: row.score,
        revoked,
    }
}

//! Linking a roster member to a user account, so the platform's own completions count for
//! them: the person claims their record with its staff code plus their personal ID number or
//! email, or hr confirms an account whose email or phone is the one on the roster.
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::audit::{self, Change};
use crate::authz::Actor;
use crate::entity::{person, user};
use crate::person::{candidates, in_scope};
use crate::{Error, Result};

/// The staff record linked to this account, if any.
pub async fn linked_to(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<person::Model>> {
    Ok(person::Entity::find()
        .filter(person::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// The signed-in person claims a staff record. A wrong code and a wrong proof get the same
/// answer, so the form tells nothing about who is on the roster.
pub async fn claim(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_code: &str,
    proof: &str,
) -> Result<()> {
    // An API token has no account to link.
    crate::authz::require(actor.token.is_none())?;
    if linked_to(db, actor.id()).await?.is_some() {
        return Err(Error::Conflict("account_already_linked"));
    }
    let found = person::Entity::find()
        .filter(person::Column::StaffCode.eq(staff_code.trim()))
        .one(db)
        .await?;
    let Some(person) = found.filter(|p| proves(p, proof)) else {
        return Err(Error::invalid("proof", "link_not_matched"));
    };
    if person.user_id.is_some() {
        return Err(Error::Conflict("person_already_linked"));
    }
    set_link(db, actor, person, Some(actor.id()), "link_claim").await
}

/// The personal ID number (digits only) or the email (any case) on the roster.
fn proves(p: &person::Model, proof: &str) -> bool {
    let proof = proof.trim();
    if proof.is_empty() {
        return false;
    }
    let digits: String = proof.chars().filter(|c| !c.is_whitespace()).collect();
    p.personal_id.as_deref().is_some_and(|id| id == digits)
        || p.email
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(proof))
}

/// hr confirms that an account matching the roster's email or phone is the person's.
pub async fn confirm(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_code: &str,
    user_id: i32,
) -> Result<()> {
    let person = in_scope(db, actor, staff_code).await?.person;
    if person.user_id.is_some() {
        return Err(Error::Conflict("person_already_linked"));
    }
    if !candidates(db, &person)
        .await?
        .iter()
        .any(|c| c.id == i64::from(user_id))
    {
        return Err(Error::invalid("user_id", "link_not_matched"));
    }
    if linked_to(db, user_id).await?.is_some() {
        return Err(Error::Conflict("account_already_linked"));
    }
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    set_link(db, actor, person, Some(user_id), "link_confirm").await
}

/// hr undoes a link made by mistake.
pub async fn unlink(db: &impl ConnectionTrait, actor: &Actor, staff_code: &str) -> Result<()> {
    let person = in_scope(db, actor, staff_code).await?.person;
    if person.user_id.is_none() {
        return Ok(());
    }
    set_link(db, actor, person, None, "link_remove").await
}

async fn set_link(
    db: &impl ConnectionTrait,
    actor: &Actor,
    p: person::Model,
    user_id: Option<i32>,
    action: &'static str,
) -> Result<()> {
    let before = serde_json::json!({ "user_id": p.user_id });
    let object_id = p.staff_code.clone();
    let mut active: person::ActiveModel = p.into();
    active.user_id = Set(user_id);
    active.update(db).await?;
    let after = serde_json::json!({ "user_id": user_id });
    if let Some(user_id) = user_id {
        // Courses the account completed before the link now count for the person.
        crate::platform_records::sync_user(db, user_id).await?;
    }
    audit::record(
        db,
        Change {
            actor: actor.who(),
            action,
            object_kind: "person",
            object_id,
            before: Some(before),
            after: Some(after),
        },
    )
    .await
}

//! Linking a roster member to a user account, so the platform's own completions count for
//! them. The person claims their record with its staff code plus the full personal ID number
//! the roster holds (an e-mail is no proof: official addresses are public); attempts are
//! limited per account and per address like sign-in, and every attempt is audited. A link hr
//! proposes waits for the account holder (`link_proposals`); hr may undo a link.
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::access::audit::{self, Change};
use crate::access::authz::Actor;
use crate::entity::{link_proposal, person};
use crate::hr::scope::in_scope;
use crate::{Error, Result, access::ratelimit};

/// A personal ID number (căn cước) has twelve digits.
const PERSONAL_ID_DIGITS: usize = 12;

/// The staff record linked to this account, if any.
pub async fn linked_to(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<person::Model>> {
    Ok(person::Entity::find()
        .filter(person::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// The signed-in person claims a staff record with its staff code and their full personal ID
/// number. A wrong code, a wrong number, a record without a number and anything that is not a
/// number all get the same answer, so the form tells nothing about who is on the roster. The
/// attempt is counted before the check (so parallel attempts cannot pass the limit) and
/// audited without the number.
pub async fn claim(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_code: &str,
    proof: &str,
    ip: &str,
) -> Result<()> {
    // An API token has no account to link; a facilitator's assisted session is not the person.
    crate::access::authz::require(actor.token.is_none() && actor.assisted_by.is_none())?;
    if linked_to(db, actor.id()).await?.is_some() {
        claim_audit(db, actor, "link_claim_failed", None).await?;
        return Err(Error::Conflict("account_already_linked"));
    }
    // Counted apart from sign-ins (their own kind), with the same limits.
    let account = actor.id().to_string();
    let attempt = ratelimit::Attempt {
        kind: ratelimit::Kind::Claim,
        login: &account,
        ip,
        device: None,
    };
    let Some(reservation) = ratelimit::reserve(db, &attempt, &ratelimit::CLAIM_LIMITS).await?
    else {
        claim_audit(db, actor, "link_claim_limited", None).await?;
        return Err(Error::RateLimited);
    };
    // A failed claim keeps counting; a claim that links starts the account afresh.
    ratelimit::keep(reservation);
    // Two provinces may hold the same staff code: the ID number tells which is theirs.
    let found = person::Entity::find()
        .filter(person::Column::StaffCode.eq(staff_code.trim()))
        .all(db)
        .await?;
    let matched = found.into_iter().find(|p| proves(p, proof));
    let Some(person) = matched else {
        claim_audit(db, actor, "link_claim_failed", None).await?;
        return Err(Error::invalid("proof", "link_not_matched"));
    };
    if person.user_id.is_some() {
        claim_audit(db, actor, "link_claim_failed", Some(&person.staff_code)).await?;
        return Err(Error::Conflict("person_already_linked"));
    }
    ratelimit::clear(db, ratelimit::Kind::Claim, &account).await?;
    crate::access::security_log::claim("link_claim", actor.id());
    set_link(db, actor, person, Some(actor.id()), "link_claim").await
}

/// The full personal ID number on the roster, typed with or without spaces. A record without
/// a number cannot be claimed this way (its holder asks their hr officer).
fn proves(p: &person::Model, proof: &str) -> bool {
    let digits: String = proof.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == PERSONAL_ID_DIGITS
        && digits.chars().all(|c| c.is_ascii_digit())
        && p.personal_id.as_deref().is_some_and(|id| id == digits)
}

/// A refused or limited claim, on the account (so erasing the account empties it). The staff
/// code is named only when it proved right, never the number typed.
async fn claim_audit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &'static str,
    staff_code: Option<&str>,
) -> Result<()> {
    crate::access::security_log::claim(action, actor.id());
    audit::record(
        db,
        Change {
            actor: actor.who(),
            action,
            object_kind: "user",
            object_id: actor.id().to_string(),
            before: None,
            after: staff_code.map(|c| serde_json::json!({ "staff_code": c })),
        },
    )
    .await
}

/// hr undoes a link made by mistake; a proposal still waiting is withdrawn too.
pub async fn unlink(db: &impl ConnectionTrait, actor: &Actor, staff_code: &str) -> Result<()> {
    let person = in_scope(db, actor, staff_code).await?.person;
    link_proposal::Entity::delete_many()
        .filter(link_proposal::Column::PersonId.eq(person.id))
        .exec(db)
        .await?;
    if person.user_id.is_none() {
        return Ok(());
    }
    set_link(db, actor, person, None, "link_remove").await
}

/// Writes the link (or its removal) and audits it; a new link brings in what the account
/// completed before.
pub(crate) async fn set_link(
    db: &impl ConnectionTrait,
    actor: &Actor,
    p: person::Model,
    user_id: Option<i32>,
    action: &'static str,
) -> Result<()> {
    let before = serde_json::json!({ "user_id": p.user_id });
    let object_id = p.staff_code.clone();
    if user_id.is_some() {
        // A proposal for someone now linked otherwise has nothing left to ask.
        link_proposal::Entity::delete_many()
            .filter(link_proposal::Column::PersonId.eq(p.id))
            .filter(link_proposal::Column::Status.eq("proposed"))
            .exec(db)
            .await?;
    }
    let mut active: person::ActiveModel = p.into();
    active.user_id = Set(user_id);
    active.update(db).await?;
    let after = serde_json::json!({ "user_id": user_id });
    if let Some(user_id) = user_id {
        // Courses the account completed before the link now count for the person.
        crate::hr::platform_records::sync_user(db, user_id).await?;
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

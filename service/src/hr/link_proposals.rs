//! Links hr proposes (issue 17, hole 3). hr names an account by its e-mail, phone or login; the
//! account's holder is asked on their next visit and accepts or refuses. Until they accept,
//! nothing of the account is linked, so hr sees nothing of it (no name, attempts or
//! certificates) and its platform completions count for no unit. hr only ever learns the
//! state: proposed, accepted or refused; the answer to a proposal is the same whether or not
//! an account has the address, so hr learns nothing about who is registered.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::access::audit::{self, Change};
use crate::access::authz::Actor;
use crate::entity::{assignment, link_proposal, person, unit, user};
use crate::hr::linking::{linked_to, set_link};
use crate::hr::scope::in_scope;
use crate::{Error, Result, now};

pub const PROPOSED: &str = "proposed";
pub const ACCEPTED: &str = "accepted";
pub const REFUSED: &str = "refused";

/// A proposal as its account's holder sees it: which record, of which unit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Pending {
    pub id: i32,
    pub staff_code: String,
    pub full_name: String,
    pub unit: Option<String>,
}

/// hr proposes to link the person to the account with this e-mail, phone or login. Replaces an
/// earlier proposal for the person.
pub async fn propose(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    staff_code: &str,
    contact: &str,
) -> Result<()> {
    let person = in_scope(db, actor, staff_code).await?.person;
    if person.user_id.is_some() {
        return Err(Error::Conflict("person_already_linked"));
    }
    if person.pseudonymised_at.is_some() {
        return Err(Error::Conflict("person_pseudonymised"));
    }
    let login = domain::Login::parse(contact)
        .map_err(|_| Error::invalid("contact", "link_contact_invalid"))?;
    let account = account_with(db, login.as_str()).await?;
    let txn = db.begin().await?;
    link_proposal::Entity::delete_many()
        .filter(link_proposal::Column::PersonId.eq(person.id))
        .exec(&txn)
        .await?;
    link_proposal::ActiveModel {
        person_id: Set(person.id),
        user_id: Set(account),
        status: Set(PROPOSED.to_owned()),
        proposed_by_user: Set(actor.who().user),
        proposed_by_token: Set(actor.who().token),
        proposed_at: Set(now()),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    state_audit(&txn, actor, "link_propose", &person.staff_code, PROPOSED).await?;
    txn.commit().await?;
    Ok(())
}

/// The enabled account whose login, e-mail or phone this is.
async fn account_with(db: &impl ConnectionTrait, value: &str) -> Result<Option<i32>> {
    let found = user::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(user::Column::Login.eq(value))
                .add(user::Column::Email.eq(value))
                .add(user::Column::Phone.eq(value)),
        )
        .filter(user::Column::Disabled.eq(false))
        .filter(user::Column::ErasedAt.is_null())
        .order_by_asc(user::Column::Id)
        .one(db)
        .await?;
    Ok(found.map(|u| u.id))
}

/// What became of hr's latest proposal for the person, or `claimed` when the person linked
/// their account themselves; `None` when there is neither.
pub async fn state_of(db: &impl ConnectionTrait, p: &person::Model) -> Result<Option<String>> {
    let row = link_proposal::Entity::find()
        .filter(link_proposal::Column::PersonId.eq(p.id))
        .one(db)
        .await?;
    Ok(match row {
        Some(r) => Some(r.status),
        None => p.user_id.map(|_| "claimed".to_owned()),
    })
}

/// Proposals waiting for this account's answer.
pub async fn pending_for(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<Pending>> {
    let rows = link_proposal::Entity::find()
        .filter(link_proposal::Column::UserId.eq(user_id))
        .filter(link_proposal::Column::Status.eq(PROPOSED))
        .order_by_asc(link_proposal::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(p) = person::Entity::find_by_id(r.person_id).one(db).await? else {
            continue;
        };
        out.push(Pending {
            id: r.id,
            unit: latest_unit(db, p.id).await?,
            staff_code: p.staff_code,
            full_name: p.full_name,
        });
    }
    Ok(out)
}

/// The unit of the person's latest assignment, as "name (code)".
async fn latest_unit(db: &impl ConnectionTrait, person_id: i32) -> Result<Option<String>> {
    let Some(a) = assignment::Entity::find()
        .filter(assignment::Column::PersonId.eq(person_id))
        .order_by_desc(assignment::Column::StartDate)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(unit::Entity::find_by_id(a.unit_id)
        .one(db)
        .await?
        .map(|u| format!("{} ({})", u.name, u.code)))
}

/// The account's holder accepts or refuses a proposal made to them. Anyone else's proposal,
/// or one already answered, is "not found". Accepting links the record (and brings in what
/// the account completed before); refusing keeps nothing of the account.
pub async fn answer(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    accept: bool,
) -> Result<()> {
    crate::access::authz::require(actor.token.is_none() && actor.assisted_by.is_none())?;
    let row = link_proposal::Entity::find_by_id(id)
        .filter(link_proposal::Column::UserId.eq(actor.id()))
        .filter(link_proposal::Column::Status.eq(PROPOSED))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let person = person::Entity::find_by_id(row.person_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    if accept && person.user_id.is_some() {
        return Err(Error::Conflict("person_already_linked"));
    }
    if accept && linked_to(db, actor.id()).await?.is_some() {
        return Err(Error::Conflict("account_already_linked"));
    }
    let txn = db.begin().await?;
    let staff_code = person.staff_code.clone();
    let mut row = row.into_active_model();
    row.status = Set(if accept { ACCEPTED } else { REFUSED }.to_owned());
    row.decided_at = Set(Some(now()));
    if accept {
        row.update(&txn).await?;
        set_link(&txn, actor, person, Some(actor.id()), "link_accept").await?;
    } else {
        row.user_id = Set(None);
        row.update(&txn).await?;
        state_audit(&txn, actor, "link_refuse", &staff_code, REFUSED).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn state_audit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &'static str,
    staff_code: &str,
    status: &str,
) -> Result<()> {
    audit::record(
        db,
        Change {
            actor: actor.who(),
            action,
            object_kind: "person",
            object_id: staff_code.to_owned(),
            before: None,
            after: Some(serde_json::json!({ "link": status })),
        },
    )
    .await
}

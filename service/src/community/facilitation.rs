//! What a facilitator (member of a commune's community digital team) does for residents:
//! registers them on their behalf with their consent, enrols them in courses, and helps them
//! learn on the facilitator's own phone in an assisted session whose records are the resident's.
use std::collections::{HashMap, HashSet};

use domain::Role;
use domain::community::Resident;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::access::accounts::{Registration, register_by};
use crate::access::authz::{Actor, require};
use crate::access::password::Passwords;
use crate::community::teams::facilitates;
use crate::entity::{course, course_completion, enrolment, user, user_role};
use crate::{Error, Result, access::audit, access::ratelimit, hr::units, learn::catalogue, now};

/// Registers a resident of the facilitator's commune, from `client_ip`. The resident's consent
/// is required, as when they register themselves; the facilitator is recorded as who took it.
/// Every attempt counts against [`ratelimit::ASSISTED_REGISTRATION_LIMITS`].
pub async fn register_resident(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    actor: &Actor,
    form: &Registration,
    client_ip: &str,
) -> Result<user::Model> {
    let commune = units::find_by_code(db, actor.province(), form.commune_code.trim()).await?;
    let Some(commune) = commune.filter(|c| facilitates(actor, c.id)) else {
        return Err(Error::Forbidden);
    };
    let facilitator = format!("facilitator:{}", actor.id());
    let attempt = ratelimit::Attempt {
        kind: ratelimit::Kind::Register,
        login: &facilitator,
        ip: client_ip,
        device: None,
    };
    match ratelimit::reserve(db, &attempt, &ratelimit::ASSISTED_REGISTRATION_LIMITS).await? {
        Some(counted) => ratelimit::keep(counted),
        None => return Err(Error::RegistrationLimited),
    }
    // The resident lives in the commune checked above, whatever province the form names.
    let province = crate::entity::province::Entity::find_by_id(commune.province_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let form = Registration {
        province_code: province.code,
        ..form.clone()
    };
    register_by(db, passwords, &form, Some(actor.id())).await
}

/// A resident the actor may act for: registered by a facilitator, living in a commune where
/// the actor is a facilitator, holding no role but learner, account not erased or disabled.
/// Anyone else is "not found", so a facilitator cannot probe other accounts.
pub(crate) async fn resident_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
) -> Result<user::Model> {
    let resident = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.registered_by.is_some() && u.erased_at.is_none() && !u.disabled)
        .filter(|u| u.home_unit_id.is_some_and(|c| facilitates(actor, c)))
        .ok_or(Error::NotFound)?;
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    if roles.iter().any(|r| r.role != Role::Learner.as_str()) {
        return Err(Error::NotFound);
    }
    Ok(resident)
}

/// The residents registered through the actor's communes' facilitators, newest first.
pub async fn residents(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<Resident>> {
    let communes: Vec<i32> = actor
        .grants
        .iter()
        .filter(|g| g.role == Role::Facilitator)
        .filter_map(|g| g.unit.as_ref().map(|u| u.id))
        .collect();
    require(actor.token.is_none() && !communes.is_empty())?;
    let people = user::Entity::find()
        .filter(user::Column::HomeUnitId.is_in(communes))
        .filter(user::Column::RegisteredBy.is_not_null())
        .filter(user::Column::ErasedAt.is_null())
        .order_by_desc(user::Column::CreatedAt)
        .all(db)
        .await?;
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let codes = course_codes(db).await?;
    let enrolled = by_user(
        enrolment::Entity::find()
            .filter(enrolment::Column::UserId.is_in(ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|e| (e.user_id, e.course_id)),
        &codes,
    );
    let completed = by_user(
        course_completion::Entity::find()
            .filter(course_completion::Column::UserId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.user_id, c.course_id)),
        &codes,
    );
    Ok(people
        .into_iter()
        .map(|p| Resident {
            user_id: p.id,
            enrolled: enrolled.get(&p.id).cloned().unwrap_or_default(),
            completed: completed.get(&p.id).cloned().unwrap_or_default(),
            registered_on: domain::dates::vietnam_date(p.created_at).to_string(),
            full_name: p.full_name,
            login: p.login,
        })
        .collect())
}

async fn course_codes(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>> {
    Ok(course::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.code))
        .collect())
}

fn by_user(
    pairs: impl Iterator<Item = (i32, i32)>,
    codes: &HashMap<i32, String>,
) -> HashMap<i32, Vec<String>> {
    let mut out: HashMap<i32, Vec<String>> = HashMap::new();
    let mut seen = HashSet::new();
    for (user, course) in pairs {
        if let Some(code) = codes.get(&course)
            && seen.insert((user, course))
        {
            out.entry(user).or_default().push(code.clone());
        }
    }
    for list in out.values_mut() {
        list.sort();
    }
    out
}

/// Enrols a learner in a published course: the learner themselves, or a facilitator for a
/// resident they may act for. Enrolling twice changes nothing.
pub async fn enrol(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
    course_code: &str,
) -> Result<()> {
    if user_id != actor.id() || actor.token.is_some() {
        resident_for(db, actor, user_id).await?;
    }
    let course = catalogue::published(db, course_code.trim()).await?;
    let row = enrolment::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course.id),
        enrolled_by: Set(Some(actor.id())),
        enrolled_at: Set(now()),
        ..Default::default()
    };
    let inserted = enrolment::Entity::insert(row)
        .on_conflict_do_nothing_on([enrolment::Column::UserId, enrolment::Column::CourseId])
        .exec_without_returning(db)
        .await?;
    let added = matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0);
    if added && user_id != actor.id() {
        audit::record(
            db,
            audit::Change {
                actor: actor.who(),
                action: "enrol",
                object_kind: "user",
                object_id: user_id.to_string(),
                before: None,
                after: audit::json(serde_json::json!({"course": course.code})),
            },
        )
        .await?;
    }
    Ok(())
}

/// Opens a session as the resident on the facilitator's device; the session remembers who is
/// helping, and the page says so. Returns the new session's token.
pub async fn start_assisting(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
) -> Result<String> {
    let resident = resident_for(db, actor, user_id).await?;
    let token = crate::access::sessions::create_assisted(db, resident.id, Some(actor.id())).await?;
    audit::record(
        db,
        audit::Change {
            actor: actor.who(),
            action: "start_assisting",
            object_kind: "user",
            object_id: resident.id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(token)
}

/// The name of the facilitator helping in an assisted session (their id and name), if the
/// account still exists.
pub async fn helper_name(db: &impl ConnectionTrait, helper: i32) -> Result<Option<(i32, String)>> {
    Ok(user::Entity::find_by_id(helper)
        .one(db)
        .await?
        .filter(|u| u.erased_at.is_none())
        .map(|u| (u.id, u.full_name)))
}

/// Ends an assisted session: the resident's session on this device is closed, and nothing
/// else opens. The facilitator signs in again with their password: the resident's cookie alone
/// must never become a session of the facilitator's (who may hold hr or admin roles besides).
pub async fn stop_assisting(db: &impl ConnectionTrait, actor: &Actor, token: &str) -> Result<()> {
    let (helper, _) = actor.assisted_by.clone().ok_or(Error::NotFound)?;
    crate::access::sessions::end(db, token).await?;
    audit::record(
        db,
        audit::Change {
            actor: audit::Who::user(helper),
            action: "stop_assisting",
            object_kind: "user",
            object_id: actor.id().to_string(),
            before: None,
            after: None,
        },
    )
    .await
}

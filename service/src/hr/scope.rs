//! Which roster members an HR officer (or a unit's API token) may see: anyone who belongs or
//! belonged to a unit of their subtree. Everyone else is "not found", so that their existence
//! is not disclosed. The person page, linking and link proposals start here.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::access::authz::{Actor, can_manage_unit};
use crate::entity::{assignment, person, unit};
use crate::{Error, Result};

/// The roster member with this staff code in a province; with no province (the national
/// admin), the one of any province, refused as ambiguous when several provinces have it.
pub(crate) async fn person_by_code(
    db: &impl ConnectionTrait,
    province: Option<i32>,
    staff_code: &str,
) -> Result<Option<person::Model>> {
    let mut find = person::Entity::find().filter(person::Column::StaffCode.eq(staff_code.trim()));
    if let Some(p) = province {
        find = find.filter(person::Column::ProvinceId.eq(p));
    }
    let mut found = find.limit(2).all(db).await?;
    if found.len() > 1 {
        return Err(Error::invalid("staff_code", "ambiguous_unit"));
    }
    Ok(found.pop())
}

/// A person with their assignments, each with its unit, oldest first.
pub struct Scoped {
    pub person: person::Model,
    pub assignments: Vec<(assignment::Model, unit::Model)>,
}

/// The person with this staff code, if the actor manages a unit the person belongs or belonged
/// to. Someone outside the actor's subtree is "not found": their existence is not disclosed.
pub async fn in_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_code: &str,
) -> Result<Scoped> {
    let person = person_by_code(db, actor.province(), staff_code)
        .await?
        .ok_or(Error::NotFound)?;
    let rows = assignment::Entity::find()
        .filter(assignment::Column::PersonId.eq(person.id))
        .order_by_asc(assignment::Column::StartDate)
        .all(db)
        .await?;
    let unit_ids: Vec<i32> = rows.iter().map(|a| a.unit_id).collect();
    let units = unit::Entity::find()
        .filter(unit::Column::Id.is_in(unit_ids))
        .all(db)
        .await?;
    let assignments: Vec<_> = rows
        .into_iter()
        .filter_map(|a| {
            units
                .iter()
                .find(|u| u.id == a.unit_id)
                .cloned()
                .map(|u| (a, u))
        })
        .collect();
    if !assignments.iter().any(|(_, u)| can_manage_unit(actor, u)) {
        return Err(Error::NotFound);
    }
    Ok(Scoped {
        person,
        assignments,
    })
}

//! Units of the two-tier local government, kept as a tree with a materialised path
//! below its province (`/p1/1/7/`), so a subtree, a province and the nation (`/`) are each one
//! indexed prefix match.
use std::collections::HashMap;

use domain::learning::{matches_search, search_key};
use domain::{UnitLevel, UnitRef};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::access::authz::{Actor, can_manage_unit};
use crate::entity::unit;
use crate::{Error, Result};

/// The unit with this code in a province; with no province (the national admin, or someone
/// signing up), the one unit of any province with it, refused as ambiguous when several
/// provinces have it.
pub async fn find_by_code(
    db: &impl ConnectionTrait,
    province: Option<i32>,
    code: &str,
) -> Result<Option<unit::Model>> {
    let mut find = unit::Entity::find().filter(unit::Column::Code.eq(code));
    if let Some(p) = province {
        find = find.filter(unit::Column::ProvinceId.eq(p));
    }
    let mut found = find.limit(2).all(db).await?;
    match found.len() {
        2 => Err(Error::invalid("unit", "ambiguous_unit")),
        _ => Ok(found.pop()),
    }
}

pub async fn find_by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<unit::Model>> {
    Ok(unit::Entity::find_by_id(id).one(db).await?)
}

/// Creates a unit under an optional parent (given by code). Call inside a transaction:
/// the path needs the new id, so it takes an insert and an update.
pub async fn create(
    db: &impl ConnectionTrait,
    province: i32,
    code: &str,
    name: &str,
    level: UnitLevel,
    parent_code: Option<&str>,
) -> Result<unit::Model> {
    let parent = match parent_code {
        Some(c) => Some(
            find_by_code(db, Some(province), c)
                .await?
                .ok_or_else(|| Error::invalid("parent", "unknown_unit"))?,
        ),
        None => None,
    };
    let inserted = unit::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        level: Set(level.as_str().to_owned()),
        parent_id: Set(parent.as_ref().map(|p| p.id)),
        path: Set(String::new()),
        province_id: Set(province),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let prefix = parent
        .map(|p| p.path)
        .unwrap_or_else(|| crate::province::root_path(province));
    let path = format!("{prefix}{}/", inserted.id);
    let mut active: unit::ActiveModel = inserted.into();
    active.path = Set(path);
    Ok(active.update(db).await?)
}

/// The most communes a picker lists at once: more than the largest province has (about 170
/// since July 2025), so the list is cut only in a deployment unlike any province.
pub const COMMUNE_CHOICES: usize = 200;

/// The communes and wards of a province whose name holds every word of `query`, diacritics and
/// case aside ("song cau" finds "Phường Sông Cầu"), sorted by their folded name (so "Đặc khu"
/// sorts with the d's on every engine), at most [`COMMUNE_CHOICES`]. The filter runs here, not
/// in SQL: a province has a few hundred communes at most, and the folding is the catalogue's.
pub async fn communes_matching(
    db: &impl ConnectionTrait,
    province: i32,
    query: &str,
) -> Result<Vec<UnitRef>> {
    let rows: Vec<(String, String)> = unit::Entity::find()
        .select_only()
        .columns([unit::Column::Code, unit::Column::Name])
        .filter(unit::Column::ProvinceId.eq(province))
        .filter(unit::Column::Level.eq(UnitLevel::Xa.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let mut found: Vec<(String, String, String)> = rows
        .into_iter()
        .map(|(code, name)| (search_key(&name), name, code))
        .filter(|(key, _, _)| matches_search(key, query))
        .collect();
    found.sort();
    Ok(found
        .into_iter()
        .take(COMMUNE_CHOICES)
        .map(|(_, name, code)| unit_ref(code, name, UnitLevel::Xa.as_str()))
        .collect())
}

/// A unit and the code of its parent (`None` at the top), as the tree lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitNode {
    pub unit: UnitRef,
    pub parent: Option<String>,
    /// The code of the unit's province.
    pub province: String,
}

/// The units an actor reads, each after its parent (path order): all of them for the admin,
/// each of an HR officer's subtrees (the top one's parent shown, though it is not listed).
pub async fn tree(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<UnitNode>> {
    crate::hr::dashboard::require_reader(actor)?;
    let all = unit::Entity::find()
        .order_by_asc(unit::Column::Path)
        .all(db)
        .await?;
    let codes: HashMap<i32, String> = all.iter().map(|u| (u.id, u.code.clone())).collect();
    let provinces: HashMap<i32, String> = crate::province::list(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    Ok(all
        .into_iter()
        .filter(|u| can_manage_unit(actor, u))
        .map(|u| UnitNode {
            parent: u.parent_id.and_then(|id| codes.get(&id).cloned()),
            province: provinces.get(&u.province_id).cloned().unwrap_or_default(),
            unit: to_ref(u),
        })
        .collect())
}

pub fn to_ref(u: unit::Model) -> UnitRef {
    unit_ref(u.code, u.name, &u.level)
}

/// A unit as pages and the API show it, from its stored columns.
pub(crate) fn unit_ref(code: String, name: String, level: &str) -> UnitRef {
    UnitRef {
        code,
        name,
        level: UnitLevel::parse(level).unwrap_or(UnitLevel::Tinh),
    }
}

/// True when `inner` is `outer` or lies below it.
pub(crate) fn is_within(inner_path: &str, outer_path: &str) -> bool {
    inner_path.starts_with(outer_path)
}

#[cfg(test)]
mod tests {
    use super::is_within;

    #[test]
    fn subtree_is_a_path_prefix() {
        assert!(is_within("/1/7/", "/1/"));
        assert!(is_within("/p1/7/", "/p1/"));
        assert!(
            !is_within("/p12/7/", "/p1/"),
            "a province's root never matches another's"
        );
        assert!(is_within("/1/", "/1/"));
        assert!(!is_within("/1/", "/1/7/"));
        assert!(
            !is_within("/10/", "/1/"),
            "the trailing slash keeps /1/ from matching /10/"
        );
    }
}

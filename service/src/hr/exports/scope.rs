//! What an export may cover: a unit's subtree or the province, decided by authorization.
use sea_orm::ConnectionTrait;

use crate::access::authz::{Actor, can_export, require};
use crate::entity::unit;
use crate::{Result, hr::indicators};

/// A subtree the actor may read (the province when `unit` is `None`). Made only by
/// [`Scope::of`], so no export can be built without the check.
#[derive(Debug, Clone)]
pub struct Scope {
    unit: Option<unit::Model>,
    /// What the actor sees whole: their province's root, or `/` for the national admin.
    root: String,
}

impl Scope {
    /// The same rule as the indicators: the named unit, which the actor must manage; with no
    /// name, the province for the admin and their own unit for an hr officer.
    pub async fn of(db: &impl ConnectionTrait, actor: &Actor, code: Option<&str>) -> Result<Scope> {
        require(can_export(actor))?;
        Ok(Scope {
            unit: indicators::target_unit(db, actor, code).await?,
            root: actor.root_path(),
        })
    }

    pub fn unit(&self) -> Option<&unit::Model> {
        self.unit.as_ref()
    }

    /// The materialised-path prefix of the subtree (the root without a unit).
    pub fn path(&self) -> &str {
        self.unit
            .as_ref()
            .map_or(self.root.as_str(), |u| u.path.as_str())
    }

    /// What the actor sees whole: the province's root path, or `/` (the nation).
    pub fn root(&self) -> &str {
        &self.root
    }
}

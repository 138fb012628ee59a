//! Who may do what: one function per kind of object, called by every route that touches it.
use domain::{Me, Role, RoleGrant};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{unit, user, user_role};
use crate::hr::units::is_within;
use crate::{Error, Result};

/// A role held by the signed-in person, with the unit it is held for.
#[derive(Clone, Debug)]
pub struct Grant {
    pub role: Role,
    pub unit: Option<unit::Model>,
}

/// The API token a request came with (see [`crate::access::tokens`]); `unit: None` is the province.
#[derive(Clone, Debug)]
pub struct TokenActor {
    pub id: i32,
    pub name: String,
    pub unit: Option<unit::Model>,
}

/// The signed-in person, as every authorization check sees them. A request made with an API
/// token has no account behind it: `user` is then a stand-in with id 0 (no row has it) and
/// `token` says which token, whose only grant is hr of its unit.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: user::Model,
    pub grants: Vec<Grant>,
    pub token: Option<TokenActor>,
    /// In an assisted session: the facilitator helping, by id and name.
    pub assisted_by: Option<(i32, String)>,
}

impl Actor {
    pub fn id(&self) -> i32 {
        self.user.id
    }

    /// Who to write in the audit log for a change this actor makes.
    pub fn who(&self) -> crate::access::audit::Who {
        match &self.token {
            Some(t) => crate::access::audit::Who::token(t.id),
            None => crate::access::audit::Who::user(self.user.id),
        }
    }

    /// The admin, or a token issued for the whole province: no unit bounds what they read.
    pub(crate) fn sees_whole_province(&self) -> bool {
        self.is_admin() || self.token.as_ref().is_some_and(|t| t.unit.is_none())
    }

    pub fn has(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    /// What the browser may know about the signed-in person (no hash, no contact data).
    pub fn me(&self) -> Me {
        Me {
            id: i64::from(self.user.id),
            full_name: self.user.full_name.clone(),
            login: self.user.login.clone(),
            roles: self.grants.iter().map(to_role_grant).collect(),
            assisted_by: self.assisted_by.as_ref().map(|(_, name)| name.clone()),
        }
    }
}

fn to_role_grant(g: &Grant) -> RoleGrant {
    RoleGrant {
        role: g.role,
        unit_code: g.unit.as_ref().map(|u| u.code.clone()),
        unit_name: g.unit.as_ref().map(|u| u.name.clone()),
    }
}

/// Loads the roles of a user, with their units.
pub async fn load_actor(db: &impl ConnectionTrait, user: user::Model) -> Result<Actor> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user.id))
        .find_also_related_unit(db)
        .await?;
    let grants = rows
        .into_iter()
        .filter_map(|(r, unit)| Role::parse(&r.role).map(|role| Grant { role, unit }))
        .collect();
    Ok(Actor {
        user,
        grants,
        token: None,
        assisted_by: None,
    })
}

/// The admin whom the server's command line acts for: the oldest admin account not disabled.
/// Whoever can run `hocvu` on the server already holds the database, so this grants nothing new;
/// it names someone in the audit log.
pub async fn first_admin(db: &impl ConnectionTrait) -> Result<Option<Actor>> {
    let admins: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(Role::Admin.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let user = user::Entity::find()
        .filter(user::Column::Id.is_in(admins))
        .filter(user::Column::Disabled.eq(false))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await?;
    match user {
        Some(u) => Ok(Some(load_actor(db, u).await?)),
        None => Ok(None),
    }
}

/// Turns a refusal into the service error.
pub fn require(allowed: bool) -> Result<()> {
    if allowed {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Users, roles and account states are the admin's alone.
pub(crate) fn can_manage_users(actor: &Actor) -> bool {
    actor.is_admin()
}

/// The unit's people and records: the admin (or a province-wide token), or hr of that unit or
/// of a unit above it.
pub(crate) fn can_manage_unit(actor: &Actor, target: &unit::Model) -> bool {
    actor.sees_whole_province()
        || actor.grants.iter().any(|g| {
            g.role == Role::Hr
                && g.unit
                    .as_ref()
                    .is_some_and(|u| is_within(&target.path, &u.path))
        })
}

/// Exports of the roster, records and indicators: the admin and hr officers (then held to
/// their subtree by the export's scope).
pub(crate) fn can_export(actor: &Actor) -> bool {
    actor.is_admin() || actor.has(Role::Hr)
}

/// API tokens are issued, listed and revoked by the admin alone (a token is never admin).
pub(crate) fn can_manage_tokens(actor: &Actor) -> bool {
    actor.is_admin()
}

/// The audit log names people and shows what they changed: the admin's alone.
pub(crate) fn can_read_audit(actor: &Actor) -> bool {
    actor.is_admin()
}

/// Courses, lessons, the question bank and quizzes: the content team (author) and the admin.
/// An API token is never an author.
pub fn can_author(actor: &Actor) -> bool {
    actor.token.is_none() && (actor.is_admin() || actor.has(Role::Author))
}

/// Helper trait: roles joined with their (optional) unit in one query.
trait FindAlsoUnit {
    async fn find_also_related_unit(
        self,
        db: &impl ConnectionTrait,
    ) -> Result<Vec<(user_role::Model, Option<unit::Model>)>>;
}

impl FindAlsoUnit for sea_orm::Select<user_role::Entity> {
    async fn find_also_related_unit(
        self,
        db: &impl ConnectionTrait,
    ) -> Result<Vec<(user_role::Model, Option<unit::Model>)>> {
        let roles = self.all(db).await?;
        let unit_ids: Vec<i32> = roles.iter().filter_map(|r| r.unit_id).collect();
        let units = if unit_ids.is_empty() {
            Vec::new()
        } else {
            unit::Entity::find()
                .filter(unit::Column::Id.is_in(unit_ids))
                .all(db)
                .await?
        };
        Ok(roles
            .into_iter()
            .map(|r| {
                let u = r
                    .unit_id
                    .and_then(|id| units.iter().find(|u| u.id == id).cloned());
                (r, u)
            })
            .collect())
    }
}

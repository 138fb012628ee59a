//! Who may do what: one function per kind of object, called by every route that touches it.
use domain::{Me, Role, RoleGrant};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entity::{course, person, province, unit, user, user_role};
use crate::hr::units::is_within;
use crate::{Error, Result};

/// A role held by the signed-in person, with the unit it is held for.
#[derive(Clone, Debug)]
pub struct Grant {
    pub role: Role,
    pub unit: Option<unit::Model>,
    /// The province of a province admin's grant.
    pub province: Option<province::Model>,
}

/// The API token a request came with (see [`crate::access::tokens`]); `unit: None` is the province.
#[derive(Clone, Debug)]
pub struct TokenActor {
    pub id: i32,
    pub name: String,
    pub unit: Option<unit::Model>,
    /// The province the token reads in: its unit's, or the province of a province-wide token.
    pub province: i32,
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

    /// Who to write in the audit log for a change this actor makes, in the actor's province.
    pub fn who(&self) -> crate::access::audit::Who {
        let who = match &self.token {
            Some(t) => crate::access::audit::Who::token(t.id),
            None => crate::access::audit::Who::user(self.user.id),
        };
        who.in_province(self.province())
    }

    /// The national admin, a province admin, or a token issued for a whole province: no unit
    /// bounds what they read, only [`Actor::root_path`].
    pub(crate) fn sees_whole_province(&self) -> bool {
        self.is_admin()
            || self.province_admin_of().is_some()
            || self.token.as_ref().is_some_and(|t| t.unit.is_none())
    }

    /// The province a province admin holds the role for (the first, if several).
    pub fn province_admin_of(&self) -> Option<i32> {
        self.grants
            .iter()
            .find(|g| g.role == Role::ProvinceAdmin)
            .and_then(|g| g.province.as_ref().map(|p| p.id))
    }

    /// The province whose codes this actor names: a province admin's, a token's, an hr
    /// officer's or a facilitator's unit's. `None` for the national admin, who reads every
    /// province (and for a learner, who names no unit).
    pub fn province(&self) -> Option<i32> {
        if self.is_admin() {
            return None;
        }
        if let Some(t) = &self.token {
            return Some(t.province);
        }
        self.province_admin_of().or_else(|| {
            self.grants
                .iter()
                .find_map(|g| g.unit.as_ref().map(|u| u.province_id))
        })
    }

    /// The path prefix of everything this actor sees whole: `/` (the nation) for the national
    /// admin, `/p{id}/` for a province admin or a province-wide token. Meaningful only when
    /// [`Actor::sees_whole_province`].
    pub fn root_path(&self) -> String {
        match self.province() {
            Some(p) if !self.is_admin() => crate::province::root_path(p),
            _ => "/".to_owned(),
        }
    }

    /// Admins of either level, and hr officers: they read indicators, rosters and records.
    pub fn reads_records(&self) -> bool {
        self.is_admin() || self.province_admin_of().is_some() || self.has(Role::Hr)
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
        province: g.province.as_ref().map(|p| p.name.clone()),
    }
}

/// Loads the roles of a user, with their units.
pub async fn load_actor(db: &impl ConnectionTrait, user: user::Model) -> Result<Actor> {
    let mut actors = load_actors(db, vec![user]).await?;
    actors.pop().ok_or(Error::NotFound)
}

/// [`load_actor`] for many users at once, in their order: three queries however many they are.
pub async fn load_actors(db: &impl ConnectionTrait, users: Vec<user::Model>) -> Result<Vec<Actor>> {
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids))
        .order_by_asc(user_role::Column::Id)
        .find_also_related_unit(db)
        .await?;
    let province_ids: Vec<i32> = rows.iter().filter_map(|(r, _)| r.province_id).collect();
    let provinces = if province_ids.is_empty() {
        Vec::new()
    } else {
        province::Entity::find()
            .filter(province::Column::Id.is_in(province_ids))
            .all(db)
            .await?
    };
    let grant_of = |(r, unit): &(user_role::Model, Option<unit::Model>)| {
        let province = r
            .province_id
            .and_then(|id| provinces.iter().find(|p| p.id == id).cloned());
        Role::parse(&r.role).map(|role| Grant {
            role,
            unit: unit.clone(),
            province,
        })
    };
    Ok(users
        .into_iter()
        .map(|user| Actor {
            grants: rows
                .iter()
                .filter(|(r, _)| r.user_id == user.id)
                .filter_map(grant_of)
                .collect(),
            user,
            token: None,
            assisted_by: None,
        })
        .collect())
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

/// Where an admin's powers reach: everywhere (the national admin) or one province.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminScope {
    Nation,
    Province(i32),
}

/// The admin powers of an actor's own account (an API token has none): the national admin's,
/// a province admin's, or none.
pub fn admin_scope(actor: &Actor) -> Option<AdminScope> {
    if actor.token.is_some() {
        None
    } else if actor.is_admin() {
        Some(AdminScope::Nation)
    } else {
        actor.province_admin_of().map(AdminScope::Province)
    }
}

/// The accounts of a province: living in one of its communes, linked to one of its roster
/// members, or holding a role for one of its units or for the province itself.
pub(crate) fn accounts_of(province: i32) -> Condition {
    let units = Query::select()
        .column(unit::Column::Id)
        .from(unit::Entity)
        .and_where(unit::Column::ProvinceId.eq(province))
        .to_owned();
    let linked = Query::select()
        .column(person::Column::UserId)
        .from(person::Entity)
        .and_where(person::Column::ProvinceId.eq(province))
        .and_where(person::Column::UserId.is_not_null())
        .to_owned();
    let roles = Query::select()
        .column(user_role::Column::UserId)
        .from(user_role::Entity)
        .cond_where(
            Condition::any()
                .add(user_role::Column::UnitId.in_subquery(units.clone()))
                .add(user_role::Column::ProvinceId.eq(province)),
        )
        .to_owned();
    Condition::any()
        .add(user::Column::HomeUnitId.in_subquery(units))
        .add(user::Column::Id.in_subquery(linked))
        .add(user::Column::Id.in_subquery(roles))
}

/// Whether the account is within the admin's reach (every account for the national admin).
pub(crate) async fn reaches_account(
    db: &impl ConnectionTrait,
    scope: AdminScope,
    user_id: i32,
) -> Result<bool> {
    match scope {
        AdminScope::Nation => Ok(true),
        AdminScope::Province(p) => Ok(user::Entity::find_by_id(user_id)
            .filter(accounts_of(p))
            .one(db)
            .await?
            .is_some()),
    }
}

/// Users, roles and account states: the national admin's, and a province admin's within the
/// province ([`AdminScope`]).
pub(crate) fn can_manage_users(actor: &Actor) -> Result<AdminScope> {
    admin_scope(actor).ok_or(Error::Forbidden)
}

/// The unit's people and records: the national admin, the admin (or a token) of the unit's
/// province, or hr of that unit or of a unit above it.
pub(crate) fn can_manage_unit(actor: &Actor, target: &unit::Model) -> bool {
    (actor.sees_whole_province() && is_within(&target.path, &actor.root_path()))
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
    actor.reads_records()
}

/// API tokens are issued, listed and revoked by the admins (a province admin's within the
/// province); a token is never admin.
pub(crate) fn can_manage_tokens(actor: &Actor) -> bool {
    actor.token.is_none() && (actor.is_admin() || actor.province_admin_of().is_some())
}

/// The audit log names people and shows what they changed: the national admin's, and a
/// province admin's for what was done in the province.
pub(crate) fn can_read_audit(actor: &Actor) -> Result<AdminScope> {
    admin_scope(actor).ok_or(Error::Forbidden)
}

/// Courses, lessons, the question bank and quizzes: the content team (author) and the admin.
/// An API token is never an author.
pub fn can_author(actor: &Actor) -> bool {
    actor.token.is_none() && (actor.is_admin() || actor.has(Role::Author))
}

/// Whose courses an actor writes (their lessons, quizzes, files and voices): every course for
/// the content team (author) and the national admin, the courses its province made for a
/// province admin. The question bank and the quizzes of no course stay the content team's
/// ([`can_author`]).
pub fn author_scope(actor: &Actor) -> Result<AdminScope> {
    if can_author(actor) {
        return Ok(AdminScope::Nation);
    }
    match admin_scope(actor) {
        Some(AdminScope::Province(p)) => Ok(AdminScope::Province(p)),
        _ => Err(Error::Forbidden),
    }
}

/// Whether a course is within an author's scope: a province writes only what it made.
pub fn reaches_course(scope: AdminScope, course: &course::Model) -> bool {
    match scope {
        AdminScope::Nation => true,
        AdminScope::Province(p) => course.province_id == Some(p),
    }
}

/// Whether this person writes the course (and so sees it, its lessons, voices and videos
/// before it is published).
pub fn writes_course(actor: &Actor, course: &course::Model) -> bool {
    author_scope(actor).is_ok_and(|scope| reaches_course(scope, course))
}

/// The courses an author scope lists: every course, or its province's.
pub fn courses_of(scope: AdminScope) -> Condition {
    match scope {
        AdminScope::Nation => Condition::all(),
        AdminScope::Province(p) => Condition::all().add(course::Column::ProvinceId.eq(p)),
    }
}

/// The provinces a person belongs to: their roles' (a unit's, a province admin's), their home
/// commune's and their roster records'. A token belongs to its own province alone, whoever
/// issued it. Sorted, each once.
pub async fn provinces_of(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<i32>> {
    if let Some(t) = &actor.token {
        return Ok(vec![t.province]);
    }
    let mut found: Vec<i32> = actor
        .grants
        .iter()
        .filter_map(|g| {
            g.unit
                .as_ref()
                .map(|u| u.province_id)
                .or_else(|| g.province.as_ref().map(|p| p.id))
        })
        .collect();
    if let Some(home) = actor.user.home_unit_id {
        found.extend(
            unit::Entity::find_by_id(home)
                .one(db)
                .await?
                .map(|u| u.province_id),
        );
    }
    let linked: Vec<i32> = person::Entity::find()
        .select_only()
        .column(person::Column::ProvinceId)
        .filter(person::Column::UserId.eq(actor.user.id))
        .into_tuple()
        .all(db)
        .await?;
    found.extend(linked);
    found.sort_unstable();
    found.dedup();
    Ok(found)
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

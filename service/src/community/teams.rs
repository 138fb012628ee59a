//! The registry of community digital teams (by commune, with their facilitators), and the
//! commune statistics: residents registered, residents who completed a basic course, teams and
//! members, per commune and in total.
use std::collections::HashMap;

use chrono::NaiveDate;
use domain::community::{CommuneFigures, CommuneRow, CommuneStats, Team, TeamMember};
use domain::{Login, Role, UnitLevel};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::access::authz::{Actor, can_manage_unit, require};
use crate::entity::{team, team_member, unit, user};
use crate::error::is_unique_violation;
use crate::sql::Sql;
use crate::{Error, Result, access::admin, access::audit, hr::units, now};

/// The communes whose teams and figures the actor may see: every commune for the admin, those
/// under an hr officer's unit, and a facilitator's own commune.
fn sees_commune(actor: &Actor, commune: &unit::Model) -> bool {
    can_manage_unit(actor, commune) || facilitates(actor, commune.id)
}

/// Whether the actor is a facilitator (team member) of that commune.
pub(crate) fn facilitates(actor: &Actor, commune_id: i32) -> bool {
    actor.token.is_none()
        && actor.grants.iter().any(|g| {
            g.role == Role::Facilitator && g.unit.as_ref().is_some_and(|u| u.id == commune_id)
        })
}

async fn commune(
    db: &impl ConnectionTrait,
    province: Option<i32>,
    code: &str,
) -> Result<unit::Model> {
    units::find_by_code(db, province, code)
        .await?
        .filter(|u| u.level == UnitLevel::Xa.as_str())
        .ok_or_else(|| Error::invalid("commune", "unknown_commune"))
}

async fn visible_communes(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<unit::Model>> {
    let all = unit::Entity::find()
        .filter(unit::Column::Level.eq(UnitLevel::Xa.as_str()))
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?;
    Ok(all.into_iter().filter(|c| sees_commune(actor, c)).collect())
}

/// The teams the actor may see, optionally of one commune, with their members.
pub async fn teams(
    db: &impl ConnectionTrait,
    actor: &Actor,
    commune_code: Option<&str>,
) -> Result<Vec<Team>> {
    let communes: HashMap<i32, unit::Model> = visible_communes(db, actor)
        .await?
        .into_iter()
        .filter(|c| commune_code.is_none_or(|code| c.code == code))
        .map(|c| (c.id, c))
        .collect();
    let rows = team::Entity::find()
        .filter(team::Column::CommuneId.is_in(communes.keys().copied()))
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?;
    let mut members = members_of(db, rows.iter().map(|t| t.id)).await?;
    let mut out: Vec<Team> = rows
        .into_iter()
        .map(|t| Team {
            id: t.id,
            members: members.remove(&t.id).unwrap_or_default(),
            commune: units::to_ref(communes[&t.commune_id].clone()),
            name: t.name,
        })
        .collect();
    out.sort_by(|a, b| (&a.commune.name, &a.name).cmp(&(&b.commune.name, &b.name)));
    Ok(out)
}

async fn members_of(
    db: &impl ConnectionTrait,
    team_ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, Vec<TeamMember>>> {
    let links = team_member::Entity::find()
        .filter(team_member::Column::TeamId.is_in(team_ids))
        .all(db)
        .await?;
    let people: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(links.iter().map(|l| l.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut out: HashMap<i32, Vec<TeamMember>> = HashMap::new();
    for link in links {
        if let Some(u) = people.get(&link.user_id) {
            out.entry(link.team_id).or_default().push(TeamMember {
                user_id: u.id,
                full_name: u.full_name.clone(),
                login: u.login.clone(),
            });
        }
    }
    for list in out.values_mut() {
        list.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    }
    Ok(out)
}

/// A new team in a commune: the admin or hr of a unit above the commune.
pub async fn create_team(
    db: &impl ConnectionTrait,
    actor: &Actor,
    commune_code: &str,
    name: &str,
) -> Result<i32> {
    let commune = commune(db, actor.province(), commune_code.trim()).await?;
    require(actor.token.is_none() && can_manage_unit(actor, &commune))?;
    let name =
        domain::community::check_team_name(name).map_err(|code| Error::invalid("name", code))?;
    let inserted = team::ActiveModel {
        commune_id: Set(commune.id),
        name: Set(name.clone()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            Error::invalid("name", "team_exists")
        } else {
            e.into()
        }
    })?;
    audit::record(
        db,
        audit::Change {
            actor: actor.who().in_province(Some(commune.province_id)),
            action: "create_team",
            object_kind: "team",
            object_id: inserted.id.to_string(),
            before: None,
            after: audit::json(serde_json::json!({"name": name, "commune": commune.code})),
        },
    )
    .await?;
    Ok(inserted.id)
}

async fn managed_team(
    db: &impl ConnectionTrait,
    actor: &Actor,
    team_id: i32,
) -> Result<(team::Model, unit::Model)> {
    let team = team::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let commune = units::find_by_id(db, team.commune_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !sees_commune(actor, &commune) {
        return Err(Error::NotFound);
    }
    require(actor.token.is_none() && can_manage_unit(actor, &commune))?;
    Ok((team, commune))
}

/// Adds a registered user to a team by their login; they become a facilitator of its commune.
pub async fn add_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    team_id: i32,
    login: &str,
) -> Result<()> {
    let (team, commune) = managed_team(db, actor, team_id).await?;
    let key = Login::parse(login)
        .map(|l| l.as_str().to_owned())
        .unwrap_or_default();
    let member = crate::access::accounts::find_by_login(db, &key)
        .await?
        .filter(|u| u.erased_at.is_none() && !u.disabled)
        .ok_or_else(|| Error::invalid("login", "unknown_user"))?;
    let txn = db.begin().await?;
    let added = team_member::ActiveModel {
        team_id: Set(team.id),
        user_id: Set(member.id),
        joined_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match added {
        Err(e) if is_unique_violation(&e) => return Ok(()),
        other => other?,
    };
    admin::ensure_role_for(&txn, member.id, Role::Facilitator, Some(commune.id)).await?;
    audit_member(&txn, actor, "add_team_member", team.id, member.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a member off a team; the facilitator role for the commune goes with their last team
/// there.
pub async fn remove_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    team_id: i32,
    user_id: i32,
) -> Result<()> {
    let (team, commune) = managed_team(db, actor, team_id).await?;
    let txn = db.begin().await?;
    let gone = team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.eq(team.id))
        .filter(team_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(Error::NotFound);
    }
    if !member_elsewhere(&txn, user_id, commune.id).await? {
        admin::drop_role(&txn, user_id, Role::Facilitator, Some(commune.id)).await?;
    }
    audit_member(&txn, actor, "remove_team_member", team.id, user_id).await?;
    txn.commit().await?;
    Ok(())
}

async fn member_elsewhere(
    db: &impl ConnectionTrait,
    user_id: i32,
    commune_id: i32,
) -> Result<bool> {
    let teams: Vec<i32> = team::Entity::find()
        .filter(team::Column::CommuneId.eq(commune_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    Ok(team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(user_id))
        .filter(team_member::Column::TeamId.is_in(teams))
        .one(db)
        .await?
        .is_some())
}

async fn audit_member(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    team_id: i32,
    user_id: i32,
) -> Result<()> {
    audit::record(
        db,
        audit::Change {
            actor: actor.who(),
            action,
            object_kind: "team",
            object_id: team_id.to_string(),
            before: None,
            after: audit::json(serde_json::json!({"user_id": user_id})),
        },
    )
    .await
}

/// A team with one member, made by the demo seed: running the seed again changes nothing.
pub(crate) async fn seed_team(
    db: &impl ConnectionTrait,
    commune_code: &str,
    name: &str,
    login: &str,
) -> Result<()> {
    let commune = commune(db, None, commune_code).await?;
    let member = crate::access::accounts::find_by_login(db, login)
        .await?
        .ok_or(Error::NotFound)?;
    let found = team::Entity::find()
        .filter(team::Column::CommuneId.eq(commune.id))
        .filter(team::Column::Name.eq(name))
        .one(db)
        .await?;
    let team_id = match found {
        Some(t) => t.id,
        None => {
            team::ActiveModel {
                commune_id: Set(commune.id),
                name: Set(name.to_owned()),
                created_at: Set(now()),
                ..Default::default()
            }
            .insert(db)
            .await?
            .id
        }
    };
    let row = team_member::ActiveModel {
        team_id: Set(team_id),
        user_id: Set(member.id),
        joined_at: Set(now()),
        ..Default::default()
    };
    team_member::Entity::insert(row)
        .on_conflict_do_nothing_on([team_member::Column::TeamId, team_member::Column::UserId])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The commune statistics on `as_of` for every commune the actor may see.
pub async fn stats(
    db: &impl ConnectionTrait,
    actor: &Actor,
    as_of: NaiveDate,
) -> Result<CommuneStats> {
    let communes = visible_communes(db, actor).await?;
    if communes.is_empty() && !actor.sees_whole_province() {
        return Err(Error::Forbidden);
    }
    let end = domain::dates::day_end(as_of);
    let registered = grouped(db, REGISTERED, &[end.into()]).await?;
    let completed = grouped(db, COMPLETED_BASIC, &[end.into(), as_of.into()]).await?;
    let teams = grouped(db, TEAMS, &[end.into()]).await?;
    let members = grouped(db, MEMBERS, &[end.into()]).await?;
    let count = |m: &HashMap<i32, u64>, id: i32| m.get(&id).copied().unwrap_or(0);
    let mut total = CommuneFigures {
        residents_registered: 0,
        residents_completed_basic: 0,
        teams: 0,
        members: 0,
    };
    let rows = communes
        .into_iter()
        .map(|c| {
            let figures = CommuneFigures {
                residents_registered: count(&registered, c.id),
                residents_completed_basic: count(&completed, c.id),
                teams: count(&teams, c.id),
                members: count(&members, c.id),
            };
            total.add(&figures);
            CommuneRow {
                unit: units::to_ref(c),
                figures,
            }
        })
        .collect();
    Ok(CommuneStats {
        as_of: as_of.format("%Y-%m-%d").to_string(),
        rows,
        total,
    })
}

/// Residents: accounts made through registration (they consented), counted in their commune;
/// an erased account still counts, since it was registered then.
const REGISTERED: &str = "SELECT home_unit_id, COUNT(*) FROM users \
    WHERE consent_at IS NOT NULL AND home_unit_id IS NOT NULL AND created_at < {0} \
    GROUP BY home_unit_id";
/// The basic course: any course for residents; each resident counted once.
const COMPLETED_BASIC: &str = "SELECT u.home_unit_id, COUNT(DISTINCT u.id) FROM users u \
    JOIN course_completions cc ON cc.user_id = u.id JOIN courses c ON c.id = cc.course_id \
    WHERE u.consent_at IS NOT NULL AND u.home_unit_id IS NOT NULL AND u.created_at < {0} \
    AND c.audience = 'residents' AND cc.completed_on <= {1} GROUP BY u.home_unit_id";
const TEAMS: &str =
    "SELECT commune_id, COUNT(*) FROM teams WHERE created_at < {0} GROUP BY commune_id";
const MEMBERS: &str = "SELECT t.commune_id, COUNT(DISTINCT m.user_id) FROM team_members m \
    JOIN teams t ON t.id = m.team_id WHERE m.joined_at < {0} GROUP BY t.commune_id";

/// Runs a `unit id, count` query whose `{n}` marks are bound to `values[n]`.
async fn grouped(
    db: &impl ConnectionTrait,
    text: &str,
    values: &[sea_orm::Value],
) -> Result<HashMap<i32, u64>> {
    let mut sql = Sql::new(db.get_database_backend());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        sql.push(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap_or(0);
        let n: usize = rest[open + 1..close].parse().unwrap_or(0);
        sql.bind(values[n].clone());
        rest = &rest[close + 1..];
    }
    sql.push(rest);
    let rows = db.query_all_raw(sql.statement()).await?;
    let mut out = HashMap::new();
    for row in rows {
        let id: i32 = row.try_get_by_index(0)?;
        let n: i64 = row.try_get_by_index(1)?;
        out.insert(id, n as u64);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_ends_at_midnight_in_vietnam() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        // 2026-03-02 00:00 +07:00 is 2026-03-01 17:00 UTC.
        assert_eq!(domain::dates::day_end(d), 1_772_384_400);
    }
}

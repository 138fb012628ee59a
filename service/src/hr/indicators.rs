//! The three indicators of SPEC as of a date, for the province or a unit's subtree, counted in SQL.
use chrono::NaiveDate;
use domain::{Ratio, UnitRef};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};
use serde::Serialize;

use crate::access::authz::{Actor, can_manage_unit};
use crate::entity::unit;
use crate::{Error, Result, hr::units};

/// The three ratios of one subtree on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Indicators {
    pub provincial_trained: Ratio,
    pub commune_trained: Ratio,
    pub mastered: Ratio,
}

/// One unit's figures, covering its sub-units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitIndicators {
    pub unit: UnitRef,
    pub indicators: Indicators,
}

/// Active on D: started on or before D, not ended on or before D. Each person has at most one
/// active assignment (periods never overlap), so counting assignments counts people.
/// `{d}` is the backend's placeholder for the date.
const ACTIVE: &str = "a.start_date <= {d} AND (a.end_date IS NULL OR a.end_date > {d})";

/// The six counts over the assignments `a` of units `u`; zero when no row matches.
const SUMS: &str = "\
  COALESCE(SUM(CASE WHEN u.level = 'tinh' AND a.kind IN ('can_bo', 'cong_chuc') THEN 1 ELSE 0 END), 0) AS pd, \
  COALESCE(SUM(CASE WHEN u.level = 'tinh' AND a.kind IN ('can_bo', 'cong_chuc') AND {trained} THEN 1 ELSE 0 END), 0) AS pn, \
  COALESCE(SUM(CASE WHEN u.level = 'xa' AND a.kind IN ('can_bo', 'cong_chuc') THEN 1 ELSE 0 END), 0) AS cd, \
  COALESCE(SUM(CASE WHEN u.level = 'xa' AND a.kind IN ('can_bo', 'cong_chuc') AND {trained} THEN 1 ELSE 0 END), 0) AS cn, \
  COALESCE(SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') THEN 1 ELSE 0 END), 0) AS md, \
  COALESCE(SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') AND {mastered} THEN 1 ELSE 0 END), 0) AS mn";

/// One subtree: the units whose path starts with `{arg}`.
const SUBTREE: &str = "SELECT {sums} FROM assignments a JOIN units u ON u.id = a.unit_id \
  WHERE {active} AND u.path LIKE {arg}";

/// Each child `c` with the assignments of its whole subtree (its path is a prefix of theirs),
/// grouped by child; a child with nobody active still gets its row of zeros.
const BY_CHILD: &str = "SELECT c.code, c.name, c.level, {sums} FROM units c \
  LEFT JOIN units u ON u.path LIKE c.path || '%' \
  LEFT JOIN assignments a ON a.unit_id = u.id AND {active} \
  WHERE {children} GROUP BY c.id, c.code, c.name, c.level ORDER BY c.code";

/// Trained and mastered by D, from the person's first dates kept on each assignment (`crate::firsts`).
const TRAINED: &str = "a.first_trained_on <= {d}";
const MASTERED: &str = "a.first_mastered_on <= {d}";

/// A query with the placeholders each engine understands (`$1` or `?1`, reusable by number):
/// the date is the first argument, `{arg}` the second.
fn sql_for(backend: DbBackend, template: &str) -> String {
    let (d, arg) = match backend {
        DbBackend::Postgres => ("$1", "$2"),
        _ => ("?1", "?2"),
    };
    template
        .replace("{sums}", SUMS)
        .replace("{active}", ACTIVE)
        .replace("{trained}", TRAINED)
        .replace("{mastered}", MASTERED)
        .replace("{d}", d)
        .replace("{arg}", arg)
}

/// The indicators as of `as_of` over the units whose path starts with `path_prefix` (`/` for all).
pub async fn compute(
    db: &impl ConnectionTrait,
    as_of: NaiveDate,
    path_prefix: &str,
) -> Result<Indicators> {
    let backend = db.get_database_backend();
    let values: Vec<Value> = vec![as_of.into(), format!("{path_prefix}%").into()];
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql_for(backend, SUBTREE),
            values,
        ))
        .await?
        .ok_or_else(|| Error::internal("aggregate returned no row"))?;
    indicators_of(&row)
}

fn indicators_of(row: &QueryResult) -> Result<Indicators> {
    let count = |name: &str| -> Result<u64> {
        Ok(u64::try_from(row.try_get::<i64>("", name)?).unwrap_or(0))
    };
    Ok(Indicators {
        provincial_trained: Ratio::new(count("pn")?, count("pd")?),
        commune_trained: Ratio::new(count("cn")?, count("cd")?),
        mastered: Ratio::new(count("mn")?, count("md")?),
    })
}

/// The unit a request is about: the named one (which the actor must manage, in the actor's
/// province), or with no name everything the admin (or a province-wide token) sees whole,
/// [`Actor::root_path`], and their own unit for an hr officer.
pub async fn target_unit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    code: Option<&str>,
) -> Result<Option<unit::Model>> {
    let Some(code) = code else {
        if actor.sees_whole_province() {
            return Ok(None);
        }
        let own = actor
            .grants
            .iter()
            .find(|g| g.role == domain::Role::Hr)
            .and_then(|g| g.unit.clone());
        return own.map(Some).ok_or(Error::Forbidden);
    };
    let unit = units::find_by_code(db, actor.province(), code)
        .await?
        .ok_or(Error::NotFound)?;
    crate::access::authz::require(can_manage_unit(actor, &unit))?;
    Ok(Some(unit))
}

/// The figures of a unit's subtree, or of everything below `root` (a province, or `/` the
/// nation: the sums of the provinces' numerators and denominators) without a unit.
pub async fn for_unit(
    db: &impl ConnectionTrait,
    as_of: NaiveDate,
    unit: Option<&unit::Model>,
    root: &str,
) -> Result<Indicators> {
    compute(db, as_of, unit.map_or(root, |u| u.path.as_str())).await
}

/// One row per direct sub-unit of `unit` (per top-level unit below `root` without one), by
/// code, counted in one grouped query.
pub async fn by_unit(
    db: &impl ConnectionTrait,
    as_of: NaiveDate,
    unit: Option<&unit::Model>,
    root: &str,
) -> Result<Vec<UnitIndicators>> {
    let backend = db.get_database_backend();
    let (children, values): (&str, Vec<Value>) = match unit {
        Some(u) => ("c.parent_id = {arg}", vec![as_of.into(), u.id.into()]),
        None => (
            "c.parent_id IS NULL AND c.path LIKE {arg}",
            vec![as_of.into(), format!("{root}%").into()],
        ),
    };
    let sql = sql_for(backend, &BY_CHILD.replace("{children}", children));
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter().map(unit_row).collect()
}

/// One province's figures, for the national table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceIndicators {
    pub code: String,
    pub name: String,
    pub indicators: Indicators,
}

/// Each province with the assignments of its units, in one grouped query; a province with
/// nobody active still gets its row of zeros.
const BY_PROVINCE: &str = "SELECT p.code, p.name, {sums} FROM provinces p \
  LEFT JOIN units u ON u.province_id = p.id \
  LEFT JOIN assignments a ON a.unit_id = u.id AND {active} \
  {only} GROUP BY p.id, p.code, p.name ORDER BY p.code";

/// The provinces side by side as of a date: every one for the national admin, their own for a
/// province admin or a province's token; nobody else reads this table.
pub async fn by_province(
    db: &impl ConnectionTrait,
    actor: &Actor,
    as_of: NaiveDate,
) -> Result<Vec<ProvinceIndicators>> {
    crate::access::authz::require(actor.sees_whole_province())?;
    let backend = db.get_database_backend();
    let (only, values): (&str, Vec<Value>) = match actor.province() {
        Some(p) => ("WHERE p.id = {arg}", vec![as_of.into(), p.into()]),
        None => ("", vec![as_of.into()]),
    };
    let sql = sql_for(backend, &BY_PROVINCE.replace("{only}", only));
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter()
        .map(|row| {
            Ok(ProvinceIndicators {
                code: row.try_get("", "code")?,
                name: row.try_get("", "name")?,
                indicators: indicators_of(row)?,
            })
        })
        .collect()
}

fn unit_row(row: &QueryResult) -> Result<UnitIndicators> {
    let level: String = row.try_get("", "level")?;
    let unit = units::unit_ref(row.try_get("", "code")?, row.try_get("", "name")?, &level);
    Ok(UnitIndicators {
        unit,
        indicators: indicators_of(row)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_per_engine() {
        for template in [SUBTREE, BY_CHILD, BY_PROVINCE] {
            let pg = sql_for(
                DbBackend::Postgres,
                &template
                    .replace("{children}", "c.parent_id = {arg}")
                    .replace("{only}", "WHERE p.id = {arg}"),
            );
            assert!(
                pg.contains("$1") && pg.contains("$2") && !pg.contains('?') && !pg.contains('{'),
                "{pg}"
            );
            let lite = sql_for(
                DbBackend::Sqlite,
                &template
                    .replace("{children}", "c.parent_id = {arg}")
                    .replace("{only}", "WHERE p.id = {arg}"),
            );
            assert!(
                lite.contains("?1")
                    && lite.contains("?2")
                    && !lite.contains('$')
                    && !lite.contains('{'),
                "{lite}"
            );
        }
    }
}

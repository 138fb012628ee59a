//! The three indicators of SPEC as of a date, for the province or a unit's subtree, counted in SQL.
use chrono::NaiveDate;
use domain::{Ratio, UnitRef};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};
use serde::Serialize;

use crate::access::authz::{Actor, can_manage_unit};
use crate::entity::unit;
use crate::sql::Sql;
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

/// Each unit's four counts (cán bộ and công chức, those trained; cán bộ, công chức and viên chức,
/// those mastered) over its own active assignments, of the units `{unit_filter}` keeps: grouped
/// first, so a whole province or the nation is one pass over the covering index, and the
/// units are joined to a few thousand rows instead of to every assignment. Kept as a
/// `MATERIALIZED` common table expression: counted once, whatever the planner thinks of the
/// path join (as a subquery, PostgreSQL on fresh statistics counted it again per unit: 5 s).
const UNIT_COUNTS: &str = "SELECT a.unit_id, \
  SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc') THEN 1 ELSE 0 END) AS cd, \
  SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc') AND {trained} THEN 1 ELSE 0 END) AS cn, \
  SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') THEN 1 ELSE 0 END) AS md, \
  SUM(CASE WHEN a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') AND {mastered} THEN 1 ELSE 0 END) AS mn \
  FROM assignments a WHERE {active} {unit_filter} GROUP BY a.unit_id";

/// The six counts of [`SUMS`] from units `u` and their counts `x` ([`UNIT_COUNTS`]).
const UNIT_SUMS: &str = "\
  CAST(COALESCE(SUM(CASE WHEN u.level = 'tinh' THEN x.cd ELSE 0 END), 0) AS BIGINT) AS pd, \
  CAST(COALESCE(SUM(CASE WHEN u.level = 'tinh' THEN x.cn ELSE 0 END), 0) AS BIGINT) AS pn, \
  CAST(COALESCE(SUM(CASE WHEN u.level = 'xa' THEN x.cd ELSE 0 END), 0) AS BIGINT) AS cd, \
  CAST(COALESCE(SUM(CASE WHEN u.level = 'xa' THEN x.cn ELSE 0 END), 0) AS BIGINT) AS cn, \
  CAST(COALESCE(SUM(x.md), 0) AS BIGINT) AS md, \
  CAST(COALESCE(SUM(x.mn), 0) AS BIGINT) AS mn";

/// Each child `c` with the counts of the units of its whole subtree (its path is a prefix of
/// theirs, in its province), grouped by child; a child with nobody active still gets its row
/// of zeros. Only the units below `{scope}` (the parent's subtree) are counted.
const BY_CHILD: &str = "WITH x AS MATERIALIZED ({unit_counts}) \
  SELECT c.code, c.name, c.level, {unit_sums} FROM units c \
  LEFT JOIN units u ON u.province_id = c.province_id AND u.path LIKE c.path || '%' \
  LEFT JOIN x ON x.unit_id = u.id \
  WHERE {children} GROUP BY c.id, c.code, c.name, c.level ORDER BY c.code";

/// Trained and mastered by D, from the person's first dates kept on each assignment (`crate::firsts`).
const TRAINED: &str = "a.first_trained_on <= {d}";
const MASTERED: &str = "a.first_mastered_on <= {d}";

/// A query with the placeholders each engine understands (`$1` or `?1`, reusable by number):
/// the date is the first argument, `{arg}` the second, `{arg3}` the third.
fn sql_for(backend: DbBackend, template: &str) -> String {
    let (d, arg, arg3) = match backend {
        DbBackend::Postgres => ("$1", "$2", "$3"),
        _ => ("?1", "?2", "?3"),
    };
    template
        .replace("{unit_sums}", UNIT_SUMS)
        .replace("{sums}", SUMS)
        .replace("{active}", ACTIVE)
        .replace("{trained}", TRAINED)
        .replace("{mastered}", MASTERED)
        .replace("{d}", d)
        .replace("{arg}", arg)
        .replace("{arg3}", arg3)
}

/// The template with its per-unit counts keeping the units `unit_filter` keeps.
fn with_unit_counts(template: &str, unit_filter: &str) -> String {
    template.replace(
        "{unit_counts}",
        &UNIT_COUNTS.replace("{unit_filter}", unit_filter),
    )
}

/// Keeps the counted units to those whose path matches the pattern bound at `placeholder`.
fn units_below(placeholder: &str) -> String {
    format!("AND a.unit_id IN (SELECT s.id FROM units s WHERE s.path LIKE {placeholder})")
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

/// The indicators over the same units at each of `days` (ascending), in one pass over the
/// assignments: each active on some day is put in a group by the first of the days it is
/// active on (`s`), the first it no longer is (`e`), and the first it counts as trained (`t`)
/// and as mastered (`m`), the day's index, or `days.len()` for none; the counts of each day
/// are then summed from the groups. The same counts as [`compute`] on each day (tested).
pub async fn series(
    db: &impl ConnectionTrait,
    days: &[NaiveDate],
    path_prefix: &str,
) -> Result<Vec<Indicators>> {
    if days.is_empty() {
        return Ok(Vec::new());
    }
    if days.windows(2).any(|w| w[0] >= w[1]) {
        return Err(Error::internal("series: the days must ascend"));
    }
    let rows = db
        .query_all_raw(series_sql(db.get_database_backend(), days, path_prefix))
        .await?;
    let mut counts = vec![[0u64; 6]; days.len()];
    for row in &rows {
        add_group(&mut counts, &SeriesGroup::of(row)?);
    }
    Ok(counts.iter().map(|c| indicators_from(*c)).collect())
}

/// `CASE WHEN {col} <= day0 THEN 0 WHEN {col} <= day1 THEN 1 … ELSE n END`: the first day on or
/// after the column's date (`n` for none, and for no date).
fn first_day_index(sql: &mut Sql, column: &str, days: &[NaiveDate]) {
    let n = days.len();
    sql.push(&format!("CAST(CASE WHEN {column} IS NULL THEN {n}"));
    for (k, day) in days.iter().enumerate() {
        sql.push(&format!(" WHEN {column} <= "))
            .bind(*day)
            .push(&format!(" THEN {k}"));
    }
    sql.push(&format!(" ELSE {n} END AS BIGINT) AS "));
}

fn series_sql(backend: DbBackend, days: &[NaiveDate], path_prefix: &str) -> Statement {
    let mut sql = Sql::new(backend);
    sql.push("SELECT u.level AS level, a.kind AS kind, ");
    for (column, name) in [
        ("a.start_date", "s"),
        ("a.end_date", "e"),
        ("a.first_trained_on", "t"),
        ("a.first_mastered_on", "m"),
    ] {
        first_day_index(&mut sql, column, days);
        sql.push(name).push(", ");
    }
    sql.push(
        "COUNT(*) AS n FROM assignments a JOIN units u ON u.id = a.unit_id WHERE u.path LIKE ",
    )
    .bind(format!("{path_prefix}%"))
    .push(" AND a.start_date <= ")
    .bind(days[days.len() - 1])
    .push(" AND (a.end_date IS NULL OR a.end_date > ")
    .bind(days[0])
    .push(
        ") AND a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') GROUP BY u.level, a.kind, 3, 4, 5, 6",
    );
    sql.statement()
}

/// One group of [`series`]: how many assignments share a level, a kind and the four day indices.
struct SeriesGroup {
    provincial: bool,
    commune: bool,
    /// Cán bộ or công chức (the trained indicators' people); else viên chức.
    cadre: bool,
    s: usize,
    e: usize,
    t: usize,
    m: usize,
    n: u64,
}

impl SeriesGroup {
    fn of(row: &QueryResult) -> Result<SeriesGroup> {
        let level: String = row.try_get("", "level")?;
        let kind: String = row.try_get("", "kind")?;
        let index = |name: &str| -> Result<usize> {
            Ok(usize::try_from(row.try_get::<i64>("", name)?).unwrap_or(0))
        };
        Ok(SeriesGroup {
            provincial: level == "tinh",
            commune: level == "xa",
            cadre: kind == "can_bo" || kind == "cong_chuc",
            s: index("s")?,
            e: index("e")?,
            t: index("t")?,
            m: index("m")?,
            n: u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0),
        })
    }
}

/// Adds a group to the days it is active on, in the order of [`SUMS`]: pd, pn, cd, cn, md, mn.
fn add_group(counts: &mut [[u64; 6]], g: &SeriesGroup) {
    for (k, c) in counts.iter_mut().enumerate().take(g.e).skip(g.s) {
        let (trained, mastered) = (g.t <= k, g.m <= k);
        if g.cadre && g.provincial {
            c[0] += g.n;
            c[1] += if trained { g.n } else { 0 };
        }
        if g.cadre && g.commune {
            c[2] += g.n;
            c[3] += if trained { g.n } else { 0 };
        }
        c[4] += g.n;
        c[5] += if mastered { g.n } else { 0 };
    }
}

fn indicators_from([pd, pn, cd, cn, md, mn]: [u64; 6]) -> Indicators {
    Indicators {
        provincial_trained: Ratio::new(pn, pd),
        commune_trained: Ratio::new(cn, cd),
        mastered: Ratio::new(mn, md),
    }
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
    let (children, scope, values): (&str, &str, Vec<Value>) = match unit {
        Some(u) => (
            "c.parent_id = {arg}",
            "{arg3}",
            vec![as_of.into(), u.id.into(), format!("{}%", u.path).into()],
        ),
        None => (
            "c.parent_id IS NULL AND c.path LIKE {arg}",
            "{arg}",
            vec![as_of.into(), format!("{root}%").into()],
        ),
    };
    let template = with_unit_counts(BY_CHILD, &units_below(scope)).replace("{children}", children);
    let sql = sql_for(backend, &template);
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

/// Each province with the counts of its units, in one grouped query; a province with nobody
/// active still gets its row of zeros.
const BY_PROVINCE: &str = "WITH x AS MATERIALIZED ({unit_counts}) \
  SELECT p.code, p.name, {unit_sums} FROM provinces p \
  LEFT JOIN units u ON u.province_id = p.id \
  LEFT JOIN x ON x.unit_id = u.id \
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
    let (only, unit_filter, values): (&str, &str, Vec<Value>) = match actor.province() {
        Some(p) => (
            "WHERE p.id = {arg}",
            "AND a.unit_id IN (SELECT s.id FROM units s WHERE s.province_id = {arg})",
            vec![as_of.into(), p.into()],
        ),
        None => ("", "", vec![as_of.into()]),
    };
    let template = with_unit_counts(BY_PROVINCE, unit_filter).replace("{only}", only);
    let sql = sql_for(backend, &template);
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
                &with_unit_counts(template, &units_below("{arg3}"))
                    .replace("{children}", "c.parent_id = {arg}")
                    .replace("{only}", "WHERE p.id = {arg}"),
            );
            assert!(
                pg.contains("$1") && pg.contains("$2") && !pg.contains('?') && !pg.contains('{'),
                "{pg}"
            );
            let lite = sql_for(
                DbBackend::Sqlite,
                &with_unit_counts(template, &units_below("{arg3}"))
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

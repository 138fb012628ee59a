//! The roster as HR reads it: the people active on a date in a unit's subtree, filtered and
//! paged in SQL, and one person's whole record.
use chrono::NaiveDate;
use domain::exchange::StaffKind;
use domain::hr::{IndicatorKey, PersonRow, PersonStatus};
use domain::{UnitLevel, UnitRef};
use sea_orm::{ConnectionTrait, QueryResult};

use crate::sql::{Sql, contains_pattern};
use crate::{Error, Result};

/// Rows per page of a people list.
pub const PAGE_SIZE: u32 = 50;

/// Which people to list: active on `as_of` under `path_prefix`, narrowed by the rest.
#[derive(Debug, Clone)]
pub struct PeopleFilter {
    pub path_prefix: String,
    pub as_of: NaiveDate,
    pub search: Option<String>,
    pub kind: Option<StaffKind>,
    pub status: Option<PersonStatus>,
    pub indicator: Option<IndicatorKey>,
}

/// One page (from 1) of the people the filter selects, by unit then name, with the total.
pub async fn page(
    db: &impl ConnectionTrait,
    f: &PeopleFilter,
    page: u32,
) -> Result<(Vec<PersonRow>, u64)> {
    let total = count(db, f).await?;
    let offset = u64::from(page.max(1) - 1) * u64::from(PAGE_SIZE);
    let rows = rows(db, f, Some((u64::from(PAGE_SIZE), offset))).await?;
    Ok((rows, total))
}

/// Every person the filter selects, for exports.
pub async fn all(db: &impl ConnectionTrait, f: &PeopleFilter) -> Result<Vec<PersonRow>> {
    rows(db, f, None).await
}

async fn count(db: &impl ConnectionTrait, f: &PeopleFilter) -> Result<u64> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT COUNT(*) AS n");
    from_where(&mut sql, f);
    let row = db
        .query_one_raw(sql.statement())
        .await?
        .ok_or_else(|| Error::internal("count returned no row"))?;
    Ok(u64::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0))
}

async fn rows(
    db: &impl ConnectionTrait,
    f: &PeopleFilter,
    limit: Option<(u64, u64)>,
) -> Result<Vec<PersonRow>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT p.staff_code, p.full_name, u.code AS unit_code, u.name AS unit_name, u.level AS unit_level, a.kind, ");
    // The person's first dates kept on the assignment (`crate::firsts`), shown only when reached by the date.
    sql.push("CASE WHEN a.first_trained_on <= ")
        .bind(f.as_of)
        .push(" THEN a.first_trained_on END AS trained_on, ");
    sql.push("CASE WHEN a.first_mastered_on <= ")
        .bind(f.as_of)
        .push(" THEN a.first_mastered_on END AS mastered_on");
    from_where(&mut sql, f);
    sql.push(" ORDER BY u.code, p.full_name, p.staff_code");
    if let Some((n, offset)) = limit {
        sql.push(&format!(" LIMIT {n} OFFSET {offset}"));
    }
    let found = db.query_all_raw(sql.statement()).await?;
    found.iter().map(person_row).collect()
}

/// A person a list selects, with what it takes to reach them.
#[derive(Debug, Clone)]
pub(crate) struct Contact {
    pub person_id: i32,
    pub staff_code: String,
    pub full_name: String,
    pub unit_name: String,
    /// The roster's address, else the linked account's (never an erased account's).
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Every person the filter selects, in the list's order, with their contact details; the
/// pseudonymised are left out (they are never named again).
pub(crate) async fn contacts(db: &impl ConnectionTrait, f: &PeopleFilter) -> Result<Vec<Contact>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT p.id AS person_id, p.staff_code, p.full_name, u.name AS unit_name, ");
    for column in ["email", "phone"] {
        sql.push(&format!(
            "COALESCE(NULLIF(p.{column}, ''), (SELECT NULLIF(us.{column}, '') FROM users us WHERE us.id = p.user_id AND us.erased_at IS NULL)) AS {column}, "
        ));
    }
    sql.push("a.id AS assignment_id");
    from_where(&mut sql, f);
    sql.push(" AND p.pseudonymised_at IS NULL ORDER BY u.code, p.full_name, p.staff_code");
    let found = db.query_all_raw(sql.statement()).await?;
    found
        .iter()
        .map(|row| {
            Ok(Contact {
                person_id: row.try_get("", "person_id")?,
                staff_code: row.try_get("", "staff_code")?,
                full_name: row.try_get("", "full_name")?,
                unit_name: row.try_get("", "unit_name")?,
                email: row.try_get("", "email")?,
                phone: row.try_get("", "phone")?,
            })
        })
        .collect()
}

/// Active on D in the subtree (one active assignment per person: periods never overlap).
fn from_where(sql: &mut Sql, f: &PeopleFilter) {
    sql.push(" FROM assignments a JOIN people p ON p.id = a.person_id JOIN units u ON u.id = a.unit_id WHERE a.start_date <= ")
        .bind(f.as_of)
        .push(" AND (a.end_date IS NULL OR a.end_date > ")
        .bind(f.as_of)
        .push(") AND u.path LIKE ")
        .bind(format!("{}%", f.path_prefix));
    if let Some(kind) = f.kind {
        sql.push(" AND a.kind = ").bind(kind.as_str());
    }
    if let Some(indicator) = f.indicator {
        sql.push(population(indicator));
    }
    if let Some(status) = f.status {
        status_condition(sql, status, f.as_of);
    }
    if let Some(text) = f.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = contains_pattern(&text.to_lowercase());
        sql.push(" AND (LOWER(p.full_name) LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\' OR LOWER(p.staff_code) LIKE ")
            .bind(pattern)
            .push(" ESCAPE '\\')");
    }
}

/// The people an indicator's denominator counts (SPEC, "The indicators").
fn population(indicator: IndicatorKey) -> &'static str {
    match indicator {
        IndicatorKey::ProvincialTrained => {
            " AND u.level = 'tinh' AND a.kind IN ('can_bo', 'cong_chuc')"
        }
        IndicatorKey::CommuneTrained => " AND u.level = 'xa' AND a.kind IN ('can_bo', 'cong_chuc')",
        IndicatorKey::Mastered => " AND a.kind IN ('can_bo', 'cong_chuc', 'vien_chuc')",
    }
}

fn status_condition(sql: &mut Sql, status: PersonStatus, as_of: NaiveDate) {
    let (negate, column) = match status {
        PersonStatus::Trained => ("", "a.first_trained_on"),
        PersonStatus::NotTrained => ("NOT ", "a.first_trained_on"),
        PersonStatus::Mastered => ("", "a.first_mastered_on"),
        PersonStatus::NotMastered => ("NOT ", "a.first_mastered_on"),
    };
    // Never (NULL) is "not yet": the IS NOT NULL keeps NOT from turning it into unknown.
    sql.push(&format!(
        " AND {negate}({column} IS NOT NULL AND {column} <= "
    ))
    .bind(as_of)
    .push(")");
}

fn person_row(row: &QueryResult) -> Result<PersonRow> {
    let kind: String = row.try_get("", "kind")?;
    let level: String = row.try_get("", "unit_level")?;
    Ok(PersonRow {
        staff_code: row.try_get("", "staff_code")?,
        full_name: row.try_get("", "full_name")?,
        unit: UnitRef {
            code: row.try_get("", "unit_code")?,
            name: row.try_get("", "unit_name")?,
            level: UnitLevel::parse(&level).unwrap_or(UnitLevel::Tinh),
        },
        kind: StaffKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == kind)
            .unwrap_or(StaffKind::Khac),
        trained_on: date_cell(row, "trained_on")?,
        mastered_on: date_cell(row, "mastered_on")?,
    })
}

/// A date an aggregate returned: a `date` from PostgreSQL, text from SQLite.
fn date_cell(row: &QueryResult, column: &str) -> Result<Option<String>> {
    if let Ok(d) = row.try_get::<Option<NaiveDate>>("", column) {
        return Ok(d.map(|d| d.format("%Y-%m-%d").to_string()));
    }
    Ok(row.try_get::<Option<String>>("", column)?)
}

//! Imports of the four exchange formats: read the file, check every row, then write all or nothing.
mod records;
mod roster;
pub mod table;
mod units;

use std::collections::HashMap;

use domain::exchange::{Columns, Format, RawRow, RowError};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;

use crate::authz::{Actor, can_manage_unit};
use crate::entity::{assignment, person, unit};
use crate::Result;
pub use table::FileType;

/// What an import did (or, on a dry run, would do): rows accepted, or every error found.
/// With errors nothing is written and `accepted` is 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub accepted: usize,
    pub errors: Vec<RowError>,
}

impl ImportReport {
    fn rejected(mut errors: Vec<RowError>) -> ImportReport {
        errors.sort_by_key(|e| e.row);
        ImportReport { accepted: 0, errors }
    }
}

/// Units are the admin's; the roster and records are the admin's or an hr officer's (who is
/// then held to their subtree row by row).
fn may_import(actor: &Actor, format: Format) -> bool {
    match format {
        Format::Units => actor.is_admin(),
        _ => actor.is_admin() || actor.has(domain::Role::Hr),
    }
}

pub async fn run(
    db: &DatabaseConnection,
    actor: &Actor,
    format: Format,
    file_type: FileType,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport> {
    crate::authz::require(may_import(actor, format))?;
    let table = match table::read(file_type, bytes) {
        Ok(t) => t,
        Err(errors) => return Ok(ImportReport::rejected(errors)),
    };
    let columns = match Columns::find(format, &table.header) {
        Ok(c) => c,
        Err(errors) => return Ok(ImportReport::rejected(errors)),
    };
    let ctx = Context { db, actor, columns: &columns, rows: &table.rows, dry_run };
    match format {
        Format::Units => units::import(ctx).await,
        Format::Roster => roster::import(ctx).await,
        Format::Training => records::import_training(ctx).await,
        Format::Assessment => records::import_assessments(ctx).await,
    }
}

/// What each format's import works with.
struct Context<'a> {
    db: &'a DatabaseConnection,
    actor: &'a Actor,
    columns: &'a Columns,
    rows: &'a [(usize, Vec<String>)],
    dry_run: bool,
}

impl Context<'_> {
    /// Parses every row, keeping the good ones and every error of the bad ones.
    fn parse_all<T>(&self, parse: fn(&RawRow<'_>) -> std::result::Result<T, Vec<RowError>>) -> (Vec<T>, Vec<RowError>) {
        let mut good = Vec::with_capacity(self.rows.len());
        let mut errors = Vec::new();
        for (line, cells) in self.rows {
            match parse(&RawRow { line: *line, cells, columns: self.columns }) {
                Ok(row) => good.push(row),
                Err(mut e) => errors.append(&mut e),
            }
        }
        (good, errors)
    }

    /// The answer once all checks are done: errors reject the file; a dry run stops there.
    fn verdict(&self, errors: Vec<RowError>) -> Option<ImportReport> {
        if !errors.is_empty() {
            return Some(ImportReport::rejected(errors));
        }
        self.dry_run.then(|| self.accepted())
    }

    fn accepted(&self) -> ImportReport {
        ImportReport { accepted: self.rows.len(), errors: Vec::new() }
    }

    fn in_scope(&self, unit: &unit::Model) -> bool {
        can_manage_unit(self.actor, unit)
    }
}

/// Every unit by code: units are few (hundreds), people are many.
async fn units_by_code(db: &impl ConnectionTrait) -> Result<HashMap<String, unit::Model>> {
    let all = unit::Entity::find().all(db).await?;
    Ok(all.into_iter().map(|u| (u.code.clone(), u)).collect())
}

/// Bound parameter lists stay well under every engine's limit.
const CHUNK: usize = 500;

async fn people_by_code(db: &impl ConnectionTrait, codes: &[String]) -> Result<HashMap<String, person::Model>> {
    let mut found = HashMap::new();
    for chunk in codes.chunks(CHUNK) {
        let rows = person::Entity::find().filter(person::Column::StaffCode.is_in(chunk.to_vec())).all(db).await?;
        found.extend(rows.into_iter().map(|p| (p.staff_code.clone(), p)));
    }
    Ok(found)
}

async fn assignments_of(db: &impl ConnectionTrait, person_ids: &[i32]) -> Result<HashMap<i32, Vec<assignment::Model>>> {
    let mut found: HashMap<i32, Vec<assignment::Model>> = HashMap::new();
    for chunk in person_ids.chunks(CHUNK) {
        let rows = assignment::Entity::find().filter(assignment::Column::PersonId.is_in(chunk.to_vec())).all(db).await?;
        for a in rows {
            found.entry(a.person_id).or_default().push(a);
        }
    }
    Ok(found)
}

/// Staff codes in first-seen order, without repeats.
fn distinct<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    codes.filter(|c| seen.insert(*c)).map(str::to_owned).collect()
}

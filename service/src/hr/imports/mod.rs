//! Imports of the four exchange formats: read the file, check every row, then write all or nothing.
mod parse;
mod records;
mod roster;
pub mod table;
mod units;
mod write;

use std::collections::HashMap;

use domain::exchange::{Format, RowError};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;

use crate::Result;
use crate::access::authz::{Actor, can_manage_unit};
use crate::entity::{assignment, person, unit};
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
        ImportReport {
            accepted: 0,
            errors,
        }
    }
}

/// Where an import was started; the audit log records it with each change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Channel {
    /// The web app or the JSON API.
    #[default]
    Api,
    /// `hocvu import` on the server's command line.
    Cli,
}

impl Channel {
    /// The audit action of a change made by an import.
    fn action(self, created: bool) -> &'static str {
        match (self, created) {
            (Channel::Api, true) => "import_create",
            (Channel::Api, false) => "import_update",
            (Channel::Cli, true) => "cli_import_create",
            (Channel::Cli, false) => "cli_import_update",
        }
    }
}

/// The steps of an import, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and checking each row's cells; `done` and `total` count bytes of the file.
    Reading,
    /// Checks against the file as a whole and the database; counts rows.
    Checking,
    /// Writing, in one transaction; counts rows.
    Writing,
}

/// How far an import has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
}

/// Called from the import as it goes; it must return quickly.
pub type ImportProgressFn<'a> = &'a (dyn Fn(ImportProgress) + Sync);

/// How to run an import.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    /// Check everything and write nothing.
    pub dry_run: bool,
    /// The province the file is for, by code: needed only by the national admin of a
    /// deployment with several provinces (everyone else imports into their own).
    pub province: Option<&'a str>,
    pub channel: Channel,
    pub progress: Option<ImportProgressFn<'a>>,
}

/// Units are the admin's; the roster and records are the admin's or an hr officer's (who is
/// then held to their subtree row by row).
fn may_import(actor: &Actor, format: Format) -> bool {
    let admin = actor.token.is_none() && (actor.is_admin() || actor.province_admin_of().is_some());
    match format {
        Format::Units => admin,
        _ => admin || actor.has(domain::Role::Hr),
    }
}

/// An import from the web app or the API.
pub async fn run(
    db: &DatabaseConnection,
    actor: &Actor,
    format: Format,
    file_type: FileType,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportReport> {
    run_with(
        db,
        actor,
        format,
        file_type,
        bytes,
        Options {
            dry_run,
            ..Options::default()
        },
    )
    .await
}

/// An import with every option: where it comes from, and a progress callback.
pub async fn run_with(
    db: &DatabaseConnection,
    actor: &Actor,
    format: Format,
    file_type: FileType,
    bytes: &[u8],
    options: Options<'_>,
) -> Result<ImportReport> {
    crate::access::authz::require(may_import(actor, format))?;
    let started = std::time::Instant::now();
    // A province unknown, or not named where several exist, rejects the file as a whole.
    let province = match crate::province::acting(db, actor, options.province).await {
        Ok(p) => p,
        Err(crate::Error::Invalid(issues)) => {
            let errors = issues
                .iter()
                .map(|i| RowError::new(1, "", &i.code))
                .collect();
            return Ok(ImportReport::rejected(errors));
        }
        Err(e) => return Err(e),
    };
    let ctx = Context {
        db,
        actor,
        options,
        province,
    };
    let file = parse::File {
        format,
        file_type,
        bytes,
    };
    let report = match format {
        Format::Units => units::import(ctx, file).await,
        Format::Roster => roster::import(ctx, file).await,
        Format::Training => records::import_training(ctx, file).await,
        Format::Assessment => records::import_assessments(ctx, file).await,
    }?;
    // Rows per second for `/metrics`: only imports that wrote, so a rejected file or a dry
    // run does not pass for a fast import.
    if !options.dry_run && report.errors.is_empty() {
        crate::telemetry::global().imports[kind_index(format)]
            .written(report.accepted, started.elapsed());
        if report.accepted >= ANALYZE_AFTER_ROWS {
            refresh_statistics(db, format);
        }
    }
    Ok(report)
}

/// Rows an import writes before PostgreSQL's statistics of its tables are refreshed at once.
const ANALYZE_AFTER_ROWS: usize = 10_000;

/// After a large import, PostgreSQL's planner still sees the tables as they were until
/// autovacuum comes round (a minute or more): a second roster right after a first one of
/// 100,000 people looked each chunk's people up by scanning the table, 40 times slower. So the
/// tables the import wrote are analysed at once, in the background (a sample of rows: well
/// under a second even at national size). SQLite's planner needs no such refresh.
fn refresh_statistics(db: &DatabaseConnection, format: Format) {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    let tables = match format {
        Format::Units => "units",
        Format::Roster => "people, assignments",
        Format::Training => "training_records, assignments",
        Format::Assessment => "assessment_results, assignments",
    };
    let db = db.clone();
    tokio::spawn(async move {
        if let Err(e) = db.execute_unprepared(&format!("ANALYZE {tables}")).await {
            tracing::warn!(error = %e, "refreshing the planner's statistics after an import failed");
        }
    });
}

/// The place of `format` in [`crate::telemetry::IMPORT_KINDS`].
fn kind_index(format: Format) -> usize {
    match format {
        Format::Units => 0,
        Format::Roster => 1,
        Format::Training => 2,
        Format::Assessment => 3,
    }
}

/// What each format's import works with.
struct Context<'a> {
    db: &'a DatabaseConnection,
    actor: &'a Actor,
    options: Options<'a>,
    /// Codes are read, and people and units made, in this province alone.
    province: i32,
}

impl Context<'_> {
    /// Who the audit log names for this import's changes, in the import's province.
    fn who(&self) -> crate::access::audit::Who {
        self.actor.who().in_province(Some(self.province))
    }

    /// The answer once all checks are done: errors reject the file; a dry run stops there.
    fn verdict(&self, rows: usize, errors: Vec<RowError>) -> Option<ImportReport> {
        self.report(Phase::Checking, rows, rows);
        if !errors.is_empty() {
            return Some(ImportReport::rejected(errors));
        }
        self.options.dry_run.then(|| accepted(rows))
    }

    fn in_scope(&self, unit: &unit::Model) -> bool {
        can_manage_unit(self.actor, unit)
    }

    fn report(&self, phase: Phase, done: usize, total: usize) {
        if let Some(progress) = self.options.progress {
            progress(ImportProgress { phase, done, total });
        }
    }

    fn action(&self, created: bool) -> &'static str {
        self.options.channel.action(created)
    }
}

fn accepted(rows: usize) -> ImportReport {
    ImportReport {
        accepted: rows,
        errors: Vec::new(),
    }
}

/// Every unit of the province by code: units are few (thousands), people are many.
async fn units_by_code(
    db: &impl ConnectionTrait,
    province: i32,
) -> Result<HashMap<String, unit::Model>> {
    let all = unit::Entity::find()
        .filter(unit::Column::ProvinceId.eq(province))
        .all(db)
        .await?;
    Ok(all.into_iter().map(|u| (u.code.clone(), u)).collect())
}

/// Bound parameter lists stay well under every engine's limit.
const CHUNK: usize = 500;

/// Rows written per statement: at most 6 values each, so under SQLite's 32,766 bound values.
/// Large, because each statement is a round trip, and on PostgreSQL over TCP a statement longer
/// than one segment waits about 40 ms for a delayed ACK (sqlx 0.9 does not set TCP_NODELAY).
const WRITE_CHUNK: usize = 4000;

async fn people_by_code(
    db: &impl ConnectionTrait,
    province: i32,
    codes: &[String],
) -> Result<HashMap<String, person::Model>> {
    let mut found = HashMap::new();
    for chunk in codes.chunks(CHUNK) {
        let rows = person::Entity::find()
            .filter(person::Column::ProvinceId.eq(province))
            .filter(person::Column::StaffCode.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        found.extend(rows.into_iter().map(|p| (p.staff_code.clone(), p)));
    }
    Ok(found)
}

async fn assignments_of(
    db: &impl ConnectionTrait,
    person_ids: &[i32],
) -> Result<HashMap<i32, Vec<assignment::Model>>> {
    let mut found: HashMap<i32, Vec<assignment::Model>> = HashMap::new();
    for chunk in person_ids.chunks(CHUNK) {
        let rows = assignment::Entity::find()
            .filter(assignment::Column::PersonId.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        for a in rows {
            found.entry(a.person_id).or_default().push(a);
        }
    }
    Ok(found)
}

/// Whether every assignment of a person, past and present, lies in the actor's subtree: only
/// then may an import change the person, give them an assignment or add records for them.
fn wholly_in_scope(
    ctx: &Context<'_>,
    assignments: Option<&Vec<assignment::Model>>,
    units: &HashMap<i32, &unit::Model>,
) -> bool {
    ctx.actor.sees_whole_province()
        || assignments
            .into_iter()
            .flatten()
            .all(|a| units.get(&a.unit_id).is_some_and(|u| ctx.in_scope(u)))
}

/// Staff codes in first-seen order, without repeats.
fn distinct<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    codes
        .filter(|c| seen.insert(*c))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod telemetry_tests {
    use super::*;

    #[test]
    fn each_format_is_counted_under_its_name() {
        for (format, name) in [
            (Format::Units, "units"),
            (Format::Roster, "roster"),
            (Format::Training, "training"),
            (Format::Assessment, "assessment"),
        ] {
            assert_eq!(crate::telemetry::IMPORT_KINDS[kind_index(format)], name);
        }
    }
}

//! Opening the database (SQLite by default, PostgreSQL by URL) and migrating it.
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// The embedded default: a file under ./data, created on first start.
pub const DEFAULT_URL: &str = "sqlite://data/hocvu.db?mode=rwc";

/// Connects with settings fit for each engine and runs pending migrations.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(dir) = sqlite_parent_dir(url) {
        std::fs::create_dir_all(dir)
            .map_err(|e| DbErr::Custom(format!("cannot create {dir}: {e}")))?;
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        // One connection serialises writers, so SQLite never answers "database is locked"
        // inside a process; WAL plus a busy timeout covers several processes.
        opts.max_connections(1).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    } else {
        // PostgreSQL commits each saved answer with an fsync; many connections committing
        // together share one (group commit): measured with pgbench here, 2,886 updates/s on
        // 16 connections, 3,542 on 32, 4,443 on 64. 48 stays well inside the default
        // max_connections of 100.
        opts.max_connections(PG_POOL).min_connections(1);
    }
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// Connections for reading only, beside the writer: with SQLite (WAL), a few read-only
/// connections read while the one writer writes, so a page or a session check never waits for
/// an answer being saved. Other engines (and SQLite in memory) read through the writer's pool.
pub async fn connect_reader(
    url: &str,
    writer: &DatabaseConnection,
) -> Result<DatabaseConnection, DbErr> {
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return Ok(writer.clone());
    }
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .max_connections(READERS)
        .min_connections(1)
        .map_sqlx_sqlite_opts(|o| {
            o.read_only(true)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    Database::connect(opts).await
}

/// Connections to PostgreSQL per process.
const PG_POOL: u32 = 48;

/// Read-only SQLite connections: one per core of a small server is plenty.
const READERS: u32 = 4;

/// The folder of a SQLite file URL, so it can be created before SQLite opens the file.
fn sqlite_parent_dir(url: &str) -> Option<&str> {
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    if path.is_empty() || path.starts_with(':') {
        return None;
    }
    let dir = std::path::Path::new(path).parent()?.to_str()?;
    (!dir.is_empty()).then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::sqlite_parent_dir;

    #[test]
    fn finds_the_folder_of_a_sqlite_file() {
        assert_eq!(
            sqlite_parent_dir("sqlite://data/hocvu.db?mode=rwc"),
            Some("data")
        );
        assert_eq!(sqlite_parent_dir("sqlite:///tmp/x/a.db"), Some("/tmp/x"));
        assert_eq!(sqlite_parent_dir("sqlite://a.db"), None);
        assert_eq!(sqlite_parent_dir("sqlite::memory:"), None);
        assert_eq!(sqlite_parent_dir("postgres://u@h/db"), None);
    }
}

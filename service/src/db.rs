//! Opening the database (SQLite by default, PostgreSQL by URL) and migrating it.
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

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
        // The writer never checkpoints: the checkpointer does, on its own connection.
        opts.max_connections(1).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .pragma("wal_autocheckpoint", "0")
        });
    } else {
        // PostgreSQL commits each saved answer with an fsync; many connections committing
        // together share one (group commit): measured with pgbench here, 2,886 updates/s on
        // 16 connections, 3,542 on 32, 4,443 on 64. 48 stays well inside the default
        // max_connections of 100.
        // JIT compilation is off: it pays off for long analytic queries, and every query here
        // answers a page. Measured on the nation's 2 million people (bench/README.md, `nation`):
        // a province's indicators took 113 ms at p99 with it, the compile time, and 56 ms without.
        opts.max_connections(PG_POOL)
            .min_connections(1)
            .map_sqlx_postgres_opts(|o| o.options([("jit", "off")]));
    }
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    if url.starts_with("sqlite:") && !is_memory(url) {
        spawn_checkpointer(url).await?;
    }
    Ok(db)
}

fn is_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// How often the write-ahead log is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// `HOCVU_SQLITE_CHECKPOINT_MS` when set to a number of milliseconds (at least 10).
fn checkpoint_every() -> Duration {
    std::env::var("HOCVU_SQLITE_CHECKPOINT_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(CHECKPOINT_EVERY, |ms| Duration::from_millis(ms.max(10)))
}

/// Copies the SQLite write-ahead log into the database file from a connection of its own, in
/// the background. A checkpoint ends with an fsync of the database file, which takes up to a
/// tenth of a second on a slow disk; done by the writer (SQLite's automatic checkpoint, every
/// 1,000 pages) it held up every answer queued behind it. A PASSIVE checkpoint never waits for
/// the writer nor blocks it, and with `synchronous=NORMAL` a commit needs no fsync of its own.
async fn spawn_checkpointer(url: &str) -> Result<(), DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .max_connections(1)
        .min_connections(1)
        .map_sqlx_sqlite_opts(|o| o.busy_timeout(Duration::from_secs(10)));
    let conn = Database::connect(opts).await?;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(checkpoint_every());
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = conn
                .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
                .await
            {
                tracing::warn!(error = %e, "WAL checkpoint failed");
            }
        }
    });
    Ok(())
}

/// Connections for reading only, beside the writer: with SQLite (WAL), a few read-only
/// connections read while the one writer writes, so a page or a session check never waits for
/// an answer being saved. Other engines (and SQLite in memory) read through the writer's pool.
pub async fn connect_reader(
    url: &str,
    writer: &DatabaseConnection,
) -> Result<DatabaseConnection, DbErr> {
    if !url.starts_with("sqlite:") || is_memory(url) {
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
    use super::*;

    /// The writer leaves the log alone; the checkpointer copies it into the file in the
    /// background, so the file grows without anyone else writing.
    #[tokio::test]
    async fn the_checkpointer_copies_the_log_into_the_database_file() {
        let dir = std::env::temp_dir().join(format!("hocvu-ckpt-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let file = dir.join("c.db");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let db = connect(&url).await.unwrap();
        tokio::time::sleep(CHECKPOINT_EVERY * 2).await;
        let before = std::fs::metadata(&file).unwrap().len();
        db.execute_unprepared("CREATE TABLE filler (x TEXT)")
            .await
            .unwrap();
        for _ in 0..50 {
            db.execute_unprepared("INSERT INTO filler VALUES (hex(randomblob(2000)))")
                .await
                .unwrap();
        }
        let mut after = before;
        for _ in 0..40 {
            tokio::time::sleep(CHECKPOINT_EVERY / 2).await;
            after = std::fs::metadata(&file).unwrap().len();
            if after > before + 100_000 {
                break;
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            after > before + 100_000,
            "the file stayed at {after} bytes (was {before})"
        );
    }

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

//! `hocvu backup` and `hocvu restore` for SQLite: a consistent copy of the database taken while
//! the server keeps serving (`VACUUM INTO` reads one snapshot, so writers go on and the copy
//! holds every commit made before it started), and a restore into an empty database only.
//! PostgreSQL has its own tools for both (`pg_dump`, `pg_restore`: see README).
use std::path::{Path, PathBuf};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

/// What went wrong, in words for the operator (Vietnamese; the command line is theirs).
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "Cơ sở dữ liệu PostgreSQL được sao lưu bằng pg_dump và khôi phục bằng pg_restore (xem README)."
    )]
    PostgreSql,
    #[error("Tệp {0} đã tồn tại: hãy chọn tên tệp khác để không ghi đè bản sao lưu cũ.")]
    TargetExists(PathBuf),
    #[error("Cơ sở dữ liệu đích đã có dữ liệu: chỉ khôi phục vào một cơ sở dữ liệu trống.")]
    TargetNotEmpty,
    #[error("{0} không phải là bản sao lưu của Học Vụ Số.")]
    NotABackup(PathBuf),
    #[error("Không đọc được {0}.")]
    Missing(PathBuf),
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Db(#[from] sea_orm::DbErr),
}

/// The database file a `sqlite://` URL names; `None` for PostgreSQL or an in-memory database.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    (!path.is_empty() && !path.starts_with(':')).then(|| PathBuf::from(path))
}

async fn open(url: &str) -> Result<DatabaseConnection, BackupError> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false).max_connections(1);
    Ok(Database::connect(opts).await?)
}

/// `VACUUM INTO` takes its file name as a string literal; quotes in it are doubled.
fn vacuum_into(target: &Path) -> String {
    let name = target.to_string_lossy().replace('\'', "''");
    format!("VACUUM INTO '{name}'")
}

/// Copies the database at `url` into the new file `target` while others go on using it.
pub async fn backup(url: &str, target: &Path) -> Result<(), BackupError> {
    if sqlite_path(url).is_none() {
        return Err(BackupError::PostgreSql);
    }
    if target.exists() {
        return Err(BackupError::TargetExists(target.to_owned()));
    }
    let db = open(url).await?;
    db.execute_unprepared(&vacuum_into(target)).await?;
    db.close().await?;
    Ok(())
}

/// Restores the backup `source` as the database at `url`, which must not exist yet or be
/// empty (no table); migrations then bring an older backup up to date.
pub async fn restore(url: &str, source: &Path) -> Result<(), BackupError> {
    let Some(target) = sqlite_path(url) else {
        return Err(BackupError::PostgreSql);
    };
    if !source.is_file() {
        return Err(BackupError::Missing(source.to_owned()));
    }
    if target.exists() && !is_empty(url).await? {
        return Err(BackupError::TargetNotEmpty);
    }
    let _ = std::fs::remove_file(&target);
    let backup_url = format!("sqlite://{}?mode=ro", source.display());
    let src = open(&backup_url)
        .await
        .map_err(|_| BackupError::NotABackup(source.to_owned()))?;
    if !has_table(&src, "seaql_migrations").await.unwrap_or(false) {
        return Err(BackupError::NotABackup(source.to_owned()));
    }
    src.execute_unprepared(&vacuum_into(&target)).await?;
    src.close().await?;
    crate::db::connect(url).await?.close().await?;
    Ok(())
}

async fn is_empty(url: &str) -> Result<bool, BackupError> {
    let db = open(url).await?;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'",
        ))
        .await?;
    let n: i64 = row.map_or(Ok(0), |r| r.try_get("", "n"))?;
    db.close().await?;
    Ok(n == 0)
}

async fn has_table(db: &DatabaseConnection, name: &str) -> Result<bool, BackupError> {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
            [name.into()],
        ))
        .await?;
    Ok(row.map_or(Ok(0), |r| r.try_get::<i64>("", "n"))? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sqlite_files_have_a_path() {
        assert_eq!(
            sqlite_path("sqlite://data/hocvu.db?mode=rwc"),
            Some(PathBuf::from("data/hocvu.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://u@h/db"), None);
    }

    #[test]
    fn a_quote_in_the_file_name_stays_inside_the_literal() {
        assert_eq!(
            vacuum_into(Path::new("/tmp/a'b.db")),
            "VACUUM INTO '/tmp/a''b.db'"
        );
    }
}

//! Provinces as tenants (issue 21): every unit and roster member belongs to one province; unit
//! and staff codes are unique within it. A unit's materialised path starts with its province
//! (`/p1/7/12/`), so "the whole province" is one path prefix like any subtree, and the nation
//! is `/`. A role may be held for a province (the province admin). The existing database
//! becomes the first province.
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Provinces {
    Table,
    Id,
    Code,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    ProvinceId,
}

#[derive(DeriveIden)]
enum People {
    Table,
    ProvinceId,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    ProvinceId,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    ProvinceId,
}

/// The province the existing data moves into: the first row of a table made here.
const FIRST: i64 = 1;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Provinces::Table)
                    .if_not_exists()
                    .col(pk_auto(Provinces::Id))
                    .col(string_uniq(Provinces::Code))
                    .col(string(Provinces::Name))
                    .col(big_integer(Provinces::CreatedAt))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO provinces (code, name, created_at) VALUES ('TINH', 'Tỉnh', 0)",
        )
        .await?;
        let first = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT CAST(MIN(id) AS BIGINT) AS id FROM provinces",
            ))
            .await?
            .ok_or_else(|| DbErr::Migration("the first province was not written".into()))?
            .try_get::<i64>("", "id")?;
        if first != FIRST {
            return Err(DbErr::Migration(format!(
                "the first province has id {first}"
            )));
        }
        for (table, column) in [
            (Units::Table.into_iden(), Units::ProvinceId.into_iden()),
            (People::Table.into_iden(), People::ProvinceId.into_iden()),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(integer(column).default(FIRST))
                        .to_owned(),
                )
                .await?;
        }
        for (table, column) in [
            (
                UserRoles::Table.into_iden(),
                UserRoles::ProvinceId.into_iden(),
            ),
            (
                ApiTokens::Table.into_iden(),
                ApiTokens::ProvinceId.into_iden(),
            ),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(integer_null(column))
                        .to_owned(),
                )
                .await?;
        }
        db.execute_unprepared(&format!("UPDATE units SET path = '/p{FIRST}' || path"))
            .await?;
        // Every token so far was the one province's.
        db.execute_unprepared(&format!("UPDATE api_tokens SET province_id = {FIRST}"))
            .await?;
        drop_unique(db, "units", "code").await?;
        drop_unique(db, "people", "staff_code").await?;
        for stmt in [
            "CREATE UNIQUE INDEX IF NOT EXISTS ux_units_province_code ON units (province_id, code)",
            "CREATE UNIQUE INDEX IF NOT EXISTS ux_people_province_staff_code ON people (province_id, staff_code)",
            "CREATE INDEX IF NOT EXISTS ix_units_code ON units (code)",
            "CREATE INDEX IF NOT EXISTS ix_people_staff_code ON people (staff_code)",
        ] {
            db.execute_unprepared(stmt).await?;
        }
        Ok(())
    }
}

/// Drops the unique constraint a column was created with. PostgreSQL names it; SQLite cannot
/// drop it, so the table is rebuilt without it (SQLite's documented twelve steps, foreign keys
/// off meanwhile), keeping its rows, its other indexes and triggers, and every reference to it.
/// The pragma holds for one connection: SQLite is migrated through the writer's single
/// connection (`service::db::connect`), never through a pool of several.
async fn drop_unique(
    db: &SchemaManagerConnection<'_>,
    table: &str,
    column: &str,
) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.execute_unprepared(&format!(
                "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_{column}_key"
            ))
            .await?;
            Ok(())
        }
        _ => rebuild_sqlite_without_unique(db, table, column).await,
    }
}

async fn sqlite_texts(db: &SchemaManagerConnection<'_>, sql: String) -> Result<Vec<String>, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "sql"))
        .collect()
}

async fn rebuild_sqlite_without_unique(
    db: &SchemaManagerConnection<'_>,
    table: &str,
    column: &str,
) -> Result<(), DbErr> {
    let create = sqlite_texts(
        db,
        format!("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'"),
    )
    .await?
    .pop()
    .ok_or_else(|| DbErr::Migration(format!("no table {table}")))?;
    let dependents = sqlite_texts(
        db,
        format!(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = '{table}' AND sql IS NOT NULL"
        ),
    )
    .await?;
    let without = without_unique(&create, column)
        .ok_or_else(|| DbErr::Migration(format!("{table}.{column} is not declared UNIQUE")))?;
    let rebuilt = without.replacen(&format!("\"{table}\""), &format!("\"{table}_rebuilt\""), 1);
    db.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
    let steps = async {
        db.execute_unprepared("BEGIN").await?;
        db.execute_unprepared(&rebuilt).await?;
        db.execute_unprepared(&format!(
            "INSERT INTO {table}_rebuilt SELECT * FROM {table}"
        ))
        .await?;
        db.execute_unprepared(&format!("DROP TABLE {table}"))
            .await?;
        db.execute_unprepared(&format!("ALTER TABLE {table}_rebuilt RENAME TO {table}"))
            .await?;
        for sql in &dependents {
            db.execute_unprepared(sql).await?;
        }
        let broken = db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "PRAGMA foreign_key_check",
            ))
            .await?;
        if !broken.is_empty() {
            return Err(DbErr::Migration(format!(
                "rebuilding {table} would break {} references",
                broken.len()
            )));
        }
        db.execute_unprepared("COMMIT").await
    }
    .await;
    if steps.is_err() {
        let _ = db.execute_unprepared("ROLLBACK").await;
    }
    db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    steps.map(|_| ())
}

/// The CREATE TABLE text with the column's UNIQUE keyword removed, if it has one.
fn without_unique(create: &str, column: &str) -> Option<String> {
    let start = create.find(&format!("\"{column}\""))?;
    let end = start + create[start..].find([',', ')'])?;
    let definition = &create[start..end];
    let cut = definition.find(" UNIQUE")?;
    Some(format!(
        "{}{}{}",
        &create[..start + cut],
        &definition[cut + " UNIQUE".len()..],
        &create[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::without_unique;

    #[test]
    fn only_the_named_columns_unique_keyword_goes() {
        let create = r#"CREATE TABLE "units" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar NOT NULL UNIQUE, "name" varchar NOT NULL UNIQUE )"#;
        assert_eq!(
            without_unique(create, "code").as_deref(),
            Some(
                r#"CREATE TABLE "units" ( "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar NOT NULL, "name" varchar NOT NULL UNIQUE )"#
            )
        );
        assert_eq!(without_unique(create, "id"), None);
    }
}

//! A province admin reads their province's audit log and reminders: each audit entry and each
//! reminder keeps the province it was made in (`NULL`: the national admin's, or made before
//! provinces, in a deployment of several). A deployment that has one province gives it every
//! older row: everything before was that province's.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    ProvinceId,
}

#[derive(DeriveIden)]
enum Reminders {
    Table,
    ProvinceId,
}

const ONLY_PROVINCE: &str =
    "(SELECT MIN(id) FROM provinces) WHERE (SELECT COUNT(*) FROM provinces) = 1";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_province(manager, AuditLog::Table, AuditLog::ProvinceId).await?;
        add_province(manager, Reminders::Table, Reminders::ProvinceId).await?;
        let db = manager.get_connection();
        for table in ["audit_log", "reminders"] {
            db.execute_unprepared(&format!("UPDATE {table} SET province_id = {ONLY_PROVINCE}"))
                .await?;
        }
        // The province admin's audit page: newest first within one province.
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_province")
                    .table(AuditLog::Table)
                    .col(AuditLog::ProvinceId)
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reminders_province")
                    .table(Reminders::Table)
                    .col(Reminders::ProvinceId)
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            ("ix_audit_log_province", AuditLog::Table.into_iden()),
            ("ix_reminders_province", Reminders::Table.into_iden()),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(AuditLog::Table)
                    .drop_column(AuditLog::ProvinceId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reminders::Table)
                    .drop_column(Reminders::ProvinceId)
                    .to_owned(),
            )
            .await
    }
}

/// A nullable province column (no foreign key: SQLite cannot add one to an existing table, and
/// provinces are never deleted).
async fn add_province(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    column: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table)
                .add_column(integer_null(column))
                .to_owned(),
        )
        .await
}

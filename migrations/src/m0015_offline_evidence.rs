//! Offline evidence (issue 17, hole 12): when a learner first took a course's offline pack, so a
//! completion made offline is never dated before it, and the time the phone claimed for each
//! item it sent, kept as evidence beside the time that was recorded.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OfflinePacks {
    Table,
    Id,
    UserId,
    CourseId,
    FirstAt,
}

#[derive(DeriveIden)]
enum SyncReceipts {
    Table,
    ClaimedAt,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn cascade(
    from: OfflinePacks,
    to: impl IntoIden,
    to_col: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(to)
        .to_col(to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn offline_packs() -> TableCreateStatement {
    Table::create()
        .table(OfflinePacks::Table)
        .if_not_exists()
        .col(pk_auto(OfflinePacks::Id))
        .col(integer(OfflinePacks::UserId))
        .col(integer(OfflinePacks::CourseId))
        // Epoch seconds of the first download; later downloads leave it as it is.
        .col(big_integer(OfflinePacks::FirstAt))
        .foreign_key(&mut cascade(OfflinePacks::UserId, Users::Table, Users::Id))
        .foreign_key(&mut cascade(
            OfflinePacks::CourseId,
            Courses::Table,
            Courses::Id,
        ))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(offline_packs()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_offline_packs_user_course")
                    .table(OfflinePacks::Table)
                    .col(OfflinePacks::UserId)
                    .col(OfflinePacks::CourseId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SyncReceipts::Table)
                    .add_column(big_integer_null(SyncReceipts::ClaimedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SyncReceipts::Table)
                    .drop_column(SyncReceipts::ClaimedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(OfflinePacks::Table).to_owned())
            .await
    }
}

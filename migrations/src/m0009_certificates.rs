//! Certificates: one per learner and completed course or passed mastery assessment, named by a
//! short public code; revocable by an admin.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Certificates {
    Table,
    Id,
    Code,
    SubjectKey,
    UserId,
    Kind,
    ProgrammeCode,
    Title,
    IssuedOn,
    Score,
    CreatedAt,
    RevokedOn,
    RevokedReason,
    RevokedBy,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn table() -> TableCreateStatement {
    Table::create()
        .table(Certificates::Table)
        .if_not_exists()
        .col(pk_auto(Certificates::Id))
        // `7KQ2M-XC9RT`: what the QR code and the paper carry.
        .col(string_uniq(Certificates::Code))
        // `course:<course id>:<user id>` or `mastery:<quiz id>:<user id>`: one certificate per
        // achievement, however many requests complete it at once.
        .col(string_uniq(Certificates::SubjectKey))
        .col(integer(Certificates::UserId))
        .col(string(Certificates::Kind))
        .col(string(Certificates::ProgrammeCode))
        .col(string(Certificates::Title))
        .col(date(Certificates::IssuedOn))
        .col(double_null(Certificates::Score))
        .col(big_integer(Certificates::CreatedAt))
        .col(date_null(Certificates::RevokedOn))
        .col(text_null(Certificates::RevokedReason))
        .col(integer_null(Certificates::RevokedBy))
        .foreign_key(
            ForeignKey::create()
                .from_col(Certificates::UserId)
                .to_tbl(Users::Table)
                .to_col(Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(table()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_certificates_user")
                    .table(Certificates::Table)
                    .col(Certificates::UserId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Certificates::Table).to_owned())
            .await
    }
}

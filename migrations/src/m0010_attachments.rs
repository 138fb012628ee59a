//! Lesson images and attachments: each file's bytes kept in the database, as everything else
//! is, so that any number of server processes serve them without a shared disk.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    Token,
    CourseId,
    FileName,
    ContentType,
    Size,
    Data,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .if_not_exists()
                    .col(pk_auto(Attachments::Id))
                    // Random, so the address of a draft's file cannot be guessed.
                    .col(string_uniq(Attachments::Token))
                    .col(integer(Attachments::CourseId))
                    .col(string(Attachments::FileName))
                    .col(string(Attachments::ContentType))
                    .col(big_integer(Attachments::Size))
                    .col(blob(Attachments::Data))
                    .col(integer_null(Attachments::CreatedBy))
                    .col(big_integer(Attachments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from_col(Attachments::CourseId)
                            .to_tbl(Courses::Table)
                            .to_col(Courses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Attachments::Table).to_owned())
            .await
    }
}

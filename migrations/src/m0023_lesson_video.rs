//! Lesson videos (issue 20): one per lesson, an MP4 kept here or a link to an allowed host,
//! with its WebVTT captions.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LessonVideo {
    Table,
    LessonId,
    /// `file` (kept here) or `link`.
    Kind,
    /// The file's bytes (or the link) hashed: part of its address.
    ContentHash,
    ContentType,
    Data,
    Size,
    DurationSecs,
    LinkUrl,
    Captions,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Lessons {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LessonVideo::Table)
                    .if_not_exists()
                    .col(integer(LessonVideo::LessonId).primary_key())
                    .col(string(LessonVideo::Kind))
                    .col(string(LessonVideo::ContentHash))
                    .col(string(LessonVideo::ContentType))
                    .col(blob(LessonVideo::Data))
                    .col(big_integer(LessonVideo::Size))
                    .col(big_integer(LessonVideo::DurationSecs))
                    .col(text_null(LessonVideo::LinkUrl))
                    .col(text_null(LessonVideo::Captions))
                    .col(big_integer(LessonVideo::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from_col(LessonVideo::LessonId)
                            .to_tbl(Lessons::Table)
                            .to_col(Lessons::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LessonVideo::Table).to_owned())
            .await
    }
}

//! Spoken lessons (issue 20): one row per lesson of a published course, the speech made for it
//! (or the voice an author recorded), its content hash, and where its making stands.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LessonAudio {
    Table,
    LessonId,
    /// `speech` (made by the server) or `voice` (recorded by an author).
    Source,
    /// What the clip was made from: the spoken text and the recipe, hashed; the recording's
    /// bytes for a voice. Part of the clip's address, so a new clip is a new address.
    ContentHash,
    /// queued, working, ready, failed.
    State,
    ContentType,
    Data,
    Size,
    DurationMs,
    /// Why making it failed (the tool's words, never the lesson's).
    Error,
    /// How long making it took, in milliseconds (for the author's view and the figures).
    MakingMs,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Lessons {
    Table,
    Id,
}

fn lesson_audio() -> TableCreateStatement {
    Table::create()
        .table(LessonAudio::Table)
        .if_not_exists()
        .col(integer(LessonAudio::LessonId).primary_key())
        .col(string(LessonAudio::Source))
        .col(string(LessonAudio::ContentHash))
        .col(string(LessonAudio::State))
        .col(string(LessonAudio::ContentType))
        .col(blob(LessonAudio::Data))
        .col(big_integer(LessonAudio::Size))
        .col(big_integer(LessonAudio::DurationMs))
        .col(text_null(LessonAudio::Error))
        .col(big_integer(LessonAudio::MakingMs))
        .col(big_integer(LessonAudio::UpdatedAt))
        .foreign_key(
            ForeignKey::create()
                .from_col(LessonAudio::LessonId)
                .to_tbl(Lessons::Table)
                .to_col(Lessons::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(lesson_audio()).await?;
        // The worker's question, "what is queued?", and the reuse of a clip by its hash.
        manager
            .create_index(
                Index::create()
                    .name("idx_lesson_audio_state")
                    .table(LessonAudio::Table)
                    .col(LessonAudio::State)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lesson_audio_hash")
                    .table(LessonAudio::Table)
                    .col(LessonAudio::ContentHash)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LessonAudio::Table).to_owned())
            .await
    }
}

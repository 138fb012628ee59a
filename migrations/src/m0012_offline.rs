//! Learning on a phone without a network: practice questions per course (answers included,
//! graded on the phone, never drawn by graded quizzes), practice results, and the ids of the
//! items a phone sent when the network came back, so a re-send records nothing twice.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PracticeQuestions {
    Table,
    Id,
    CourseId,
    Position,
    Data,
}

#[derive(DeriveIden)]
enum PracticeResults {
    Table,
    Id,
    UserId,
    CourseId,
    Score,
    Correct,
    Total,
    Answers,
    TakenAt,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum SyncReceipts {
    Table,
    Id,
    UserId,
    ClientId,
    Kind,
    ReceivedAt,
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

fn fk(from: impl IntoIden, to: impl IntoIden, to_col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(to)
        .to_col(to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn practice_questions() -> TableCreateStatement {
    Table::create()
        .table(PracticeQuestions::Table)
        .if_not_exists()
        .col(pk_auto(PracticeQuestions::Id))
        .col(integer(PracticeQuestions::CourseId))
        .col(integer(PracticeQuestions::Position))
        // The whole question as JSON (`domain::learning::question::QuestionDraft`).
        .col(text(PracticeQuestions::Data))
        .foreign_key(&mut fk(
            PracticeQuestions::CourseId,
            Courses::Table,
            Courses::Id,
        ))
        .to_owned()
}

fn practice_results() -> TableCreateStatement {
    Table::create()
        .table(PracticeResults::Table)
        .if_not_exists()
        .col(pk_auto(PracticeResults::Id))
        .col(integer(PracticeResults::UserId))
        .col(integer(PracticeResults::CourseId))
        .col(double(PracticeResults::Score))
        .col(integer(PracticeResults::Correct))
        .col(integer(PracticeResults::Total))
        .col(text(PracticeResults::Answers))
        .col(big_integer(PracticeResults::TakenAt))
        .col(big_integer(PracticeResults::ReceivedAt))
        .foreign_key(&mut fk(PracticeResults::UserId, Users::Table, Users::Id))
        .foreign_key(&mut fk(
            PracticeResults::CourseId,
            Courses::Table,
            Courses::Id,
        ))
        .to_owned()
}

fn sync_receipts() -> TableCreateStatement {
    Table::create()
        .table(SyncReceipts::Table)
        .if_not_exists()
        .col(pk_auto(SyncReceipts::Id))
        .col(integer(SyncReceipts::UserId))
        // The UUID the phone gave the item when it was made.
        .col(string(SyncReceipts::ClientId))
        .col(string(SyncReceipts::Kind))
        .col(big_integer(SyncReceipts::ReceivedAt))
        .foreign_key(&mut fk(SyncReceipts::UserId, Users::Table, Users::Id))
        .to_owned()
}

fn unique(name: &str, table: impl IntoIden, cols: [&'static str; 2]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table).unique().if_not_exists();
    for c in cols {
        idx.col(Alias::new(c));
    }
    idx.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(practice_questions()).await?;
        manager.create_table(practice_results()).await?;
        manager.create_table(sync_receipts()).await?;
        manager
            .create_index(unique(
                "idx_practice_questions_course_position",
                PracticeQuestions::Table,
                ["course_id", "position"],
            ))
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_practice_results_user_course")
                    .table(PracticeResults::Table)
                    .col(PracticeResults::UserId)
                    .col(PracticeResults::CourseId)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(unique(
                "idx_sync_receipts_user_client",
                SyncReceipts::Table,
                ["user_id", "client_id"],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            SyncReceipts::Table.into_iden(),
            PracticeResults::Table.into_iden(),
            PracticeQuestions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}

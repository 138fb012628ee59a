//! Placement checks (issue 20): a course's quiz may be its placement check; a lesson may name
//! the competence domain it teaches; a learner who passes a domain's part of the check has
//! that domain's lessons "tested out", one row per lesson, apart from the lessons read.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Quizzes {
    Table,
    Placement,
}

#[derive(DeriveIden)]
enum Lessons {
    Table,
    Id,
    Domain,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Attempts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TestedOut {
    Table,
    Id,
    UserId,
    LessonId,
    AttemptId,
    At,
}

fn fk(from: impl IntoIden, table: impl IntoIden, to: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(table)
        .to_col(to)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Quizzes::Table)
                    .add_column(boolean(Quizzes::Placement).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Lessons::Table)
                    // A domain code of the course's competences, or NULL: never tested out.
                    .add_column(string_null(Lessons::Domain))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TestedOut::Table)
                    .if_not_exists()
                    .col(pk_auto(TestedOut::Id))
                    .col(integer(TestedOut::UserId))
                    .col(integer(TestedOut::LessonId))
                    .col(integer(TestedOut::AttemptId))
                    .col(big_integer(TestedOut::At))
                    .foreign_key(&mut fk(TestedOut::UserId, Users::Table, Users::Id))
                    .foreign_key(&mut fk(TestedOut::LessonId, Lessons::Table, Lessons::Id))
                    .foreign_key(&mut fk(TestedOut::AttemptId, Attempts::Table, Attempts::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_tested_out_user_lesson")
                    .table(TestedOut::Table)
                    .col(TestedOut::UserId)
                    .col(TestedOut::LessonId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TestedOut::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Lessons::Table)
                    .drop_column(Lessons::Domain)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Quizzes::Table)
                    .drop_column(Quizzes::Placement)
                    .to_owned(),
            )
            .await
    }
}

//! Assessment: the question bank, quizzes (course quizzes and mastery assessments) with their
//! draw rules, and attempts with one row per drawn question, saved answer by answer.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    Code,
    Domain,
    Difficulty,
    Kind,
    Data,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Quizzes {
    Table,
    Id,
    Code,
    Title,
    CourseId,
    Mastery,
    PassMark,
    Floor,
    TimeLimitSeconds,
    MaxAttempts,
    Review,
    DrawRules,
    Published,
}

#[derive(DeriveIden)]
enum Attempts {
    Table,
    Id,
    QuizId,
    UserId,
    Status,
    StartedAt,
    DeadlineAt,
    SubmittedAt,
    Score,
    Passed,
    DomainScores,
    OpenKey,
}

#[derive(DeriveIden)]
enum AttemptItems {
    Table,
    Id,
    AttemptId,
    Position,
    QuestionId,
    OptionOrder,
    Answer,
    AnsweredAt,
    Earned,
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

fn fk(
    from: impl IntoIden,
    to_table: impl IntoIden,
    to: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(from)
        .to_tbl(to_table)
        .to_col(to)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(Questions::Table)
            .if_not_exists()
            .col(pk_auto(Questions::Id))
            .col(string_uniq(Questions::Code))
            .col(string(Questions::Domain))
            .col(string(Questions::Difficulty))
            .col(string(Questions::Kind))
            // The whole question as JSON (domain::learning::question::QuestionDraft), answers included:
            // it never leaves the server while an attempt is open.
            .col(text(Questions::Data))
            .col(big_integer(Questions::CreatedAt))
            .to_owned(),
        Table::create()
            .table(Quizzes::Table)
            .if_not_exists()
            .col(pk_auto(Quizzes::Id))
            .col(string_uniq(Quizzes::Code))
            .col(string(Quizzes::Title))
            .col(integer_null(Quizzes::CourseId))
            .col(boolean(Quizzes::Mastery))
            .col(double(Quizzes::PassMark))
            .col(double(Quizzes::Floor))
            .col(integer_null(Quizzes::TimeLimitSeconds))
            .col(integer_null(Quizzes::MaxAttempts))
            .col(string(Quizzes::Review))
            .col(text(Quizzes::DrawRules))
            .col(boolean(Quizzes::Published))
            .foreign_key(&mut fk(Quizzes::CourseId, Courses::Table, Courses::Id))
            .to_owned(),
        Table::create()
            .table(Attempts::Table)
            .if_not_exists()
            .col(pk_auto(Attempts::Id))
            .col(integer(Attempts::QuizId))
            .col(integer(Attempts::UserId))
            .col(string(Attempts::Status))
            .col(big_integer(Attempts::StartedAt))
            .col(big_integer_null(Attempts::DeadlineAt))
            .col(big_integer_null(Attempts::SubmittedAt))
            .col(double_null(Attempts::Score))
            .col(boolean_null(Attempts::Passed))
            .col(text_null(Attempts::DomainScores))
            // "user:quiz" while open, NULL once closed: its unique index allows one open attempt
            // per learner and quiz, whatever two tabs send at once.
            .col(string_null(Attempts::OpenKey))
            .foreign_key(&mut fk(Attempts::QuizId, Quizzes::Table, Quizzes::Id))
            .foreign_key(&mut fk(Attempts::UserId, Users::Table, Users::Id))
            .to_owned(),
        Table::create()
            .table(AttemptItems::Table)
            .if_not_exists()
            .col(pk_auto(AttemptItems::Id))
            .col(integer(AttemptItems::AttemptId))
            .col(integer(AttemptItems::Position))
            .col(integer(AttemptItems::QuestionId))
            // The order the options are shown in, as stored indices.
            .col(text(AttemptItems::OptionOrder))
            .col(text_null(AttemptItems::Answer))
            .col(big_integer_null(AttemptItems::AnsweredAt))
            .col(double_null(AttemptItems::Earned))
            .foreign_key(&mut fk(
                AttemptItems::AttemptId,
                Attempts::Table,
                Attempts::Id,
            ))
            .foreign_key(&mut fk(
                AttemptItems::QuestionId,
                Questions::Table,
                Questions::Id,
            ))
            .to_owned(),
    ]
}

fn index(
    name: &str,
    table: impl IntoIden,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table).if_not_exists();
    if unique {
        stmt.unique();
    }
    for col in cols {
        stmt.col(Alias::new(*col));
    }
    stmt.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        manager
            .create_index(index(
                "idx_questions_domain_difficulty",
                Questions::Table,
                &["domain", "difficulty"],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_attempts_user_quiz",
                Attempts::Table,
                &["user_id", "quiz_id"],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                "uq_attempts_open_key",
                Attempts::Table,
                &["open_key"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "uq_attempt_items_position",
                AttemptItems::Table,
                &["attempt_id", "position"],
                true,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AttemptItems::Table.into_iden(),
            Attempts::Table.into_iden(),
            Quizzes::Table.into_iden(),
            Questions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

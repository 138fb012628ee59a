//! Roster and records: people, their assignments to units over time, training records, assessment results.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    StaffCode,
    FullName,
    PersonalId,
    Email,
    Phone,
    UserId,
}

#[derive(DeriveIden)]
enum Assignments {
    Table,
    Id,
    PersonId,
    UnitId,
    Kind,
    StartDate,
    EndDate,
}

#[derive(DeriveIden)]
enum TrainingRecords {
    Table,
    Id,
    PersonId,
    ProgrammeCode,
    CompletedOn,
    Mode,
    Note,
    Source,
}

#[derive(DeriveIden)]
enum AssessmentResults {
    Table,
    Id,
    PersonId,
    AssessmentCode,
    TakenOn,
    Score,
    Passed,
}

#[derive(DeriveIden)]
enum Units {
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
        .to_owned()
}

fn people() -> TableCreateStatement {
    Table::create()
        .table(People::Table)
        .if_not_exists()
        .col(pk_auto(People::Id))
        .col(string_uniq(People::StaffCode))
        .col(string(People::FullName))
        .col(string_null(People::PersonalId))
        .col(string_null(People::Email))
        .col(string_null(People::Phone))
        .col(integer_null(People::UserId))
        .foreign_key(&mut fk(People::UserId, Users::Table, Users::Id))
        .to_owned()
}

fn assignments() -> TableCreateStatement {
    Table::create()
        .table(Assignments::Table)
        .if_not_exists()
        .col(pk_auto(Assignments::Id))
        .col(integer(Assignments::PersonId))
        .col(integer(Assignments::UnitId))
        .col(string(Assignments::Kind))
        .col(date(Assignments::StartDate))
        .col(date_null(Assignments::EndDate))
        .foreign_key(&mut fk(Assignments::PersonId, People::Table, People::Id))
        .foreign_key(&mut fk(Assignments::UnitId, Units::Table, Units::Id))
        .to_owned()
}

fn training_records() -> TableCreateStatement {
    Table::create()
        .table(TrainingRecords::Table)
        .if_not_exists()
        .col(pk_auto(TrainingRecords::Id))
        .col(integer(TrainingRecords::PersonId))
        .col(string(TrainingRecords::ProgrammeCode))
        .col(date(TrainingRecords::CompletedOn))
        .col(string(TrainingRecords::Mode))
        .col(text_null(TrainingRecords::Note))
        .col(string(TrainingRecords::Source))
        .foreign_key(&mut fk(
            TrainingRecords::PersonId,
            People::Table,
            People::Id,
        ))
        .to_owned()
}

fn assessment_results() -> TableCreateStatement {
    Table::create()
        .table(AssessmentResults::Table)
        .if_not_exists()
        .col(pk_auto(AssessmentResults::Id))
        .col(integer(AssessmentResults::PersonId))
        .col(string(AssessmentResults::AssessmentCode))
        .col(date(AssessmentResults::TakenOn))
        .col(double(AssessmentResults::Score))
        .col(boolean(AssessmentResults::Passed))
        .foreign_key(&mut fk(
            AssessmentResults::PersonId,
            People::Table,
            People::Id,
        ))
        .to_owned()
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

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        // An assignment is identified by (person, start date): re-importing it updates it.
        index(
            "uq_assignments_person_start",
            Assignments::Table,
            &["person_id", "start_date"],
            true,
        ),
        index(
            "idx_assignments_unit",
            Assignments::Table,
            &["unit_id"],
            false,
        ),
        index(
            "idx_assignments_dates",
            Assignments::Table,
            &["start_date", "end_date"],
            false,
        ),
        // Unique so that importing the same file twice adds nothing.
        index(
            "uq_training_records",
            TrainingRecords::Table,
            &["person_id", "programme_code", "completed_on"],
            true,
        ),
        index(
            "uq_assessment_results",
            AssessmentResults::Table,
            &["person_id", "assessment_code", "taken_on"],
            true,
        ),
        index("idx_people_user", People::Table, &["user_id"], false),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            people(),
            assignments(),
            training_records(),
            assessment_results(),
        ] {
            manager.create_table(table).await?;
        }
        for idx in indexes() {
            manager.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "assessment_results",
            "training_records",
            "assignments",
            "people",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(name)).to_owned())
                .await?;
        }
        Ok(())
    }
}

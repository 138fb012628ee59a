//! Each assignment carries its person's first training and first passed mastery assessment.
//!
//! "Trained by D" is then `first_trained_on <= D` on the assignment row itself, read from the
//! same index that finds the assignments active on D in a unit: no probe into the records and
//! no join to the people per active person. At a province's size (50,000 people, 500,000
//! records) those were most of an indicator query's time. The service keeps both columns in
//! step with every write to the records and every new assignment, in the same transaction
//! (`service::firsts`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Assignments {
    Table,
    FirstTrainedOn,
    FirstMasteredOn,
}

/// Both dates from the records already there.
pub const BACKFILL: &str = "UPDATE assignments SET \
  first_trained_on = (SELECT MIN(t.completed_on) FROM training_records t WHERE t.person_id = assignments.person_id), \
  first_mastered_on = (SELECT MIN(r.taken_on) FROM assessment_results r WHERE r.person_id = assignments.person_id AND r.passed = TRUE)";

/// m0005's index for the active assignments of a unit, now with the dates instead of the person.
const OLD_INDEX: &str = "idx_assignments_unit_active";
const NEW_INDEX: &str = "idx_assignments_unit_active_firsts";
const NEW_COLUMNS: [&str; 6] = [
    "unit_id",
    "start_date",
    "end_date",
    "kind",
    "first_trained_on",
    "first_mastered_on",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [Assignments::FirstTrainedOn, Assignments::FirstMasteredOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Assignments::Table)
                        .add_column(date_null(col))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(BACKFILL)
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_INDEX)
                    .table(Assignments::Table)
                    .to_owned(),
            )
            .await?;
        let mut index = Index::create();
        index
            .name(NEW_INDEX)
            .table(Assignments::Table)
            .if_not_exists();
        for col in NEW_COLUMNS {
            index.col(Alias::new(col));
        }
        manager.create_index(index).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NEW_INDEX)
                    .table(Assignments::Table)
                    .to_owned(),
            )
            .await?;
        let mut index = Index::create();
        index.name(OLD_INDEX).table(Assignments::Table);
        for col in ["unit_id", "start_date", "end_date", "kind", "person_id"] {
            index.col(Alias::new(col));
        }
        manager.create_index(index).await?;
        for col in [Assignments::FirstMasteredOn, Assignments::FirstTrainedOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Assignments::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

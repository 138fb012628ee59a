//! Each person's first training and first passed mastery assessment, kept on `people`.
//!
//! "Trained by D" is then `first_trained_on <= D`, read with the person's row, instead of a probe
//! into the records per active person: at a province's size (50,000 people, 500,000 records)
//! those probes were most of an indicator query's time. The service keeps both columns in step
//! with every write to the records, in the same transaction (`service::firsts`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    FirstTrainedOn,
    FirstMasteredOn,
}

/// Both dates from the records already there.
pub const BACKFILL: &str = "UPDATE people SET \
  first_trained_on = (SELECT MIN(t.completed_on) FROM training_records t WHERE t.person_id = people.id), \
  first_mastered_on = (SELECT MIN(r.taken_on) FROM assessment_results r WHERE r.person_id = people.id AND r.passed = TRUE)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for col in [People::FirstTrainedOn, People::FirstMasteredOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(People::Table)
                        .add_column(date_null(col))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(BACKFILL)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [People::FirstMasteredOn, People::FirstTrainedOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(People::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

//! Indexes the indicator queries need at the size of a province (measured with `hocvu-bench province`).
//!
//! - Each active assignment is found by unit and dates, with its kind and person read from the
//!   index itself (no table lookup per assignment).
//! - "Trained by D" and "mastered by D" are probes per person: (person, date) and
//!   (person, passed, date) answer each from the first index entry, without scanning the
//!   person's other programmes or reading the table for `passed`.
//! - `idx_assignments_dates` goes: "started on or before D" matches nearly every row, so the
//!   index never narrows an indicator query, yet SQLite without statistics chose it and then
//!   read the table row by row (province indicators took 4× longer than a plain scan).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str])] = &[
    (
        "idx_assignments_unit_active",
        "assignments",
        &["unit_id", "start_date", "end_date", "kind", "person_id"],
    ),
    (
        "idx_training_records_person_date",
        "training_records",
        &["person_id", "completed_on"],
    ),
    (
        "idx_assessment_results_person_passed_date",
        "assessment_results",
        &["person_id", "passed", "taken_on"],
    ),
];

const DATES_INDEX: &str = "idx_assignments_dates";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, cols) in INDEXES {
            let mut stmt = Index::create();
            stmt.name(*name).table(Alias::new(*table)).if_not_exists();
            for col in *cols {
                stmt.col(Alias::new(*col));
            }
            manager.create_index(stmt).await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name(DATES_INDEX)
                    .table(Alias::new("assignments"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(
                    Index::drop()
                        .name(*name)
                        .table(Alias::new(*table))
                        .to_owned(),
                )
                .await?;
        }
        let mut dates = Index::create();
        dates
            .name(DATES_INDEX)
            .table(Alias::new("assignments"))
            .col(Alias::new("start_date"))
            .col(Alias::new("end_date"));
        manager.create_index(dates).await
    }
}

//! Each person's first training and first passed mastery assessment (SPEC, "trained" and
//! "mastered"): the earliest `completed_on` of their training records, and the earliest
//! `taken_on` of their passed assessment results. This module holds that rule, twice written
//! for two readers: [`first_training`] and [`first_mastery`] find one person's, with what met
//! it (a learner's standing); [`refresh`] writes everyone's onto their assignments. A test
//! (`server/tests/records.rs`, `standing_and_first_dates_agree`) keeps the two equal.
//!
//! The dates are kept on every one of their
//! assignments (`first_trained_on`, `first_mastered_on`) so the indicators read them from the
//! index of active assignments instead of probing the records. Every write to
//! `training_records` or `assessment_results` calls [`refresh`] for the people it touched, and
//! the roster import calls [`refresh_new_assignments`], each in the writer's transaction.
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::Result;
use crate::entity::{assessment_result, training_record};
use crate::sql::Sql;

/// Ids per statement: well under either engine's limit on bound values.
const IDS_PER_STATEMENT: usize = 4_000;

/// A first date and what met it: the day, the programme or assessment code, the source.
pub type Found = (NaiveDate, String, String);

/// The person's earliest training record.
pub async fn first_training(db: &impl ConnectionTrait, person_id: i32) -> Result<Option<Found>> {
    let row = training_record::Entity::find()
        .filter(training_record::Column::PersonId.eq(person_id))
        .order_by_asc(training_record::Column::CompletedOn)
        .one(db)
        .await?;
    Ok(row.map(|r| (r.completed_on, r.programme_code, r.source)))
}

/// The person's earliest passed assessment result.
pub async fn first_mastery(db: &impl ConnectionTrait, person_id: i32) -> Result<Option<Found>> {
    let row = assessment_result::Entity::find()
        .filter(assessment_result::Column::PersonId.eq(person_id))
        .filter(assessment_result::Column::Passed.eq(true))
        .order_by_asc(assessment_result::Column::TakenOn)
        .one(db)
        .await?;
    Ok(row.map(|r| (r.taken_on, r.assessment_code, r.source)))
}

/// Recomputes both dates on every assignment of these people, from their records (the
/// national benchmark's bulk load calls it too).
pub async fn refresh(db: &impl ConnectionTrait, person_ids: &[i32]) -> Result<()> {
    update(db, person_ids, "").await
}

/// The same for people whose assignments the roster import has just written; only those with
/// records are touched, so a new roster of people without records writes nothing more.
pub(crate) async fn refresh_new_assignments(
    db: &impl ConnectionTrait,
    person_ids: &[i32],
) -> Result<()> {
    update(
        db,
        person_ids,
        " AND (EXISTS (SELECT 1 FROM training_records t WHERE t.person_id = assignments.person_id) \
         OR EXISTS (SELECT 1 FROM assessment_results r WHERE r.person_id = assignments.person_id))",
    )
    .await
}

async fn update(db: &impl ConnectionTrait, person_ids: &[i32], condition: &str) -> Result<()> {
    let mut ids = person_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let mut sql = Sql::new(db.get_database_backend());
        let yes = sql.yes();
        sql.push(&format!(
            "UPDATE assignments SET \
             first_trained_on = (SELECT MIN(t.completed_on) FROM training_records t WHERE t.person_id = assignments.person_id), \
             first_mastered_on = (SELECT MIN(r.taken_on) FROM assessment_results r WHERE r.person_id = assignments.person_id AND r.passed = {yes}) \
             WHERE person_id IN ("
        ));
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(*id);
        }
        sql.push(")").push(condition);
        db.execute_raw(sql.statement()).await?;
    }
    Ok(())
}

//! Each person's first training and first passed mastery assessment, kept on `people`
//! (`first_trained_on`, `first_mastered_on`) so the indicators read them with the person
//! instead of probing the records. Every write to `training_records` or `assessment_results`
//! calls [`refresh`] for the people it touched, in the same transaction.
use sea_orm::ConnectionTrait;

use crate::Result;
use crate::sql::Sql;

/// Ids per statement: well under either engine's limit on bound values.
const IDS_PER_STATEMENT: usize = 4_000;

/// Recomputes both dates of these people from their records.
pub async fn refresh(db: &impl ConnectionTrait, person_ids: &[i32]) -> Result<()> {
    let mut ids = person_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let mut sql = Sql::new(db.get_database_backend());
        let yes = sql.yes();
        sql.push(&format!(
            "UPDATE people SET \
             first_trained_on = (SELECT MIN(t.completed_on) FROM training_records t WHERE t.person_id = people.id), \
             first_mastered_on = (SELECT MIN(r.taken_on) FROM assessment_results r WHERE r.person_id = people.id AND r.passed = {yes}) \
             WHERE id IN ("
        ));
        for (i, id) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(*id);
        }
        sql.push(")");
        db.execute_raw(sql.statement()).await?;
    }
    Ok(())
}

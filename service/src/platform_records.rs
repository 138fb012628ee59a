//! Courses completed on the platform become training records of the learner's roster entry
//! (source `platform`), so they count in the indicators like an imported training: when the
//! course is completed, and when an account that has completed courses is linked later.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TryInsertResult};

use crate::audit::{self, Change, Who};
use crate::entity::{course, course_completion, person, training_record};
use crate::{Result, firsts};

/// Writes the missing training records of every course the user completed that counts as
/// training; does nothing for an account not linked to the roster.
pub async fn sync_user(db: &impl ConnectionTrait, user_id: i32) -> Result<()> {
    let Some(person) = person::Entity::find()
        .filter(person::Column::UserId.eq(user_id))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let completions = course_completion::Entity::find()
        .filter(course_completion::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let courses = course::Entity::find()
        .filter(course::Column::Id.is_in(completions.iter().map(|c| c.course_id)))
        .filter(course::Column::CountsAsTraining.eq(true))
        .all(db)
        .await?;
    let mut changes = Vec::new();
    for c in &courses {
        let Some(done) = completions.iter().find(|x| x.course_id == c.id) else {
            continue;
        };
        let record = training_record::ActiveModel {
            person_id: Set(person.id),
            programme_code: Set(c.code.clone()),
            completed_on: Set(done.completed_on),
            mode: Set("truc_tuyen".to_owned()),
            note: Set(Some(format!(
                "Hoàn thành khoá học {} trên Học Vụ Số",
                c.code
            ))),
            source: Set("platform".to_owned()),
            ..Default::default()
        };
        let key = [
            training_record::Column::PersonId,
            training_record::Column::ProgrammeCode,
            training_record::Column::CompletedOn,
        ];
        let inserted = training_record::Entity::insert(record)
            .on_conflict_do_nothing_on(key)
            .exec(db)
            .await?;
        if let TryInsertResult::Inserted(res) = inserted {
            let after = serde_json::json!({"person": person.staff_code, "programme_code": c.code, "completed_on": done.completed_on, "source": "platform"});
            changes.push(Change {
                actor: Who::user(user_id),
                action: "platform_complete",
                object_kind: "training_record",
                object_id: res.last_insert_id.to_string(),
                before: None,
                after: Some(after),
            });
        }
    }
    if !changes.is_empty() {
        firsts::refresh(db, &[person.id]).await?;
        audit::record_many(db, changes).await?;
    }
    Ok(())
}

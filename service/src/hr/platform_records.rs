//! What a learner achieves on the platform becomes a record of their roster entry (source
//! `platform`), so it counts in the indicators like an imported one: a completed course that
//! counts as training becomes a training record, a passed mastery assessment an assessment
//! result; when it happens, and when an account is linked to the roster later.
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TryInsertResult};

use crate::access::audit::{self, Change, Who};
use crate::entity::{
    assessment_result, attempt, course, course_completion, person, quiz, training_record,
};
use crate::{Result, hr::first_dates};

/// Writes the missing training records of every course the user completed that counts as
/// training; does nothing for an account not linked to the roster.
pub(crate) async fn sync_user(db: &impl ConnectionTrait, user_id: i32) -> Result<()> {
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
    changes.extend(sync_mastery(db, user_id, &person).await?);
    if !changes.is_empty() {
        first_dates::refresh(db, &[person.id]).await?;
        audit::record_many(db, changes).await?;
    }
    Ok(())
}

/// Passed mastery assessments on the platform, as assessment results of the person.
async fn sync_mastery(
    db: &impl ConnectionTrait,
    user_id: i32,
    person: &person::Model,
) -> Result<Vec<Change<'static>>> {
    let passed = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::Passed.eq(true))
        .all(db)
        .await?;
    let mastery: Vec<quiz::Model> = quiz::Entity::find()
        .filter(quiz::Column::Id.is_in(passed.iter().map(|a| a.quiz_id)))
        .filter(quiz::Column::Mastery.eq(true))
        .all(db)
        .await?;
    let mut changes = Vec::new();
    for a in &passed {
        let Some(q) = mastery.iter().find(|q| q.id == a.quiz_id) else {
            continue;
        };
        let taken_on = domain::dates::vietnam_date(a.submitted_at.unwrap_or(a.started_at));
        let row = assessment_result::ActiveModel {
            person_id: Set(person.id),
            assessment_code: Set(q.code.clone()),
            taken_on: Set(taken_on),
            score: Set(a.score.unwrap_or(0.0)),
            passed: Set(true),
            note: Set(Some(format!(
                "Bài đánh giá {} trên Học Vụ Số, lần làm số {}",
                q.code, a.id
            ))),
            source: Set("platform".to_owned()),
            ..Default::default()
        };
        let key = [
            assessment_result::Column::PersonId,
            assessment_result::Column::AssessmentCode,
            assessment_result::Column::TakenOn,
        ];
        if let TryInsertResult::Inserted(res) = assessment_result::Entity::insert(row)
            .on_conflict_do_nothing_on(key)
            .exec(db)
            .await?
        {
            let after = serde_json::json!({"person": person.staff_code, "assessment_code": q.code, "taken_on": taken_on, "score": a.score, "source": "platform"});
            changes.push(Change {
                actor: Who::user(user_id),
                action: "platform_mastery",
                object_kind: "assessment_result",
                object_id: res.last_insert_id.to_string(),
                before: None,
                after: Some(after),
            });
        }
    }
    Ok(changes)
}

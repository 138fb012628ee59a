//! Writing courses: a course and its lessons stored from their source text. Lessons keep their
//! ids when a course is written again, so learners' progress survives an edit.
use domain::learning::content::CourseSource;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::catalogue::lessons_of;
use crate::entity::{course, lesson};
use crate::{Result, now};

pub async fn upsert_course(
    db: &impl ConnectionTrait,
    src: &CourseSource,
    published: bool,
) -> Result<course::Model> {
    let existing = course::Entity::find()
        .filter(course::Column::Code.eq(src.code.as_str()))
        .one(db)
        .await?;
    let competences: Vec<&str> = src.competences.iter().map(|d| d.code()).collect();
    let mut row = match &existing {
        Some(c) => course::ActiveModel::from(c.clone()),
        None => course::ActiveModel {
            code: Set(src.code.clone()),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    row.title = Set(src.title.clone());
    row.summary = Set(src.summary.clone());
    row.audience = Set(src.audience.as_str().to_owned());
    row.competences = Set(competences.join(","));
    row.counts_as_training = Set(src.counts_as_training);
    row.published = Set(published);
    row.updated_at = Set(now());
    let saved = if existing.is_some() {
        row.update(db).await?
    } else {
        row.insert(db).await?
    };
    write_lessons(db, saved.id, src).await?;
    Ok(saved)
}

/// Lesson n of the source goes to position n: an existing lesson there is rewritten in place,
/// lessons past the new end are removed.
async fn write_lessons(
    db: &impl ConnectionTrait,
    course_id: i32,
    src: &CourseSource,
) -> Result<()> {
    let stored = lessons_of(db, course_id).await?;
    for (i, l) in src.lessons.iter().enumerate() {
        let position = i as i32 + 1;
        match stored.iter().find(|s| s.position == position) {
            Some(s) if s.title == l.title && s.body == l.body => {}
            Some(s) => {
                let mut row = lesson::ActiveModel::from(s.clone());
                row.title = Set(l.title.clone());
                row.body = Set(l.body.clone());
                row.update(db).await?;
            }
            None => {
                let row = lesson::ActiveModel {
                    course_id: Set(course_id),
                    position: Set(position),
                    title: Set(l.title.clone()),
                    body: Set(l.body.clone()),
                    ..Default::default()
                };
                row.insert(db).await?;
            }
        }
    }
    let past_end = stored
        .iter()
        .filter(|s| s.position as usize > src.lessons.len())
        .map(|s| s.id);
    lesson::Entity::delete_many()
        .filter(lesson::Column::Id.is_in(past_end))
        .exec(db)
        .await?;
    Ok(())
}

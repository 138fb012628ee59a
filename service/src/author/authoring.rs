//! Writing courses: a course and its lessons stored from their source text (the demo seeding),
//! and the author's editor of a course's fields and publication. Lessons keep their ids when a
//! course is written again, so learners' progress survives an edit.
use domain::learning::authoring::{
    AuthorCourse, AuthorCourseRow, CourseFields, LessonRow, is_course_code,
};
use domain::learning::content::CourseSource;
use domain::learning::{Audience, CompetenceDomain};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, AdminScope, author_scope, courses_of, reaches_course};
use crate::entity::{course, lesson, quiz};
use crate::error::is_unique_violation;
use crate::learn::catalogue::{competences_of, course_by_code, lessons_of};
use crate::{Error, FieldIssue, Result, now};

/// Stores a course from its source text, national (`province` None) or a province's own.
pub async fn upsert_course(
    db: &impl ConnectionTrait,
    src: &CourseSource,
    province: Option<i32>,
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
    row.province_id = Set(province);
    row.updated_at = Set(now());
    let saved = if existing.is_some() {
        row.update(db).await?
    } else {
        row.insert(db).await?
    };
    write_lessons(db, saved.id, src).await?;
    crate::speech::store::refresh_course(db, &saved).await?;
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
        let domain = l.domain.map(|d| d.code().to_owned());
        match stored.iter().find(|s| s.position == position) {
            Some(s) if s.title == l.title && s.body == l.body && s.domain == domain => {}
            Some(s) => {
                let mut row = lesson::ActiveModel::from(s.clone());
                row.title = Set(l.title.clone());
                row.body = Set(l.body.clone());
                row.domain = Set(domain);
                row.update(db).await?;
            }
            None => {
                let row = lesson::ActiveModel {
                    course_id: Set(course_id),
                    position: Set(position),
                    title: Set(l.title.clone()),
                    body: Set(l.body.clone()),
                    domain: Set(domain),
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

/// Title, summary and lesson limits, in characters.
const MAX_TITLE: usize = 200;
const MAX_SUMMARY: usize = 2000;

/// A course the author scope writes, by code: one it does not is not found, as an unknown code.
pub(crate) async fn course_in(
    db: &impl ConnectionTrait,
    scope: AdminScope,
    code: &str,
) -> Result<course::Model> {
    let c = course_by_code(db, code).await?;
    if reaches_course(scope, &c) {
        Ok(c)
    } else {
        Err(Error::NotFound)
    }
}

/// Every course the author writes, published or not, for the author's list: all of them for the
/// content team, its own for a province.
pub async fn all_courses(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<AuthorCourseRow>> {
    let scope = author_scope(actor)?;
    let courses = course::Entity::find()
        .filter(courses_of(scope))
        .order_by_asc(course::Column::Code)
        .all(db)
        .await?;
    let lessons = lesson::Entity::find().all(db).await?;
    let quizzes = quiz::Entity::find().all(db).await?;
    Ok(courses
        .into_iter()
        .map(|c| AuthorCourseRow {
            lesson_count: lessons.iter().filter(|l| l.course_id == c.id).count() as u32,
            quiz_count: quizzes.iter().filter(|q| q.course_id == Some(c.id)).count() as u32,
            code: c.code,
            title: c.title,
            published: c.published,
        })
        .collect())
}

/// A course as its editor shows it: fields, lessons in order, quizzes.
pub async fn course_for_edit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    code: &str,
) -> Result<AuthorCourse> {
    let c = course_in(db, author_scope(actor)?, code).await?;
    let lessons = lessons_of(db, c.id).await?;
    let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let speech = crate::speech::store::states_for(db, &c, &ids).await?;
    let lessons = lessons
        .into_iter()
        .map(|l| LessonRow {
            speech: speech
                .get(&l.id)
                .copied()
                .unwrap_or(domain::learning::authoring::SpeechState::Queued),
            id: l.id,
            position: l.position as u32,
            title: l.title,
        })
        .collect();
    let quizzes = crate::author::quiz_settings::rows(db, Some(&c)).await?;
    Ok(AuthorCourse {
        fields: fields_of(&c),
        published: c.published,
        lessons,
        quizzes,
    })
}

pub(crate) fn fields_of(c: &course::Model) -> CourseFields {
    CourseFields {
        code: c.code.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        audience: Audience::parse(&c.audience).unwrap_or(Audience::Everyone),
        competences: competences_of(c),
        counts_as_training: c.counts_as_training,
    }
}

/// The fields as a form sent them, checked: every problem at once.
pub(crate) fn check_course(f: &CourseFields) -> Result<CourseFields> {
    let mut issues = Vec::new();
    let code = f.code.trim().to_owned();
    if !is_course_code(&code) {
        issues.push(FieldIssue::new("code", "invalid_course_code"));
    }
    let title = f.title.trim().to_owned();
    if title.is_empty() {
        issues.push(FieldIssue::new("title", "title_required"));
    } else if title.chars().count() > MAX_TITLE {
        issues.push(FieldIssue::new("title", "title_too_long"));
    }
    let summary = f.summary.trim().to_owned();
    if summary.chars().count() > MAX_SUMMARY {
        issues.push(FieldIssue::new("summary", "summary_too_long"));
    }
    if f.competences.is_empty() {
        issues.push(FieldIssue::new("competences", "competences_required"));
    }
    if !issues.is_empty() {
        return Err(Error::Invalid(issues));
    }
    // Kept in the framework's order, each once.
    let competences = CompetenceDomain::ALL
        .into_iter()
        .filter(|d| f.competences.contains(d))
        .collect();
    Ok(CourseFields {
        code,
        title,
        summary,
        audience: f.audience,
        competences,
        counts_as_training: f.counts_as_training,
    })
}

/// Creates a course (unpublished), or rewrites the fields of the course `editing` names; the
/// code of an existing course does not change (quizzes and records refer to it).
pub async fn save_course(
    db: &DatabaseConnection,
    actor: &Actor,
    editing: Option<&str>,
    input: &CourseFields,
) -> Result<course::Model> {
    let scope = author_scope(actor)?;
    let f = check_course(input)?;
    let existing = match editing {
        Some(code) => Some(course_in(db, scope, code).await?),
        None => None,
    };
    let competences: Vec<&str> = f.competences.iter().map(|d| d.code()).collect();
    let mut row = match &existing {
        Some(c) => course::ActiveModel::from(c.clone()),
        None => course::ActiveModel {
            code: Set(f.code.clone()),
            published: Set(false),
            province_id: Set(match scope {
                AdminScope::Nation => None,
                AdminScope::Province(p) => Some(p),
            }),
            created_at: Set(now()),
            ..Default::default()
        },
    };
    row.title = Set(f.title.clone());
    row.summary = Set(f.summary.clone());
    row.audience = Set(f.audience.as_str().to_owned());
    row.competences = Set(competences.join(","));
    row.counts_as_training = Set(f.counts_as_training);
    row.updated_at = Set(now());
    let txn = db.begin().await?;
    let saved = match &existing {
        Some(_) => row.update(&txn).await?,
        None => row.insert(&txn).await.map_err(|e| {
            if is_unique_violation(&e) {
                Error::invalid("code", "course_code_taken")
            } else {
                e.into()
            }
        })?,
    };
    let action = if existing.is_some() {
        "update"
    } else {
        "create"
    };
    audit::record(
        &txn,
        Change {
            actor: actor.who(),
            action,
            object_kind: "course",
            object_id: saved.code.clone(),
            before: existing.as_ref().and_then(audit::json),
            after: audit::json(&saved),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Puts a course in the public catalogue, or takes it out.
pub async fn set_published(
    db: &DatabaseConnection,
    actor: &Actor,
    code: &str,
    published: bool,
) -> Result<()> {
    let c = course_in(db, author_scope(actor)?, code).await?;
    if c.published == published {
        return Ok(());
    }
    let txn = db.begin().await?;
    let mut row = course::ActiveModel::from(c.clone());
    row.published = Set(published);
    row.updated_at = Set(now());
    let saved = row.update(&txn).await?;
    crate::speech::store::refresh_course(&txn, &saved).await?;
    audit::record(
        &txn,
        Change {
            actor: actor.who(),
            action: if published { "publish" } else { "unpublish" },
            object_kind: "course",
            object_id: c.code.clone(),
            before: audit::json(serde_json::json!({ "published": c.published })),
            after: audit::json(serde_json::json!({ "published": published })),
        },
    )
    .await?;
    Ok(txn.commit().await?)
}

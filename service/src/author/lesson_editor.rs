//! The author's lesson operations, by lesson id: add, edit, delete, move up or down. A lesson
//! keeps its id through every one of them, so learners' completions (keyed by id) survive.
use domain::learning::CompetenceDomain;
use domain::learning::authoring::LessonEdit;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, AdminScope, author_scope, reaches_course};
use crate::entity::{course, lesson};
use crate::learn::catalogue::lessons_of;
use crate::{Error, FieldIssue, Result};

const MAX_TITLE: usize = 200;
/// A lesson's Markdown, in bytes: a long lesson is a few tens of kilobytes.
pub const MAX_BODY: usize = 200 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

fn checked(title: &str, body: &str) -> Result<(String, String)> {
    let mut issues = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        issues.push(FieldIssue::new("title", "title_required"));
    } else if title.chars().count() > MAX_TITLE {
        issues.push(FieldIssue::new("title", "title_too_long"));
    }
    if body.len() > MAX_BODY {
        issues.push(FieldIssue::new("body", "body_too_long"));
    }
    if issues.is_empty() {
        Ok((title.to_owned(), body.replace("\r\n", "\n")))
    } else {
        Err(Error::Invalid(issues))
    }
}

/// A lesson and its course, if the author scope writes the course: not found otherwise.
pub(crate) async fn lesson_in(
    db: &impl ConnectionTrait,
    scope: AdminScope,
    id: i32,
) -> Result<(lesson::Model, course::Model)> {
    let l = lesson::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let c = course::Entity::find_by_id(l.course_id)
        .one(db)
        .await?
        .filter(|c| reaches_course(scope, c))
        .ok_or(Error::NotFound)?;
    Ok((l, c))
}

/// A lesson as the editor shows it, with where its spoken version stands (`voice_installed`:
/// whether this server can make speech) and its video (`video_hosts`: where one may link).
pub async fn for_edit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    voice_installed: bool,
    video_hosts: &[String],
) -> Result<LessonEdit> {
    let scope = author_scope(actor)?;
    let (l, c) = lesson_in(db, scope, id).await?;
    let speech = crate::speech::store::speech_of(db, &c, l.id, voice_installed).await?;
    let video = crate::video::store::videos_for(db, &[l.id])
        .await?
        .remove(&l.id);
    let course_domains = crate::learn::catalogue::competences_of(&c);
    Ok(LessonEdit {
        speech,
        video,
        video_hosts: video_hosts.to_vec(),
        id: l.id,
        course_code: c.code,
        course_title: c.title,
        position: l.position as u32,
        domain: l.domain.as_deref().and_then(CompetenceDomain::parse),
        course_domains,
        title: l.title,
        body: l.body,
    })
}

/// Sets the domain the lesson teaches (one of its course's, or none), which the course's
/// placement check may test out. `domain` is a domain code; empty means none.
pub async fn set_domain(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    domain: &str,
) -> Result<()> {
    let scope = author_scope(actor)?;
    let (before, c) = lesson_in(db, scope, id).await?;
    let domain = match domain.trim() {
        "" => None,
        code => Some(
            CompetenceDomain::parse(code)
                .filter(|d| crate::learn::catalogue::competences_of(&c).contains(d))
                .ok_or_else(|| Error::invalid("domain", "lesson_domain_not_course"))?,
        ),
    };
    let domain = domain.map(|d| d.code().to_owned());
    if before.domain == domain {
        return Ok(());
    }
    let txn = db.begin().await?;
    let mut row = lesson::ActiveModel::from(before.clone());
    row.domain = Set(domain);
    let after = row.update(&txn).await?;
    log(&txn, actor, "update", Some(&before), Some(&after)).await?;
    Ok(txn.commit().await?)
}

async fn log(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    action: &str,
    before: Option<&lesson::Model>,
    after: Option<&lesson::Model>,
) -> Result<()> {
    let id = after.or(before).map_or(0, |l| l.id);
    audit::record(
        txn,
        Change {
            actor: actor.who(),
            action,
            object_kind: "lesson",
            object_id: id.to_string(),
            before: before.and_then(audit::json),
            after: after.and_then(audit::json),
        },
    )
    .await
}

/// Adds a lesson at the end of the course; its id.
pub async fn add(
    db: &DatabaseConnection,
    actor: &Actor,
    course_code: &str,
    title: &str,
    body: &str,
) -> Result<i32> {
    let scope = author_scope(actor)?;
    let (title, body) = checked(title, body)?;
    let c = crate::author::authoring::course_in(db, scope, course_code).await?;
    let txn = db.begin().await?;
    let last = lessons_of(&txn, c.id)
        .await?
        .last()
        .map_or(0, |l| l.position);
    let saved = lesson::ActiveModel {
        course_id: Set(c.id),
        position: Set(last + 1),
        title: Set(title),
        body: Set(body),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    log(&txn, actor, "create", None, Some(&saved)).await?;
    crate::speech::store::refresh_course(&txn, &c).await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// Rewrites a lesson's title and text; its id and place stay.
pub async fn edit(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    title: &str,
    body: &str,
) -> Result<()> {
    let scope = author_scope(actor)?;
    let (title, body) = checked(title, body)?;
    let (before, c) = lesson_in(db, scope, id).await?;
    if before.title == title && before.body == body {
        return Ok(());
    }
    let txn = db.begin().await?;
    let mut row = lesson::ActiveModel::from(before.clone());
    row.title = Set(title);
    row.body = Set(body);
    let after = row.update(&txn).await?;
    log(&txn, actor, "update", Some(&before), Some(&after)).await?;
    crate::speech::store::refresh_course(&txn, &c).await?;
    Ok(txn.commit().await?)
}

/// Deletes a lesson (and who did it, which means nothing without it); the lessons after it
/// move up one place.
pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i32) -> Result<String> {
    let scope = author_scope(actor)?;
    let (gone, c) = lesson_in(db, scope, id).await?;
    let txn = db.begin().await?;
    lesson::Entity::delete_by_id(gone.id).exec(&txn).await?;
    for later in lessons_of(&txn, c.id)
        .await?
        .into_iter()
        .filter(|l| l.position > gone.position)
    {
        let position = later.position - 1;
        let mut row = lesson::ActiveModel::from(later);
        row.position = Set(position);
        row.update(&txn).await?;
    }
    log(&txn, actor, "delete", Some(&gone), None).await?;
    txn.commit().await?;
    Ok(c.code)
}

/// Swaps a lesson with its neighbour above or below; at either end nothing moves.
pub async fn move_lesson(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i32,
    direction: Move,
) -> Result<String> {
    let scope = author_scope(actor)?;
    let (l, c) = lesson_in(db, scope, id).await?;
    let target = match direction {
        Move::Up => l.position - 1,
        Move::Down => l.position + 1,
    };
    let txn = db.begin().await?;
    let neighbour = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(c.id))
        .filter(lesson::Column::Position.eq(target))
        .one(&txn)
        .await?;
    let Some(neighbour) = neighbour else {
        return Ok(c.code);
    };
    // (course, position) is unique: park the lesson on a free place while the other moves.
    set_position(&txn, &l, -l.id).await?;
    set_position(&txn, &neighbour, l.position).await?;
    let moved = set_position(&txn, &l, target).await?;
    log(&txn, actor, "move", Some(&l), Some(&moved)).await?;
    txn.commit().await?;
    Ok(c.code)
}

async fn set_position(
    txn: &impl ConnectionTrait,
    l: &lesson::Model,
    position: i32,
) -> Result<lesson::Model> {
    let mut row = lesson::ActiveModel::from(l.clone());
    row.position = Set(position);
    Ok(row.update(txn).await?)
}

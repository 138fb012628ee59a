//! The published catalogue, open to anyone: courses filtered by text, audience and domain, and
//! one course with its lessons in order.
use std::collections::HashMap;

use domain::learning::{
    Audience, CatalogueQuery, CompetenceDomain, CourseDetail, CourseSummary, LessonRef,
    matches_search,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::access::authz::{Actor, provinces_of};
use crate::entity::{course, lesson};
use crate::{Error, Result};

/// Which courses a reader finds in the catalogue: the national ones, and those made by the
/// provinces the reader belongs to ([`provinces_of`]); the national admin finds every one. A
/// visitor who has not signed in finds the national ones. (A published course of any province
/// still opens from a link: a course is a lesson for anyone, not personal data.)
pub async fn shown_to(db: &impl ConnectionTrait, reader: Option<&Actor>) -> Result<Condition> {
    let national = course::Column::ProvinceId.is_null();
    let Some(reader) = reader else {
        return Ok(Condition::all().add(national));
    };
    if reader.is_admin() && reader.token.is_none() {
        return Ok(Condition::all());
    }
    let provinces = provinces_of(db, reader).await?;
    Ok(Condition::any()
        .add(national)
        .add(course::Column::ProvinceId.is_in(provinces)))
}

/// The published courses a reader finds ([`shown_to`]) that match the query, by code.
pub async fn list(
    db: &impl ConnectionTrait,
    reader: Option<&Actor>,
    query: &CatalogueQuery,
) -> Result<Vec<CourseSummary>> {
    let courses = course::Entity::find()
        .filter(course::Column::Published.eq(true))
        .filter(shown_to(db, reader).await?)
        .order_by_asc(course::Column::Code)
        .all(db)
        .await?;
    let counts = lesson_counts(db).await?;
    let audience = Audience::parse(&query.audience);
    let domain = CompetenceDomain::parse(&query.domain);
    Ok(courses
        .iter()
        .map(|c| summary(c, counts.get(&c.id).copied().unwrap_or(0)))
        .filter(|c| audience.is_none_or(|a| c.audience == a || c.audience == Audience::Everyone))
        .filter(|c| domain.is_none_or(|d| c.competences.contains(&d)))
        .filter(|c| matches_search(&format!("{} {} {}", c.code, c.title, c.summary), &query.q))
        .collect())
}

/// Lessons per course, counted in SQL.
async fn lesson_counts(db: &impl ConnectionTrait) -> Result<HashMap<i32, u32>> {
    let rows: Vec<(i32, i64)> = lesson::Entity::find()
        .select_only()
        .column(lesson::Column::CourseId)
        .column_as(lesson::Column::Id.count(), "n")
        .group_by(lesson::Column::CourseId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u32::try_from(n).unwrap_or(0)))
        .collect())
}

/// A published course by code; an unpublished or unknown one is not found.
pub async fn published(db: &impl ConnectionTrait, code: &str) -> Result<course::Model> {
    course::Entity::find()
        .filter(course::Column::Code.eq(code.trim()))
        .filter(course::Column::Published.eq(true))
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

/// A course by code, published or not.
pub async fn course_by_code(db: &impl ConnectionTrait, code: &str) -> Result<course::Model> {
    course::Entity::find()
        .filter(course::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn lessons_of(db: &impl ConnectionTrait, course_id: i32) -> Result<Vec<lesson::Model>> {
    Ok(lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?)
}

pub fn detail_of(course: &course::Model, lessons: &[lesson::Model]) -> CourseDetail {
    CourseDetail {
        course: summary(course, lessons.len() as u32),
        lessons: lessons.iter().map(lesson_ref).collect(),
    }
}

pub(crate) fn lesson_ref(l: &lesson::Model) -> LessonRef {
    LessonRef {
        position: u32::try_from(l.position).unwrap_or(0),
        title: l.title.clone(),
    }
}

/// The competence domains a course covers (stored as their codes, comma-separated).
pub(crate) fn competences_of(c: &course::Model) -> Vec<CompetenceDomain> {
    c.competences
        .split(',')
        .filter_map(CompetenceDomain::parse)
        .collect()
}

pub fn summary(c: &course::Model, lesson_count: u32) -> CourseSummary {
    CourseSummary {
        code: c.code.clone(),
        title: c.title.clone(),
        summary: c.summary.clone(),
        audience: Audience::parse(&c.audience).unwrap_or(Audience::Everyone),
        competences: competences_of(c),
        counts_as_training: c.counts_as_training,
        lesson_count,
    }
}

/// The published courses among these ids, by code.
pub(crate) async fn published_by_ids(
    db: &impl ConnectionTrait,
    ids: &std::collections::HashSet<i32>,
) -> Result<Vec<course::Model>> {
    use sea_orm::QueryOrder;
    Ok(course::Entity::find()
        .filter(course::Column::Id.is_in(ids.iter().copied()))
        .filter(course::Column::Published.eq(true))
        .order_by_asc(course::Column::Code)
        .all(db)
        .await?)
}

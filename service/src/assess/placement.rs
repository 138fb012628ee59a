//! Placement checks (issue 20): a course's quiz marked `placement` draws questions by the
//! course's domains; a learner who passes a domain's part (its score at the pass mark) has
//! that domain's lessons "tested out", kept apart from the lessons read. The attempt itself is
//! an attempt like any other (same secrecy, timing and grading); only what closing it does
//! differs. The course is still completed only by its final quiz.
use std::collections::{HashMap, HashSet};

use domain::hr::TestedOutView;
use domain::learning::CompetenceDomain;
use domain::learning::attempt::PlacementOutcome;
use domain::learning::grading::DomainScore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::Result;
use crate::entity::{attempt, course, lesson, quiz, tested_out};
use crate::learn::catalogue::{lesson_ref, lessons_of};

/// How many attempts the quiz allows: a placement check allows one unless its author said more.
pub(crate) fn attempt_limit(q: &quiz::Model) -> Option<i32> {
    q.max_attempts.or(q.placement.then_some(1))
}

/// The domains whose part of the attempt reached the quiz's pass mark.
pub(crate) fn domains_passed(q: &quiz::Model, scores: &[DomainScore]) -> Vec<CompetenceDomain> {
    scores
        .iter()
        .filter(|s| s.percent().is_some_and(|p| p + 1e-9 >= q.pass_mark))
        .map(|s| s.domain)
        .collect()
}

/// Marks the lessons of the passed domains tested out for the attempt's learner, inside the
/// transaction that closes it; a lesson tested out before stays as it was.
pub(crate) async fn test_out(
    db: &impl ConnectionTrait,
    a: &attempt::Model,
    q: &quiz::Model,
    scores: &[DomainScore],
    at: i64,
) -> Result<()> {
    let Some(course_id) = q.course_id else {
        return Ok(());
    };
    let passed = domains_passed(q, scores);
    let rows: Vec<tested_out::ActiveModel> = lessons_of(db, course_id)
        .await?
        .into_iter()
        .filter(|l| teaches(l, &passed))
        .map(|l| tested_out::ActiveModel {
            user_id: Set(a.user_id),
            lesson_id: Set(l.id),
            attempt_id: Set(a.id),
            at: Set(at),
            ..Default::default()
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    tested_out::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([tested_out::Column::UserId, tested_out::Column::LessonId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn teaches(l: &lesson::Model, domains: &[CompetenceDomain]) -> bool {
    l.domain
        .as_deref()
        .and_then(CompetenceDomain::parse)
        .is_some_and(|d| domains.contains(&d))
}

/// What a closed placement attempt tested out, as its result shows it.
pub(crate) async fn outcome(
    db: &impl ConnectionTrait,
    user_id: i32,
    q: &quiz::Model,
    scores: &[DomainScore],
) -> Result<Option<PlacementOutcome>> {
    let Some(c) = course_of(db, q).await? else {
        return Ok(None);
    };
    let passed = domains_passed(q, scores);
    let lessons = lessons_of(db, c.id).await?;
    let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let settled = settled_ids(db, user_id, &ids).await?;
    Ok(Some(PlacementOutcome {
        course_code: c.code,
        lessons: lessons
            .iter()
            .filter(|l| teaches(l, &passed))
            .map(lesson_ref)
            .collect(),
        next_lesson: lessons
            .iter()
            .find(|l| !settled.contains(&l.id))
            .map(|l| lesson_ref(l).position),
        domains_passed: passed,
    }))
}

async fn course_of(db: &impl ConnectionTrait, q: &quiz::Model) -> Result<Option<course::Model>> {
    Ok(match q.course_id {
        Some(id) => course::Entity::find_by_id(id).one(db).await?,
        None => None,
    })
}

/// Of these lessons, the ones the learner tested out.
pub(crate) async fn tested_out_ids(
    db: &impl ConnectionTrait,
    user_id: i32,
    lesson_ids: &[i32],
) -> Result<HashSet<i32>> {
    Ok(tested_out::Entity::find()
        .filter(tested_out::Column::UserId.eq(user_id))
        .filter(tested_out::Column::LessonId.is_in(lesson_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.lesson_id)
        .collect())
}

/// Of these lessons, the ones read or tested out.
async fn settled_ids(
    db: &impl ConnectionTrait,
    user_id: i32,
    lesson_ids: &[i32],
) -> Result<HashSet<i32>> {
    let mut ids = tested_out_ids(db, user_id, lesson_ids).await?;
    ids.extend(crate::learn::progress::done_ids(db, user_id, lesson_ids).await?);
    Ok(ids)
}

/// The course's published placement check, if it has one.
pub(crate) async fn check_of(
    db: &impl ConnectionTrait,
    course_id: i32,
) -> Result<Option<quiz::Model>> {
    Ok(quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::Placement.eq(true))
        .filter(quiz::Column::Published.eq(true))
        .order_by_asc(quiz::Column::Id)
        .one(db)
        .await?)
}

/// Whether the course's placement check is no longer offered to the learner: the course has
/// none, or every attempt it allows is used.
pub(crate) async fn closed_for(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<bool> {
    let Some(q) = check_of(db, course_id).await? else {
        return Ok(true);
    };
    let Some(limit) = attempt_limit(&q) else {
        return Ok(false);
    };
    let closed = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::QuizId.eq(q.id))
        .filter(attempt::Column::Status.ne("open"))
        .all(db)
        .await?
        .len();
    Ok(closed >= usize::try_from(limit).unwrap_or(0))
}

/// The lessons a learner tested out, by course and place, as the HR of their unit sees them.
pub(crate) async fn for_hr(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<TestedOutView>> {
    let rows = tested_out::Entity::find()
        .filter(tested_out::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let lessons: HashMap<i32, lesson::Model> = lesson::Entity::find()
        .filter(lesson::Column::Id.is_in(rows.iter().map(|r| r.lesson_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let courses: HashMap<i32, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(lessons.values().map(|l| l.course_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut out: Vec<TestedOutView> = rows
        .iter()
        .filter_map(|r| {
            let l = lessons.get(&r.lesson_id)?;
            let c = courses.get(&l.course_id)?;
            Some(TestedOutView {
                course_code: c.code.clone(),
                course_title: c.title.clone(),
                position: lesson_ref(l).position,
                lesson_title: l.title.clone(),
                on: domain::dates::vietnam_date(r.at).to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.course_code, a.position).cmp(&(&b.course_code, b.position)));
    Ok(out)
}

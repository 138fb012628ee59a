//! A learner's way through a course: lessons marked done (once each), the course completed on
//! the day its last lesson is done, and the progress read back for the course, lesson and
//! "my learning" pages. Completing a course that counts as training writes the learner's
//! training record (`crate::platform_records`) in the same transaction.
use std::collections::HashSet;

use chrono::NaiveDate;
use domain::learning::{CoursePage, LessonPage, MyCourse, Progress};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait, TryInsertResult,
};

use crate::assess::placement;
use crate::cache::content::CourseContent;
use crate::entity::{
    attempt, course, course_completion, lesson, lesson_completion, quiz, tested_out,
};
use crate::learn::catalogue::{self, detail_of, lesson_ref, lessons_of, published, summary};
use crate::xapi::{CourseRef, Event, Recorder, outbox};
use crate::{Error, Result, assess::certificates, hr::platform_records};
use domain::certificate::CertificateKind;

/// A course with its lessons, and the progress of the learner signed in, if any.
pub fn course_page_of(content: &CourseContent, progress: Option<Progress>) -> CoursePage {
    CoursePage {
        detail: detail_of(&content.course, &content.lessons),
        progress,
        quiz_code: content.quiz_code.clone(),
        placement_code: content.placement_code.clone(),
        audio_bytes: content.audio_bytes(),
        video_bytes: content.video_bytes(),
    }
}

/// One lesson, its text rendered and sanitised, with its neighbours; whether the learner
/// signed in, if any, has marked it done.
pub fn lesson_page_of(
    content: &CourseContent,
    position: u32,
    progress: Option<&Progress>,
) -> Result<LessonPage> {
    let (course, lessons) = (&content.course, &content.lessons);
    let i = index_of(lessons, position)?;
    let l = &lessons[i];
    Ok(LessonPage {
        course_code: course.code.clone(),
        course_title: course.title.clone(),
        lesson_count: lessons.len() as u32,
        position,
        title: l.title.clone(),
        html: content.html(i).to_owned(),
        previous: i.checked_sub(1).map(|p| lesson_ref(&lessons[p])),
        next: lessons.get(i + 1).map(lesson_ref),
        done: progress.map(|p| p.done.contains(&position)),
        tested_out: progress
            .is_some_and(|p| p.tested_out.contains(&position) && !p.done.contains(&position)),
        audio: content.audio.get(i).cloned().flatten(),
        video: content.video.get(i).cloned().flatten(),
    })
}

fn index_of(lessons: &[lesson::Model], position: u32) -> Result<usize> {
    lessons
        .iter()
        .position(|l| i64::from(l.position) == i64::from(position))
        .ok_or(Error::NotFound)
}

/// Marks a lesson done; doing it again changes nothing. When it was the last lesson not done,
/// the course is completed today, once, whatever two tabs or a double click send.
pub async fn mark_done(
    db: &DatabaseConnection,
    xapi: &Recorder,
    user_id: i32,
    code: &str,
    position: u32,
    today: NaiveDate,
) -> Result<Progress> {
    let course = published(db, code).await?;
    let lessons = lessons_of(db, course.id).await?;
    let txn = db.begin().await?;
    record_done(
        &txn,
        xapi,
        user_id,
        &course,
        &lessons,
        Done {
            position,
            at: crate::now(),
            today,
        },
    )
    .await?;
    txn.commit().await?;
    progress_of(db, user_id, &course, &lessons).await
}

/// A lesson done: its position, when (epoch seconds), and the day that completes its course.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Done {
    pub position: u32,
    pub at: i64,
    pub today: NaiveDate,
}

/// Marks the lesson at `position` done at `at` and completes the course on `today` when that
/// was the last one, inside the caller's transaction. The same path serves the page's button
/// and a phone's offline outbox.
pub(crate) async fn record_done(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    user_id: i32,
    course: &course::Model,
    lessons: &[lesson::Model],
    done: Done,
) -> Result<()> {
    let Done {
        position,
        at,
        today,
    } = done;
    let lesson = &lessons[index_of(lessons, position)?];
    let lesson_id = lesson.id;
    let row = lesson_completion::ActiveModel {
        user_id: Set(user_id),
        lesson_id: Set(lesson_id),
        done_at: Set(at),
        ..Default::default()
    };
    let inserted = lesson_completion::Entity::insert(row)
        .on_conflict_do_nothing_on([
            lesson_completion::Column::UserId,
            lesson_completion::Column::LessonId,
        ])
        .exec_without_returning(db)
        .await?;
    if matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
        let event = Event::LessonCompleted {
            lesson_id,
            position,
            title: &lesson.title,
            course: course_ref(course),
        };
        outbox::record(db, xapi, user_id, &event, at).await?;
    }
    complete_if_done(db, xapi, user_id, course.id, today).await
}

/// A course as xAPI statements name it.
pub(crate) fn course_ref(course: &course::Model) -> CourseRef<'_> {
    CourseRef {
        id: course.id,
        code: &course.code,
        title: &course.title,
    }
}

/// Completes the course when every lesson is done and its quiz, if it has a published one, is
/// passed (SPEC, "trained"); called when a lesson is done and when a quiz is passed.
pub(crate) async fn complete_if_done(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    user_id: i32,
    course_id: i32,
    today: NaiveDate,
) -> Result<()> {
    let Some(course) = course::Entity::find_by_id(course_id).one(db).await? else {
        return Ok(());
    };
    let lessons = lessons_of(db, course.id).await?;
    let progress = progress_of(db, user_id, &course, &lessons).await?;
    let all_settled = lessons
        .iter()
        .all(|l| progress.settled(lesson_ref(l).position));
    if progress.completed_on.is_some()
        || !all_settled
        || !quiz_passed(db, user_id, course.id).await?
    {
        return Ok(());
    }
    complete(db, xapi, user_id, &course, today).await
}

/// True when the course has no published quiz, or the learner passed it (its placement check
/// never counts: it tests out lessons, it does not complete the course).
async fn quiz_passed(db: &impl ConnectionTrait, user_id: i32, course_id: i32) -> Result<bool> {
    let quizzes = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::Published.eq(true))
        .filter(quiz::Column::Placement.eq(false))
        .all(db)
        .await?;
    if quizzes.is_empty() {
        return Ok(true);
    }
    let passed = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::QuizId.is_in(quizzes.iter().map(|q| q.id)))
        .filter(attempt::Column::Passed.eq(true))
        .one(db)
        .await?;
    Ok(passed.is_some())
}

/// Records the completion (only the first writer succeeds) and, for the one that did, the
/// learner's training record and certificate.
async fn complete(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    user_id: i32,
    course: &course::Model,
    today: NaiveDate,
) -> Result<()> {
    let row = course_completion::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course.id),
        completed_on: Set(today),
        ..Default::default()
    };
    let inserted = course_completion::Entity::insert(row)
        .on_conflict_do_nothing_on([
            course_completion::Column::UserId,
            course_completion::Column::CourseId,
        ])
        .exec_without_returning(db)
        .await?;
    if matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
        platform_records::sync_user(db, user_id).await?;
        let event = Event::CourseCompleted {
            course: course_ref(course),
        };
        outbox::record(db, xapi, user_id, &event, crate::now()).await?;
        let achievement = certificates::Achievement {
            kind: CertificateKind::Course,
            subject_id: course.id,
            programme_code: &course.code,
            title: &course.title,
            score: best_quiz_score(db, user_id, course.id).await?,
        };
        certificates::issue(db, xapi, user_id, &achievement, today).await?;
    }
    Ok(())
}

/// The learner's best passing score on the course's quiz, if it has one.
async fn best_quiz_score(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<Option<f64>> {
    let quiz_ids: Vec<i32> = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::Placement.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    let best = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::QuizId.is_in(quiz_ids))
        .filter(attempt::Column::Passed.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| a.score)
        .fold(None, |acc: Option<f64>, s| {
            Some(acc.map_or(s, |m| m.max(s)))
        });
    Ok(best)
}

pub(crate) async fn done_ids(
    db: &impl ConnectionTrait,
    user_id: i32,
    lesson_ids: &[i32],
) -> Result<HashSet<i32>> {
    let rows = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::UserId.eq(user_id))
        .filter(lesson_completion::Column::LessonId.is_in(lesson_ids.iter().copied()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.lesson_id).collect())
}

pub(crate) async fn progress_of(
    db: &impl ConnectionTrait,
    user_id: i32,
    course: &course::Model,
    lessons: &[lesson::Model],
) -> Result<Progress> {
    let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let done = done_ids(db, user_id, &ids).await?;
    let tested = placement::tested_out_ids(db, user_id, &ids).await?;
    let positions = |set: &HashSet<i32>| -> Vec<u32> {
        lessons
            .iter()
            .filter(|l| set.contains(&l.id))
            .map(|l| lesson_ref(l).position)
            .collect()
    };
    let completion = course_completion::Entity::find()
        .filter(course_completion::Column::UserId.eq(user_id))
        .filter(course_completion::Column::CourseId.eq(course.id))
        .one(db)
        .await?;
    Ok(Progress {
        done: positions(&done),
        tested_out: positions(&tested),
        completed_on: completion.map(|c| c.completed_on.format("%Y-%m-%d").to_string()),
        placement_closed: placement::closed_for(db, user_id, course.id).await?,
    })
}

/// The published courses the learner has started or was enrolled in, with where to continue.
pub async fn mine(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<MyCourse>> {
    let mut touched: HashSet<i32> = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.lesson_id)
        .collect();
    touched.extend(
        tested_out::Entity::find()
            .filter(tested_out::Column::UserId.eq(user_id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.lesson_id),
    );
    let mut started: HashSet<i32> = lesson::Entity::find()
        .filter(lesson::Column::Id.is_in(touched.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.course_id)
        .collect();
    started.extend(
        crate::entity::enrolment::Entity::find()
            .filter(crate::entity::enrolment::Column::UserId.eq(user_id))
            .all(db)
            .await?
            .into_iter()
            .map(|e| e.course_id),
    );
    let mut out = Vec::new();
    for course in catalogue::published_by_ids(db, &started).await? {
        let lessons = lessons_of(db, course.id).await?;
        let progress = progress_of(db, user_id, &course, &lessons).await?;
        let next_lesson = lessons
            .iter()
            .map(|l| lesson_ref(l).position)
            .find(|p| !progress.settled(*p));
        out.push(MyCourse {
            course: summary(&course, lessons.len() as u32),
            progress,
            next_lesson,
        });
    }
    Ok(out)
}

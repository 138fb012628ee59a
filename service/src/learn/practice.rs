//! Practice sets per course: stored apart from the graded bank, shown with their answers, taken
//! online or on a phone offline, and their results recorded (graded again here on arrival).
use domain::learning::gift::parse_gift;
use domain::learning::grading::Answer;
use domain::learning::practice::{self, KINDS, PracticeOutcome, PracticeQuestion, PracticeSet};
use domain::learning::question::QuestionDraft;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::entity::{course, practice_question, practice_result};
use crate::learn::catalogue::published;
use crate::{Error, Result, author::markdown};

/// The demo practice sets, one GIFT file per course, in `content/practice/`.
pub const DEMO: [(&str, &str); 3] = [
    (
        "KNS-DC-01",
        include_str!("../../../content/practice/KNS-DC-01.gift"),
    ),
    (
        "KNS-CC-01",
        include_str!("../../../content/practice/KNS-CC-01.gift"),
    ),
    (
        "KNS-AT-01",
        include_str!("../../../content/practice/KNS-AT-01.gift"),
    ),
];

/// How many of a learner's latest practices a page shows.
const RECENT: u64 = 3;

/// Replaces a course's practice set; questions of a kind a phone cannot grade are refused.
pub async fn store(
    db: &impl ConnectionTrait,
    course_id: i32,
    questions: &[QuestionDraft],
) -> Result<()> {
    if let Some(i) = questions.iter().position(|q| !KINDS.contains(&q.kind)) {
        return Err(Error::invalid(&format!("questions[{i}]"), "practice_kind"));
    }
    practice_question::Entity::delete_many()
        .filter(practice_question::Column::CourseId.eq(course_id))
        .exec(db)
        .await?;
    for (i, q) in questions.iter().enumerate() {
        let row = practice_question::ActiveModel {
            course_id: Set(course_id),
            position: Set(i as i32 + 1),
            data: Set(serde_json::to_string(q).map_err(|e| Error::internal(e))?),
            ..Default::default()
        };
        practice_question::Entity::insert(row).exec(db).await?;
    }
    Ok(())
}

/// The questions of a course's practice set, in order.
pub async fn questions_of(db: &impl ConnectionTrait, course_id: i32) -> Result<Vec<QuestionDraft>> {
    practice_question::Entity::find()
        .filter(practice_question::Column::CourseId.eq(course_id))
        .order_by_asc(practice_question::Column::Position)
        .all(db)
        .await?
        .iter()
        .map(|r| serde_json::from_str(&r.data).map_err(|e| Error::internal(e)))
        .collect()
}

/// What a page or a phone shows: every question with its text rendered and sanitised.
pub fn shown(questions: Vec<QuestionDraft>) -> Vec<PracticeQuestion> {
    questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| PracticeQuestion {
            position: i as u32 + 1,
            html: markdown::to_safe_html(&q.text),
            question: q,
        })
        .collect()
}

/// A published course's practice set, and the learner's latest results when signed in.
pub async fn page(db: &impl ConnectionTrait, user: Option<i32>, code: &str) -> Result<PracticeSet> {
    let course = published(db, code).await?;
    let questions = shown(questions_of(db, course.id).await?);
    let recent = match user {
        Some(u) => recent(db, u, course.id).await?,
        None => Vec::new(),
    };
    Ok(PracticeSet {
        course_code: course.code,
        course_title: course.title,
        questions,
        signed_in: user.is_some(),
        recent,
    })
}

async fn recent(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<Vec<PracticeOutcome>> {
    Ok(practice_result::Entity::find()
        .filter(practice_result::Column::UserId.eq(user_id))
        .filter(practice_result::Column::CourseId.eq(course_id))
        .order_by_desc(practice_result::Column::TakenAt)
        .order_by_desc(practice_result::Column::Id)
        .limit(RECENT)
        .all(db)
        .await?
        .into_iter()
        .map(|r| PracticeOutcome {
            correct: r.correct as u32,
            total: r.total as u32,
            score: r.score,
        })
        .collect())
}

/// How many practices the learner has recorded for the course.
pub(crate) async fn count_results(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<u64> {
    Ok(practice_result::Entity::find()
        .filter(practice_result::Column::UserId.eq(user_id))
        .filter(practice_result::Column::CourseId.eq(course_id))
        .count(db)
        .await?)
}

/// Grades the answers against the stored set (whatever score the phone worked out) and keeps
/// the result, taken at `taken_at` (epoch seconds).
pub async fn record(
    db: &impl ConnectionTrait,
    user_id: i32,
    course: &course::Model,
    answers: &[Option<Answer>],
    taken_at: i64,
) -> Result<PracticeOutcome> {
    let questions = questions_of(db, course.id).await?;
    if questions.is_empty() {
        return Err(Error::NotFound);
    }
    if answers.len() > questions.len() {
        return Err(Error::invalid("answers", "practice_answers"));
    }
    let outcome = practice::grade(&questions, answers);
    let row = practice_result::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course.id),
        score: Set(outcome.score),
        correct: Set(outcome.correct as i32),
        total: Set(outcome.total as i32),
        answers: Set(serde_json::to_string(answers).map_err(|e| Error::internal(e))?),
        taken_at: Set(taken_at),
        received_at: Set(crate::now()),
        ..Default::default()
    };
    practice_result::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(outcome)
}

/// Grades and keeps a practice taken online (the page's form).
pub async fn submit(
    db: &impl ConnectionTrait,
    user_id: i32,
    code: &str,
    answers: &[Option<Answer>],
) -> Result<PracticeOutcome> {
    let course = published(db, code).await?;
    record(db, user_id, &course, answers, crate::now()).await
}

/// Stores the demo practice sets of the demo courses that exist; running it again rewrites them.
pub async fn seed_demo(db: &(impl ConnectionTrait + TransactionTrait)) -> Result<()> {
    let txn = db.begin().await?;
    for (code, text) in DEMO {
        let parsed = parse_gift(text);
        if let Some(p) = parsed.problems.first() {
            return Err(Error::internal(format!(
                "practice {code}, line {}: {:?}",
                p.line, p.problem
            )));
        }
        let Some(c) = course::Entity::find()
            .filter(course::Column::Code.eq(code))
            .one(&txn)
            .await?
        else {
            continue;
        };
        store(&txn, c.id, &parsed.questions).await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_practice_set_reads_and_has_only_phone_gradable_questions_with_explanations() {
        for (code, text) in DEMO {
            let parsed = parse_gift(text);
            assert!(parsed.problems.is_empty(), "{code}: {:?}", parsed.problems);
            assert!(parsed.questions.len() >= 5, "{code}");
            for q in &parsed.questions {
                assert!(KINDS.contains(&q.kind), "{code}: {}", q.text);
                let explained =
                    q.feedback.is_some() || q.choices.iter().any(|c| c.feedback.is_some());
                assert!(explained, "{code}: no explanation for {}", q.text);
            }
        }
    }
}

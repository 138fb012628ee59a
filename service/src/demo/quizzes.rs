//! The demo question bank (`content/questions/ngan-hang-cau-hoi.gift`), a quiz at the end of
//! each demo course, and the mastery assessment over the six domains.
use domain::learning::CompetenceDomain;
use domain::learning::attempt::{DrawRule, Review};
use domain::learning::gift::parse_gift;
use sea_orm::{ConnectionTrait, EntityTrait, TransactionSession, TransactionTrait};

use crate::author::quiz_settings::{QuizSpec, upsert_quiz};
use crate::entity::course;
use crate::{Error, Result, author::bank};

pub const BANK: &str = include_str!("../../../content/questions/ngan-hang-cau-hoi.gift");

/// The mastery assessment's code; imported in-person results use codes of their own.
pub const MASTERY_CODE: &str = "DG-LCKNS";

/// Questions of a course quiz, spread over the course's domains.
const COURSE_QUIZ_QUESTIONS: u32 = 10;

pub async fn seed(db: &(impl ConnectionTrait + TransactionTrait)) -> Result<()> {
    let parsed = parse_gift(BANK);
    if let Some(p) = parsed.problems.first() {
        return Err(Error::internal(format!(
            "demo bank, line {}: {:?}",
            p.line, p.problem
        )));
    }
    let txn = db.begin().await?;
    bank::store(&txn, &parsed.questions).await?;
    for c in course::Entity::find().all(&txn).await? {
        upsert_quiz(&txn, &course_quiz(&c)).await?;
        upsert_quiz(&txn, &placement_check(&c)).await?;
    }
    upsert_quiz(&txn, &mastery_assessment()).await?;
    txn.commit().await?;
    Ok(())
}

fn course_quiz(c: &course::Model) -> QuizSpec {
    let domains = crate::learn::catalogue::competences_of(c);
    let n = domains.len().max(1) as u32;
    let rules = domains
        .iter()
        .enumerate()
        .map(|(i, d)| DrawRule {
            domain: Some(*d),
            difficulty: None,
            count: COURSE_QUIZ_QUESTIONS / n + u32::from((i as u32) < COURSE_QUIZ_QUESTIONS % n),
        })
        .collect();
    QuizSpec {
        code: format!("{}-KT", c.code),
        title: format!("Bài kiểm tra cuối khoá: {}", c.title),
        course_id: Some(c.id),
        mastery: false,
        placement: false,
        pass_mark: 70.0,
        floor: domain::learning::grading::DEFAULT_FLOOR,
        time_limit_seconds: Some(20 * 60),
        max_attempts: Some(3),
        review: Review::Answers,
        rules,
        published: true,
    }
}

/// Questions of each domain in a course's placement check: both must be right to skip it.
const PLACEMENT_QUESTIONS_PER_DOMAIN: u32 = 2;

/// Each demo course's placement check: two questions per domain of the course, one attempt, the
/// score shown without the answers (the final quiz draws from the same bank).
fn placement_check(c: &course::Model) -> QuizSpec {
    QuizSpec {
        code: format!("{}-DV", c.code),
        title: format!("Kiểm tra đầu vào: {}", c.title),
        course_id: Some(c.id),
        mastery: false,
        placement: true,
        pass_mark: 100.0,
        floor: domain::learning::grading::DEFAULT_FLOOR,
        time_limit_seconds: Some(15 * 60),
        max_attempts: Some(1),
        review: Review::Score,
        rules: crate::learn::catalogue::competences_of(c)
            .into_iter()
            .map(|d| DrawRule {
                domain: Some(d),
                difficulty: None,
                count: PLACEMENT_QUESTIONS_PER_DOMAIN,
            })
            .collect(),
        published: true,
    }
}

fn mastery_assessment() -> QuizSpec {
    QuizSpec {
        code: MASTERY_CODE.to_owned(),
        title: "Đánh giá năng lực làm chủ kỹ năng số".to_owned(),
        course_id: None,
        mastery: true,
        placement: false,
        pass_mark: domain::learning::grading::DEFAULT_PASS_MARK,
        floor: domain::learning::grading::DEFAULT_FLOOR,
        time_limit_seconds: Some(45 * 60),
        max_attempts: Some(2),
        review: Review::Score,
        // Three questions in each of the six domains, one of each difficulty.
        rules: CompetenceDomain::ALL
            .iter()
            .flat_map(|d| {
                ["de", "vua", "kho"].map(|level| DrawRule {
                    domain: Some(*d),
                    difficulty: Some(level.to_owned()),
                    count: 1,
                })
            })
            .collect(),
        published: true,
    }
}

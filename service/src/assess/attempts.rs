//! Attempts: started (or resumed), answered question by question, submitted or timed out,
//! graded on the server. The key of a question never leaves this module while its attempt is
//! open: the learner names options by their place on the page, which the stored option order
//! maps back.
use std::collections::HashMap;

use chrono::NaiveDate;
use domain::learning::CompetenceDomain;
use domain::learning::attempt::{
    AttemptResult, AttemptView, DrawRule, ItemReview, ItemView, OptionView, PastAttempt, QuizInfo,
    Review,
};
use domain::learning::grading::{Answer, DomainScore, mastery, score};
use domain::learning::question::{QuestionDraft, QuestionKind};
use rand::seq::SliceRandom;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::assess::answer_targets::{AnswerTargets, Target};
use crate::assess::answer_writer::{AnswerWriter, Row};
use crate::entity::{attempt, attempt_item, course, question, quiz};
use crate::error::is_unique_violation;
use crate::xapi::{Event, Recorder, outbox};
use crate::{
    Error, Result, assess::certificates, assess::placement, author::bank, author::markdown,
    hr::platform_records, learn::progress,
};
use domain::certificate::CertificateKind;

const OPEN: &str = "open";

pub(crate) async fn published_quiz(db: &impl ConnectionTrait, code: &str) -> Result<quiz::Model> {
    quiz::Entity::find()
        .filter(quiz::Column::Code.eq(code.trim()))
        .filter(quiz::Column::Published.eq(true))
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

pub(crate) fn rules_of(q: &quiz::Model) -> Vec<DrawRule> {
    serde_json::from_str(&q.draw_rules).unwrap_or_default()
}

pub async fn quiz_info(
    db: &impl ConnectionTrait,
    user: Option<i32>,
    code: &str,
) -> Result<QuizInfo> {
    let q = published_quiz(db, code).await?;
    let course_code = match q.course_id {
        Some(id) => course::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|c| c.code),
        None => None,
    };
    let mine = match user {
        Some(u) => attempts_of(db, u, q.id).await?,
        None => Vec::new(),
    };
    let review = Review::parse(&q.review);
    Ok(QuizInfo {
        code: q.code.clone(),
        title: q.title.clone(),
        course_code,
        mastery: q.mastery,
        placement: q.placement,
        pass_mark: q.pass_mark,
        floor: q.floor,
        time_limit_seconds: q.time_limit_seconds.and_then(|s| u32::try_from(s).ok()),
        max_attempts: placement::attempt_limit(&q).and_then(|s| u32::try_from(s).ok()),
        question_count: rules_of(&q).iter().map(|r| r.count).sum(),
        attempts_used: mine.len() as u32,
        open_attempt: mine.iter().find(|a| a.status == OPEN).map(|a| a.id),
        closed: mine
            .iter()
            .filter(|a| a.status != OPEN)
            .map(|a| PastAttempt {
                id: a.id,
                status: a.status.clone(),
                passed: a.passed,
                score: a.score.filter(|_| review != Review::None),
            })
            .collect(),
    })
}

async fn attempts_of(
    db: &impl ConnectionTrait,
    user_id: i32,
    quiz_id: i32,
) -> Result<Vec<attempt::Model>> {
    Ok(attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::QuizId.eq(quiz_id))
        .order_by_asc(attempt::Column::Id)
        .all(db)
        .await?)
}

/// The learner's open attempt at the quiz, or a new one drawn from the bank; refused past the
/// attempt limit. A second start while one is open (another tab) resumes the same attempt.
pub async fn start(
    db: &DatabaseConnection,
    xapi: &Recorder,
    user_id: i32,
    code: &str,
    now: i64,
    today: NaiveDate,
) -> Result<i32> {
    let q = published_quiz(db, code).await?;
    if let Some(open) = attempts_of(db, user_id, q.id)
        .await?
        .into_iter()
        .find(|a| a.status == OPEN)
    {
        if !expired(&open, now) {
            return Ok(open.id);
        }
        close(db, xapi, open.id, "timed_out", now, today).await?;
    }
    let used = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::QuizId.eq(q.id))
        .count(db)
        .await?;
    if placement::attempt_limit(&q).is_some_and(|max| used >= u64::try_from(max).unwrap_or(0)) {
        return Err(Error::Conflict("attempt_limit"));
    }
    let drawn = draw(db, &rules_of(&q)).await?;
    if drawn.is_empty() {
        return Err(Error::Conflict("quiz_has_no_questions"));
    }
    let txn = db.begin().await?;
    let row = attempt::ActiveModel {
        quiz_id: Set(q.id),
        user_id: Set(user_id),
        status: Set(OPEN.to_owned()),
        started_at: Set(now),
        deadline_at: Set(q.time_limit_seconds.map(|s| now + i64::from(s))),
        open_key: Set(Some(format!("{user_id}:{}", q.id))),
        ..Default::default()
    };
    let saved = match row.insert(&txn).await {
        Ok(saved) => saved,
        // Another request opened one a moment ago: that is the attempt.
        Err(e) if is_unique_violation(&e) => {
            drop(txn);
            let open = attempts_of(db, user_id, q.id)
                .await?
                .into_iter()
                .find(|a| a.status == OPEN)
                .ok_or(Error::Conflict("attempt_open"))?;
            return Ok(open.id);
        }
        Err(e) => return Err(e.into()),
    };
    let items = drawn.iter().enumerate().map(
        |(i, question)| -> Result<attempt_item::ActiveModel> {
            let order = shuffled_order(&bank::draft_of(question)?);
            Ok(attempt_item::ActiveModel {
                attempt_id: Set(saved.id),
                position: Set(i as i32 + 1),
                question_id: Set(question.id),
                option_order: Set(serde_json::to_string(&order).unwrap_or_else(|_| "[]".into())),
                ..Default::default()
            })
        },
    );
    attempt_item::Entity::insert_many(items.collect::<Result<Vec<_>>>()?)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(saved.id)
}

fn expired(a: &attempt::Model, now: i64) -> bool {
    a.deadline_at.is_some_and(|d| now >= d)
}

/// Questions drawn at random per rule, never the same one twice in an attempt.
async fn draw(db: &impl ConnectionTrait, rules: &[DrawRule]) -> Result<Vec<question::Model>> {
    let mut out: Vec<question::Model> = Vec::new();
    for rule in rules {
        let mut find = question::Entity::find();
        if let Some(d) = rule.domain {
            find = find.filter(question::Column::Domain.eq(d.code()));
        }
        if let Some(level) = &rule.difficulty {
            find = find.filter(question::Column::Difficulty.eq(level.as_str()));
        }
        let mut pool: Vec<question::Model> = find
            .all(db)
            .await?
            .into_iter()
            .filter(|q| !out.iter().any(|o| o.id == q.id))
            .collect();
        // A fresh handle each time: the thread's generator must not be held across an await.
        pool.shuffle(&mut rand::rng());
        out.extend(pool.into_iter().take(rule.count as usize));
    }
    Ok(out)
}

/// The order the question's options are shown in, as stored indices.
fn shuffled_order(q: &QuestionDraft) -> Vec<usize> {
    let n = match q.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => q.choices.len(),
        QuestionKind::Ordering => q.order.len(),
        QuestionKind::Matching => q.pairs.len(),
        QuestionKind::TrueFalse | QuestionKind::ShortAnswer => 0,
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rand::rng());
    order
}

/// The learner's own attempt; anyone else's is not found.
async fn own(db: &impl ConnectionTrait, user_id: i32, attempt_id: i32) -> Result<attempt::Model> {
    attempt::Entity::find_by_id(attempt_id)
        .one(db)
        .await?
        .filter(|a| a.user_id == user_id)
        .ok_or(Error::NotFound)
}

struct Item {
    row: attempt_item::Model,
    q: QuestionDraft,
    domain: String,
    order: Vec<usize>,
}

async fn items_of(db: &impl ConnectionTrait, attempt_id: i32) -> Result<Vec<Item>> {
    let rows = attempt_item::Entity::find()
        .filter(attempt_item::Column::AttemptId.eq(attempt_id))
        .order_by_asc(attempt_item::Column::Position)
        .all(db)
        .await?;
    let questions: HashMap<i32, question::Model> = question::Entity::find()
        .filter(question::Column::Id.is_in(rows.iter().map(|r| r.question_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    rows.into_iter()
        .map(|row| {
            let stored = questions.get(&row.question_id).ok_or(Error::NotFound)?;
            let order = serde_json::from_str(&row.option_order).unwrap_or_default();
            Ok(Item {
                q: bank::draft_of(stored)?,
                domain: stored.domain.clone(),
                order,
                row,
            })
        })
        .collect()
}

/// The attempt as its owner sees it; an open one past its time is closed first.
pub async fn view(
    db: &DatabaseConnection,
    xapi: &Recorder,
    user_id: i32,
    attempt_id: i32,
    now: i64,
    today: NaiveDate,
) -> Result<AttemptView> {
    let mut a = own(db, user_id, attempt_id).await?;
    if a.status == OPEN && expired(&a, now) {
        close(db, xapi, a.id, "timed_out", now, today).await?;
        a = own(db, user_id, attempt_id).await?;
    }
    let q = quiz::Entity::find_by_id(a.quiz_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let items = items_of(db, a.id).await?;
    let mut result = (a.status != OPEN).then(|| result_of(&a, &q, &items));
    if let Some(r) = result.as_mut().filter(|_| q.placement) {
        r.placement = placement::outcome(db, user_id, &q, &scores_of(&a)).await?;
    }
    Ok(AttemptView {
        id: a.id,
        quiz_code: q.code.clone(),
        quiz_title: q.title.clone(),
        status: a.status.clone(),
        seconds_left: a
            .deadline_at
            .filter(|_| a.status == OPEN)
            .map(|d| (d - now).max(0)),
        items: items.iter().map(item_view).collect(),
        result,
    })
}

fn item_view(item: &Item) -> ItemView {
    let q = &item.q;
    let texts: Vec<String> = match q.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => item
            .order
            .iter()
            .map(|&i| q.choices.get(i).map(|c| c.text.clone()).unwrap_or_default())
            .collect(),
        QuestionKind::Ordering => item
            .order
            .iter()
            .map(|&i| q.order.get(i).cloned().unwrap_or_default())
            .collect(),
        QuestionKind::Matching => item
            .order
            .iter()
            .map(|&i| q.pairs.get(i).map(|p| p.1.clone()).unwrap_or_default())
            .collect(),
        QuestionKind::TrueFalse | QuestionKind::ShortAnswer => Vec::new(),
    };
    let left = if q.kind == QuestionKind::Matching {
        q.pairs.iter().map(|p| p.0.clone()).collect()
    } else {
        Vec::new()
    };
    let stored: Option<Answer> = item
        .row
        .answer
        .as_deref()
        .and_then(|a| serde_json::from_str(a).ok());
    ItemView {
        position: u32::try_from(item.row.position).unwrap_or(0),
        kind: q.kind,
        text: markdown::to_safe_html(&q.text),
        options: texts
            .into_iter()
            .enumerate()
            .map(|(id, text)| OptionView { id, text })
            .collect(),
        left,
        answer: stored.map(|a| to_shown(&a, &item.order)),
    }
}

/// Stored option indices → the ids of the page, and back.
fn to_shown(a: &Answer, order: &[usize]) -> Answer {
    let shown = |stored: usize| {
        order
            .iter()
            .position(|&s| s == stored)
            .unwrap_or(usize::MAX)
    };
    map_indices(a, shown)
}

fn to_stored(a: &Answer, order: &[usize]) -> Answer {
    let stored = |shown: usize| order.get(shown).copied().unwrap_or(usize::MAX);
    map_indices(a, stored)
}

fn map_indices(a: &Answer, f: impl Fn(usize) -> usize) -> Answer {
    match a {
        Answer::Choices(v) => Answer::Choices(v.iter().map(|&i| f(i)).collect()),
        Answer::Order(v) => Answer::Order(v.iter().map(|&i| f(i)).collect()),
        Answer::Pairs(v) => Answer::Pairs(v.iter().map(|c| c.map(&f)).collect()),
        other => other.clone(),
    }
}

/// Saves one answer (again as often as the learner changes it) while the attempt is open and in time.
pub async fn save_answer(
    db: &DatabaseConnection,
    xapi: &Recorder,
    saving: &Saving,
    answer: Answer,
) -> Result<()> {
    let writer = AnswerWriter::Direct(db.clone());
    save_answer_with(
        db,
        db,
        xapi,
        &writer,
        &AnswerTargets::default(),
        saving,
        answer,
    )
    .await
}

/// Who saves which answer when: the arguments of [`save_answer_with`].
#[derive(Clone, Copy, Debug)]
pub struct Saving {
    pub user_id: i32,
    pub attempt_id: i32,
    pub position: u32,
    pub now: i64,
    pub today: NaiveDate,
}

/// Saves an answer with one guarded write (by `writer`, which may group it with others): the
/// hot path of an assessment taken by many at once. The item and its attempt are read (on
/// `read`) only for the first answer to a question; `targets` keeps them for the next ones.
/// A time-out found here closes the attempt on `db`.
pub async fn save_answer_with(
    read: &impl ConnectionTrait,
    db: &DatabaseConnection,
    xapi: &Recorder,
    writer: &AnswerWriter,
    targets: &AnswerTargets,
    saving: &Saving,
    answer: Answer,
) -> Result<()> {
    let Saving {
        user_id,
        attempt_id,
        position,
        now,
        today,
    } = *saving;
    let target = match targets.get(attempt_id, position) {
        Some(t) => t,
        None => {
            let (all, owner, open) = read_targets(read, attempt_id).await?;
            // Someone else's attempt is not found, whatever its state.
            if owner != user_id {
                return Err(Error::NotFound);
            }
            if !open {
                return Err(Error::Conflict("attempt_closed"));
            }
            let wanted = all
                .iter()
                .find(|(p, _)| *p == position)
                .map(|(_, t)| t.clone());
            for (p, t) in all {
                targets.insert(attempt_id, p, t);
            }
            wanted.ok_or(Error::NotFound)?
        }
    };
    if target.user_id != user_id {
        return Err(Error::NotFound);
    }
    if target.expired(now) {
        close(db, xapi, attempt_id, "timed_out", now, today).await?;
        targets.forget(attempt_id);
        return Err(Error::Conflict("attempt_time_up"));
    }
    let stored = serde_json::to_string(&to_stored(&answer, &target.option_order))
        .map_err(|e| Error::internal(e))?;
    // Only while the attempt is still open: a submit that lands first wins.
    let row = Row {
        item_id: target.item_id,
        attempt_id,
        answer: stored,
        at: now,
    };
    if !writer.save(row).await? {
        targets.forget(attempt_id);
        return Err(Error::Conflict("attempt_closed"));
    }
    Ok(())
}

/// Every item of an attempt by position, with what an answer to it needs (one query, so the
/// first answer of an attempt reads them all), the attempt's owner, and whether it is open.
async fn read_targets(
    read: &impl ConnectionTrait,
    attempt_id: i32,
) -> Result<(Vec<(u32, Target)>, i32, bool)> {
    let rows = attempt_item::Entity::find()
        .filter(attempt_item::Column::AttemptId.eq(attempt_id))
        .find_also_related(attempt::Entity)
        .all(read)
        .await?;
    let Some(a) = rows.first().and_then(|(_, a)| a.clone()) else {
        return Err(Error::NotFound);
    };
    let targets = rows
        .into_iter()
        .filter_map(|(item, _)| {
            let position = u32::try_from(item.position).ok()?;
            let order: Vec<usize> = serde_json::from_str(&item.option_order).unwrap_or_default();
            let target = Target {
                item_id: item.id,
                user_id: a.user_id,
                deadline_at: a.deadline_at,
                option_order: order.into(),
            };
            Some((position, target))
        })
        .collect();
    Ok((targets, a.user_id, a.status == OPEN))
}

/// Submits the attempt; a second submit (another tab, a double click) changes nothing and
/// shows the same result.
pub async fn submit(
    db: &DatabaseConnection,
    xapi: &Recorder,
    user_id: i32,
    attempt_id: i32,
    now: i64,
    today: NaiveDate,
) -> Result<AttemptView> {
    let a = own(db, user_id, attempt_id).await?;
    if a.status == OPEN {
        let status = if expired(&a, now) {
            "timed_out"
        } else {
            "submitted"
        };
        close(db, xapi, a.id, status, now, today).await?;
    }
    view(db, xapi, user_id, attempt_id, now, today).await
}

/// Closes an open attempt and grades it, in one transaction; only the first closer does anything.
async fn close(
    db: &DatabaseConnection,
    xapi: &Recorder,
    attempt_id: i32,
    status: &str,
    now: i64,
    today: NaiveDate,
) -> Result<()> {
    let txn = db.begin().await?;
    let res = attempt::Entity::update_many()
        .col_expr(attempt::Column::Status, Expr::value(status))
        .col_expr(attempt::Column::SubmittedAt, Expr::value(now))
        .col_expr(
            attempt::Column::OpenKey,
            Expr::value(Option::<String>::None),
        )
        .filter(attempt::Column::Id.eq(attempt_id))
        .filter(attempt::Column::Status.eq(OPEN))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Ok(());
    }
    let a = attempt::Entity::find_by_id(attempt_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let q = quiz::Entity::find_by_id(a.quiz_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let items = items_of(&txn, attempt_id).await?;
    let graded = grade(&q, &items);
    for (item, earned) in items.iter().zip(&graded.earned) {
        let mut row = attempt_item::ActiveModel::from(item.row.clone());
        row.earned = Set(Some(*earned));
        row.update(&txn).await?;
    }
    let mut row = attempt::ActiveModel::from(a.clone());
    row.score = Set(Some(graded.overall));
    row.passed = Set(Some(graded.passed));
    row.domain_scores = Set(Some(
        serde_json::to_string(&graded.domains).unwrap_or_default(),
    ));
    row.update(&txn).await?;
    assessed(&txn, xapi, &a, &q, &graded, now).await?;
    if q.placement {
        // Tested-out lessons may leave only the final quiz, passed before: then it is done.
        placement::test_out(&txn, &a, &q, &graded.domains, now).await?;
        if let Some(course_id) = q.course_id {
            progress::complete_if_done(&txn, xapi, a.user_id, course_id, today).await?;
        }
    } else if graded.passed {
        passed(&txn, xapi, &a, &q, graded.overall, today).await?;
    }
    txn.commit().await?;
    Ok(())
}

struct Graded {
    earned: Vec<f64>,
    domains: Vec<DomainScore>,
    overall: f64,
    passed: bool,
}

/// Each question counts the same; the answer of a question left blank earns nothing.
fn grade(q: &quiz::Model, items: &[Item]) -> Graded {
    let earned: Vec<f64> = items
        .iter()
        .map(|i| {
            i.row
                .answer
                .as_deref()
                .and_then(|a| serde_json::from_str::<Answer>(a).ok())
                .map_or(0.0, |a| score(&i.q, &a))
        })
        .collect();
    let mut domains: Vec<DomainScore> = Vec::new();
    for (item, e) in items.iter().zip(&earned) {
        let Some(d) = CompetenceDomain::parse(&item.domain) else {
            continue;
        };
        match domains.iter_mut().find(|s| s.domain == d) {
            Some(s) => {
                s.earned += e;
                s.possible += 1.0;
            }
            None => domains.push(DomainScore {
                domain: d,
                earned: *e,
                possible: 1.0,
            }),
        }
    }
    let overall = if items.is_empty() {
        0.0
    } else {
        100.0 * earned.iter().sum::<f64>() / items.len() as f64
    };
    let passed = if q.mastery {
        mastery(&domains, q.pass_mark, q.floor).passed
    } else {
        overall + 1e-9 >= q.pass_mark
    };
    Graded {
        earned,
        domains,
        overall,
        passed,
    }
}

/// Tells the LRS the attempt was passed or failed, with its score and domains.
async fn assessed(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    a: &attempt::Model,
    q: &quiz::Model,
    graded: &Graded,
    at: i64,
) -> Result<()> {
    if xapi.site().is_none() {
        return Ok(());
    }
    let course = match q.course_id {
        Some(id) => course::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let event = Event::Assessed {
        attempt_id: a.id,
        quiz_code: &q.code,
        quiz_title: &q.title,
        course: course.as_ref().map(progress::course_ref),
        score: graded.overall,
        passed: graded.passed,
        domains: &graded.domains,
    };
    outbox::record(db, xapi, a.user_id, &event, at).await
}

/// A passed mastery assessment is a result on the learner's roster entry and earns a
/// certificate; a passed course quiz may complete the course.
async fn passed(
    db: &impl ConnectionTrait,
    xapi: &Recorder,
    a: &attempt::Model,
    q: &quiz::Model,
    score: f64,
    today: NaiveDate,
) -> Result<()> {
    if q.mastery {
        platform_records::sync_user(db, a.user_id).await?;
        let achievement = certificates::Achievement {
            kind: CertificateKind::Mastery,
            subject_id: q.id,
            programme_code: &q.code,
            title: &q.title,
            score: Some(score),
        };
        certificates::issue(db, xapi, a.user_id, &achievement, today).await?;
    }
    if let Some(course_id) = q.course_id {
        progress::complete_if_done(db, xapi, a.user_id, course_id, today).await?;
    }
    Ok(())
}

/// The attempt's per-domain scores, as kept when it was closed.
fn scores_of(a: &attempt::Model) -> Vec<DomainScore> {
    a.domain_scores
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default()
}

fn result_of(a: &attempt::Model, q: &quiz::Model, items: &[Item]) -> AttemptResult {
    let review = Review::parse(&q.review);
    let domains = scores_of(a);
    AttemptResult {
        passed: a.passed.unwrap_or(false),
        score: a.score.filter(|_| review != Review::None),
        domains: if review == Review::None {
            Vec::new()
        } else {
            domains
        },
        review: if review == Review::Answers {
            items.iter().map(item_review).collect()
        } else {
            Vec::new()
        },
        placement: None,
    }
}

fn item_review(item: &Item) -> ItemReview {
    let q = &item.q;
    let right = match q.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => q
            .choices
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| c.text.clone())
            .collect(),
        QuestionKind::TrueFalse => Vec::new(),
        QuestionKind::ShortAnswer => q.accepted.iter().take(1).cloned().collect(),
        QuestionKind::Ordering => q.order.clone(),
        QuestionKind::Matching => q.pairs.iter().map(|(l, r)| format!("{l} → {r}")).collect(),
    };
    ItemReview {
        position: u32::try_from(item.row.position).unwrap_or(0),
        earned: item.row.earned.unwrap_or(0.0),
        right,
        truth: (q.kind == QuestionKind::TrueFalse).then_some(q.truth == Some(true)),
        feedback: q.feedback.clone(),
    }
}

/// The learner's latest closed mastery attempt, domain by domain; `None` before the first.
pub async fn skills(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<domain::learning::attempt::SkillsProfile>> {
    let mastery: Vec<quiz::Model> = quiz::Entity::find()
        .filter(quiz::Column::Mastery.eq(true))
        .all(db)
        .await?;
    let latest = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::QuizId.is_in(mastery.iter().map(|q| q.id)))
        .filter(attempt::Column::Status.ne(OPEN))
        .order_by_desc(attempt::Column::SubmittedAt)
        .order_by_desc(attempt::Column::Id)
        .one(db)
        .await?;
    let Some(a) = latest else { return Ok(None) };
    let Some(q) = mastery.iter().find(|q| q.id == a.quiz_id) else {
        return Ok(None);
    };
    let taken = domain::dates::vietnam_date(a.submitted_at.unwrap_or(a.started_at));
    Ok(Some(domain::learning::attempt::SkillsProfile {
        quiz_code: q.code.clone(),
        quiz_title: q.title.clone(),
        taken_on: taken.format("%Y-%m-%d").to_string(),
        overall: a.score.unwrap_or(0.0),
        passed: a.passed.unwrap_or(false),
        floor: q.floor,
        domains: a
            .domain_scores
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok())
            .unwrap_or_default(),
    }))
}

/// A learner's attempts, newest first, as the HR of their unit sees them (no answers).
pub(crate) async fn summaries(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<domain::hr::PersonAttempt>> {
    let attempts = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .order_by_desc(attempt::Column::StartedAt)
        .all(db)
        .await?;
    let quizzes: HashMap<i32, quiz::Model> = quiz::Entity::find()
        .filter(quiz::Column::Id.is_in(attempts.iter().map(|a| a.quiz_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|q| (q.id, q))
        .collect();
    Ok(attempts
        .into_iter()
        .filter_map(|a| {
            let q = quizzes.get(&a.quiz_id)?;
            Some(domain::hr::PersonAttempt {
                quiz_code: q.code.clone(),
                quiz_title: q.title.clone(),
                mastery: q.mastery,
                placement: q.placement,
                started_on: domain::dates::vietnam_date(a.started_at).to_string(),
                status: a.status,
                score: a.score,
                passed: a.passed,
            })
        })
        .collect())
}

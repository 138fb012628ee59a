//! The author's quiz settings: a course's quiz or a mastery assessment, with its draw rules,
//! limits, pass mark, floor and review policy. Stored by [`upsert_quiz`], which the demo
//! quizzes use too; attempts read them as they start.
use domain::learning::attempt::{DrawRule, Review};
use domain::learning::authoring::{DIFFICULTIES, QuizRow, QuizSettings, is_course_code};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, AdminScope, author_scope, courses_of, reaches_course};
use crate::entity::{course, question, quiz};
use crate::{Error, FieldIssue, Result};

const MAX_TITLE: usize = 200;
const MAX_RULE_COUNT: u32 = 100;
const MAX_MINUTES: u32 = 600;
const MAX_ATTEMPTS: u32 = 100;

/// The quizzes of a course, or every quiz when no course is given.
pub async fn rows(db: &impl ConnectionTrait, of: Option<&course::Model>) -> Result<Vec<QuizRow>> {
    let mut find = quiz::Entity::find().order_by_asc(quiz::Column::Code);
    if let Some(c) = of {
        find = find.filter(quiz::Column::CourseId.eq(c.id));
    }
    let quizzes = find.all(db).await?;
    let courses = course::Entity::find().all(db).await?;
    Ok(quizzes
        .into_iter()
        .map(|q| QuizRow {
            course_code: q
                .course_id
                .and_then(|id| courses.iter().find(|c| c.id == id))
                .map(|c| c.code.clone()),
            code: q.code,
            title: q.title,
            mastery: q.mastery,
            placement: q.placement,
            published: q.published,
        })
        .collect())
}

/// The quizzes the author writes: every one for the content team, those of its own courses for
/// a province.
pub async fn all(db: &impl ConnectionTrait, actor: &Actor) -> Result<Vec<QuizRow>> {
    let scope = author_scope(actor)?;
    let rows = rows(db, None).await?;
    if scope == AdminScope::Nation {
        return Ok(rows);
    }
    let mine: Vec<String> = course::Entity::find()
        .filter(courses_of(scope))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.code)
        .collect();
    Ok(rows
        .into_iter()
        .filter(|r| r.course_code.as_ref().is_some_and(|c| mine.contains(c)))
        .collect())
}

/// A quiz's settings as its editor shows them.
pub async fn for_edit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    code: &str,
) -> Result<QuizSettings> {
    let scope = author_scope(actor)?;
    let q = quiz::Entity::find()
        .filter(quiz::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let course = match q.course_id {
        Some(id) => course::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    // A province writes the quizzes of its own courses; a quiz of no course is national.
    let reached = match &course {
        Some(c) => reaches_course(scope, c),
        None => scope == AdminScope::Nation,
    };
    if !reached {
        return Err(Error::NotFound);
    }
    let course_code = course.map(|c| c.code);
    Ok(QuizSettings {
        code: q.code.clone(),
        title: q.title.clone(),
        course_code,
        mastery: q.mastery,
        placement: q.placement,
        pass_mark: q.pass_mark,
        floor: q.floor,
        time_limit_minutes: q.time_limit_seconds.map(|s| (s.max(0) as u32).div_ceil(60)),
        max_attempts: q.max_attempts.map(|n| n.max(0) as u32),
        review: Review::parse(&q.review),
        rules: crate::assess::attempts::rules_of(&q),
        published: q.published,
    })
}

fn check(s: &QuizSettings, issues: &mut Vec<FieldIssue>) {
    if !is_course_code(s.code.trim()) {
        issues.push(FieldIssue::new("code", "invalid_quiz_code"));
    }
    let title = s.title.trim();
    if title.is_empty() {
        issues.push(FieldIssue::new("title", "title_required"));
    } else if title.chars().count() > MAX_TITLE {
        issues.push(FieldIssue::new("title", "title_too_long"));
    }
    if !(0.0..=100.0).contains(&s.pass_mark) {
        issues.push(FieldIssue::new("pass_mark", "invalid_pass_mark"));
    }
    if !(0.0..=100.0).contains(&s.floor) {
        issues.push(FieldIssue::new("floor", "invalid_floor"));
    }
    if s.time_limit_minutes
        .is_some_and(|m| m == 0 || m > MAX_MINUTES)
    {
        issues.push(FieldIssue::new("time_limit", "invalid_time_limit"));
    }
    if s.max_attempts.is_some_and(|n| n == 0 || n > MAX_ATTEMPTS) {
        issues.push(FieldIssue::new("max_attempts", "invalid_attempt_limit"));
    }
    let rules: Vec<&DrawRule> = s.rules.iter().filter(|r| r.count > 0).collect();
    if rules.is_empty() {
        issues.push(FieldIssue::new("rules", "no_draw_rule"));
    }
    if rules.iter().any(|r| {
        r.count > MAX_RULE_COUNT
            || r.difficulty
                .as_deref()
                .is_some_and(|d| !DIFFICULTIES.contains(&d))
    }) {
        issues.push(FieldIssue::new("rules", "invalid_draw_rule"));
    }
}

/// True when the bank holds enough questions for every rule on its own.
async fn bank_suffices(db: &impl ConnectionTrait, rules: &[DrawRule]) -> Result<bool> {
    for r in rules {
        let mut find = question::Entity::find();
        if let Some(d) = r.domain {
            find = find.filter(question::Column::Domain.eq(d.code()));
        }
        if let Some(level) = &r.difficulty {
            find = find.filter(question::Column::Difficulty.eq(level.as_str()));
        }
        if find.count(db).await? < u64::from(r.count) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Creates a quiz, or rewrites the one `editing` names (its code stays); the quiz's code.
pub async fn save(
    db: &DatabaseConnection,
    actor: &Actor,
    editing: Option<&str>,
    s: &QuizSettings,
) -> Result<String> {
    let scope = author_scope(actor)?;
    let mut issues = Vec::new();
    check(s, &mut issues);
    let existing = match editing {
        Some(code) => Some(for_edit(db, actor, code).await?),
        None => None,
    };
    let code = existing
        .as_ref()
        .map_or_else(|| s.code.trim().to_owned(), |e| e.code.clone());
    if existing.is_none()
        && quiz::Entity::find()
            .filter(quiz::Column::Code.eq(code.as_str()))
            .one(db)
            .await?
            .is_some()
    {
        issues.push(FieldIssue::new("code", "quiz_code_taken"));
    }
    let course_id = match s
        .course_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => Some(crate::author::authoring::course_in(db, scope, c).await?.id),
        // A quiz of no course (an assessment of the whole framework) is the content team's.
        None if scope == AdminScope::Nation => None,
        None => return Err(Error::invalid("course_code", "quiz_course_required")),
    };
    let rules: Vec<DrawRule> = s.rules.iter().filter(|r| r.count > 0).cloned().collect();
    if s.placement {
        check_placement(db, s, course_id, &code, &rules, &mut issues).await?;
    }
    if issues.is_empty() && !bank_suffices(db, &rules).await? {
        issues.push(FieldIssue::new("rules", "not_enough_questions"));
    }
    if !issues.is_empty() {
        return Err(Error::Invalid(issues));
    }
    let spec = QuizSpec {
        code: code.clone(),
        title: s.title.trim().to_owned(),
        course_id,
        mastery: s.mastery,
        placement: s.placement,
        pass_mark: s.pass_mark,
        floor: s.floor,
        time_limit_seconds: s.time_limit_minutes.map(|m| (m * 60) as i32),
        // A placement check allows one attempt unless its author says more.
        max_attempts: s
            .max_attempts
            .or(s.placement.then_some(1))
            .map(|n| n as i32),
        review: s.review,
        rules,
        published: s.published,
    };
    let txn = db.begin().await?;
    upsert_quiz(&txn, &spec).await?;
    let after = QuizSettings {
        code: code.clone(),
        rules: spec.rules.clone(),
        ..s.clone()
    };
    audit::record(
        &txn,
        Change {
            actor: actor.who(),
            action: if existing.is_some() {
                "update"
            } else {
                "create"
            },
            object_kind: "quiz",
            object_id: code.clone(),
            before: existing.as_ref().and_then(audit::json),
            after: audit::json(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(code)
}

/// A placement check belongs to one course (which has no other), is not a mastery assessment,
/// and draws every question by one of the course's domains: its parts are the domains.
async fn check_placement(
    db: &impl ConnectionTrait,
    s: &QuizSettings,
    course_id: Option<i32>,
    code: &str,
    rules: &[DrawRule],
    issues: &mut Vec<FieldIssue>,
) -> Result<()> {
    if s.mastery {
        issues.push(FieldIssue::new("placement", "placement_not_mastery"));
    }
    let Some(course_id) = course_id else {
        issues.push(FieldIssue::new("course_code", "placement_needs_course"));
        return Ok(());
    };
    let c = course::Entity::find_by_id(course_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let domains = crate::learn::catalogue::competences_of(&c);
    if rules
        .iter()
        .any(|r| r.domain.is_none_or(|d| !domains.contains(&d)))
    {
        issues.push(FieldIssue::new("rules", "placement_rule_domain"));
    }
    let other = quiz::Entity::find()
        .filter(quiz::Column::CourseId.eq(course_id))
        .filter(quiz::Column::Placement.eq(true))
        .filter(quiz::Column::Code.ne(code))
        .one(db)
        .await?;
    if other.is_some() {
        issues.push(FieldIssue::new("placement", "placement_exists"));
    }
    Ok(())
}

/// A quiz as written by its author or by the demo seed: its settings and draw rules.
pub struct QuizSpec {
    pub code: String,
    pub title: String,
    pub course_id: Option<i32>,
    pub mastery: bool,
    /// The course's placement check.
    pub placement: bool,
    pub pass_mark: f64,
    /// Percent every domain must reach (mastery assessments).
    pub floor: f64,
    pub time_limit_seconds: Option<i32>,
    pub max_attempts: Option<i32>,
    pub review: Review,
    pub rules: Vec<DrawRule>,
    pub published: bool,
}

/// Creates the quiz with this code, or overwrites its settings.
pub(crate) async fn upsert_quiz(db: &impl ConnectionTrait, spec: &QuizSpec) -> Result<quiz::Model> {
    let existing = quiz::Entity::find()
        .filter(quiz::Column::Code.eq(spec.code.as_str()))
        .one(db)
        .await?;
    let mut row = match &existing {
        Some(q) => quiz::ActiveModel::from(q.clone()),
        None => quiz::ActiveModel {
            code: Set(spec.code.clone()),
            ..Default::default()
        },
    };
    row.title = Set(spec.title.clone());
    row.course_id = Set(spec.course_id);
    row.mastery = Set(spec.mastery);
    row.placement = Set(spec.placement);
    row.pass_mark = Set(spec.pass_mark);
    row.floor = Set(spec.floor);
    row.time_limit_seconds = Set(spec.time_limit_seconds);
    row.max_attempts = Set(spec.max_attempts);
    row.review = Set(spec.review.as_str().to_owned());
    row.draw_rules = Set(serde_json::to_string(&spec.rules).map_err(|e| Error::internal(e))?);
    row.published = Set(spec.published);
    Ok(if existing.is_some() {
        row.update(db).await?
    } else {
        row.insert(db).await?
    })
}

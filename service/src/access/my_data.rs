//! A learner's own data (Decree 13/2023): everything kept about them, to download as JSON or
//! CSV, and the erasure of their account. Erasure removes the personal data and keeps the
//! records, so that certificates still verify (without the name) and past indicators do not move.
use chrono::{DateTime, NaiveDate};
use domain::my_data::MyDataLabels;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};
use serde::Serialize;

use crate::access::password::Passwords;
use crate::entity::{
    audit as audit_row, course, course_completion, enrolment, lesson, lesson_completion,
    login_failure, person, practice_result, session, team_member, unit, user, user_role,
};
use crate::hr::exports::{Cell, DecimalMark, Sheet};
use crate::{Error, Result, access::audit, assess::certificates, now};
use domain::dates::vietnam_date;

/// Everything the platform keeps about one person, as they download it.
#[derive(Debug, Serialize)]
pub struct MyData {
    pub exported_at: String,
    pub account: Account,
    pub roles: Vec<RoleHeld>,
    pub staff_record: Option<StaffRecord>,
    pub enrolments: Vec<Enrolled>,
    pub lessons_done: Vec<LessonDone>,
    pub courses_completed: Vec<CourseDone>,
    pub attempts: Vec<domain::hr::PersonAttempt>,
    pub practice: Vec<PracticeTaken>,
    pub certificates: Vec<domain::certificate::CertificateView>,
}

#[derive(Debug, Serialize)]
pub struct Account {
    pub login: String,
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub home_unit: Option<String>,
    pub registered_at: String,
    pub consent_at: Option<String>,
    pub registered_by_facilitator: bool,
}

#[derive(Debug, Serialize)]
pub struct RoleHeld {
    pub role: String,
    pub unit: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StaffRecord {
    pub staff_code: String,
    pub full_name: String,
    /// Masked but for the last four digits (`********1234`).
    pub personal_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Enrolled {
    pub course_code: String,
    pub course_title: String,
    pub enrolled_on: NaiveDate,
    pub by_facilitator: bool,
}

#[derive(Debug, Serialize)]
pub struct LessonDone {
    pub course_code: String,
    pub lesson: i32,
    pub lesson_title: String,
    pub done_at: String,
}

#[derive(Debug, Serialize)]
pub struct PracticeTaken {
    pub course_code: String,
    pub score: f64,
    pub correct: i32,
    pub total: i32,
    pub taken_at: String,
}

#[derive(Debug, Serialize)]
pub struct CourseDone {
    pub course_code: String,
    pub course_title: String,
    pub completed_on: NaiveDate,
}

fn timestamp(secs: i64) -> String {
    DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// Gathers the user's data; their own, so no other check than who they are.
pub async fn export(db: &impl ConnectionTrait, user_id: i32) -> Result<MyData> {
    let me = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let courses = course_titles(db).await?;
    Ok(MyData {
        exported_at: timestamp(now()),
        account: account(db, &me).await?,
        roles: roles(db, user_id).await?,
        staff_record: staff_record(db, user_id).await?,
        enrolments: enrolments(db, user_id, &courses).await?,
        lessons_done: lessons_done(db, user_id, &courses).await?,
        courses_completed: courses_completed(db, user_id, &courses).await?,
        attempts: crate::assess::attempts::summaries(db, user_id).await?,
        practice: practice(db, user_id, &courses).await?,
        certificates: certificates::of_user(db, user_id).await?,
    })
}

type Courses = std::collections::HashMap<i32, (String, String)>;

async fn course_titles(db: &impl ConnectionTrait) -> Result<Courses> {
    Ok(course::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.code, c.title)))
        .collect())
}

fn course_of(courses: &Courses, id: i32) -> (String, String) {
    courses.get(&id).cloned().unwrap_or_default()
}

async fn unit_name(db: &impl ConnectionTrait, id: Option<i32>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|u| format!("{} ({})", u.name, u.code)))
}

async fn account(db: &impl ConnectionTrait, me: &user::Model) -> Result<Account> {
    Ok(Account {
        login: me.login.clone(),
        full_name: me.full_name.clone(),
        email: me.email.clone(),
        phone: me.phone.clone(),
        home_unit: unit_name(db, me.home_unit_id).await?,
        registered_at: timestamp(me.created_at),
        consent_at: me.consent_at.map(timestamp),
        registered_by_facilitator: me.registered_by.is_some(),
    })
}

async fn roles(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<RoleHeld>> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .order_by_asc(user_role::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(RoleHeld {
            role: r.role,
            unit: unit_name(db, r.unit_id).await?,
        });
    }
    Ok(out)
}

async fn staff_record(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<StaffRecord>> {
    Ok(person::Entity::find()
        .filter(person::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|p| StaffRecord {
            staff_code: p.staff_code,
            full_name: p.full_name,
            personal_id: p.personal_id.as_deref().map(mask_for_learner),
            email: p.email,
            phone: p.phone,
        }))
}

/// A learner sees at most the last four digits of a personal ID number: `********1234`.
pub(crate) fn mask_for_learner(id: &str) -> String {
    let n = id.chars().count();
    let shown: String = id.chars().skip(n.saturating_sub(4)).collect();
    format!("{}{shown}", "*".repeat(n.saturating_sub(4).max(4)))
}

async fn enrolments(
    db: &impl ConnectionTrait,
    user_id: i32,
    courses: &Courses,
) -> Result<Vec<Enrolled>> {
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .order_by_asc(enrolment::Column::EnrolledAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|e| {
            let (course_code, course_title) = course_of(courses, e.course_id);
            Enrolled {
                course_code,
                course_title,
                enrolled_on: vietnam_date(e.enrolled_at),
                by_facilitator: e.enrolled_by.is_some_and(|by| by != user_id),
            }
        })
        .collect())
}

async fn lessons_done(
    db: &impl ConnectionTrait,
    user_id: i32,
    courses: &Courses,
) -> Result<Vec<LessonDone>> {
    let rows = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::UserId.eq(user_id))
        .order_by_asc(lesson_completion::Column::DoneAt)
        .all(db)
        .await?;
    let lessons: std::collections::HashMap<i32, lesson::Model> = lesson::Entity::find()
        .filter(lesson::Column::Id.is_in(rows.iter().map(|r| r.lesson_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|done| {
            let lesson = lessons.get(&done.lesson_id)?.clone();
            Some(LessonDone {
                course_code: course_of(courses, lesson.course_id).0,
                lesson: lesson.position,
                lesson_title: lesson.title,
                done_at: timestamp(done.done_at),
            })
        })
        .collect())
}

async fn practice(
    db: &impl ConnectionTrait,
    user_id: i32,
    courses: &Courses,
) -> Result<Vec<PracticeTaken>> {
    let rows = practice_result::Entity::find()
        .filter(practice_result::Column::UserId.eq(user_id))
        .order_by_asc(practice_result::Column::TakenAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|p| PracticeTaken {
            course_code: course_of(courses, p.course_id).0,
            score: p.score,
            correct: p.correct,
            total: p.total,
            taken_at: timestamp(p.taken_at),
        })
        .collect())
}

async fn courses_completed(
    db: &impl ConnectionTrait,
    user_id: i32,
    courses: &Courses,
) -> Result<Vec<CourseDone>> {
    let rows = course_completion::Entity::find()
        .filter(course_completion::Column::UserId.eq(user_id))
        .order_by_asc(course_completion::Column::CompletedOn)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let (course_code, course_title) = course_of(courses, c.course_id);
            CourseDone {
                course_code,
                course_title,
                completed_on: c.completed_on,
            }
        })
        .collect())
}

/// The same data as one flat table, one row per fact: section, what, when, result; in the
/// words `l` gives (the reader's language).
pub fn to_sheet(data: &MyData, l: &MyDataLabels) -> Sheet {
    let mut t = Sheet::new(l.headings);
    let mut row = |section: &str, what: String, when: String, result: Cell| {
        t.push(vec![section.into(), what.into(), when.into(), result]);
    };
    let a = &data.account;
    row(
        l.account,
        format!("{}: {}", l.login, a.login),
        a.registered_at.clone(),
        Cell::Empty,
    );
    row(
        l.account,
        format!("{}: {}", l.full_name, a.full_name),
        String::new(),
        Cell::Empty,
    );
    if let Some(e) = &a.email {
        row(
            l.account,
            format!("{}: {e}", l.email),
            String::new(),
            Cell::Empty,
        );
    }
    if let Some(p) = &a.phone {
        row(
            l.account,
            format!("{}: {p}", l.phone),
            String::new(),
            Cell::Empty,
        );
    }
    if let Some(u) = &a.home_unit {
        row(
            l.account,
            format!("{}: {u}", l.commune),
            String::new(),
            Cell::Empty,
        );
    }
    if let Some(c) = &a.consent_at {
        row(l.account, l.consent.into(), c.clone(), Cell::Empty);
    }
    for r in &data.roles {
        let unit = r
            .unit
            .clone()
            .map(|u| format!(" — {u}"))
            .unwrap_or_default();
        row(
            l.roles,
            format!("{}{unit}", r.role),
            String::new(),
            Cell::Empty,
        );
    }
    if let Some(s) = &data.staff_record {
        row(
            l.staff_record,
            format!("{} — {}", s.staff_code, s.full_name),
            String::new(),
            Cell::Empty,
        );
    }
    for e in &data.enrolments {
        row(
            l.enrolment,
            format!("{} — {}", e.course_code, e.course_title),
            e.enrolled_on.to_string(),
            Cell::Empty,
        );
    }
    for x in &data.lessons_done {
        row(
            l.lesson_done,
            format!(
                "{} {} {} — {}",
                x.course_code, l.lesson, x.lesson, x.lesson_title
            ),
            x.done_at.clone(),
            Cell::Empty,
        );
    }
    for c in &data.courses_completed {
        row(
            l.course_completed,
            format!("{} — {}", c.course_code, c.course_title),
            c.completed_on.to_string(),
            Cell::Empty,
        );
    }
    for a in &data.attempts {
        let result = a.score.map_or(Cell::Empty, Cell::Number);
        row(
            l.attempt,
            format!("{} — {} ({})", a.quiz_code, a.quiz_title, a.status),
            a.started_on.clone(),
            result,
        );
    }
    for p in &data.practice {
        row(
            l.practice,
            format!("{} ({}/{})", p.course_code, p.correct, p.total),
            p.taken_at.clone(),
            Cell::Number(p.score),
        );
    }
    for c in &data.certificates {
        let state = if c.revoked.is_some() {
            format!(" ({})", l.revoked)
        } else {
            String::new()
        };
        row(
            l.certificate,
            format!("{} — {}{state}", c.code, c.title),
            c.issued_on.to_string(),
            c.score.map_or(Cell::Empty, Cell::Number),
        );
    }
    t
}

/// The CSV download (UTF-8 with BOM, as the other exports).
pub fn to_csv(data: &MyData, l: &MyDataLabels) -> Vec<u8> {
    to_sheet(data, l).to_csv(DecimalMark::Comma)
}

/// Erases the account of `user_id` after checking its password: name, login, contact data and
/// password are gone, sessions end, roles and team places are dropped, the audit entries about
/// the account lose their values. Records (lessons, completions, attempts, certificates) stay,
/// tied to an anonymous account, so past indicators do not change and certificates verify.
pub async fn erase(
    db: &(impl ConnectionTrait + TransactionTrait),
    passwords: &Passwords,
    user_id: i32,
    password: &str,
) -> Result<()> {
    let me = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.erased_at.is_none())
        .ok_or(Error::NotFound)?;
    if !passwords.verify(password, Some(&me.password_hash)).await? {
        return Err(Error::invalid("password", "wrong_password"));
    }
    if is_last_admin(db, user_id).await? {
        return Err(Error::Conflict("last_admin"));
    }
    let txn = db.begin().await?;
    forget_secondary(&txn, &me).await?;
    anonymise(&txn, me).await?;
    audit::record(
        &txn,
        audit::Change {
            actor: audit::Who::user(user_id),
            action: "erase_account",
            object_kind: "user",
            object_id: user_id.to_string(),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn is_last_admin(db: &impl ConnectionTrait, user_id: i32) -> Result<bool> {
    let admins = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(domain::Role::Admin.as_str()))
        .all(db)
        .await?;
    Ok(admins.iter().any(|r| r.user_id == user_id) && admins.len() == 1)
}

/// Sessions, single sign-on identities, roles, team places, failed sign-ins, reminders to the
/// account's address and the values in the audit entries about the account; the staff record's link is kept (it is the unit's
/// record, not the account's).
async fn forget_secondary(db: &impl ConnectionTrait, me: &user::Model) -> Result<()> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    crate::entity::sso_identity::Entity::delete_many()
        .filter(crate::entity::sso_identity::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    crate::entity::link_proposal::Entity::delete_many()
        .filter(crate::entity::link_proposal::Column::UserId.eq(me.id))
        .filter(crate::entity::link_proposal::Column::Status.eq("proposed"))
        .exec(db)
        .await?;
    team_member::Entity::delete_many()
        .filter(team_member::Column::UserId.eq(me.id))
        .exec(db)
        .await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Login.eq(me.login.as_str()))
        .exec(db)
        .await?;
    // E-mail reminders addressed to the account's own address hold it and the name: gone, and
    // never sent if still queued. Those to the roster's address are the unit's record.
    // (The queue keeps addresses trimmed and lowercased.)
    if let Some(email) = me.email.as_deref().map(|e| e.trim().to_lowercase()) {
        crate::entity::reminder_recipient::Entity::delete_many()
            .filter(crate::entity::reminder_recipient::Column::Email.eq(email))
            .exec(db)
            .await?;
    }
    audit_row::Entity::update_many()
        .col_expr(
            audit_row::Column::Before,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .col_expr(
            audit_row::Column::After,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(audit_row::Column::ObjectKind.eq("user"))
        .filter(audit_row::Column::ObjectId.eq(me.id.to_string()))
        .exec(db)
        .await?;
    Ok(())
}

/// The account row stays (records point at it) with nothing personal left in it.
async fn anonymise(db: &impl ConnectionTrait, me: user::Model) -> Result<()> {
    let id = me.id;
    let mut row = me.into_active_model();
    row.login = Set(format!("da-xoa-{id}"));
    row.full_name = Set(String::new());
    row.email = Set(None);
    row.phone = Set(None);
    row.password_hash = Set(String::new());
    row.disabled = Set(true);
    row.erased_at = Set(Some(now()));
    row.update(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::mask_for_learner;

    #[test]
    fn a_learner_sees_the_last_four_digits_only() {
        assert_eq!(mask_for_learner("001203004567"), "********4567");
        assert_eq!(mask_for_learner("12"), "****12");
    }
}

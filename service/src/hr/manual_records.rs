//! In-person trainings and assessments that hr enters by hand, each with its evidence
//! (a decision number, a list of attendance), audited.
use chrono::NaiveDate;
use domain::exchange::Mode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

use crate::access::audit::{self, Change};
use crate::access::authz::Actor;
use crate::entity::{assessment_result, training_record};
use crate::error::is_unique_violation;
use crate::hr::person::to_change;
use crate::{Error, FieldIssue, Result};

pub struct NewTraining<'a> {
    pub programme_code: &'a str,
    pub completed_on: Option<NaiveDate>,
    pub mode: Mode,
    pub evidence: &'a str,
}

pub struct NewAssessment<'a> {
    pub assessment_code: &'a str,
    pub taken_on: Option<NaiveDate>,
    pub score: Option<f64>,
    pub passed: bool,
    pub evidence: &'a str,
}

/// As for imports (SPEC "Exchange formats"): a code holds at most 50 characters.
const MAX_CODE: usize = domain::exchange::MAX_CODE_CHARS;
const MAX_EVIDENCE: usize = 500;

pub async fn add_training(
    db: &DatabaseConnection,
    actor: &Actor,
    staff_code: &str,
    input: NewTraining<'_>,
    today: NaiveDate,
) -> Result<()> {
    let mut issues = Vec::new();
    let code = checked_code(input.programme_code, "programme_code", &mut issues);
    let date = checked_date(input.completed_on, today, "completed_on", &mut issues);
    let evidence = checked_evidence(input.evidence, &mut issues);
    let person = to_change(db, actor, staff_code).await?.person;
    let (Some(code), Some(date), Some(evidence)) = (code, date, evidence) else {
        return Err(Error::Invalid(issues));
    };
    let existing = training_record::Entity::find()
        .filter(training_record::Column::PersonId.eq(person.id))
        .filter(training_record::Column::ProgrammeCode.eq(code.as_str()))
        .filter(training_record::Column::CompletedOn.eq(date))
        .one(db)
        .await?;
    if let Some(answer) = already_there(existing, |e| {
        e.mode == input.mode.as_str() && e.note.as_deref() == Some(evidence.as_str())
    }) {
        return answer;
    }
    let txn = db.begin().await?;
    let saved = training_record::ActiveModel {
        person_id: Set(person.id),
        programme_code: Set(code),
        completed_on: Set(date),
        mode: Set(input.mode.as_str().to_owned()),
        note: Set(Some(evidence)),
        source: Set("manual".to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(duplicate)?;
    crate::hr::first_dates::refresh(&txn, &[saved.person_id]).await?;
    audit::record(
        &txn,
        created(actor, "training_record", saved.id, audit::json(&saved)),
    )
    .await?;
    Ok(txn.commit().await?)
}

pub async fn add_assessment(
    db: &DatabaseConnection,
    actor: &Actor,
    staff_code: &str,
    input: NewAssessment<'_>,
    today: NaiveDate,
) -> Result<()> {
    let mut issues = Vec::new();
    let code = checked_code(input.assessment_code, "assessment_code", &mut issues);
    let date = checked_date(input.taken_on, today, "taken_on", &mut issues);
    let evidence = checked_evidence(input.evidence, &mut issues);
    let score = input.score.filter(|s| (0.0..=100.0).contains(s));
    if score.is_none() {
        issues.push(FieldIssue::new("score", "invalid_score"));
    }
    let person = to_change(db, actor, staff_code).await?.person;
    let (Some(code), Some(date), Some(evidence), Some(score)) = (code, date, evidence, score)
    else {
        return Err(Error::Invalid(issues));
    };
    let existing = assessment_result::Entity::find()
        .filter(assessment_result::Column::PersonId.eq(person.id))
        .filter(assessment_result::Column::AssessmentCode.eq(code.as_str()))
        .filter(assessment_result::Column::TakenOn.eq(date))
        .one(db)
        .await?;
    let same = |e: &assessment_result::Model| {
        e.score == score && e.passed == input.passed && e.note.as_deref() == Some(evidence.as_str())
    };
    if let Some(answer) = already_there(existing, same) {
        return answer;
    }
    let txn = db.begin().await?;
    let saved = assessment_result::ActiveModel {
        person_id: Set(person.id),
        assessment_code: Set(code),
        taken_on: Set(date),
        score: Set(score),
        passed: Set(input.passed),
        note: Set(Some(evidence)),
        source: Set("manual".to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(duplicate)?;
    crate::hr::first_dates::refresh(&txn, &[saved.person_id]).await?;
    audit::record(
        &txn,
        created(actor, "assessment_result", saved.id, audit::json(&saved)),
    )
    .await?;
    Ok(txn.commit().await?)
}

/// A record already on the same key: the same form sent twice (a double click, a resend)
/// changes nothing; a different record on that key is a conflict.
fn already_there<M>(existing: Option<M>, same: impl FnOnce(&M) -> bool) -> Option<Result<()>> {
    existing.map(|e| {
        if same(&e) {
            Ok(())
        } else {
            Err(Error::Conflict("record_exists"))
        }
    })
}

fn checked_code(text: &str, field: &str, issues: &mut Vec<FieldIssue>) -> Option<String> {
    let code = text.trim();
    if code.is_empty() || code.chars().count() > MAX_CODE {
        issues.push(FieldIssue::new(field, "invalid_programme_code"));
        return None;
    }
    Some(code.to_owned())
}

/// A record entered by hand is for something already done: not a day after today.
fn checked_date(
    date: Option<NaiveDate>,
    today: NaiveDate,
    field: &str,
    issues: &mut Vec<FieldIssue>,
) -> Option<NaiveDate> {
    match date {
        None => issues.push(FieldIssue::new(field, "invalid_date")),
        Some(d) if d > today => issues.push(FieldIssue::new(field, "date_in_future")),
        Some(d) => return Some(d),
    }
    None
}

fn checked_evidence(text: &str, issues: &mut Vec<FieldIssue>) -> Option<String> {
    let evidence = text.trim();
    if evidence.is_empty() || evidence.chars().count() > MAX_EVIDENCE {
        issues.push(FieldIssue::new("evidence", "evidence_required"));
        return None;
    }
    Some(evidence.to_owned())
}

fn duplicate(err: sea_orm::DbErr) -> Error {
    if is_unique_violation(&err) {
        Error::Conflict("record_exists")
    } else {
        err.into()
    }
}

fn created(
    actor: &Actor,
    kind: &'static str,
    id: i32,
    after: Option<serde_json::Value>,
) -> Change<'static> {
    Change {
        actor: actor.who(),
        action: "manual_create",
        object_kind: kind,
        object_id: id.to_string(),
        before: None,
        after,
    }
}

//! Training records (`boi_duong`) and assessment results (`danh_gia`) of people on the roster.
use std::collections::HashMap;

use domain::exchange::{AssessmentRow, RowError, TrainingRow};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use super::{CHUNK, Context, ImportReport, assignments_of, distinct, people_by_code};
use crate::audit::{self, Change, Who};
use crate::entity::{assessment_result, person, training_record, unit};
use crate::Result;

pub(super) async fn import_training(ctx: Context<'_>) -> Result<ImportReport> {
    let (rows, mut errors) = ctx.parse_all(TrainingRow::parse);
    let people = known_people(&ctx, rows.iter().map(|r| (r.line, r.staff_code.as_str())), &mut errors).await?;
    if let Some(report) = ctx.verdict(errors) {
        return Ok(report);
    }
    let ids: Vec<i32> = people.values().map(|p| p.id).collect();
    let txn = ctx.db.begin().await?;
    let mut recorded = training_of(&txn, &ids).await?;
    for r in &rows {
        upsert_training(&txn, ctx.actor.who(), people[&r.staff_code].id, r, &mut recorded).await?;
    }
    txn.commit().await?;
    Ok(ctx.accepted())
}

pub(super) async fn import_assessments(ctx: Context<'_>) -> Result<ImportReport> {
    let (rows, mut errors) = ctx.parse_all(AssessmentRow::parse);
    let people = known_people(&ctx, rows.iter().map(|r| (r.line, r.staff_code.as_str())), &mut errors).await?;
    if let Some(report) = ctx.verdict(errors) {
        return Ok(report);
    }
    let ids: Vec<i32> = people.values().map(|p| p.id).collect();
    let txn = ctx.db.begin().await?;
    let mut recorded = results_of(&txn, &ids).await?;
    for r in &rows {
        upsert_result(&txn, ctx.actor.who(), people[&r.staff_code].id, r, &mut recorded).await?;
    }
    txn.commit().await?;
    Ok(ctx.accepted())
}

/// The people the rows name: each must be on the roster and, for an hr officer, have been
/// assigned at some time to a unit of their subtree.
async fn known_people<'a>(
    ctx: &Context<'_>,
    rows: impl Iterator<Item = (usize, &'a str)> + Clone,
    errors: &mut Vec<RowError>,
) -> Result<HashMap<String, person::Model>> {
    let codes = distinct(rows.clone().map(|(_, c)| c));
    let people = people_by_code(ctx.db, &codes).await?;
    let in_scope = scope_of(ctx, &people).await?;
    for (line, code) in rows {
        match people.get(code) {
            None => errors.push(RowError::new(line, "ma_can_bo", "unknown_staff_code")),
            Some(p) if !in_scope.get(&p.id).copied().unwrap_or(false) => {
                errors.push(RowError::new(line, "ma_can_bo", "staff_out_of_scope"));
            }
            Some(_) => {}
        }
    }
    Ok(people)
}

/// For each person, whether the actor manages one of the units they were ever assigned to.
async fn scope_of(ctx: &Context<'_>, people: &HashMap<String, person::Model>) -> Result<HashMap<i32, bool>> {
    if ctx.actor.is_admin() {
        return Ok(people.values().map(|p| (p.id, true)).collect());
    }
    let ids: Vec<i32> = people.values().map(|p| p.id).collect();
    let assignments = assignments_of(ctx.db, &ids).await?;
    let units: HashMap<i32, unit::Model> = unit::Entity::find().all(ctx.db).await?.into_iter().map(|u| (u.id, u)).collect();
    Ok(ids
        .iter()
        .map(|id| {
            let mine = assignments.get(id).map(Vec::as_slice).unwrap_or_default();
            (*id, mine.iter().any(|a| units.get(&a.unit_id).is_some_and(|u| ctx.in_scope(u))))
        })
        .collect())
}

type TrainingKey = (i32, String, chrono::NaiveDate);

async fn training_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<TrainingKey, training_record::Model>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows = training_record::Entity::find()
            .filter(training_record::Column::PersonId.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        found.extend(rows.into_iter().map(|t| ((t.person_id, t.programme_code.clone(), t.completed_on), t)));
    }
    Ok(found)
}

/// Insert, or update mode and note when they changed; the same row twice changes nothing.
async fn upsert_training(
    db: &impl ConnectionTrait,
    actor: Who,
    person_id: i32,
    r: &TrainingRow,
    recorded: &mut HashMap<TrainingKey, training_record::Model>,
) -> Result<()> {
    let key = (person_id, r.programme_code.clone(), r.completed_on);
    let before = recorded.get(&key).cloned();
    let mode = r.mode.as_str().to_owned();
    if before.as_ref().is_some_and(|b| b.mode == mode && b.note == r.note) {
        return Ok(());
    }
    let active = training_record::ActiveModel {
        person_id: Set(person_id),
        programme_code: Set(r.programme_code.clone()),
        completed_on: Set(r.completed_on),
        mode: Set(mode),
        note: Set(r.note.clone()),
        source: Set(before.as_ref().map_or_else(|| "import".to_owned(), |b| b.source.clone())),
        ..Default::default()
    };
    let saved = match &before {
        Some(b) => training_record::ActiveModel { id: sea_orm::Unchanged(b.id), ..active }.update(db).await?,
        None => active.insert(db).await?,
    };
    let change = change(actor, "training_record", saved.id, before.as_ref().and_then(audit::json), audit::json(&saved));
    recorded.insert(key, saved);
    audit::record(db, change).await
}

type ResultKey = (i32, String, chrono::NaiveDate);

async fn results_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<ResultKey, assessment_result::Model>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows = assessment_result::Entity::find()
            .filter(assessment_result::Column::PersonId.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        found.extend(rows.into_iter().map(|t| ((t.person_id, t.assessment_code.clone(), t.taken_on), t)));
    }
    Ok(found)
}

async fn upsert_result(
    db: &impl ConnectionTrait,
    actor: Who,
    person_id: i32,
    r: &AssessmentRow,
    recorded: &mut HashMap<ResultKey, assessment_result::Model>,
) -> Result<()> {
    let key = (person_id, r.assessment_code.clone(), r.taken_on);
    let before = recorded.get(&key).cloned();
    if before.as_ref().is_some_and(|b| b.score == r.score && b.passed == r.passed) {
        return Ok(());
    }
    let active = assessment_result::ActiveModel {
        person_id: Set(person_id),
        assessment_code: Set(r.assessment_code.clone()),
        taken_on: Set(r.taken_on),
        score: Set(r.score),
        passed: Set(r.passed),
        ..Default::default()
    };
    let saved = match &before {
        Some(b) => assessment_result::ActiveModel { id: sea_orm::Unchanged(b.id), ..active }.update(db).await?,
        None => active.insert(db).await?,
    };
    let change = change(actor, "assessment_result", saved.id, before.as_ref().and_then(audit::json), audit::json(&saved));
    recorded.insert(key, saved);
    audit::record(db, change).await
}

fn change(
    actor: Who,
    kind: &'static str,
    id: i32,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Change<'static> {
    let action = if before.is_some() { "import_update" } else { "import_create" };
    Change { actor, action, object_kind: kind, object_id: id.to_string(), before, after }
}

//! Training records (`boi_duong`) and assessment results (`danh_gia`) of people on the roster.
use std::collections::HashMap;

use chrono::NaiveDate;
use domain::exchange::{AssessmentRow, RowError, TrainingRow};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde::Serialize;

use super::parse::{File, Parsed};
use super::write::upsert;
use super::{
    Context, ImportReport, Phase, WRITE_CHUNK, accepted, assignments_of, distinct, people_by_code,
};
use crate::Result;
use crate::access::audit::{self, Change};
use crate::entity::{assessment_result, person, training_record, unit};

pub(super) async fn import_training(ctx: Context<'_>, file: File<'_>) -> Result<ImportReport> {
    import::<TrainingRow>(ctx, file, TrainingRow::parse).await
}

pub(super) async fn import_assessments(ctx: Context<'_>, file: File<'_>) -> Result<ImportReport> {
    import::<AssessmentRow>(ctx, file, AssessmentRow::parse).await
}

/// A record is identified by the person, the programme (or assessment) code and the date.
type Key = (i32, String, NaiveDate);
type Model<R> = <<<R as Record>::Active as ActiveModelTrait>::Entity as EntityTrait>::Model;
type Column<R> = <<<R as Record>::Active as ActiveModelTrait>::Entity as EntityTrait>::Column;

/// What the two kinds of record differ in; the import is the same for both.
trait Record: Sized {
    type Active: ActiveModelTrait;
    /// The audit log's name for the kind.
    const KIND: &'static str;
    /// The columns of [`Key`], in its order, and those a new file may change.
    const KEY: [Column<Self>; 3];
    const UPDATE: &'static [Column<Self>];

    fn line(&self) -> usize;
    fn staff_code(&self) -> &str;
    fn code_and_date(&self) -> (&str, NaiveDate);
    fn key_of(model: &Model<Self>) -> Key;
    fn id_of(model: &Model<Self>) -> i32;
    /// True when the recorded model already says what the row says.
    fn same_as(&self, model: &Model<Self>) -> bool;
    fn active(&self, person_id: i32) -> Self::Active;
}

impl Record for TrainingRow {
    type Active = training_record::ActiveModel;
    const KIND: &'static str = "training_record";
    const KEY: [Column<Self>; 3] = [
        training_record::Column::PersonId,
        training_record::Column::ProgrammeCode,
        training_record::Column::CompletedOn,
    ];
    // The source of a record stays what it was (an import never turns a platform record into an import).
    const UPDATE: &'static [Column<Self>] =
        &[training_record::Column::Mode, training_record::Column::Note];

    fn line(&self) -> usize {
        self.line
    }
    fn staff_code(&self) -> &str {
        &self.staff_code
    }
    fn code_and_date(&self) -> (&str, NaiveDate) {
        (&self.programme_code, self.completed_on)
    }
    fn key_of(m: &training_record::Model) -> Key {
        (m.person_id, m.programme_code.clone(), m.completed_on)
    }
    fn id_of(m: &training_record::Model) -> i32 {
        m.id
    }
    fn same_as(&self, m: &training_record::Model) -> bool {
        m.mode == self.mode.as_str() && m.note == self.note
    }
    fn active(&self, person_id: i32) -> training_record::ActiveModel {
        training_record::ActiveModel {
            person_id: Set(person_id),
            programme_code: Set(self.programme_code.clone()),
            completed_on: Set(self.completed_on),
            mode: Set(self.mode.as_str().to_owned()),
            note: Set(self.note.clone()),
            source: Set("import".to_owned()),
            ..Default::default()
        }
    }
}

impl Record for AssessmentRow {
    type Active = assessment_result::ActiveModel;
    const KIND: &'static str = "assessment_result";
    const KEY: [Column<Self>; 3] = [
        assessment_result::Column::PersonId,
        assessment_result::Column::AssessmentCode,
        assessment_result::Column::TakenOn,
    ];
    const UPDATE: &'static [Column<Self>] = &[
        assessment_result::Column::Score,
        assessment_result::Column::Passed,
    ];

    fn line(&self) -> usize {
        self.line
    }
    fn staff_code(&self) -> &str {
        &self.staff_code
    }
    fn code_and_date(&self) -> (&str, NaiveDate) {
        (&self.assessment_code, self.taken_on)
    }
    fn key_of(m: &assessment_result::Model) -> Key {
        (m.person_id, m.assessment_code.clone(), m.taken_on)
    }
    fn id_of(m: &assessment_result::Model) -> i32 {
        m.id
    }
    fn same_as(&self, m: &assessment_result::Model) -> bool {
        m.score == self.score && m.passed == self.passed
    }
    fn active(&self, person_id: i32) -> assessment_result::ActiveModel {
        assessment_result::ActiveModel {
            person_id: Set(person_id),
            assessment_code: Set(self.assessment_code.clone()),
            taken_on: Set(self.taken_on),
            score: Set(self.score),
            passed: Set(self.passed),
            ..Default::default()
        }
    }
}

async fn import<R>(
    ctx: Context<'_>,
    file: File<'_>,
    parse: fn(&domain::exchange::RawRow<'_>) -> std::result::Result<R, Vec<RowError>>,
) -> Result<ImportReport>
where
    R: Record,
    Model<R>: Serialize,
{
    let Parsed {
        rows,
        mut errors,
        count,
    } = match ctx.parse(file, parse) {
        Ok(parsed) => parsed,
        Err(report) => return Ok(report),
    };
    ctx.report(Phase::Checking, 0, count);
    let people = known_people(
        &ctx,
        rows.iter().map(|r| (r.line(), r.staff_code())),
        &mut errors,
    )
    .await?;
    if let Some(report) = ctx.verdict(count, errors) {
        return Ok(report);
    }
    let txn = ctx.db.begin().await?;
    let mut done = 0;
    for chunk in rows.chunks(WRITE_CHUNK) {
        write_chunk(&ctx, &txn, chunk, &people).await?;
        done += chunk.len();
        ctx.report(Phase::Writing, done, rows.len());
    }
    txn.commit().await?;
    Ok(accepted(count))
}

/// Upserts the chunk's rows that change something, with their audit entries. What is recorded
/// is read per chunk, inside the transaction, so a row repeated further down the file sees the
/// earlier one; inside the chunk the last of a repeated row wins.
async fn write_chunk<R>(
    ctx: &Context<'_>,
    db: &impl ConnectionTrait,
    chunk: &[R],
    people: &HashMap<String, person::Model>,
) -> Result<()>
where
    R: Record,
    Model<R>: Serialize,
{
    let mut rows: HashMap<Key, &R> = HashMap::with_capacity(chunk.len());
    for r in chunk {
        let (code, date) = r.code_and_date();
        rows.insert((people[r.staff_code()].id, code.to_owned(), date), r);
    }
    let recorded = recorded::<R>(db, rows.keys()).await?;
    let changed = rows
        .iter()
        .filter(|(key, r)| !recorded.get(*key).is_some_and(|m| r.same_as(m)))
        .map(|(key, r)| r.active(key.0))
        .collect();
    let saved = upsert(db, changed, &R::KEY, R::UPDATE).await?;
    let touched: Vec<i32> = saved.iter().map(|m| R::key_of(m).0).collect();
    crate::hr::first_dates::refresh(db, &touched).await?;
    let changes = saved
        .iter()
        .map(|m| {
            let before = recorded.get(&R::key_of(m)).and_then(audit::json);
            let action = ctx.action(before.is_none());
            Change {
                actor: ctx.who(),
                action,
                object_kind: R::KIND,
                object_id: R::id_of(m).to_string(),
                before,
                after: audit::json(m),
            }
        })
        .collect();
    audit::record_many(db, changes).await
}

/// The recorded rows with these keys, in one indexed query.
async fn recorded<'k, R: Record>(
    db: &impl ConnectionTrait,
    keys: impl Iterator<Item = &'k Key>,
) -> Result<HashMap<Key, Model<R>>> {
    let [person, code, date] = R::KEY;
    let tuple = Expr::tuple([Expr::col(person), Expr::col(code), Expr::col(date)]);
    let values: Vec<Key> = keys.cloned().collect();
    let found = <R::Active as ActiveModelTrait>::Entity::find()
        .filter(tuple.in_tuples(values))
        .all(db)
        .await?;
    Ok(found.into_iter().map(|m| (R::key_of(&m), m)).collect())
}

/// The people the rows name: each must be on the roster and, for an hr officer or a unit's
/// token, have every assignment, past and present, in their subtree. For them a code that exists
/// only elsewhere in the province answers as one that exists nowhere (`staff_not_in_scope`), so
/// an import cannot be used to learn which staff codes other units hold.
async fn known_people<'a>(
    ctx: &Context<'_>,
    rows: impl Iterator<Item = (usize, &'a str)> + Clone,
    errors: &mut Vec<RowError>,
) -> Result<HashMap<String, person::Model>> {
    let codes = distinct(rows.clone().map(|(_, c)| c));
    let people = people_by_code(ctx.db, ctx.province, &codes).await?;
    let reachable = reachable(ctx, &people).await?;
    let refusal = if ctx.actor.sees_whole_province() {
        "unknown_staff_code"
    } else {
        "staff_not_in_scope"
    };
    for (line, code) in rows {
        if !people.get(code).is_some_and(|p| reachable.contains(&p.id)) {
            errors.push(RowError::new(line, "ma_can_bo", refusal));
        }
    }
    Ok(people)
}

/// The ids of the people whose every assignment lies in the actor's subtree.
async fn reachable(
    ctx: &Context<'_>,
    people: &HashMap<String, person::Model>,
) -> Result<std::collections::HashSet<i32>> {
    let ids: Vec<i32> = people.values().map(|p| p.id).collect();
    if ctx.actor.sees_whole_province() {
        return Ok(ids.into_iter().collect());
    }
    let assignments = assignments_of(ctx.db, &ids).await?;
    let all = unit::Entity::find()
        .filter(unit::Column::ProvinceId.eq(ctx.province))
        .all(ctx.db)
        .await?;
    let units: HashMap<i32, &unit::Model> = all.iter().map(|u| (u.id, u)).collect();
    Ok(ids
        .into_iter()
        .filter(|id| super::wholly_in_scope(ctx, assignments.get(id), &units))
        .collect())
}

//! The roster, training records and assessment results of a scope, in the exchange formats of
//! SPEC with the key headings, so an export can be imported again unchanged.
use std::collections::HashMap;

use domain::exchange::Format;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QueryOrder};

use super::cell::number_text;
use super::{Cell, Scope, Sheet};
use crate::Result;
use crate::entity::{assessment_result, assignment, person, training_record, unit};

fn table(format: Format) -> Sheet {
    Sheet::new(format.columns().iter().map(|c| c.key))
}

fn date(d: chrono::NaiveDate) -> Cell {
    Cell::Text(d.format("%Y-%m-%d").to_string())
}

/// Ids of the units of the scope's subtree.
fn units_in(scope: &Scope) -> SelectStatement {
    Query::select()
        .column(unit::Column::Id)
        .from(unit::Entity)
        .and_where(Expr::col(unit::Column::Path).like(format!("{}%", scope.path())))
        .to_owned()
}

/// Ids of the people ever assigned to a unit of the subtree: the same people an hr officer
/// of it may import records for.
fn people_in(scope: &Scope) -> SelectStatement {
    Query::select()
        .column(assignment::Column::PersonId)
        .from(assignment::Entity)
        .and_where(assignment::Column::UnitId.in_subquery(units_in(scope)))
        .to_owned()
}

async fn people(db: &impl ConnectionTrait, scope: &Scope) -> Result<HashMap<i32, person::Model>> {
    let rows = person::Entity::find()
        .filter(person::Column::Id.in_subquery(people_in(scope)))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|p| (p.id, p)).collect())
}

fn staff_code(people: &HashMap<i32, person::Model>, id: i32) -> String {
    people
        .get(&id)
        .map(|p| p.staff_code.clone())
        .unwrap_or_default()
}

/// Every assignment to a unit of the subtree, past ones included (one row per period), by
/// staff code and start date.
pub async fn roster(db: &impl ConnectionTrait, scope: &Scope) -> Result<Sheet> {
    let assignments = assignment::Entity::find()
        .filter(assignment::Column::UnitId.in_subquery(units_in(scope)))
        .all(db)
        .await?;
    let people = people(db, scope).await?;
    let units: HashMap<i32, String> = unit::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.code))
        .collect();
    let mut rows: Vec<(&person::Model, &assignment::Model)> = assignments
        .iter()
        .filter_map(|a| people.get(&a.person_id).map(|p| (p, a)))
        .collect();
    rows.sort_by(|x, y| (&x.0.staff_code, x.1.start_date).cmp(&(&y.0.staff_code, y.1.start_date)));
    let mut t = table(Format::Roster);
    for (p, a) in rows {
        t.push(vec![
            p.staff_code.clone().into(),
            p.full_name.clone().into(),
            units.get(&a.unit_id).cloned().into(),
            a.kind.clone().into(),
            date(a.start_date),
            a.end_date.map_or(Cell::Empty, date),
            p.personal_id.clone().into(),
            p.email.clone().into(),
            p.phone.clone().into(),
        ]);
    }
    Ok(t)
}

/// The training records of the people of the subtree, by staff code and date.
pub async fn training(db: &impl ConnectionTrait, scope: &Scope) -> Result<Sheet> {
    let records = training_record::Entity::find()
        .filter(training_record::Column::PersonId.in_subquery(people_in(scope)))
        .order_by_asc(training_record::Column::CompletedOn)
        .order_by_asc(training_record::Column::Id)
        .all(db)
        .await?;
    let people = people(db, scope).await?;
    let mut rows: Vec<(String, training_record::Model)> = records
        .into_iter()
        .map(|r| (staff_code(&people, r.person_id), r))
        .collect();
    rows.sort_by(|x, y| x.0.cmp(&y.0));
    let mut t = table(Format::Training);
    for (code, r) in rows {
        t.push(vec![
            code.into(),
            r.programme_code.into(),
            date(r.completed_on),
            r.mode.into(),
            r.note.into(),
        ]);
    }
    Ok(t)
}

/// The assessment results of the people of the subtree, by staff code and date.
pub async fn assessments(db: &impl ConnectionTrait, scope: &Scope) -> Result<Sheet> {
    let results = assessment_result::Entity::find()
        .filter(assessment_result::Column::PersonId.in_subquery(people_in(scope)))
        .order_by_asc(assessment_result::Column::TakenOn)
        .order_by_asc(assessment_result::Column::Id)
        .all(db)
        .await?;
    let people = people(db, scope).await?;
    let mut rows: Vec<(String, assessment_result::Model)> = results
        .into_iter()
        .map(|r| (staff_code(&people, r.person_id), r))
        .collect();
    rows.sort_by(|x, y| x.0.cmp(&y.0));
    let mut t = table(Format::Assessment);
    for (code, r) in rows {
        let passed = if r.passed { "có" } else { "không" };
        t.push(vec![
            code.into(),
            r.assessment_code.into(),
            date(r.taken_on),
            number_text(r.score).into(),
            passed.into(),
        ]);
    }
    Ok(t)
}

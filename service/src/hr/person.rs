//! One roster member as HR sees them: who may open the record, and everything it holds.
use domain::exchange::StaffKind;
use domain::hr::{
    AccountRef, AssessmentView, AssignmentView, PersonRecord, TrainingView, mask_personal_id,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::scope::{Scoped, in_scope};
use crate::access::authz::{Actor, can_manage_unit};
use crate::entity::{assessment_result, assignment, training_record, unit, user};
use crate::{Error, Result, hr::units};

/// The person, for a change by the actor: like [`in_scope`] (someone the actor never managed is
/// "not found"), and forbidden unless every assignment, past and present, lies in the actor's
/// subtree. A person who also belongs or belonged elsewhere is changed by the admin, or by an
/// officer whose subtree holds all their units.
pub(crate) async fn to_change(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_code: &str,
) -> Result<Scoped> {
    let scoped = in_scope(db, actor, staff_code).await?;
    let wholly_managed = scoped
        .assignments
        .iter()
        .all(|(_, u)| can_manage_unit(actor, u));
    if wholly_managed {
        Ok(scoped)
    } else {
        Err(Error::Forbidden)
    }
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    staff_code: &str,
) -> Result<PersonRecord> {
    let Scoped {
        person,
        assignments,
    } = in_scope(db, actor, staff_code).await?;
    let trainings = training_record::Entity::find()
        .filter(training_record::Column::PersonId.eq(person.id))
        .order_by_asc(training_record::Column::CompletedOn)
        .all(db)
        .await?;
    let results = assessment_result::Entity::find()
        .filter(assessment_result::Column::PersonId.eq(person.id))
        .order_by_asc(assessment_result::Column::TakenOn)
        .all(db)
        .await?;
    let account = match person.user_id {
        Some(id) => user::Entity::find_by_id(id).one(db).await?.map(account_ref),
        None => None,
    };
    let (attempts, certificates, tested_out) = match person.user_id {
        Some(id) => (
            crate::assess::attempts::summaries(db, id).await?,
            crate::assess::certificates::of_user(db, id).await?,
            crate::assess::placement::for_hr(db, id).await?,
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let link_status = crate::hr::link_proposals::state_of(db, &person).await?;
    Ok(PersonRecord {
        staff_code: person.staff_code,
        full_name: person.full_name,
        personal_id: person.personal_id.as_deref().map(mask_personal_id),
        email: person.email,
        phone: person.phone,
        account,
        candidates: Vec::new(),
        link_status,
        assignments: assignments.into_iter().map(assignment_view).collect(),
        trainings: trainings.into_iter().map(training_view).collect(),
        assessments: results.into_iter().map(assessment_view).collect(),
        attempts,
        certificates,
        tested_out,
    })
}

pub(crate) fn account_ref(u: user::Model) -> AccountRef {
    AccountRef {
        id: i64::from(u.id),
        login: u.login,
        full_name: u.full_name,
    }
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn staff_kind(text: &str) -> StaffKind {
    StaffKind::ALL
        .iter()
        .copied()
        .find(|k| k.as_str() == text)
        .unwrap_or(StaffKind::Khac)
}

fn assignment_view((a, u): (assignment::Model, unit::Model)) -> AssignmentView {
    AssignmentView {
        unit: units::to_ref(u),
        kind: staff_kind(&a.kind),
        start: date(a.start_date),
        end: a.end_date.map(date),
    }
}

fn training_view(t: training_record::Model) -> TrainingView {
    TrainingView {
        programme_code: t.programme_code,
        completed_on: date(t.completed_on),
        mode: t.mode,
        note: t.note,
        source: t.source,
    }
}

fn assessment_view(r: assessment_result::Model) -> AssessmentView {
    AssessmentView {
        assessment_code: r.assessment_code,
        taken_on: date(r.taken_on),
        score: r.score,
        passed: r.passed,
        note: r.note,
        source: r.source,
    }
}

//! A learner's standing (SPEC, "trained" and "mastered"): the first day each state was met and
//! by what, from the records of their roster entry (imported, entered by hr, or earned here) and
//! from what they did on the platform before their account was linked to the roster.
use domain::learning::{Milestone, Standing};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::first_dates::{self, Found};
use crate::Result;
use crate::entity::{attempt, course, course_completion, person, quiz};

pub async fn of_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Standing> {
    let person = person::Entity::find()
        .filter(person::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    let (mut trained, mut mastered) = match &person {
        Some(p) => (
            first_dates::first_training(db, p.id).await?,
            first_dates::first_mastery(db, p.id).await?,
        ),
        None => (None, None),
    };
    trained = earliest(trained, platform_training(db, user_id).await?);
    mastered = earliest(mastered, platform_mastery(db, user_id).await?);
    Ok(Standing {
        trained: trained.map(milestone),
        mastered: mastered.map(milestone),
    })
}

fn milestone((on, programme_code, source): Found) -> Milestone {
    Milestone {
        on: on.to_string(),
        programme_code,
        source,
    }
}

fn earliest(a: Option<Found>, b: Option<Found>) -> Option<Found> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The first course completed here that counts as training.
async fn platform_training(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Found>> {
    let done = course_completion::Entity::find()
        .filter(course_completion::Column::UserId.eq(user_id))
        .order_by_asc(course_completion::Column::CompletedOn)
        .all(db)
        .await?;
    let counting = course::Entity::find()
        .filter(course::Column::Id.is_in(done.iter().map(|d| d.course_id)))
        .filter(course::Column::CountsAsTraining.eq(true))
        .all(db)
        .await?;
    Ok(done.iter().find_map(|d| {
        let c = counting.iter().find(|c| c.id == d.course_id)?;
        Some((d.completed_on, c.code.clone(), "platform".to_owned()))
    }))
}

/// The first mastery assessment passed here.
async fn platform_mastery(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Found>> {
    let mastery = quiz::Entity::find()
        .filter(quiz::Column::Mastery.eq(true))
        .all(db)
        .await?;
    let first = attempt::Entity::find()
        .filter(attempt::Column::UserId.eq(user_id))
        .filter(attempt::Column::QuizId.is_in(mastery.iter().map(|q| q.id)))
        .filter(attempt::Column::Passed.eq(true))
        .order_by_asc(attempt::Column::SubmittedAt)
        .one(db)
        .await?;
    Ok(first.and_then(|a| {
        let q = mastery.iter().find(|q| q.id == a.quiz_id)?;
        let on = domain::dates::vietnam_date(a.submitted_at.unwrap_or(a.started_at));
        Some((on, q.code.clone(), "platform".to_owned()))
    }))
}

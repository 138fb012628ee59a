//! What a phone sends when the network returns: lesson completions and practice results made
//! offline, each with the UUID the phone gave it. A receipt per (user, id) makes a re-send
//! change nothing; each item is judged alone, so one bad item never loses the good ones.
use chrono::DateTime;
use domain::learning::grading::Answer;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, Set, TransactionTrait, TryInsertResult,
};
use serde::Deserialize;
use serde_json::Value;

use crate::catalogue::{lessons_of, published};
use crate::entity::{course, lesson, sync_receipt};
use crate::{Error, Result, dashboard, practice, progress};

/// The most items one request may carry.
pub const MAX_ITEMS: usize = 500;
/// A phone's clock is believed for items made at most this long ago.
const MAX_AGE_SECONDS: i64 = 30 * 24 * 3600;

/// What became of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    /// Received before (same id from the same learner): nothing changed.
    Duplicate,
    /// Refused, with the reason's stable code; the phone should not send it again.
    Rejected(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemResult {
    /// The item's id as sent, when it had one.
    pub id: Option<String>,
    pub outcome: Outcome,
}

/// One item as the phone writes it.
#[derive(Debug, Deserialize)]
struct RawItem {
    id: String,
    kind: String,
    course: String,
    lesson: Option<u32>,
    answers: Option<Vec<Option<Answer>>>,
    at: Option<String>,
}

enum Work {
    LessonDone { position: u32 },
    Practice { answers: Vec<Option<Answer>> },
}

/// Applies the items for `user_id` (the signed-in learner; items never name a user), in
/// order, and says per item what became of it. `now` is the server's clock.
pub async fn apply(
    db: &DatabaseConnection,
    user_id: i32,
    items: &[Value],
    now: i64,
) -> Result<Vec<ItemResult>> {
    if items.len() > MAX_ITEMS {
        return Err(Error::invalid("items", "too_many_items"));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(apply_one(db, user_id, item, now).await?);
    }
    Ok(out)
}

async fn apply_one(
    db: &DatabaseConnection,
    user_id: i32,
    item: &Value,
    now: i64,
) -> Result<ItemResult> {
    let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
    let rejected = |reason| ItemResult {
        id: id.clone(),
        outcome: Outcome::Rejected(reason),
    };
    let raw: RawItem = match serde_json::from_value(item.clone()) {
        Ok(r) => r,
        Err(_) if id.is_none() => return Ok(rejected("bad_id")),
        Err(_) => return Ok(rejected("bad_item")),
    };
    if uuid::Uuid::parse_str(&raw.id).is_err() {
        return Ok(rejected("bad_id"));
    }
    let work = match (raw.kind.as_str(), raw.lesson, raw.answers) {
        ("lesson_done", Some(position), _) => Work::LessonDone { position },
        ("lesson_done", None, _) => return Ok(rejected("unknown_lesson")),
        ("practice", _, Some(answers)) => Work::Practice { answers },
        ("practice", _, None) => return Ok(rejected("bad_item")),
        _ => return Ok(rejected("bad_kind")),
    };
    let Ok(course) = published(db, &raw.course).await else {
        return Ok(rejected("unknown_course"));
    };
    let lessons = lessons_of(db, course.id).await?;
    if let Work::LessonDone { position } = work
        && !lessons
            .iter()
            .any(|l| i64::from(l.position) == i64::from(position))
    {
        return Ok(rejected("unknown_lesson"));
    }
    let at = believed_time(raw.at.as_deref(), now);
    let txn = db.begin().await?;
    if !receipt(&txn, user_id, &raw.id, &raw.kind, now).await? {
        txn.rollback().await?;
        return Ok(ItemResult {
            id,
            outcome: Outcome::Duplicate,
        });
    }
    match run(&txn, user_id, &course, &lessons, work, at).await {
        Ok(()) => {
            txn.commit().await?;
            Ok(ItemResult {
                id,
                outcome: Outcome::Accepted,
            })
        }
        Err(Error::NotFound) => {
            txn.rollback().await?;
            Ok(rejected("no_practice"))
        }
        Err(Error::Invalid(_)) => {
            txn.rollback().await?;
            Ok(rejected("bad_answers"))
        }
        Err(e) => Err(e),
    }
}

async fn run(
    db: &impl ConnectionTrait,
    user_id: i32,
    course: &course::Model,
    lessons: &[lesson::Model],
    work: Work,
    at: i64,
) -> Result<()> {
    let day = dashboard::vietnam_date(at);
    match work {
        Work::LessonDone { position } => {
            progress::record_done(db, user_id, course, lessons, position, at, day).await
        }
        Work::Practice { answers } => practice::record(db, user_id, course, &answers, at)
            .await
            .map(|_| ()),
    }
}

/// Writes the item's receipt; false when it was there already.
async fn receipt(
    db: &impl ConnectionTrait,
    user_id: i32,
    client_id: &str,
    kind: &str,
    now: i64,
) -> Result<bool> {
    let row = sync_receipt::ActiveModel {
        user_id: Set(user_id),
        client_id: Set(client_id.to_ascii_lowercase()),
        kind: Set(kind.to_owned()),
        received_at: Set(now),
        ..Default::default()
    };
    let inserted = sync_receipt::Entity::insert(row)
        .on_conflict_do_nothing_on([sync_receipt::Column::UserId, sync_receipt::Column::ClientId])
        .exec_without_returning(db)
        .await?;
    Ok(matches!(inserted, TryInsertResult::Inserted(n) if n > 0))
}

/// The phone's time for the item when it is plausible (RFC 3339, not in the future, not older
/// than 30 days), else the server's.
pub fn believed_time(at: Option<&str>, now: i64) -> i64 {
    at.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.timestamp())
        .filter(|t| *t <= now && now - *t <= MAX_AGE_SECONDS)
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::believed_time;

    #[test]
    fn the_phone_clock_is_believed_only_within_thirty_days_and_not_ahead() {
        let now = 1_780_000_000; // 2026-05-28
        let yesterday = chrono::DateTime::from_timestamp(now - 86_400, 0)
            .unwrap()
            .to_rfc3339();
        assert_eq!(believed_time(Some(&yesterday), now), now - 86_400);
        let ahead = chrono::DateTime::from_timestamp(now + 3_600, 0)
            .unwrap()
            .to_rfc3339();
        assert_eq!(believed_time(Some(&ahead), now), now);
        let old = chrono::DateTime::from_timestamp(now - 31 * 86_400, 0)
            .unwrap()
            .to_rfc3339();
        assert_eq!(believed_time(Some(&old), now), now);
        assert_eq!(believed_time(Some("hôm qua"), now), now);
        assert_eq!(believed_time(None, now), now);
    }
}

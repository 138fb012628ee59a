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

use crate::entity::{course, lesson, offline_pack, sync_receipt};
use crate::learn::catalogue::{lessons_of, published};
use crate::xapi::Recorder;
use crate::{Error, Result, learn::practice, learn::progress};

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
    xapi: &Recorder,
    user_id: i32,
    items: &[Value],
    now: i64,
) -> Result<Vec<ItemResult>> {
    if items.len() > MAX_ITEMS {
        return Err(Error::invalid("items", "too_many_items"));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(apply_one(db, xapi, user_id, item, now).await?);
    }
    Ok(out)
}

async fn apply_one(
    db: &DatabaseConnection,
    xapi: &Recorder,
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
    let claimed = claimed_time(raw.at.as_deref());
    let at = recorded_time(claimed, pack_taken_at(db, user_id, course.id).await?, now);
    let txn = db.begin().await?;
    let sent = Sent {
        client_id: &raw.id,
        kind: &raw.kind,
        claimed,
    };
    if !receipt(&txn, user_id, &sent, now).await? {
        txn.rollback().await?;
        return Ok(ItemResult {
            id,
            outcome: Outcome::Duplicate,
        });
    }
    match run(&txn, xapi, user_id, &course, &lessons, work, at).await {
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
    xapi: &Recorder,
    user_id: i32,
    course: &course::Model,
    lessons: &[lesson::Model],
    work: Work,
    at: i64,
) -> Result<()> {
    let day = domain::dates::vietnam_date(at);
    match work {
        Work::LessonDone { position } => {
            let done = progress::Done {
                position,
                at,
                today: day,
            };
            progress::record_done(db, xapi, user_id, course, lessons, done).await
        }
        Work::Practice { answers } => practice::record(db, user_id, course, &answers, at)
            .await
            .map(|_| ()),
    }
}

/// What the phone said of an item, kept on its receipt.
struct Sent<'a> {
    client_id: &'a str,
    kind: &'a str,
    /// The phone's time for the item, kept as evidence whatever time is recorded.
    claimed: Option<i64>,
}

/// Writes the item's receipt; false when it was there already.
async fn receipt(
    db: &impl ConnectionTrait,
    user_id: i32,
    sent: &Sent<'_>,
    now: i64,
) -> Result<bool> {
    let row = sync_receipt::ActiveModel {
        user_id: Set(user_id),
        client_id: Set(sent.client_id.to_ascii_lowercase()),
        kind: Set(sent.kind.to_owned()),
        received_at: Set(now),
        claimed_at: Set(sent.claimed),
        ..Default::default()
    };
    let inserted = sync_receipt::Entity::insert(row)
        .on_conflict_do_nothing_on([sync_receipt::Column::UserId, sync_receipt::Column::ClientId])
        .exec_without_returning(db)
        .await?;
    Ok(matches!(inserted, TryInsertResult::Inserted(n) if n > 0))
}

/// When the learner first took this course's offline pack, if ever.
async fn pack_taken_at(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<Option<i64>> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let pack = offline_pack::Entity::find()
        .filter(offline_pack::Column::UserId.eq(user_id))
        .filter(offline_pack::Column::CourseId.eq(course_id))
        .one(db)
        .await?;
    Ok(pack.map(|p| p.first_at))
}

/// The phone's time for an item, as sent (RFC 3339), if it can be read.
fn claimed_time(at: Option<&str>) -> Option<i64> {
    at.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.timestamp())
}

/// The time recorded for an item made offline. The phone's clock is believed when it is
/// neither ahead of the server nor older than 30 days, and never before the learner first took
/// the course's pack (nothing of the course can have been done offline before then), so a
/// completion cannot be backdated to move the indicators of past dates. Without a pack nothing
/// was made offline: the server's time.
pub(crate) fn recorded_time(claimed: Option<i64>, pack_taken_at: Option<i64>, now: i64) -> i64 {
    let (Some(claimed), Some(floor)) = (claimed, pack_taken_at) else {
        return now;
    };
    if claimed > now || now - claimed > MAX_AGE_SECONDS {
        return now;
    }
    claimed.max(floor).min(now)
}

#[cfg(test)]
mod tests {
    use super::recorded_time;

    const NOW: i64 = 1_780_000_000; // 2026-05-28
    const DAY: i64 = 86_400;

    #[test]
    fn the_phone_clock_is_believed_only_within_thirty_days_and_not_ahead() {
        let pack = Some(NOW - 40 * DAY);
        assert_eq!(recorded_time(Some(NOW - DAY), pack, NOW), NOW - DAY);
        assert_eq!(recorded_time(Some(NOW + 3_600), pack, NOW), NOW);
        assert_eq!(recorded_time(Some(NOW - 31 * DAY), pack, NOW), NOW);
        assert_eq!(recorded_time(None, pack, NOW), NOW);
    }

    #[test]
    fn nothing_is_dated_before_the_pack_was_taken() {
        let taken = NOW - 2 * DAY;
        assert_eq!(recorded_time(Some(NOW - 20 * DAY), Some(taken), NOW), taken);
        assert_eq!(recorded_time(Some(NOW - DAY), Some(taken), NOW), NOW - DAY);
        assert_eq!(
            recorded_time(Some(NOW - 20 * DAY), None, NOW),
            NOW,
            "no pack: nothing was made offline"
        );
    }

    #[test]
    fn an_unreadable_phone_time_is_no_time() {
        assert_eq!(super::claimed_time(Some("hôm qua")), None);
        assert_eq!(super::claimed_time(None), None);
        assert_eq!(
            super::claimed_time(Some("2026-05-27T10:00:00+07:00")),
            Some(1_779_850_800)
        );
    }
}

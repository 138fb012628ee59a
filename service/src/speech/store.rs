//! Spoken lessons kept in the database, one row per lesson ([`lesson_audio`]), by content hash:
//! a lesson of a published course whose spoken text changed is queued again, one whose text
//! did not is never made twice, and a clip of the same text elsewhere is copied rather than
//! made. A recording an author uploads replaces the server's speech until it is removed.
use std::collections::HashMap;

use domain::learning::authoring::{LessonSpeech, SpeechState};
use domain::learning::{LessonAudio, lesson_audio_path};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::synth::{Clip, RECIPE};
use super::text::lesson_speech;
use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, author_scope, writes_course};
use crate::entity::{course, lesson, lesson_audio};
use crate::learn::catalogue::lessons_of;
use crate::{Error, Result, now};

pub(crate) const SPEECH: &str = "speech";
pub(crate) const VOICE: &str = "voice";
const QUEUED: &str = "queued";
const WORKING: &str = "working";
const READY: &str = "ready";
const FAILED: &str = "failed";

/// The hash of what a clip is made from, 32 hex digits.
fn hash_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of a lesson's spoken text with the recipe it is read with.
pub fn speech_hash(title: &str, body: &str) -> String {
    hash_of(format!("{RECIPE}\n{}", lesson_speech(title, body)).as_bytes())
}

/// A row without its bytes: what every page and the queue need.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
struct Row {
    lesson_id: i32,
    source: String,
    content_hash: String,
    state: String,
    content_type: String,
    size: i64,
    duration_ms: i64,
    error: Option<String>,
    making_ms: i64,
}

fn rows() -> sea_orm::Select<lesson_audio::Entity> {
    use lesson_audio::Column as C;
    lesson_audio::Entity::find().select_only().columns([
        C::LessonId,
        C::Source,
        C::ContentHash,
        C::State,
        C::ContentType,
        C::Size,
        C::DurationMs,
        C::Error,
        C::MakingMs,
    ])
}

async fn rows_of(db: &impl ConnectionTrait, lesson_ids: &[i32]) -> Result<HashMap<i32, Row>> {
    Ok(rows()
        .filter(lesson_audio::Column::LessonId.is_in(lesson_ids.iter().copied()))
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.lesson_id, r))
        .collect())
}

impl Row {
    fn audio(&self) -> Option<LessonAudio> {
        (self.state == READY).then(|| LessonAudio {
            url: lesson_audio_path(self.lesson_id, &self.content_hash),
            content_type: self.content_type.clone(),
            size: self.size.max(0) as u64,
            duration_secs: (self.duration_ms.max(0) as u64).div_ceil(1000) as u32,
            recorded: self.source == VOICE,
        })
    }

    fn state(&self) -> SpeechState {
        match self.state.as_str() {
            READY => SpeechState::Ready,
            WORKING => SpeechState::Working,
            FAILED => SpeechState::Failed,
            _ => SpeechState::Queued,
        }
    }
}

/// Queues, for a published course, every lesson whose speech is missing or was made from
/// another text; a recorded voice is left alone. Nothing for a course not published.
pub(crate) async fn refresh_course(
    db: &impl ConnectionTrait,
    course: &course::Model,
) -> Result<()> {
    if !course.published {
        return Ok(());
    }
    let lessons = lessons_of(db, course.id).await?;
    let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let known = rows_of(db, &ids).await?;
    for l in &lessons {
        let hash = speech_hash(&l.title, &l.body);
        match known.get(&l.id) {
            Some(r) if r.source == VOICE || r.content_hash == hash => {}
            Some(_) => queue_again(db, l.id, &hash).await?,
            None => queue_new(db, l.id, &hash).await?,
        }
    }
    Ok(())
}

async fn queue_new(db: &impl ConnectionTrait, lesson_id: i32, hash: &str) -> Result<()> {
    let row = lesson_audio::ActiveModel {
        lesson_id: Set(lesson_id),
        source: Set(SPEECH.to_owned()),
        content_hash: Set(hash.to_owned()),
        state: Set(QUEUED.to_owned()),
        content_type: Set("audio/mpeg".to_owned()),
        data: Set(Vec::new()),
        size: Set(0),
        duration_ms: Set(0),
        error: Set(None),
        making_ms: Set(0),
        updated_at: Set(now()),
    };
    lesson_audio::Entity::insert(row)
        .on_conflict_do_nothing_on([lesson_audio::Column::LessonId])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

async fn queue_again(db: &impl ConnectionTrait, lesson_id: i32, hash: &str) -> Result<()> {
    use lesson_audio::Column as C;
    lesson_audio::Entity::update_many()
        .col_expr(C::ContentHash, Expr::value(hash))
        .col_expr(C::State, Expr::value(QUEUED))
        .col_expr(C::ContentType, Expr::value("audio/mpeg"))
        .col_expr(C::Data, Expr::value(Vec::<u8>::new()))
        .col_expr(C::Size, Expr::value(0i64))
        .col_expr(C::DurationMs, Expr::value(0i64))
        .col_expr(C::Error, Expr::value(Option::<String>::None))
        .col_expr(C::UpdatedAt, Expr::value(now()))
        .filter(C::LessonId.eq(lesson_id))
        .filter(C::Source.eq(SPEECH))
        .exec(db)
        .await?;
    Ok(())
}

/// At start: work a crash left half done is queued again, failures get one more try, and
/// every published course is checked for lessons without speech (the demo's, an import's).
pub async fn sweep(db: &DatabaseConnection) -> Result<()> {
    use lesson_audio::Column as C;
    lesson_audio::Entity::update_many()
        .col_expr(C::State, Expr::value(QUEUED))
        .filter(C::State.is_in([WORKING, FAILED]))
        .filter(C::Source.eq(SPEECH))
        .exec(db)
        .await?;
    let courses = course::Entity::find()
        .filter(course::Column::Published.eq(true))
        .all(db)
        .await?;
    for c in &courses {
        refresh_course(db, c).await?;
    }
    Ok(())
}

/// A lesson's speech to make, claimed by one worker.
#[derive(Debug, Clone)]
pub struct Job {
    pub lesson_id: i32,
    pub hash: String,
    pub text: String,
}

/// The oldest queued lesson, claimed (marked working) so no other worker makes it too.
pub async fn claim(db: &DatabaseConnection) -> Result<Option<Job>> {
    use lesson_audio::Column as C;
    for _ in 0..5 {
        let Some(next) = rows()
            .filter(C::State.eq(QUEUED))
            .order_by_asc(C::UpdatedAt)
            .order_by_asc(C::LessonId)
            .into_model::<Row>()
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let claimed = lesson_audio::Entity::update_many()
            .col_expr(C::State, Expr::value(WORKING))
            .filter(C::LessonId.eq(next.lesson_id))
            .filter(C::State.eq(QUEUED))
            .filter(C::ContentHash.eq(next.content_hash.as_str()))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let Some(l) = lesson::Entity::find_by_id(next.lesson_id).one(db).await? else {
            lesson_audio::Entity::delete_by_id(next.lesson_id)
                .exec(db)
                .await?;
            continue;
        };
        return Ok(Some(Job {
            lesson_id: l.id,
            hash: next.content_hash,
            text: lesson_speech(&l.title, &l.body),
        }));
    }
    Ok(None)
}

/// A clip made from the same text for another lesson, to copy instead of making it again.
pub async fn made_before(db: &DatabaseConnection, job: &Job) -> Result<Option<Clip>> {
    use lesson_audio::Column as C;
    let found = lesson_audio::Entity::find()
        .filter(C::ContentHash.eq(job.hash.as_str()))
        .filter(C::State.eq(READY))
        .filter(C::Source.eq(SPEECH))
        .filter(C::LessonId.ne(job.lesson_id))
        .one(db)
        .await?;
    Ok(found.map(|r| Clip {
        mp3: r.data,
        duration_ms: r.duration_ms,
    }))
}

/// Keeps what the worker made, unless the lesson changed meanwhile (then it is queued with
/// another hash and this clip is not its speech).
pub async fn finish(
    db: &DatabaseConnection,
    job: &Job,
    made: std::result::Result<Clip, String>,
    making_ms: i64,
) -> Result<()> {
    use lesson_audio::Column as C;
    let update = lesson_audio::Entity::update_many()
        .col_expr(C::MakingMs, Expr::value(making_ms))
        .col_expr(C::UpdatedAt, Expr::value(now()));
    let update = match made {
        Ok(clip) => update
            .col_expr(C::State, Expr::value(READY))
            .col_expr(C::Size, Expr::value(clip.mp3.len() as i64))
            .col_expr(C::DurationMs, Expr::value(clip.duration_ms))
            .col_expr(C::Data, Expr::value(clip.mp3))
            .col_expr(C::Error, Expr::value(Option::<String>::None)),
        Err(why) => update
            .col_expr(C::State, Expr::value(FAILED))
            .col_expr(C::Error, Expr::value(Some(why))),
    };
    update
        .filter(C::LessonId.eq(job.lesson_id))
        .filter(C::ContentHash.eq(job.hash.as_str()))
        .filter(C::State.eq(WORKING))
        .filter(C::Source.eq(SPEECH))
        .exec(db)
        .await?;
    Ok(())
}

/// The spoken versions ready for these lessons, by lesson id (no bytes read).
pub async fn ready_for(
    db: &impl ConnectionTrait,
    lesson_ids: &[i32],
) -> Result<HashMap<i32, LessonAudio>> {
    Ok(rows_of(db, lesson_ids)
        .await?
        .into_iter()
        .filter_map(|(id, r)| r.audio().map(|a| (id, a)))
        .collect())
}

/// Each lesson's speech state for the course editor's list.
pub(crate) async fn states_for(
    db: &impl ConnectionTrait,
    course: &course::Model,
    lesson_ids: &[i32],
) -> Result<HashMap<i32, SpeechState>> {
    let known = rows_of(db, lesson_ids).await?;
    Ok(lesson_ids
        .iter()
        .map(|id| {
            let state = match known.get(id) {
                Some(r) if r.source == VOICE => SpeechState::Ready,
                _ if !course.published => SpeechState::NotPublished,
                Some(r) => r.state(),
                None => SpeechState::Queued,
            };
            (*id, state)
        })
        .collect())
}

/// A lesson's spoken version as its editor shows it.
pub(crate) async fn speech_of(
    db: &impl ConnectionTrait,
    course: &course::Model,
    lesson_id: i32,
    voice_installed: bool,
) -> Result<LessonSpeech> {
    let row = rows_of(db, &[lesson_id]).await?.remove(&lesson_id);
    let state = match &row {
        Some(r) if r.source == VOICE => SpeechState::Ready,
        _ if !course.published => SpeechState::NotPublished,
        Some(r) => r.state(),
        None => SpeechState::Queued,
    };
    Ok(LessonSpeech {
        state,
        audio: row.as_ref().and_then(Row::audio),
        making_ms: row.as_ref().map_or(0, |r| r.making_ms.max(0) as u64),
        error: row.and_then(|r| r.error),
        voice_installed,
    })
}

/// A clip's type and bytes, for a lesson of a published course (or for an author, who may
/// listen before publishing); anything else is not found.
pub async fn clip(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    lesson_id: i32,
    hash: &str,
) -> Result<(String, Vec<u8>)> {
    if hash.len() != 32 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    let row = lesson_audio::Entity::find_by_id(lesson_id)
        .filter(lesson_audio::Column::ContentHash.eq(hash))
        .filter(lesson_audio::Column::State.eq(READY))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let l = lesson::Entity::find_by_id(lesson_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let c = course::Entity::find_by_id(l.course_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    if !c.published && !actor.is_some_and(|a| writes_course(a, &c)) {
        return Err(Error::NotFound);
    }
    Ok((row.content_type, row.data))
}

/// A recording at most this large (a 20-minute lesson in MP3 at 128 kbit/s).
pub const MAX_VOICE_BYTES: usize = 20 * 1024 * 1024;

/// The recording's type read from its bytes, as it is served, when it is one accepted.
pub(crate) fn voice_type(bytes: &[u8]) -> Option<&'static str> {
    match infer::get(bytes)?.mime_type() {
        "audio/mpeg" => Some("audio/mpeg"),
        "audio/ogg" => Some("audio/ogg"),
        "audio/m4a" | "audio/x-m4a" => Some("audio/mp4"),
        "audio/x-wav" => Some("audio/wav"),
        "video/webm" | "audio/webm" => Some("audio/webm"),
        _ => None,
    }
}

/// An author's recording of the lesson, in place of the server's speech.
pub async fn record_voice(
    db: &DatabaseConnection,
    actor: &Actor,
    lesson_id: i32,
    bytes: &[u8],
) -> Result<()> {
    let (l, _) =
        crate::author::lesson_editor::lesson_in(db, author_scope(actor)?, lesson_id).await?;
    if bytes.len() > MAX_VOICE_BYTES {
        return Err(Error::invalid("file", "audio_too_large"));
    }
    let content_type =
        voice_type(bytes).ok_or_else(|| Error::invalid("file", "audio_type_refused"))?;
    let hash = hash_of(bytes);
    let txn = db.begin().await?;
    lesson_audio::Entity::delete_by_id(l.id).exec(&txn).await?;
    lesson_audio::ActiveModel {
        lesson_id: Set(l.id),
        source: Set(VOICE.to_owned()),
        content_hash: Set(hash.clone()),
        state: Set(READY.to_owned()),
        content_type: Set(content_type.to_owned()),
        data: Set(bytes.to_vec()),
        size: Set(bytes.len() as i64),
        duration_ms: Set(0),
        error: Set(None),
        making_ms: Set(0),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    log_voice(
        &txn,
        actor,
        l.id,
        "create",
        Some((content_type, bytes.len(), &hash)),
    )
    .await?;
    Ok(txn.commit().await?)
}

/// Removes an author's recording; the server's speech is made again.
pub async fn remove_voice(db: &DatabaseConnection, actor: &Actor, lesson_id: i32) -> Result<()> {
    let (l, c) =
        crate::author::lesson_editor::lesson_in(db, author_scope(actor)?, lesson_id).await?;
    let txn = db.begin().await?;
    let gone = lesson_audio::Entity::delete_many()
        .filter(lesson_audio::Column::LessonId.eq(l.id))
        .filter(lesson_audio::Column::Source.eq(VOICE))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Ok(());
    }
    log_voice(&txn, actor, l.id, "delete", None).await?;
    refresh_course(&txn, &c).await?;
    Ok(txn.commit().await?)
}

async fn log_voice(
    db: &impl ConnectionTrait,
    actor: &Actor,
    lesson_id: i32,
    action: &'static str,
    kept: Option<(&str, usize, &str)>,
) -> Result<()> {
    let after = kept.map(|(content_type, size, hash)| {
        serde_json::json!({ "content_type": content_type, "size": size, "hash": hash })
    });
    audit::record(
        db,
        Change {
            actor: actor.who(),
            action,
            object_kind: "lesson_voice",
            object_id: lesson_id.to_string(),
            before: None,
            after: after.and_then(audit::json),
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_spoken_text_not_the_markup() {
        let a = speech_hash("Bài 1", "Mật khẩu **mạnh**.");
        assert_eq!(a, speech_hash("Bài 1", "Mật khẩu *mạnh*."), "same words");
        assert_ne!(a, speech_hash("Bài 1", "Mật khẩu yếu."));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn recordings_are_typed_by_their_bytes() {
        assert_eq!(voice_type(b"ID3\x04\0\0\0\0\0\0"), Some("audio/mpeg"));
        assert_eq!(voice_type(b"OggS\0\x02\0\0\0\0\0\0\0\0"), Some("audio/ogg"));
        assert_eq!(voice_type(b"<html>"), None);
        assert_eq!(voice_type(b"%PDF-1.7"), None);
    }
}

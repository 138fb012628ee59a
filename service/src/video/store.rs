//! A lesson's video (issue 20), one per lesson: an MP4 kept here (at most 100 MiB, its type and
//! duration read from its bytes) or a link to a page on a host the deployment allows, with
//! WebVTT captions. Learners get the video of a published course only, never fetched before
//! they ask; authors set and remove it, audited.
use std::collections::HashMap;

use domain::learning::{LessonVideo, captions_path, video_path};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::{captions, probe};
use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, author_scope, writes_course};
use crate::entity::{course, lesson, lesson_video};
use crate::{Error, Result, now};

/// A video file at most this large (about 20 minutes at a phone's 720p).
pub const MAX_BYTES: usize = 100 * 1024 * 1024;
const FILE: &str = "file";
const LINK: &str = "link";

fn hash_of(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A row without its bytes.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
struct Row {
    lesson_id: i32,
    kind: String,
    content_hash: String,
    content_type: String,
    size: i64,
    duration_secs: i64,
    link_url: Option<String>,
    captions: Option<String>,
}

impl Row {
    fn video(self) -> LessonVideo {
        let captions_url = self
            .captions
            .as_deref()
            .map(|c| captions_path(self.lesson_id, &hash_of(c.as_bytes())));
        let transcript = self
            .captions
            .as_deref()
            .map(captions::cues)
            .unwrap_or_default();
        let host = self
            .link_url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
            .and_then(|u| u.host_str().map(str::to_owned));
        LessonVideo {
            url: match (&self.link_url, self.kind.as_str()) {
                (Some(link), LINK) => link.clone(),
                _ => video_path(self.lesson_id, &self.content_hash),
            },
            host,
            content_type: self.content_type,
            size: self.size.max(0) as u64,
            duration_secs: self.duration_secs.clamp(0, i64::from(u32::MAX)) as u32,
            captions_url,
            transcript,
        }
    }
}

fn rows() -> sea_orm::Select<lesson_video::Entity> {
    use lesson_video::Column as C;
    lesson_video::Entity::find().select_only().columns([
        C::LessonId,
        C::Kind,
        C::ContentHash,
        C::ContentType,
        C::Size,
        C::DurationSecs,
        C::LinkUrl,
        C::Captions,
    ])
}

/// The videos of these lessons, by lesson id (no bytes read).
pub async fn videos_for(
    db: &impl ConnectionTrait,
    lesson_ids: &[i32],
) -> Result<HashMap<i32, LessonVideo>> {
    Ok(rows()
        .filter(lesson_video::Column::LessonId.is_in(lesson_ids.iter().copied()))
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.lesson_id, r.video()))
        .collect())
}

/// The lesson, for an author's change: one of a course the author does not write is not found.
async fn lesson_for_author(
    db: &impl ConnectionTrait,
    actor: &Actor,
    lesson_id: i32,
) -> Result<lesson::Model> {
    let scope = author_scope(actor)?;
    Ok(
        crate::author::lesson_editor::lesson_in(db, scope, lesson_id)
            .await?
            .0,
    )
}

/// Keeps an MP4 as the lesson's video (in place of any other); its captions stay.
pub async fn upload(
    db: &DatabaseConnection,
    actor: &Actor,
    lesson_id: i32,
    bytes: &[u8],
) -> Result<LessonVideo> {
    let l = lesson_for_author(db, actor, lesson_id).await?;
    if bytes.len() > MAX_BYTES {
        return Err(Error::invalid("file", "video_too_large"));
    }
    let duration = probe::mp4_duration(bytes).map_err(|code| Error::invalid("file", code))?;
    let kept = Kept {
        kind: FILE,
        hash: hash_of(bytes),
        content_type: "video/mp4",
        data: bytes.to_vec(),
        duration,
        link: None,
    };
    keep(db, actor, &l, kept).await
}

/// Where the deployment lets a lesson's video link to (`HOCVU_VIDEO_HOSTS`): a host, or any
/// of its subdomains.
pub fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let host = host.to_ascii_lowercase();
    allowed.iter().any(|a| {
        let a = a.trim().to_ascii_lowercase();
        !a.is_empty() && (host == a || host.ends_with(&format!(".{a}")))
    })
}

/// Links the lesson to a video on an allowed host (https only), lasting `duration_secs` as
/// the author says.
pub async fn link(
    db: &DatabaseConnection,
    actor: &Actor,
    lesson_id: i32,
    address: &str,
    duration_secs: u32,
    allowed: &[String],
) -> Result<LessonVideo> {
    let l = lesson_for_author(db, actor, lesson_id).await?;
    let parsed =
        url::Url::parse(address.trim()).map_err(|_| Error::invalid("url", "video_link_invalid"))?;
    let host = parsed.host_str().unwrap_or_default();
    if parsed.scheme() != "https" || !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::invalid("url", "video_link_invalid"));
    }
    if !host_allowed(host, allowed) {
        return Err(Error::invalid("url", "video_host_refused"));
    }
    if duration_secs == 0 || duration_secs > 24 * 3600 {
        return Err(Error::invalid("duration", "video_duration_invalid"));
    }
    let address = parsed.to_string();
    let kept = Kept {
        kind: LINK,
        hash: hash_of(address.as_bytes()),
        content_type: "",
        data: Vec::new(),
        duration: duration_secs,
        link: Some(address),
    };
    keep(db, actor, &l, kept).await
}

struct Kept {
    kind: &'static str,
    hash: String,
    content_type: &'static str,
    data: Vec<u8>,
    duration: u32,
    link: Option<String>,
}

async fn keep(
    db: &DatabaseConnection,
    actor: &Actor,
    l: &lesson::Model,
    kept: Kept,
) -> Result<LessonVideo> {
    let txn = db.begin().await?;
    let before = lesson_video::Entity::find_by_id(l.id)
        .select_only()
        .column(lesson_video::Column::Captions)
        .into_tuple::<Option<String>>()
        .one(&txn)
        .await?
        .flatten();
    lesson_video::Entity::delete_by_id(l.id).exec(&txn).await?;
    let saved = lesson_video::ActiveModel {
        lesson_id: Set(l.id),
        kind: Set(kept.kind.to_owned()),
        content_hash: Set(kept.hash),
        content_type: Set(kept.content_type.to_owned()),
        size: Set(kept.data.len() as i64),
        data: Set(kept.data),
        duration_secs: Set(i64::from(kept.duration)),
        link_url: Set(kept.link),
        captions: Set(before),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await?;
    let after = serde_json::json!({
        "kind": saved.kind, "size": saved.size, "duration_secs": saved.duration_secs,
        "link": saved.link_url,
    });
    log(&txn, actor, l.id, "update", Some(after)).await?;
    txn.commit().await?;
    Ok(row_of(saved).video())
}

fn row_of(m: lesson_video::Model) -> Row {
    Row {
        lesson_id: m.lesson_id,
        kind: m.kind,
        content_hash: m.content_hash,
        content_type: m.content_type,
        size: m.size,
        duration_secs: m.duration_secs,
        link_url: m.link_url,
        captions: m.captions,
    }
}

/// Sets (or, with an empty text, removes) the captions of the lesson's video.
pub async fn set_captions(
    db: &DatabaseConnection,
    actor: &Actor,
    lesson_id: i32,
    vtt: &str,
) -> Result<()> {
    let l = lesson_for_author(db, actor, lesson_id).await?;
    let text = if vtt.trim().is_empty() {
        None
    } else {
        Some(captions::checked(vtt).map_err(|code| Error::invalid("captions", code))?)
    };
    let txn = db.begin().await?;
    let mut row: lesson_video::ActiveModel = lesson_video::Entity::find_by_id(l.id)
        .one(&txn)
        .await?
        .ok_or_else(|| Error::invalid("captions", "video_missing"))?
        .into();
    let cues = text.as_deref().map_or(0, |t| captions::cues(t).len());
    row.captions = Set(text);
    row.updated_at = Set(now());
    row.update(&txn).await?;
    log(
        &txn,
        actor,
        l.id,
        "captions",
        Some(serde_json::json!({ "cues": cues })),
    )
    .await?;
    Ok(txn.commit().await?)
}

/// Removes the lesson's video and its captions.
pub async fn remove(db: &DatabaseConnection, actor: &Actor, lesson_id: i32) -> Result<()> {
    let l = lesson_for_author(db, actor, lesson_id).await?;
    let txn = db.begin().await?;
    let gone = lesson_video::Entity::delete_by_id(l.id).exec(&txn).await?;
    if gone.rows_affected > 0 {
        log(&txn, actor, l.id, "delete", None).await?;
    }
    Ok(txn.commit().await?)
}

async fn log(
    db: &impl ConnectionTrait,
    actor: &Actor,
    lesson_id: i32,
    action: &'static str,
    after: Option<serde_json::Value>,
) -> Result<()> {
    audit::record(
        db,
        Change {
            actor: actor.who(),
            action,
            object_kind: "lesson_video",
            object_id: lesson_id.to_string(),
            before: None,
            after,
        },
    )
    .await
}

/// Whether a learner (or anyone) may see the lesson's media: its course is published, or the
/// reader writes it.
async fn visible(db: &impl ConnectionTrait, actor: Option<&Actor>, lesson_id: i32) -> Result<()> {
    let l = lesson::Entity::find_by_id(lesson_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let c = course::Entity::find_by_id(l.course_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    if c.published || actor.is_some_and(|a| writes_course(a, &c)) {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

fn well_formed(hash: &str) -> bool {
    hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The video file of `lesson_id` whose hash is `hash`: its type and bytes.
pub async fn file(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    lesson_id: i32,
    hash: &str,
) -> Result<(String, Vec<u8>)> {
    if !well_formed(hash) {
        return Err(Error::NotFound);
    }
    let row = lesson_video::Entity::find_by_id(lesson_id)
        .filter(lesson_video::Column::Kind.eq(FILE))
        .filter(lesson_video::Column::ContentHash.eq(hash))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    visible(db, actor, lesson_id).await?;
    Ok((row.content_type, row.data))
}

/// The captions of `lesson_id` whose hash is `hash`.
pub async fn captions_text(
    db: &impl ConnectionTrait,
    actor: Option<&Actor>,
    lesson_id: i32,
    hash: &str,
) -> Result<String> {
    if !well_formed(hash) {
        return Err(Error::NotFound);
    }
    let text = lesson_video::Entity::find_by_id(lesson_id)
        .select_only()
        .column(lesson_video::Column::Captions)
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten()
        .filter(|t| hash_of(t.as_bytes()) == hash)
        .ok_or(Error::NotFound)?;
    visible(db, actor, lesson_id).await?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_allowed_with_their_subdomains_only() {
        let allowed = vec!["youtube.com".to_owned(), "youtu.be".to_owned()];
        assert!(host_allowed("youtube.com", &allowed));
        assert!(host_allowed("www.YouTube.com", &allowed));
        assert!(host_allowed("youtu.be", &allowed));
        assert!(!host_allowed("evilyoutube.com", &allowed));
        assert!(!host_allowed("youtube.com.evil.vn", &allowed));
        assert!(!host_allowed("youtube.com", &[String::new()]));
    }
}

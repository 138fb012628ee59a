//! Lesson images and attachments: a file an author uploads for a course, accepted only when
//! its bytes (not its name or the browser's word) say PNG, JPEG, WebP, GIF or PDF, and at most
//! 5 MiB; kept in the database under a random token and inserted in the Markdown by address.
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde::Serialize;

use crate::access::audit::{self, Change};
use crate::access::authz::{Actor, author_scope};
use crate::entity::attachment;
use crate::{Error, Result, now};

pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The types accepted, as `infer` names them.
const ALLOWED: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    "application/pdf",
];

/// What the editor inserts once a file is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Uploaded {
    pub url: String,
    pub content_type: String,
    /// `![name](/tep/…)` for an image, `[name](/tep/…)` for a document.
    pub markdown: String,
}

/// The file's type read from its first bytes, when it is one that is accepted.
pub(crate) fn sniff(bytes: &[u8]) -> Option<&'static str> {
    infer::get(bytes)
        .map(|k| k.mime_type())
        .and_then(|m| ALLOWED.iter().copied().find(|a| *a == m))
}

pub fn is_image(content_type: &str) -> bool {
    content_type.starts_with("image/")
}

/// The name as shown in the Markdown and offered on download: no path, no characters that
/// Markdown or a header would read as markup, at most 100 characters.
pub(crate) fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !"[]()<>\"'`*_\\;".contains(*c))
        .take(100)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "tep".to_owned()
    } else {
        cleaned.to_owned()
    }
}

fn token() -> String {
    format!("{:032x}", rand::random::<u128>())
}

pub async fn upload(
    db: &DatabaseConnection,
    actor: &Actor,
    course_code: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Uploaded> {
    let course = crate::author::authoring::course_in(db, author_scope(actor)?, course_code).await?;
    if bytes.len() > MAX_BYTES {
        return Err(Error::invalid("file", "file_too_large"));
    }
    let content_type = sniff(bytes).ok_or_else(|| Error::invalid("file", "file_type_refused"))?;
    let name = clean_name(file_name);
    let (bytes, content_type) = fitted(bytes, content_type).await;
    let bytes = bytes.as_slice();
    let txn = db.begin().await?;
    let saved = attachment::ActiveModel {
        token: Set(token()),
        course_id: Set(course.id),
        file_name: Set(name.clone()),
        content_type: Set(content_type.to_owned()),
        size: Set(bytes.len() as i64),
        data: Set(bytes.to_vec()),
        created_by: Set(actor.token.is_none().then(|| actor.id())),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Change {
            actor: actor.who(),
            action: "create",
            object_kind: "attachment",
            object_id: saved.token.clone(),
            before: None,
            after: audit::json(serde_json::json!({
                "course": course.code,
                "file_name": name,
                "content_type": content_type,
                "size": saved.size,
            })),
        },
    )
    .await?;
    txn.commit().await?;
    let url = format!("/tep/{}", saved.token);
    let markdown = if is_image(content_type) {
        format!("![{name}]({url})")
    } else {
        format!("[{name}]({url})")
    };
    Ok(Uploaded {
        url,
        content_type: content_type.to_owned(),
        markdown,
    })
}

/// The bytes to keep: an image wider than a phone needs is scaled down (off the async
/// threads, since decoding a large picture takes a while).
async fn fitted(bytes: &[u8], content_type: &'static str) -> (Vec<u8>, &'static str) {
    if !is_image(content_type) {
        return (bytes.to_vec(), content_type);
    }
    let owned = bytes.to_vec();
    let kind = content_type.to_owned();
    let fitted =
        tokio::task::spawn_blocking(move || crate::author::image_fit::fit_for_phone(&owned, &kind))
            .await
            .ok()
            .flatten();
    fitted.unwrap_or_else(|| (bytes.to_vec(), content_type))
}

/// A stored file by its token; anyone with the address may read it, as with the lesson.
pub async fn fetch(db: &DatabaseConnection, token: &str) -> Result<attachment::Model> {
    if token.len() != 32 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::NotFound);
    }
    attachment::Entity::find()
        .filter(attachment::Column::Token.eq(token))
        .one(db)
        .await?
        .ok_or(Error::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        assert_eq!(sniff(&png), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None, "an executable");
    }

    #[test]
    fn names_lose_paths_and_markup() {
        assert_eq!(clean_name("C:\\Users\\a\\ảnh [1].png"), "ảnh 1.png");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("x](javascript:alert(1))"), "xjavascript:alert1");
        assert_eq!(clean_name("   "), "tep");
    }
}

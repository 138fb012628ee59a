//! Published courses as their pages need them (the course, its lessons, its quiz, each
//! lesson's text rendered and sanitised once), kept for a moment. Every signed-in learner's
//! course and lesson page would otherwise read all of it, and render the lesson's Markdown,
//! again; what is theirs (their progress) is still read per request. An entry lives for the
//! lifetime given (`HOCVU_SESSION_CACHE_MS`, 0 = not kept) and until the shared
//! [`Generation`] moves: any write to something kept bumps it ([`crate::cache::writes`]), an
//! author's edit included, so an edit shows at once in its own process and within the
//! lifetime in another.
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::cache::epoch::Generation;
use crate::cache::map::Kept;
use crate::entity::{course, lesson, quiz};
use crate::learn::catalogue::{lessons_of, published};
use crate::{Result, author::markdown};

/// Courses kept at most; past this the cache starts again empty.
const CAPACITY: usize = 1_000;

/// A published course with its lessons in order and its published quiz.
#[derive(Debug)]
pub struct CourseContent {
    pub course: course::Model,
    pub lessons: Vec<lesson::Model>,
    pub quiz_code: Option<String>,
    /// Its published placement check, if any.
    pub placement_code: Option<String>,
    /// Each lesson's spoken version, when ready (in the lessons' order).
    pub audio: Vec<Option<domain::learning::LessonAudio>>,
    /// Each lesson's video, when it has one (in the lessons' order).
    pub video: Vec<Option<domain::learning::LessonVideo>>,
    html: Vec<OnceLock<String>>,
}

impl CourseContent {
    /// Reads a published course (not found when it is not published).
    pub async fn load(db: &impl ConnectionTrait, code: &str) -> Result<CourseContent> {
        let course = published(db, code).await?;
        let lessons = lessons_of(db, course.id).await?;
        let quiz_code = quiz::Entity::find()
            .filter(quiz::Column::CourseId.eq(course.id))
            .filter(quiz::Column::Published.eq(true))
            .filter(quiz::Column::Placement.eq(false))
            .one(db)
            .await?
            .map(|q| q.code);
        let placement_code = crate::assess::placement::check_of(db, course.id)
            .await?
            .map(|q| q.code);
        let html = lessons.iter().map(|_| OnceLock::new()).collect();
        let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
        let mut ready = crate::speech::store::ready_for(db, &ids).await?;
        let audio = ids.iter().map(|id| ready.remove(id)).collect();
        let mut videos = crate::video::store::videos_for(db, &ids).await?;
        let video = ids.iter().map(|id| videos.remove(id)).collect();
        Ok(CourseContent {
            course,
            lessons,
            quiz_code,
            placement_code,
            audio,
            video,
            html,
        })
    }

    /// Bytes of the lessons' spoken versions (what an offline pack adds for them).
    pub fn audio_bytes(&self) -> u64 {
        self.audio.iter().flatten().map(|a| a.size).sum()
    }

    /// Bytes of the lessons' video files (links weigh nothing here).
    pub fn video_bytes(&self) -> u64 {
        self.video.iter().flatten().map(|v| v.size).sum()
    }

    /// The text of the `i`-th lesson as safe HTML, rendered the first time it is asked for.
    pub fn html(&self, i: usize) -> &str {
        let body = self.lessons.get(i).map_or("", |l| l.body.as_str());
        match self.html.get(i) {
            Some(cell) => cell.get_or_init(|| markdown::to_safe_html(body)),
            None => "",
        }
    }
}

/// Published courses by code; shared by every clone.
#[derive(Clone)]
pub struct ContentCache(Kept<String, Arc<CourseContent>>);

impl ContentCache {
    pub fn new(ttl: Duration, generation: Generation) -> Self {
        ContentCache(Kept::new("content", ttl, CAPACITY, generation))
    }

    /// The published course `code`, from memory while it is fresh, else read on `db`.
    pub async fn course(
        &self,
        db: &impl ConnectionTrait,
        code: &str,
    ) -> Result<Arc<CourseContent>> {
        let code = code.trim();
        self.0
            .get_or_load(code, || async {
                Ok(Arc::new(CourseContent::load(db, code).await?))
            })
            .await
    }
}

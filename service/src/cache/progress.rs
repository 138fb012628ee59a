//! Each learner's progress in a course, kept for a moment beside the course content
//! ([`crate::cache::content`]): a learner going from lesson to lesson reads it once, not once
//! per page. Marking a lesson done, submitting a quiz, an HR officer's change, any write to
//! something kept (an answer save is not: [`crate::cache::writes`]), moves the shared
//! [`Generation`], so what a learner sees after their own step is read again.
use std::sync::Arc;
use std::time::Duration;

use domain::learning::Progress;
use sea_orm::ConnectionTrait;

use crate::Result;
use crate::cache::content::CourseContent;
use crate::cache::epoch::Generation;
use crate::cache::map::Kept;
use crate::learn::progress::progress_of;

/// Learner and course pairs kept at most; past this the cache starts again empty.
const CAPACITY: usize = 50_000;

/// Progress by learner and course id; shared by every clone.
#[derive(Clone)]
pub struct ProgressCache(Kept<(i32, i32), Arc<Progress>>);

impl ProgressCache {
    pub fn new(ttl: Duration, generation: Generation) -> Self {
        ProgressCache(Kept::new("progress", ttl, CAPACITY, generation))
    }

    /// The progress of `user` in the course of `content`, none when nobody is signed in.
    pub async fn of(
        &self,
        db: &impl ConnectionTrait,
        user: Option<i32>,
        content: &CourseContent,
    ) -> Result<Option<Arc<Progress>>> {
        let Some(user) = user else { return Ok(None) };
        let (course, lessons) = (&content.course, &content.lessons);
        let p = self
            .0
            .get_or_load(&(user, course.id), || async {
                let p = progress_of(db, user, course, lessons).await?;
                Ok::<_, crate::Error>(Arc::new(p))
            })
            .await?;
        Ok(Some(p))
    }
}

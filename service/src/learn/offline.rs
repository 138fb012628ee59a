//! What a phone keeps to learn a course without a network: the addresses of its pages and
//! files, its practice set with answers, and where the learner stands.
use domain::learning::practice::PracticeQuestion;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

use crate::learn::catalogue::{lessons_of, published};
use crate::{Result, learn::practice, learn::progress};

/// A course packed for offline use.
#[derive(Debug, Clone)]
pub struct OfflineCourse {
    pub code: String,
    pub title: String,
    /// Same-origin paths: the course page, every lesson, the practice page, the lessons'
    /// spoken versions, their video files and captions, their files, then the `assets` the caller gave (CSS, JS, wasm, the offline page).
    pub urls: Vec<String>,
    pub practice: Vec<PracticeQuestion>,
    /// Positions of the lessons the learner has done.
    pub done: Vec<u32>,
    pub completed_on: Option<String>,
    pub practice_results: u64,
}

/// The offline pack of a published course for a signed-in learner; unknown or unpublished
/// courses are not found.
pub async fn course(
    db: &impl ConnectionTrait,
    user_id: i32,
    code: &str,
    assets: &[String],
    now: i64,
) -> Result<OfflineCourse> {
    let course = published(db, code).await?;
    record_pack(db, user_id, course.id, now).await?;
    let lessons = lessons_of(db, course.id).await?;
    let base = format!("/khoa-hoc/{}", course.code);
    let mut urls = vec![base.clone()];
    for l in &lessons {
        urls.push(format!("{base}/bai/{}", l.position));
    }
    urls.push(practice_path(&course.code));
    let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let spoken = crate::speech::store::ready_for(db, &ids).await?;
    urls.extend(
        ids.iter()
            .filter_map(|id| spoken.get(id))
            .map(|a| a.url.clone()),
    );
    // Video files and captions kept here (a linked video stays on its host); the phone keeps
    // the files only when the learner chooses to.
    let videos = crate::video::store::videos_for(db, &ids).await?;
    for v in ids.iter().filter_map(|id| videos.get(id)) {
        if v.host.is_none() {
            urls.push(v.url.clone());
        }
        urls.extend(v.captions_url.clone());
    }
    for l in &lessons {
        for file in files_in(&l.body) {
            if !urls.contains(&file) {
                urls.push(file);
            }
        }
    }
    urls.extend(assets.iter().cloned());
    let questions = practice::shown(practice::questions_of(db, course.id).await?);
    let progress = progress::progress_of(db, user_id, &course, &lessons).await?;
    Ok(OfflineCourse {
        practice_results: practice::count_results(db, user_id, course.id).await?,
        code: course.code,
        title: course.title,
        urls,
        practice: questions,
        done: progress.done,
        completed_on: progress.completed_on,
    })
}

/// Notes when the learner first took the course's pack: nothing made offline predates it
/// (see [`crate::learn::sync::recorded_time`]). Later downloads leave the first time as it is.
async fn record_pack(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
    now: i64,
) -> Result<()> {
    use crate::entity::offline_pack::{ActiveModel, Column, Entity};
    let row = ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course_id),
        first_at: Set(now),
        ..Default::default()
    };
    Entity::insert(row)
        .on_conflict_do_nothing_on([Column::UserId, Column::CourseId])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The practice page of a course.
pub(crate) fn practice_path(code: &str) -> String {
    format!("/khoa-hoc/{code}/luyen-tap")
}

/// The lesson files (`/tep/{token}`) a lesson's Markdown links to or shows.
fn files_in(markdown: &str) -> Vec<String> {
    markdown
        .match_indices("/tep/")
        .map(|(i, _)| {
            let token: String = markdown[i + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            format!("/tep/{token}")
        })
        .filter(|p| p.len() > 5)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::files_in;

    #[test]
    fn lesson_files_are_found_in_images_and_links() {
        let md = "![Ảnh](/tep/AbC-12_x) và [tệp](/tep/zz9). Không phải: /tep/";
        assert_eq!(files_in(md), ["/tep/AbC-12_x", "/tep/zz9"]);
    }
}

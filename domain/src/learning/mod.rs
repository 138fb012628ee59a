//! Learning: the competence framework's domains, course audiences, the catalogue's DTOs and the
//! text format the demo courses are written in.
pub mod answer_form;
pub mod attempt;
pub mod authoring;
pub mod content;
pub mod gift;
pub mod grading;
pub mod moodle_xml;
pub mod practice;
pub mod question;

use serde::{Deserialize, Serialize};

/// Who a course is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Residents,
    CivilServants,
    Everyone,
}

impl Audience {
    pub const ALL: [Audience; 3] = [
        Audience::Residents,
        Audience::CivilServants,
        Audience::Everyone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Residents => "residents",
            Audience::CivilServants => "civil_servants",
            Audience::Everyone => "everyone",
        }
    }

    pub fn parse(text: &str) -> Option<Audience> {
        Audience::ALL
            .into_iter()
            .find(|a| a.as_str() == text.trim())
    }
}

/// The six domains of the digital competence framework (SPEC, "What trained and mastered mean").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetenceDomain {
    DuLieu,
    GiaoTiep,
    NoiDung,
    AnToan,
    GiaiQuyet,
    TriTueNhanTao,
}

impl CompetenceDomain {
    pub const ALL: [CompetenceDomain; 6] = [
        CompetenceDomain::DuLieu,
        CompetenceDomain::GiaoTiep,
        CompetenceDomain::NoiDung,
        CompetenceDomain::AnToan,
        CompetenceDomain::GiaiQuyet,
        CompetenceDomain::TriTueNhanTao,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CompetenceDomain::DuLieu => "du_lieu",
            CompetenceDomain::GiaoTiep => "giao_tiep",
            CompetenceDomain::NoiDung => "noi_dung",
            CompetenceDomain::AnToan => "an_toan",
            CompetenceDomain::GiaiQuyet => "giai_quyet",
            CompetenceDomain::TriTueNhanTao => "tri_tue_nhan_tao",
        }
    }

    pub fn parse(text: &str) -> Option<CompetenceDomain> {
        CompetenceDomain::ALL
            .into_iter()
            .find(|d| d.code() == text.trim())
    }

    /// The domain's name in Vietnamese and in English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            CompetenceDomain::DuLieu => ("Khai thác dữ liệu và thông tin", "Data and information"),
            CompetenceDomain::GiaoTiep => {
                ("Giao tiếp và hợp tác", "Communication and collaboration")
            }
            CompetenceDomain::NoiDung => ("Sáng tạo nội dung số", "Digital content creation"),
            CompetenceDomain::AnToan => ("An toàn", "Safety"),
            CompetenceDomain::GiaiQuyet => ("Giải quyết vấn đề", "Problem solving"),
            CompetenceDomain::TriTueNhanTao => (
                "Ứng dụng trí tuệ nhân tạo",
                "Applying artificial intelligence",
            ),
        }
    }
}

/// A course as the catalogue lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseSummary {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub audience: Audience,
    pub competences: Vec<CompetenceDomain>,
    pub counts_as_training: bool,
    pub lesson_count: u32,
}

/// One lesson's place in its course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRef {
    pub position: u32,
    pub title: String,
}

/// A course with its lessons, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseDetail {
    #[serde(flatten)]
    pub course: CourseSummary,
    pub lessons: Vec<LessonRef>,
}

/// The catalogue's filters, as the page's GET form sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub domain: String,
}

/// A learner's progress in one course: the lessons read, the lessons tested out by its
/// placement check, and, once the course is completed, the day it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Positions of the lessons the learner marked done.
    pub done: Vec<u32>,
    pub completed_on: Option<String>,
    /// Positions of the lessons tested out (and not read): skipped by passing their domain's
    /// part of the placement check.
    #[serde(default)]
    pub tested_out: Vec<u32>,
    /// The learner has used every attempt the course's placement check allows (or the course
    /// has none): it is no longer offered.
    #[serde(default)]
    pub placement_closed: bool,
}

impl Progress {
    /// Whether the lesson at `position` needs nothing more: read or tested out.
    pub fn settled(&self, position: u32) -> bool {
        self.done.contains(&position) || self.tested_out.contains(&position)
    }

    /// Lessons read or tested out out of `total`, as a whole percentage rounded down (100
    /// only when all are).
    pub fn percent(&self, total: u32) -> u32 {
        if total == 0 {
            return 0;
        }
        let settled = (1..=total).filter(|p| self.settled(*p)).count() as u32;
        settled * 100 / total
    }
}

/// A course page: the course, and the reader's progress when signed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoursePage {
    pub detail: CourseDetail,
    pub progress: Option<Progress>,
    /// The course's published quiz, which completing the course also needs.
    pub quiz_code: Option<String>,
    /// The course's published placement check, which may test out lessons.
    #[serde(default)]
    pub placement_code: Option<String>,
    /// Bytes of the lessons' spoken versions, which saving the course for offline also keeps.
    pub audio_bytes: u64,
    /// Bytes of the lessons' video files, kept offline only when the learner chooses.
    pub video_bytes: u64,
}

/// A lesson's spoken version, as its page offers it: loaded only when played.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonAudio {
    /// `/am-thanh/{lesson id}/{content hash}`: a new clip is a new address.
    pub url: String,
    pub content_type: String,
    pub size: u64,
    /// 0 when not known (an author's recording).
    pub duration_secs: u32,
    /// Recorded by a person rather than made by the server's voice.
    pub recorded: bool,
}

/// A lesson's video, as its page offers it: never fetched before the learner asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonVideo {
    /// `/video/{lesson id}/{hash}` for a file kept here; the host's page for a link.
    pub url: String,
    /// The host of a linked video (`www.youtube.com`); `None` for a file kept here.
    pub host: Option<String>,
    /// `video/mp4` for a file; empty for a link.
    pub content_type: String,
    /// 0 for a link.
    pub size: u64,
    pub duration_secs: u32,
    /// `/phu-de/{lesson id}/{hash}`: the WebVTT captions, when there are.
    pub captions_url: Option<String>,
    /// The captions' cues as plain text, for a screen reader and a muted phone.
    pub transcript: Vec<String>,
}

/// Where a lesson's video file is served.
pub fn video_path(lesson_id: i32, content_hash: &str) -> String {
    format!("/video/{lesson_id}/{content_hash}")
}

/// Where a lesson video's captions are served.
pub fn captions_path(lesson_id: i32, content_hash: &str) -> String {
    format!("/phu-de/{lesson_id}/{content_hash}")
}

/// Where a lesson's spoken version is served.
pub fn lesson_audio_path(lesson_id: i32, content_hash: &str) -> String {
    format!("/am-thanh/{lesson_id}/{content_hash}")
}

/// A lesson to read: its sanitised HTML, its neighbours, and whether the reader has done it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonPage {
    pub course_code: String,
    pub course_title: String,
    pub lesson_count: u32,
    pub position: u32,
    pub title: String,
    pub html: String,
    pub previous: Option<LessonRef>,
    pub next: Option<LessonRef>,
    /// `None` for a reader who is not signed in.
    pub done: Option<bool>,
    /// The signed-in reader tested this lesson out with the placement check (and has not
    /// marked it read).
    #[serde(default)]
    pub tested_out: bool,
    /// The lesson read aloud, once it is made.
    pub audio: Option<LessonAudio>,
    pub video: Option<LessonVideo>,
}

/// One course on the "my learning" page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyCourse {
    pub course: CourseSummary,
    pub progress: Progress,
    /// The first lesson not yet done, where "continue" leads.
    pub next_lesson: Option<u32>,
}

/// When a learner first met one of SPEC's states, and by what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// `YYYY-MM-DD`
    pub on: String,
    /// The course or assessment code that counts.
    pub programme_code: String,
    /// `platform` (done here), `import` or `manual` (recorded by hr).
    pub source: String,
}

/// The learner's standing as SPEC defines it: trained, and mastered digital skills.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub trained: Option<Milestone>,
    pub mastered: Option<Milestone>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(a));
        }
        for d in CompetenceDomain::ALL {
            assert_eq!(CompetenceDomain::parse(d.code()), Some(d));
            assert_eq!(serde_json::to_value(d).unwrap(), d.code());
        }
        assert_eq!(Audience::parse("everybody"), None);
    }

    #[test]
    fn progress_is_rounded_down_and_full_only_when_all_are_done() {
        let p = |n: u32| Progress {
            done: (1..=n).collect(),
            ..Progress::default()
        };
        assert_eq!(p(0).percent(6), 0);
        assert_eq!(p(5).percent(6), 83);
        assert_eq!(p(6).percent(6), 100);
        assert_eq!(p(2).percent(3), 66);
        assert_eq!(p(1).percent(0), 0);
    }

    #[test]
    fn a_tested_out_lesson_counts_once_beside_the_lessons_read() {
        let p = Progress {
            done: vec![1, 2],
            tested_out: vec![2, 3, 4],
            ..Progress::default()
        };
        assert!(p.settled(3) && p.settled(1) && !p.settled(5));
        assert_eq!(p.percent(6), 66);
        assert_eq!(p.percent(4), 100);
    }
}

/// Text folded for searching: lowercase, without diacritics (`đ` as `d`), words separated by
/// one space. "An toàn" and "AN TOAN" give the same key.
pub fn search_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if matches!(c, 'đ' | 'Đ') { 'd' } else { c })
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether every word of `query` is in `text` (both folded by [`search_key`]).
pub fn matches_search(text: &str, query: &str) -> bool {
    let haystack = search_key(text);
    search_key(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| haystack.contains(w))
}

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn case_diacritics_and_punctuation_do_not_matter() {
        assert_eq!(
            search_key("  An toàn, TRÊN không-gian mạng! "),
            "an toan tren khong gian mang"
        );
        assert_eq!(search_key("Định danh điện tử"), "dinh danh dien tu");
        assert!(matches_search(
            "An toàn trên không gian mạng",
            "KHONG GIAN an toàn"
        ));
        assert!(!matches_search("An toàn trên không gian mạng", "chữ ký"));
        assert!(matches_search("bất kỳ", "   "));
    }
}

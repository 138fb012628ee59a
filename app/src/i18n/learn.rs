//! Text of the learner's pages (catalogue, course, lesson, my learning), in Vietnamese and
//! English. A missing entry is a compile error.
use domain::Lang;
use domain::learning::{Audience, CompetenceDomain};

pub struct LearnTexts {
    pub lang: Lang,
    pub nav_catalogue: &'static str,
    pub nav_mine: &'static str,
    pub catalogue_title: &'static str,
    pub catalogue_intro: &'static str,
    pub search_field: &'static str,
    pub audience_field: &'static str,
    pub domain_field: &'static str,
    pub any: &'static str,
    pub filter: &'static str,
    pub no_course: &'static str,
    pub lessons_word: &'static str,
    pub counts_as_training: &'static str,
    pub competences: &'static str,
    pub course_lessons: &'static str,
    pub progress_label: &'static str,
    pub completed_on: &'static str,
    pub start: &'static str,
    pub continue_: &'static str,
    pub sign_in_to_track: &'static str,
    pub done_badge: &'static str,
    pub lesson_of: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub mark_done: &'static str,
    pub marked_done: &'static str,
    pub back_to_course: &'static str,
    pub mine_title: &'static str,
    pub mine_empty: &'static str,
    pub standing_title: &'static str,
    pub trained_yes: &'static str,
    pub trained_no: &'static str,
    pub mastered_yes: &'static str,
    pub mastered_no: &'static str,
    pub evidence: &'static str,
    pub course_completed: &'static str,
    pub see_certificate: &'static str,
}

impl LearnTexts {
    pub fn get(lang: Lang) -> &'static LearnTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    pub fn audience(&self, a: Audience) -> &'static str {
        match (self.lang, a) {
            (Lang::Vi, Audience::Residents) => "Người dân",
            (Lang::Vi, Audience::CivilServants) => "Cán bộ, công chức, viên chức",
            (Lang::Vi, Audience::Everyone) => "Mọi người",
            (Lang::En, Audience::Residents) => "Residents",
            (Lang::En, Audience::CivilServants) => "Civil servants",
            (Lang::En, Audience::Everyone) => "Everyone",
        }
    }

    pub fn domain(&self, d: CompetenceDomain) -> &'static str {
        let (vi, en) = d.names();
        if self.lang == Lang::Vi { vi } else { en }
    }

    /// Where a record came from, in words.
    pub fn source(&self, source: &str) -> &'static str {
        match (self.lang, source) {
            (Lang::Vi, "platform") => "hoàn thành trên Học Vụ Số",
            (Lang::Vi, "import") => "do đơn vị nhập",
            (Lang::Vi, _) => "do cán bộ tổ chức ghi nhận",
            (Lang::En, "platform") => "done on Học Vụ Số",
            (Lang::En, "import") => "imported by the unit",
            (Lang::En, _) => "recorded by HR",
        }
    }

    /// "3/6 bài" — lessons done out of all.
    pub fn done_of(&self, done: usize, total: u32) -> String {
        match self.lang {
            Lang::Vi => format!("{done}/{total} bài"),
            Lang::En => format!("{done}/{total} lessons"),
        }
    }

    /// "Bài 2/6" — where a lesson sits in its course.
    pub fn position(&self, n: u32, total: u32) -> String {
        format!("{} {n}/{total}", self.lesson_of)
    }
}

pub static VI: LearnTexts = LearnTexts {
    lang: Lang::Vi,
    nav_catalogue: "Khoá học",
    nav_mine: "Việc học của tôi",
    catalogue_title: "Khoá học kỹ năng số",
    catalogue_intro: "Chọn một khoá học phù hợp: mỗi bài ngắn, đọc được trên điện thoại, học lúc nào cũng được.",
    search_field: "Tìm khoá học",
    audience_field: "Dành cho",
    domain_field: "Lĩnh vực năng lực",
    any: "Tất cả",
    filter: "Lọc",
    no_course: "Không có khoá học nào khớp với điều kiện tìm.",
    lessons_word: "bài học",
    counts_as_training: "Được tính là bồi dưỡng kỹ năng số",
    competences: "Năng lực",
    course_lessons: "Các bài học",
    progress_label: "Tiến độ",
    completed_on: "Hoàn thành ngày",
    start: "Bắt đầu học",
    continue_: "Học tiếp",
    sign_in_to_track: "Đăng nhập để lưu tiến độ học và nhận chứng nhận.",
    done_badge: "Đã học",
    lesson_of: "Bài",
    previous: "Bài trước",
    next: "Bài tiếp theo",
    mark_done: "Đánh dấu đã học xong",
    marked_done: "Bạn đã học xong bài này.",
    back_to_course: "Về trang khoá học",
    mine_title: "Việc học của tôi",
    mine_empty: "Bạn chưa bắt đầu khoá học nào.",
    standing_title: "Tình trạng của tôi",
    trained_yes: "Đã được bồi dưỡng kỹ năng số từ ngày",
    trained_no: "Chưa được bồi dưỡng kỹ năng số: hãy hoàn thành một khoá học có tính bồi dưỡng.",
    mastered_yes: "Làm chủ kỹ năng số trong công việc từ ngày",
    mastered_no: "Chưa đạt bài đánh giá làm chủ kỹ năng số.",
    evidence: "Căn cứ",
    course_completed: "Đã hoàn thành",
    see_certificate: "Xem và tải chứng nhận",
};

pub static EN: LearnTexts = LearnTexts {
    lang: Lang::En,
    nav_catalogue: "Courses",
    nav_mine: "My learning",
    catalogue_title: "Digital skills courses",
    catalogue_intro: "Pick a course that suits you: short lessons, readable on a phone, at any time.",
    search_field: "Find a course",
    audience_field: "For",
    domain_field: "Competence domain",
    any: "All",
    filter: "Filter",
    no_course: "No course matches the search.",
    lessons_word: "lessons",
    counts_as_training: "Counts as digital skills training",
    competences: "Competences",
    course_lessons: "Lessons",
    progress_label: "Progress",
    completed_on: "Completed on",
    start: "Start learning",
    continue_: "Continue",
    sign_in_to_track: "Sign in to keep your progress and get a certificate.",
    done_badge: "Done",
    lesson_of: "Lesson",
    previous: "Previous lesson",
    next: "Next lesson",
    mark_done: "Mark as done",
    marked_done: "You have finished this lesson.",
    back_to_course: "Back to the course",
    mine_title: "My learning",
    mine_empty: "You have not started a course yet.",
    standing_title: "My standing",
    trained_yes: "Trained in digital skills since",
    trained_no: "Not trained in digital skills yet: complete a course that counts as training.",
    mastered_yes: "Mastered digital skills at work since",
    mastered_no: "Not yet passed the digital skills mastery assessment.",
    evidence: "Evidence",
    course_completed: "Completed",
    see_certificate: "See and download your certificate",
};

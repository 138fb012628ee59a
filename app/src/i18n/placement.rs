//! Text of placement checks: the offer on the course page, the lessons tested out, the
//! check's outcome, the author's settings and the HR officer's view.
use domain::Lang;

pub struct PlacementTexts {
    pub lang: Lang,
    pub offer_title: &'static str,
    pub offer_text: &'static str,
    pub take: &'static str,
    /// The badge of a lesson tested out, beside "Đã học" of a lesson read.
    pub badge: &'static str,
    pub lesson_note: &'static str,
    pub quiz_note: &'static str,
    pub outcome_title: &'static str,
    pub outcome_none: &'static str,
    pub outcome_lessons: &'static str,
    pub go_on: &'static str,
    pub back_to_course: &'static str,
    pub author_checkbox: &'static str,
    pub author_hint: &'static str,
    pub author_kind: &'static str,
    pub lesson_domain: &'static str,
    pub lesson_domain_none: &'static str,
    pub lesson_domain_hint: &'static str,
    pub lesson_domain_save: &'static str,
    pub lesson_domain_saved: &'static str,
    pub hr_title: &'static str,
    pub hr_course: &'static str,
    pub hr_lesson: &'static str,
    pub hr_on: &'static str,
}

impl PlacementTexts {
    pub fn get(lang: Lang) -> &'static PlacementTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// "2 bài được miễn" beside the lessons read.
    pub fn count(&self, n: usize) -> String {
        match self.lang {
            Lang::Vi => format!("{n} bài được miễn"),
            Lang::En if n == 1 => "1 lesson tested out".to_owned(),
            Lang::En => format!("{n} lessons tested out"),
        }
    }

    /// "Phần đạt: An toàn, Giao tiếp".
    pub fn domains_passed(&self, names: &str) -> String {
        match self.lang {
            Lang::Vi => format!("Phần bạn đã nắm vững: {names}."),
            Lang::En => format!("Parts you already know: {names}."),
        }
    }

    /// "Học tiếp bài 3".
    pub fn go_to(&self, position: u32) -> String {
        format!("{} {position}", self.go_on)
    }
}

/// The message of a code the placement settings answer with (each is in
/// `domain::error_codes::ALL`; `i18n`'s tests check every code there has one).
pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "lesson_domain_not_course") => {
            "Lĩnh vực của bài phải là một trong các lĩnh vực của khoá học."
        }
        (Lang::En, "lesson_domain_not_course") => {
            "The lesson's domain must be one of the course's domains."
        }
        (Lang::Vi, "placement_exists") => "Khoá học này đã có một bài kiểm tra đầu vào.",
        (Lang::En, "placement_exists") => "This course already has a placement check.",
        (Lang::Vi, "placement_needs_course") => "Bài kiểm tra đầu vào phải thuộc một khoá học.",
        (Lang::En, "placement_needs_course") => "A placement check must belong to a course.",
        (Lang::Vi, "placement_not_mastery") => {
            "Bài kiểm tra đầu vào không thể đồng thời là bài đánh giá làm chủ kỹ năng số."
        }
        (Lang::En, "placement_not_mastery") => {
            "A placement check cannot also be a mastery assessment."
        }
        (Lang::Vi, "placement_rule_domain") => {
            "Mỗi quy tắc rút câu hỏi của bài kiểm tra đầu vào phải chọn một lĩnh vực của khoá học."
        }
        (Lang::En, "placement_rule_domain") => {
            "Every draw rule of a placement check must name one of the course's domains."
        }
        _ => return None,
    };
    Some(text)
}

pub static VI: PlacementTexts = PlacementTexts {
    lang: Lang::Vi,
    offer_title: "Bạn đã biết một phần?",
    offer_text: "Làm bài kiểm tra đầu vào ngắn: phần nào bạn trả lời đúng hết, các bài của phần đó được miễn và bạn học thẳng những bài còn lại. Khoá học vẫn chỉ hoàn thành khi bạn đạt bài kiểm tra cuối khoá.",
    take: "Làm bài kiểm tra đầu vào",
    badge: "Được miễn",
    lesson_note: "Bạn được miễn bài này nhờ kết quả kiểm tra đầu vào. Bạn vẫn có thể đọc lại và đánh dấu đã học.",
    quiz_note: "Đây là bài kiểm tra đầu vào của khoá học. Phần nào (lĩnh vực nào) bạn đạt, các bài của phần đó được miễn. Bài này không thay cho bài kiểm tra cuối khoá.",
    outcome_title: "Các bài được miễn",
    outcome_none: "Chưa phần nào đạt: hãy học từ bài đầu tiên, bạn sẽ nắm chắc hơn.",
    outcome_lessons: "Bạn có thể bỏ qua các bài sau:",
    go_on: "Học tiếp bài",
    back_to_course: "Về trang khoá học",
    author_checkbox: "Đây là bài kiểm tra đầu vào của khoá học",
    author_hint: "Mỗi quy tắc rút câu hỏi chọn một lĩnh vực của khoá học. Học viên đạt điểm đạt ở phần nào thì được miễn các bài thuộc lĩnh vực đó. Mặc định chỉ được làm một lần.",
    author_kind: "Kiểm tra đầu vào",
    lesson_domain: "Lĩnh vực của bài",
    lesson_domain_none: "Không thuộc lĩnh vực nào (không được miễn)",
    lesson_domain_hint: "Học viên đạt phần lĩnh vực này trong bài kiểm tra đầu vào sẽ được miễn bài.",
    lesson_domain_save: "Lưu lĩnh vực",
    lesson_domain_saved: "Đã lưu lĩnh vực của bài.",
    hr_title: "Bài được miễn nhờ kiểm tra đầu vào",
    hr_course: "Khoá học",
    hr_lesson: "Bài",
    hr_on: "Ngày",
};

pub static EN: PlacementTexts = PlacementTexts {
    lang: Lang::En,
    offer_title: "Know some of this already?",
    offer_text: "Take the short placement check: for each part you answer fully right, its lessons are tested out and you go straight to the rest. The course is still completed only by passing its final quiz.",
    take: "Take the placement check",
    badge: "Tested out",
    lesson_note: "You tested out of this lesson with the placement check. You may still read it and mark it done.",
    quiz_note: "This is the course's placement check. For each part (domain) you pass, that domain's lessons are tested out. It does not replace the final quiz.",
    outcome_title: "Lessons tested out",
    outcome_none: "No part was passed: start from the first lesson, you will know it better.",
    outcome_lessons: "You may skip these lessons:",
    go_on: "Continue with lesson",
    back_to_course: "Back to the course",
    author_checkbox: "This is the course's placement check",
    author_hint: "Each draw rule names one of the course's domains. A learner who reaches the pass mark in a domain's part tests out that domain's lessons. One attempt unless you allow more.",
    author_kind: "Placement check",
    lesson_domain: "The lesson's domain",
    lesson_domain_none: "No domain (never tested out)",
    lesson_domain_hint: "A learner who passes this domain's part of the placement check tests out of this lesson.",
    lesson_domain_save: "Save the domain",
    lesson_domain_saved: "The lesson's domain is saved.",
    hr_title: "Lessons tested out with a placement check",
    hr_course: "Course",
    hr_lesson: "Lesson",
    hr_on: "Date",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_each_language_says_them() {
        assert_eq!(VI.count(3), "3 bài được miễn");
        assert_eq!(EN.count(1), "1 lesson tested out");
        assert_eq!(EN.go_to(4), "Continue with lesson 4");
    }
}

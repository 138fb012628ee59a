//! Text of learning offline: saving a course on the phone, the practice page, the offline page,
//! and the reasons a synced item is refused. (The live banner's sentences are in
//! `public/offline.js`, which runs before and without the wasm.)
use domain::Lang;

pub struct OfflineTexts {
    pub save_course: &'static str,
    pub save_hint: &'static str,
    pub practice_link: &'static str,
    pub practice_title: &'static str,
    pub practice_intro: &'static str,
    pub practice_none: &'static str,
    pub practice_check: &'static str,
    pub practice_sign_in: &'static str,
    pub practice_last: &'static str,
    pub question: &'static str,
    pub choose_one: &'static str,
    pub choose_many: &'static str,
    pub true_: &'static str,
    pub false_: &'static str,
    pub your_answer: &'static str,
    pub answer_and_explanation: &'static str,
    pub right_answer: &'static str,
    pub accepted_answers: &'static str,
    pub offline_title: &'static str,
    pub offline_body: &'static str,
    pub offline_saved: &'static str,
    pub offline_none: &'static str,
}

impl OfflineTexts {
    pub fn get(lang: Lang) -> &'static OfflineTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// "4/6 câu đúng (66,7%)": a practice's outcome, with the decimal comma in Vietnamese.
    pub fn outcome(&self, lang: Lang, correct: u32, total: u32, score: f64) -> String {
        let score = format!("{score:.1}");
        match lang {
            Lang::Vi => format!("{correct}/{total} câu đúng ({}%)", score.replace('.', ",")),
            Lang::En => format!("{correct}/{total} right ({score}%)"),
        }
    }
}

pub static VI: OfflineTexts = OfflineTexts {
    save_course: "Lưu để học khi không có mạng",
    save_hint: "Các bài học và bài luyện tập của khoá được lưu trên máy này; khi mất mạng bạn vẫn đọc bài, đánh dấu đã học và luyện tập, kết quả được gửi khi có mạng.",
    practice_link: "Luyện tập (làm được cả khi không có mạng)",
    practice_title: "Luyện tập",
    practice_intro: "Câu hỏi luyện tập không tính vào kết quả khoá học: bạn biết ngay mình đúng hay sai và đọc lời giải thích. Làm được cả khi không có mạng.",
    practice_none: "Khoá học này chưa có câu hỏi luyện tập.",
    practice_check: "Chấm bài luyện tập",
    practice_sign_in: "Đăng nhập để lưu kết quả luyện tập của bạn.",
    practice_last: "Kết quả lần luyện tập gần nhất",
    question: "Câu",
    choose_one: "Chọn một đáp án.",
    choose_many: "Chọn các đáp án đúng.",
    true_: "Đúng",
    false_: "Sai",
    your_answer: "Câu trả lời của bạn",
    answer_and_explanation: "Xem đáp án và lời giải thích",
    right_answer: "Đáp án đúng",
    accepted_answers: "Câu trả lời được chấp nhận",
    offline_title: "Bạn đang ngoại tuyến",
    offline_body: "Máy đang không có kết nối mạng và trang này chưa được lưu trên máy. Khi có mạng, hãy tải lại trang.",
    offline_saved: "Các khoá học đã lưu trên máy này, học được ngay khi không có mạng:",
    offline_none: "Chưa có khoá học nào được lưu trên máy này. Khi có mạng, mở một khoá học và bấm «Lưu để học khi không có mạng».",
};

pub static EN: OfflineTexts = OfflineTexts {
    save_course: "Save for learning offline",
    save_hint: "The course's lessons and practice are kept on this device: without a network you can still read, mark lessons done and practise; the results are sent when the network returns.",
    practice_link: "Practice (works offline too)",
    practice_title: "Practice",
    practice_intro: "Practice questions do not count towards the course: you see at once whether you were right and read the explanation. Works offline too.",
    practice_none: "This course has no practice questions yet.",
    practice_check: "Check my answers",
    practice_sign_in: "Sign in to keep your practice results.",
    practice_last: "Your latest practice",
    question: "Question",
    choose_one: "Choose one answer.",
    choose_many: "Choose every right answer.",
    true_: "True",
    false_: "False",
    your_answer: "Your answer",
    answer_and_explanation: "See the answer and the explanation",
    right_answer: "Right answer",
    accepted_answers: "Accepted answers",
    offline_title: "You are offline",
    offline_body: "This device has no network connection and this page was not saved on it. Reload the page when the network is back.",
    offline_saved: "Courses saved on this device, ready to learn offline:",
    offline_none: "No course is saved on this device yet. When online, open a course and press “Save for learning offline”.",
};

/// Messages for the reasons a synced item is refused, and for a practice form refused.
pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "bad_id") => "Mục gửi lên thiếu mã định danh hợp lệ (UUID).",
        (Lang::En, "bad_id") => "The item has no valid id (a UUID).",
        (Lang::Vi, "bad_item") => "Mục gửi lên không đúng định dạng.",
        (Lang::En, "bad_item") => "The item is not in the expected format.",
        (Lang::Vi, "bad_kind") => {
            "Loại mục không được hỗ trợ (chỉ nhận lesson_done hoặc practice)."
        }
        (Lang::En, "bad_kind") => "Unsupported kind of item (lesson_done or practice only).",
        (Lang::Vi, "unknown_course") => "Không có khoá học đang mở nào mang mã này.",
        (Lang::En, "unknown_course") => "No published course has this code.",
        (Lang::Vi, "unknown_lesson") => "Khoá học không có bài học này.",
        (Lang::En, "unknown_lesson") => "The course has no such lesson.",
        (Lang::Vi, "no_practice") => "Khoá học này không có bài luyện tập.",
        (Lang::En, "no_practice") => "This course has no practice set.",
        (Lang::Vi, "bad_answers") => "Câu trả lời luyện tập không khớp với bộ câu hỏi.",
        (Lang::En, "bad_answers") => "The practice answers do not match the question set.",
        (Lang::Vi, "practice_answers") => "Câu trả lời luyện tập không khớp với bộ câu hỏi.",
        (Lang::En, "practice_answers") => "The practice answers do not match the question set.",
        (Lang::Vi, "practice_kind") => {
            "Bài luyện tập chỉ nhận câu một đáp án, nhiều đáp án, đúng/sai và trả lời ngắn."
        }
        (Lang::En, "practice_kind") => {
            "Practice sets take single choice, multiple choice, true/false and short answer only."
        }
        (Lang::Vi, "too_many_items") => "Gửi tối đa 500 mục mỗi lần.",
        (Lang::En, "too_many_items") => "At most 500 items per request.",
        _ => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sync_reason_has_a_message_in_both_languages() {
        for code in [
            "bad_id",
            "bad_item",
            "bad_kind",
            "unknown_course",
            "unknown_lesson",
            "no_practice",
            "bad_answers",
            "too_many_items",
        ] {
            for lang in Lang::ALL {
                assert!(error(*lang, code).is_some(), "{lang:?} {code}");
            }
        }
    }

    #[test]
    fn the_outcome_uses_a_decimal_comma_in_vietnamese() {
        assert_eq!(VI.outcome(Lang::Vi, 4, 6, 66.7), "4/6 câu đúng (66,7%)");
        assert_eq!(EN.outcome(Lang::En, 4, 6, 66.7), "4/6 right (66.7%)");
    }
}

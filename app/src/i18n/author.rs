//! Text of the authoring pages (courses, lessons, quizzes, question bank), in Vietnamese and
//! English, and the messages of their error codes. A missing entry is a compile error.
use domain::Lang;
use domain::learning::attempt::Review;

pub struct AuthorTexts {
    pub lang: Lang,
    pub nav_author: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub new_course: &'static str,
    pub to_bank: &'static str,
    pub to_quizzes: &'static str,
    pub courses_title: &'static str,
    pub no_course: &'static str,
    pub code: &'static str,
    pub code_hint: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub audience: &'static str,
    pub competences: &'static str,
    pub counts_as_training: &'static str,
    pub status: &'static str,
    pub published: &'static str,
    pub draft: &'static str,
    pub lessons: &'static str,
    pub quizzes: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub course_fields: &'static str,
    pub publish: &'static str,
    pub unpublish: &'static str,
    pub publish_hint: &'static str,
    pub view_in_catalogue: &'static str,
    pub add_lesson: &'static str,
    pub no_lesson: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub back_to_course: &'static str,
    pub back_to_list: &'static str,
    pub new_lesson_title: &'static str,
    pub edit_lesson_title: &'static str,
    pub lesson_title: &'static str,
    pub body: &'static str,
    pub body_hint: &'static str,
    pub preview: &'static str,
    pub preview_button: &'static str,
    pub attach_title: &'static str,
    pub attach_file: &'static str,
    pub attach_hint: &'static str,
    pub attach_send: &'static str,
    pub attach_done: &'static str,
    pub add_quiz: &'static str,
    pub no_quiz: &'static str,
    pub quizzes_title: &'static str,
    pub quizzes_intro: &'static str,
    pub new_mastery: &'static str,
    pub new_quiz_title: &'static str,
    pub edit_quiz_title: &'static str,
    pub quiz_code: &'static str,
    pub course: &'static str,
    pub no_course_option: &'static str,
    pub mastery: &'static str,
    pub mastery_hint: &'static str,
    pub pass_mark: &'static str,
    pub floor: &'static str,
    pub floor_hint: &'static str,
    pub time_limit: &'static str,
    pub max_attempts: &'static str,
    pub empty_is_none: &'static str,
    pub review: &'static str,
    pub quiz_published: &'static str,
    pub rules: &'static str,
    pub rules_hint: &'static str,
    pub any_domain: &'static str,
    pub any_difficulty: &'static str,
    pub domain: &'static str,
    pub try_quiz: &'static str,
    pub bank_title: &'static str,
    pub bank_intro: &'static str,
    pub difficulty: &'static str,
    pub kind: &'static str,
    pub text: &'static str,
    pub any: &'static str,
    pub filter: &'static str,
    pub question_count: &'static str,
    pub no_question: &'static str,
    pub upload_title: &'static str,
    pub file: &'static str,
    pub file_hint: &'static str,
    pub format: &'static str,
    pub dry_run: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub checking: &'static str,
    pub upload_failed: &'static str,
    pub accepted: &'static str,
    pub accepted_dry: &'static str,
    pub rejected: &'static str,
    pub line: &'static str,
    pub question: &'static str,
    pub problem: &'static str,
}

impl AuthorTexts {
    pub fn get(lang: Lang) -> &'static AuthorTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    pub fn review(&self, r: Review) -> &'static str {
        match (self.lang, r) {
            (Lang::Vi, Review::None) => "Chỉ cho biết đạt hay không",
            (Lang::Vi, Review::Score) => "Cho xem điểm",
            (Lang::Vi, Review::Answers) => "Cho xem điểm và đáp án",
            (Lang::En, Review::None) => "Only whether it passed",
            (Lang::En, Review::Score) => "The score",
            (Lang::En, Review::Answers) => "The score and the right answers",
        }
    }

    pub fn difficulty_name(&self, code: &str) -> &'static str {
        match (self.lang, code) {
            (Lang::Vi, "de") => "Dễ",
            (Lang::Vi, "vua") => "Vừa",
            (Lang::Vi, "kho") => "Khó",
            (Lang::En, "de") => "Easy",
            (Lang::En, "vua") => "Medium",
            (Lang::En, "kho") => "Hard",
            _ => "—",
        }
    }

    pub fn kind_name(&self, code: &str) -> &'static str {
        match (self.lang, code) {
            (Lang::Vi, "single_choice") => "Một lựa chọn",
            (Lang::Vi, "multiple_choice") => "Nhiều lựa chọn",
            (Lang::Vi, "true_false") => "Đúng/Sai",
            (Lang::Vi, "short_answer") => "Trả lời ngắn",
            (Lang::Vi, "ordering") => "Sắp xếp",
            (Lang::Vi, "matching") => "Ghép cặp",
            (Lang::En, "single_choice") => "Single choice",
            (Lang::En, "multiple_choice") => "Multiple choice",
            (Lang::En, "true_false") => "True/false",
            (Lang::En, "short_answer") => "Short answer",
            (Lang::En, "ordering") => "Ordering",
            (Lang::En, "matching") => "Matching",
            _ => "—",
        }
    }
}

/// The authoring pages' texts of the current page.
pub fn use_author_texts() -> &'static AuthorTexts {
    AuthorTexts::get(super::use_lang())
}

/// Codes the authoring service and API answer with.
pub const ERROR_CODES: [&str; 19] = [
    "file_too_large",
    "file_type_refused",
    "invalid_course_code",
    "course_code_taken",
    "title_required",
    "title_too_long",
    "summary_too_long",
    "competences_required",
    "body_too_long",
    "invalid_quiz_code",
    "quiz_code_taken",
    "invalid_pass_mark",
    "invalid_floor",
    "invalid_time_limit",
    "invalid_attempt_limit",
    "no_draw_rule",
    "invalid_draw_rule",
    "not_enough_questions",
    "unknown_bank_format",
];

pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "invalid_course_code") => {
            "Mã không hợp lệ: dùng chữ in hoa không dấu và chữ số, nối bằng dấu gạch ngang (ví dụ KNS-CB-01), tối đa 32 ký tự."
        }
        (Lang::En, "invalid_course_code") => {
            "Invalid code: capital letters and digits joined by hyphens (e.g. KNS-CB-01), at most 32 characters."
        }
        (Lang::Vi, "course_code_taken") => "Đã có khoá học mang mã này.",
        (Lang::En, "course_code_taken") => "A course with this code already exists.",
        (Lang::Vi, "title_required") => "Hãy nhập tên.",
        (Lang::En, "title_required") => "Enter a title.",
        (Lang::Vi, "title_too_long") => "Tên dài quá 200 ký tự.",
        (Lang::En, "title_too_long") => "The title is longer than 200 characters.",
        (Lang::Vi, "summary_too_long") => "Phần giới thiệu dài quá 2000 ký tự.",
        (Lang::En, "summary_too_long") => "The summary is longer than 2000 characters.",
        (Lang::Vi, "competences_required") => "Chọn ít nhất một lĩnh vực năng lực.",
        (Lang::En, "competences_required") => "Choose at least one competence domain.",
        (Lang::Vi, "body_too_long") => "Nội dung bài học quá dài (tối đa 200 KB).",
        (Lang::En, "body_too_long") => "The lesson text is too long (200 KB at most).",
        (Lang::Vi, "invalid_quiz_code") => {
            "Mã bài kiểm tra không hợp lệ: chữ in hoa không dấu và chữ số, nối bằng dấu gạch ngang (ví dụ KNS-CB-01-KT)."
        }
        (Lang::En, "invalid_quiz_code") => {
            "Invalid quiz code: capital letters and digits joined by hyphens (e.g. KNS-CB-01-KT)."
        }
        (Lang::Vi, "quiz_code_taken") => "Đã có bài kiểm tra mang mã này.",
        (Lang::En, "quiz_code_taken") => "A quiz with this code already exists.",
        (Lang::Vi, "invalid_pass_mark") => "Điểm đạt phải là số từ 0 đến 100.",
        (Lang::En, "invalid_pass_mark") => "The pass mark must be a number from 0 to 100.",
        (Lang::Vi, "invalid_floor") => "Điểm sàn mỗi lĩnh vực phải là số từ 0 đến 100.",
        (Lang::En, "invalid_floor") => "The floor must be a number from 0 to 100.",
        (Lang::Vi, "invalid_time_limit") => {
            "Thời gian làm bài phải từ 1 đến 600 phút (để trống nếu không giới hạn)."
        }
        (Lang::En, "invalid_time_limit") => {
            "The time limit must be 1 to 600 minutes (empty for none)."
        }
        (Lang::Vi, "invalid_attempt_limit") => {
            "Số lần làm bài phải từ 1 đến 100 (để trống nếu không giới hạn)."
        }
        (Lang::En, "invalid_attempt_limit") => {
            "The attempt limit must be 1 to 100 (empty for none)."
        }
        (Lang::Vi, "no_draw_rule") => {
            "Hãy cho biết cần rút bao nhiêu câu hỏi (ít nhất một ô lớn hơn 0)."
        }
        (Lang::En, "no_draw_rule") => {
            "Say how many questions to draw (at least one count above 0)."
        }
        (Lang::Vi, "invalid_draw_rule") => "Số câu hỏi phải là số nguyên từ 0 đến 100.",
        (Lang::En, "invalid_draw_rule") => "Question counts must be whole numbers from 0 to 100.",
        (Lang::Vi, "not_enough_questions") => {
            "Ngân hàng không đủ câu hỏi cho quy tắc rút câu hỏi: hãy giảm số câu hoặc nhập thêm câu hỏi."
        }
        (Lang::En, "not_enough_questions") => {
            "The bank does not hold enough questions for the draw rules: draw fewer or add questions."
        }
        (Lang::Vi, "unknown_bank_format") => "Định dạng tệp không hợp lệ: chọn gift hoặc xml.",
        (Lang::En, "unknown_bank_format") => "Unknown file format: choose gift or xml.",
        (Lang::Vi, "file_too_large") => "Tệp lớn quá 5 MB.",
        (Lang::En, "file_too_large") => "The file is larger than 5 MB.",
        (Lang::Vi, "file_type_refused") => "Chỉ nhận ảnh PNG, JPEG, WebP, GIF hoặc tài liệu PDF.",
        (Lang::En, "file_type_refused") => {
            "Only PNG, JPEG, WebP or GIF images and PDF documents are accepted."
        }
        _ => return None,
    };
    Some(text)
}

static VI: AuthorTexts = AuthorTexts {
    lang: Lang::Vi,
    nav_author: "Soạn bài",
    home_title: "Soạn bài giảng",
    home_intro: "Tạo và sửa khoá học, bài học, bài kiểm tra và ngân hàng câu hỏi. Khoá học chỉ hiện với học viên khi đã xuất bản.",
    new_course: "Tạo khoá học mới",
    to_bank: "Ngân hàng câu hỏi",
    to_quizzes: "Bài kiểm tra và bài đánh giá",
    courses_title: "Các khoá học",
    no_course: "Chưa có khoá học nào.",
    code: "Mã khoá học",
    code_hint: "Chữ in hoa không dấu và chữ số, nối bằng dấu gạch ngang, ví dụ KNS-CB-01. Không đổi được sau khi tạo.",
    title: "Tên",
    summary: "Giới thiệu ngắn",
    audience: "Đối tượng",
    competences: "Lĩnh vực năng lực",
    counts_as_training: "Tính là bồi dưỡng kỹ năng số",
    status: "Trạng thái",
    published: "Đã xuất bản",
    draft: "Bản nháp",
    lessons: "Bài học",
    quizzes: "Bài kiểm tra",
    save: "Lưu",
    saved: "Đã lưu.",
    course_fields: "Thông tin khoá học",
    publish: "Xuất bản",
    unpublish: "Ngừng xuất bản",
    publish_hint: "Khoá học đã xuất bản hiện trong danh mục cho mọi người.",
    view_in_catalogue: "Xem trong danh mục",
    add_lesson: "Thêm bài học",
    no_lesson: "Khoá học chưa có bài học nào.",
    edit: "Sửa",
    delete: "Xoá",
    move_up: "Chuyển lên",
    move_down: "Chuyển xuống",
    back_to_course: "Về khoá học",
    back_to_list: "Về danh sách",
    new_lesson_title: "Bài học mới",
    edit_lesson_title: "Sửa bài học",
    lesson_title: "Tên bài học",
    body: "Nội dung (Markdown)",
    body_hint: "Viết bằng Markdown: ## Tiêu đề, **đậm**, danh sách bắt đầu bằng -, liên kết [chữ](https://…). Bản xem trước cập nhật khi bạn gõ.",
    preview: "Xem trước",
    preview_button: "Xem trước",
    attach_title: "Ảnh và tệp đính kèm",
    attach_file: "Chọn ảnh hoặc tệp PDF",
    attach_hint: "PNG, JPEG, WebP, GIF hoặc PDF, tối đa 5 MB. Sau khi tải lên, liên kết được chèn vào cuối nội dung.",
    attach_send: "Tải lên và chèn",
    attach_done: "Đã chèn vào nội dung:",
    add_quiz: "Thêm bài kiểm tra",
    no_quiz: "Chưa có bài kiểm tra.",
    quizzes_title: "Bài kiểm tra và bài đánh giá",
    quizzes_intro: "Bài kiểm tra cuối khoá và bài đánh giá năng lực làm chủ kỹ năng số: câu hỏi được rút ngẫu nhiên từ ngân hàng theo quy tắc.",
    new_mastery: "Tạo bài đánh giá mới",
    new_quiz_title: "Bài kiểm tra mới",
    edit_quiz_title: "Cài đặt bài kiểm tra",
    quiz_code: "Mã bài kiểm tra",
    course: "Khoá học",
    no_course_option: "Không thuộc khoá học nào",
    mastery: "Bài đánh giá năng lực làm chủ kỹ năng số",
    mastery_hint: "Đạt khi điểm chung đạt điểm đạt và mọi lĩnh vực đạt điểm sàn.",
    pass_mark: "Điểm đạt (%)",
    floor: "Điểm sàn mỗi lĩnh vực (%)",
    floor_hint: "Chỉ áp dụng cho bài đánh giá năng lực.",
    time_limit: "Thời gian làm bài (phút)",
    max_attempts: "Số lần làm bài tối đa",
    empty_is_none: "Để trống nếu không giới hạn.",
    review: "Sau khi nộp bài, học viên được xem",
    quiz_published: "Mở cho học viên làm bài",
    rules: "Quy tắc rút câu hỏi",
    rules_hint: "Số câu hỏi rút ngẫu nhiên cho mỗi lĩnh vực và mức độ; để trống hoặc 0 nếu không rút.",
    any_domain: "Mọi lĩnh vực",
    any_difficulty: "Mọi mức độ",
    domain: "Lĩnh vực",
    try_quiz: "Mở trang bài kiểm tra",
    bank_title: "Ngân hàng câu hỏi",
    bank_intro: "Câu hỏi theo lĩnh vực năng lực và mức độ. Nhập thêm từ tệp GIFT hoặc Moodle XML: mục $CATEGORY (ví dụ an_toan/de) cho biết lĩnh vực và mức độ.",
    difficulty: "Mức độ",
    kind: "Loại",
    text: "Nội dung",
    any: "Tất cả",
    filter: "Lọc",
    question_count: "Số câu hỏi:",
    no_question: "Không có câu hỏi nào.",
    upload_title: "Nhập câu hỏi từ tệp",
    file: "Tệp câu hỏi",
    file_hint: "Tệp văn bản GIFT (.gift, .txt) hoặc Moodle XML (.xml), mã hoá UTF-8. Có câu hỏi lỗi thì không nhập câu nào.",
    format: "Định dạng",
    dry_run: "Chỉ kiểm tra, không lưu",
    send: "Tải lên",
    sending: "Đang tải tệp lên",
    checking: "Đang kiểm tra từng câu hỏi…",
    upload_failed: "Không gửi được tệp. Hãy kiểm tra kết nối và thử lại.",
    accepted: "Đã nhập số câu hỏi:",
    accepted_dry: "Tệp hợp lệ. Số câu hỏi sẽ nhập:",
    rejected: "Tệp bị từ chối, chưa nhập câu nào. Các câu hỏi cần sửa:",
    line: "Dòng",
    question: "Câu hỏi",
    problem: "Lỗi",
};

static EN: AuthorTexts = AuthorTexts {
    lang: Lang::En,
    nav_author: "Authoring",
    home_title: "Authoring",
    home_intro: "Create and edit courses, lessons, quizzes and the question bank. Learners see a course once it is published.",
    new_course: "New course",
    to_bank: "Question bank",
    to_quizzes: "Quizzes and assessments",
    courses_title: "Courses",
    no_course: "No course yet.",
    code: "Course code",
    code_hint: "Capital letters and digits joined by hyphens, e.g. KNS-CB-01. It cannot change once created.",
    title: "Title",
    summary: "Short summary",
    audience: "Audience",
    competences: "Competence domains",
    counts_as_training: "Counts as digital skills training",
    status: "Status",
    published: "Published",
    draft: "Draft",
    lessons: "Lessons",
    quizzes: "Quizzes",
    save: "Save",
    saved: "Saved.",
    course_fields: "Course details",
    publish: "Publish",
    unpublish: "Unpublish",
    publish_hint: "A published course is in the catalogue for everyone.",
    view_in_catalogue: "View in the catalogue",
    add_lesson: "Add a lesson",
    no_lesson: "The course has no lesson yet.",
    edit: "Edit",
    delete: "Delete",
    move_up: "Move up",
    move_down: "Move down",
    back_to_course: "Back to the course",
    back_to_list: "Back to the list",
    new_lesson_title: "New lesson",
    edit_lesson_title: "Edit lesson",
    lesson_title: "Lesson title",
    body: "Text (Markdown)",
    body_hint: "Written in Markdown: ## Heading, **bold**, lists starting with -, links [text](https://…). The preview follows as you type.",
    preview: "Preview",
    preview_button: "Preview",
    attach_title: "Images and attachments",
    attach_file: "Choose an image or a PDF",
    attach_hint: "PNG, JPEG, WebP, GIF or PDF, at most 5 MB. Once uploaded, its link is added at the end of the text.",
    attach_send: "Upload and insert",
    attach_done: "Added to the text:",
    add_quiz: "Add a quiz",
    no_quiz: "No quiz yet.",
    quizzes_title: "Quizzes and assessments",
    quizzes_intro: "Course-end quizzes and the digital skills mastery assessment: questions drawn at random from the bank by rules.",
    new_mastery: "New assessment",
    new_quiz_title: "New quiz",
    edit_quiz_title: "Quiz settings",
    quiz_code: "Quiz code",
    course: "Course",
    no_course_option: "No course",
    mastery: "Digital skills mastery assessment",
    mastery_hint: "Passed when the overall score reaches the pass mark and every domain its floor.",
    pass_mark: "Pass mark (%)",
    floor: "Floor per domain (%)",
    floor_hint: "For mastery assessments only.",
    time_limit: "Time limit (minutes)",
    max_attempts: "Attempt limit",
    empty_is_none: "Leave empty for no limit.",
    review: "After submitting, learners see",
    quiz_published: "Open to learners",
    rules: "Draw rules",
    rules_hint: "Questions drawn at random per domain and difficulty; empty or 0 for none.",
    any_domain: "Any domain",
    any_difficulty: "Any difficulty",
    domain: "Domain",
    try_quiz: "Open the quiz page",
    bank_title: "Question bank",
    bank_intro: "Questions by competence domain and difficulty. Add more from a GIFT or Moodle XML file: the $CATEGORY (e.g. an_toan/de) gives the domain and difficulty.",
    difficulty: "Difficulty",
    kind: "Type",
    text: "Text",
    any: "All",
    filter: "Filter",
    question_count: "Questions:",
    no_question: "No question.",
    upload_title: "Import questions from a file",
    file: "Question file",
    file_hint: "A GIFT text file (.gift, .txt) or Moodle XML (.xml), UTF-8. If any question has a problem, none is imported.",
    format: "Format",
    dry_run: "Check only, do not save",
    send: "Upload",
    sending: "Uploading",
    checking: "Checking every question…",
    upload_failed: "The file could not be sent. Check the connection and try again.",
    accepted: "Questions imported:",
    accepted_dry: "The file is valid. Questions that would be imported:",
    rejected: "The file was rejected; nothing was imported. Questions to fix:",
    line: "Line",
    question: "Question",
    problem: "Problem",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_both_languages() {
        for lang in Lang::ALL {
            for code in ERROR_CODES {
                assert!(error(*lang, code).is_some(), "{lang:?} {code}");
            }
        }
    }
}

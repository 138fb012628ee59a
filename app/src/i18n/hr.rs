//! Text of the HR area (dashboard, people, person record, imports) and of linking an account
//! to a staff record, in Vietnamese and English. A missing entry is a compile error.
use domain::Lang;
use domain::exchange::{Format, StaffKind};
use domain::hr::{IndicatorKey, PersonStatus};

pub struct HrTexts {
    pub lang: Lang,
    pub nav_dashboard: &'static str,
    pub dashboard_title: &'static str,
    pub province: &'static str,
    pub unit_field: &'static str,
    pub as_of_field: &'static str,
    pub show: &'static str,
    pub no_percentage: &'static str,
    pub people_word: &'static str,
    pub achieved: &'static str,
    pub not_yet: &'static str,
    pub by_unit_title: &'static str,
    pub by_unit_none: &'static str,
    pub monthly_title: &'static str,
    pub chart_table: &'static str,
    pub month: &'static str,
    pub unit_col: &'static str,
    pub export_csv: &'static str,
    pub export_xlsx: &'static str,
    pub to_people: &'static str,
    pub to_import: &'static str,
    pub people_title: &'static str,
    pub search_field: &'static str,
    pub kind_field: &'static str,
    pub status_field: &'static str,
    pub indicator_field: &'static str,
    pub any: &'static str,
    pub filter: &'static str,
    pub people_count: &'static str,
    pub people_none: &'static str,
    pub staff_code: &'static str,
    pub full_name: &'static str,
    pub kind_col: &'static str,
    pub trained_col: &'static str,
    pub mastered_col: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page_of: &'static str,
    pub person_title: &'static str,
    pub personal_id: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub account: &'static str,
    pub no_account: &'static str,
    pub candidates: &'static str,
    pub confirm_link: &'static str,
    pub unlink: &'static str,
    pub assignments_title: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub trainings_title: &'static str,
    pub assessments_title: &'static str,
    pub none_yet: &'static str,
    pub attempts_title: &'static str,
    pub quiz: &'static str,
    pub started_on: &'static str,
    pub status: &'static str,
    pub attempt_open: &'static str,
    pub attempt_submitted: &'static str,
    pub attempt_timed_out: &'static str,
    pub certificates_title: &'static str,
    pub no_account_no_platform: &'static str,
    pub programme_code: &'static str,
    pub assessment_code: &'static str,
    pub date: &'static str,
    pub mode: &'static str,
    pub mode_online: &'static str,
    pub mode_in_person: &'static str,
    pub evidence: &'static str,
    pub evidence_hint: &'static str,
    pub source: &'static str,
    pub score: &'static str,
    pub passed: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub add_training_title: &'static str,
    pub add_assessment_title: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub format_field: &'static str,
    pub file_field: &'static str,
    pub file_hint: &'static str,
    pub dry_run: &'static str,
    pub dry_run_hint: &'static str,
    pub province_field: &'static str,
    pub province_hint: &'static str,
    pub send: &'static str,
    pub uploading: &'static str,
    pub checking: &'static str,
    pub accepted: &'static str,
    pub accepted_dry: &'static str,
    pub rejected: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub problem: &'static str,
    pub templates: &'static str,
    pub template_for: &'static str,
    pub upload_failed: &'static str,
    pub link_title: &'static str,
    pub link_intro: &'static str,
    pub link_proof: &'static str,
    pub link_proof_hint: &'static str,
    pub link_submit: &'static str,
    pub linked_as: &'static str,
    pub link_state_proposed: &'static str,
    pub link_state_accepted: &'static str,
    pub link_state_refused: &'static str,
    pub link_state_claimed: &'static str,
    pub propose_contact: &'static str,
    pub propose_hint: &'static str,
    pub propose_submit: &'static str,
    pub proposal_sent: &'static str,
    pub proposals_title: &'static str,
    pub proposals_intro: &'static str,
    pub accept: &'static str,
    pub refuse: &'static str,
    pub erase_person_title: &'static str,
    pub erase_person_intro: &'static str,
    pub erase_reason: &'static str,
    pub erase_person_button: &'static str,
    pub back_dashboard: &'static str,
}

impl HrTexts {
    /// The state of an account link as hr sees it (never anything of the account).
    pub fn link_state(&self, state: &str) -> &'static str {
        match state {
            "accepted" => self.link_state_accepted,
            "refused" => self.link_state_refused,
            "claimed" => self.link_state_claimed,
            _ => self.link_state_proposed,
        }
    }

    pub fn get(lang: Lang) -> &'static HrTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    pub fn indicator(&self, key: IndicatorKey) -> &'static str {
        match (self.lang(), key) {
            (Lang::Vi, IndicatorKey::ProvincialTrained) => {
                "Cán bộ, công chức cấp tỉnh được bồi dưỡng kỹ năng số"
            }
            (Lang::Vi, IndicatorKey::CommuneTrained) => {
                "Cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số"
            }
            (Lang::Vi, IndicatorKey::Mastered) => {
                "Cán bộ, công chức, viên chức làm chủ kỹ năng số trong công việc"
            }
            (Lang::En, IndicatorKey::ProvincialTrained) => {
                "Provincial-level officials trained in digital skills"
            }
            (Lang::En, IndicatorKey::CommuneTrained) => {
                "Commune-level officials trained in digital skills"
            }
            (Lang::En, IndicatorKey::Mastered) => {
                "Officials and public employees who master digital skills at work"
            }
        }
    }

    /// A short name for chart legends and narrow columns.
    pub fn indicator_short(&self, key: IndicatorKey) -> &'static str {
        match (self.lang(), key) {
            (Lang::Vi, IndicatorKey::ProvincialTrained) => "Bồi dưỡng cấp tỉnh",
            (Lang::Vi, IndicatorKey::CommuneTrained) => "Bồi dưỡng cấp xã",
            (Lang::Vi, IndicatorKey::Mastered) => "Làm chủ kỹ năng số",
            (Lang::En, IndicatorKey::ProvincialTrained) => "Trained, provincial",
            (Lang::En, IndicatorKey::CommuneTrained) => "Trained, commune",
            (Lang::En, IndicatorKey::Mastered) => "Mastery",
        }
    }

    pub fn status(&self, status: PersonStatus) -> &'static str {
        match (self.lang(), status) {
            (Lang::Vi, PersonStatus::Trained) => "Đã được bồi dưỡng",
            (Lang::Vi, PersonStatus::NotTrained) => "Chưa được bồi dưỡng",
            (Lang::Vi, PersonStatus::Mastered) => "Đã làm chủ kỹ năng số",
            (Lang::Vi, PersonStatus::NotMastered) => "Chưa làm chủ kỹ năng số",
            (Lang::En, PersonStatus::Trained) => "Trained",
            (Lang::En, PersonStatus::NotTrained) => "Not trained yet",
            (Lang::En, PersonStatus::Mastered) => "Masters digital skills",
            (Lang::En, PersonStatus::NotMastered) => "Does not master digital skills yet",
        }
    }

    pub fn kind(&self, kind: StaffKind) -> &'static str {
        match (self.lang(), kind) {
            (Lang::Vi, StaffKind::CanBo) => "Cán bộ",
            (Lang::Vi, StaffKind::CongChuc) => "Công chức",
            (Lang::Vi, StaffKind::VienChuc) => "Viên chức",
            (Lang::Vi, StaffKind::Khac) => "Khác (hợp đồng)",
            (Lang::En, StaffKind::CanBo) => "Cadre",
            (Lang::En, StaffKind::CongChuc) => "Civil servant",
            (Lang::En, StaffKind::VienChuc) => "Public employee",
            (Lang::En, StaffKind::Khac) => "Other (contract)",
        }
    }

    pub fn format(&self, format: Format) -> &'static str {
        match (self.lang(), format) {
            (Lang::Vi, Format::Units) => "Danh mục đơn vị (don_vi)",
            (Lang::Vi, Format::Roster) => "Danh sách cán bộ (danh_sach)",
            (Lang::Vi, Format::Training) => "Kết quả bồi dưỡng (boi_duong)",
            (Lang::Vi, Format::Assessment) => "Kết quả đánh giá (danh_gia)",
            (Lang::En, Format::Units) => "Units (don_vi)",
            (Lang::En, Format::Roster) => "Roster (danh_sach)",
            (Lang::En, Format::Training) => "Training records (boi_duong)",
            (Lang::En, Format::Assessment) => "Assessment results (danh_gia)",
        }
    }

    pub fn source(&self, source: &str) -> &'static str {
        match (self.lang(), source) {
            (Lang::Vi, "import") => "Nhập từ tệp",
            (Lang::Vi, "manual") => "Nhập tay",
            (Lang::Vi, "platform") => "Học trên nền tảng",
            (Lang::En, "import") => "Imported",
            (Lang::En, "manual") => "Entered by hand",
            (Lang::En, "platform") => "On the platform",
            _ => "",
        }
    }

    fn lang(&self) -> Lang {
        self.lang
    }
}

pub static VI: HrTexts = HrTexts {
    lang: Lang::Vi,
    nav_dashboard: "Chỉ số đơn vị",
    dashboard_title: "Chỉ số kỹ năng số",
    province: "Toàn tỉnh",
    unit_field: "Đơn vị",
    as_of_field: "Tính đến ngày",
    show: "Xem",
    no_percentage: "Chưa có số liệu",
    people_word: "người",
    achieved: "Đạt",
    not_yet: "Chưa đạt",
    by_unit_title: "Theo đơn vị trực thuộc",
    by_unit_none: "Đơn vị này không có đơn vị trực thuộc.",
    monthly_title: "Diễn biến theo tháng",
    chart_table: "Số liệu của biểu đồ",
    month: "Tháng",
    unit_col: "Đơn vị",
    export_csv: "Tải CSV",
    export_xlsx: "Tải Excel",
    to_people: "Danh sách cán bộ",
    to_import: "Nhập dữ liệu từ tệp",
    people_title: "Danh sách cán bộ, công chức, viên chức",
    search_field: "Tìm theo họ tên hoặc mã cán bộ",
    kind_field: "Loại",
    status_field: "Tình trạng",
    indicator_field: "Thuộc chỉ số",
    any: "Tất cả",
    filter: "Lọc",
    people_count: "Số người:",
    people_none: "Không có ai phù hợp với điều kiện lọc.",
    staff_code: "Mã cán bộ",
    full_name: "Họ và tên",
    kind_col: "Loại",
    trained_col: "Bồi dưỡng",
    mastered_col: "Làm chủ",
    previous: "Trang trước",
    next: "Trang sau",
    page_of: "Trang",
    person_title: "Hồ sơ cán bộ",
    personal_id: "Số định danh cá nhân",
    email: "Email",
    phone: "Số điện thoại",
    account: "Tài khoản trên Học Vụ Số",
    no_account: "Chưa liên kết tài khoản.",
    candidates: "Tài khoản có cùng email hoặc số điện thoại:",
    confirm_link: "Xác nhận liên kết",
    unlink: "Hủy liên kết",
    assignments_title: "Quá trình công tác",
    start: "Từ ngày",
    end: "Đến ngày",
    trainings_title: "Bồi dưỡng kỹ năng số",
    assessments_title: "Đánh giá kỹ năng số",
    none_yet: "Chưa có.",
    attempts_title: "Bài kiểm tra và đánh giá trên nền tảng",
    quiz: "Bài",
    started_on: "Ngày làm",
    status: "Trạng thái",
    attempt_open: "Đang làm",
    attempt_submitted: "Đã nộp",
    attempt_timed_out: "Hết giờ",
    certificates_title: "Chứng nhận",
    no_account_no_platform: "Chưa liên kết tài khoản: chưa có bài làm hay chứng nhận trên nền tảng.",
    programme_code: "Mã khóa học",
    assessment_code: "Mã bài đánh giá",
    date: "Ngày",
    mode: "Hình thức",
    mode_online: "Trực tuyến",
    mode_in_person: "Trực tiếp",
    evidence: "Căn cứ",
    evidence_hint: "Ví dụ: Quyết định số 125/QĐ-SNV ngày 10/3/2026, danh sách học viên kèm theo.",
    source: "Nguồn",
    score: "Điểm",
    passed: "Đạt",
    yes: "Có",
    no: "Không",
    add_training_title: "Ghi nhận bồi dưỡng trực tiếp",
    add_assessment_title: "Ghi nhận kết quả đánh giá trực tiếp",
    save: "Lưu",
    saved: "Đã lưu.",
    import_title: "Nhập dữ liệu từ tệp",
    import_intro: "Tải lên tệp CSV (UTF-8, dấu phẩy hoặc chấm phẩy) hoặc Excel (.xlsx, trang tính đầu tiên). Tệp được nhận toàn bộ hoặc không nhận dòng nào: nếu có lỗi, hệ thống liệt kê mọi dòng lỗi để anh/chị sửa rồi gửi lại.",
    format_field: "Loại dữ liệu",
    file_field: "Tệp dữ liệu",
    file_hint: "Dòng đầu tiên là tên cột, ghi theo tệp mẫu.",
    dry_run: "Chỉ kiểm tra, chưa ghi vào hệ thống",
    dry_run_hint: "Nên kiểm tra trước với tệp lớn.",
    province_field: "Mã tỉnh",
    province_hint: "Chỉ cần khi hệ thống có nhiều tỉnh: tệp được nhập vào tỉnh này.",
    send: "Gửi tệp",
    uploading: "Đang tải tệp lên",
    checking: "Đang kiểm tra từng dòng…",
    accepted: "Đã nhận tệp: số dòng đã ghi nhận là",
    accepted_dry: "Tệp hợp lệ, chưa ghi vào hệ thống. Số dòng sẽ được ghi nhận:",
    rejected: "Tệp chưa được nhận. Hãy sửa các dòng dưới đây rồi gửi lại:",
    row: "Dòng",
    column: "Cột",
    problem: "Lỗi",
    templates: "Tệp mẫu",
    template_for: "Tệp mẫu",
    upload_failed: "Không gửi được tệp. Hãy kiểm tra kết nối mạng rồi thử lại.",
    link_title: "Hồ sơ cán bộ của tôi",
    link_intro: "Nếu anh/chị là cán bộ, công chức, viên chức, hãy liên kết tài khoản với hồ sơ do đơn vị quản lý để kết quả học tập trên Học Vụ Số được tính cho đơn vị.",
    link_proof: "Số định danh cá nhân",
    link_proof_hint: "Đủ 12 chữ số trên căn cước, đúng như đơn vị đã ghi trong hồ sơ. Nếu hồ sơ chưa có số định danh, hãy nhờ cán bộ phụ trách nhân sự của đơn vị liên kết giúp.",
    link_submit: "Liên kết",
    linked_as: "Tài khoản đã liên kết với hồ sơ:",
    link_state_proposed: "Đã đề nghị liên kết, đang chờ chủ tài khoản xác nhận.",
    link_state_accepted: "Chủ tài khoản đã chấp nhận liên kết.",
    link_state_refused: "Chủ tài khoản đã từ chối liên kết.",
    link_state_claimed: "Người này đã tự liên kết tài khoản.",
    propose_contact: "Email, số điện thoại hoặc tên đăng nhập của tài khoản",
    propose_hint: "Chủ tài khoản sẽ được hỏi khi vào Học Vụ Số lần tới. Chỉ khi họ chấp nhận, kết quả học tập và chứng nhận trên nền tảng mới hiện ở đây và được tính cho đơn vị.",
    propose_submit: "Đề nghị liên kết",
    proposal_sent: "Đã gửi đề nghị. Nếu có tài khoản dùng thông tin này, chủ tài khoản sẽ được hỏi khi vào Học Vụ Số.",
    proposals_title: "Đề nghị liên kết hồ sơ cán bộ",
    proposals_intro: "Bộ phận tổ chức cán bộ đề nghị liên kết tài khoản của anh/chị với hồ sơ dưới đây. Chỉ chấp nhận nếu đúng là hồ sơ của anh/chị: khi đó đơn vị xem được kết quả học tập và chứng nhận của anh/chị trên Học Vụ Số.",
    accept: "Chấp nhận",
    refuse: "Từ chối",
    erase_person_title: "Ẩn danh hồ sơ (quản trị viên)",
    erase_person_intro: "Họ tên, số định danh, email và số điện thoại được thay bằng bí danh; mã cán bộ và các kết quả được giữ nên chỉ số các kỳ trước không đổi; liên kết tài khoản bị gỡ. Không thể hoàn tác.",
    erase_reason: "Lý do (ghi vào nhật ký)",
    erase_person_button: "Ẩn danh hồ sơ",
    back_dashboard: "Về trang chỉ số",
};

pub static EN: HrTexts = HrTexts {
    lang: Lang::En,
    nav_dashboard: "Unit indicators",
    dashboard_title: "Digital skills indicators",
    province: "Whole province",
    unit_field: "Unit",
    as_of_field: "As of",
    show: "Show",
    no_percentage: "No data yet",
    people_word: "people",
    achieved: "Achieved",
    not_yet: "Not yet",
    by_unit_title: "By sub-unit",
    by_unit_none: "This unit has no sub-units.",
    monthly_title: "Month by month",
    chart_table: "Chart data",
    month: "Month",
    unit_col: "Unit",
    export_csv: "Download CSV",
    export_xlsx: "Download Excel",
    to_people: "Staff list",
    to_import: "Import from a file",
    people_title: "Officials and public employees",
    search_field: "Search by name or staff code",
    kind_field: "Kind",
    status_field: "Status",
    indicator_field: "Counted in",
    any: "All",
    filter: "Filter",
    people_count: "People:",
    people_none: "Nobody matches these filters.",
    staff_code: "Staff code",
    full_name: "Full name",
    kind_col: "Kind",
    trained_col: "Trained",
    mastered_col: "Mastery",
    previous: "Previous page",
    next: "Next page",
    page_of: "Page",
    person_title: "Staff record",
    personal_id: "Personal ID number",
    email: "Email",
    phone: "Phone",
    account: "Học Vụ Số account",
    no_account: "No account linked.",
    candidates: "Accounts with the same email or phone:",
    confirm_link: "Confirm link",
    unlink: "Remove link",
    assignments_title: "Assignments",
    start: "From",
    end: "Until",
    trainings_title: "Digital skills training",
    assessments_title: "Digital skills assessments",
    none_yet: "None yet.",
    attempts_title: "Quizzes and assessments on the platform",
    quiz: "Quiz",
    started_on: "Taken on",
    status: "Status",
    attempt_open: "In progress",
    attempt_submitted: "Submitted",
    attempt_timed_out: "Timed out",
    certificates_title: "Certificates",
    no_account_no_platform: "No account linked: no platform attempts or certificates.",
    programme_code: "Course code",
    assessment_code: "Assessment code",
    date: "Date",
    mode: "Mode",
    mode_online: "Online",
    mode_in_person: "In person",
    evidence: "Evidence",
    evidence_hint: "For example: Decision 125/QĐ-SNV of 10 March 2026, with the attendance list.",
    source: "Source",
    score: "Score",
    passed: "Passed",
    yes: "Yes",
    no: "No",
    add_training_title: "Record an in-person training",
    add_assessment_title: "Record an in-person assessment",
    save: "Save",
    saved: "Saved.",
    import_title: "Import from a file",
    import_intro: "Upload a CSV file (UTF-8, comma or semicolon) or an Excel file (.xlsx, first sheet). A file is taken whole or not at all: when rows are wrong, every one is listed so you can fix them and send the file again.",
    format_field: "Kind of data",
    file_field: "Data file",
    file_hint: "The first row names the columns, as in the template.",
    dry_run: "Only check, write nothing",
    dry_run_hint: "Worth doing first with a large file.",
    province_field: "Province code",
    province_hint: "Needed only when there are several provinces: the file goes into this one.",
    send: "Send the file",
    uploading: "Uploading",
    checking: "Checking every row…",
    accepted: "File accepted: rows recorded:",
    accepted_dry: "The file is valid; nothing was written. Rows that would be recorded:",
    rejected: "The file was not taken. Fix these rows and send it again:",
    row: "Row",
    column: "Column",
    problem: "Problem",
    templates: "Templates",
    template_for: "Template",
    upload_failed: "The file could not be sent. Check the connection and try again.",
    link_title: "My staff record",
    link_intro: "If you are an official or a public employee, link your account to the record your unit keeps, so what you learn on Học Vụ Số counts for your unit.",
    link_proof: "Personal ID number",
    link_proof_hint: "All 12 digits on your ID card, as your unit recorded them. If your record has no ID number, ask your HR officer to link it for you.",
    link_submit: "Link",
    linked_as: "This account is linked to the record:",
    link_state_proposed: "Link proposed; waiting for the account holder to confirm.",
    link_state_accepted: "The account holder accepted the link.",
    link_state_refused: "The account holder refused the link.",
    link_state_claimed: "This person linked their account themselves.",
    propose_contact: "E-mail, phone number or login of the account",
    propose_hint: "The account holder is asked on their next visit. Only once they accept do their platform results and certificates show here and count for the unit.",
    propose_submit: "Propose link",
    proposal_sent: "Proposal sent. If an account uses this, its holder will be asked on their next visit.",
    proposals_title: "Staff record link proposed",
    proposals_intro: "The personnel office proposes to link your account to the record below. Accept only if it is yours: your unit will then see your results and certificates on Học Vụ Số.",
    accept: "Accept",
    refuse: "Refuse",
    erase_person_title: "Pseudonymise record (admin)",
    erase_person_intro: "Name, personal ID number, e-mail and phone are replaced by a pseudonym; the staff code and the records stay, so past indicators do not change; the account link is removed. This cannot be undone.",
    erase_reason: "Reason (kept in the audit log)",
    erase_person_button: "Pseudonymise record",
    back_dashboard: "Back to the indicators",
};

/// Counts with the language's thousands separator: `1.000` in Vietnamese, `1,000` in English.
pub fn format_count(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(0, Lang::Vi), "0");
        assert_eq!(format_count(965, Lang::Vi), "965");
        assert_eq!(format_count(1000, Lang::Vi), "1.000");
        assert_eq!(format_count(1234567, Lang::En), "1,234,567");
    }

    #[test]
    fn both_languages_name_every_indicator_status_and_kind() {
        for key in IndicatorKey::ALL {
            assert_ne!(VI.indicator(*key), EN.indicator(*key));
        }
        for s in PersonStatus::ALL {
            assert_ne!(VI.status(*s), EN.status(*s));
        }
        for k in StaffKind::ALL {
            assert_ne!(VI.kind(*k), EN.kind(*k));
        }
    }
}

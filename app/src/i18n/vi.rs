//! Tiếng Việt: the default language of the interface.
use super::Texts;
use domain::{Lang, Role};

pub static TEXTS: Texts = Texts {
    lang: Lang::Vi,
    app_name: "Học Vụ Số",
    tagline: "Bình dân học vụ số",
    skip_to_content: "Bỏ qua, đến nội dung chính",
    nav_label: "Điều hướng chính",
    menu: "Trình đơn",
    nav_home: "Trang chủ",
    nav_account: "Tài khoản",
    nav_admin_users: "Quản lý người dùng",
    login: "Đăng nhập",
    logout: "Đăng xuất",
    register: "Đăng ký",
    switch_lang: "English",
    switch_lang_code: "en",
    home_title: "Học kỹ năng số, ở đâu cũng học được",
    home_intro: "Học Vụ Số giúp cán bộ, công chức, viên chức và người dân của tỉnh học và rèn luyện kỹ năng số: bài học ngắn, bài kiểm tra ngay sau mỗi khóa, chứng nhận có mã xác thực.",
    home_points: [
        "Học trên điện thoại, cả khi mạng chập chờn.",
        "Đánh giá mức độ làm chủ kỹ năng số theo sáu miền năng lực.",
        "Đơn vị theo dõi kết quả bồi dưỡng theo thời gian thực.",
    ],
    home_welcome: "Chào mừng bạn quay lại,",
    login_title: "Đăng nhập",
    login_field: "Số điện thoại, email hoặc tên đăng nhập",
    password_field: "Mật khẩu",
    password_hint: "Từ 8 đến 128 ký tự. Nên dùng một câu dễ nhớ với bạn nhưng khó đoán với người khác.",
    no_account: "Chưa có tài khoản?",
    have_account: "Đã có tài khoản?",
    register_title: "Đăng ký tài khoản người học",
    full_name_field: "Họ và tên",
    contact_field: "Số điện thoại hoặc email",
    contact_hint: "Bạn sẽ dùng số điện thoại hoặc email này để đăng nhập.",
    commune_field: "Xã, phường nơi cư trú",
    commune_choose: "— Chọn xã, phường —",
    consent_label: "Tôi đồng ý để Học Vụ Số lưu họ tên, số điện thoại hoặc email, nơi cư trú và kết quả học tập của tôi.",
    consent_details: "Các thông tin này chỉ dùng để quản lý việc học, cấp chứng nhận và thống kê kết quả bồi dưỡng kỹ năng số của tỉnh. Bạn có thể tải về dữ liệu của mình hoặc xóa tài khoản bất cứ lúc nào tại trang Tài khoản.",
    account_title: "Tài khoản của tôi",
    account_login: "Tên đăng nhập",
    account_roles: "Vai trò",
    must_sign_in: "Vui lòng đăng nhập để xem trang này.",
    users_title: "Quản lý người dùng",
    users_search: "Tìm theo họ tên hoặc tên đăng nhập",
    users_name: "Họ và tên",
    users_login: "Tên đăng nhập",
    users_roles: "Vai trò",
    users_status: "Trạng thái",
    users_actions: "Thao tác",
    users_active: "Đang hoạt động",
    users_disabled: "Đã khóa",
    users_disable: "Khóa tài khoản",
    users_enable: "Mở khóa",
    users_revoke: "Thu hồi",
    users_grant: "Cấp vai trò",
    users_role: "Vai trò",
    users_unit_code: "Mã đơn vị (với cán bộ nhân sự, tổ công nghệ số)",
    users_none: "Không tìm thấy người dùng nào.",
    search: "Tìm kiếm",
    loading: "Đang tải…",
    not_found_title: "Không tìm thấy trang",
    not_found_body: "Địa chỉ bạn mở không tồn tại hoặc đã được chuyển đi.",
    back_home: "Về trang chủ",
    forbidden: "Bạn không có quyền xem trang này.",
    footer: "Học Vụ Số — nền tảng bồi dưỡng kỹ năng số của phong trào Bình dân học vụ số.",
    error_title: "Đã có lỗi xảy ra",
};

/// The message for a code of `domain::error_codes::ALL`; `None` for any other.
pub fn error(code: &str) -> Option<&'static str> {
    Some(match code {
        "required" => "Vui lòng điền thông tin này.",
        "too_short" => "Nội dung quá ngắn.",
        "too_long" => "Nội dung quá dài.",
        "invalid_name" => {
            "Họ và tên chỉ gồm chữ cái, dấu cách, dấu gạch nối hoặc dấu nháy, từ 2 đến 100 ký tự."
        }
        "invalid_email" => "Địa chỉ email không đúng định dạng, ví dụ: ten@vidu.vn.",
        "invalid_phone" => {
            "Số điện thoại di động không đúng: cần 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."
        }
        "invalid_login" => {
            "Hãy nhập số điện thoại, email, hoặc tên đăng nhập từ 3 đến 64 ký tự (chữ không dấu, số, dấu chấm, gạch)."
        }
        "password_too_short" => "Mật khẩu phải có ít nhất 8 ký tự.",
        "password_too_long" => "Mật khẩu không được dài quá 128 ký tự.",
        "password_common" => {
            "Mật khẩu này quá phổ biến nên rất dễ bị đoán. Vui lòng chọn mật khẩu khác."
        }
        "login_taken" => "Số điện thoại hoặc email này đã được dùng cho một tài khoản khác.",
        "unknown_unit" => "Không tìm thấy đơn vị này.",
        "already_province_admin" => "Tài khoản này đã là quản trị viên của một tỉnh khác.",
        "ambiguous_unit" => "Mã đơn vị này có ở nhiều tỉnh: hãy chọn tỉnh trước.",
        "invalid_province_code" => {
            "Mã tỉnh chỉ gồm chữ không dấu, số và dấu gạch, tối đa 20 ký tự."
        }
        "province_exists" => "Đã có một tỉnh với mã này.",
        "province_required" => "Hệ thống có nhiều tỉnh: hãy chọn tỉnh.",
        "unknown_account" => "Không tìm thấy tài khoản với tên đăng nhập này.",
        "unknown_province" => "Không tìm thấy tỉnh này.",
        "unit_required" => "Vai trò này cần chọn một đơn vị.",
        "unit_not_allowed" => "Vai trò này không gắn với đơn vị.",
        "consent_required" => "Bạn cần đồng ý với việc lưu thông tin để đăng ký.",
        "invalid_credentials" => "Sai tên đăng nhập hoặc mật khẩu.",
        "account_disabled" => "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.",
        "rate_limited" => "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
        "registration_limited" => {
            "Có quá nhiều lượt đăng ký trong lúc này. Vui lòng thử lại sau một phút."
        }
        "busy" => "Hệ thống đang bận. Vui lòng thử lại sau ít giây.",
        "failed_signins_notice" => {
            "Có {n} lần đăng nhập sai vào tài khoản của bạn kể từ lần truy cập trước. Nếu không phải bạn, hãy đổi mật khẩu."
        }
        "assist_ended" => {
            "Đã kết thúc hỗ trợ. Tổ viên vui lòng đăng nhập lại để dùng tài khoản của mình."
        }
        "unauthenticated" => "Vui lòng đăng nhập.",
        "forbidden" => "Bạn không có quyền thực hiện thao tác này.",
        "foreign_origin" => "Yêu cầu bị từ chối vì không xuất phát từ trang của Học Vụ Số.",
        "not_found" => "Không tìm thấy nội dung yêu cầu.",
        "attempt_limit" => "Bạn đã dùng hết số lần làm bài này.",
        "quiz_has_no_questions" => "Bài kiểm tra chưa có câu hỏi.",
        "attempt_closed" => "Bài làm đã nộp, không sửa được nữa.",
        "attempt_time_up" => "Đã hết thời gian làm bài.",
        "attempt_open" => "Bạn đang có một lần làm bài chưa nộp.",
        "invalid_input" => "Dữ liệu gửi lên chưa hợp lệ.",
        "payload_too_large" => "Dữ liệu gửi lên quá lớn.",
        "request_timeout" => "Dữ liệu gửi lên bị ngắt quãng quá lâu. Vui lòng gửi lại.",
        "bad_request" => "Yêu cầu không đúng định dạng.",
        "cannot_revoke_own_admin" => "Bạn không thể tự thu hồi quyền quản trị của chính mình.",
        "missing_column" => "Tệp thiếu cột bắt buộc này (xem tên cột trong tệp mẫu).",
        "unreadable_file" => {
            "Không đọc được tệp: hãy lưu tệp dạng CSV (UTF-8) hoặc Excel (.xlsx) rồi thử lại."
        }
        "file_required" => "Vui lòng chọn một tệp.",
        "empty_file" => "Tệp không có dòng tiêu đề.",
        "cell_required" => "Ô này không được để trống.",
        "invalid_date" => {
            "Ngày không hợp lệ: hãy ghi theo dạng NGÀY/THÁNG/NĂM (ví dụ 28/02/2026) hoặc NĂM-THÁNG-NGÀY (2026-02-28)."
        }
        "invalid_kind" => "Loại không hợp lệ: chỉ ghi Cán bộ, Công chức, Viên chức hoặc Khác.",
        "invalid_level" => "Cấp không hợp lệ: chỉ ghi tinh (cấp tỉnh) hoặc xa (cấp xã).",
        "invalid_mode" => {
            "Hình thức không hợp lệ: chỉ ghi truc_tuyen (trực tuyến) hoặc truc_tiep (trực tiếp)."
        }
        "invalid_pass_flag" => "Cột Đạt chỉ ghi Có hoặc Không (hoặc 1/0).",
        "invalid_score" => "Điểm phải là một số từ 0 đến 100 (ví dụ 85,5).",
        "invalid_personal_id" => "Số định danh cá nhân phải gồm đúng 12 chữ số.",
        "personal_id_leading_zeros_lost" => {
            "Số định danh cá nhân có ít hơn 12 chữ số: có thể bảng tính đã làm mất các số 0 ở đầu. Hãy định dạng cột này là văn bản (Text) và nhập lại đủ 12 chữ số."
        }
        "end_not_after_start" => "Ngày kết thúc phải sau ngày bắt đầu.",
        "duplicate_assignment" => {
            "Dòng này trùng với một dòng khác trong tệp (cùng mã cán bộ và ngày bắt đầu)."
        }
        "overlapping_period" => {
            "Thời gian công tác này chồng lên một thời gian công tác khác của cùng người (trong tệp hoặc đã có trên hệ thống)."
        }
        "conflicting_name" => "Họ và tên khác với dòng khác của cùng mã cán bộ.",
        "conflicting_personal_id" => {
            "Số định danh cá nhân khác với dòng khác của cùng mã cán bộ hoặc với số đã có trên hệ thống."
        }
        "conflicting_email" => "Email khác với dòng khác của cùng mã cán bộ.",
        "conflicting_phone" => "Số điện thoại khác với dòng khác của cùng mã cán bộ.",
        "unknown_unit_code" => "Không có đơn vị nào mang mã này trên hệ thống.",
        "unknown_parent_unit" => {
            "Không có đơn vị cấp trên nào mang mã này, trên hệ thống hay trong tệp."
        }
        "unit_cycle" => {
            "Đơn vị cấp trên tạo thành vòng lặp: một đơn vị không thể nằm dưới chính nó."
        }
        "duplicate_unit_code" => "Mã đơn vị này xuất hiện nhiều lần trong tệp.",
        "unknown_staff_code" => {
            "Mã cán bộ này chưa có trong danh sách cán bộ: hãy nhập danh sách trước."
        }
        "unit_out_of_scope" => "Bạn không quản lý đơn vị này.",
        "staff_out_of_scope" => {
            "Người này thuộc đơn vị ngoài phạm vi của bạn: chỉ quản trị viên, hoặc cán bộ nhân sự quản lý cả hai đơn vị, mới ghi nhận được việc chuyển công tác."
        }
        "staff_pseudonymised" => {
            "Người này đã được ẩn danh theo yêu cầu bảo vệ dữ liệu cá nhân: không thể nhập lại họ tên, số định danh hay liên lạc của họ."
        }
        "staff_not_in_scope" => {
            "Không có cán bộ mang mã này trong danh sách các đơn vị bạn quản lý."
        }
        "sheet_too_large" => {
            "Trang tính đầu tiên quá lớn: vùng có dữ liệu vượt quá 1.000.000 ô (số dòng nhân số cột, tính cả các ô ở xa). Hãy xóa các ô thừa nằm ngoài bảng, hoặc chia thành nhiều tệp nhỏ hơn."
        }
        "unreadable_date" => {
            "Ô này được định dạng là ngày nhưng giá trị không phải là một ngày có thật: hãy nhập lại ngày theo dạng NGÀY/THÁNG/NĂM, ví dụ 28/02/2026."
        }
        "name_too_long" => "Tên quá dài: tối đa 200 ký tự.",
        "code_too_long" => "Mã quá dài: tối đa 50 ký tự.",
        "note_too_long" => "Ghi chú quá dài: tối đa 1.000 ký tự.",
        "control_character" => {
            "Ô này chứa ký tự điều khiển (ví dụ ký tự rỗng NUL): hãy gõ lại nội dung ô."
        }
        "reminder_bad_brace" => {
            "Dấu ngoặc nhọn không khớp: mỗi chỗ điền phải có dạng {ho_ten}; muốn viết chính dấu ngoặc thì gõ hai lần: {{ hoặc }}."
        }
        "reminder_unknown_placeholder" => {
            "Chỗ điền không có trong danh sách: chỉ dùng được {ho_ten}, {don_vi}, {khoa_hoc} và {han} (viết thường, không dấu cách)."
        }
        "reminder_course_required" => {
            "Thư có chỗ điền {khoa_hoc}: hãy ghi tên khóa học ở ô “Khóa học”."
        }
        "reminder_deadline_required" => "Thư có chỗ điền {han}: hãy chọn hạn hoàn thành.",
        "quiz_course_required" => {
            "Bài kiểm tra của tỉnh phải thuộc một khóa học của tỉnh: hãy ghi mã khóa học."
        }
        "reminder_status_required" => {
            "Chỉ gửi thư nhắc cho người “chưa bồi dưỡng” hoặc “chưa đạt đánh giá”: hãy chọn một trong hai tình trạng này."
        }
        "reminder_too_long" => {
            "Quá dài: tiêu đề và tên khóa học tối đa 200 ký tự, nội dung tối đa 10.000 ký tự."
        }
        "reminder_bad_deadline" => {
            "Hạn hoàn thành không hợp lệ: hãy chọn một ngày (NĂM-THÁNG-NGÀY)."
        }
        "reminder_bad_send_at" => {
            "Thời điểm gửi không hợp lệ: hãy chọn ngày và giờ (giờ Việt Nam)."
        }
        "reminder_text_required" => "Hãy viết tiêu đề và nội dung thư.",
        "reminder_bad_subject" => "Tiêu đề phải nằm trên một dòng.",
        "smtp_not_configured" => {
            "Máy chủ chưa được cấu hình để gửi thư (HOCVU_SMTP_URL): chưa thể gửi thư nhắc. Hãy báo quản trị viên."
        }
        "smtp_bad_url" => "Địa chỉ máy chủ thư (HOCVU_SMTP_URL) không đọc được.",
        "smtp_bad_from" => "Địa chỉ người gửi (HOCVU_MAIL_FROM) không hợp lệ.",
        "invalid_as_of" => {
            "Ngày báo cáo không hợp lệ: hãy ghi theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-02-28."
        }
        "invalid_expiry" => {
            "Ngày hết hạn không hợp lệ: hãy chọn một ngày sau hôm nay, trong vòng năm năm (NĂM-THÁNG-NGÀY)."
        }
        "invalid_period" => {
            "Khoảng thời gian không hợp lệ: ngày bắt đầu không được sau ngày kết thúc, và một chuỗi số liệu dài tối đa 120 tháng."
        }
        "cannot_disable_self" => "Bạn không thể tự khóa tài khoản của chính mình.",
        "invalid_programme_code" => {
            "Mã khóa học hoặc mã bài đánh giá không được để trống (tối đa 64 ký tự)."
        }
        "date_in_future" => "Ngày này chưa tới: chỉ ghi nhận việc đã diễn ra.",
        "evidence_required" => {
            "Hãy ghi căn cứ (ví dụ số quyết định, danh sách học viên), tối đa 500 ký tự."
        }
        "record_exists" => "Kết quả này đã được ghi nhận (cùng mã và cùng ngày).",
        "link_not_matched" => {
            "Mã cán bộ hoặc số định danh không khớp với hồ sơ. Hãy kiểm tra đủ 12 chữ số rồi thử lại. Nếu hồ sơ của anh/chị chưa có số định danh, hãy nhờ cán bộ phụ trách nhân sự của đơn vị liên kết giúp."
        }
        "link_contact_invalid" => "Hãy nhập email, số điện thoại hoặc tên đăng nhập của tài khoản.",
        "erase_reason_required" => "Hãy ghi lý do ẩn danh hồ sơ (ghi vào nhật ký).",
        "erase_reason_too_long" => "Lý do dài tối đa 500 ký tự.",
        "account_already_linked" => "Tài khoản này đã liên kết với một hồ sơ cán bộ.",
        "person_already_linked" => {
            "Hồ sơ này đã liên kết với một tài khoản khác. Hãy liên hệ bộ phận tổ chức cán bộ của đơn vị."
        }
        "person_pseudonymised" => {
            "Hồ sơ này đã được ẩn danh theo yêu cầu bảo vệ dữ liệu cá nhân: không thể liên kết với tài khoản nào."
        }
        "internal" => "Đã có lỗi xảy ra. Vui lòng thử lại sau.",
        _ => return None,
    })
}

pub fn role(role: Role) -> &'static str {
    match role {
        Role::Learner => "Người học",
        Role::Hr => "Cán bộ nhân sự",
        Role::Author => "Biên soạn nội dung",
        Role::Facilitator => "Thành viên tổ công nghệ số cộng đồng",
        Role::Admin => "Quản trị hệ thống",
        Role::ProvinceAdmin => "Quản trị cấp tỉnh",
    }
}

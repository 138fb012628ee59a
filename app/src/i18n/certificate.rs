//! Text of the certificate pages (verification, "my certificates", revocation).
use domain::Lang;

pub struct CertTexts {
    pub verify_title: &'static str,
    pub verify_intro: &'static str,
    pub code_field: &'static str,
    pub code_hint: &'static str,
    pub check: &'static str,
    pub valid: &'static str,
    pub revoked: &'static str,
    pub revoked_on: &'static str,
    pub reason: &'static str,
    pub not_found: &'static str,
    pub holder: &'static str,
    pub holder_erased: &'static str,
    pub attests: &'static str,
    pub kind_course: &'static str,
    pub kind_mastery: &'static str,
    pub programme: &'static str,
    pub issued_on: &'static str,
    pub score: &'static str,
    pub code: &'static str,
    pub qr_caption: &'static str,
    pub download_pdf: &'static str,
    pub open_verify: &'static str,
    pub download_credential: &'static str,
    pub credential_json: &'static str,
    pub credential_hint: &'static str,
    pub mine_title: &'static str,
    pub mine_none: &'static str,
    pub nav_mine: &'static str,
    pub revoke_title: &'static str,
    pub revoke_reason: &'static str,
    pub revoke_button: &'static str,
}

impl CertTexts {
    pub fn get(lang: Lang) -> &'static CertTexts {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

pub static VI: CertTexts = CertTexts {
    verify_title: "Xác minh chứng nhận",
    verify_intro: "Nhập mã in trên chứng nhận (hoặc quét mã QR) để biết chứng nhận có thật và còn hiệu lực hay không.",
    code_field: "Mã xác minh",
    code_hint: "10 ký tự, ví dụ 7KQ2M-XC9RT; không phân biệt chữ hoa, chữ thường.",
    check: "Kiểm tra",
    valid: "Chứng nhận hợp lệ",
    revoked: "Chứng nhận này đã bị thu hồi",
    revoked_on: "Ngày thu hồi",
    reason: "Lý do",
    not_found: "Không có chứng nhận nào mang mã này. Hãy kiểm tra lại từng ký tự.",
    holder: "Người được cấp",
    holder_erased: "(người học đã xoá tài khoản)",
    attests: "Nội dung",
    kind_course: "Hoàn thành khoá học",
    kind_mastery: "Đạt bài đánh giá làm chủ kỹ năng số",
    programme: "Chương trình",
    issued_on: "Ngày cấp",
    score: "Điểm",
    code: "Mã xác minh",
    qr_caption: "Mã QR dẫn tới trang xác minh này",
    download_pdf: "Tải chứng nhận (PDF)",
    open_verify: "Trang xác minh công khai",
    download_credential: "Tải chứng chỉ số (Open Badges, .jwt)",
    credential_json: "Xem nội dung chứng chỉ số (JSON)",
    credential_hint: "Chứng chỉ số theo chuẩn Open Badges 3.0, có chữ ký số của đơn vị cấp: lưu vào ví số hoặc gửi cho nơi tiếp nhận để họ tự kiểm tra. Số điện thoại, thư điện tử và số định danh của bạn chỉ có trong đó dưới dạng đã băm.",
    mine_title: "Chứng nhận của tôi",
    mine_none: "Bạn chưa có chứng nhận nào. Hoàn thành một khoá học hoặc đạt bài đánh giá năng lực để nhận chứng nhận.",
    nav_mine: "Chứng nhận",
    revoke_title: "Thu hồi chứng nhận",
    revoke_reason: "Lý do thu hồi (hiện trên trang xác minh)",
    revoke_button: "Thu hồi chứng nhận",
};

pub static EN: CertTexts = CertTexts {
    verify_title: "Verify a certificate",
    verify_intro: "Enter the code printed on the certificate (or scan its QR code) to check that it is genuine and still valid.",
    code_field: "Verification code",
    code_hint: "10 characters, e.g. 7KQ2M-XC9RT; upper or lower case.",
    check: "Check",
    valid: "Valid certificate",
    revoked: "This certificate has been revoked",
    revoked_on: "Revoked on",
    reason: "Reason",
    not_found: "No certificate has this code. Please check each character.",
    holder: "Holder",
    holder_erased: "(the learner deleted their account)",
    attests: "Attests",
    kind_course: "Course completed",
    kind_mastery: "Passed the digital skills mastery assessment",
    programme: "Programme",
    issued_on: "Issued on",
    score: "Score",
    code: "Verification code",
    qr_caption: "QR code of this verification page",
    download_pdf: "Download the certificate (PDF)",
    open_verify: "Public verification page",
    download_credential: "Download the digital credential (Open Badges, .jwt)",
    credential_json: "See the digital credential (JSON)",
    credential_hint: "A digital credential to the Open Badges 3.0 standard, signed by the issuer: keep it in a digital wallet or send it to whoever needs to check it. Your phone number, e-mail address and personal ID number appear in it only hashed.",
    mine_title: "My certificates",
    mine_none: "You have no certificate yet. Complete a course or pass an assessment to earn one.",
    nav_mine: "Certificates",
    revoke_title: "Revoke the certificate",
    revoke_reason: "Reason for revoking (shown on the verification page)",
    revoke_button: "Revoke the certificate",
};

/// Messages for the certificate error codes.
pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "reason_required") => "Hãy ghi lý do thu hồi.",
        (Lang::En, "reason_required") => "Please give the reason for revoking.",
        (Lang::Vi, "already_revoked") => "Chứng nhận này đã bị thu hồi trước đó.",
        (Lang::En, "already_revoked") => "This certificate was already revoked.",
        _ => return None,
    };
    Some(text)
}

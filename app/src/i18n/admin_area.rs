//! Text of the admin's token and audit pages and of the exports, in Vietnamese and English,
//! kept apart from [`super::Texts`] so each area grows without touching the others.
use domain::Lang;

pub struct AdminTexts {
    pub nav_tokens: &'static str,
    pub nav_audit: &'static str,
    pub tokens_title: &'static str,
    pub tokens_intro: &'static str,
    pub tokens_new: &'static str,
    pub tokens_name: &'static str,
    pub tokens_name_hint: &'static str,
    pub tokens_unit: &'static str,
    pub tokens_whole_province: &'static str,
    pub tokens_issue: &'static str,
    pub tokens_issued: &'static str,
    pub tokens_copy_now: &'static str,
    pub tokens_list: &'static str,
    pub tokens_hint: &'static str,
    pub tokens_created_by: &'static str,
    pub tokens_created_at: &'static str,
    pub tokens_last_used: &'static str,
    pub tokens_never_used: &'static str,
    pub tokens_expires: &'static str,
    pub tokens_expires_hint: &'static str,
    pub tokens_expired: &'static str,
    pub tokens_status: &'static str,
    pub tokens_active: &'static str,
    pub tokens_revoked: &'static str,
    pub tokens_revoke: &'static str,
    pub tokens_none: &'static str,
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub audit_actor: &'static str,
    pub audit_action: &'static str,
    pub audit_object: &'static str,
    pub audit_object_hint: &'static str,
    pub audit_from: &'static str,
    pub audit_to: &'static str,
    pub audit_filter: &'static str,
    pub audit_when: &'static str,
    pub audit_who: &'static str,
    pub audit_before: &'static str,
    pub audit_after: &'static str,
    pub audit_system: &'static str,
    pub audit_token: &'static str,
    pub audit_none: &'static str,
    pub audit_prev: &'static str,
    pub audit_next: &'static str,
    pub audit_page: &'static str,
    pub export_unit_code: &'static str,
    pub export_unit_name: &'static str,
    pub export_level: &'static str,
    /// provincial_trained, commune_trained, mastered.
    pub export_indicators: [&'static str; 3],
    pub export_numerator: &'static str,
    pub export_denominator: &'static str,
    pub export_percentage: &'static str,
    pub export_total: &'static str,
    pub sheet_roster: &'static str,
    pub sheet_training: &'static str,
    pub sheet_assessments: &'static str,
    pub sheet_indicators: &'static str,
}

pub static VI: AdminTexts = AdminTexts {
    nav_tokens: "Mã truy cập API",
    nav_audit: "Nhật ký thay đổi",
    tokens_title: "Mã truy cập API",
    tokens_intro: "Mã truy cập cho phép hệ thống báo cáo của tỉnh đọc chỉ tiêu, xuất và nhập dữ liệu của một đơn vị (gồm các đơn vị trực thuộc) hoặc của toàn tỉnh, như một cán bộ nhân sự của đơn vị đó. Mã không có quyền quản trị người dùng.",
    tokens_new: "Cấp mã mới",
    tokens_name: "Tên gợi nhớ",
    tokens_name_hint: "Ví dụ: Hệ thống báo cáo Sở Nội vụ",
    tokens_unit: "Phạm vi",
    tokens_whole_province: "Toàn tỉnh",
    tokens_issue: "Cấp mã",
    tokens_issued: "Đã cấp mã truy cập",
    tokens_copy_now: "Hãy sao chép và lưu mã này ngay: đây là lần duy nhất mã được hiển thị. Hệ thống chỉ lưu bản băm của mã.",
    tokens_list: "Các mã đã cấp",
    tokens_hint: "Đầu mã",
    tokens_created_by: "Người cấp",
    tokens_created_at: "Ngày cấp",
    tokens_last_used: "Lần dùng gần nhất",
    tokens_never_used: "Chưa dùng",
    tokens_expires: "Hết hạn sau ngày",
    tokens_expires_hint: "Để trống: một năm kể từ hôm nay. Tối đa năm năm.",
    tokens_expired: "Đã hết hạn",
    tokens_status: "Trạng thái",
    tokens_active: "Đang hiệu lực",
    tokens_revoked: "Đã thu hồi",
    tokens_revoke: "Thu hồi",
    tokens_none: "Chưa cấp mã truy cập nào.",
    audit_title: "Nhật ký thay đổi",
    audit_intro: "Mọi thay đổi trên hệ thống: ai làm, lúc nào, làm gì, với đối tượng nào, giá trị trước và sau.",
    audit_actor: "Người thực hiện (tên đăng nhập hoặc tên mã truy cập)",
    audit_action: "Thao tác",
    audit_object: "Đối tượng",
    audit_object_hint: "Loại, hoặc loại:mã số, ví dụ person:12",
    audit_from: "Từ ngày",
    audit_to: "Đến ngày",
    audit_filter: "Lọc",
    audit_when: "Thời điểm",
    audit_who: "Người thực hiện",
    audit_before: "Trước",
    audit_after: "Sau",
    audit_system: "Hệ thống",
    audit_token: "Mã truy cập",
    audit_none: "Không có thay đổi nào khớp điều kiện lọc.",
    audit_prev: "Trang trước",
    audit_next: "Trang sau",
    audit_page: "Trang",
    export_unit_code: "Mã đơn vị",
    export_unit_name: "Tên đơn vị",
    export_level: "Cấp",
    export_indicators: [
        "Bồi dưỡng kỹ năng số (cấp tỉnh)",
        "Bồi dưỡng kỹ năng số (cấp xã)",
        "Làm chủ kỹ năng số",
    ],
    export_numerator: "Đạt",
    export_denominator: "Tổng số",
    export_percentage: "Tỷ lệ (%)",
    export_total: "Tổng cộng",
    sheet_roster: "Danh sách",
    sheet_training: "Bồi dưỡng",
    sheet_assessments: "Đánh giá",
    sheet_indicators: "Chỉ tiêu",
};

pub static EN: AdminTexts = AdminTexts {
    nav_tokens: "API tokens",
    nav_audit: "Audit log",
    tokens_title: "API tokens",
    tokens_intro: "An API token lets a reporting system of the province read the indicators, export and import the data of one unit (with its sub-units) or of the whole province, as an HR officer of that unit would. A token cannot administer users.",
    tokens_new: "Issue a new token",
    tokens_name: "Label",
    tokens_name_hint: "For example: Department of Home Affairs reporting system",
    tokens_unit: "Scope",
    tokens_whole_province: "Whole province",
    tokens_issue: "Issue token",
    tokens_issued: "Token issued",
    tokens_copy_now: "Copy this token and keep it safe now: it is shown this once only. The system keeps only its hash.",
    tokens_list: "Issued tokens",
    tokens_hint: "Starts with",
    tokens_created_by: "Issued by",
    tokens_created_at: "Issued on",
    tokens_last_used: "Last used",
    tokens_never_used: "Never",
    tokens_expires: "Valid until",
    tokens_expires_hint: "Leave empty for one year from today. At most five years.",
    tokens_expired: "Expired",
    tokens_status: "Status",
    tokens_active: "Active",
    tokens_revoked: "Revoked",
    tokens_revoke: "Revoke",
    tokens_none: "No tokens issued yet.",
    audit_title: "Audit log",
    audit_intro: "Every change on the platform: who made it, when, what, to which object, the values before and after.",
    audit_actor: "Made by (login, or API token name)",
    audit_action: "Action",
    audit_object: "Object",
    audit_object_hint: "Kind, or kind:id, e.g. person:12",
    audit_from: "From",
    audit_to: "To",
    audit_filter: "Filter",
    audit_when: "When",
    audit_who: "Made by",
    audit_before: "Before",
    audit_after: "After",
    audit_system: "System",
    audit_token: "API token",
    audit_none: "No change matches the filter.",
    audit_prev: "Previous page",
    audit_next: "Next page",
    audit_page: "Page",
    export_unit_code: "Unit code",
    export_unit_name: "Unit name",
    export_level: "Level",
    export_indicators: [
        "Trained in digital skills (provincial)",
        "Trained in digital skills (commune)",
        "Mastered digital skills",
    ],
    export_numerator: "Achieved",
    export_denominator: "Total",
    export_percentage: "Rate (%)",
    export_total: "Total",
    sheet_roster: "Roster",
    sheet_training: "Training",
    sheet_assessments: "Assessments",
    sheet_indicators: "Indicators",
};

pub fn admin_texts(lang: Lang) -> &'static AdminTexts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// The texts of the current page.
pub fn use_admin_texts() -> &'static AdminTexts {
    admin_texts(super::use_lang())
}

/// The error codes of this area; `Texts::error` asks here first.
pub const ERROR_CODES: &[&str] = &["invalid_token", "invalid_format"];

pub fn error(lang: Lang, code: &str) -> Option<&'static str> {
    let text = match (lang, code) {
        (Lang::Vi, "invalid_token") => "Mã truy cập không hợp lệ hoặc đã bị thu hồi.",
        (Lang::En, "invalid_token") => "The API token is not valid or has been revoked.",
        (Lang::Vi, "invalid_format") => "Định dạng tệp không hợp lệ: chỉ chọn csv hoặc xlsx.",
        (Lang::En, "invalid_format") => "Unknown file format: choose csv or xlsx.",
        _ => return None,
    };
    Some(text)
}

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
        assert_ne!(
            error(Lang::Vi, "invalid_token"),
            error(Lang::En, "invalid_token")
        );
    }

    #[test]
    fn vietnamese_first() {
        assert_eq!(admin_texts(Lang::default()).nav_audit, "Nhật ký thay đổi");
    }
}

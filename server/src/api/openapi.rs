//! The OpenAPI document of /api/v1, generated from the handlers' annotations.
use axum::Json;
use utoipa::OpenApi;

use super::{
    attachments, auth, certificates, community, courses, error, exports, me, offline, people,
    questions, records, tokens,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Học Vụ Số API", description = "Nền tảng bồi dưỡng kỹ năng số — API v1"),
    paths(auth::login, auth::logout, auth::me, auth::register,
          records::import_units, records::import_roster, records::import_training, records::import_assessments,
          records::indicators, records::indicators_by_unit,
          exports::export_roster, exports::export_training, exports::export_assessments, exports::export_indicators,
          tokens::issue, tokens::list, tokens::revoke, courses::list, courses::one, questions::import,
          attachments::upload, certificates::one, certificates::revoke,
          me::data, me::erase, me::claim, me::link_proposals, me::accept_link, me::refuse_link,
          people::person, people::propose_link, people::unlink, people::erase,
          community::teams, community::create_team, community::add_member,
          community::remove_member, community::commune_stats, community::residents,
          community::register_resident, community::enrol, offline::course, offline::sync),
    components(schemas(auth::LoginRequest, auth::RegisterRequest, auth::MeResponse, auth::SignInNotice,
                       error::ErrorBody, error::ErrorInfo, error::ErrorDetail,
                       records::ImportResponse, records::ImportRowError, records::RatioJson, records::IndicatorsJson,
                       records::IndicatorsResponse, records::UnitJson, records::ByUnitRow, records::ByUnitResponse,
                       tokens::IssueTokenRequest, tokens::TokenJson, tokens::IssuedTokenJson,
                       courses::CourseJson, courses::CoursesResponse, courses::LessonJson, courses::CourseDetailJson,
                       questions::QuestionImportResponse, questions::QuestionImportError, attachments::AttachmentJson,
                       certificates::CertificateJson, certificates::RevocationJson, certificates::RevokeRequest,
                       me::EraseRequest, me::ClaimRequest, me::ClaimedJson, me::LinkProposalJson, me::LinkProposalsJson,
                       people::ProposeLinkRequest, people::LinkStateJson, people::EraseRosterRequest, people::PseudonymJson,
                       community::NewTeam, community::Created, community::NewMember,
                       community::NewEnrolment,
                       offline::OfflineCourseJson, offline::SyncRequest, offline::SyncItemJson, offline::SyncResponse)),
    modifiers(&BearerAuth),
    tags((name = "auth", description = "Đăng nhập, đăng xuất, tài khoản"),
         (name = "records", description = "Nhập danh sách, hồ sơ bồi dưỡng, kết quả đánh giá; chỉ tiêu"),
         (name = "exports", description = "Xuất danh sách, hồ sơ, kết quả và chỉ tiêu (CSV, XLSX)"),
         (name = "tokens", description = "Mã truy cập API cho hệ thống báo cáo (quản trị)"),
         (name = "courses", description = "Danh mục khoá học công khai"),
         (name = "questions", description = "Ngân hàng câu hỏi: nhập tệp GIFT hoặc Moodle XML (tác giả, quản trị)"),
         (name = "certificates", description = "Xác minh và thu hồi chứng nhận"),
         (name = "personal data", description = "Tải dữ liệu cá nhân, xóa tài khoản (Nghị định 13/2023)"),
         (name = "community", description = "Tổ công nghệ số cộng đồng, người dân được hỗ trợ, thống kê theo xã"),
         (name = "offline", description = "Học khi không có mạng: gói khoá học cho điện thoại, đồng bộ khi có mạng trở lại"))
)]
pub struct ApiDoc;

/// Documents the bearer API token (`Authorization: Bearer hvs_...`) next to the session cookie.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("An API token an admin issued for a unit (or the province): the rights of an hr officer of that unit"))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Built once: the document only changes with the binary.
pub async fn document() -> Json<&'static utoipa::openapi::OpenApi> {
    static DOC: std::sync::OnceLock<utoipa::openapi::OpenApi> = std::sync::OnceLock::new();
    Json(DOC.get_or_init(ApiDoc::openapi))
}

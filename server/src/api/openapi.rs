//! The OpenAPI document of /api/v1, generated from the handlers' annotations.
use axum::Json;
use utoipa::OpenApi;

use super::{
    attachments, auth, badges, certificates, community, courses, exports, indicators, me, offline,
    people, provinces, questions, records, speech, tokens, units, video, xapi,
};
use crate::http::error;

#[derive(OpenApi)]
#[openapi(
    info(title = "Học Vụ Số API", description = "Nền tảng bồi dưỡng kỹ năng số — API v1"),
    paths(auth::login, auth::logout, auth::me, auth::register,
          records::import_units, records::import_roster, records::import_training, records::import_assessments,
          indicators::indicators, indicators::indicators_by_unit, indicators::indicators_by_province, indicators::trend, units::list, people::list,
          exports::export_roster, exports::export_training, exports::export_assessments, exports::export_indicators,
          tokens::issue, tokens::list, tokens::revoke, provinces::list, provinces::create, provinces::add_admin, courses::list, courses::one, questions::import,
          attachments::upload, certificates::one, certificates::revoke, certificates::credential,
          badges::issuer, badges::key, badges::status_list, badges::rotate,
          me::data, me::erase, me::claim, me::link_proposals, me::accept_link, me::refuse_link,
          people::person, people::propose_link, people::unlink, people::erase,
          community::teams, community::create_team, community::add_member,
          community::remove_member, community::commune_stats, community::residents,
          community::register_resident, community::enrol, offline::course, offline::sync,
          xapi::outbox, speech::upload_voice, speech::remove_voice,
          video::upload),
    components(schemas(auth::LoginRequest, auth::RegisterRequest, auth::MeResponse, auth::SignInNotice,
                       error::ErrorBody, error::ErrorInfo, error::ErrorDetail,
                       records::ImportResponse, records::ImportRowError, indicators::RatioJson, indicators::IndicatorsJson,
                       indicators::IndicatorsResponse, indicators::UnitJson, indicators::ByUnitRow, indicators::ByUnitResponse,
                       indicators::ProvinceRow, indicators::ProvinceJson, indicators::ByProvinceResponse,
                       indicators::TrendPoint, indicators::TrendResponse, units::UnitNodeJson, units::UnitsResponse,
                       people::PersonLine, people::PeopleResponse,
                       tokens::IssueTokenRequest, tokens::TokenJson, tokens::IssuedTokenJson,
                       provinces::NewProvince, provinces::ProvinceInfo, provinces::NewProvinceAdmin,
                       courses::CourseJson, courses::CoursesResponse, courses::LessonJson, courses::CourseDetailJson,
                       questions::QuestionImportResponse, questions::QuestionImportError, attachments::AttachmentJson, speech::VoiceJson, video::VideoJson,
                       certificates::CertificateJson, certificates::RevocationJson, certificates::RevokeRequest,
                       certificates::CredentialJson, badges::RotatedJson,
                       me::EraseRequest, me::ClaimRequest, me::ClaimedJson, me::LinkProposalJson, me::LinkProposalsJson,
                       people::ProposeLinkRequest, people::LinkStateJson, people::EraseRosterRequest, people::PseudonymJson,
                       community::NewTeam, community::Created, community::NewMember,
                       community::NewEnrolment,
                       offline::OfflineCourseJson, offline::SyncRequest, offline::SyncItemJson, offline::SyncResponse,
                       xapi::OutboxJson, xapi::FailedStatementJson)),
    modifiers(&BearerAuth, &CommonRefusals),
    tags((name = "auth", description = "Đăng nhập, đăng xuất, tài khoản"),
         (name = "records", description = "Nhập danh sách, hồ sơ bồi dưỡng, kết quả đánh giá; chỉ tiêu"),
         (name = "exports", description = "Xuất danh sách, hồ sơ, kết quả và chỉ tiêu (CSV, XLSX)"),
         (name = "tokens", description = "Mã truy cập API cho hệ thống báo cáo (quản trị)"),
         (name = "provinces", description = "Các tỉnh, thành phố của hệ thống và quản trị viên cấp tỉnh (quản trị cấp quốc gia)"),
         (name = "courses", description = "Danh mục khoá học công khai"),
         (name = "questions", description = "Ngân hàng câu hỏi: nhập tệp GIFT hoặc Moodle XML (tác giả, quản trị)"),
         (name = "certificates", description = "Xác minh và thu hồi chứng nhận; chứng chỉ số Open Badges 3.0, khoá công khai, danh sách trạng thái"),
         (name = "personal data", description = "Tải dữ liệu cá nhân, xóa tài khoản (Nghị định 13/2023)"),
         (name = "community", description = "Tổ công nghệ số cộng đồng, người dân được hỗ trợ, thống kê theo xã"),
         (name = "offline", description = "Học khi không có mạng: gói khoá học cho điện thoại, đồng bộ khi có mạng trở lại"),
         (name = "xapi", description = "Hồ sơ học tập gửi tới kho LRS dưới dạng bản ghi xAPI (quản trị)"))
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

/// The refusals every operation of a kind can answer, whatever its handler does, added in one
/// place so that no annotation can forget them:
/// - 400 where the operation reads a body or path parameters: `super::extract` answers a body
///   or a path that does not parse with an `ErrorBody` (`bad_request`), and the file uploads
///   answer a body that cannot be read the same way;
/// - 413 where it reads a body: `http::body_limit` refuses one announced larger than the
///   route's limit before reading it;
/// - 401 everywhere: `http::session` refuses an `Authorization: Bearer` token that is unknown or
///   revoked, on public operations too (and the signed-in ones refuse a request without a
///   session or token).
///
/// A handler's own description of one of these statuses wins.
struct CommonRefusals;

impl utoipa::Modify for CommonRefusals {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for item in openapi.paths.paths.values_mut() {
            let path_params = item
                .parameters
                .iter()
                .flatten()
                .any(|p| p.parameter_in == ParameterIn::Path);
            for op in operations_mut(item) {
                let has_body = op.request_body.is_some();
                let has_path = path_params
                    || op
                        .parameters
                        .iter()
                        .flatten()
                        .any(|p| p.parameter_in == ParameterIn::Path);
                if has_body || has_path {
                    add_error(
                        op,
                        "400",
                        "The body or a path parameter cannot be read (`bad_request`)",
                    );
                }
                if has_body {
                    add_error(
                        op,
                        "413",
                        "The body is larger than this operation accepts (`payload_too_large`)",
                    );
                }
                add_error(
                    op,
                    "401",
                    "The bearer token is unknown or revoked; or, where the operation needs one, no session or token (`invalid_token`, `unauthenticated`)",
                );
            }
        }
    }
}

/// Every operation of a path, whatever its method.
pub fn operations_mut(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// Adds an answer with an `ErrorBody` for `status`, unless the operation describes it already.
fn add_error(op: &mut utoipa::openapi::path::Operation, status: &str, description: &str) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    if op.responses.responses.contains_key(status) {
        return;
    }
    let content = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name("ErrorBody")))
        .build();
    let response = ResponseBuilder::new()
        .description(description)
        .content("application/json", content)
        .build();
    op.responses
        .responses
        .insert(status.to_owned(), response.into());
}

/// The document as served (built once).
pub fn document_value() -> &'static utoipa::openapi::OpenApi {
    static DOC: std::sync::OnceLock<utoipa::openapi::OpenApi> = std::sync::OnceLock::new();
    DOC.get_or_init(ApiDoc::openapi)
}

/// Built once: the document only changes with the binary.
pub async fn document() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document_value())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    /// The served document, as a client generator reads it.
    fn document() -> Value {
        serde_json::to_value(super::document_value()).unwrap()
    }

    fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
        let mut ops = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                if op.get("responses").is_some() {
                    ops.push((method.to_uppercase(), path.clone(), op));
                }
            }
        }
        ops
    }

    #[test]
    fn operation_ids_are_present_and_unique() {
        let doc = document();
        let mut seen = BTreeSet::new();
        for (method, path, op) in operations(&doc) {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{method} {path}: operationId {id:?} is not snake_case"
            );
            assert!(
                seen.insert(id.to_owned()),
                "operationId {id:?} is used twice"
            );
        }
        assert!(seen.len() > 40, "only {} operations", seen.len());
    }

    #[test]
    fn operations_reading_a_body_or_a_path_parameter_list_400_with_the_error_body() {
        let doc = document();
        for (method, path, op) in operations(&doc) {
            let has_path = op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["in"] == "path"));
            let has_body = op.get("requestBody").is_some();
            let responses = &op["responses"];
            if has_body || has_path {
                let schema = &responses["400"]["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(
                    schema, "#/components/schemas/ErrorBody",
                    "{method} {path} reads a body or a path parameter but does not list 400 with an ErrorBody"
                );
            }
            if has_body {
                assert!(responses.get("413").is_some(), "{method} {path}: no 413");
            }
            assert!(responses.get("401").is_some(), "{method} {path}: no 401");
        }
    }

    #[test]
    fn error_answers_are_described_by_a_schema() {
        let doc = document();
        for (method, path, op) in operations(&doc) {
            for (status, response) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    let content =
                        response["content"]["application/json"]["schema"]["$ref"].as_str();
                    assert!(
                        content.is_some(),
                        "{method} {path}: the {status} answer has no JSON schema"
                    );
                }
            }
        }
    }
}

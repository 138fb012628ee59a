//! The OpenAPI document of /api/v1, generated from the handlers' annotations.
use axum::Json;
use utoipa::OpenApi;

use super::{auth, error, records};

#[derive(OpenApi)]
#[openapi(
    info(title = "Học Vụ Số API", description = "Nền tảng bồi dưỡng kỹ năng số — API v1"),
    paths(auth::login, auth::logout, auth::me, auth::register,
          records::import_units, records::import_roster, records::import_training, records::import_assessments,
          records::indicators, records::indicators_by_unit),
    components(schemas(auth::LoginRequest, auth::RegisterRequest, auth::MeResponse,
                       error::ErrorBody, error::ErrorInfo, error::ErrorDetail,
                       records::ImportResponse, records::ImportRowError, records::RatioJson, records::IndicatorsJson,
                       records::IndicatorsResponse, records::UnitJson, records::ByUnitRow, records::ByUnitResponse)),
    tags((name = "auth", description = "Đăng nhập, đăng xuất, tài khoản"),
         (name = "records", description = "Nhập danh sách, hồ sơ bồi dưỡng, kết quả đánh giá; chỉ tiêu"))
)]
pub struct ApiDoc;

/// Built once: the document only changes with the binary.
pub async fn document() -> Json<&'static utoipa::openapi::OpenApi> {
    static DOC: std::sync::OnceLock<utoipa::openapi::OpenApi> = std::sync::OnceLock::new();
    Json(DOC.get_or_init(ApiDoc::openapi))
}

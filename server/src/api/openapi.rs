//! The OpenAPI document of /api/v1, generated from the handlers' annotations.
use axum::Json;
use utoipa::OpenApi;

use super::{auth, error};

#[derive(OpenApi)]
#[openapi(
    info(title = "Học Vụ Số API", description = "Nền tảng bồi dưỡng kỹ năng số — API v1"),
    paths(auth::login, auth::logout, auth::me, auth::register),
    components(schemas(auth::LoginRequest, auth::RegisterRequest, auth::MeResponse,
                       error::ErrorBody, error::ErrorInfo, error::ErrorDetail)),
    tags((name = "auth", description = "Đăng nhập, đăng xuất, tài khoản"))
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

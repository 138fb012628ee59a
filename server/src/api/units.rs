//! `GET /api/v1/units`: the unit tree a caller may read, each unit after its parent.
use axum::extract::State;
use axum::{Extension, Json};
use domain::Lang;
use serde::Serialize;
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitNodeJson {
    pub code: String,
    pub name: String,
    /// `tinh` (a provincial body) or `xa` (a commune).
    pub level: String,
    /// The parent unit's code; `null` at the top of the tree.
    pub parent: Option<String>,
    /// The code of the province the unit belongs to.
    pub province: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitsResponse {
    /// In tree order: every unit comes after its parent.
    pub units: Vec<UnitNodeJson>,
}

/// The units the caller reads: the whole tree for the admin (or a province-wide token), each
/// of an HR officer's (or a unit token's) subtrees otherwise.
#[utoipa::path(get, operation_id = "list_units", path = "/api/v1/units", tag = "records",
    responses((status = 200, body = UnitsResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
) -> Result<Json<UnitsResponse>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let nodes = service::hr::units::tree(state.db(), &actor)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let units = nodes
        .into_iter()
        .map(|n| UnitNodeJson {
            code: n.unit.code,
            name: n.unit.name,
            level: n.unit.level.as_str().to_owned(),
            parent: n.parent,
            province: n.province,
        })
        .collect();
    Ok(Json(UnitsResponse { units }))
}

//! Files the HR pages offer: an empty template of each import format, and the people list a
//! figure opens, as CSV or XLSX (same scope rules as the page).
use std::collections::HashMap;

use app::i18n::hr::HrTexts;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use domain::Lang;
use domain::hr::{PeopleQuery, PersonRow};
use service::access::authz::Actor;
use service::hr::exports::{Cell, DecimalMark, FileFormat, Sheet};

use crate::http::error::ApiError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&app::paths::hr_template("{file}"), get(template))
        .route(app::paths::HR_PEOPLE_EXPORT, get(people))
}


/// A template: the row of Vietnamese headings, as an HR officer fills it in.
async fn template(
    Path(file): Path<String>,
    Extension(lang): Extension<Lang>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "not_found", lang);
    let (stem, ext) = file.rsplit_once('.').ok_or_else(not_found)?;
    let format = app::pages::hr::import::format_named(stem).ok_or_else(not_found)?;
    let kind = FileFormat::parse(Some(ext))
        .filter(|k| k.extension() == ext)
        .ok_or_else(not_found)?;
    let table = Sheet::new(format.columns().iter().map(|c| c.heading));
    let bytes = table
        .render(kind, DecimalMark::of(lang), stem)
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(download(
        kind,
        &format!("mau_{stem}"),
        bytes,
        "public, max-age=3600",
    ))
}

/// The people of a list page, whole (not one page), as the page's query selects them.
async fn people(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let actor = actor
        .map(|Extension(a)| a)
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unauthenticated", lang))?;
    let kind = FileFormat::parse(query.get("format").map(String::as_str))
        .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "invalid_format", lang))?;
    let value = |k: &str| query.get(k).cloned().unwrap_or_default();
    let q = PeopleQuery {
        unit: value("unit"),
        as_of: value("as_of"),
        search: value("q"),
        kind: value("kind"),
        status: value("status"),
        indicator: value("indicator"),
        page: 1,
    };
    let fail = |e| ApiError::from_service(e, lang);
    let (filter, _) = service::hr::dashboard::people_filter(state.db(), &actor, &q)
        .await
        .map_err(fail)?;
    let rows = service::hr::people::all(state.db(), &filter)
        .await
        .map_err(fail)?;
    let table = people_table(HrTexts::get(lang), &rows);
    let bytes = table
        .render(kind, DecimalMark::of(lang), "nhan_su")
        .map_err(fail)?;
    Ok(download(
        kind,
        &format!("nhan_su_{}", service::hr::dashboard::iso(filter.as_of)),
        bytes,
        "no-store",
    ))
}

pub fn people_table(h: &HrTexts, rows: &[PersonRow]) -> Sheet {
    let mut table = Sheet::new([
        h.staff_code,
        h.full_name,
        "ma_don_vi",
        h.unit_col,
        h.kind_col,
        h.trained_col,
        h.mastered_col,
    ]);
    for p in rows {
        table.push(vec![
            Cell::from(p.staff_code.as_str()),
            Cell::from(p.full_name.as_str()),
            Cell::from(p.unit.code.as_str()),
            Cell::from(p.unit.name.as_str()),
            Cell::from(h.kind(p.kind)),
            Cell::from(p.trained_on.clone()),
            Cell::from(p.mastered_on.clone()),
        ]);
    }
    table
}

fn download(kind: FileFormat, stem: &str, bytes: Vec<u8>, cache: &'static str) -> Response {
    let disposition = format!("attachment; filename=\"{stem}.{}\"", kind.extension());
    let headers = [
        (CONTENT_TYPE, kind.content_type().to_owned()),
        (CONTENT_DISPOSITION, disposition),
        (CACHE_CONTROL, cache.to_owned()),
    ];
    (headers, bytes).into_response()
}

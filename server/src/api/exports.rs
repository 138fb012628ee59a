//! `/api/v1/*/export`: the roster, training records, assessment results (in the exchange formats,
//! so a file imports again unchanged) and the indicators, as CSV or XLSX.
use std::collections::HashMap;

use app::i18n::admin_area::{AdminTexts, admin_texts};
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use domain::exchange::Format;
use service::access::authz::Actor;
use service::hr::exports::{DecimalMark, FileFormat, Scope, Sheet, indicators::Headings, records};

use super::extract::ApiQuery;
use super::indicators::as_of;
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// What every export request gives: who asks, in which language, for which unit and file type.
struct ExportRequest {
    lang: Lang,
    format: FileFormat,
    scope: Scope,
}

type Args = (
    AppState,
    Lang,
    Option<Extension<Actor>>,
    HashMap<String, String>,
);

async fn export_request(args: &Args) -> Result<ExportRequest, ApiError> {
    let (state, lang, actor, query) = args;
    let actor = signed_in(actor.clone(), *lang)?;
    let format = FileFormat::parse(query.get("format").map(String::as_str))
        .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "invalid_format", *lang))?;
    let code = query
        .get("unit")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty());
    let scope = Scope::of(state.db(), &actor, code)
        .await
        .map_err(|e| ApiError::from_service(e, *lang))?;
    Ok(ExportRequest {
        lang: *lang,
        format,
        scope,
    })
}

/// The file as a download: its media type, a name, and no caching (it holds personal data).
fn file(req: &ExportRequest, table: &Sheet, stem: &str, sheet: &str) -> Result<Response, ApiError> {
    let bytes = table
        .render(req.format, DecimalMark::of(req.lang), sheet)
        .map_err(|e| ApiError::from_service(e, req.lang))?;
    let unit = req
        .scope
        .unit()
        .map(|u| format!("_{}", safe_name(&u.code)))
        .unwrap_or_default();
    let disposition = format!(
        "attachment; filename=\"{stem}{unit}.{}\"",
        req.format.extension()
    );
    let headers = [
        (CONTENT_TYPE, req.format.content_type().to_owned()),
        (CONTENT_DISPOSITION, disposition),
        (CACHE_CONTROL, "no-store".to_owned()),
    ];
    Ok((headers, bytes).into_response())
}

/// Unit codes go into a file name: anything but letters, digits, `-` and `_` becomes `_`.
fn safe_name(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The three exchange formats an export writes.
#[derive(Clone, Copy)]
enum Exchange {
    Roster,
    Training,
    Assessments,
}

impl Exchange {
    async fn table(
        self,
        db: &sea_orm::DatabaseConnection,
        scope: &Scope,
    ) -> service::Result<Sheet> {
        match self {
            Exchange::Roster => records::roster(db, scope).await,
            Exchange::Training => records::training(db, scope).await,
            Exchange::Assessments => records::assessments(db, scope).await,
        }
    }

    /// The file name stem of SPEC's format (`danh_sach`, `boi_duong`, `danh_gia`).
    fn stem(self) -> &'static str {
        let format = match self {
            Exchange::Roster => Format::Roster,
            Exchange::Training => Format::Training,
            Exchange::Assessments => Format::Assessment,
        };
        format.name()
    }

    fn sheet(self, t: &AdminTexts) -> &'static str {
        match self {
            Exchange::Roster => t.sheet_roster,
            Exchange::Training => t.sheet_training,
            Exchange::Assessments => t.sheet_assessments,
        }
    }
}

async fn exchange(args: Args, kind: Exchange) -> Result<Response, ApiError> {
    let req = export_request(&args).await?;
    let table = kind
        .table(args.0.db(), &req.scope)
        .await
        .map_err(|e| ApiError::from_service(e, req.lang))?;
    file(&req, &table, kind.stem(), kind.sheet(admin_texts(req.lang)))
}

macro_rules! exchange_handler {
    ($name:ident, $op:tt, $path:tt, $kind:expr, $doc:tt) => {
        #[doc = $doc]
        #[utoipa::path(get, operation_id = $op, path = $path, tag = "exports",
            params(("unit" = Option<String>, Query, description = "Unit code: its subtree; the province (admin) or one's own unit (hr) when absent"),
                   ("format" = inline(Option<super::params::ExportFormat>), Query, description = "`csv` (default) or `xlsx`")),
            responses((status = 200, description = "The file, with the key headings of the exchange format",
                       content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
                      (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                      (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
        pub async fn $name(
            State(state): State<AppState>,
            Extension(lang): Extension<Lang>,
            actor: Option<Extension<Actor>>,
            ApiQuery(query): ApiQuery<HashMap<String, String>>,
        ) -> Result<Response, ApiError> {
            exchange((state, lang, actor, query), $kind).await
        }
    };
}

exchange_handler!(
    export_roster,
    "export_roster",
    "/api/v1/roster/export",
    Exchange::Roster,
    "The roster (`danh_sach`) of a unit's subtree: one row per assignment, past ones included."
);
exchange_handler!(
    export_training,
    "export_training_records",
    "/api/v1/training-records/export",
    Exchange::Training,
    "The training records (`boi_duong`) of the people ever assigned to a unit of the subtree."
);
exchange_handler!(
    export_assessments,
    "export_assessment_results",
    "/api/v1/assessment-results/export",
    Exchange::Assessments,
    "The assessment results (`danh_gia`) of the people ever assigned to a unit of the subtree."
);

fn headings(t: &'static AdminTexts) -> Headings<'static> {
    Headings {
        unit_code: t.export_unit_code,
        unit_name: t.export_unit_name,
        level: t.export_level,
        indicators: t.export_indicators,
        numerator: t.export_numerator,
        denominator: t.export_denominator,
        percentage: t.export_percentage,
        total: t.export_total,
    }
}

/// The indicators of each direct sub-unit and a total row, as of a date.
#[utoipa::path(get, operation_id = "export_indicators", path = "/api/v1/indicators/export", tag = "exports",
    params(("as_of" = inline(Option<super::params::DateOrEmpty>), Query, description = "YYYY-MM-DD; today when absent or empty"),
           ("unit" = Option<String>, Query, description = "Unit code whose direct sub-units are listed; the province when absent (admin)"),
           ("format" = inline(Option<super::params::ExportFormat>), Query, description = "`csv` (default, decimal comma in Vietnamese) or `xlsx`")),
    responses((status = 200, description = "Unit code, name, level, then numerator, denominator and percentage of each indicator",
               content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn export_indicators(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let day = as_of(&query, lang)?;
    let args = (state, lang, actor, query);
    let req = export_request(&args).await?;
    let t = admin_texts(lang);
    let table = service::hr::exports::indicators::table(args.0.db(), &req.scope, day, &headings(t))
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    file(
        &req,
        &table,
        &format!("chi_tieu_{}", day.format("%Y-%m-%d")),
        t.sheet_indicators,
    )
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn file_names_hold_no_quotes_or_paths() {
        assert_eq!(safe_name("SO-NV_01"), "SO-NV_01");
        assert_eq!(safe_name("a\"b/../c đ"), "a_b____c__");
    }
}

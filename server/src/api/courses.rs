//! `GET /api/v1/courses` and `/api/v1/courses/{code}`: the public catalogue as JSON.
use axum::extract::State;
use axum::{Extension, Json};
use domain::Lang;
use domain::learning::{CatalogueQuery, CourseDetail, CourseSummary};
use serde::Serialize;
use utoipa::ToSchema;

use super::extract::{ApiPath, ApiQuery};
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;
use service::access::authz::Actor;

#[derive(Debug, Serialize, ToSchema)]
pub struct CourseJson {
    /// e.g. `KNS-AT-01`
    pub code: String,
    pub title: String,
    pub summary: String,
    /// `residents`, `civil_servants` or `everyone`.
    pub audience: String,
    /// Domain codes of the competence framework, e.g. `an_toan`.
    pub competences: Vec<String>,
    pub counts_as_training: bool,
    pub lesson_count: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CoursesResponse {
    pub courses: Vec<CourseJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LessonJson {
    /// From 1, in the course's order.
    pub position: u32,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CourseDetailJson {
    #[serde(flatten)]
    pub course: CourseJson,
    pub lessons: Vec<LessonJson>,
}

impl From<CourseSummary> for CourseJson {
    fn from(c: CourseSummary) -> Self {
        CourseJson {
            code: c.code,
            title: c.title,
            summary: c.summary,
            audience: c.audience.as_str().to_owned(),
            competences: c.competences.iter().map(|d| d.code().to_owned()).collect(),
            counts_as_training: c.counts_as_training,
            lesson_count: c.lesson_count,
        }
    }
}

impl From<CourseDetail> for CourseDetailJson {
    fn from(d: CourseDetail) -> Self {
        CourseDetailJson {
            course: d.course.into(),
            lessons: d
                .lessons
                .into_iter()
                .map(|l| LessonJson {
                    position: l.position,
                    title: l.title,
                })
                .collect(),
        }
    }
}

/// The published catalogue: the national courses and those of the reader's provinces (home
/// commune, roster record, role, or the token's province); every course for the national
/// admin, the national ones for a caller not signed in.
#[utoipa::path(get, operation_id = "list_courses", path = "/api/v1/courses", tag = "courses",
    params(("q" = Option<String>, Query, description = "Words to find in the code, title or summary (case and diacritics ignored)"),
           ("audience" = Option<String>, Query, description = "`residents`, `civil_servants` or `everyone`; courses for everyone are always included"),
           ("domain" = Option<String>, Query, description = "A competence domain code, e.g. `an_toan`")),
    responses((status = 200, body = CoursesResponse),
              (status = 400, body = ErrorBody, description = "A filter given twice (`bad_request`)")))]
pub async fn list(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    ApiQuery(query): ApiQuery<CatalogueQuery>,
) -> Result<Json<CoursesResponse>, ApiError> {
    let reader = actor.map(|Extension(a)| a);
    let courses = service::learn::catalogue::list(state.db(), reader.as_ref(), &query)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(CoursesResponse {
        courses: courses.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, operation_id = "get_course", path = "/api/v1/courses/{code}", tag = "courses",
    params(("code" = String, Path, description = "The course code")),
    responses((status = 200, body = CourseDetailJson), (status = 404, body = ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<CourseDetailJson>, ApiError> {
    // The same kept content as the course page: cleared with every other cache on any change.
    let s = &state.services;
    let content = s
        .content
        .course(&s.read, &code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let detail = service::learn::catalogue::detail_of(&content.course, &content.lessons);
    Ok(Json(detail.into()))
}

//! `GET /api/v1/certificates/{code}`: public verification; `POST .../revoke`: admin revocation;
//! `GET .../credential`: the holder's Open Badges 3.0 credential. Also the holder's downloads
//! outside the JSON API: the PDF at `/chung-nhan/{code}.pdf`, the signed credential at
//! `/chung-nhan/{code}.jwt`.
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use domain::Lang;
use domain::certificate::CertificateView;
use serde::{Deserialize, Serialize};
use service::access::authz::Actor;
use utoipa::ToSchema;

use super::extract::{ApiJson, ApiPath};
use super::records::signed_in;
use crate::http::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct RevocationJson {
    /// `YYYY-MM-DD`
    pub on: String,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateJson {
    /// The canonical code, e.g. `7KQ2M-XC9RT`.
    pub code: String,
    /// True unless revoked.
    pub valid: bool,
    /// `valid` or `revoked` (an unknown code is answered 404).
    pub status: String,
    /// `course` (a completed course) or `mastery` (a passed mastery assessment).
    pub kind: String,
    /// The course or assessment code, e.g. `KNS-AT-01`.
    pub programme_code: String,
    pub title: String,
    /// The holder's full name; null once the holder erased their account.
    pub holder: Option<String>,
    /// `YYYY-MM-DD`
    pub issued_on: String,
    /// Percent, when the certificate was earned with a graded attempt.
    pub score: Option<f64>,
    pub revoked: Option<RevocationJson>,
    /// The public verification page.
    pub verify_url: String,
}

fn to_json(c: CertificateView, origin: &str) -> CertificateJson {
    CertificateJson {
        valid: c.is_valid(),
        status: if c.is_valid() { "valid" } else { "revoked" }.to_owned(),
        verify_url: format!("{origin}/xac-minh/{}", c.code),
        code: c.code,
        kind: c.kind.as_str().to_owned(),
        programme_code: c.programme_code,
        title: c.title,
        holder: c.holder,
        issued_on: c.issued_on.to_string(),
        score: c.score,
        revoked: c.revoked.map(|r| RevocationJson {
            on: r.on.to_string(),
            reason: r.reason,
        }),
    }
}

/// The origin printed in links that leave the site: the configured public URL, else the Host.
pub fn origin(state: &AppState, headers: &HeaderMap) -> String {
    state.config.public_origin().unwrap_or_else(|| {
        let host = headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("127.0.0.1:3000");
        format!("http://{host}")
    })
}

/// Anyone holding a code may check it: case, spaces and hyphens do not matter.
#[utoipa::path(get, operation_id = "verify_certificate", path = "/api/v1/certificates/{code}", tag = "certificates",
    params(("code" = String, Path, description = "The verification code printed on the certificate")),
    responses((status = 200, body = CertificateJson), (status = 404, body = ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    headers: HeaderMap,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<CertificateJson>, ApiError> {
    let cert = service::assess::certificates::verify(state.db(), &code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(to_json(cert, &origin(&state, &headers))))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RevokeRequest {
    /// Shown on the public page.
    pub reason: String,
}

/// Revokes a certificate: the national admin, or the admin of the holder's province. The public
/// page and this API then say so.
#[utoipa::path(post, operation_id = "revoke_certificate", path = "/api/v1/certificates/{code}/revoke", tag = "certificates",
    params(("code" = String, Path, description = "The verification code")),
    request_body = RevokeRequest,
    responses((status = 200, body = CertificateJson), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<RevokeRequest>,
) -> Result<Json<CertificateJson>, ApiError> {
    let actor = signed_in(actor, lang)?;
    let today = service::today();
    let cert =
        service::assess::certificates::revoke(state.db(), &actor, &code, &body.reason, today)
            .await
            .map_err(|e| ApiError::from_service(e, lang))?;
    Ok(Json(to_json(cert, &origin(&state, &headers))))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialJson {
    /// The canonical code.
    pub code: String,
    /// `valid` or `revoked`, as the status list says.
    pub status: String,
    /// The credential secured as a compact JWS (`typ: vc+jwt`, EdDSA): what a verifier checks
    /// against the keys at `/.well-known/jwks.json`.
    pub jwt: String,
    /// The credential itself (the JWS payload): an `OpenBadgeCredential` (W3C VC 2.0).
    #[schema(value_type = Object)]
    pub credential: serde_json::Value,
}

/// The certificate's Open Badges 3.0 credential, for its holder (or an admin).
#[utoipa::path(get, operation_id = "certificate_credential", path = "/api/v1/certificates/{code}/credential", tag = "certificates",
    params(("code" = String, Path, description = "The verification code")),
    responses((status = 200, body = CredentialJson), (status = 401, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "No such certificate, or not the caller's")))]
pub async fn credential(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
    ApiPath(code): ApiPath<String>,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let issued = issued_credential(&state, &actor, &headers, &code, lang).await?;
    let body = Json(CredentialJson {
        status: if issued.revoked { "revoked" } else { "valid" }.to_owned(),
        code: issued.code,
        jwt: issued.signed.jwt,
        credential: issued.signed.credential,
    });
    // The holder's identifiers, hashed: kept by no shared cache.
    Ok(([(CACHE_CONTROL, "private, no-store")], body).into_response())
}

async fn issued_credential(
    state: &AppState,
    actor: &Actor,
    headers: &HeaderMap,
    code: &str,
    lang: Lang,
) -> Result<service::badges::credential::Issued, ApiError> {
    let site = super::badges::site(state, headers);
    let source = state.config.badge_key_source();
    service::badges::credential::for_download(state.db(), actor, code, &site, &source)
        .await
        .map_err(|e| ApiError::from_service(e, lang))
}

/// The holder's downloads: `<code>.pdf`, or `<code>.jwt` (the signed credential).
pub async fn download(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, ApiError> {
    let Some(code) = file.strip_suffix(".jwt") else {
        return pdf(state, lang, actor, headers, &file).await;
    };
    let actor = signed_in(actor, lang)?;
    let issued = issued_credential(&state, &actor, &headers, code, lang).await?;
    let mut answer = super::badges::vc_jwt(issued.signed.jwt, "private, no-store");
    let disposition = format!("attachment; filename=\"chung-chi-so-{}.jwt\"", issued.code);
    if let Ok(value) = disposition.parse() {
        answer.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
    Ok(answer)
}

/// The certificate as a PDF, for its holder (or an admin); anyone else gets 404.
async fn pdf(
    state: AppState,
    lang: Lang,
    actor: Option<Extension<Actor>>,
    headers: HeaderMap,
    file: &str,
) -> Result<Response, ApiError> {
    let actor = signed_in(actor, lang)?;
    let code = file.strip_suffix(".pdf").unwrap_or(file);
    let cert = service::assess::certificates::for_download(state.db(), &actor, code)
        .await
        .map_err(|e| ApiError::from_service(e, lang))?;
    let url = format!("{}/xac-minh/{}", origin(&state, &headers), cert.code);
    let name = format!("chung-nhan-{}.pdf", cert.code);
    let bytes =
        tokio::task::spawn_blocking(move || service::assess::certificate_pdf::render(&cert, &url))
            .await
            .map_err(|e| ApiError::from_service(service::Error::internal(e), lang))?
            .map_err(|e| ApiError::from_service(e, lang))?;
    let headers = [
        (CONTENT_TYPE, "application/pdf".to_owned()),
        (
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
        (CACHE_CONTROL, "private, no-store".to_owned()),
    ];
    Ok((StatusCode::OK, headers, bytes).into_response())
}

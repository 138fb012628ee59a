//! Certificates: the public verification (anyone with the code), the holder's list, and the
//! admin's revocation.
use domain::certificate::CertificateView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What the verification page shows: the certificate, its QR code, and what this visitor may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerifiedCertificate {
    pub cert: CertificateView,
    /// The public address of this page, as the QR code carries it.
    pub verify_url: String,
    /// The QR code of `verify_url`, an SVG made on the server from the code alone.
    pub qr_svg: String,
    /// The holder (or an admin) may download the PDF.
    pub can_download: bool,
    /// An admin may revoke a valid certificate.
    pub can_revoke: bool,
}

/// The certificate a typed code names; `None` when no certificate has that code.
#[server(prefix = "/_sf", endpoint = "cert_verify", input = GetUrl)]
pub async fn verify_certificate(
    code: String,
) -> Result<Option<VerifiedCertificate>, ServerFnError> {
    use super::ctx::{actor, fail, services, site_origin};
    let (s, viewer) = (services()?, actor());
    let (cert, powers) =
        match service::assess::certificates::verify_for(&s.db, &code, viewer.as_ref()).await {
            Ok(found) => found,
            Err(service::Error::NotFound) => return Ok(None),
            Err(e) => return Err(fail(e)),
        };
    let verify_url = format!("{}/xac-minh/{}", site_origin(), cert.code);
    let qr_svg = service::assess::certificate_pdf::qr_svg(&verify_url, 180).map_err(fail)?;
    Ok(Some(VerifiedCertificate {
        can_revoke: powers.revoke,
        can_download: powers.download,
        cert,
        verify_url,
        qr_svg,
    }))
}

#[server(prefix = "/_sf", endpoint = "cert_mine", input = GetUrl)]
pub async fn my_certificates() -> Result<Vec<CertificateView>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::assess::certificates::of_user(&s.db, actor.id())
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "cert_revoke")]
pub async fn revoke_certificate(code: String, reason: String) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::assess::certificates::revoke(&s.db, &actor, &code, &reason, service::today())
        .await
        .map(|_| ())
        .map_err(fail)
}

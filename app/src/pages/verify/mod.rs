//! Certificates: the public verification page and the holder's list.
pub mod mine;
pub mod public;

use domain::Lang;
use domain::certificate::{CertificateKind, CertificateView};

use crate::i18n::certificate::CertTexts;

/// What a certificate attests, in the page's words.
pub fn kind_text(c: &CertTexts, kind: CertificateKind) -> &'static str {
    match kind {
        CertificateKind::Course => c.kind_course,
        CertificateKind::Mastery => c.kind_mastery,
    }
}

/// A date as the page's language writes it.
pub fn date_text(date: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// Where the holder downloads the PDF.
pub fn pdf_href(cert: &CertificateView) -> String {
    format!("/chung-nhan/{}.pdf", cert.code)
}

/// Where the holder downloads the signed Open Badges credential.
pub fn credential_href(cert: &CertificateView) -> String {
    format!("/chung-nhan/{}.jwt", cert.code)
}

/// The credential as JSON (the API), for the holder to read.
pub fn credential_json_href(cert: &CertificateView) -> String {
    format!("/api/v1/certificates/{}/credential", cert.code)
}

//! Certificates as Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0), secured as
//! VC-JOSE-COSE compact JWS (`typ: vc+jwt`, EdDSA over Ed25519), revocable through a Bitstring
//! Status List:
//! - [`keys`]: the signing key (made at first start, in the database or a PKCS#8 file),
//!   rotation, and every public key ever used, for the JWKS;
//! - [`jws`]: the compact JWS of a JSON payload;
//! - [`status_list`]: the bitstring, its `encodedList`, and where a certificate's bit is;
//! - [`credential`]: the `OpenBadgeCredential` of a certificate and the status list credential.
pub mod credential;
pub mod jws;
pub mod keys;
pub mod status_list;

/// What a credential says about the deployment that issues it.
#[derive(Clone, Debug)]
pub struct Site {
    /// `scheme://host[:port]` of the public URL, without a trailing slash.
    pub origin: String,
    /// The issuer profile's name, e.g. `Học Vụ Số — Sở Nội vụ tỉnh Quảng Trị`.
    pub issuer_name: String,
    /// The paths of the pages a credential links to (the app's, passed in by the server).
    pub links: Links,
}

/// Paths of the app's pages, from their codes.
#[derive(Clone, Copy, Debug)]
pub struct Links {
    pub course: fn(&str) -> String,
    pub quiz: fn(&str) -> String,
    pub verify: fn(&str) -> String,
    /// The catalogue, which `?domain=<code>` filters by competence domain.
    pub catalogue: &'static str,
}

impl Site {
    /// The issuer profile's id (and the address that serves it).
    pub fn issuer_id(&self) -> String {
        format!("{}/api/v1/badges/issuer", self.origin)
    }

    /// The JWS `kid` of the key with this thumbprint: an address that serves its JWK.
    pub fn kid_url(&self, thumbprint: &str) -> String {
        format!("{}/api/v1/badges/keys/{thumbprint}", self.origin)
    }

    /// The address of status list `list`.
    pub fn status_list_url(&self, list: i32) -> String {
        format!("{}/api/v1/badges/status/{list}", self.origin)
    }

    /// The issuer profile: id, name and home page.
    pub fn issuer(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.issuer_id(),
            "type": ["Profile"],
            "name": self.issuer_name,
            "url": self.origin,
        })
    }
}

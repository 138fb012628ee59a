//! The OpenID Connect authorization code flow with one provider, done by the `openidconnect`
//! crate: discovery (kept, fetched again when an ID token names a key the kept set lacks),
//! PKCE, `state` and `nonce`, the code exchanged over the back channel, and the ID token's
//! signature, `iss`, `aud`, `exp`/`iat` (one minute of leeway) and `nonce` checked. Every HTTP
//! call to the provider gives up after a few seconds, and follows no redirect.
use std::sync::Arc;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreClient, CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreResponseType,
};
use openidconnect::{
    AdditionalClaims, AuthenticationFlow, AuthorizationCode, ClaimsVerificationError, ClientId,
    ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdToken, IdTokenClaims,
    IdTokenVerifier, IssuerUrl, LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, RequestTokenError, Scope,
    SignatureVerificationError,
};
use serde::{Deserialize, Serialize};

use super::settings::ProviderSettings;
use crate::{Error, Result};

/// How long a connection to the provider may take to open, and a whole call to answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
const CALL_TIMEOUT: Duration = Duration::from_secs(4);
/// Clock difference tolerated between us and the provider.
const LEEWAY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);
/// How long discovery (and its key set) is kept before it is fetched again anyway.
const METADATA_LIFETIME: Duration = Duration::from_secs(3600);

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Every claim of an ID token, whatever its name, so the configured names can be read.
#[derive(Clone, Debug, Deserialize, Serialize)]
struct AnyClaims {
    #[serde(flatten)]
    all: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for AnyClaims {}

type AnyIdToken =
    IdToken<AnyClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// What a started sign-in must remember until the provider sends the person back (kept in a
/// short-lived HttpOnly cookie by the server).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

/// Who the provider says signed in, from a verified ID token. Personal data: never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Asserted {
    pub issuer: String,
    pub subject: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub id_number: Option<String>,
}

/// One configured provider and what was discovered about it.
pub struct Provider {
    pub settings: ProviderSettings,
    http: reqwest::Client,
    discovered: tokio::sync::RwLock<Option<(Arc<ProviderMetadataWithLogout>, Instant)>>,
}

impl Provider {
    pub fn new(settings: ProviderSettings) -> Self {
        let http = reqwest::Client::builder()
            // Following redirects would open the back channel to SSRF.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(CALL_TIMEOUT)
            .build()
            .expect("a plain HTTP client builds");
        Provider {
            settings,
            http,
            discovered: tokio::sync::RwLock::new(None),
        }
    }

    /// True when this provider's ID tokens name this issuer (a trailing `/` aside).
    pub fn issues(&self, issuer: &str) -> bool {
        self.settings.issuer.trim_end_matches('/') == issuer.trim_end_matches('/')
    }

    /// The authorization URL to send the browser to, and what to remember until it comes back.
    pub async fn begin(&self, redirect_uri: &str) -> Result<(String, Pending)> {
        let client = self.client(&*self.metadata(false).await?, redirect_uri)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in self.settings.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        let pending = Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
        };
        Ok((url.to_string(), pending))
    }

    /// The person the provider sent back with `code` and `state`, once the code is exchanged
    /// and the ID token passes every check.
    pub async fn finish(
        &self,
        redirect_uri: &str,
        pending: &Pending,
        state: &str,
        code: &str,
    ) -> Result<Asserted> {
        if !same(state, &pending.state) {
            return Err(refused("sso_state_mismatch"));
        }
        let metadata = self.metadata(false).await?;
        let client = self.client(&metadata, redirect_uri)?;
        let exchange = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(Error::internal)?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()));
        let response = exchange.request_async(&self.http).await.map_err(|e| {
            let unreachable = matches!(e, RequestTokenError::Request(_));
            self.log_failure(if unreachable {
                "token_unreachable"
            } else {
                "token_refused"
            });
            if unreachable {
                unavailable()
            } else {
                refused("sso_refused")
            }
        })?;
        let raw = response
            .extra_fields()
            .id_token()
            .ok_or_else(|| refused("sso_token_invalid"))?
            .to_string();
        let token: AnyIdToken = raw.parse().map_err(|_| refused("sso_token_invalid"))?;
        let nonce = Nonce::new(pending.nonce.clone());
        let claims = match verify(&client, &token, &nonce) {
            // A key the kept set lacks: the provider may have rotated its keys.
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                let fresh = self.metadata(true).await?;
                verify(&self.client(&fresh, redirect_uri)?, &token, &nonce)
            }
            other => other,
        }
        .map_err(|e| {
            let code = token_error_code(&e);
            self.log_failure(code);
            refused(code)
        })?;
        self.asserted(claims)
    }

    /// Where to send the browser after signing out here, when the provider has an end-session
    /// endpoint (read from discovery as kept; none when the provider cannot be reached).
    pub async fn end_session_url(&self, post_logout_redirect: &str) -> Option<String> {
        let metadata = self.metadata(false).await.ok()?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let mut request = LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(self.settings.client_id.clone()));
        if let Ok(back) = PostLogoutRedirectUrl::new(post_logout_redirect.to_owned()) {
            request = request.set_post_logout_redirect_uri(back);
        }
        Some(request.http_get_url().to_string())
    }

    /// Discovery as kept, or fetched when there is none, it is old, or `fresh` asks.
    async fn metadata(&self, fresh: bool) -> Result<Arc<ProviderMetadataWithLogout>> {
        if !fresh
            && let Some((kept, at)) = self.discovered.read().await.as_ref()
            && at.elapsed() < METADATA_LIFETIME
        {
            return Ok(kept.clone());
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(Error::internal)?;
        let found = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|_| {
                self.log_failure("discovery_failed");
                unavailable()
            })?;
        let found = Arc::new(found);
        *self.discovered.write().await = Some((found.clone(), Instant::now()));
        Ok(found)
    }

    fn client(&self, metadata: &ProviderMetadataWithLogout, redirect_uri: &str) -> Result<Client> {
        let redirect = RedirectUrl::new(redirect_uri.to_owned()).map_err(Error::internal)?;
        Ok(CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    /// The configured claims of verified ID token claims.
    fn asserted(&self, claims: &IdTokenClaims<AnyClaims, CoreGenderClaim>) -> Result<Asserted> {
        let all = serde_json::to_value(claims).map_err(Error::internal)?;
        let names = &self.settings.claims;
        let text = |name: &str| claim_text(&all, name);
        let subject = text(&names.subject).ok_or_else(|| {
            self.log_failure("no_subject");
            refused("sso_token_invalid")
        })?;
        Ok(Asserted {
            issuer: claims.issuer().as_str().to_owned(),
            subject,
            name: text(&names.name),
            phone: text(&names.phone),
            email: text(&names.email),
            id_number: names.id_number.as_deref().and_then(text),
        })
    }

    /// A refusal in the security log: the provider's id and a reason code, nothing the token
    /// or the person carried.
    fn log_failure(&self, reason: &str) {
        crate::access::security_log::sso(reason, &self.settings.id, None);
    }
}

fn verify<'t>(
    client: &Client,
    token: &'t AnyIdToken,
    nonce: &Nonce,
) -> Result<&'t IdTokenClaims<AnyClaims, CoreGenderClaim>, ClaimsVerificationError> {
    let verifier: IdTokenVerifier<'_, CoreJsonWebKey> = client
        .id_token_verifier()
        // `exp` may have passed by the leeway.
        .set_time_fn(|| chrono::Utc::now() - LEEWAY)
        // Issued now, give or take the leeway (the token was just fetched).
        .set_issue_time_verifier_fn(|iat| {
            let now = chrono::Utc::now();
            if iat > now + LEEWAY {
                Err("issued in the future".into())
            } else if iat < now - LEEWAY * 10 {
                Err("issued too long ago".into())
            } else {
                Ok(())
            }
        });
    token.claims(&verifier, nonce)
}

/// The error code shown for an ID token that failed a check.
fn token_error_code(e: &ClaimsVerificationError) -> &'static str {
    match e {
        ClaimsVerificationError::Expired(_) => "sso_token_expired",
        ClaimsVerificationError::InvalidAudience(_) => "sso_wrong_audience",
        ClaimsVerificationError::InvalidNonce(_) => "sso_nonce_mismatch",
        _ => "sso_token_invalid",
    }
}

/// A claim as text: a string, or a number written out (an ID number sent as a number).
fn claim_text(all: &serde_json::Value, name: &str) -> Option<String> {
    match all.get(name)? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Equal, in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn refused(code: &'static str) -> Error {
    Error::SignOnRefused(code)
}

fn unavailable() -> Error {
    Error::SignOnRefused("sso_provider_unavailable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_read_as_text() {
        let all = serde_json::json!({"a": " x ", "n": 1203004567, "e": "", "o": {}});
        assert_eq!(claim_text(&all, "a").as_deref(), Some("x"));
        assert_eq!(claim_text(&all, "n").as_deref(), Some("1203004567"));
        assert_eq!(claim_text(&all, "e"), None);
        assert_eq!(claim_text(&all, "o"), None);
        assert_eq!(claim_text(&all, "missing"), None);
    }

    #[test]
    fn states_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}

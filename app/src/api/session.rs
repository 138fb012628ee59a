//! The signed-in person and the values a plain form post left for its page.
use domain::Me;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The signed-in person, or `None`.
#[server(prefix = "/_sf", endpoint = "current_user", input = GetUrl)]
pub async fn current_user() -> Result<Option<Me>, ServerFnError> {
    Ok(super::ctx::actor().map(|a| a.me()))
}

/// How many failed sign-ins to the caller's account to tell of in this visit (since the
/// sign-in before this one); none in an assisted session, which is not the owner's own.
#[server(prefix = "/_sf", endpoint = "my_signin_alert", input = GetUrl)]
pub async fn my_signin_alert() -> Result<u32, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    if actor.token.is_some() || actor.assisted_by.is_some() {
        return Ok(0);
    }
    service::access::signin_alerts::to_tell(&s.db, actor.user.id)
        .await
        .map_err(fail)
}

/// Non-secret fields of a form that was refused, so the page shows them again, plus the codes
/// of the fields in error. The server's form handlers leave them in a one-minute cookie.
#[server(prefix = "/_sf", endpoint = "take_form_flash", input = GetUrl)]
pub async fn take_form_flash() -> Result<FormFlash, ServerFnError> {
    let Some(raw) = use_context::<http::request::Parts>()
        .and_then(|parts| cookie(&parts.headers, FLASH_COOKIE))
    else {
        return Ok(FormFlash::default());
    };
    clear_cookie(FLASH_COOKIE);
    Ok(FormFlash::decode(&raw).unwrap_or_default())
}

pub const FLASH_COOKIE: &str = "hv_form";

/// Field values and field error codes of a refused form.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FormFlash {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl FormFlash {
    pub fn value(&self, field: &str) -> String {
        self.values
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
    }
}

#[cfg(feature = "ssr")]
impl FormFlash {
    /// Cookie-safe text: JSON in unpadded base64url.
    pub fn encode(&self) -> String {
        cookie_text(self)
    }

    pub fn decode(raw: &str) -> Option<FormFlash> {
        from_cookie_text(raw)
    }
}

pub const RESULT_COOKIE: &str = "hv_result";

/// What a server function answered a plain form post (`server::http::form_results`): its path
/// and its answer as the function encoded it (JSON), when that was small enough to keep.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FormResult {
    pub path: String,
    pub answer: Option<String>,
}

#[cfg(feature = "ssr")]
impl FormResult {
    /// Cookie-safe text: JSON in unpadded base64url.
    pub fn encode(&self) -> String {
        cookie_text(self)
    }

    pub fn decode(raw: &str) -> Option<FormResult> {
        from_cookie_text(raw)
    }

    /// The answer the server function at `path` gave the form this page was sent back from,
    /// if that is what the request's cookie holds; the page's answer clears the cookie.
    pub fn take<T: serde::de::DeserializeOwned>(path: &str) -> Option<T> {
        let parts = use_context::<http::request::Parts>()?;
        let raw = cookie(&parts.headers, RESULT_COOKIE)?;
        let kept = FormResult::decode(&raw).filter(|r| r.path == path)?;
        clear_cookie(RESULT_COOKIE);
        serde_json::from_str(kept.answer.as_deref()?).ok()
    }
}

/// A value as cookie-safe text: JSON in unpadded base64url.
#[cfg(feature = "ssr")]
fn cookie_text<T: serde::Serialize>(value: &T) -> String {
    use base64::Engine;
    let json = serde_json::to_vec(value).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

#[cfg(feature = "ssr")]
fn from_cookie_text<T: serde::de::DeserializeOwned>(raw: &str) -> Option<T> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The page's answer clears a one-use cookie.
#[cfg(feature = "ssr")]
fn clear_cookie(name: &str) {
    let Some(opts) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let clear = format!("{name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    if let Ok(v) = http::HeaderValue::from_str(&clear) {
        opts.append_header(http::header::SET_COOKIE, v);
    }
}

/// A cookie's value in the request's headers.
#[cfg(feature = "ssr")]
fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(name)
                .and_then(|r| r.strip_prefix('='))
                .map(str::to_owned)
        })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::{FormFlash, FormResult};

    #[test]
    fn a_result_survives_the_cookie_round_trip() {
        let r = FormResult {
            path: "/_sf/issue_token".into(),
            answer: Some(r#"{"token":"hv_abc","name":"Sở; \"x\"=1"}"#.into()),
        };
        let raw = r.encode();
        assert!(
            raw.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(FormResult::decode(&raw), Some(r));
        assert_eq!(FormResult::decode("!"), None);
    }

    #[test]
    fn flash_survives_the_cookie_round_trip() {
        let f = FormFlash {
            values: vec![("full_name".into(), "Nguyễn Thị Ánh; \"x\"=1".into())],
            errors: vec![("password".into(), "password_too_short".into())],
        };
        let raw = f.encode();
        assert!(
            raw.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(FormFlash::decode(&raw), Some(f));
        assert_eq!(FormFlash::decode("%%%"), None);
    }
}

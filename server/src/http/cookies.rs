//! The cookies the server sets: session, language, and the one-minute form flash and result.
use axum::http::{HeaderMap, HeaderValue, header::COOKIE};
use cookie::{Cookie, SameSite, time::Duration};

pub const LANG_COOKIE: &str = "lang";

/// `__Host-` binds the cookie to this exact host over HTTPS; plain http cannot use the prefix.
pub fn session_name(https: bool) -> &'static str {
    if https {
        "__Host-hv_session"
    } else {
        "hv_session"
    }
}

/// A cookie's value from the request, if present.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

fn build(
    name: &str,
    value: String,
    max_age: Duration,
    https: bool,
    http_only: bool,
) -> HeaderValue {
    let c = Cookie::build((name.to_owned(), value))
        .path("/")
        .http_only(http_only)
        .same_site(SameSite::Lax)
        .secure(https)
        .max_age(max_age)
        .build();
    HeaderValue::from_str(&c.to_string()).expect("cookie values are ASCII")
}

pub fn session_set(token: &str, https: bool) -> HeaderValue {
    let age = Duration::seconds(service::access::sessions::ABSOLUTE_SECS);
    build(session_name(https), token.to_owned(), age, https, true)
}

pub fn session_clear(https: bool) -> HeaderValue {
    build(
        session_name(https),
        String::new(),
        Duration::ZERO,
        https,
        true,
    )
}

/// The "known device" mark (see `service::devices`): long-lived, HttpOnly, signed.
pub fn device_name(https: bool) -> &'static str {
    if https {
        "__Host-hv_device"
    } else {
        "hv_device"
    }
}

/// The device mark the request carries, if any.
pub fn device_read(headers: &HeaderMap, https: bool) -> Option<String> {
    read(headers, device_name(https))
}

pub fn device_set(mark: &str, https: bool) -> HeaderValue {
    let age = Duration::seconds(service::access::devices::MARK_MAX_AGE_SECS);
    build(device_name(https), mark.to_owned(), age, https, true)
}

/// A single sign-on under way (`server::sso_forms`): what the browser must bring back from the
/// provider, for ten minutes at most.
pub fn sso_flow_name(https: bool) -> &'static str {
    if https { "__Host-hv_sso" } else { "hv_sso" }
}

/// How long a started single sign-on may take.
pub const SSO_FLOW_SECS: i64 = 600;

pub fn sso_flow_set(value: String, https: bool) -> HeaderValue {
    let age = Duration::seconds(SSO_FLOW_SECS);
    build(sso_flow_name(https), value, age, https, true)
}

pub fn sso_flow_clear(https: bool) -> HeaderValue {
    build(
        sso_flow_name(https),
        String::new(),
        Duration::ZERO,
        https,
        true,
    )
}

/// The provider the session was opened with, so signing out can end the provider's session too.
pub fn sso_provider_name(https: bool) -> &'static str {
    if https {
        "__Host-hv_sso_idp"
    } else {
        "hv_sso_idp"
    }
}

pub fn sso_provider_set(id: &str, https: bool) -> HeaderValue {
    let age = Duration::seconds(service::access::sessions::ABSOLUTE_SECS);
    build(sso_provider_name(https), id.to_owned(), age, https, true)
}

pub fn sso_provider_clear(https: bool) -> HeaderValue {
    build(
        sso_provider_name(https),
        String::new(),
        Duration::ZERO,
        https,
        true,
    )
}

pub fn lang_set(lang: domain::Lang, https: bool) -> HeaderValue {
    build(
        LANG_COOKIE,
        lang.code().to_owned(),
        Duration::days(365),
        https,
        false,
    )
}

/// A refused form's fields and errors, for the page the browser returns to.
pub fn flash_set(value: String, https: bool) -> HeaderValue {
    one_minute(app::api::session::FLASH_COOKIE, value, https)
}

/// What a server function answered a plain form post, for the page the browser returns to.
pub fn result_set(value: String, https: bool) -> HeaderValue {
    one_minute(app::api::session::RESULT_COOKIE, value, https)
}

/// A cookie the next page reads once (and clears): HttpOnly, for a minute.
fn one_minute(name: &str, value: String, https: bool) -> HeaderValue {
    build(name, value, Duration::seconds(60), https, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_httponly_lax_and_secure_over_https() {
        let plain = session_set("abc", false).to_str().unwrap().to_owned();
        assert!(plain.starts_with("hv_session=abc"), "{plain}");
        assert!(
            plain.contains("HttpOnly")
                && plain.contains("SameSite=Lax")
                && plain.contains("Path=/")
        );
        assert!(!plain.contains("Secure"));
        let tls = session_set("abc", true).to_str().unwrap().to_owned();
        assert!(
            tls.starts_with("__Host-hv_session=abc") && tls.contains("Secure"),
            "{tls}"
        );
    }

    #[test]
    fn device_cookie_is_long_lived_and_httponly() {
        let plain = device_set("1.dev.sig", false).to_str().unwrap().to_owned();
        assert!(plain.starts_with("hv_device=1.dev.sig"), "{plain}");
        assert!(
            plain.contains("HttpOnly") && plain.contains("Max-Age=31536000"),
            "{plain}"
        );
        let tls = device_set("1.dev.sig", true).to_str().unwrap().to_owned();
        assert!(
            tls.starts_with("__Host-hv_device=") && tls.contains("Secure"),
            "{tls}"
        );
    }

    #[test]
    fn reads_one_cookie_among_many() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            HeaderValue::from_static("a=1; hv_session=tok; lang=en"),
        );
        assert_eq!(read(&h, "hv_session").as_deref(), Some("tok"));
        assert_eq!(read(&h, "lang").as_deref(), Some("en"));
        assert_eq!(read(&h, "nope"), None);
    }
}

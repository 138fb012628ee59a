//! Plain HTML form posts (sign in, register, sign out, language), so these work before the
//! wasm arrives. Each answers with a redirect: on failure back to the form, with the error
//! code in the query and the non-secret fields in a one-minute cookie.
use app::api::session::FormFlash;
use app::paths;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::header::{LOCATION, REFERER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router, routing::post};
use domain::Lang;
use serde::Deserialize;

use crate::http::cookies;
use crate::http::session::{ClientIp, SessionToken};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dang-nhap", post(login))
        .route("/dang-ky", post(register))
        .route(paths::SIGN_OUT, post(logout))
        .route(paths::LANGUAGE, post(switch_lang))
}

#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn login(
    State(state): State<AppState>,
    Extension(ip): Extension<ClientIp>,
    Extension(lang): Extension<Lang>,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let f = match form {
        Ok(Form(f)) => f,
        Err(rejection) => return refused(&rejection, lang),
    };
    let s = &state.services;
    let https = state.config.https();
    let mark = cookies::device_read(&headers, https);
    let attempt = service::access::accounts::SignIn {
        login: &f.login,
        password: &f.password,
        ip: &ip.0,
        device_mark: mark.as_deref(),
    };
    let signed = match service::access::accounts::authenticate(&s.db, &s.passwords, &attempt).await
    {
        Ok(signed) => signed,
        Err(e) => {
            let flash = FormFlash {
                values: vec![("login".into(), f.login)],
                errors: Vec::new(),
            };
            return back_with_error(paths::SIGN_IN, e.code(), flash, https);
        }
    };
    match service::access::sessions::create(&s.db, signed.user.id).await {
        Ok(token) => with_device_mark(
            see_other(
                safe_next(&f.next),
                Some(cookies::session_set(&token, https)),
            ),
            &signed.device_mark,
            https,
        ),
        Err(e) => back_with_error(paths::SIGN_IN, e.code(), FormFlash::default(), https),
    }
}

/// Adds the known-device mark (see `service::devices`) to a signed-in answer.
fn with_device_mark(mut res: Response, mark: &str, https: bool) -> Response {
    res.headers_mut()
        .append(SET_COOKIE, cookies::device_set(mark, https));
    res
}

#[derive(Deserialize)]
pub struct RegisterForm {
    full_name: String,
    login: String,
    password: String,
    /// The province's code, from the page's first step; empty where there is one province.
    #[serde(default)]
    province: String,
    #[serde(default)]
    commune: String,
    consent: Option<String>,
}

async fn register(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ip): Extension<ClientIp>,
    form: Result<Form<RegisterForm>, FormRejection>,
) -> Response {
    let f = match form {
        Ok(Form(f)) => f,
        Err(rejection) => return refused(&rejection, lang),
    };
    let s = &state.services;
    let https = state.config.https();
    let reg = service::access::accounts::Registration {
        full_name: f.full_name.clone(),
        login: f.login.clone(),
        password: f.password,
        province_code: f.province.clone(),
        commune_code: f.commune.clone(),
        consent: f.consent.is_some(),
    };
    let kept = vec![
        ("full_name".into(), f.full_name),
        ("login".into(), f.login),
        ("province".into(), f.province),
        ("commune".into(), f.commune),
    ];
    let user =
        match service::access::accounts::register_from(&s.db, &s.passwords, &reg, &ip.0).await {
            Ok(u) => u,
            Err(e) => {
                let errors = match &e {
                    service::Error::Invalid(issues) => issues
                        .iter()
                        .map(|i| (i.field.clone(), i.code.clone()))
                        .collect(),
                    _ => Vec::new(),
                };
                return back_with_error(
                    "/dang-ky",
                    e.code(),
                    FormFlash {
                        values: kept,
                        errors,
                    },
                    https,
                );
            }
        };
    let signed_in = async {
        let token = service::access::sessions::create(&s.db, user.id).await?;
        let mark = service::access::devices::key(&s.db)
            .await?
            .mark_after_sign_in(user.id, None);
        Ok::<_, service::Error>((token, mark))
    };
    match signed_in.await {
        Ok((token, mark)) => with_device_mark(
            see_other("/", Some(cookies::session_set(&token, https))),
            &mark,
            https,
        ),
        Err(e) => back_with_error(paths::SIGN_IN, e.code(), FormFlash::default(), https),
    }
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    token: Option<Extension<SessionToken>>,
) -> Response {
    if let Some(Extension(SessionToken(t))) = token
        && let Err(e) = service::access::sessions::end(state.db(), &t).await
    {
        tracing::error!(error = %e, "could not end a session");
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Không thể đăng xuất lúc này.",
        )
            .into_response();
    }
    // A session from single sign-on may end at its provider too.
    let (location, forget_provider) = crate::sso_forms::after_sign_out(&state, &headers).await;
    let mut res = see_other(
        &location,
        Some(cookies::session_clear(state.config.https())),
    );
    res.headers_mut().append(SET_COOKIE, forget_provider);
    res
}

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
}

async fn switch_lang(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<LangForm>,
) -> Response {
    let lang = Lang::parse(&f.lang).unwrap_or_default();
    let back = headers
        .get(REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(same_site_path)
        .unwrap_or("/")
        .to_owned();
    see_other(&back, Some(cookies::lang_set(lang, state.config.https())))
}

/// The path of a Referer, so the reader returns to the page they were on.
fn same_site_path(referer: &str) -> Option<&str> {
    let rest = referer.split_once("://").map(|(_, r)| r)?;
    let path = &rest[rest.find('/')?..];
    Some(safe_next(path))
}

/// Only a strict local path may follow a sign-in, else the home page: `/`, then letters,
/// digits and `-/._~%` (a `%` escape of anything but a control character, `/` or `\\`), and a
/// query of the same and `=&+`. No scheme, no `//` or backslash (another host to a browser),
/// no control character (which browsers drop: `/\t/evil.example` is `//evil.example`), no
/// fragment.
pub fn safe_next(next: &str) -> &str {
    if is_local_path(next) { next } else { "/" }
}

fn is_local_path(next: &str) -> bool {
    let (path, query) = next.split_once('?').unwrap_or((next, ""));
    path.starts_with('/')
        && !path.starts_with("//")
        && strict(path, b"-/._~%", b"/\\")
        && strict(query, b"-/._~%=&+", b"\\")
}

/// Only letters, digits and `allowed`; each `%` escape well formed and naming neither a control
/// character nor one of `refused`.
fn strict(text: &str, allowed: &[u8], refused: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let plain = bytes
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || allowed.contains(b));
    let escapes_fine = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'%')
        .all(|(i, _)| {
            let hex = bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                .and_then(|h| std::str::from_utf8(h).ok());
            hex.and_then(|h| u8::from_str_radix(h, 16).ok())
                .is_some_and(|c| !c.is_ascii_control() && !refused.contains(&c))
        });
    plain && escapes_fine
}

/// A form the server cannot read (too large, malformed) gets a page saying so.
pub(crate) fn refused(rejection: &FormRejection, lang: Lang) -> Response {
    let status = rejection.status();
    let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "payload_too_large"
    } else {
        "bad_request"
    };
    crate::http::error::page(status, lang, code)
}

pub(crate) fn back_with_error(page: &str, code: &str, flash: FormFlash, https: bool) -> Response {
    let mut res = see_other(&format!("{page}?loi={code}"), None);
    res.headers_mut()
        .append(SET_COOKIE, cookies::flash_set(flash.encode(), https));
    res
}

pub(crate) fn see_other(location: &str, cookie: Option<HeaderValue>) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(LOCATION, v);
    }
    if let Some(c) = cookie {
        res.headers_mut().append(SET_COOKIE, c);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_follow_a_sign_in() {
        for good in [
            "/",
            "/tai-khoan",
            "/bai-kiem-tra/KNS-AT-01-KT",
            "/khoa-hoc/K%C3%BA/bai/2",
            "/khoa-hoc?q=an%20toan&audience=everyone",
            "/khoa-hoc?next=%2Fx",
        ] {
            assert_eq!(safe_next(good), good);
        }
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "",
            "evil",
            "/\t/evil.example",
            "/\n/evil",
            "/%09/evil",
            "/%0a/evil",
            "/%2F/evil",
            "/%2f%2fevil",
            "/%5Cevil",
            "/%",
            "/%zz",
            "/%+a/evil",
            "/x?%0d%0aSet-Cookie:a",
            "/x?a=\\b",
            "/x#//evil",
            " /x",
            "/x y",
            "/kho\u{00e1}",
        ] {
            assert_eq!(safe_next(hostile), "/", "{hostile:?}");
        }
    }

    #[test]
    fn the_form_field_is_the_sign_in_page_parameter() {
        assert_eq!(app::pages::account::login::NEXT_PARAM, "next");
    }

    #[test]
    fn referer_becomes_a_local_path() {
        assert_eq!(
            same_site_path("http://127.0.0.1:3000/dang-ky?x=1"),
            Some("/dang-ky?x=1")
        );
        assert_eq!(same_site_path("http://host"), None);
    }
}

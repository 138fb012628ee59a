//! Plain form posts that switch the session cookie: deleting one's account, and a
//! facilitator's assisted session (start helping a resident on this device, stop).
use app::api::session::FormFlash;
use app::pages::account::login::NEXT_PARAM;
use app::paths;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::response::Response;
use axum::{Extension, Router, routing::post};
use domain::Lang;
use serde::Deserialize;
use service::access::authz::Actor;

use crate::forms::{back_with_error, refused, see_other};
use crate::http::cookies;
use crate::http::session::{ClientIp, SessionToken};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/tai-khoan/xoa", post(erase))
        .route("/tai-khoan/mat-khau", post(change_password))
        .route(&paths::community_assist("{id}"), post(start_assisting))
        .route(paths::COMMUNITY_STOP_ASSISTING, post(stop_assisting))
}

#[derive(Deserialize)]
pub struct EraseForm {
    password: String,
    /// The box "I understand this cannot be undone".
    confirm: Option<String>,
}

/// Erases the account after its password and a ticked confirmation; back home, signed out.
async fn erase(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    actor: Option<Extension<Actor>>,
    form: Result<Form<EraseForm>, FormRejection>,
) -> Response {
    let https = state.config.https();
    let f = match form {
        Ok(Form(f)) => f,
        Err(rejection) => return refused(&rejection, lang),
    };
    let Some(Extension(actor)) = actor.filter(|a| a.0.token.is_none() && a.0.assisted_by.is_none())
    else {
        return see_other(&format!("/dang-nhap?{NEXT_PARAM}=/tai-khoan"), None);
    };
    if f.confirm.is_none() {
        return back_with_error(
            "/tai-khoan",
            "confirm_required",
            FormFlash::default(),
            https,
        );
    }
    let s = &state.services;
    match service::access::my_data::erase(&s.db, &s.passwords, actor.id(), &f.password).await {
        Ok(()) => see_other("/?da-xoa-tai-khoan=1", Some(cookies::session_clear(https))),
        Err(e) => back_with_error(paths::ACCOUNT, &error_code(&e), FormFlash::default(), https),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
}

/// The section of the account page the password form is in: its errors show there.
const PASSWORD_SECTION: &str = "muc=mat-khau#doi-mat-khau";

/// Changes the signed-in person's password: every session of the account ends, and this
/// browser gets a fresh one; back to the account page, which says so.
async fn change_password(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(ip): Extension<ClientIp>,
    actor: Option<Extension<Actor>>,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    let https = state.config.https();
    let f = match form {
        Ok(Form(f)) => f,
        Err(rejection) => return refused(&rejection, lang),
    };
    let Some(Extension(actor)) = actor else {
        return see_other(&format!("/dang-nhap?{NEXT_PARAM}=/tai-khoan"), None);
    };
    let s = &state.services;
    let change = service::access::password_change::PasswordChange {
        current: &f.current,
        new: &f.new,
        ip: &ip.0,
    };
    if let Err(e) =
        service::access::password_change::change(&s.db, &s.passwords, &actor, &change).await
    {
        let code = error_code(&e);
        return see_other(&format!("/tai-khoan?loi={code}&{PASSWORD_SECTION}"), None);
    }
    match service::access::sessions::create(&s.db, actor.id()).await {
        Ok(token) => see_other(
            "/tai-khoan?da-doi-mat-khau=1",
            Some(cookies::session_set(&token, https)),
        ),
        Err(_) => see_other(paths::SIGN_IN, Some(cookies::session_clear(https))),
    }
}

fn error_code(e: &service::Error) -> String {
    match e {
        service::Error::Invalid(issues) if !issues.is_empty() => issues[0].code.clone(),
        _ => e.code().to_owned(),
    }
}

/// A facilitator starts helping a resident on this device: the cookie now holds a session of
/// the resident's (marked as assisted); the facilitator's own session ends.
async fn start_assisting(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    token: Option<Extension<SessionToken>>,
    Path(id): Path<i32>,
) -> Response {
    let https = state.config.https();
    let (Some(Extension(actor)), Some(Extension(SessionToken(own)))) = (actor, token) else {
        return see_other(&format!("/dang-nhap?{NEXT_PARAM}=/cong-dong"), None);
    };
    if actor.assisted_by.is_some() {
        return back_with_error(
            paths::COMMUNITY,
            "already_assisting",
            FormFlash::default(),
            https,
        );
    }
    let db = state.db();
    match service::community::facilitation::start_assisting(db, &actor, id).await {
        Ok(resident_token) => {
            if let Err(e) = service::access::sessions::end(db, &own).await {
                tracing::error!(error = %e, "could not end the facilitator's session");
            }
            see_other(
                "/hoc-tap",
                Some(cookies::session_set(&resident_token, https)),
            )
        }
        Err(e) => back_with_error(
            paths::COMMUNITY,
            &error_code(&e),
            FormFlash::default(),
            https,
        ),
    }
}

/// Ends the assisted session and clears the device's session cookie: the facilitator signs in
/// again (with a notice saying so), since the resident's cookie alone proves nothing of theirs.
async fn stop_assisting(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    token: Option<Extension<SessionToken>>,
) -> Response {
    let https = state.config.https();
    let (Some(Extension(actor)), Some(Extension(SessionToken(t)))) = (actor, token) else {
        return see_other(paths::SIGN_IN, None);
    };
    match service::community::facilitation::stop_assisting(state.db(), &actor, &t).await {
        Ok(()) => see_other(
            "/dang-nhap?loi=assist_ended",
            Some(cookies::session_clear(https)),
        ),
        Err(_) => see_other("/", None),
    }
}

//! What a server function reads from its request: the services, the signed-in person.
use leptos::prelude::*;
use service::access::authz::Actor;
use service::{Error, Services};

pub fn services() -> Result<Services, ServerFnError> {
    use_context::<Services>().ok_or_else(|| ServerFnError::new("internal"))
}

/// The signed-in person, put on the request by the server's session middleware.
pub fn actor() -> Option<Actor> {
    with_context::<http::request::Parts, _>(|p| p.extensions.get::<Actor>().cloned()).flatten()
}

/// The client's address the server's session middleware put on the request (as for sign-in
/// limits); empty when there is none.
pub fn client_ip() -> String {
    with_context::<http::request::Parts, _>(|p| {
        p.extensions
            .get::<service::access::client::ClientIp>()
            .map(|ip| ip.0.clone())
    })
    .flatten()
    .unwrap_or_default()
}

pub fn require_actor() -> Result<Actor, ServerFnError> {
    actor().ok_or_else(|| fail(Error::Unauthenticated))
}

/// Maps a service error to the code the page translates; internal causes are logged, not shown.
pub fn fail(err: Error) -> ServerFnError {
    if let Error::Internal(cause) = &err {
        leptos::logging::error!("internal error in a server function: {cause}");
    }
    // Leptos sends a plain form post back to its page with the error in the address, as a
    // redirect; a 4xx status set here would replace the redirect's and strand the browser on
    // the bare error. Refusals (401, 403, 429) keep theirs, so they are still logged as
    // refusals (`server::http::security_log`).
    let back_to_the_form =
        matches!(err, Error::Invalid(_) | Error::Conflict(_)) && is_plain_form_post();
    let options = use_context::<leptos_axum::ResponseOptions>().filter(|_| !back_to_the_form);
    if let Some(opts) = options {
        opts.set_status(
            http::StatusCode::from_u16(err.http_status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    match &err {
        // A form shows what is wrong with the field, not just that something is.
        Error::Invalid(issues) if !issues.is_empty() => ServerFnError::new(issues[0].code.clone()),
        _ => ServerFnError::new(err.code()),
    }
}

/// A server function posted by an HTML form before the wasm arrived: the browser asks for a
/// page (`Accept: text/html`), where the wasm's calls ask for JSON. A page's own render, which
/// also runs server functions, is a GET of the page's path, not of `/_sf/`.
fn is_plain_form_post() -> bool {
    with_context::<http::request::Parts, _>(|p| {
        let accepts_html = p
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        p.method == http::Method::POST && p.uri.path().starts_with("/_sf/") && accepts_html
    })
    .unwrap_or(false)
}

/// The site's public origin (`https://host`), set by the server from its configuration.
#[derive(Clone, Debug)]
pub struct PublicOrigin(pub Option<String>);

/// The origin links printed outside the site (QR codes, PDFs) point to: the configured public
/// URL, else the host this request was sent to.
pub fn site_origin() -> String {
    if let Some(PublicOrigin(Some(origin))) = use_context::<PublicOrigin>() {
        return origin;
    }
    let host = with_context::<http::request::Parts, _>(|p| {
        let host = p.headers.get(http::header::HOST)?;
        host.to_str().ok().map(str::to_owned)
    })
    .flatten()
    .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    format!("http://{host}")
}

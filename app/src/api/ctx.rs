//! What a server function reads from its request: the services, the signed-in person.
use leptos::prelude::*;
use service::authz::Actor;
use service::{Error, Services};

pub fn services() -> Result<Services, ServerFnError> {
    use_context::<Services>().ok_or_else(|| ServerFnError::new("internal"))
}

/// The signed-in person, put on the request by the server's session middleware.
pub fn actor() -> Option<Actor> {
    use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Actor>().cloned())
}

pub fn require_actor() -> Result<Actor, ServerFnError> {
    actor().ok_or_else(|| fail(Error::Unauthenticated))
}

/// Maps a service error to the code the page translates; internal causes are logged, not shown.
pub fn fail(err: Error) -> ServerFnError {
    if let Error::Internal(cause) = &err {
        leptos::logging::error!("internal error in a server function: {cause}");
    }
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(status_of(&err));
    }
    ServerFnError::new(err.code())
}

fn status_of(err: &Error) -> http::StatusCode {
    use http::StatusCode as S;
    match err {
        Error::NotFound => S::NOT_FOUND,
        Error::Unauthenticated | Error::InvalidCredentials => S::UNAUTHORIZED,
        Error::Forbidden | Error::AccountDisabled => S::FORBIDDEN,
        Error::Invalid(_) => S::UNPROCESSABLE_ENTITY,
        Error::RateLimited => S::TOO_MANY_REQUESTS,
        Error::Conflict(_) => S::CONFLICT,
        Error::Internal(_) => S::INTERNAL_SERVER_ERROR,
    }
}

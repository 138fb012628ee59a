//! Messages read out by screen readers as soon as they appear.
use leptos::prelude::*;

/// An error message for the whole form (role=alert).
#[component]
pub fn ErrorAlert(message: String) -> impl IntoView {
    view! { <p class="alert alert-error" role="alert">{message}</p> }
}

/// The stable error code a server function answered with (`internal` for a failure that
/// carries none, such as a lost connection).
pub fn error_code(err: &ServerFnError) -> String {
    match err {
        ServerFnError::ServerError(code) => code.clone(),
        _ => "internal".to_owned(),
    }
}

/// A server function's refusal or failure, said in the page's language (role=alert).
#[component]
pub fn ServerErrorAlert(error: ServerFnError) -> impl IntoView {
    let t = crate::i18n::use_texts();
    view! { <ErrorAlert message=t.error(&error_code(&error)).to_owned()/> }
}

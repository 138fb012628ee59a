//! Messages read out by screen readers as soon as they appear.
use leptos::prelude::*;

/// An error message for the whole form (role=alert).
#[component]
pub fn ErrorAlert(message: String) -> impl IntoView {
    view! { <p class="alert alert-error" role="alert">{message}</p> }
}

//! The authoring pages (authors and the admin): courses and their lessons, quizzes, the
//! question bank. Every page renders whole on the server; the server refuses anyone else.
pub mod bank;
pub mod course;
pub mod home;
pub mod lesson;
pub mod lesson_domain;
pub mod lesson_video;
pub mod lesson_voice;
pub mod quiz;

use leptos::prelude::*;

use crate::components::alert::ServerErrorAlert;

/// The outcome of a form: what went wrong (every field's message), or that it was saved.
pub fn outcome<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, ServerFnError>>> + Send + Sync + 'static,
    saved: &'static str,
) -> impl IntoView {
    move || {
        value.get().map(|r| match r {
            Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
            Ok(_) => view! { <p class="alert alert-ok" role="status">{saved}</p> }.into_any(),
        })
    }
}

/// A refusal or failure in loading a page's data.
pub fn load_error(e: &ServerFnError) -> impl IntoView + use<> {
    view! { <ServerErrorAlert error=e.clone()/> }
}

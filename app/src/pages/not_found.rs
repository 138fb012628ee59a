//! The page for an address that leads nowhere, answered with status 404.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_texts;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_texts();
    view! {
        <Title text=t.not_found_title/>
        <section class="card narrow">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    }
}

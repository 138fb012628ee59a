//! `/ngoai-tuyen`: what the service worker shows for a page not saved on the phone while
//! offline. The list of saved courses is filled by `public/offline.js` from the phone's storage.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_offline_texts;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let o = use_offline_texts();
    view! {
        <Title text=o.offline_title/>
        <section class="card wide">
            <h1>{o.offline_title}</h1>
            <p>{o.offline_body}</p>
            <h2>{o.offline_saved}</h2>
            <ul id="saved-courses" class="lesson-list"></ul>
            <p id="saved-none" class="muted">{o.offline_none}</p>
        </section>
    }
}

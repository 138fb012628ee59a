//! The home page: what the platform is, and a welcome for the signed-in.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::layout::MeResource;
use crate::i18n::use_texts;
use crate::pages::account::profile::{LinkProposals, SignInAlert};

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let me = expect_context::<MeResource>();
    let query = leptos_router::hooks::use_query_map();
    let erased = move || query.read().get("da-xoa-tai-khoan").is_some();
    view! {
        <Title text=t.app_name/>
        <section class="hero">
            {move || erased().then(|| view! {
                <p class="alert alert-success" role="status">{crate::i18n::community::use_community_texts().erased_notice}</p>
            })}
            <h1>{t.home_title}</h1>
            <Suspense fallback=|| ()>
                {move || me.get().flatten().map(|m| view! {
                    <p class="welcome">{t.home_welcome}" "<strong>{m.full_name.clone()}</strong></p>
                    {m.assisted_by.is_none().then(|| view! { <SignInAlert/><LinkProposals/> })}
                })}
            </Suspense>
            <p class="lead">{t.home_intro}</p>
            <ul class="points">
                {t.home_points.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
            </ul>
        </section>
    }
}

//! `/cong-dong`: the community digital teams. A facilitator registers residents (with their
//! consent), enrols them and helps them learn on this device; the admin and hr officers keep
//! the registry of teams and members. `/cong-dong/thong-ke`: commune statistics.
mod residents;
mod stats;
mod teams;

pub use stats::CommuneStatsPage;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::community::{
    AddMember, CreateTeam, EnrolResident, RegisterResident, RemoveMember, load_community,
};
use crate::components::alert::{ErrorAlert, ServerErrorAlert, error_code};
use crate::components::form::form_action;
use crate::i18n::community::use_community_texts;
use crate::i18n::use_texts;
use crate::paths;

/// The page's actions, shared with its parts so every change reloads the view.
#[derive(Clone, Copy)]
pub(crate) struct Actions {
    pub register: ServerAction<RegisterResident>,
    pub enrol: ServerAction<EnrolResident>,
    pub create: ServerAction<CreateTeam>,
    pub add: ServerAction<AddMember>,
    pub remove: ServerAction<RemoveMember>,
}

impl Actions {
    fn new() -> Actions {
        Actions {
            register: form_action(),
            enrol: form_action(),
            create: form_action(),
            add: form_action(),
            remove: form_action(),
        }
    }

    fn versions(&self) -> [usize; 5] {
        [
            self.register.version().get(),
            self.enrol.version().get(),
            self.create.version().get(),
            self.add.version().get(),
            self.remove.version().get(),
        ]
    }

    /// The error of the last action that failed, as the page says it.
    fn error(&self) -> Option<String> {
        [
            self.register.value().get(),
            self.enrol.value().get(),
            self.create.value().get(),
            self.add.value().get(),
            self.remove.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(|r| r.err())
        .map(|e| error_code(&e))
    }
}

#[component]
pub fn CommunityPage() -> impl IntoView {
    let (t, c) = (use_texts(), use_community_texts());
    let actions = Actions::new();
    let view_data = Resource::new_blocking(move || actions.versions(), |_| load_community());
    let query = leptos_router::hooks::use_query_map();
    let flash = move || query.read().get("loi").or_else(|| actions.error());
    view! {
        <Title text=c.title/>
        <section class="card wide">
            <h1>{c.title}</h1>
            <p>{c.intro}</p>
            <p><a href=paths::COMMUNITY_STATS>{c.stats_title}</a></p>
            {move || flash().map(|code| view! { <ErrorAlert message=t.error(&code).to_owned()/> })}
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || view_data.get().map(|res| match res {
                    Err(e) => view! { <ServerErrorAlert error=e/> }.into_any(),
                    Ok(v) => view! {
                        {(!v.facilitator_communes.is_empty()).then(|| view! {
                            <residents::RegisterForm actions=actions communes=v.facilitator_communes.clone()/>
                            <residents::ResidentList actions=actions residents=v.residents.clone() courses=v.courses.clone()/>
                        })}
                        <teams::TeamRegistry actions=actions teams=v.teams.clone() manages=v.manages/>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

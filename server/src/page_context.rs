//! What every page gets from the server as context (the services, the static files' names,
//! the public origin): used by the router's Leptos routes and by the reading pages' own routes.
use leptos::prelude::*;

use crate::state::AppState;

/// What every page gets from the server as context: the services, the names of the static
/// files, the public origin. Worked out once, provided for each request.
pub struct PageContext {
    services: service::Services,
    files: app::assets::AssetPaths,
    origin: app::api::ctx::PublicOrigin,
}

impl PageContext {
    pub fn new(state: &AppState) -> Self {
        Self {
            services: state.services.clone(),
            files: crate::assets::names(&state.leptos_options).for_pages(),
            origin: app::api::ctx::PublicOrigin(state.config.public_origin()),
        }
    }

    /// Provides the three to the current reactive owner.
    pub fn provide(&self) {
        provide_context(self.services.clone());
        provide_context(self.files.clone());
        provide_context(self.origin.clone());
    }
}

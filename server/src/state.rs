//! What every handler shares: the services, the configuration, the Leptos options.
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use service::Services;

use crate::config::Config;

/// A clone is one reference count: every middleware layer takes its own.
#[derive(Clone)]
pub struct AppState(Arc<StateParts>);

/// The parts of [`AppState`].
pub struct StateParts {
    pub services: Services,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// Signed-in people by session cookie, for a moment (see the module).
    pub actors: crate::http::actor_cache::ActorCache,
    /// Reading pages as anonymous visitors get them, for a moment (see the module).
    pub pages: crate::http::page_cache::PageCache,
    /// Requests counted per route, and who else may read `/metrics` (see the module).
    pub metrics: crate::http::metrics::Metrics,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl std::ops::Deref for AppState {
    type Target = StateParts;

    fn deref(&self) -> &StateParts {
        &self.0
    }
}

impl AppState {
    pub fn new(parts: StateParts) -> Self {
        AppState(Arc::new(parts))
    }

    pub fn db(&self) -> &sea_orm::DatabaseConnection {
        &self.services.db
    }
}

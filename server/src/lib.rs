//! The `hocvu` server: configuration, router, middleware, API, form posts, background jobs.
pub mod api;
pub mod cli;
pub mod config;
pub mod forms;
pub mod http;
pub mod jobs;
pub mod router;
pub mod state;

use std::sync::Arc;

use service::{Services, password::Passwords};

use crate::config::Config;
use crate::state::AppState;

/// Connects to the database (migrating it) and assembles the shared state.
pub async fn state_from(config: Config) -> Result<AppState, sea_orm::DbErr> {
    let db = service::db::connect(&config.database_url).await?;
    let services = Services { db, passwords: Passwords::for_this_machine() };
    Ok(AppState { services, config: Arc::new(config), leptos_options: router::leptos_options() })
}

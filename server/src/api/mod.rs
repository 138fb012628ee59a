//! The JSON API under /api/v1, described by its OpenAPI document.
pub mod auth;
pub mod error;
pub mod health;
pub mod openapi;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(auth::login))
        .route("/api/v1/auth/logout", post(auth::logout))
        .route("/api/v1/auth/me", get(auth::me))
        .route("/api/v1/auth/register", post(auth::register))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/{*rest}", axum::routing::any(error::unknown_route))
        .route("/healthz", get(health::healthz))
}

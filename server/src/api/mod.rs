//! The JSON API under /api/v1, described by its OpenAPI document.
pub mod attachments;
pub mod auth;
pub mod badges;
pub mod certificates;
pub mod community;
pub mod courses;
pub mod exports;
pub mod extract;
pub mod health;
pub mod indicators;
pub mod me;
pub mod offline;
pub mod openapi;
pub mod params;
pub mod people;
pub mod provinces;
pub mod questions;
pub mod records;
pub mod speech;
pub mod tokens;
pub mod units;
pub mod video;
pub mod xapi;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};

use crate::http::body_limit::{
    BANK_BODY_LIMIT, IMPORT_BODY_LIMIT, UPLOAD_BODY_LIMIT, VIDEO_BODY_LIMIT, VOICE_BODY_LIMIT,
};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(auth::login))
        .route("/api/v1/auth/logout", post(auth::logout))
        .route("/api/v1/auth/me", get(auth::me))
        .route("/api/v1/auth/register", post(auth::register))
        .route(
            "/api/v1/units/import",
            post(records::import_units).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route(
            "/api/v1/roster/import",
            post(records::import_roster).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route(
            "/api/v1/training-records/import",
            post(records::import_training).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route(
            "/api/v1/assessment-results/import",
            post(records::import_assessments).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route(
            "/api/v1/questions/import",
            post(questions::import).layer(DefaultBodyLimit::max(BANK_BODY_LIMIT)),
        )
        .route("/api/v1/units", get(units::list))
        .route("/api/v1/indicators", get(indicators::indicators))
        .route(
            "/api/v1/indicators/by-unit",
            get(indicators::indicators_by_unit),
        )
        .route("/api/v1/indicators/trend", get(indicators::trend))
        .route(
            "/api/v1/indicators/by-province",
            get(indicators::indicators_by_province),
        )
        .route("/api/v1/indicators/export", get(exports::export_indicators))
        .route("/api/v1/roster/export", get(exports::export_roster))
        .route(
            "/api/v1/training-records/export",
            get(exports::export_training),
        )
        .route(
            "/api/v1/assessment-results/export",
            get(exports::export_assessments),
        )
        .route("/api/v1/tokens", post(tokens::issue).get(tokens::list))
        .route(
            "/api/v1/provinces",
            post(provinces::create).get(provinces::list),
        )
        .route(
            "/api/v1/provinces/{code}/admins",
            post(provinces::add_admin),
        )
        .route("/api/v1/tokens/{id}", delete(tokens::revoke))
        .route("/api/v1/xapi/outbox", get(xapi::outbox))
        .route("/api/v1/courses", get(courses::list))
        .route("/api/v1/courses/{code}", get(courses::one))
        .route("/api/v1/courses/{code}/offline", get(offline::course))
        .route("/api/v1/sync", post(offline::sync))
        .route("/api/v1/certificates/{code}", get(certificates::one))
        .route(
            "/api/v1/certificates/{code}/revoke",
            post(certificates::revoke),
        )
        .route(
            "/api/v1/certificates/{code}/credential",
            get(certificates::credential),
        )
        .route("/chung-nhan/{file}", get(certificates::download))
        .route("/api/v1/badges/issuer", get(badges::issuer))
        .route("/api/v1/badges/keys/rotate", post(badges::rotate))
        .route("/api/v1/badges/keys/{thumbprint}", get(badges::key))
        .route("/api/v1/badges/status/{list}", get(badges::status_list))
        .route("/.well-known/jwks.json", get(badges::jwks))
        .route(
            "/api/v1/courses/{code}/attachments",
            post(attachments::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/tep/{token}", get(attachments::serve))
        .route(
            "/api/v1/lessons/{id}/voice",
            post(speech::upload_voice)
                .delete(speech::remove_voice)
                .layer(DefaultBodyLimit::max(VOICE_BODY_LIMIT)),
        )
        .route("/am-thanh/{id}/{hash}", get(speech::serve))
        .route(
            "/api/v1/lessons/{id}/video",
            post(video::upload).layer(DefaultBodyLimit::max(VIDEO_BODY_LIMIT)),
        )
        .route("/video/{id}/{hash}", get(video::serve))
        .route("/phu-de/{id}/{hash}", get(video::captions))
        .route("/api/v1/me/data", get(me::data))
        .route("/api/v1/me/erase", post(me::erase))
        .route("/api/v1/me/staff-record", post(me::claim))
        .route("/api/v1/me/link-proposals", get(me::link_proposals))
        .route(
            "/api/v1/me/link-proposals/{id}/accept",
            post(me::accept_link),
        )
        .route(
            "/api/v1/me/link-proposals/{id}/refuse",
            post(me::refuse_link),
        )
        .route("/api/v1/people", get(people::list))
        .route("/api/v1/people/{code}", get(people::person))
        .route(
            "/api/v1/people/{code}/link-proposal",
            post(people::propose_link),
        )
        .route("/api/v1/people/{code}/link", delete(people::unlink))
        .route("/api/v1/people/{code}/erase", post(people::erase))
        .route(
            "/api/v1/teams",
            get(community::teams).post(community::create_team),
        )
        .route("/api/v1/teams/{id}/members", post(community::add_member))
        .route(
            "/api/v1/teams/{id}/members/{user_id}",
            delete(community::remove_member),
        )
        .route("/api/v1/communes/stats", get(community::commune_stats))
        .route(
            "/api/v1/residents",
            get(community::residents).post(community::register_resident),
        )
        .route("/api/v1/residents/{id}/enrolments", post(community::enrol))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route(
            "/api/v1/{*rest}",
            axum::routing::any(crate::http::error::unknown_route),
        )
        .route("/healthz", get(health::healthz))
}

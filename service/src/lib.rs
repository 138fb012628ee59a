//! Use cases over the database: accounts and sessions, roles, units, audit, demo data.
pub mod accounts;
pub mod admin;
pub mod answer_targets;
pub mod answer_writer;
pub mod attachments;
pub mod attempts;
pub mod audit;
pub mod audit_search;
pub mod authoring;
pub mod authz;
pub mod backup;
pub mod bank;
pub mod bank_import;
pub mod catalogue;
pub mod certificate_pdf;
pub mod certificates;
pub mod client;
pub mod community;
pub mod content_cache;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod demo_courses;
pub mod demo_quizzes;
pub mod demo_roster;
pub mod devices;
pub mod entity;
pub mod error;
pub mod exports;
pub mod facilitation;
pub mod firsts;
pub mod generation;
pub mod image_fit;
pub mod imports;
pub mod indicators;
pub mod kept;
pub mod lesson_editor;
pub mod link_proposals;
pub mod linking;
pub mod manual_records;
pub mod markdown;
pub mod my_data;
pub mod offline;
pub mod password;
pub mod password_change;
pub mod people;
pub mod person;
pub mod platform_records;
pub mod practice;
pub mod progress;
pub mod progress_cache;
pub mod quiz_settings;
pub mod ratelimit;
pub mod roster_erasure;
pub mod security_log;
pub mod sessions;
pub mod signin_alerts;
pub mod sql;
pub mod standing;
pub mod sync;
pub mod telemetry;
pub mod tokens;
pub mod units;

pub use error::{Error, FieldIssue, Result};

/// Seconds since the Unix epoch: every timestamp in the schema is stored this way.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// What every request handler needs from the service layer; a clone is one reference count
/// (a page's render asks for it many times).
#[derive(Clone)]
pub struct Services(std::sync::Arc<ServiceParts>);

impl Services {
    pub fn new(parts: ServiceParts) -> Self {
        Services(std::sync::Arc::new(parts))
    }
}

impl std::ops::Deref for Services {
    type Target = ServiceParts;

    fn deref(&self) -> &ServiceParts {
        &self.0
    }
}

/// The parts of [`Services`].
pub struct ServiceParts {
    /// Every write, and reads that must see the writer's own transaction.
    pub db: sea_orm::DatabaseConnection,
    /// Reads on the hot paths (sessions, pages, answers): read-only connections with SQLite,
    /// the same pool as `db` with PostgreSQL. See [`db::connect_reader`].
    pub read: sea_orm::DatabaseConnection,
    pub passwords: password::Passwords,
    /// The questions of open attempts, as saving an answer needs them (kept in memory).
    pub answer_targets: answer_targets::AnswerTargets,
    /// Writes answers, grouping those given at the same moment (see [`answer_writer`]).
    pub answers: answer_writer::AnswerWriter,
    /// Published courses and their rendered lessons, for a moment (see [`content_cache`]).
    pub content: content_cache::ContentCache,
    /// Each learner's progress in a course, for a moment (see [`progress_cache`]).
    pub progress: progress_cache::ProgressCache,
}

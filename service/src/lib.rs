//! Use cases over the database, grouped by capability. Each group is one folder:
//! - [`access`]: accounts, sessions, API tokens, roles and authorization, sign-in limits,
//!   password hashing, the audit and security logs, a learner's own data;
//! - [`learn`]: the catalogue, progress through lessons, practice, offline packs and sync;
//! - [`author`]: courses, lessons, quizzes, question banks and attachments;
//! - [`assess`]: attempts, saving answers, grading, certificates;
//! - [`badges`]: certificates as signed Open Badges 3.0 credentials, keys, status lists;
//! - [`hr`]: units, the roster, people, training and assessment records, first dates,
//!   indicators, the dashboard, imports and exports, linking people to accounts;
//! - [`community`]: community digital teams and facilitators;
//! - [`sso`]: single sign-on with OpenID providers and the accounts bound to their people;
//! - [`speech`]: lessons read aloud (espeak-ng, MP3) or recorded by an author, and the
//!   worker that makes them;
//! - [`video`]: lesson videos, kept here or linked, with their captions;
//! - [`xapi`]: learning records as xAPI statements, queued and sent to a Learning Record Store;
//! - [`cache`]: what the database said, kept for a moment, and the epoch that makes it stale;
//! - [`demo`]: the demo units, accounts, courses and quizzes (never used by the rest);
//! - [`db`], [`sql`], [`entity`], [`error`], [`backup`]: the database and its plumbing.
pub mod access;
pub mod assess;
pub mod author;
pub mod backup;
pub mod badges;
pub mod cache;
pub mod community;
pub mod db;
pub mod demo;
pub mod entity;
pub mod error;
pub mod hr;
pub mod learn;
pub mod province;
pub mod speech;
pub mod sql;
pub mod sso;
pub mod telemetry;
pub mod video;
pub mod xapi;
pub use error::{Error, FieldIssue, Result};

/// Seconds since the Unix epoch: every timestamp in the schema is stored this way.
/// The clock, as a Unix timestamp.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Today in Vietnam (UTC+7).
pub fn today() -> chrono::NaiveDate {
    domain::dates::vietnam_date(now())
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
    pub passwords: access::password::Passwords,
    /// The questions of open attempts, as saving an answer needs them (kept in memory).
    pub answer_targets: assess::answer_targets::AnswerTargets,
    /// Writes answers, grouping those given at the same moment (see [`assess::answer_writer`]).
    pub answers: assess::answer_writer::AnswerWriter,
    /// Published courses and their rendered lessons, for a moment (see [`cache::content`]).
    pub content: cache::content::ContentCache,
    /// Each learner's progress in a course, for a moment (see [`cache::progress`]).
    pub progress: cache::progress::ProgressCache,
    /// Makes the caches stale when a write changes what they keep (see [`cache::writes`]).
    pub writes: cache::writes::WriteWatch,
    /// The OpenID providers people may sign in with (none: no single sign-on).
    pub sso: sso::Providers,
    /// Whether learning records are queued for a Learning Record Store (see [`xapi`]).
    pub xapi: xapi::Recorder,
    /// Whether an SMTP server is configured, so reminders by e-mail can be sent.
    pub mail_enabled: bool,
    /// espeak-ng with its Vietnamese voice, when installed: lessons are read aloud (see
    /// [`speech`]); `None`, and authors are told why there is no spoken version.
    pub voice: Option<speech::synth::Voice>,
    /// The hosts a lesson's video may link to (`HOCVU_VIDEO_HOSTS`).
    pub video_hosts: Vec<String>,
}

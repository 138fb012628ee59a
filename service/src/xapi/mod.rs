//! Learning records for a Learning Record Store, as xAPI statements (issue 19):
//! - [`statement`]: the statements, their deterministic ids and opaque actors;
//! - [`outbox`]: each statement written in the transaction of what it tells, the summary an
//!   admin reads, failed ones put back;
//! - [`sender`]: the background worker that sends them, in order per learner, in batches,
//!   with backoff while the LRS is down.
//!
//! Nothing is written when no LRS is configured ([`Recorder::off`]).
pub mod outbox;
pub mod sender;
pub mod statement;

use std::sync::Arc;

pub use statement::{CourseRef, Event, Links, Site};

/// Whether statements are recorded, and for which deployment; a clone is a reference count.
#[derive(Clone, Debug, Default)]
pub struct Recorder(Option<Arc<Site>>);

impl Recorder {
    /// No LRS: nothing is queued.
    pub fn off() -> Recorder {
        Recorder(None)
    }

    pub fn on(site: Site) -> Recorder {
        Recorder(Some(Arc::new(site)))
    }

    pub fn site(&self) -> Option<&Site> {
        self.0.as_deref()
    }
}

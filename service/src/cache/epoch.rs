//! A counter that says "everything kept before now is stale". The caches that keep what the
//! database said for a moment (sessions, anonymous pages, course content, progress) share one:
//! a write to something kept bumps it ([`crate::cache::writes`]), and each cache serves only
//! what it read in the current generation.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Shared by every clone.
#[derive(Clone, Debug, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    /// Taken before the database is read: what was read across a bump is never served.
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Makes everything kept so far stale.
    pub(crate) fn bump(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bump_is_seen_by_every_clone() {
        let g = Generation::default();
        let other = g.clone();
        let before = other.current();
        g.bump();
        assert_eq!(other.current(), before + 1);
    }
}

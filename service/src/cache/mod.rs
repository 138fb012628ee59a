//! What the database said, kept for a moment: one map type ([`map::Kept`]) behind every
//! cache, one epoch ([`epoch::Generation`]) whose bump makes all of it stale, and one watch on
//! the writes ([`writes::WriteWatch`]) that bumps it when something kept has changed.
pub mod content;
pub mod epoch;
pub mod map;
pub mod progress;
pub mod writes;

//! What the database said, kept for a moment: one map type ([`map::Kept`]) behind every
//! cache, and one epoch ([`epoch::Generation`]) whose bump makes all of it stale.
pub mod content;
pub mod epoch;
pub mod map;
pub mod progress;

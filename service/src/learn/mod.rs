//! Learning: the published catalogue, progress through lessons, practice, and what a
//! phone keeps offline and sends back.
pub mod catalogue;
pub mod offline;
pub mod practice;
pub mod progress;
pub mod sync;

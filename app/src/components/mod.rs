//! Reusable pieces of the interface.
pub mod alert;
pub mod charts;
pub mod layout;

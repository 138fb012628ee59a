//! Reusable pieces of the interface.
pub mod alert;
pub mod charts;
pub mod form;
pub mod layout;
pub mod player;
pub mod table;
pub mod upload;
pub mod video;

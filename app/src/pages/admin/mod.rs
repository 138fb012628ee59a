//! The admin's pages.
pub mod users;

//! The admin's pages.
pub mod audit;
pub mod provinces;
pub mod tokens;
pub mod users;
pub mod xapi;

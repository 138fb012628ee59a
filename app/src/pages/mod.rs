//! One module per area of the site.
pub mod account;
pub mod admin;
pub mod assess;
pub mod author;
pub mod community;
pub mod home;
pub mod hr;
pub mod learn;
pub mod not_found;
pub mod offline;
pub mod verify;

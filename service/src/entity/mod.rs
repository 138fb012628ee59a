//! sea-orm entities, one module per table.
pub mod audit;
pub mod login_failure;
pub mod session;
pub mod unit;
pub mod user;
pub mod user_role;

//! Signing in, registering, and the signed-in person's own page.
pub mod login;
pub mod profile;
pub mod register;

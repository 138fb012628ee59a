//! Server functions by area: thin (authorize, call the service, map the error).
pub mod admin;
pub mod assess;
pub mod audit;
pub mod author;
pub mod certs;
pub mod community;
pub mod hr;
pub mod learn;
pub mod provinces;
pub mod reminders;
pub mod session;
pub mod sso;
pub mod tokens;
pub mod units;
pub mod xapi;

#[cfg(feature = "ssr")]
pub mod ctx;

//! HTTP plumbing shared by pages and the API: cookies, sessions, CSRF, security headers, body
//! limits, the client address, the caches with what clears them, and what the server tells about
//! itself (request ids and spans, `/metrics`).
pub mod actor_cache;
pub mod body_limit;
pub mod clearing;
pub mod cookies;
pub mod csrf;
pub mod error;
pub mod form_results;
pub mod forwarded;
pub mod gzip;
mod gzip_pieces;
pub mod headers;
pub mod metrics;
pub mod page_cache;
pub mod ranged;
pub mod security_log;
pub mod server_fn_errors;
pub mod session;
pub mod trace;

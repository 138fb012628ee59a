//! HTTP plumbing shared by pages and the API: cookies, sessions, CSRF, security headers, body
//! limits, the client address, and the caches with what clears them.
pub mod actor_cache;
pub mod body_limit;
pub mod clearing;
pub mod cookies;
pub mod csrf;
pub mod error_page;
pub mod forwarded;
pub mod gzip;
pub mod headers;
pub mod page_cache;
pub mod security_log;
pub mod server_fn_errors;
pub mod session;

//! HTTP plumbing shared by pages and the API: cookies, sessions, CSRF, security headers.
pub mod actor_cache;
pub mod cookies;
pub mod csrf;
pub mod error_page;
pub mod gzip;
pub mod headers;
pub mod page_cache;
pub mod session;

//! Who may do what: accounts, sessions, API tokens, roles and authorization, sign-in
//! limits, password hashing, the audit and security logs, and a learner's own data.
pub mod accounts;
pub mod admin;
pub mod audit;
pub mod audit_search;
pub mod authz;
pub mod client;
pub mod devices;
pub mod my_data;
pub mod password;
pub mod password_change;
pub mod ratelimit;
pub mod security_log;
pub mod sessions;
pub mod signin_alerts;
pub mod tokens;

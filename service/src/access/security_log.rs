//! Security events of the services (ASVS V16.3): sign-ins and their outcome, staff-record
//! claims, assisted sessions. Only numeric account ids and outcome codes: never a login, a
//! password, a personal ID number, a name or a contact (V16.4).

/// The log target of every security event.
pub const TARGET: &str = "security";

/// A sign-in attempt's outcome (`ok`, `failed`, `limited`, `busy`); the account when the login
/// names one (an unknown login is not logged: it may be someone's phone number).
pub fn sign_in(outcome: &'static str, user: Option<i32>) {
    tracing::info!(target: TARGET, event = "sign_in", outcome, user = ?user);
}

/// A staff-record claim's outcome by the claiming account.
pub fn claim(outcome: &'static str, user: i32) {
    tracing::info!(target: TARGET, event = "claim", outcome, user);
}

/// The account's password was changed (by its owner).
pub fn password_changed(user: i32) {
    tracing::info!(target: TARGET, event = "password_change", user);
}

/// A single sign-on's outcome (`ok`, `created`, `linked`, `unlinked`, or the refusal's reason)
/// at a provider, by its configured id; the account once known.
pub fn sso(outcome: &str, provider: &str, user: Option<i32>) {
    tracing::info!(target: TARGET, event = "sso", outcome, provider, user = ?user);
}

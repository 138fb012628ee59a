//! API tokens as the admin's page and the API show them: never the token itself after issue.
use serde::{Deserialize, Serialize};

/// Every token starts with this, so a leaked one is recognised by secret scanners and people.
pub const TOKEN_PREFIX: &str = "hvs_";

/// A token lasts this many days unless the admin chooses another expiry date.
pub const TOKEN_DAYS: i64 = 365;
/// An expiry date may be at most this many days away.
pub const TOKEN_MAX_DAYS: i64 = 5 * 366;

/// Labels longer than this are refused.
pub const TOKEN_NAME_MAX: usize = 100;

/// One issued token. Times are seconds since the Unix epoch; `unit_code` is `None` for a token
/// that covers the whole province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    /// The token's first characters, to tell tokens apart.
    pub hint: String,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    /// Login of the admin who issued it.
    pub created_by: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// The last second it is accepted.
    pub expires_at: Option<i64>,
    /// Past its expiry when listed.
    pub expired: bool,
}

/// A token just issued: the only time its value is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedToken {
    pub token: String,
    pub row: TokenRow,
}

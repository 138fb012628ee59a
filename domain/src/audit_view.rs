//! The admin's view of the audit log: the filter a page sends and the entries it gets back.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Entries per page of the audit log.
pub const AUDIT_PAGE_SIZE: u64 = 50;

/// What to look for; empty fields do not filter. Dates are days in Vietnam's time (UTC+7),
/// both included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Part of the login of the person (or of the name of the API token) who made the change.
    pub actor: String,
    pub action: String,
    /// `person`, or `person:12` for one object.
    pub object: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// From 1.
    pub page: u64,
}

impl AuditFilter {
    /// The object filter split into its kind and optional id: `person:12` → (`person`, `12`).
    pub fn object_parts(&self) -> Option<(&str, Option<&str>)> {
        let text = self.object.trim();
        if text.is_empty() {
            return None;
        }
        match text.split_once(':') {
            Some((kind, id)) => Some((kind.trim(), Some(id.trim()).filter(|i| !i.is_empty()))),
            None => Some((text, None)),
        }
    }
}

/// One change as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// Seconds since the Unix epoch.
    pub at: i64,
    /// The person's login and name, when a person made the change.
    pub actor_login: Option<String>,
    pub actor_name: Option<String>,
    /// The API token's name and hint, when a token made it.
    pub token_name: Option<String>,
    pub token_hint: Option<String>,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    /// JSON, as recorded.
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub page: u64,
    pub has_next: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_filter_parts() {
        let f = |o: &str| AuditFilter {
            object: o.to_owned(),
            ..Default::default()
        };
        assert_eq!(f("").object_parts(), None);
        assert_eq!(f(" person ").object_parts(), Some(("person", None)));
        assert_eq!(f("person:12").object_parts(), Some(("person", Some("12"))));
        assert_eq!(f("person: ").object_parts(), Some(("person", None)));
    }
}

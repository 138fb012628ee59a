//! The roles a person can hold on the platform, and which of them are granted per unit.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Learner,
    Hr,
    Author,
    Facilitator,
    Admin,
    /// The admin's powers inside one province (a grant names the province, not a unit).
    ProvinceAdmin,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::Learner,
        Role::Hr,
        Role::Author,
        Role::Facilitator,
        Role::Admin,
        Role::ProvinceAdmin,
    ];

    /// The key stored in the database and sent over the wire; must match the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Hr => "hr",
            Role::Author => "author",
            Role::Facilitator => "facilitator",
            Role::Admin => "admin",
            Role::ProvinceAdmin => "province_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.as_str() == s)
    }

    /// An hr officer manages one unit's people and a facilitator serves one commune, so a grant
    /// of these roles is meaningless without a unit.
    pub fn needs_unit(self) -> bool {
        matches!(self, Role::Hr | Role::Facilitator)
    }

    /// A province admin is granted for a province; the national admin grants it on the
    /// provinces page, not with a unit.
    pub fn needs_province(self) -> bool {
        self == Role::ProvinceAdmin
    }

    /// The roles a province admin grants and takes back: the learner's and those held for one
    /// of the province's units. The others (admin, author, province admin) are national.
    pub fn province_grantable(self) -> bool {
        self == Role::Learner || self.needs_unit()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_province_admin_grants_no_national_role() {
        let grantable: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.province_grantable())
            .collect();
        assert_eq!(grantable, [Role::Learner, Role::Hr, Role::Facilitator]);
    }

    #[test]
    fn as_str_round_trips_through_parse_and_serde() {
        for &role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
    }

    #[test]
    fn parse_refuses_unknown_and_differently_cased_keys() {
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse("superuser"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn only_hr_and_facilitator_need_a_unit() {
        let with_unit: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.needs_unit())
            .collect();
        assert_eq!(with_unit, vec![Role::Hr, Role::Facilitator]);
    }
}

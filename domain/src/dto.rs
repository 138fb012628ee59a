//! Shapes exchanged between browser and server, kept here so both compile against one definition.

use crate::roles::Role;
use crate::unit::UnitLevel;
use serde::{Deserialize, Serialize};

/// One role held by a person; `unit_code` is set for the roles granted per unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    /// The province of a province admin's grant, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
}

/// The signed-in person, as `GET /api/v1/auth/me` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: i64,
    pub full_name: String,
    pub login: String,
    pub roles: Vec<RoleGrant>,
    /// In an assisted session: the name of the facilitator helping on their device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assisted_by: Option<String>,
}

impl Me {
    /// For showing or hiding parts of the interface only: the server checks every object.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|grant| grant.role == role)
    }

    /// The units where the person holds `role`, for choosing which unit a page shows.
    pub fn units_for(&self, role: Role) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(move |grant| grant.role == role)
            .filter_map(|grant| grant.unit_code.as_deref())
    }
}

/// A row of the admin's user list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub disabled: bool,
    pub roles: Vec<RoleGrant>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
    pub level: UnitLevel,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Me {
        Me {
            id: 7,
            full_name: "Nguyễn Thị Ánh".into(),
            login: "0912345678".into(),
            roles: vec![
                RoleGrant {
                    role: Role::Learner,
                    unit_code: None,
                    unit_name: None,
                    province: None,
                },
                RoleGrant {
                    role: Role::Hr,
                    unit_code: Some("SNV".into()),
                    unit_name: Some("Sở Nội vụ".into()),
                    province: None,
                },
            ],
            assisted_by: None,
        }
    }

    #[test]
    fn has_role_looks_at_every_grant() {
        let me = me();
        assert!(me.has_role(Role::Learner));
        assert!(me.has_role(Role::Hr));
        assert!(!me.has_role(Role::Admin));
    }

    #[test]
    fn units_for_lists_the_unit_of_each_grant() {
        let me = me();
        assert_eq!(me.units_for(Role::Hr).collect::<Vec<_>>(), ["SNV"]);
        assert_eq!(me.units_for(Role::Learner).count(), 0);
    }

    #[test]
    fn me_json_shape() {
        let json = serde_json::to_value(me()).unwrap();
        assert_eq!(json["roles"][1]["role"], "hr");
        assert_eq!(json["roles"][1]["unit_code"], "SNV");
        assert_eq!(json["roles"][0]["unit_code"], serde_json::Value::Null);
        let back: Me = serde_json::from_value(json).unwrap();
        assert_eq!(back, me());
    }

    #[test]
    fn unit_ref_json_shape() {
        let unit = UnitRef {
            code: "XA-001".into(),
            name: "Xã Tân Lập".into(),
            level: UnitLevel::Xa,
        };
        let json = serde_json::to_string(&unit).unwrap();
        assert_eq!(
            json,
            r#"{"code":"XA-001","name":"Xã Tân Lập","level":"xa"}"#
        );
    }
}

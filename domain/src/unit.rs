//! The two tiers of local government a unit belongs to since 1 July 2025.

use serde::{Deserialize, Serialize};
use std::fmt;

/// `Tinh`: provincial departments, agencies and bodies; `Xa`: communes, wards and special zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    Tinh,
    Xa,
}

impl UnitLevel {
    pub const ALL: &'static [UnitLevel] = &[UnitLevel::Tinh, UnitLevel::Xa];

    /// The key used in the database, the API and the `cap` column of import files.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitLevel::Tinh => "tinh",
            UnitLevel::Xa => "xa",
        }
    }

    pub fn parse(s: &str) -> Option<UnitLevel> {
        UnitLevel::ALL.iter().copied().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for UnitLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for &level in UnitLevel::ALL {
            assert_eq!(UnitLevel::parse(level.as_str()), Some(level));
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.as_str()));
        }
        assert_eq!(UnitLevel::parse("huyen"), None);
    }
}

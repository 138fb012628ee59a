//! Community digital technology teams (tổ công nghệ số cộng đồng), the residents their
//! facilitators help, and the commune statistics, as the pages and the API show them.
use serde::{Deserialize, Serialize};

use crate::UnitRef;

/// A team of one commune, with its members (facilitators).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: i32,
    pub name: String,
    pub commune: UnitRef,
    pub members: Vec<TeamMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: i32,
    pub full_name: String,
    pub login: String,
}

/// A resident a facilitator registered, with where their learning stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resident {
    pub user_id: i32,
    pub full_name: String,
    pub login: String,
    /// `YYYY-MM-DD`
    pub registered_on: String,
    /// Course codes the resident is enrolled in.
    pub enrolled: Vec<String>,
    /// Course codes the resident completed.
    pub completed: Vec<String>,
}

/// The community figures of one commune (or, in `total`, of all the communes shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneFigures {
    /// Residents who registered (themselves or through a facilitator) on or before the date.
    pub residents_registered: u64,
    /// Of them, those who completed a course for residents (the basic course) by the date.
    pub residents_completed_basic: u64,
    pub teams: u64,
    pub members: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneRow {
    pub unit: UnitRef,
    pub figures: CommuneFigures,
}

/// Commune statistics on one date: one row per commune the reader may see, and their total
/// (the province's, for the admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneStats {
    /// `YYYY-MM-DD`
    pub as_of: String,
    pub rows: Vec<CommuneRow>,
    pub total: CommuneFigures,
}

impl CommuneFigures {
    pub fn add(&mut self, other: &CommuneFigures) {
        self.residents_registered += other.residents_registered;
        self.residents_completed_basic += other.residents_completed_basic;
        self.teams += other.teams;
        self.members += other.members;
    }
}

/// A team's name: 3 to 120 characters once trimmed.
pub fn check_team_name(name: &str) -> Result<String, &'static str> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err("required"),
        1..=2 => Err("too_short"),
        3..=120 => Ok(name),
        _ => Err("too_long"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_names_are_trimmed_and_bounded() {
        assert_eq!(check_team_name("  Tổ   số 1 ").unwrap(), "Tổ số 1");
        assert_eq!(check_team_name("  "), Err("required"));
        assert_eq!(check_team_name("Tổ"), Err("too_short"));
        assert_eq!(check_team_name(&"a".repeat(121)), Err("too_long"));
    }

    #[test]
    fn figures_add_up() {
        let one = CommuneFigures {
            residents_registered: 3,
            residents_completed_basic: 1,
            teams: 1,
            members: 2,
        };
        let mut sum = one.clone();
        sum.add(&one);
        assert_eq!(sum.residents_registered, 6);
        assert_eq!(sum.members, 4);
    }
}

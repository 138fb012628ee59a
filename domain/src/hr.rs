//! What the HR pages exchange with the server: indicator keys, people lists, a person's record,
//! the dashboard.
use serde::{Deserialize, Serialize};

use crate::dto::UnitRef;
use crate::exchange::StaffKind;
use crate::indicator::Ratio;

/// The three indicators of SPEC, by their API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKey {
    ProvincialTrained,
    CommuneTrained,
    Mastered,
}

impl IndicatorKey {
    pub const ALL: &'static [IndicatorKey] = &[
        IndicatorKey::ProvincialTrained,
        IndicatorKey::CommuneTrained,
        IndicatorKey::Mastered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorKey::ProvincialTrained => "provincial_trained",
            IndicatorKey::CommuneTrained => "commune_trained",
            IndicatorKey::Mastered => "mastered",
        }
    }

    pub fn parse(text: &str) -> Option<IndicatorKey> {
        IndicatorKey::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == text)
    }

    /// The status a person must have to be in the numerator.
    pub fn achieved(self) -> PersonStatus {
        match self {
            IndicatorKey::Mastered => PersonStatus::Mastered,
            _ => PersonStatus::Trained,
        }
    }

    /// The status of the people of the denominator who are not (yet) in the numerator.
    pub fn missing(self) -> PersonStatus {
        match self {
            IndicatorKey::Mastered => PersonStatus::NotMastered,
            _ => PersonStatus::NotTrained,
        }
    }
}

/// A person's standing on a date, for filtering lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    Trained,
    NotTrained,
    Mastered,
    NotMastered,
}

impl PersonStatus {
    pub const ALL: &'static [PersonStatus] = &[
        PersonStatus::Trained,
        PersonStatus::NotTrained,
        PersonStatus::Mastered,
        PersonStatus::NotMastered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PersonStatus::Trained => "trained",
            PersonStatus::NotTrained => "not_trained",
            PersonStatus::Mastered => "mastered",
            PersonStatus::NotMastered => "not_mastered",
        }
    }

    pub fn parse(text: &str) -> Option<PersonStatus> {
        PersonStatus::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == text)
    }
}

/// The three ratios of one subtree on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorSet {
    pub provincial_trained: Ratio,
    pub commune_trained: Ratio,
    pub mastered: Ratio,
}

impl IndicatorSet {
    pub fn get(&self, key: IndicatorKey) -> Ratio {
        match key {
            IndicatorKey::ProvincialTrained => self.provincial_trained,
            IndicatorKey::CommuneTrained => self.commune_trained,
            IndicatorKey::Mastered => self.mastered,
        }
    }
}

/// Which people a list shows: those active on `as_of` in the unit's subtree, narrowed by the
/// other fields. Strings as typed in the page's query (empty = no filter).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleQuery {
    pub unit: String,
    /// `YYYY-MM-DD`; today when empty.
    pub as_of: String,
    /// Part of a name or a staff code.
    pub search: String,
    pub kind: String,
    pub status: String,
    /// Only the people an indicator's denominator counts.
    pub indicator: String,
    /// From 1.
    pub page: u32,
}

/// One line of a people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub staff_code: String,
    pub full_name: String,
    pub unit: UnitRef,
    pub kind: StaffKind,
    /// The first training on or before the date, `YYYY-MM-DD`.
    pub trained_on: Option<String>,
    /// The first passed mastery on or before the date.
    pub mastered_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub as_of: String,
    pub unit: Option<UnitRef>,
    pub rows: Vec<PersonRow>,
    pub total: u64,
    pub page: u32,
    pub page_size: u32,
}

impl PeoplePage {
    pub fn pages(&self) -> u32 {
        let size = u64::from(self.page_size.max(1));
        u32::try_from(self.total.div_ceil(size))
            .unwrap_or(u32::MAX)
            .max(1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub unit: UnitRef,
    pub kind: StaffKind,
    pub start: String,
    pub end: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingView {
    pub programme_code: String,
    pub completed_on: String,
    /// `truc_tuyen` or `truc_tiep`.
    pub mode: String,
    pub note: Option<String>,
    /// `import`, `manual` or `platform`.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentView {
    pub assessment_code: String,
    pub taken_on: String,
    pub score: f64,
    pub passed: bool,
    pub note: Option<String>,
    pub source: String,
}

/// A user account that may be the person's, shown to hr for confirming a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRef {
    pub id: i64,
    pub login: String,
    pub full_name: String,
}

/// Everything hr may see about one roster member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub staff_code: String,
    pub full_name: String,
    /// Only the last four digits, the rest masked.
    pub personal_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The linked account: only once its holder claimed the record or accepted hr's proposal.
    pub account: Option<AccountRef>,
    /// Always empty: hr is never shown accounts that merely share an e-mail or phone (kept
    /// so that older clients still read the record).
    pub candidates: Vec<AccountRef>,
    /// `proposed`, `accepted`, `refused` (hr's latest proposal) or `claimed` (the person
    /// linked their account themselves); nothing about the account itself.
    #[serde(default)]
    pub link_status: Option<String>,
    pub assignments: Vec<AssignmentView>,
    pub trainings: Vec<TrainingView>,
    pub assessments: Vec<AssessmentView>,
    /// The linked account's quiz and assessment attempts on the platform, newest first.
    pub attempts: Vec<PersonAttempt>,
    /// The linked account's certificates, newest first.
    pub certificates: Vec<crate::certificate::CertificateView>,
    /// The lessons the linked account tested out with a course's placement check (rather
    /// than read), by course and place.
    #[serde(default)]
    pub tested_out: Vec<TestedOutView>,
}

/// One lesson a learner skipped by passing its domain's part of the course's placement check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestedOutView {
    pub course_code: String,
    pub course_title: String,
    pub position: u32,
    pub lesson_title: String,
    /// `YYYY-MM-DD`
    pub on: String,
}

/// One attempt as the HR of the learner's unit sees it: never the answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonAttempt {
    pub quiz_code: String,
    pub quiz_title: String,
    pub mastery: bool,
    /// A course's placement check.
    #[serde(default)]
    pub placement: bool,
    /// `YYYY-MM-DD`
    pub started_on: String,
    /// `open`, `submitted` or `timed_out`.
    pub status: String,
    pub score: Option<f64>,
    pub passed: Option<bool>,
}

/// The dashboard of one unit (or the province) on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub as_of: String,
    /// `None` for the whole province.
    pub unit: Option<UnitRef>,
    pub figures: IndicatorSet,
    /// One row per direct sub-unit.
    pub by_unit: Vec<(UnitRef, IndicatorSet)>,
    /// Month ends (the last one is `as_of`), oldest first.
    pub monthly: Vec<(String, IndicatorSet)>,
    /// Units the reader may choose from.
    pub choices: Vec<UnitRef>,
    /// The reader may also see the whole province (the admin).
    pub whole_province: bool,
}

/// The answer of an import endpoint, as the import page reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub accepted: usize,
    pub errors: Vec<ImportIssue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportIssue {
    pub row: usize,
    pub column: String,
    pub code: String,
    pub message: String,
}

/// Masks all but the last four characters of a personal ID number.
pub fn mask_personal_id(id: &str) -> String {
    let n = id.chars().count();
    id.chars()
        .enumerate()
        .map(|(i, c)| if i + 4 < n { '•' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for k in IndicatorKey::ALL {
            assert_eq!(IndicatorKey::parse(k.as_str()), Some(*k));
        }
        for s in PersonStatus::ALL {
            assert_eq!(PersonStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(IndicatorKey::parse("trained"), None);
    }

    #[test]
    fn each_indicator_has_its_own_statuses() {
        assert_eq!(IndicatorKey::Mastered.achieved(), PersonStatus::Mastered);
        assert_eq!(
            IndicatorKey::CommuneTrained.missing(),
            PersonStatus::NotTrained
        );
    }

    #[test]
    fn pages_round_up_and_never_drop_to_zero() {
        let page = |total| PeoplePage {
            as_of: String::new(),
            unit: None,
            rows: vec![],
            total,
            page: 1,
            page_size: 50,
        };
        assert_eq!(page(0).pages(), 1);
        assert_eq!(page(50).pages(), 1);
        assert_eq!(page(51).pages(), 2);
    }

    #[test]
    fn personal_ids_show_only_the_last_four_digits() {
        assert_eq!(mask_personal_id("001203004567"), "••••••••4567");
        assert_eq!(mask_personal_id("123"), "123");
    }
}

//! What the authoring pages exchange with the server: courses with their lessons as an author
//! sees them (published or not), quiz settings, and the question bank's rows.
use serde::{Deserialize, Serialize};

use super::attempt::{DrawRule, Review};
use super::{Audience, CompetenceDomain};

/// One course in the author's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorCourseRow {
    pub code: String,
    pub title: String,
    pub published: bool,
    pub lesson_count: u32,
    pub quiz_count: u32,
}

/// A course's fields as the editor's form holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseFields {
    pub code: String,
    pub title: String,
    pub summary: String,
    pub audience: Audience,
    pub competences: Vec<CompetenceDomain>,
    pub counts_as_training: bool,
}

/// A lesson in the course editor's list: its id stays with it wherever it moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonRow {
    pub id: i32,
    pub position: u32,
    pub title: String,
    pub speech: SpeechState,
}

/// Where the making of a lesson's spoken version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeechState {
    /// Made only once the course is published.
    NotPublished,
    Queued,
    Working,
    Ready,
    Failed,
}

/// A lesson's spoken version, as its author sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonSpeech {
    pub state: SpeechState,
    pub audio: Option<super::LessonAudio>,
    /// How long the server took to make it, in milliseconds.
    pub making_ms: u64,
    /// Why making it failed.
    pub error: Option<String>,
    /// Whether this server can make speech (espeak-ng with its Vietnamese voice installed).
    pub voice_installed: bool,
}

/// A quiz in the course editor's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizRow {
    pub code: String,
    pub title: String,
    pub mastery: bool,
    #[serde(default)]
    pub placement: bool,
    pub published: bool,
    pub course_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorCourse {
    pub fields: CourseFields,
    pub published: bool,
    pub lessons: Vec<LessonRow>,
    pub quizzes: Vec<QuizRow>,
}

/// A lesson as the lesson editor holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEdit {
    pub id: i32,
    pub course_code: String,
    pub course_title: String,
    pub position: u32,
    pub title: String,
    pub body: String,
    /// The domain the lesson teaches (one of the course's), which a placement check may test out.
    #[serde(default)]
    pub domain: Option<CompetenceDomain>,
    /// The course's domains, which the lesson may name.
    #[serde(default)]
    pub course_domains: Vec<CompetenceDomain>,
    pub speech: LessonSpeech,
    pub video: Option<super::LessonVideo>,
    /// The hosts a video may be linked to.
    pub video_hosts: Vec<String>,
}

/// A quiz's settings, as the quiz editor holds them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizSettings {
    pub code: String,
    pub title: String,
    pub course_code: Option<String>,
    pub mastery: bool,
    /// The course's placement check: every rule names a domain of the course, and each
    /// domain's part passed (its score at the pass mark) tests out that domain's lessons. One
    /// attempt unless `max_attempts` allows more.
    #[serde(default)]
    pub placement: bool,
    /// Percent, 0–100.
    pub pass_mark: f64,
    /// Percent each domain must reach (mastery assessments).
    pub floor: f64,
    pub time_limit_minutes: Option<u32>,
    pub max_attempts: Option<u32>,
    pub review: Review,
    pub rules: Vec<DrawRule>,
    pub published: bool,
}

/// One question of the bank as the bank's page lists it (no answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankRow {
    pub code: String,
    pub domain: Option<CompetenceDomain>,
    pub difficulty: String,
    pub kind: String,
    pub text: String,
}

/// The bank page's filter: empty strings mean any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankQuery {
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub difficulty: String,
}

/// One question a bank file could not give, as the upload reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankImportError {
    pub row: usize,
    pub column: Option<String>,
    pub code: String,
    pub message: String,
}

/// The answer of a bank upload (`POST /api/v1/questions/import`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankImportOutcome {
    pub accepted: usize,
    pub errors: Vec<BankImportError>,
}

/// The difficulties of the bank, easiest first: `de`, `vua`, `kho`.
pub const DIFFICULTIES: [&str; 3] = ["de", "vua", "kho"];

/// True for a course code such as `KNS-CB-01`: capital letters and digits in groups joined by
/// hyphens, at most 32 characters.
pub fn is_course_code(code: &str) -> bool {
    code.len() <= 32
        && !code.is_empty()
        && code.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::is_course_code;

    #[test]
    fn course_codes() {
        for good in ["KNS-CB-01", "A1", "DG-LCKNS"] {
            assert!(is_course_code(good), "{good}");
        }
        for bad in [
            "",
            "kns-cb-01",
            "KNS--01",
            "-KNS",
            "KNS-",
            "KNS CB",
            "KHÓA-1",
        ] {
            assert!(!is_course_code(bad), "{bad}");
        }
    }
}

/// The key of a draw rule's count in the quiz form: `<domain|any>.<difficulty|any>`.
pub fn count_key(domain: Option<CompetenceDomain>, difficulty: Option<&str>) -> String {
    format!(
        "{}.{}",
        domain.map_or("any", |d| d.code()),
        difficulty.unwrap_or("any")
    )
}

/// The draw rules of the quiz form's counts (empty or 0 counts left out, in the framework's
/// order); `None` when a count is not a whole number or a key is unknown.
pub fn rules_from_counts(
    counts: &std::collections::HashMap<String, String>,
) -> Option<Vec<DrawRule>> {
    let mut rules = Vec::new();
    let domains = std::iter::once(None).chain(CompetenceDomain::ALL.into_iter().map(Some));
    for domain in domains {
        for difficulty in std::iter::once(None).chain(DIFFICULTIES.into_iter().map(Some)) {
            let key = count_key(domain, difficulty);
            let Some(text) = counts.get(&key).map(|t| t.trim()) else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            let count: u32 = text.parse().ok()?;
            if count > 0 {
                rules.push(DrawRule {
                    domain,
                    difficulty: difficulty.map(str::to_owned),
                    count,
                });
            }
        }
    }
    let known = counts.keys().all(|k| {
        std::iter::once(None)
            .chain(CompetenceDomain::ALL.into_iter().map(Some))
            .any(|d| {
                std::iter::once(None)
                    .chain(DIFFICULTIES.into_iter().map(Some))
                    .any(|l| count_key(d, l) == *k)
            })
    });
    known.then_some(rules)
}

/// The count the quiz form shows for a key: the rule's, or empty.
pub fn count_of(
    rules: &[DrawRule],
    domain: Option<CompetenceDomain>,
    difficulty: Option<&str>,
) -> String {
    rules
        .iter()
        .find(|r| r.domain == domain && r.difficulty.as_deref() == difficulty)
        .map(|r| r.count.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn counts_become_rules_and_back() {
        let counts: std::collections::HashMap<String, String> = [
            ("an_toan.de", "2"),
            ("any.any", "1"),
            ("du_lieu.any", ""),
            ("giao_tiep.kho", "0"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let rules = rules_from_counts(&counts).unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(
            count_of(&rules, Some(CompetenceDomain::AnToan), Some("de")),
            "2"
        );
        assert_eq!(count_of(&rules, None, None), "1");
        let mut bad = counts.clone();
        bad.insert("an_toan.de".into(), "x".into());
        assert!(rules_from_counts(&bad).is_none());
        bad = counts;
        bad.insert("an_toan.sieu_kho".into(), "1".into());
        assert!(rules_from_counts(&bad).is_none());
    }
}

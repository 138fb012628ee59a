//! Quizzes and attempts as the learner sees them. While an attempt is open nothing here says
//! which answer is right: options are named by the place they are shown in, not by where the
//! author put them, and no weight, truth or accepted text is sent.
use serde::{Deserialize, Serialize};

use super::CompetenceDomain;
use super::grading::{Answer, DomainScore};
use super::question::QuestionKind;

/// What a learner sees of an attempt once it is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// Only whether it passed.
    None,
    /// The score too.
    Score,
    /// The score, and each question's right answer and feedback.
    Answers,
}

impl Review {
    pub fn as_str(self) -> &'static str {
        match self {
            Review::None => "none",
            Review::Score => "score",
            Review::Answers => "answers",
        }
    }

    pub fn parse(text: &str) -> Review {
        match text {
            "none" => Review::None,
            "answers" => Review::Answers,
            _ => Review::Score,
        }
    }
}

/// Draw `count` questions at random from the bank, of this domain and difficulty when given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawRule {
    pub domain: Option<CompetenceDomain>,
    pub difficulty: Option<String>,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizInfo {
    pub code: String,
    pub title: String,
    pub course_code: Option<String>,
    pub mastery: bool,
    /// A course's placement check: each domain's part passed tests out that domain's lessons.
    #[serde(default)]
    pub placement: bool,
    pub pass_mark: f64,
    pub floor: f64,
    pub time_limit_seconds: Option<u32>,
    pub max_attempts: Option<u32>,
    pub question_count: u32,
    /// For the signed-in reader: attempts started so far, the open one, and the closed ones.
    pub attempts_used: u32,
    pub open_attempt: Option<i32>,
    pub closed: Vec<PastAttempt>,
}

/// One of the learner's own closed attempts, as the quiz page lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PastAttempt {
    pub id: i32,
    pub status: String,
    pub passed: Option<bool>,
    /// Percent; absent when the quiz's review policy hides it.
    pub score: Option<f64>,
}

/// An option as shown: `id` is its place on the page, which is what an answer sends back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemView {
    pub position: u32,
    pub kind: QuestionKind,
    /// Sanitised HTML.
    pub text: String,
    /// Choices, or the items to put in order, in the order shown.
    pub options: Vec<OptionView>,
    /// Matching: the left items in order, and the right ones shown shuffled in `options`.
    pub left: Vec<String>,
    /// The learner's saved answer, in the ids of this page.
    pub answer: Option<Answer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemReview {
    pub position: u32,
    pub earned: f64,
    /// The right answer in the author's words; empty for a true/false question.
    pub right: Vec<String>,
    /// The right answer of a true/false question, which the page words in its language.
    #[serde(default)]
    pub truth: Option<bool>,
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptResult {
    pub passed: bool,
    pub score: Option<f64>,
    pub domains: Vec<DomainScore>,
    pub review: Vec<ItemReview>,
    /// A placement check's outcome (whatever the review policy: it names no answer).
    #[serde(default)]
    pub placement: Option<PlacementOutcome>,
}

/// What a placement attempt tested out: the domains whose part was passed and the lessons of
/// the course they teach, which the learner may skip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacementOutcome {
    pub course_code: String,
    pub domains_passed: Vec<CompetenceDomain>,
    pub lessons: Vec<super::LessonRef>,
    /// The first lesson left to read, where "continue" leads.
    pub next_lesson: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptView {
    pub id: i32,
    pub quiz_code: String,
    pub quiz_title: String,
    /// `open`, `submitted` or `timed_out`.
    pub status: String,
    /// Seconds left when open with a time limit.
    pub seconds_left: Option<i64>,
    pub items: Vec<ItemView>,
    pub result: Option<AttemptResult>,
}

/// The learner's skills as their latest closed mastery assessment measured them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillsProfile {
    pub quiz_code: String,
    pub quiz_title: String,
    /// The day it was submitted, `YYYY-MM-DD`.
    pub taken_on: String,
    pub overall: f64,
    pub passed: bool,
    pub floor: f64,
    pub domains: Vec<DomainScore>,
}

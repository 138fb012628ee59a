//! Quizzes and attempts: a quiz's rules and the learner's attempts, and an attempt answered one
//! question per page with plain forms.
pub mod attempt;
pub mod quiz;
pub mod skills;

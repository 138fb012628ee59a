//! Practice sets: a course's questions for practice, answers and explanations included (they
//! are taken on the phone, offline too), and how a practice is graded. Graded quizzes never
//! draw from these, so nothing here gives away a graded answer.
use serde::{Deserialize, Serialize};

use super::grading::{Answer, score};
use super::question::{QuestionDraft, QuestionKind};

/// The kinds a practice set takes: those a phone grades with a few lines of script.
pub const KINDS: [QuestionKind; 4] = [
    QuestionKind::SingleChoice,
    QuestionKind::MultipleChoice,
    QuestionKind::TrueFalse,
    QuestionKind::ShortAnswer,
];

/// One practice question as a page shows it: its text rendered and sanitised, and the
/// question whole (choices with weights and feedback, the truth, accepted answers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PracticeQuestion {
    /// From 1, in the set's order.
    pub position: u32,
    pub html: String,
    pub question: QuestionDraft,
}

/// A course's practice set for its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PracticeSet {
    pub course_code: String,
    pub course_title: String,
    pub questions: Vec<PracticeQuestion>,
    /// Results are kept only for someone signed in.
    pub signed_in: bool,
    /// The practices this learner has taken, latest first (at most a few).
    pub recent: Vec<PracticeOutcome>,
}

/// How a practice went.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PracticeOutcome {
    /// Questions answered fully right.
    pub correct: u32,
    pub total: u32,
    /// Percent, one decimal.
    pub score: f64,
}

/// Grades a practice: `answers[i]` answers `questions[i]` (None: left blank).
pub fn grade(questions: &[QuestionDraft], answers: &[Option<Answer>]) -> PracticeOutcome {
    let shares: Vec<f64> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            answers
                .get(i)
                .and_then(Option::as_ref)
                .map_or(0.0, |a| score(q, a))
        })
        .collect();
    let total = questions.len() as u32;
    let correct = shares.iter().filter(|s| **s >= 0.999).count() as u32;
    let earned: f64 = shares.iter().sum();
    let score = if total == 0 {
        0.0
    } else {
        (earned / f64::from(total) * 1000.0).round() / 10.0
    };
    PracticeOutcome {
        correct,
        total,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::question::Choice;

    fn single() -> QuestionDraft {
        let mut q = QuestionDraft::new(1, QuestionKind::SingleChoice, "Chọn một");
        q.choices = vec![
            Choice {
                text: "Sai".into(),
                weight: 0.0,
                feedback: None,
            },
            Choice {
                text: "Đúng".into(),
                weight: 100.0,
                feedback: None,
            },
        ];
        q
    }

    fn truth() -> QuestionDraft {
        let mut q = QuestionDraft::new(2, QuestionKind::TrueFalse, "Đúng hay sai");
        q.truth = Some(false);
        q
    }

    #[test]
    fn right_wrong_and_blank_answers_are_counted() {
        let qs = [single(), truth(), single()];
        let out = grade(
            &qs,
            &[
                Some(Answer::Choices(vec![1])),
                Some(Answer::Truth(true)),
                None,
            ],
        );
        assert_eq!((out.correct, out.total), (1, 3));
        assert_eq!(out.score, 33.3);
        let all = grade(
            &qs,
            &[
                Some(Answer::Choices(vec![1])),
                Some(Answer::Truth(false)),
                Some(Answer::Choices(vec![1])),
            ],
        );
        assert_eq!((all.correct, all.score), (3, 100.0));
    }

    #[test]
    fn fewer_answers_than_questions_count_as_blank() {
        let out = grade(&[single(), single()], &[Some(Answer::Choices(vec![1]))]);
        assert_eq!((out.correct, out.total, out.score), (1, 2, 50.0));
    }
}

//! Questions as authors write them or as they arrive from GIFT and Moodle XML files, before
//! they are stored in the bank; and what an import could not read.
use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    ShortAnswer,
    Ordering,
    Matching,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::TrueFalse => "true_false",
            QuestionKind::ShortAnswer => "short_answer",
            QuestionKind::Ordering => "ordering",
            QuestionKind::Matching => "matching",
        }
    }
}

/// One option of a choice question: its text, the share of the mark it carries (percent, from
/// -100 to 100; a single-choice question's right option carries 100), and its feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub text: String,
    pub weight: f64,
    pub feedback: Option<String>,
}

/// A question ready to be stored. Which fields matter depends on `kind`:
/// choice kinds use `choices`; true/false uses `truth`; short answer uses `accepted`;
/// matching uses `pairs`; ordering uses `order` (the items in their right order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionDraft {
    /// Line of the source file where the question starts (from 1).
    pub line: usize,
    pub title: Option<String>,
    /// The category path the file put it in, e.g. `an_toan/de`.
    pub category: Option<String>,
    /// The question text as Markdown (HTML from a file is kept as is; it is sanitised when shown).
    pub text: String,
    pub kind: QuestionKind,
    pub choices: Vec<Choice>,
    pub truth: Option<bool>,
    pub accepted: Vec<String>,
    pub pairs: Vec<(String, String)>,
    pub order: Vec<String>,
    pub feedback: Option<String>,
}

impl QuestionDraft {
    pub fn new(line: usize, kind: QuestionKind, text: impl Into<String>) -> QuestionDraft {
        QuestionDraft {
            line,
            title: None,
            category: None,
            text: text.into(),
            kind,
            choices: Vec::new(),
            truth: None,
            accepted: Vec::new(),
            pairs: Vec::new(),
            order: Vec::new(),
            feedback: None,
        }
    }
}

/// Why one question of a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// A question type the platform does not take (e.g. `essay`, `numerical`, `calculated`).
    UnsupportedType { name: String },
    /// `{` without its `}`, or the other way round.
    UnbalancedBraces,
    /// The question has no text.
    NoText,
    /// No answer is marked right (or, for weights, none is above zero).
    NoRightAnswer,
    /// A weight that is not a number from -100 to 100.
    BadWeight { value: String },
    /// A choice question with fewer than two options; a matching one with fewer than two pairs.
    TooFewOptions,
    /// The file is not what the format expects (e.g. XML that does not parse), with the parser's words.
    Malformed { detail: String },
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Vi, Problem::UnsupportedType { name }) => {
                format!("Loại câu hỏi «{name}» chưa được hỗ trợ.")
            }
            (Lang::Vi, Problem::UnbalancedBraces) => {
                "Thiếu dấu { hoặc } bao phần đáp án.".to_owned()
            }
            (Lang::Vi, Problem::NoText) => "Câu hỏi không có nội dung.".to_owned(),
            (Lang::Vi, Problem::NoRightAnswer) => {
                "Không có đáp án nào được đánh dấu là đúng.".to_owned()
            }
            (Lang::Vi, Problem::BadWeight { value }) => {
                format!("Trọng số «{value}» không hợp lệ (phải là số từ -100 đến 100).")
            }
            (Lang::Vi, Problem::TooFewOptions) => {
                "Câu hỏi cần ít nhất hai phương án (hoặc hai cặp ghép).".to_owned()
            }
            (Lang::Vi, Problem::Malformed { detail }) => {
                format!("Tệp không đúng định dạng: {detail}")
            }
            (Lang::En, Problem::UnsupportedType { name }) => {
                format!("The question type “{name}” is not supported.")
            }
            (Lang::En, Problem::UnbalancedBraces) => {
                "A { or } around the answers is missing.".to_owned()
            }
            (Lang::En, Problem::NoText) => "The question has no text.".to_owned(),
            (Lang::En, Problem::NoRightAnswer) => "No answer is marked right.".to_owned(),
            (Lang::En, Problem::BadWeight { value }) => {
                format!("The weight “{value}” is not valid (a number from -100 to 100).")
            }
            (Lang::En, Problem::TooFewOptions) => {
                "The question needs at least two options (or two pairs).".to_owned()
            }
            (Lang::En, Problem::Malformed { detail }) => {
                format!("The file is not in the expected format: {detail}")
            }
        }
    }
}

/// One question that could not be read: where, which (its title when it had one), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: usize,
    pub title: Option<String>,
    pub problem: Problem,
}

/// What a file gave: the questions read, and every one that could not be.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ParsedBank {
    pub questions: Vec<QuestionDraft>,
    pub problems: Vec<ImportProblem>,
}

//! Grading on the server: the share of a question's mark an answer earns, the normalised
//! comparison of short text answers, and the mastery rule of SPEC (overall pass mark and a
//! floor in every domain).
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::CompetenceDomain;
use super::question::{QuestionDraft, QuestionKind};

/// What a learner answered. Indices are those of the stored options (the page may show them
/// shuffled, but sends the stored index back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    Choices(Vec<usize>),
    Truth(bool),
    Text(String),
    /// Item indices in the order the learner put them.
    Order(Vec<usize>),
    /// For each left item (by index), the index of the right item chosen for it.
    Pairs(Vec<Option<usize>>),
}

/// The share of the question's mark the answer earns, from 0 to 1. An answer of the wrong
/// shape earns nothing.
pub fn score(q: &QuestionDraft, answer: &Answer) -> f64 {
    let earned = match (q.kind, answer) {
        (QuestionKind::SingleChoice, Answer::Choices(picked)) if picked.len() == 1 => {
            weight_of(q, picked[0]) / 100.0
        }
        (QuestionKind::MultipleChoice, Answer::Choices(picked)) => {
            let mut unique = picked.clone();
            unique.sort_unstable();
            unique.dedup();
            unique.iter().map(|&i| weight_of(q, i)).sum::<f64>() / 100.0
        }
        (QuestionKind::TrueFalse, Answer::Truth(t)) => f64::from(u8::from(q.truth == Some(*t))),
        (QuestionKind::ShortAnswer, Answer::Text(text)) => {
            let given = normalise_text(text);
            f64::from(u8::from(
                !given.is_empty() && q.accepted.iter().any(|a| normalise_text(a) == given),
            ))
        }
        (QuestionKind::Ordering, Answer::Order(order)) => f64::from(u8::from(
            !q.order.is_empty()
                && order.len() == q.order.len()
                && order.iter().enumerate().all(|(i, &j)| i == j),
        )),
        (QuestionKind::Matching, Answer::Pairs(chosen)) if !q.pairs.is_empty() => {
            let right = chosen
                .iter()
                .enumerate()
                .filter(|(i, c)| **c == Some(*i) && *i < q.pairs.len())
                .count();
            right as f64 / q.pairs.len() as f64
        }
        _ => 0.0,
    };
    earned.clamp(0.0, 1.0)
}

fn weight_of(q: &QuestionDraft, index: usize) -> f64 {
    q.choices.get(index).map_or(0.0, |c| c.weight)
}

/// A short answer as compared: Unicode NFC (so a Vietnamese letter typed as one code point or
/// as a letter plus combining marks is the same), lowercase, spaces collapsed and trimmed.
pub fn normalise_text(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Marks earned and possible in one domain of a mastery assessment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DomainScore {
    pub domain: CompetenceDomain,
    pub earned: f64,
    pub possible: f64,
}

impl DomainScore {
    /// Percent of the domain's marks earned; `None` when it had no question.
    pub fn percent(&self) -> Option<f64> {
        (self.possible > 0.0).then(|| 100.0 * self.earned / self.possible)
    }
}

/// The pass mark (percent overall) and the floor (percent in every domain) of SPEC's defaults.
pub const DEFAULT_PASS_MARK: f64 = 80.0;
pub const DEFAULT_FLOOR: f64 = 50.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MasteryOutcome {
    pub overall: f64,
    pub domains: Vec<DomainScore>,
    pub passed: bool,
}

/// SPEC's rule: passed when the overall score reaches the pass mark and every domain of the
/// framework reaches its floor. A domain the assessment did not ask about cannot reach it.
pub fn mastery(scores: &[DomainScore], pass_mark: f64, floor: f64) -> MasteryOutcome {
    let earned: f64 = scores.iter().map(|s| s.earned).sum();
    let possible: f64 = scores.iter().map(|s| s.possible).sum();
    let overall = if possible > 0.0 {
        100.0 * earned / possible
    } else {
        0.0
    };
    let every_domain = CompetenceDomain::ALL.iter().all(|d| {
        let here: Vec<&DomainScore> = scores.iter().filter(|s| s.domain == *d).collect();
        let (e, p) = here
            .iter()
            .fold((0.0, 0.0), |(e, p), s| (e + s.earned, p + s.possible));
        p > 0.0 && 100.0 * e / p + 1e-9 >= floor
    });
    MasteryOutcome {
        overall,
        domains: scores.to_vec(),
        passed: possible > 0.0 && overall + 1e-9 >= pass_mark && every_domain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learning::question::Choice;
    use proptest::prelude::*;

    fn choice(text: &str, weight: f64) -> Choice {
        Choice {
            text: text.into(),
            weight,
            feedback: None,
        }
    }

    fn single() -> QuestionDraft {
        let mut q = QuestionDraft::new(1, QuestionKind::SingleChoice, "?");
        q.choices = vec![choice("a", 0.0), choice("b", 100.0), choice("c", 0.0)];
        q
    }

    fn multiple() -> QuestionDraft {
        let mut q = QuestionDraft::new(1, QuestionKind::MultipleChoice, "?");
        q.choices = vec![
            choice("a", 50.0),
            choice("b", 50.0),
            choice("c", -50.0),
            choice("d", -50.0),
        ];
        q
    }

    #[test]
    fn choices_earn_their_weights() {
        assert_eq!(score(&single(), &Answer::Choices(vec![1])), 1.0);
        assert_eq!(score(&single(), &Answer::Choices(vec![0])), 0.0);
        assert_eq!(
            score(&single(), &Answer::Choices(vec![0, 1])),
            0.0,
            "one choice only"
        );
        assert_eq!(score(&single(), &Answer::Choices(vec![7])), 0.0);
        assert_eq!(score(&multiple(), &Answer::Choices(vec![0, 1])), 1.0);
        assert_eq!(score(&multiple(), &Answer::Choices(vec![0])), 0.5);
        assert_eq!(
            score(&multiple(), &Answer::Choices(vec![0, 0])),
            0.5,
            "a repeated index counts once"
        );
        assert_eq!(score(&multiple(), &Answer::Choices(vec![0, 1, 2])), 0.5);
        assert_eq!(
            score(&multiple(), &Answer::Choices(vec![0, 1, 2, 3])),
            0.0,
            "ticking everything earns nothing"
        );
        assert_eq!(score(&multiple(), &Answer::Truth(true)), 0.0, "wrong shape");
    }

    #[test]
    fn short_answers_ignore_case_spacing_and_unicode_form() {
        let mut q = QuestionDraft::new(1, QuestionKind::ShortAnswer, "?");
        q.accepted = vec!["Ảo giác".into(), "hallucination".into()];
        let nfd: String = "ẢO   GIÁC ".nfd().collect();
        assert_eq!(score(&q, &Answer::Text(nfd)), 1.0);
        assert_eq!(score(&q, &Answer::Text(" Hallucination".into())), 1.0);
        assert_eq!(
            score(&q, &Answer::Text("ao giac".into())),
            0.0,
            "diacritics are part of the answer"
        );
        assert_eq!(score(&q, &Answer::Text("   ".into())), 0.0);
    }

    #[test]
    fn true_false_ordering_and_matching() {
        let mut tf = QuestionDraft::new(1, QuestionKind::TrueFalse, "?");
        tf.truth = Some(false);
        assert_eq!(score(&tf, &Answer::Truth(false)), 1.0);
        assert_eq!(score(&tf, &Answer::Truth(true)), 0.0);
        let mut ord = QuestionDraft::new(1, QuestionKind::Ordering, "?");
        ord.order = vec!["1".into(), "2".into(), "3".into()];
        assert_eq!(score(&ord, &Answer::Order(vec![0, 1, 2])), 1.0);
        assert_eq!(score(&ord, &Answer::Order(vec![1, 0, 2])), 0.0);
        assert_eq!(score(&ord, &Answer::Order(vec![0, 1])), 0.0);
        let mut m = QuestionDraft::new(1, QuestionKind::Matching, "?");
        m.pairs = vec![
            ("a".into(), "1".into()),
            ("b".into(), "2".into()),
            ("c".into(), "3".into()),
            ("d".into(), "4".into()),
        ];
        assert_eq!(
            score(&m, &Answer::Pairs(vec![Some(0), Some(1), Some(3), None])),
            0.5
        );
    }

    fn full(domain: CompetenceDomain, earned: f64, possible: f64) -> DomainScore {
        DomainScore {
            domain,
            earned,
            possible,
        }
    }

    #[test]
    fn mastery_needs_the_pass_mark_and_every_floor() {
        let all = |e: f64| CompetenceDomain::ALL.map(|d| full(d, e, 10.0)).to_vec();
        assert!(mastery(&all(8.0), 80.0, 50.0).passed);
        assert!(!mastery(&all(7.9), 80.0, 50.0).passed);
        let mut weak = all(10.0);
        weak[3].earned = 4.0; // safety at 40%: overall 90% is not enough
        let out = mastery(&weak, 80.0, 50.0);
        assert!(out.overall > 89.0 && !out.passed);
        weak[3].earned = 5.0;
        assert!(mastery(&weak, 80.0, 50.0).passed);
        let missing: Vec<DomainScore> = all(10.0)
            .into_iter()
            .filter(|s| s.domain != CompetenceDomain::TriTueNhanTao)
            .collect();
        assert!(
            !mastery(&missing, 80.0, 50.0).passed,
            "a domain not asked about cannot reach its floor"
        );
        assert!(!mastery(&[], 80.0, 50.0).passed);
    }

    fn any_answer() -> impl Strategy<Value = Answer> {
        prop_oneof![
            prop::collection::vec(0usize..6, 0..6).prop_map(Answer::Choices),
            any::<bool>().prop_map(Answer::Truth),
            ".{0,12}".prop_map(Answer::Text),
            prop::collection::vec(0usize..6, 0..6).prop_map(Answer::Order),
            prop::collection::vec(prop::option::of(0usize..6), 0..6).prop_map(Answer::Pairs),
        ]
    }

    fn any_question() -> impl Strategy<Value = QuestionDraft> {
        (0usize..6, prop::collection::vec(-100.0f64..=100.0, 0..6)).prop_map(|(k, weights)| {
            let kind = [
                QuestionKind::SingleChoice,
                QuestionKind::MultipleChoice,
                QuestionKind::TrueFalse,
                QuestionKind::ShortAnswer,
                QuestionKind::Ordering,
                QuestionKind::Matching,
            ][k];
            let mut q = QuestionDraft::new(1, kind, "?");
            q.choices = weights.iter().map(|w| choice("x", *w)).collect();
            q.truth = Some(weights.len() % 2 == 0);
            q.accepted = vec!["x".into()];
            q.order = weights.iter().map(|w| w.to_string()).collect();
            q.pairs = weights
                .iter()
                .map(|w| (w.to_string(), w.to_string()))
                .collect();
            q
        })
    }

    proptest! {
        #[test]
        fn a_score_is_always_between_nothing_and_full(q in any_question(), a in any_answer()) {
            let s = score(&q, &a);
            prop_assert!((0.0..=1.0).contains(&s));
        }

        #[test]
        fn the_positive_options_of_a_multiple_choice_earn_the_full_mark(weights in prop::collection::vec(1u32..=4, 1..5), wrong in 0usize..4) {
            let total: u32 = weights.iter().sum();
            let mut q = QuestionDraft::new(1, QuestionKind::MultipleChoice, "?");
            q.choices = weights.iter().map(|w| choice("r", 100.0 * f64::from(*w) / f64::from(total))).collect();
            q.choices.extend((0..wrong).map(|_| choice("w", -100.0)));
            let right: Vec<usize> = (0..weights.len()).collect();
            prop_assert!((score(&q, &Answer::Choices(right.clone())) - 1.0).abs() < 1e-9);
            if wrong > 0 {
                let mut with_wrong = right;
                with_wrong.push(weights.len());
                prop_assert!(score(&q, &Answer::Choices(with_wrong)) < 1.0);
            }
        }

        #[test]
        fn mastery_passes_exactly_when_the_rule_says(earned in prop::collection::vec(0u32..=10, 6), pass in 50u32..=100, floor in 0u32..=100) {
            let scores: Vec<DomainScore> = CompetenceDomain::ALL.iter().zip(&earned).map(|(d, e)| full(*d, f64::from(*e), 10.0)).collect();
            let out = mastery(&scores, f64::from(pass), f64::from(floor));
            let overall = f64::from(earned.iter().sum::<u32>()) / 60.0 * 100.0;
            let floors = earned.iter().all(|e| f64::from(*e) * 10.0 >= f64::from(floor));
            prop_assert_eq!(out.passed, overall + 1e-9 >= f64::from(pass) && floors);
        }

        #[test]
        fn more_right_answers_never_turn_a_pass_into_a_fail(earned in prop::collection::vec(0u32..=9, 6), which in 0usize..6) {
            let build = |e: &[u32]| CompetenceDomain::ALL.iter().zip(e).map(|(d, e)| full(*d, f64::from(*e), 10.0)).collect::<Vec<_>>();
            let before = mastery(&build(&earned), 80.0, 50.0).passed;
            let mut better = earned.clone();
            better[which] += 1;
            prop_assert!(!before || mastery(&build(&better), 80.0, 50.0).passed);
        }
    }
}

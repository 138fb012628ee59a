//! Answers as plain forms post them (no JavaScript), from the form's fields already decoded
//! (`application/x-www-form-urlencoded`, repeated keys kept): a quiz question's answer, and
//! the answers of a practice set. Pure, so they are fuzzed (fuzz/, target `answer_form`).
use std::collections::HashMap;

use super::grading::Answer;
use super::question::{QuestionDraft, QuestionKind};

/// The names a quiz question's form gives its fields: the page that draws the form and
/// [`answer_of`], which reads it, both use these.
pub mod quiz_field {
    /// An option ticked, by its id on the page (repeated for several).
    pub const CHOICE: &str = "chon";
    /// A true/false answer: `1` or `0`.
    pub const TRUTH: &str = "dung";
    pub const TRUTH_YES: &str = "1";
    pub const TRUTH_NO: &str = "0";
    /// The text typed.
    pub const TEXT: &str = "tra_loi";
    /// The place given to the item with this id, in an ordering question.
    pub const PLACE: &str = "thu_tu_";
    /// The right item chosen for the left item at this index, in a matching question.
    pub const PAIR: &str = "ghep_";

    pub fn place(id: usize) -> String {
        format!("{PLACE}{id}")
    }

    pub fn pair(left: usize) -> String {
        format!("{PAIR}{left}")
    }
}

/// The names a practice set's form gives its fields (the page, [`practice_answers`] and the
/// phone's `offline.js`, which grades the same form without a network).
pub mod practice_field {
    /// The field of question `n` (from 1): an option's index, [`TRUE`]/[`FALSE`], or text.
    pub fn question(n: usize) -> String {
        format!("q{n}")
    }
    pub const TRUE: &str = "true";
    pub const FALSE: &str = "false";
}

fn first<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The answer a question's form sends, in the ids of the page:
/// `dung` (true/false), `tra_loi` (text), `thu_tu_<id>` (place of each item), `ghep_<left>`
/// (the right item chosen for each left one), or `chon` (the options ticked).
pub fn answer_of(fields: &[(String, String)]) -> Answer {
    if let Some(v) = first(fields, quiz_field::TRUTH) {
        return Answer::Truth(v == quiz_field::TRUTH_YES);
    }
    if let Some(v) = first(fields, quiz_field::TEXT) {
        return Answer::Text(v.to_owned());
    }
    let numbered = |prefix: &str| -> Vec<(usize, usize)> {
        fields
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    k.strip_prefix(prefix)?.parse().ok()?,
                    v.trim().parse().ok()?,
                ))
            })
            .collect()
    };
    let places = numbered(quiz_field::PLACE);
    if !places.is_empty() {
        let mut by_place = places;
        by_place.sort_by_key(|(id, place)| (*place, *id));
        return Answer::Order(by_place.into_iter().map(|(id, _)| id).collect());
    }
    if fields.iter().any(|(k, _)| k.starts_with(quiz_field::PAIR)) {
        let n = fields
            .iter()
            .filter(|(k, _)| k.starts_with(quiz_field::PAIR))
            .count();
        // The first choice sent for each left item, looked up by index: a search of the list
        // for each of n items was n² steps, a minute of a worker for a 2 MB form.
        let mut chosen = HashMap::new();
        for (left, right) in numbered(quiz_field::PAIR) {
            chosen.entry(left).or_insert(right);
        }
        return Answer::Pairs((0..n).map(|left| chosen.get(&left).copied()).collect());
    }
    Answer::Choices(
        fields
            .iter()
            .filter(|(k, _)| k == quiz_field::CHOICE)
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
    )
}

/// The answers of a practice set's form, where `q{n}` answers question n: an option's index
/// (repeated for several), `true`/`false`, or the text typed.
pub fn practice_answers(
    questions: &[QuestionDraft],
    fields: &[(String, String)],
) -> Vec<Option<Answer>> {
    questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let key = practice_field::question(i + 1);
            let values: Vec<&str> = fields
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.as_str())
                .collect();
            practice_answer(q.kind, &values)
        })
        .collect()
}

fn practice_answer(kind: QuestionKind, values: &[&str]) -> Option<Answer> {
    let first = values.first()?;
    match kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let picked: Vec<usize> = values.iter().filter_map(|v| v.parse().ok()).collect();
            (!picked.is_empty()).then_some(Answer::Choices(picked))
        }
        QuestionKind::TrueFalse => match *first {
            practice_field::TRUE => Some(Answer::Truth(true)),
            practice_field::FALSE => Some(Answer::Truth(false)),
            _ => None,
        },
        QuestionKind::ShortAnswer => {
            (!first.trim().is_empty()).then(|| Answer::Text((*first).to_owned()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_kind_of_form_gives_its_answer() {
        assert_eq!(
            answer_of(&f(&[("cau", "1"), ("chon", "2"), ("chon", "0")])),
            Answer::Choices(vec![2, 0])
        );
        assert_eq!(answer_of(&f(&[("cau", "1")])), Answer::Choices(vec![]));
        assert_eq!(answer_of(&f(&[("dung", "0")])), Answer::Truth(false));
        assert_eq!(
            answer_of(&f(&[("tra_loi", " Ảo giác ")])),
            Answer::Text(" Ảo giác ".into())
        );
        assert_eq!(
            answer_of(&f(&[
                ("thu_tu_0", "3"),
                ("thu_tu_1", "1"),
                ("thu_tu_2", "2")
            ])),
            Answer::Order(vec![1, 2, 0])
        );
        assert_eq!(
            answer_of(&f(&[("ghep_0", "2"), ("ghep_1", ""), ("ghep_2", "0")])),
            Answer::Pairs(vec![Some(2), None, Some(0)])
        );
    }

    /// 200,000 matching fields (a 2 MB form, the most a form may send) once took n² steps,
    /// tens of seconds of a worker thread, before the attempt was even looked up.
    #[test]
    fn a_form_of_many_pairs_is_decoded_in_linear_time() {
        let n = 200_000;
        let fields: Vec<(String, String)> = (0..n)
            .map(|i| (format!("ghep_{i}"), (n - i).to_string()))
            .chain([("ghep_0".to_owned(), "7".to_owned())])
            .collect();
        let started = std::time::Instant::now();
        let Answer::Pairs(pairs) = answer_of(&fields) else {
            panic!("not pairs");
        };
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        assert_eq!(pairs.len(), n + 1);
        assert_eq!(pairs[0], Some(n), "the first choice sent wins");
        assert_eq!(pairs[n - 1], Some(1));
        assert_eq!(pairs[n], None);
    }

    #[test]
    fn practice_fields_become_answers_in_question_order() {
        let qs = [
            QuestionDraft::new(1, QuestionKind::SingleChoice, "a"),
            QuestionDraft::new(2, QuestionKind::MultipleChoice, "b"),
            QuestionDraft::new(3, QuestionKind::TrueFalse, "c"),
            QuestionDraft::new(4, QuestionKind::ShortAnswer, "d"),
            QuestionDraft::new(5, QuestionKind::ShortAnswer, "e"),
        ];
        let fields = f(&[
            ("q1", "2"),
            ("q2", "0"),
            ("q2", "3"),
            ("q3", "false"),
            ("q4", "gov.vn"),
            ("q5", ""),
        ]);
        assert_eq!(
            practice_answers(&qs, &fields),
            vec![
                Some(Answer::Choices(vec![2])),
                Some(Answer::Choices(vec![0, 3])),
                Some(Answer::Truth(false)),
                Some(Answer::Text("gov.vn".into())),
                None,
            ]
        );
    }
}

//! A quiz answer posted by a plain form (`/bai-lam/{id}/tra-loi`) and a practice set posted
//! by a plain form (`/luyen-tap/{code}/nop`): the body decoded into answers, each graded
//! against questions of every kind. No panic; no answer longer than the fields sent; every
//! score a number from 0 to 1.
#![no_main]
use std::sync::LazyLock;

use domain::learning::answer_form::{answer_of, practice_answers};
use domain::learning::gift::parse_gift;
use domain::learning::grading::{Answer, score};
use domain::learning::question::{QuestionDraft, QuestionKind};
use libfuzzer_sys::fuzz_target;

/// One question of each kind, read from GIFT as an author would write them.
static QUESTIONS: LazyLock<Vec<QuestionDraft>> = LazyLock::new(|| {
    let bank = parse_gift(include_str!("../questions.gift"));
    assert!(bank.problems.is_empty(), "{:?}", bank.problems);
    let mut ordering = QuestionDraft::new(1, QuestionKind::Ordering, "Put in order.");
    ordering.order = vec!["first".into(), "second".into(), "third".into()];
    let mut all = bank.questions;
    all.push(ordering);
    all
});

fn length(a: &Answer) -> usize {
    match a {
        Answer::Choices(v) | Answer::Order(v) => v.len(),
        Answer::Pairs(v) => v.len(),
        Answer::Truth(_) | Answer::Text(_) => 1,
    }
}

fn graded(a: &Answer) {
    for q in QUESTIONS.iter() {
        let s = score(q, a);
        assert!((0.0..=1.0).contains(&s), "{s} for {a:?}");
    }
}

fuzz_target!(|body: &[u8]| {
    let fields: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let answer = answer_of(&fields);
    assert!(length(&answer) <= fields.len().max(1));
    graded(&answer);
    let answers = practice_answers(&QUESTIONS, &fields);
    assert_eq!(answers.len(), QUESTIONS.len());
    for a in answers.iter().flatten() {
        assert!(length(a) <= fields.len());
        graded(a);
    }
});

//! The answers a virtual learner gives: for each drawn question and each round `k`, the form the
//! question page would post, and the answer the server must then have stored.
//!
//! Every round gives a different answer from the round before (a rotation by `k`, or true/false
//! alternating), so a lost last write always shows in the database.
use domain::learning::grading::Answer;

/// One drawn question of an attempt, as the bench needs it.
#[derive(Clone, Debug)]
pub struct Item {
    /// Place in the attempt, from 1 (`cau`).
    pub position: u32,
    /// `questions.kind`: `single_choice`, `true_false`, `ordering` …
    pub kind: String,
    /// Stored option indices in the order shown (`attempt_items.option_order`).
    pub order: Vec<usize>,
}

impl Item {
    fn n(&self) -> usize {
        self.order.len().max(1)
    }
}

/// The form body of round `k` for this question (`cau` plus the fields of its kind).
pub fn form(item: &Item, k: u32) -> String {
    let mut f = Form(String::new());
    f.append_pair("cau", &item.position.to_string());
    let (n, k) = (item.n(), k as usize);
    match item.kind.as_str() {
        "true_false" => {
            f.append_pair("dung", if k % 2 == 1 { "1" } else { "0" });
        }
        "short_answer" => {
            f.append_pair("tra_loi", &text(k));
        }
        "ordering" => {
            for id in 0..n {
                f.append_pair(&format!("thu_tu_{id}"), &place(id, k, n).to_string());
            }
        }
        "matching" => {
            for left in 0..n {
                f.append_pair(&format!("ghep_{left}"), &((left + k) % n).to_string());
            }
        }
        _ => {
            f.append_pair("chon", &(k % n).to_string());
        }
    }
    f.0
}

/// An `application/x-www-form-urlencoded` body, encoded as browsers do.
struct Form(String);

impl Form {
    fn append_pair(&mut self, key: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        encode_into(&mut self.0, key);
        self.0.push('=');
        encode_into(&mut self.0, value);
    }
}

fn encode_into(out: &mut String, text: &str) {
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// The answer stored after round `k` (option ids of the page mapped back to stored indices).
pub fn expected(item: &Item, k: u32) -> Answer {
    let (n, k) = (item.n(), k as usize);
    let stored = |shown: usize| item.order.get(shown).copied().unwrap_or(usize::MAX);
    match item.kind.as_str() {
        "true_false" => Answer::Truth(k % 2 == 1),
        "short_answer" => Answer::Text(text(k)),
        "ordering" => {
            let mut ids: Vec<usize> = (0..n).collect();
            ids.sort_by_key(|&id| (place(id, k, n), id));
            Answer::Order(ids.into_iter().map(stored).collect())
        }
        "matching" => Answer::Pairs((0..n).map(|l| Some(stored((l + k) % n))).collect()),
        _ => Answer::Choices(vec![stored(k % n)]),
    }
}

/// The place (from 1) given to item `id` in round `k`: a rotation.
fn place(id: usize, k: usize, n: usize) -> usize {
    (id + k) % n + 1
}

fn text(k: usize) -> String {
    format!("Câu trả lời {k}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: &str, order: &[usize]) -> Item {
        Item {
            position: 3,
            kind: kind.into(),
            order: order.to_vec(),
        }
    }

    #[test]
    fn forms_carry_the_fields_of_each_kind() {
        assert_eq!(form(&item("single_choice", &[2, 0, 1]), 4), "cau=3&chon=1");
        assert_eq!(form(&item("true_false", &[]), 1), "cau=3&dung=1");
        assert_eq!(
            form(&item("short_answer", &[]), 2),
            "cau=3&tra_loi=C%C3%A2u+tr%E1%BA%A3+l%E1%BB%9Di+2"
        );
        assert_eq!(
            form(&item("ordering", &[1, 0]), 1),
            "cau=3&thu_tu_0=2&thu_tu_1=1"
        );
        assert_eq!(
            form(&item("matching", &[1, 0]), 1),
            "cau=3&ghep_0=1&ghep_1=0"
        );
    }

    #[test]
    fn expected_answers_are_in_stored_indices() {
        assert_eq!(
            expected(&item("single_choice", &[2, 0, 1]), 4),
            Answer::Choices(vec![0])
        );
        // Shown ids 0 → place 2, 1 → place 3, 2 → place 1: order of ids [2, 0, 1] → stored [5, 7, 6].
        assert_eq!(
            expected(&item("ordering", &[7, 6, 5]), 1),
            Answer::Order(vec![5, 7, 6])
        );
        assert_eq!(
            expected(&item("matching", &[1, 0]), 1),
            Answer::Pairs(vec![Some(0), Some(1)])
        );
    }

    #[test]
    fn consecutive_rounds_differ() {
        for kind in [
            "single_choice",
            "multiple_choice",
            "true_false",
            "short_answer",
            "ordering",
            "matching",
        ] {
            let it = item(kind, &[1, 0, 2]);
            for k in 0..6 {
                assert_ne!(expected(&it, k), expected(&it, k + 1), "{kind} round {k}");
            }
        }
    }
}

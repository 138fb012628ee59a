//! After the run: for every question a learner answered, is the answer the server last
//! acknowledged the one in the database? Each mismatch is an answer lost.
use std::collections::HashMap;

use domain::learning::grading::Answer;

use super::answers;
use super::drive::Outcome;

/// The check's counts.
#[derive(Clone, Copy, Debug, Default)]
pub struct Check {
    /// (attempt, question) pairs with an acknowledged answer, compared with the database.
    pub checked: u64,
    /// Of those, stored answer missing or different from the last acknowledged one.
    pub lost: u64,
    /// Left out: a later answer to the same question got no reply, so either may be stored.
    pub unsure: u64,
}

/// Compares every outcome's last acknowledged answers with what is stored.
pub fn check(
    outcomes: &[Outcome],
    stored: &HashMap<(i32, u32), Option<String>>,
) -> (Check, Option<String>) {
    let mut c = Check::default();
    let mut example = None;
    for o in outcomes {
        for (i, item) in o.items.iter().enumerate() {
            let Some(round) = o.acked[i] else { continue };
            if o.unsure[i] {
                c.unsure += 1;
                continue;
            }
            c.checked += 1;
            let want = answers::expected(item, round);
            let got = stored
                .get(&(o.attempt_id, item.position))
                .cloned()
                .flatten();
            let same = got
                .as_deref()
                .and_then(|g| serde_json::from_str::<Answer>(g).ok())
                .is_some_and(|g| g == want);
            if !same {
                c.lost += 1;
                example.get_or_insert_with(|| {
                    format!(
                        "attempt {} question {}: acknowledged {want:?}, stored {got:?}",
                        o.attempt_id, item.position
                    )
                });
            }
        }
    }
    (c, example)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learners::answers::Item;
    use crate::load::Measurement;
    use std::time::Duration;

    fn outcome() -> Outcome {
        let item = |position| Item {
            position,
            kind: "single_choice".into(),
            order: vec![1, 0],
        };
        Outcome {
            attempt_id: 7,
            items: vec![item(1), item(2), item(3)],
            m: Measurement::new(Duration::from_secs(1)),
            acked: vec![Some(1), Some(0), Some(0)],
            unsure: vec![false, false, true],
        }
    }

    #[test]
    fn a_stored_answer_older_than_the_acknowledged_one_is_lost() {
        let json = |a: &Answer| Some(serde_json::to_string(a).unwrap());
        let it = &outcome().items[0];
        let stored = HashMap::from([
            ((7, 1), json(&answers::expected(it, 0))), // round 1 acknowledged, round 0 stored
            ((7, 2), json(&answers::expected(it, 0))),
            ((7, 3), None),
        ]);
        let (c, example) = check(&[outcome()], &stored);
        assert_eq!((c.checked, c.lost, c.unsure), (2, 1, 1));
        assert!(example.unwrap().contains("attempt 7 question 1"));
    }
}

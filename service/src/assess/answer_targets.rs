//! What saving an answer needs to know about its question and attempt, kept in memory: the
//! item's row, the option order the learner was shown, whose attempt it is and its deadline.
//! None of these change once an attempt is drawn; its status does (a submit, a time-out), and
//! the save's guarded UPDATE checks that in the database. So after the first answer to a
//! question, saving another costs one write and no read.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Entries kept at most; past this the map starts again empty (about 100 bytes an entry).
const CAPACITY: usize = 200_000;

/// One question of one attempt, as an answer to it needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub item_id: i32,
    pub user_id: i32,
    pub deadline_at: Option<i64>,
    /// Stored option index for each place on the page.
    pub option_order: Arc<[usize]>,
}

impl Target {
    pub fn expired(&self, now: i64) -> bool {
        self.deadline_at.is_some_and(|d| now >= d)
    }
}

/// The targets of open attempts by (attempt, position); shared by every clone.
#[derive(Clone, Debug, Default)]
pub struct AnswerTargets {
    map: Arc<Mutex<HashMap<(i32, u32), Target>>>,
}

impl AnswerTargets {
    pub fn get(&self, attempt_id: i32, position: u32) -> Option<Target> {
        self.lock().get(&(attempt_id, position)).cloned()
    }

    pub fn insert(&self, attempt_id: i32, position: u32, target: Target) {
        let mut map = self.lock();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert((attempt_id, position), target);
    }

    /// Forgets a closed attempt's questions.
    pub fn forget(&self, attempt_id: i32) {
        self.lock().retain(|(a, _), _| *a != attempt_id);
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(i32, u32), Target>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(item_id: i32) -> Target {
        Target {
            item_id,
            user_id: 7,
            deadline_at: Some(100),
            option_order: Arc::from(vec![2, 0, 1]),
        }
    }

    #[test]
    fn kept_by_attempt_and_position_and_shared_by_clones() {
        let t = AnswerTargets::default();
        let other = t.clone();
        t.insert(1, 1, target(10));
        t.insert(1, 2, target(11));
        t.insert(2, 1, target(20));
        assert_eq!(other.get(1, 2), Some(target(11)));
        assert_eq!(other.get(3, 1), None);
        other.forget(1);
        assert_eq!((t.get(1, 1), t.get(2, 1)), (None, Some(target(20))));
    }

    #[test]
    fn the_deadline_is_the_last_second_excluded() {
        assert!(!target(1).expired(99));
        assert!(target(1).expired(100));
        let open = Target {
            deadline_at: None,
            ..target(1)
        };
        assert!(!open.expired(i64::MAX));
    }

    #[test]
    fn a_full_map_starts_again() {
        let t = AnswerTargets::default();
        for i in 0..CAPACITY as i32 {
            t.insert(i, 1, target(i));
        }
        assert_eq!(t.len(), CAPACITY);
        t.insert(-1, 1, target(0));
        assert_eq!(t.len(), 1);
    }
}

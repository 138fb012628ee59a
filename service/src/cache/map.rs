//! What the database said, kept for a moment: the one map behind the session, page, course
//! content and progress caches. An entry is served while it is younger than its lifetime and
//! while the shared [`Generation`] has not moved since it was read; past `capacity` entries (or
//! past a budget of bytes, for a cache that weighs what it keeps) the map starts again empty (no
//! eviction order to keep up, and a full map is rare and cheap to refill).
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::cache::epoch::Generation;
use crate::telemetry::CacheCounts;

/// When a value was read: taken *before* reading it, so that what was read across a bump of
/// the generation is never served.
#[derive(Clone, Copy, Debug)]
pub struct Stamp {
    generation: u64,
    at: Instant,
}

struct Entry<V> {
    value: V,
    until: Instant,
    generation: u64,
    weight: usize,
}

/// The entries and their weight in all.
struct Map<K, V> {
    entries: HashMap<K, Entry<V>>,
    weight: usize,
}

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map {
            entries: HashMap::new(),
            weight: 0,
        }
    }
}

impl<K, V> Map<K, V> {
    fn clear(&mut self) {
        self.entries.clear();
        self.weight = 0;
    }
}

/// Values by key; shared by every clone.
pub struct Kept<K, V> {
    map: Arc<Mutex<Map<K, V>>>,
    generation: Generation,
    /// Hits and misses of [`Kept::get`], under the cache's name in `/metrics`.
    counts: Arc<CacheCounts>,
    ttl: Duration,
    capacity: usize,
    budget: usize,
}

impl<K, V> Clone for Kept<K, V> {
    fn clone(&self) -> Self {
        Kept {
            map: self.map.clone(),
            generation: self.generation.clone(),
            counts: self.counts.clone(),
            ttl: self.ttl,
            capacity: self.capacity,
            budget: self.budget,
        }
    }
}

impl<K: Eq + Hash, V: Clone> Kept<K, V> {
    /// Keeps each value `ttl` (zero: keeps nothing), at most `capacity` of them; its hits and
    /// misses are counted under `name` ([`crate::telemetry`]).
    pub fn new(name: &'static str, ttl: Duration, capacity: usize, generation: Generation) -> Self {
        Kept {
            map: Arc::default(),
            generation,
            counts: crate::telemetry::global().cache(name),
            ttl,
            capacity,
            budget: usize::MAX,
        }
    }

    /// The same, keeping at most `budget` in weight ([`Kept::put_weighing`]) in all.
    pub fn with_budget(mut self, budget: usize) -> Self {
        self.budget = budget;
        self
    }

    /// The lifetime given; zero when nothing is kept.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// How many entries the map holds, fresh or not.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// True when the map holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// To be taken before reading what will be put.
    pub fn stamp(&self, at: Instant) -> Stamp {
        Stamp {
            generation: self.generation.current(),
            at,
        }
    }

    /// The value kept for `key`, if it is still fresh at `at`.
    pub fn get<Q>(&self, key: &Q, at: Instant) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let generation = self.generation.current();
        let found = {
            let map = self.lock();
            map.entries
                .get(key)
                .filter(|e| e.generation == generation && at < e.until)
                .map(|e| e.value.clone())
        };
        match found {
            Some(_) => self.counts.hit(),
            None => self.counts.miss(),
        }
        found
    }

    /// Hits and misses so far, of every cache of this one's name.
    pub fn counts(&self) -> (u64, u64) {
        self.counts.get()
    }

    /// The value kept for `key` while it is fresh, else what `load` reads (then kept).
    pub(crate) async fn get_or_load<Q, E, F, Fut>(&self, key: &Q, load: F) -> Result<V, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, E>>,
    {
        let now = Instant::now();
        if let Some(v) = self.get(key, now) {
            return Ok(v);
        }
        let stamp = self.stamp(now);
        let v = load().await?;
        self.put(key.to_owned(), v.clone(), stamp);
        Ok(v)
    }

    /// Keeps `value`, read after `stamp` was taken, for the lifetime given.
    pub fn put(&self, key: K, value: V, stamp: Stamp) {
        self.put_for(key, value, stamp, self.ttl);
    }

    /// Keeps `value` for `life` (at most the lifetime given) from `stamp`.
    pub fn put_for(&self, key: K, value: V, stamp: Stamp, life: Duration) {
        self.put_weighing(key, value, stamp, life, 0);
    }

    /// Keeps `value`, which weighs `weight` against the budget (a page: its bytes), for `life`
    /// (at most the lifetime given) from `stamp`. Heavier than the whole budget: not kept.
    pub fn put_weighing(&self, key: K, value: V, stamp: Stamp, life: Duration, weight: usize) {
        if self.ttl.is_zero() || weight > self.budget {
            return;
        }
        let entry = Entry {
            value,
            until: stamp.at + life.min(self.ttl),
            generation: stamp.generation,
            weight,
        };
        let mut map = self.lock();
        let replaced = map.entries.get(&key).map_or(0, |e| e.weight);
        if map.entries.len() >= self.capacity || map.weight - replaced + weight > self.budget {
            map.clear();
        }
        map.weight += weight;
        if let Some(old) = map.entries.insert(key, entry) {
            map.weight -= old.weight;
        }
    }

    /// Makes everything kept stale, here and in every cache sharing the generation, and frees
    /// this cache's entries.
    pub fn clear(&self) {
        self.generation.bump();
        self.lock().clear();
    }

    fn lock(&self) -> MutexGuard<'_, Map<K, V>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: Duration = Duration::from_secs(2);

    fn kept(ttl: Duration, capacity: usize) -> Kept<String, u32> {
        Kept::new("test", ttl, capacity, Generation::default())
    }

    #[test]
    fn a_value_is_served_for_its_lifetime_and_no_longer() {
        let (k, t0) = (kept(TTL, 10), Instant::now());
        k.put("a".to_owned(), 1, k.stamp(t0));
        assert_eq!(k.get("a", t0 + TTL - Duration::from_millis(1)), Some(1));
        assert_eq!(k.get("a", t0 + TTL), None);
        assert_eq!(k.get("b", t0), None);
        k.put_for("c".to_owned(), 3, k.stamp(t0), TTL / 2);
        assert_eq!(k.get("c", t0 + TTL / 2), None);
        k.put_for("d".to_owned(), 4, k.stamp(t0), TTL * 2);
        assert_eq!(
            k.get("d", t0 + TTL),
            None,
            "never longer than the lifetime given"
        );
    }

    #[test]
    fn a_lifetime_of_zero_keeps_nothing() {
        let (k, t0) = (kept(Duration::ZERO, 10), Instant::now());
        k.put("a".to_owned(), 1, k.stamp(t0));
        assert_eq!(k.get("a", t0), None);
    }

    #[test]
    fn what_was_read_before_a_bump_is_never_served() {
        let generation = Generation::default();
        let (k, t0) = (
            Kept::new("test", TTL, 10, generation.clone()),
            Instant::now(),
        );
        let other: Kept<String, u32> = Kept::new("test", TTL, 10, generation.clone());
        k.put("a".to_owned(), 1, k.stamp(t0));
        let before = k.stamp(t0);
        other.clear();
        assert_eq!(k.get("a", t0), None, "stale after another cache's clearing");
        k.put("b".to_owned(), 2, before);
        assert_eq!(k.get("b", t0), None, "read before the bump, put after it");
        k.put("b".to_owned(), 2, k.stamp(t0));
        assert_eq!(k.get("b", t0), Some(2));
        generation.bump();
        assert_eq!(k.get("b", t0), None);
    }

    #[test]
    fn a_full_map_starts_again_empty() {
        let (k, t0) = (kept(TTL, 2), Instant::now());
        for (i, key) in ["a", "b", "c"].into_iter().enumerate() {
            k.put(key.to_owned(), i as u32, k.stamp(t0));
        }
        assert_eq!(k.get("a", t0), None);
        assert_eq!(k.get("b", t0), None);
        assert_eq!(k.get("c", t0), Some(2));
    }

    #[tokio::test]
    async fn a_miss_is_loaded_once_kept_and_a_failed_load_keeps_nothing() {
        let k = kept(TTL, 10);
        let loaded = k.get_or_load("a", || async { Ok::<_, ()>(7) }).await;
        assert_eq!(loaded, Ok(7));
        let again = k.get_or_load("a", || async { Ok::<_, ()>(8) }).await;
        assert_eq!(again, Ok(7), "served from memory, not loaded again");
        let failed = k.get_or_load("b", || async { Err::<u32, _>("down") }).await;
        assert_eq!(failed, Err("down"));
        assert_eq!(k.get("b", Instant::now()), None);
    }

    #[test]
    fn a_budget_of_weight_is_kept() {
        let (k, t0) = (kept(TTL, 100).with_budget(10), Instant::now());
        k.put_weighing("a".to_owned(), 1, k.stamp(t0), TTL, 4);
        k.put_weighing("b".to_owned(), 2, k.stamp(t0), TTL, 4);
        k.put_weighing("a".to_owned(), 3, k.stamp(t0), TTL, 4);
        assert_eq!(k.len(), 2, "a replaced entry no longer weighs");
        assert_eq!(k.get("a", t0), Some(3));
        k.put_weighing("c".to_owned(), 4, k.stamp(t0), TTL, 4);
        assert_eq!(k.len(), 1, "over the budget: started again");
        assert_eq!(k.get("c", t0), Some(4));
        k.put_weighing("d".to_owned(), 5, k.stamp(t0), TTL, 11);
        assert_eq!(k.get("d", t0), None, "heavier than the budget");
        assert_eq!(k.get("c", t0), Some(4));
    }

    #[test]
    fn hits_and_misses_are_counted_under_the_name() {
        let t0 = Instant::now();
        let k: Kept<String, u32> = Kept::new("kept_counting_test", TTL, 10, Generation::default());
        assert_eq!(k.get("a", t0), None);
        k.put("a".to_owned(), 1, k.stamp(t0));
        assert_eq!(k.get("a", t0), Some(1));
        assert_eq!(k.get("a", t0 + TTL), None, "stale counts as a miss");
        assert_eq!(k.counts(), (1, 2));
        let same_name: Kept<String, u32> =
            Kept::new("kept_counting_test", TTL, 10, Generation::default());
        assert_eq!(same_name.counts(), (1, 2), "one series per name");
        assert!(
            crate::telemetry::global()
                .caches()
                .contains(&("kept_counting_test", 1, 2))
        );
    }

    #[test]
    fn clones_share_their_entries() {
        let (k, t0) = (kept(TTL, 10), Instant::now());
        let c = k.clone();
        c.put("a".to_owned(), 1, c.stamp(t0));
        assert_eq!(k.get("a", t0), Some(1));
    }
}

//! Who a session cookie belongs to, kept for a moment (`HOCVU_SESSION_CACHE_MS`, 2 s by
//! default). Every request with a cookie needs its person, roles and helper; reading them costs
//! two queries, more than the rest of a saved answer. A write that succeeded clears the whole
//! cache once it has been answered (the rules: `super::clearing`), so a sign-out, a role taken
//! away or an account disabled in this process takes effect at once; a change made by another
//! process (a second server behind a load balancer, the CLI) within the lifetime.
use std::time::{Duration, Instant};

use service::access::authz::Actor;
use service::cache::epoch::Generation;
use service::cache::map::{Kept, Stamp};

/// Sessions kept at most; past this the cache starts again empty.
const CAPACITY: usize = 50_000;

/// Between 3/4 and all of `ttl`, picked by the token (random): sessions looked up together
/// (a class starting a quiz) are not all looked up again in the same instant.
fn lifetime(ttl: Duration, token: &str) -> Duration {
    let spread = token
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    ttl.mul_f64(0.75 + f64::from(spread % 256) / 1024.0)
}

/// Actors by session token; shared by every clone.
#[derive(Clone)]
pub struct ActorCache(Kept<String, Actor>);

impl ActorCache {
    pub fn new(ttl: Duration, generation: Generation) -> Self {
        Self(Kept::new("sessions", ttl, CAPACITY, generation))
    }

    /// Taken before the database is read: an entry read across a clearing is never served.
    pub fn stamp(&self, now: Instant) -> Stamp {
        self.0.stamp(now)
    }

    pub fn get(&self, token: &str, now: Instant) -> Option<Actor> {
        self.0.get(token, now)
    }

    pub fn put(&self, token: &str, actor: Actor, stamp: Stamp) {
        let life = lifetime(self.0.ttl(), token);
        self.0.put_for(token.to_owned(), actor, stamp, life);
    }

    /// Forgets everyone (and makes all that shares the generation stale): the next request of
    /// each session reads the database.
    pub fn clear(&self) {
        self.0.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use service::entity::user;

    fn actor(name: &str) -> Actor {
        Actor {
            user: user::Model::named(1, "an", name, 0),
            grants: vec![],
            token: None,
            assisted_by: None,
        }
    }

    const TTL: Duration = Duration::from_secs(2);

    #[test]
    fn lifetimes_spread_over_the_last_quarter() {
        let lives: Vec<Duration> = (0..200)
            .map(|i| lifetime(TTL, &format!("tok{i}")))
            .collect();
        assert!(lives.iter().all(|d| *d >= TTL * 3 / 4 && *d < TTL));
        let shortest = lives.iter().min().unwrap();
        let longest = lives.iter().max().unwrap();
        assert!(*longest - *shortest > TTL / 8, "{shortest:?}..{longest:?}");
    }

    #[test]
    fn a_lifetime_of_zero_keeps_nothing() {
        let (c, t0) = (
            ActorCache::new(Duration::ZERO, Generation::default()),
            Instant::now(),
        );
        c.put("tok", actor("An"), c.stamp(t0));
        assert!(c.get("tok", t0).is_none());
    }

    #[test]
    fn a_session_is_served_for_its_lifetime() {
        let (c, t0) = (ActorCache::new(TTL, Generation::default()), Instant::now());
        c.put("tok", actor("An"), c.stamp(t0));
        assert_eq!(
            c.get("tok", t0 + lifetime(TTL, "tok") - Duration::from_millis(1))
                .unwrap()
                .user
                .full_name,
            "An"
        );
        assert!(c.get("tok", t0 + lifetime(TTL, "tok")).is_none());
        assert!(c.get("tok", t0 + TTL).is_none());
        assert!(c.get("other", t0).is_none());
    }

    #[test]
    fn clearing_drops_everyone_and_what_was_read_before_it() {
        let (c, t0) = (ActorCache::new(TTL, Generation::default()), Instant::now());
        c.put("a", actor("An"), c.stamp(t0));
        let before = c.stamp(t0);
        c.clear();
        assert!(c.get("a", t0).is_none());
        // Read from the database before the clearing, stored after it: never served.
        c.put("b", actor("Bình"), before);
        assert!(c.get("b", t0).is_none());
        c.put("b", actor("Bình"), c.stamp(t0));
        assert!(c.get("b", t0).is_some());
    }
}

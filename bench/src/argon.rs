//! What the argon2 cost allows: default Argon2id hashes per second on all available cores.

use argon2::password_hash::{PasswordHasher, SaltString};
use std::time::{Duration, Instant};

/// Result of the in-process argon2 measurement.
#[derive(Clone, Copy, Debug)]
pub struct Capacity {
    pub threads: usize,
    pub hashes: u64,
    pub per_sec: f64,
}

/// Hashes with `Argon2::default()` (Argon2id, m=19456 KiB, t=2, p=1) on every core for about `duration`.
pub fn measure(duration: Duration) -> Capacity {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let deadline = Instant::now() + duration;
    let per_thread: Vec<(u64, Duration)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|i| s.spawn(move || hash_until(i, deadline)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("argon2 thread"))
            .collect()
    });
    let hashes = per_thread.iter().map(|(n, _)| n).sum();
    let per_sec = per_thread
        .iter()
        .map(|(n, t)| *n as f64 / t.as_secs_f64().max(1e-9))
        .sum();
    Capacity {
        threads,
        hashes,
        per_sec,
    }
}

/// One thread: hash a fixed password until the deadline; returns (count, time taken).
fn hash_until(thread: usize, deadline: Instant) -> (u64, Duration) {
    let argon = argon2::Argon2::default();
    let salt = SaltString::encode_b64(format!("hocvu-bench-salt-{thread:04}").as_bytes())
        .expect("valid salt");
    let start = Instant::now();
    let mut count = 0;
    loop {
        let hash = argon
            .hash_password(b"Demo@HocVuSo2026", &salt)
            .expect("argon2 hash");
        std::hint::black_box(hash);
        count += 1;
        if Instant::now() >= deadline {
            return (count, start.elapsed());
        }
    }
}

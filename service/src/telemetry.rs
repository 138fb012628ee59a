//! What the services count for `/metrics`: cache hits and misses per kept map, the answer
//! writer's queue and group sizes, rows and time per import kind, and the database pools' use.
//! Everything is an atomic add on the hot path; the server reads a snapshot when scraped and
//! writes it out (`server::http::metrics`).
//!
//! One [`Telemetry`] per process ([`global`]): the caches, the answer writer and the imports
//! are made deep inside the services with no handle to pass along, and a process has one set
//! of them to count. Tests of the counting make their own [`Telemetry`].
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use sea_orm::{DatabaseConnection, DbBackend};

/// The process's counters.
pub fn global() -> &'static Telemetry {
    static ONE: OnceLock<Telemetry> = OnceLock::new();
    ONE.get_or_init(Telemetry::default)
}

/// Every counter the services keep.
#[derive(Debug, Default)]
pub struct Telemetry {
    caches: Mutex<Vec<(&'static str, Arc<CacheCounts>)>>,
    /// The answer writer (`answer_writer`).
    pub answers: AnswerCounts,
    /// Imports, by kind (`imports`).
    pub imports: [ImportCounts; IMPORT_KINDS.len()],
}

impl Telemetry {
    /// The counts of the cache called `name`: the same ones for every cache of that name.
    pub fn cache(&self, name: &'static str) -> Arc<CacheCounts> {
        let mut caches = self.caches.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, c)) = caches.iter().find(|(n, _)| *n == name) {
            return c.clone();
        }
        let counts = Arc::new(CacheCounts::default());
        caches.push((name, counts.clone()));
        counts
    }

    /// Each cache's name with its hits and misses so far, in the order they were made.
    pub fn caches(&self) -> Vec<(&'static str, u64, u64)> {
        let caches = self.caches.lock().unwrap_or_else(|e| e.into_inner());
        caches
            .iter()
            .map(|(name, c)| (*name, c.hits.load(Relaxed), c.misses.load(Relaxed)))
            .collect()
    }

    /// The counts of one import kind (one of [`IMPORT_KINDS`]).
    pub fn import(&self, kind: &str) -> Option<&ImportCounts> {
        let i = IMPORT_KINDS.iter().position(|k| *k == kind)?;
        Some(&self.imports[i])
    }
}

/// Lookups in one kept map.
#[derive(Debug, Default)]
pub struct CacheCounts {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl CacheCounts {
    pub(crate) fn hit(&self) {
        self.hits.fetch_add(1, Relaxed);
    }

    pub fn miss(&self) {
        self.misses.fetch_add(1, Relaxed);
    }

    /// Hits and misses so far.
    pub fn get(&self) -> (u64, u64) {
        (self.hits.load(Relaxed), self.misses.load(Relaxed))
    }
}

/// The answer writer: saves waiting for it, and the size of each group it wrote.
#[derive(Debug)]
pub struct AnswerCounts {
    queued: AtomicU64,
    /// Answers per group written (one statement, one commit).
    pub group_sizes: Histogram,
}

impl Default for AnswerCounts {
    fn default() -> Self {
        AnswerCounts {
            queued: AtomicU64::new(0),
            group_sizes: Histogram::new(&[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0]),
        }
    }
}

impl AnswerCounts {
    /// A save went into the queue.
    pub(crate) fn enqueued(&self) {
        self.queued.fetch_add(1, Relaxed);
    }

    /// `n` saves left the queue (taken by the writer, or never sent).
    pub(crate) fn dequeued(&self, n: u64) {
        // Never below zero, even if a decrement overtook its increment.
        let _ = self
            .queued
            .try_update(Relaxed, Relaxed, |q| Some(q.saturating_sub(n)));
    }

    /// Saves waiting for the writer now.
    pub fn queue_depth(&self) -> u64 {
        self.queued.load(Relaxed)
    }
}

/// The import kinds, as the metrics name them (`domain::exchange::Format`).
pub const IMPORT_KINDS: [&str; 4] = ["units", "roster", "training", "assessment"];

/// One import kind: rows written and the time the imports that wrote them took.
#[derive(Debug, Default)]
pub struct ImportCounts {
    runs: AtomicU64,
    rows: AtomicU64,
    micros: AtomicU64,
}

impl ImportCounts {
    /// An import that wrote `rows` rows in `took`.
    pub fn written(&self, rows: usize, took: Duration) {
        self.runs.fetch_add(1, Relaxed);
        self.rows.fetch_add(rows as u64, Relaxed);
        self.micros
            .fetch_add(took.as_micros().min(u64::MAX as u128) as u64, Relaxed);
    }

    /// Imports that wrote, rows written, and their seconds in all.
    pub fn get(&self) -> (u64, u64, f64) {
        (
            self.runs.load(Relaxed),
            self.rows.load(Relaxed),
            self.micros.load(Relaxed) as f64 / 1e6,
        )
    }
}

/// A histogram of fixed bounds, recorded with atomic adds only (no lock): one bucket, the
/// count and the sum per observation. Values are kept in millionths, so a sum of seconds or
/// of sizes stays exact enough.
#[derive(Debug)]
pub struct Histogram {
    bounds: &'static [f64],
    /// One per bound, then one for larger values (+Inf); not cumulative.
    buckets: Box<[AtomicU64]>,
    count: AtomicU64,
    sum_millionths: AtomicU64,
}

/// What a histogram held when read.
#[derive(Debug, Clone, PartialEq)]
pub struct HistogramSnapshot {
    /// (upper bound, observations in this bucket alone); the last bound is +Inf.
    pub buckets: Vec<(f64, u64)>,
    pub count: u64,
    pub sum: f64,
}

impl Histogram {
    pub fn new(bounds: &'static [f64]) -> Self {
        Histogram {
            bounds,
            buckets: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            count: AtomicU64::new(0),
            sum_millionths: AtomicU64::new(0),
        }
    }

    pub fn observe(&self, value: f64) {
        let i = self
            .bounds
            .iter()
            .position(|b| value <= *b)
            .unwrap_or(self.bounds.len());
        self.buckets[i].fetch_add(1, Relaxed);
        self.count.fetch_add(1, Relaxed);
        let millionths = (value.max(0.0) * 1e6) as u64;
        self.sum_millionths.fetch_add(millionths, Relaxed);
    }

    pub fn snapshot(&self) -> HistogramSnapshot {
        let bounds = self.bounds.iter().copied().chain([f64::INFINITY]);
        HistogramSnapshot {
            buckets: bounds
                .zip(self.buckets.iter())
                .map(|(b, n)| (b, n.load(Relaxed)))
                .collect(),
            count: self.count.load(Relaxed),
            sum: self.sum_millionths.load(Relaxed) as f64 / 1e6,
        }
    }
}

/// The use of a connection pool now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    pub in_use: u64,
    pub idle: u64,
    pub max: u64,
}

/// How the pool behind `db` is used (SQLite or PostgreSQL; `None` for anything else).
pub fn pool_use(db: &DatabaseConnection) -> Option<PoolUse> {
    let (size, idle, max) = match db.get_database_backend() {
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        _ => return None,
    };
    let idle = idle as u64;
    Some(PoolUse {
        in_use: u64::from(size).saturating_sub(idle),
        idle,
        max: u64::from(max),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_puts_each_value_in_its_bucket() {
        static BOUNDS: [f64; 3] = [1.0, 2.0, 4.0];
        let h = Histogram::new(&BOUNDS);
        for v in [0.5, 1.0, 1.5, 3.0, 100.0] {
            h.observe(v);
        }
        let s = h.snapshot();
        assert_eq!(
            s.buckets,
            vec![(1.0, 2), (2.0, 1), (4.0, 1), (f64::INFINITY, 1)]
        );
        assert_eq!(s.count, 5);
        assert!((s.sum - 106.0).abs() < 1e-9, "{}", s.sum);
    }

    #[test]
    fn caches_of_one_name_share_their_counts() {
        let t = Telemetry::default();
        let (a, b, c) = (t.cache("pages"), t.cache("pages"), t.cache("content"));
        a.hit();
        b.hit();
        c.miss();
        assert_eq!(t.caches(), vec![("pages", 2, 0), ("content", 0, 1)]);
    }

    #[test]
    fn the_queue_depth_never_goes_below_zero() {
        let a = AnswerCounts::default();
        a.enqueued();
        a.dequeued(1);
        a.dequeued(1);
        assert_eq!(a.queue_depth(), 0);
        a.enqueued();
        assert_eq!(a.queue_depth(), 1);
    }

    #[test]
    fn imports_add_up_per_kind() {
        let t = Telemetry::default();
        let roster = t.import("roster").unwrap();
        roster.written(10, Duration::from_millis(500));
        roster.written(5, Duration::from_millis(250));
        assert_eq!(roster.get(), (2, 15, 0.75));
        assert!(t.import("nothing").is_none());
    }
}

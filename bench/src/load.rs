//! Closed-loop load: N keep-alive connections each sending requests back to back for a fixed window.

use crate::client::{Conn, RequestSpec};
use hdrhistogram::Histogram;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout_at};

/// Pause after a failed connect, so a dead server does not turn into a busy loop.
const RECONNECT_PAUSE: Duration = Duration::from_millis(50);
/// Histogram range: 1 µs .. 60 s, 3 significant figures.
const HIST_MAX_US: u64 = 60_000_000;

/// What to run: where, what request, how many connections, how long.
#[derive(Clone, Debug)]
pub struct LoadPlan {
    pub addr: SocketAddr,
    pub spec: RequestSpec,
    pub connections: usize,
    pub warmup: Duration,
    pub duration: Duration,
}

/// The measured window: requests started before `start` or unfinished at `end` are not counted.
#[derive(Clone, Copy, Debug)]
struct Window {
    start: Instant,
    end: Instant,
}

/// Outcome of one load run (or one connection's share of it).
#[derive(Clone, Debug)]
pub struct Measurement {
    /// Latency of successful (2xx) requests, in microseconds.
    pub hist: Histogram<u64>,
    pub ok: u64,
    pub bytes: u64,
    /// Error counts by kind: `HTTP 404`, `HTTP 429`, `connect`, `request`.
    pub errors: BTreeMap<String, u64>,
    /// One example error message, to help diagnose failures.
    pub first_error: Option<String>,
    pub window: Duration,
}

/// A latency histogram: 1 µs .. 60 s, 3 significant figures (every step's own).
pub fn latency_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, HIST_MAX_US, 3).expect("valid histogram bounds")
}

/// Records one latency, clamped to the histogram's range.
pub fn record_latency(hist: &mut Histogram<u64>, latency: Duration) {
    let us = (latency.as_micros() as u64).clamp(1, HIST_MAX_US);
    hist.record(us).expect("value within bounds");
}

/// A latency quantile in milliseconds (0 when nothing succeeded).
pub fn quantile_ms(hist: &Histogram<u64>, ok: u64, q: f64) -> f64 {
    if ok == 0 {
        0.0
    } else {
        hist.value_at_quantile(q) as f64 / 1000.0
    }
}

/// The longest latency in milliseconds (0 when nothing succeeded).
pub fn max_ms(hist: &Histogram<u64>, ok: u64) -> f64 {
    if ok == 0 {
        0.0
    } else {
        hist.max() as f64 / 1000.0
    }
}

impl Measurement {
    pub fn new(window: Duration) -> Self {
        let hist = latency_histogram();
        Self {
            hist,
            ok: 0,
            bytes: 0,
            errors: BTreeMap::new(),
            first_error: None,
            window,
        }
    }

    pub fn error(&mut self, kind: String, detail: impl FnOnce() -> String) {
        *self.errors.entry(kind).or_default() += 1;
        if self.first_error.is_none() {
            self.first_error = Some(detail());
        }
    }

    pub fn success(&mut self, latency: Duration, bytes: usize) {
        record_latency(&mut self.hist, latency);
        self.ok += 1;
        self.bytes += bytes as u64;
    }

    pub fn merge(&mut self, other: Measurement) {
        self.hist.add(&other.hist).expect("same histogram bounds");
        self.ok += other.ok;
        self.bytes += other.bytes;
        for (k, v) in other.errors {
            *self.errors.entry(k).or_default() += v;
        }
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    pub fn total_errors(&self) -> u64 {
        self.errors.values().sum()
    }

    /// Successful requests per second over the measured window.
    pub fn rps(&self) -> f64 {
        self.ok as f64 / self.window.as_secs_f64()
    }

    /// Latency quantile in milliseconds (0 when nothing succeeded).
    pub fn quantile_ms(&self, q: f64) -> f64 {
        quantile_ms(&self.hist, self.ok, q)
    }

    pub fn max_ms(&self) -> f64 {
        max_ms(&self.hist, self.ok)
    }

    /// Mean response body size in bytes.
    pub fn mean_bytes(&self) -> f64 {
        if self.ok == 0 {
            0.0
        } else {
            self.bytes as f64 / self.ok as f64
        }
    }

    /// Count of a given error kind.
    pub fn errors_of(&self, kind: &str) -> u64 {
        self.errors.get(kind).copied().unwrap_or(0)
    }
}

/// Runs the plan: warm-up, then the measured window; returns merged results of all connections.
pub async fn run(plan: LoadPlan) -> Measurement {
    let start = Instant::now() + plan.warmup;
    let window = Window {
        start,
        end: start + plan.duration,
    };
    let plan = Arc::new(plan);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..plan.connections.max(1) {
        tasks.spawn(connection_loop(plan.clone(), window));
    }
    let mut total = Measurement::new(plan.duration);
    while let Some(part) = tasks.join_next().await {
        match part {
            Ok(m) => total.merge(m),
            Err(e) => total.error("task".into(), || e.to_string()),
        }
    }
    total
}

/// One connection: connect (again when needed) and send requests until the window ends.
async fn connection_loop(plan: Arc<LoadPlan>, w: Window) -> Measurement {
    let mut m = Measurement::new(plan.duration);
    let mut conn: Option<Conn> = None;
    while Instant::now() < w.end {
        let mut c = match conn.take() {
            Some(c) => c,
            None => match timeout_at(w.end, Conn::connect(plan.addr)).await {
                Err(_) => break,
                Ok(Ok(c)) => c,
                Ok(Err(e)) => {
                    if Instant::now() >= w.start {
                        m.error("connect".into(), || format!("{e:#}"));
                    }
                    sleep(RECONNECT_PAUSE.min(w.end.saturating_duration_since(Instant::now())))
                        .await;
                    continue;
                }
            },
        };
        let t0 = Instant::now();
        let Ok(result) = timeout_at(w.end, c.send(&plan.spec, false)).await else {
            break;
        };
        let counted = t0 >= w.start;
        match result {
            Ok(reply) => {
                if counted {
                    record_reply(&mut m, t0.elapsed(), reply.status, reply.body_len);
                }
                if c.is_open() {
                    conn = Some(c);
                }
            }
            Err(e) if counted => m.error("request".into(), || format!("{e:#}")),
            Err(_) => {}
        }
    }
    m
}

fn record_reply(m: &mut Measurement, latency: Duration, status: u16, body_len: usize) {
    if (200..300).contains(&status) {
        m.success(latency, body_len);
    } else {
        m.error(format!("HTTP {status}"), || format!("HTTP status {status}"));
    }
}

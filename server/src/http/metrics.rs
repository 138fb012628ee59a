//! `GET /metrics` in Prometheus's text format, and the per-route request counts behind it.
//!
//! Who may read it: a client on this machine connected directly (a loopback peer, with no
//! forwarding header at all: a request a proxy on this machine passed on is not local), the
//! holder of `HOCVU_METRICS_TOKEN` (`Authorization: Bearer`, compared in constant time), or a
//! signed-in admin. Anyone else gets what any unknown path gets (the app's 404): the endpoint
//! is not revealed.
//!
//! What it holds: requests and their latency per route template, method and status class
//! (recorded by `http::trace`), and what the services count (`service::telemetry`): cache hits
//! and misses, the answer writer's queue and group sizes, import rows and seconds, and the
//! database pools' connections in use, idle and at most.
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{OnceLock, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Registry;
use service::telemetry::{self, Histogram, HistogramSnapshot, PoolUse};
use subtle::ConstantTimeEq;

use super::{cookies, session};
use crate::state::AppState;

/// The path, answered in front of the router.
pub const PATH: &str = "/metrics";

/// The media type of Prometheus's text format.
const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Latency bounds in seconds: a kept page takes well under a millisecond, an import seconds.
static LATENCY: [f64; 13] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

const METHODS: [&str; 8] = [
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other",
];
const CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

/// What the server itself counts, and who else may read `/metrics`.
pub struct Metrics {
    pub requests: RequestMetrics,
    /// `HOCVU_METRICS_TOKEN`; `None` (or empty) lets no token in.
    token: Option<String>,
}

impl Metrics {
    pub fn new(token: Option<String>) -> Self {
        Metrics {
            requests: RequestMetrics::default(),
            token: token.filter(|t| !t.is_empty()),
        }
    }
}

/// Requests by route template, then by method and status class: a latency histogram each
/// (its count is the request count). A route's slots are made the first time it is answered;
/// after that, counting is a read lock and three atomic adds.
#[derive(Default)]
pub struct RequestMetrics {
    routes: RwLock<HashMap<Box<str>, RouteSlots>>,
}

struct RouteSlots([OnceLock<Histogram>; METHODS.len() * CLASSES.len()]);

impl RouteSlots {
    fn new() -> Self {
        RouteSlots(std::array::from_fn(|_| OnceLock::new()))
    }
}

fn method_index(method: &Method) -> usize {
    match *method {
        Method::GET => 0,
        Method::HEAD => 1,
        Method::POST => 2,
        Method::PUT => 3,
        Method::PATCH => 4,
        Method::DELETE => 5,
        Method::OPTIONS => 6,
        _ => 7,
    }
}

fn class_index(status: StatusCode) -> usize {
    usize::from(status.as_u16() / 100).clamp(1, CLASSES.len()) - 1
}

impl RequestMetrics {
    /// One answered request. `route` is a template (or a fixed name), never a raw path: the
    /// number of series stays the number of routes.
    pub fn record(&self, route: &str, method: &Method, status: StatusCode, took: Duration) {
        let slot = method_index(method) * CLASSES.len() + class_index(status);
        let observe = |slots: &RouteSlots| {
            slots.0[slot]
                .get_or_init(|| Histogram::new(&LATENCY))
                .observe(took.as_secs_f64());
        };
        {
            let routes = self.routes.read().unwrap_or_else(|e| e.into_inner());
            if let Some(slots) = routes.get(route) {
                observe(slots);
                return;
            }
        }
        let mut routes = self.routes.write().unwrap_or_else(|e| e.into_inner());
        observe(routes.entry(route.into()).or_insert_with(RouteSlots::new));
    }

    /// Every series so far: route, method, status class and its histogram, in route order.
    fn snapshot(&self) -> Vec<RequestSeries> {
        let routes = self.routes.read().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<RequestSeries> = routes
            .iter()
            .flat_map(|(route, slots)| {
                slots.0.iter().enumerate().filter_map(move |(i, h)| {
                    h.get().map(|h| RequestSeries {
                        route: route.to_string(),
                        method: METHODS[i / CLASSES.len()],
                        class: CLASSES[i % CLASSES.len()],
                        latency: h.snapshot(),
                    })
                })
            })
            .collect();
        out.sort_by(|a, b| (&a.route, a.method, a.class).cmp(&(&b.route, b.method, b.class)));
        out
    }
}

/// In front of the router: `GET /metrics` for those allowed; everything else (and `/metrics`
/// for anyone else) goes on to the app, which answers as it answers any unknown path.
pub async fn gate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.uri().path() != PATH || req.method() != Method::GET {
        return next.run(req).await;
    }
    // Everything read from the request before waiting: a request is not `Sync`.
    let allowed = match credentials(&state, &req) {
        Credentials::Enough(yes) => yes,
        Credentials::Session(cookie) => is_admin(&state, &cookie).await,
    };
    if !allowed {
        return next.run(req).await;
    }
    let mut res = Response::new(Body::from(render(&state)));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    super::headers::apply(h, state.config.https());
    res
}

async fn is_admin(state: &AppState, session_cookie: &str) -> bool {
    matches!(
        session::cached_actor_for(state, session_cookie).await,
        Ok(Some(actor)) if actor.is_admin()
    )
}

/// What a request to `/metrics` shows of who sends it.
enum Credentials {
    /// Decided without the database.
    Enough(bool),
    /// A session cookie, to be looked up.
    Session(String),
}

fn credentials(state: &AppState, req: &Request) -> Credentials {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if is_local(peer, req.headers()) {
        return Credentials::Enough(true);
    }
    if let (Some(expected), Some(given)) = (&state.metrics.token, session::bearer(req.headers())) {
        return Credentials::Enough(bool::from(expected.as_bytes().ct_eq(given.as_bytes())));
    }
    let https = state.config.https();
    match cookies::read(req.headers(), cookies::session_name(https)) {
        Some(cookie) => Credentials::Session(cookie),
        None => Credentials::Enough(false),
    }
}

/// Headers a proxy adds when it passes a request on.
const FORWARDING: [&str; 4] = [
    "x-forwarded-for",
    "forwarded",
    "x-real-ip",
    "x-forwarded-host",
];

/// A loopback peer that came straight here: not through a proxy on this machine, which would
/// make every client look local. (A proxy that forwards without any of these headers cannot
/// be told apart: block `/metrics` there, README.)
fn is_local(peer: Option<std::net::IpAddr>, headers: &HeaderMap) -> bool {
    peer.is_some_and(|ip| ip.to_canonical().is_loopback())
        && !FORWARDING.iter().any(|h| headers.contains_key(*h))
}

/// The text answered: everything counted so far, in Prometheus's text format.
pub fn render(state: &AppState) -> String {
    let mut registry = Registry::with_prefix("hocvu");
    registry.register_collector(Box::new(Snapshot::take(state)));
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = prometheus_client::encoding::prometheus_text::encode(&mut out, &registry);
    out
}

#[derive(Debug)]
struct RequestSeries {
    route: String,
    method: &'static str,
    class: &'static str,
    latency: HistogramSnapshot,
}

/// Everything at one moment, to be written out.
#[derive(Debug)]
struct Snapshot {
    requests: Vec<RequestSeries>,
    caches: Vec<(&'static str, u64, u64)>,
    answer_queue: u64,
    answer_groups: HistogramSnapshot,
    imports: Vec<(&'static str, (u64, u64, f64))>,
    pools: Vec<(&'static str, PoolUse)>,
}

impl Snapshot {
    fn take(state: &AppState) -> Self {
        let t = telemetry::global();
        let pools = [
            ("writer", &state.services.db),
            ("reader", &state.services.read),
        ]
        .into_iter()
        .filter_map(|(name, db)| telemetry::pool_use(db).map(|u| (name, u)))
        .collect();
        Snapshot {
            requests: state.metrics.requests.snapshot(),
            caches: t.caches(),
            answer_queue: t.answers.queue_depth(),
            answer_groups: t.answers.group_sizes.snapshot(),
            imports: telemetry::IMPORT_KINDS
                .iter()
                .zip(&t.imports)
                .map(|(kind, c)| (*kind, c.get()))
                .collect(),
            pools,
        }
    }
}

type Fmt = Result<(), std::fmt::Error>;

impl Collector for Snapshot {
    fn encode(&self, mut e: DescriptorEncoder) -> Fmt {
        // Requests.
        let mut m = e.encode_descriptor(
            "http_requests",
            "Requests answered, by route template, method and status class.",
            None,
            MetricType::Counter,
        )?;
        for r in &self.requests {
            let labels = [
                ("route", r.route.as_str()),
                ("method", r.method),
                ("status", r.class),
            ];
            ConstCounter::new(r.latency.count).encode(m.encode_family(&labels)?)?;
        }
        let mut m = e.encode_descriptor(
            "http_request_duration_seconds",
            "Time from receiving a request to its answer's headers, by route template, method and status class.",
            None,
            MetricType::Histogram,
        )?;
        for r in &self.requests {
            let labels = [
                ("route", r.route.as_str()),
                ("method", r.method),
                ("status", r.class),
            ];
            histogram(m.encode_family(&labels)?, &r.latency)?;
        }
        // Caches.
        for (name, help, pick) in [
            (
                "cache_hits",
                "Lookups answered from a kept map, by cache.",
                0usize,
            ),
            (
                "cache_misses",
                "Lookups that found nothing fresh in a kept map, by cache.",
                1,
            ),
        ] {
            let mut m = e.encode_descriptor(name, help, None, MetricType::Counter)?;
            for (cache, hits, misses) in &self.caches {
                let n = if pick == 0 { *hits } else { *misses };
                ConstCounter::new(n).encode(m.encode_family(&[("cache", *cache)])?)?;
            }
        }
        // The answer writer.
        let m = e.encode_descriptor(
            "answer_queue_depth",
            "Answers waiting for the answer writer.",
            None,
            MetricType::Gauge,
        )?;
        ConstGauge::new(self.answer_queue as i64).encode(m)?;
        let m = e.encode_descriptor(
            "answer_group_size",
            "Answers written per group (one statement, one commit).",
            None,
            MetricType::Histogram,
        )?;
        histogram(m, &self.answer_groups)?;
        // Imports.
        for (name, help) in [
            ("import_runs", "Imports that wrote, by kind."),
            ("import_rows", "Rows written by imports, by kind."),
            (
                "import_seconds",
                "Seconds spent by the imports that wrote, by kind (rows / seconds: rows per second).",
            ),
        ] {
            let mut m = e.encode_descriptor(name, help, None, MetricType::Counter)?;
            for (kind, (runs, rows, seconds)) in &self.imports {
                let labels = [("kind", *kind)];
                let family = m.encode_family(&labels)?;
                match name {
                    "import_runs" => ConstCounter::new(*runs).encode(family)?,
                    "import_rows" => ConstCounter::new(*rows).encode(family)?,
                    _ => ConstCounter::new(*seconds).encode(family)?,
                }
            }
        }
        // Database pools.
        for (name, help) in [
            (
                "db_connections_in_use",
                "Database connections lent out now, by pool (on PostgreSQL the reader is the writer's pool).",
            ),
            (
                "db_connections_idle",
                "Database connections open and idle, by pool.",
            ),
            (
                "db_connections_max",
                "Database connections a pool may open, by pool.",
            ),
        ] {
            let mut m = e.encode_descriptor(name, help, None, MetricType::Gauge)?;
            for (pool, u) in &self.pools {
                let n = match name {
                    "db_connections_in_use" => u.in_use,
                    "db_connections_idle" => u.idle,
                    _ => u.max,
                };
                ConstGauge::new(n as i64).encode(m.encode_family(&[("pool", *pool)])?)?;
            }
        }
        Ok(())
    }
}

fn histogram(mut m: prometheus_client::encoding::MetricEncoder, h: &HistogramSnapshot) -> Fmt {
    m.encode_histogram::<prometheus_client::encoding::NoLabelSet>(h.sum, h.count, &h.buckets, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in list {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_a_direct_loopback_peer_is_local() {
        let ip = |s: &str| Some(s.parse::<std::net::IpAddr>().unwrap());
        let none = HeaderMap::new();
        assert!(is_local(ip("127.0.0.1"), &none));
        assert!(is_local(ip("::1"), &none));
        assert!(is_local(ip("::ffff:127.0.0.1"), &none));
        assert!(!is_local(ip("203.0.113.7"), &none));
        assert!(!is_local(ip("10.0.0.2"), &none));
        assert!(!is_local(None, &none));
        for h in FORWARDING {
            let forwarded = headers(&[(h, "203.0.113.7")]);
            assert!(!is_local(ip("127.0.0.1"), &forwarded), "{h}");
        }
    }

    #[test]
    fn requests_are_counted_per_route_method_and_class() {
        let m = RequestMetrics::default();
        let ms = Duration::from_millis(3);
        m.record("/khoa-hoc/{slug}", &Method::GET, StatusCode::OK, ms);
        m.record(
            "/khoa-hoc/{slug}",
            &Method::GET,
            StatusCode::NOT_MODIFIED,
            ms,
        );
        m.record("/khoa-hoc/{slug}", &Method::GET, StatusCode::OK, ms);
        m.record("/dang-nhap", &Method::POST, StatusCode::SEE_OTHER, ms);
        m.record(
            "/x",
            &Method::from_bytes(b"PROPFIND").unwrap(),
            StatusCode::from_u16(999).unwrap(),
            ms,
        );
        let got: Vec<(String, &str, &str, u64)> = m
            .snapshot()
            .into_iter()
            .map(|s| (s.route, s.method, s.class, s.latency.count))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/dang-nhap".into(), "POST", "3xx", 1),
                ("/khoa-hoc/{slug}".into(), "GET", "2xx", 2),
                ("/khoa-hoc/{slug}".into(), "GET", "3xx", 1),
                ("/x".into(), "other", "5xx", 1),
            ]
        );
    }
}

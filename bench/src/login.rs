//! `login-storm` subcommand: login throughput alone, then logins and home-page GETs together, vs argon2 capacity.

use crate::client::{self, BROWSER_HEADERS, RequestSpec};
use crate::load::{self, LoadPlan, Measurement};
use crate::target::Target;
use crate::{argon, memory, report};
use anyhow::{Result, bail};
use clap::Args;
use serde_json::json;
use std::time::Duration;

/// Login endpoint, relative to the target.
const LOGIN_PATH: &str = "/api/v1/auth/login";
/// Logins should reach this share of what argon2 allows on the cores…
const MIN_ARGON_SHARE: f64 = 0.80;
/// …while the home page keeps p99 at most this many milliseconds.
const MAX_STORM_P99_MS: f64 = 50.0;
/// How long the in-process argon2 measurement runs.
const ARGON_SECONDS: u64 = 3;

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// Base URL of the server under test (loopback only), e.g. http://127.0.0.1:3200.
    #[arg(long)]
    pub target: String,
    /// Login (username) of an existing account.
    #[arg(long)]
    pub login: String,
    /// Its password (the right one: the server rate-limits failed logins).
    #[arg(long, env = "HOCVU_BENCH_PASSWORD")]
    pub password: String,
    /// Connections sending logins back to back.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub login_connections: u16,
    /// Connections loading the home page during the storm.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub page_connections: u16,
    /// Measured seconds of each phase.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub seconds: u64,
    /// Warm-up seconds (not measured) before each phase.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(0..=60))]
    pub warmup: u64,
    /// Page loaded during the storm.
    #[arg(long, default_value = "/")]
    pub page_path: String,
    /// PID of the target server, to report its VmRSS/VmHWM after the run.
    #[arg(long)]
    pub server_pid: Option<u32>,
}

pub async fn run(args: LoginArgs) -> Result<()> {
    let t = Target::parse(&args.target)?;
    let login = login_spec(&t, &args)?;
    preflight(&t, &login).await?;
    eprintln!("measuring argon2 capacity in-process for ~{ARGON_SECONDS} s …");
    let cap =
        tokio::task::spawn_blocking(|| argon::measure(Duration::from_secs(ARGON_SECONDS))).await?;
    eprintln!(
        "phase 1: logins alone ({} connections) …",
        args.login_connections
    );
    let alone = load::run(plan(&args, &t, login.clone(), args.login_connections)).await;
    eprintln!(
        "phase 2: logins + home page ({} page connections) …",
        args.page_connections
    );
    let page = RequestSpec::get(&t.authority, &t.join(&args.page_path), &BROWSER_HEADERS)?;
    let until = tokio::time::Instant::now() + Duration::from_secs(args.warmup + args.seconds);
    let sampler = memory::spawn_sampler(args.server_pid, until);
    let (storm_login, storm_page) = tokio::join!(
        load::run(plan(&args, &t, login, args.login_connections)),
        load::run(plan(&args, &t, page, args.page_connections)),
    );
    print(
        &args,
        &t,
        &cap,
        [
            ("login alone", &alone),
            ("login (storm)", &storm_login),
            ("home (storm)", &storm_page),
        ],
    );
    if let Err(e) = memory::finish(args.server_pid, "after login-storm", sampler).await {
        eprintln!("memory: {e:#}");
    }
    Ok(())
}

/// The login request, with `Origin` set so the CSRF check passes.
fn login_spec(t: &Target, args: &LoginArgs) -> Result<RequestSpec> {
    let body = serde_json::to_vec(&json!({ "login": args.login, "password": args.password }))?;
    let origin = t.origin();
    let headers = [
        ("origin", origin.as_str()),
        ("accept", "application/json"),
        ("user-agent", "hocvu-bench/0.1"),
    ];
    RequestSpec::post_json(&t.authority, &t.join(LOGIN_PATH), body, &headers)
}

fn plan(args: &LoginArgs, t: &Target, spec: RequestSpec, connections: u16) -> LoadPlan {
    LoadPlan {
        addr: t.addr,
        spec,
        connections: connections as usize,
        warmup: Duration::from_secs(args.warmup),
        duration: Duration::from_secs(args.seconds),
    }
}

/// One login before the load, so a wrong password or a missing endpoint fails fast and clearly.
async fn preflight(t: &Target, login: &RequestSpec) -> Result<()> {
    let reply = client::fetch(t.addr, login).await?;
    if reply.status == 200 {
        return Ok(());
    }
    let body = reply
        .body
        .as_deref()
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    let snippet: String = body.chars().take(300).collect();
    if reply.status == 429 {
        println!("{}", hint_429());
    }
    bail!(
        "preflight login at {} answered HTTP {} (expected 200): {snippet}",
        t.url(LOGIN_PATH),
        reply.status
    )
}

/// Signs in once and returns the `Cookie` header value that carries the session (every cookie
/// the login set, as a browser would send them back).
pub async fn session_cookie(t: &Target, login: &str, password: &str) -> Result<String> {
    let body = serde_json::to_vec(&json!({ "login": login, "password": password }))?;
    let origin = t.origin();
    let headers = [("origin", origin.as_str()), ("accept", "application/json")];
    let spec = RequestSpec::post_json(&t.authority, &t.join(LOGIN_PATH), body, &headers)?;
    let reply = client::fetch(t.addr, &spec).await?;
    if reply.status != 200 {
        bail!("signing in as {login} answered HTTP {}", reply.status);
    }
    let pairs: Vec<&str> = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next())
        .collect();
    if pairs.is_empty() {
        bail!("signing in as {login} set no cookie");
    }
    Ok(pairs.join("; "))
}

fn hint_429() -> &'static str {
    "hint: the server answered 429 Too Many Requests. It rate-limits failed logins only, so check that \
     --login/--password are right (seed-demo: hocvien / Demo@HocVuSo2026), then restart the server (or wait \
     for the limiter window) to clear the counter before measuring again."
}

/// Prints the table, RESULT lines, argon2 share and verdict.
fn print(args: &LoginArgs, t: &Target, cap: &argon::Capacity, rows: [(&str, &Measurement); 3]) {
    let urls = [t.url(LOGIN_PATH), t.url(LOGIN_PATH), t.url(&args.page_path)];
    let conns = [
        args.login_connections,
        args.login_connections,
        args.page_connections,
    ]
    .map(usize::from);
    let table: Vec<_> = rows
        .iter()
        .zip(&urls)
        .zip(conns)
        .map(|(((n, m), u), c)| report::load_row(n, u, c, m))
        .collect();
    println!();
    report::table(&report::LOAD_HEADERS, 2, &table);
    for (((name, m), url), c) in rows.iter().zip(&urls).zip(conns) {
        report::error_details(name, m);
        report::result(report::load_json("login-storm", name, url, c, m));
    }
    if rows.iter().any(|(_, m)| m.errors_of("HTTP 429") > 0) {
        println!("{}", hint_429());
    }
    print_capacity(cap, rows[0].1, rows[2].1);
}

fn print_capacity(cap: &argon::Capacity, alone: &Measurement, page: &Measurement) {
    let share = if cap.per_sec > 0.0 {
        alone.rps() / cap.per_sec
    } else {
        0.0
    };
    let p99 = page.quantile_ms(0.99);
    let ok = share >= MIN_ARGON_SHARE
        && p99 <= MAX_STORM_P99_MS
        && alone.total_errors() == 0
        && page.total_errors() == 0;
    println!(
        "argon2 allows {:.1} hashes/s ({} threads, {} hashes, Argon2id m=19456 KiB t=2 p=1)",
        cap.per_sec, cap.threads, cap.hashes
    );
    println!(
        "logins/s ÷ argon2 capacity: {:.1}%   home p99 during storm {p99:.2} ms   [target ≥ {:.0}% and p99 ≤ {MAX_STORM_P99_MS} ms, no errors: {}]",
        share * 100.0,
        MIN_ARGON_SHARE * 100.0,
        report::verdict(ok)
    );
    report::result(json!({
        "bench": "login-storm", "name": "capacity", "argon2_threads": cap.threads,
        "argon2_hashes_per_sec": report::round(cap.per_sec), "logins_per_sec": report::round(alone.rps()),
        "share": report::round(share), "storm_page_p99_ms": report::round(p99), "pass": ok,
    }));
}

//! `http` subcommand: closed-loop GET load on the bare hello server and on the target, with their ratio.

use crate::client::{BROWSER_HEADERS, RequestSpec};
use crate::hello::HelloServer;
use crate::load::{self, LoadPlan, Measurement};
use crate::target::Target;
use crate::{cpu, login, memory, report};
use anyhow::Result;
use clap::Args;
use serde_json::json;
use std::time::Duration;

/// Target p99 of every page, in milliseconds (the share of hello throughput is per page:
/// `--min-ratio`).
const MAX_P99_MS: f64 = 10.0;

#[derive(Args, Debug)]
pub struct HttpArgs {
    /// Base URL of the server under test (loopback only), e.g. http://127.0.0.1:3200. Omit to measure only the hello server.
    #[arg(long)]
    pub target: Option<String>,
    /// Path requested on the target.
    #[arg(long, default_value = "/")]
    pub path: String,
    /// Keep-alive connections, each sending requests back to back.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub connections: u16,
    /// Measured seconds per server.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub seconds: u64,
    /// Warm-up seconds (not measured) before each measurement.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=60))]
    pub warmup: u64,
    /// PID of the target server, to report its VmRSS/VmHWM after the run.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// Load the target's page signed in as this account (one session shared by every connection).
    #[arg(long, requires = "password")]
    pub login: Option<String>,
    /// The account's password.
    #[arg(long, env = "HOCVU_BENCH_PASSWORD")]
    pub password: Option<String>,
    /// Share of the hello throughput the target must reach: 0.15 for the home page (the
    /// foundation's target), 0.10 for course and lesson pages (learning's target).
    #[arg(long, default_value_t = 0.15)]
    pub min_ratio: f64,
}

/// One measured server: its label, URL and result.
struct Run {
    name: &'static str,
    url: String,
    m: Measurement,
    /// Highest server VmRSS sampled during the run (KiB), when a PID was given.
    peak_rss_kib: Option<u64>,
    /// Server CPU seconds (user + system) over the measured window, when a PID was given.
    server_cpu_s: Option<f64>,
}

pub async fn run(args: HttpArgs) -> Result<()> {
    let target = args.target.as_deref().map(Target::parse).transpose()?;
    let hello = HelloServer::start()?;
    let hello_target = Target::from_addr(hello.addr);
    let mut runs = Vec::new();
    eprintln!("measuring bare axum hello at {} …", hello_target.url("/"));
    runs.push(measure(&args, "hello", &hello_target, "/", None).await?);
    drop(hello);
    if let Some(t) = &target {
        let cookie = match (&args.login, &args.password) {
            (Some(login), Some(password)) => {
                eprintln!("signing in as {login} …");
                Some(login::session_cookie(t, login, password).await?)
            }
            _ => None,
        };
        eprintln!("measuring target {} …", t.url(&args.path));
        let name = if cookie.is_some() {
            "signed-in"
        } else {
            "target"
        };
        let run = measure(&args, name, t, &args.path, cookie.as_deref()).await?;
        runs.push(run);
    }
    print(&args, &runs);
    if let (Some(pid), Some(run)) = (args.server_pid, runs.get(1))
        && let Err(e) = memory::print(pid, "after http", run.peak_rss_kib)
    {
        eprintln!("memory: {e:#}");
    }
    Ok(())
}

/// Runs one closed-loop measurement, with the session cookie if given (sampling the server's
/// memory meanwhile when the target is the server and a PID is given).
async fn measure(
    args: &HttpArgs,
    name: &'static str,
    t: &Target,
    path: &str,
    cookie: Option<&str>,
) -> Result<Run> {
    let pid = if name == "hello" {
        None
    } else {
        args.server_pid
    };
    let mut headers: Vec<(&'static str, &str)> = BROWSER_HEADERS.to_vec();
    headers.extend(cookie.map(|c| ("cookie", c)));
    let spec = RequestSpec::get(&t.authority, &t.join(path), &headers)?;
    let plan = LoadPlan {
        addr: t.addr,
        spec,
        connections: args.connections as usize,
        warmup: Duration::from_secs(args.warmup),
        duration: Duration::from_secs(args.seconds),
    };
    let measured_from = tokio::time::Instant::now() + plan.warmup;
    let until = measured_from + plan.duration;
    let sampler = memory::spawn_sampler(pid, until);
    let cpu_from = pid.map(|p| {
        tokio::spawn(async move {
            tokio::time::sleep_until(measured_from).await;
            cpu::seconds(Some(p))
        })
    });
    let m = load::run(plan).await;
    let cpu_to = pid.and_then(|p| cpu::seconds(Some(p)));
    let peak_rss_kib = match sampler {
        Some(h) => h.await.ok().flatten(),
        None => None,
    };
    let cpu_from = match cpu_from {
        Some(h) => h.await.ok().flatten(),
        None => None,
    };
    Ok(Run {
        name,
        url: t.url(path),
        m,
        peak_rss_kib,
        server_cpu_s: cpu_to.zip(cpu_from).map(|(to, from)| to - from),
    })
}

/// Prints the table, RESULT lines, ratio and verdict.
fn print(args: &HttpArgs, runs: &[Run]) {
    let conns = args.connections as usize;
    let rows: Vec<_> = runs
        .iter()
        .map(|r| report::load_row(r.name, &r.url, conns, &r.m))
        .collect();
    println!();
    report::table(&report::LOAD_HEADERS, 2, &rows);
    for r in runs {
        report::error_details(r.name, &r.m);
        report::result(report::load_json("http", r.name, &r.url, conns, &r.m));
    }
    if let [hello, target] = runs {
        print_ratio(conns, args.min_ratio, &hello.m, &target.m);
    }
    for r in runs {
        if let Some(us) = r.server_cpu_s.and_then(|s| cpu_us_per_request(s, &r.m)) {
            println!(
                "server CPU per request ({}): {us:.0} µs (user + system over the measured window)",
                r.name
            );
            report::result(json!({
                "bench": "http", "name": "server_cpu", "measurement": r.name,
                "cpu_us_per_request": report::round(us),
            }));
        }
    }
}

/// Server CPU microseconds per request answered in the window (`None` without requests).
fn cpu_us_per_request(cpu_s: f64, m: &Measurement) -> Option<f64> {
    let requests = m.ok + m.total_errors();
    (requests > 0).then(|| cpu_s * 1e6 / requests as f64)
}

fn print_ratio(conns: usize, min_ratio: f64, hello: &Measurement, target: &Measurement) {
    let ratio = if hello.rps() > 0.0 {
        target.rps() / hello.rps()
    } else {
        0.0
    };
    let p99 = target.quantile_ms(0.99);
    let ok = ratio >= min_ratio && p99 <= MAX_P99_MS && target.total_errors() == 0;
    println!(
        "target/hello throughput: {:.1}%   target p99 {p99:.2} ms   [target ≥ {:.0}% and p99 ≤ {MAX_P99_MS} ms at {conns} conns, no errors: {}]",
        ratio * 100.0,
        min_ratio * 100.0,
        report::verdict(ok)
    );
    report::result(json!({
        "bench": "http", "name": "ratio", "connections": conns, "ratio": report::round(ratio),
        "target_p99_ms": report::round(p99), "pass": ok,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_cpu_is_divided_by_every_request_answered() {
        let mut m = Measurement::new(Duration::from_secs(1));
        assert_eq!(cpu_us_per_request(1.0, &m), None);
        for _ in 0..2_999 {
            m.success(Duration::from_micros(100), 10);
        }
        m.error("HTTP 500".into(), String::new);
        let us = cpu_us_per_request(0.6, &m).unwrap();
        assert!((us - 200.0).abs() < 1e-9, "{us}");
    }
}

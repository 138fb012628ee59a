//! `learners`: many learners answering a quiz at once against the running server, each answer
//! saved by a plain form post; latency per saved answer, saved answers per second, and answers
//! lost (acknowledged by the server but not in the database afterwards).
pub(crate) mod accounts;
pub(crate) mod answers;
mod drive;
mod profile;
pub(crate) mod stored;
mod verify;

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use sea_orm::DatabaseConnection;
use serde_json::json;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::client::Conn;
use crate::load::Measurement;
use crate::target::Target;
use crate::{cpu, memory, report};
use drive::{Identity, Outcome, Pace, Window};
use verify::Check;

/// Targets: p99 per saved answer, and saved answers per second.
const MAX_P99_MS: f64 = 20.0;
const MIN_SAVED_PER_SEC: f64 = 3_000.0;

#[derive(clap::Args, Debug)]
pub struct LearnersArgs {
    /// Base URL of the server under test (loopback only), e.g. http://127.0.0.1:3200.
    #[arg(long)]
    target: String,
    /// The server's database (the bench writes the learners' accounts and sessions there and
    /// reads the stored answers back); PostgreSQL only on loopback.
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Virtual learners, each on its own keep-alive connection with its own account.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=5_000))]
    learners: u64,
    /// Measured seconds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    seconds: u64,
    /// Warm-up seconds (answers saved but not measured) before the window.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(0..=60))]
    warmup: u64,
    /// The quiz every learner starts (demo: the mastery assessment DG-LCKNS, or KNS-AT-01-KT).
    #[arg(long, default_value = "DG-LCKNS")]
    quiz: String,
    /// Paced load: answers per second from all learners together, each learner sending at an
    /// even interval (latency counted from when an answer was due). 0: every learner sends
    /// back to back (closed loop).
    #[arg(long, default_value_t = 0.0)]
    rate: f64,
    /// Name of the session cookie (`__Host-hv_session` when the server runs behind https).
    #[arg(long, default_value = "hv_session")]
    cookie: String,
    /// After the run, time this many answers saved in-process through the service crate, step
    /// by step (session lookup, actor, save_answer), one at a time; 0 to skip.
    #[arg(long, default_value_t = 2000)]
    profile_calls: u32,
    /// PID of the target server, for its CPU time and memory during the run.
    #[arg(long)]
    server_pid: Option<u32>,
}

pub async fn run(args: LearnersArgs) -> Result<()> {
    let t = Target::parse(&args.target)?;
    crate::province::check_loopback_database(&args.database_url)?;
    let db = service::db::connect(&args.database_url)
        .await
        .context("opening the server's database")?;
    let count = args.learners as usize;
    let began = Instant::now();
    let run_id = format!("{}-{}", std::process::id(), service::now());
    let tokens = accounts::create(&db, &run_id, count).await?;
    eprintln!(
        "{count} learner accounts and sessions written in {:.2} s",
        began.elapsed().as_secs_f64()
    );
    let ids: Vec<Identity> = tokens
        .iter()
        .map(|token| Identity::new(&t, &args.cookie, token))
        .collect();
    let started = start_all(&t, &ids, &args.quiz).await?;
    let owner: HashMap<i32, usize> = started.iter().map(|(i, _, a)| (*a, *i)).collect();
    let outcomes = answer_all(&args, &t, &db, &ids, started).await?;
    let sample = outcomes
        .first()
        .map(|o| (o.attempt_id, o.items.len() as u32));
    let attempts: Vec<i32> = outcomes.iter().map(|o| o.attempt_id).collect();
    let (check, example) = verify::check(&outcomes, &stored::answers(&db, &attempts).await?);
    let mut total = Measurement::new(Duration::from_secs(args.seconds));
    for o in outcomes {
        total.merge(o.m);
    }
    print(&args, &t, &total, check, example.as_deref());
    if let Some((attempt, positions)) = sample.filter(|_| args.profile_calls > 0) {
        let token = &tokens[owner[&attempt]];
        let steps = profile::measure(&db, token, attempt, positions, args.profile_calls).await?;
        profile::print(&steps);
    }
    db.close().await?;
    Ok(())
}

/// Every learner opens its connection and starts its attempt, all at once; `(learner, conn, attempt)`.
async fn start_all(t: &Target, ids: &[Identity], quiz: &str) -> Result<Vec<(usize, Conn, i32)>> {
    let began = Instant::now();
    let mut tasks = JoinSet::new();
    for (i, me) in ids.iter().enumerate() {
        let (addr, me, quiz) = (t.addr, me.clone(), quiz.to_owned());
        tasks.spawn(async move { (i, drive::start(addr, &me, &quiz).await) });
    }
    let mut started = Vec::with_capacity(ids.len());
    let mut first_error = None;
    while let Some(joined) = tasks.join_next().await {
        match joined? {
            (i, Ok((conn, attempt))) => started.push((i, conn, attempt)),
            (_, Err(e)) => {
                first_error.get_or_insert(e);
            }
        }
    }
    eprintln!(
        "{} of {} attempts at {quiz} started in {:.2} s",
        started.len(),
        ids.len(),
        began.elapsed().as_secs_f64()
    );
    match first_error {
        Some(e) => Err(e.context(format!(
            "{} learners could not start",
            ids.len() - started.len()
        ))),
        None => Ok(started),
    }
}

/// The answer phase: every learner saves answers until the window ends; CPU and memory sampled.
async fn answer_all(
    args: &LearnersArgs,
    t: &Target,
    db: &DatabaseConnection,
    ids: &[Identity],
    started: Vec<(usize, Conn, i32)>,
) -> Result<Vec<Outcome>> {
    let attempts: Vec<i32> = started.iter().map(|s| s.2).collect();
    let mut items = stored::items(db, &attempts).await?;
    let start = Instant::now() + Duration::from_secs(args.warmup);
    let w = Window {
        start,
        end: start + Duration::from_secs(args.seconds),
    };
    let sampler = memory::spawn_sampler(args.server_pid, w.end);
    let cpu = tokio::spawn(cpu_in_window(args.server_pid, w));
    let n = started.len();
    let mut tasks = JoinSet::new();
    for (k, (i, conn, attempt)) in started.into_iter().enumerate() {
        let its = items.remove(&attempt).unwrap_or_default();
        if its.is_empty() {
            bail!("attempt {attempt} has no questions in the database");
        }
        let pace = pace_of(args.rate, n, k);
        tasks.spawn(drive::answer_loop(
            t.addr,
            ids[i].clone(),
            conn,
            attempt,
            its,
            w,
            pace,
        ));
    }
    let mut outcomes = Vec::with_capacity(tasks.len());
    while let Some(o) = tasks.join_next().await {
        outcomes.push(o?);
    }
    print_cpu(args.seconds, cpu.await?);
    if let Err(e) = memory::finish(args.server_pid, "after learners", sampler).await {
        eprintln!("memory: {e:#}");
    }
    Ok(outcomes)
}

/// Learner `k` of `n`: back to back, or one answer every `n / rate` seconds, the learners'
/// first answers spread evenly over one interval.
fn pace_of(rate: f64, n: usize, k: usize) -> Pace {
    let now = Instant::now();
    if rate <= 0.0 {
        return Pace {
            every: None,
            first: now,
        };
    }
    let every = Duration::from_secs_f64(n as f64 / rate);
    Pace {
        every: Some(every),
        first: now + every.mul_f64(k as f64 / n as f64),
    }
}

/// CPU seconds used inside the window by this process and by the server, if known.
async fn cpu_in_window(server: Option<u32>, w: Window) -> (Option<f64>, Option<f64>) {
    tokio::time::sleep_until(w.start).await;
    let before = (
        cpu::seconds(None),
        server.and_then(|p| cpu::seconds(Some(p))),
    );
    tokio::time::sleep_until(w.end).await;
    let after = (
        cpu::seconds(None),
        server.and_then(|p| cpu::seconds(Some(p))),
    );
    let diff = |a: Option<f64>, b: Option<f64>| Some(a? - b?);
    (diff(after.0, before.0), diff(after.1, before.1))
}

fn print_cpu(seconds: u64, (bench, server): (Option<f64>, Option<f64>)) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let share = |s: Option<f64>| s.map(|s| s / seconds as f64 / cores * 100.0);
    let show = |s: Option<f64>| share(s).map_or("?".to_owned(), |p| format!("{p:.0}%"));
    println!(
        "CPU in the window ({cores} cores = 100%): load generator {}, server {}",
        show(bench),
        show(server)
    );
    report::result(json!({
        "bench": "learners", "name": "cpu", "cores": cores,
        "bench_cpu_share": share(bench).map(report::round), "server_cpu_share": share(server).map(report::round),
    }));
}

fn load_name(rate: f64) -> String {
    if rate > 0.0 {
        format!("paced {rate:.0}/s")
    } else {
        "back to back".to_owned()
    }
}

fn print(args: &LearnersArgs, t: &Target, m: &Measurement, c: Check, example: Option<&str>) {
    let (p99, rate) = (m.quantile_ms(0.99), m.rps());
    let pass =
        p99 <= MAX_P99_MS && rate >= MIN_SAVED_PER_SEC && c.lost == 0 && m.total_errors() == 0;
    println!();
    report::table(
        &[
            "quiz", "load", "learners", "seconds", "saved/s", "p50 ms", "p99 ms", "max ms",
            "errors", "checked", "lost", "unsure",
        ],
        1,
        &[vec![
            args.quiz.clone(),
            load_name(args.rate),
            args.learners.to_string(),
            args.seconds.to_string(),
            format!("{rate:.0}"),
            format!("{:.2}", m.quantile_ms(0.50)),
            format!("{p99:.2}"),
            format!("{:.2}", m.max_ms()),
            m.total_errors().to_string(),
            c.checked.to_string(),
            c.lost.to_string(),
            c.unsure.to_string(),
        ]],
    );
    report::error_details("answers", m);
    if let Some(e) = example {
        println!("  first lost answer: {e}");
    }
    println!(
        "saved/s {rate:.0} [≥ {MIN_SAVED_PER_SEC:.0}: {}]   p99 {p99:.2} ms [≤ {MAX_P99_MS} ms: {}]   lost {} [= 0: {}]   errors {} [= 0: {}]   overall {}",
        report::verdict(rate >= MIN_SAVED_PER_SEC),
        report::verdict(p99 <= MAX_P99_MS),
        c.lost,
        report::verdict(c.lost == 0),
        m.total_errors(),
        report::verdict(m.total_errors() == 0),
        report::verdict(pass),
    );
    let mut json = report::load_json(
        "learners",
        &args.quiz,
        &t.url("/bai-lam/ID/tra-loi"),
        args.learners as usize,
        m,
    );
    let extra: HashMap<&str, serde_json::Value> = HashMap::from([
        ("checked", json!(c.checked)),
        ("lost", json!(c.lost)),
        ("unsure", json!(c.unsure)),
        ("pass", json!(pass)),
        ("offered_rate", json!(args.rate)),
    ]);
    if let Some(obj) = json.as_object_mut() {
        obj.extend(extra.into_iter().map(|(k, v)| (k.to_owned(), v)));
    }
    report::result(json);
}

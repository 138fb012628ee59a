//! `soak`: mixed traffic for a long while (ten minutes by default) against the running server:
//! learners signing in and answering a quiz, anonymous readers, HR officers on their dashboard,
//! indicators, people pages and exports, and a roster and training-records import by HR every
//! half minute. Every request is counted by kind; any answer other than 2xx/3xx (or the one
//! expected), or no answer, is an error. The server's VmRSS is sampled throughout and must stay
//! flat (`rss::judge`). PASS: no error and flat memory.
mod hr;
mod learners;
mod readers;
mod rss;
mod session;
mod setup;
mod tally;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde_json::json;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::target::Target;
use crate::{memory, report};
use hr::{ImportFiles, Officer};
use readers::Reading;
use rss::{Judgement, Rule, Sample};
use session::Session;
use tally::Tally;

#[derive(clap::Args, Debug)]
pub struct SoakArgs {
    /// Base URL of the server under test (loopback only), e.g. http://127.0.0.1:3200.
    #[arg(long)]
    target: String,
    /// The server's database (learner accounts and a certificate are written there first).
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// PID of the server, whose VmRSS is sampled.
    #[arg(long)]
    server_pid: u32,
    /// Seconds of traffic.
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u64).range(30..=86_400))]
    seconds: u64,
    /// Learners at once; each signs in, takes the quiz, submits, signs out, and the next
    /// account takes its place.
    #[arg(long, default_value_t = 30)]
    learners: usize,
    /// The quiz learners take.
    #[arg(long, default_value = "DG-LCKNS")]
    quiz: String,
    /// Milliseconds between two answers of a learner.
    #[arg(long, default_value_t = 500)]
    answer_every_ms: u64,
    /// Times a learner answers each question before submitting.
    #[arg(long, default_value_t = 2)]
    rounds: u32,
    /// Learner accounts prepared (each takes the quiz once); by default enough for a cycle of
    /// six questions per learner.
    #[arg(long)]
    accounts: Option<usize>,
    /// Anonymous readers at once.
    #[arg(long, default_value_t = 6)]
    readers: usize,
    /// Milliseconds a reader pauses after each page.
    #[arg(long, default_value_t = 100)]
    reader_pause_ms: u64,
    /// The course readers read (its certificate is issued to a learner for them to verify).
    #[arg(long, default_value = "KNS-AT-01")]
    course: String,
    /// HR officers at once (all signed in as --hr-login).
    #[arg(long, default_value_t = 2)]
    hr: usize,
    /// Milliseconds an officer pauses after each page.
    #[arg(long, default_value_t = 300)]
    hr_pause_ms: u64,
    #[arg(long, default_value = "nhansu")]
    hr_login: String,
    #[arg(
        long,
        env = "HOCVU_BENCH_HR_PASSWORD",
        default_value = "Demo@HocVuSo2026"
    )]
    hr_password: String,
    /// The officer's unit and one of its sub-units: the imported roster is in those two.
    #[arg(long, default_value = "T-SKHCN")]
    hr_unit: String,
    #[arg(long, default_value = "T-SKHCN-CDS")]
    hr_sub_unit: String,
    /// Seconds between two imports (a roster, then a training record for each of its people).
    #[arg(long, default_value_t = 30)]
    import_every: u64,
    /// People in the imported roster.
    #[arg(long, default_value_t = 200)]
    import_people: usize,
    /// Seconds between two VmRSS samples.
    #[arg(long, default_value_t = 10)]
    sample_every: u64,
    /// Seconds at the start left out of the memory rule.
    #[arg(long, default_value_t = 60)]
    warmup: u64,
    /// Allowed VmRSS growth from the first third to the last: this share of the first third's
    /// highest, in percent, or --rss-margin-mib, whichever is larger.
    #[arg(long, default_value_t = 10.0)]
    rss_margin_pct: f64,
    #[arg(long, default_value_t = 16.0)]
    rss_margin_mib: f64,
}

/// Time over which the learners arrive.
const LEARNER_ARRIVAL: Duration = Duration::from_secs(15);

/// Password of the learner accounts the soak creates.
const LEARNER_PASSWORD: &str = "Soak@HocVuSo2026";

pub async fn run(args: SoakArgs) -> Result<()> {
    let t = Target::parse(&args.target)?;
    crate::province::check_loopback_database(&args.database_url)?;
    let db = service::db::connect(&args.database_url)
        .await
        .context("opening the server's database")?;
    let run_id = service::now();
    let accounts = args.accounts.unwrap_or_else(|| default_accounts(&args));
    let began = Instant::now();
    let (logins, holder) =
        setup::learners(&db, &format!("soak-{run_id}"), accounts, LEARNER_PASSWORD).await?;
    let reading = setup::reading(&db, &args.course, holder).await?;
    eprintln!(
        "{accounts} learner accounts and a certificate written in {:.1} s",
        began.elapsed().as_secs_f64()
    );
    let files = ImportFiles {
        prefix: format!("SK{run_id}"),
        people: args.import_people,
    };
    let officer = Officer {
        login: args.hr_login.clone(),
        password: args.hr_password.clone(),
        unit: args.hr_unit.clone(),
        sub_unit: args.hr_sub_unit.clone(),
        person: files.staff_code(0),
    };
    preflight(&t, &officer, &files, &reading).await?;

    let tally = Arc::new(Tally::default());
    let start = Instant::now();
    let end = start + Duration::from_secs(args.seconds);
    let sampler = tokio::spawn(rss::sample(
        args.server_pid,
        start,
        Duration::from_secs(args.sample_every.max(1)),
        end,
    ));
    let progress = tokio::spawn(progress(tally.clone(), args.server_pid, start, end));
    let pool = Arc::new(Mutex::new(VecDeque::from(logins)));
    let plan = learners::Plan {
        quiz: args.quiz.clone(),
        password: LEARNER_PASSWORD.to_owned(),
        answer_every: Duration::from_millis(args.answer_every_ms),
        rounds: args.rounds,
    };
    let mut work = JoinSet::new();
    // Learners arrive spread over the first LEARNER_ARRIVAL, not all in the same instant
    // (argon2's queue refuses a burst of sign-ins with 503, as it should).
    for k in 0..args.learners {
        let (t, tally, db, plan, pool) = (
            t.clone(),
            tally.clone(),
            db.clone(),
            plan.clone(),
            pool.clone(),
        );
        let arrival = start + LEARNER_ARRIVAL.mul_f64(k as f64 / args.learners.max(1) as f64);
        work.spawn(async move {
            tokio::time::sleep_until(arrival).await;
            (
                "attempts submitted",
                learners::run(t, tally, db, plan, pool, end).await,
            )
        });
    }
    for _ in 0..args.readers {
        let (t, tally, r) = (t.clone(), tally.clone(), reading.clone());
        let pause = Duration::from_millis(args.reader_pause_ms);
        work.spawn(async move {
            readers::run(t, tally, r, pause, end).await;
            ("", 0)
        });
    }
    for _ in 0..args.hr {
        let (t, tally, who) = (t.clone(), tally.clone(), officer.clone());
        let pause = Duration::from_millis(args.hr_pause_ms);
        work.spawn(async move {
            hr::run(t, tally, who, pause, end).await;
            ("", 0)
        });
    }
    {
        let (t, tally, who) = (t.clone(), tally.clone(), officer.clone());
        let every = Duration::from_secs(args.import_every.max(1));
        work.spawn(async move {
            (
                "import rounds",
                u64::from(hr::import_loop(t, tally, who, files, every, end).await),
            )
        });
    }
    let mut counts: Vec<(&str, u64)> = Vec::new();
    while let Some(done) = work.join_next().await {
        let (name, n) = done?;
        match counts.iter_mut().find(|(k, _)| *k == name) {
            Some((_, sum)) => *sum += n,
            None if !name.is_empty() => counts.push((name, n)),
            None => {}
        }
    }
    let elapsed = start.elapsed();
    progress.abort();
    let curve = sampler.await?;
    db.close().await?;
    let rule = Rule {
        warmup: args.warmup as f64,
        margin_pct: args.rss_margin_pct,
        margin_mib: args.rss_margin_mib,
    };
    let judgement = rss::judge(&curve, rule);
    print(&args, &tally, elapsed, &counts, &curve, rule, judgement)
}

/// Enough accounts for every learner to finish a cycle of six questions back to back.
fn default_accounts(args: &SoakArgs) -> usize {
    let cycle_ms = (6 * u64::from(args.rounds.max(1)) * args.answer_every_ms).max(1000);
    let per_learner = args.seconds * 1000 / cycle_ms + 2;
    (args.learners as u64 * per_learner).min(50_000) as usize
}

/// The first import and one round of every page, before the clock starts: a wrong password,
/// unit or path fails here, clearly, instead of as ten minutes of errors.
async fn preflight(
    t: &Target,
    who: &Officer,
    files: &ImportFiles,
    reading: &Reading,
) -> Result<()> {
    let tally = Arc::new(Tally::default());
    let mut hr = Session::new(t, tally.clone());
    if hr::import_once(&mut hr, who, files, 0).await {
        for (kind, path) in who.round(t) {
            hr.get(kind, &path).await;
        }
    }
    let mut reader = Session::new(t, tally.clone());
    for (kind, path) in reading.round(t, 1) {
        reader.get(kind, &path).await;
    }
    let (ok, errors) = tally.totals();
    if errors > 0 {
        tally.read(|_, described| {
            for d in described {
                eprintln!("  {d}");
            }
        });
        bail!(
            "preflight: {errors} of {} requests failed (above)",
            ok + errors
        );
    }
    eprintln!("preflight: {ok} requests, first import taken, every page answers");
    Ok(())
}

/// A line a minute while the soak runs.
async fn progress(tally: Arc<Tally>, pid: u32, start: Instant, end: Instant) {
    let mut next = start + Duration::from_secs(60);
    while next < end {
        tokio::time::sleep_until(next).await;
        let (ok, errors) = tally.totals();
        let rss = memory::read(pid)
            .map(|m| memory::mib(m.rss_kib))
            .unwrap_or(f64::NAN);
        eprintln!(
            "soak {:>5.0} s: {ok} requests answered, {errors} errors, server VmRSS {rss:.1} MiB",
            start.elapsed().as_secs_f64()
        );
        next += Duration::from_secs(60);
    }
}

fn print(
    args: &SoakArgs,
    tally: &Tally,
    elapsed: Duration,
    counts: &[(&str, u64)],
    curve: &[Sample],
    rule: Rule,
    j: Option<Judgement>,
) -> Result<()> {
    let secs = elapsed.as_secs_f64();
    println!();
    tally.read(|kinds, described| {
        let mut rows: Vec<Vec<String>> = kinds
            .iter()
            .map(|(name, k)| {
                vec![
                    name.to_string(),
                    (k.ok + k.errors).to_string(),
                    k.errors.to_string(),
                    format!("{:.1}", k.ok as f64 / secs),
                    format!("{:.2}", k.quantile_ms(0.50)),
                    format!("{:.2}", k.quantile_ms(0.99)),
                    format!("{:.2}", k.max_ms()),
                ]
            })
            .collect();
        let (ok, err) = tally_sum(kinds);
        rows.push(vec![
            "all".into(),
            (ok + err).to_string(),
            err.to_string(),
            format!("{:.1}", ok as f64 / secs),
            String::new(),
            String::new(),
            String::new(),
        ]);
        report::table(
            &["kind", "requests", "errors", "ok/s", "p50 ms", "p99 ms", "max ms"],
            1,
            &rows,
        );
        for d in described {
            println!("  error: {d}");
        }
        let by_kind: serde_json::Map<String, serde_json::Value> = kinds
            .iter()
            .map(|(name, k)| {
                (
                    name.to_string(),
                    json!({"requests": k.ok + k.errors, "errors": k.errors,
                           "p50_ms": report::round(k.quantile_ms(0.5)), "p99_ms": report::round(k.quantile_ms(0.99)),
                           "max_ms": report::round(k.max_ms())}),
                )
            })
            .collect();
        report::result(json!({
            "bench": "soak", "name": "requests", "seconds": report::round(secs),
            "learners": args.learners, "readers": args.readers, "hr": args.hr,
            "requests": ok + err, "errors": err, "kinds": by_kind, "first_errors": described,
            "counts": counts.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
        }));
    });
    for (name, n) in counts {
        println!("{name}: {n}");
    }
    println!(
        "\nserver VmRSS (pid {}), every {} s:",
        args.server_pid, args.sample_every
    );
    let rows: Vec<Vec<String>> = curve
        .iter()
        .map(|(t, m)| vec![format!("{t:.0}"), format!("{m:.1}")])
        .collect();
    report::table(&["t s", "VmRSS MiB"], 0, &rows);
    let hwm = memory::read(args.server_pid)
        .ok()
        .map(|m| memory::mib(m.hwm_kib));
    let (_, errors) = tally.totals();
    let flat = j.is_some_and(|j| j.flat);
    let pass = errors == 0 && flat;
    match j {
        Some(j) => println!(
            "memory after {:.0} s of warm-up: highest of the first third {:.1} MiB, of the last third {:.1} MiB [≤ {:.1} MiB = first + max({}%, {} MiB): {}]; slope {:+.2} MiB/min; VmHWM {}",
            rule.warmup,
            j.first_max,
            j.last_max,
            j.allowed,
            rule.margin_pct,
            rule.margin_mib,
            report::verdict(j.flat),
            j.slope_per_min,
            hwm.map_or("?".into(), |h| format!("{h:.1} MiB")),
        ),
        None => println!("memory: too few samples after the warm-up to judge [FAIL]"),
    }
    println!(
        "errors {errors} [= 0: {}]   memory flat [{}]   overall {}",
        report::verdict(errors == 0),
        report::verdict(flat),
        report::verdict(pass)
    );
    report::result(json!({
        "bench": "soak", "name": "memory", "pid": args.server_pid, "every_s": args.sample_every,
        "curve": curve.iter().map(|(t, m)| json!([report::round(*t), report::round(*m)])).collect::<Vec<_>>(),
        "warmup_s": rule.warmup, "margin_pct": rule.margin_pct, "margin_mib": rule.margin_mib,
        "first_third_max_mib": j.map(|j| report::round(j.first_max)),
        "last_third_max_mib": j.map(|j| report::round(j.last_max)),
        "allowed_mib": j.map(|j| report::round(j.allowed)),
        "slope_mib_per_min": j.map(|j| report::round(j.slope_per_min)),
        "vmhwm_mib": hwm.map(report::round), "flat": flat,
    }));
    report::result(
        json!({"bench": "soak", "name": "verdict", "errors": errors, "flat": flat, "pass": pass}),
    );
    if !pass {
        bail!("soak FAIL: {errors} errors, memory flat: {flat}");
    }
    Ok(())
}

fn tally_sum(kinds: &std::collections::BTreeMap<&'static str, tally::Kind>) -> (u64, u64) {
    kinds
        .values()
        .fold((0, 0), |(ok, err), k| (ok + k.ok, err + k.errors))
}

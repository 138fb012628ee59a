//! `nation`: the whole country on one PostgreSQL (34 provinces, 3,321 communes, 2,000,000
//! people, 20,000,000 training records and assessment results) loaded through the product's
//! import path, then the indicators of a province, a commune and the nation, and the dashboards,
//! timed beside hand-written SQL. The database is kept between runs: loading takes long.
mod asks;
mod bulk;
mod load;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::json;

use crate::province::database::{pg_authority, with_database};
use crate::province::imports::Timed;
use crate::province::queries::{Latency, check, quantile_ms};
use crate::report;
use asks::Ask;

/// The import target: rows per second of the largest province's roster (about 100,000 rows).
const ROSTER_ROWS_PER_SECOND: f64 = 20_000.0;

#[derive(clap::Args, Debug)]
pub struct NationArgs {
    /// An admin URL on loopback, e.g. postgres://postgres@127.0.0.1:5432/postgres.
    #[arg(long)]
    pg: String,
    /// The database the nation is kept in: created and loaded where it is missing or not
    /// complete (an interrupted load goes on), reused as it is otherwise.
    #[arg(long, default_value = "hocvu_nation")]
    database: String,
    /// Drop the database first and load the nation again.
    #[arg(long)]
    reload: bool,
    /// Load every province through the import path (an hour and more at full size), not only
    /// the largest.
    #[arg(long)]
    imports_only: bool,
    #[arg(long, default_value_t = 34)]
    provinces: usize,
    #[arg(long, default_value_t = 3321)]
    communes: usize,
    #[arg(long, default_value_t = 2_000_000)]
    people: usize,
    /// Training records and assessment results together, about.
    #[arg(long, default_value_t = 20_000_000)]
    records: usize,
    /// Rows of the largest province's roster file (loaded last, with the rest of the nation in).
    #[arg(long, default_value_t = 100_000)]
    largest: usize,
    /// Measured runs of each province, commune and dashboard ask.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    runs: u64,
    /// Measured runs of the national table (each about a second, and its hand SQL longer).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    nation_runs: u64,
    /// The date the indicators are counted on.
    #[arg(long, default_value = "2026-06-30")]
    as_of: NaiveDate,
}

pub async fn run(args: NationArgs) -> Result<()> {
    crate::target::resolve_loopback(&pg_authority(&args.pg)?)?;
    let db = open(&args).await?;
    let nation =
        crate::province::database::admin(&db, "bench-admin", "Quản trị quốc gia (đo tải)", None)
            .await?;
    let shares = load::shares(
        args.provinces,
        args.communes,
        args.people,
        args.records,
        args.largest,
    );
    let dir = std::env::temp_dir().join(format!("hocvu-nation-{}", std::process::id()));
    println!(
        "== loading the nation into {} (skipped where loaded)",
        args.database
    );
    let loaded = load::load(&db, &nation, &shares, &dir, args.imports_only).await;
    std::fs::remove_dir_all(&dir).ok();
    let loaded = loaded?;
    print_sizes(&db).await?;
    if !loaded.is_empty() {
        print_imports(&loaded);
    }
    let subjects = asks::subjects(&db, nation, args.runs as usize).await?;
    let (runs, nation_runs) = (args.runs as usize, args.nation_runs as usize);
    let national = format!("indicators, the nation ({} rows)", subjects.provinces.len());
    let plan = [
        ("indicators, one province", Ask::Province, runs, 100.0),
        ("indicators, one commune", Ask::Commune, runs, 20.0),
        (national.as_str(), Ask::Nation, nation_runs, 1000.0),
        (
            "dashboard, one province",
            Ask::ProvinceDashboard,
            runs,
            200.0,
        ),
        ("dashboard, one commune", Ask::CommuneDashboard, runs, 200.0),
        (
            "dashboard, the nation",
            Ask::NationDashboard,
            nation_runs,
            200.0,
        ),
    ];
    let mut latencies = Vec::new();
    for (name, ask, runs, target) in plan {
        let l = asks::measure(&db, &subjects, name, ask, args.as_of, runs, target).await?;
        check(&l)?;
        latencies.push(l);
    }
    print_latencies(args.as_of, &latencies);
    db.close().await?;
    Ok(())
}

/// The kept database, created (or, with `--reload`, made again) where needed; migrated.
async fn open(args: &NationArgs) -> Result<DatabaseConnection> {
    let name = &args.database;
    anyhow::ensure!(
        name.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "--database: lower-case letters, digits and _ only"
    );
    let admin = Database::connect(args.pg.as_str())
        .await
        .context("connecting to PostgreSQL")?;
    if args.reload {
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
            .await?;
    }
    let exists = admin
        .query_one_raw(Statement::from_sql_and_values(
            admin.get_database_backend(),
            "SELECT 1 AS one FROM pg_database WHERE datname = $1",
            [name.as_str().into()],
        ))
        .await?
        .is_some();
    if !exists {
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
    }
    admin.close().await?;
    service::db::connect(&with_database(&args.pg, name))
        .await
        .context("opening the nation's database")
}

/// What the database holds, counted.
async fn print_sizes(db: &DatabaseConnection) -> Result<()> {
    let sql = "SELECT \
        (SELECT CAST(COUNT(*) AS BIGINT) FROM provinces) AS provinces, \
        (SELECT CAST(COUNT(*) AS BIGINT) FROM units WHERE level = 'xa') AS communes, \
        (SELECT CAST(COUNT(*) AS BIGINT) FROM units) AS units, \
        (SELECT CAST(COUNT(*) AS BIGINT) FROM people) AS people, \
        (SELECT CAST(COUNT(*) AS BIGINT) FROM assignments) AS assignments, \
        (SELECT CAST(COUNT(*) AS BIGINT) FROM training_records) AS training, \
        (SELECT CAST(COUNT(*) AS BIGINT) FROM assessment_results) AS assessments, \
        pg_size_pretty(pg_database_size(current_database())) AS size";
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .context("the sizes")?;
    let n = |c: &str| row.try_get::<i64>("", c).unwrap_or(-1);
    let size: String = row.try_get("", "size")?;
    println!(
        "the nation: {} provinces, {} communes ({} units), {} people, {} assignments, {} training records, {} assessment results; {size} on disk",
        n("provinces"),
        n("communes"),
        n("units"),
        n("people"),
        n("assignments"),
        n("training"),
        n("assessments")
    );
    report::result(json!({
        "bench": "nation-size", "provinces": n("provinces"), "communes": n("communes"),
        "people": n("people"), "assignments": n("assignments"), "training": n("training"),
        "assessments": n("assessments"), "size": size,
    }));
    Ok(())
}

/// Each file kind over the provinces loaded in this run, and the largest province's roster.
fn print_imports(loaded: &[load::Loaded]) {
    let mut rows = Vec::new();
    for (i, kind) in ["units", "roster", "training", "assessments"]
        .iter()
        .enumerate()
    {
        let all: Vec<&Timed> = loaded.iter().filter_map(|l| l.imports.get(i)).collect();
        if all.is_empty() {
            continue;
        }
        let n: usize = all.iter().map(|t| t.rows).sum();
        let s: f64 = all.iter().map(|t| t.seconds).sum();
        let slowest = all
            .iter()
            .map(|t| t.rows_per_second())
            .fold(f64::MAX, f64::min);
        rows.push(vec![
            format!("{kind}, {} provinces", all.len()),
            n.to_string(),
            format!("{s:.1}"),
            format!("{:.0}", n as f64 / s.max(1e-9)),
            format!("{slowest:.0}"),
            "-".to_owned(),
        ]);
        report::result(json!({
            "bench": "nation-import", "file": kind, "provinces": all.len(), "rows": n,
            "seconds": report::round(s), "rows_per_second": report::round(n as f64 / s.max(1e-9)),
        }));
    }
    let bulk: Vec<f64> = loaded.iter().filter_map(|l| l.bulk_seconds).collect();
    if !bulk.is_empty() {
        let s: f64 = bulk.iter().sum();
        rows.push(vec![
            format!("bulk path, {} provinces", bulk.len()),
            "-".to_owned(),
            format!("{s:.1}"),
            "-".to_owned(),
            "-".to_owned(),
            "-".to_owned(),
        ]);
        report::result(
            json!({"bench": "nation-bulk", "provinces": bulk.len(), "seconds": report::round(s)}),
        );
    }
    if let Some(t) = loaded.last().and_then(|l| l.imports.get(1).map(|t| (l, t))) {
        let (last, t) = t;
        rows.push(vec![
            format!("roster of {} (the largest, last in)", last.code),
            t.rows.to_string(),
            format!("{:.2}", t.seconds),
            format!("{:.0}", t.rows_per_second()),
            "-".to_owned(),
            format!(
                "{} (≥ 20,000 rows/s)",
                report::verdict(t.rows_per_second() >= ROSTER_ROWS_PER_SECOND)
            ),
        ]);
        report::result(json!({
            "bench": "nation-roster-import", "province": last.code, "rows": t.rows,
            "seconds": report::round(t.seconds), "rows_per_second": report::round(t.rows_per_second()),
            "peak_rss_mib": report::round(crate::memory::mib(t.peak_rss_kib)),
            "reading_seconds": report::round(t.phases[0]), "checking_seconds": report::round(t.phases[1]),
            "writing_seconds": report::round(t.phases[2]),
        }));
        println!(
            "the roster of {}: reading {:.2} s, checking {:.2} s, writing and committing {:.2} s",
            last.code, t.phases[0], t.phases[1], t.phases[2]
        );
    }
    report::table(
        &[
            "import",
            "rows",
            "seconds",
            "rows/s",
            "slowest province rows/s",
            "target",
        ],
        1,
        &rows,
    );
}

fn print_latencies(as_of: NaiveDate, latencies: &[Latency]) {
    println!(
        "\nas of {as_of}; each run on the next province or commune; service and hand SQL alternate, same numbers checked"
    );
    let rows: Vec<Vec<String>> = latencies.iter().map(latency_row).collect();
    report::table(
        &[
            "ask",
            "runs",
            "p50 ms",
            "p99 ms",
            "hand p50",
            "hand p99",
            "p50 ÷ hand",
            "target",
        ],
        1,
        &rows,
    );
    for l in latencies {
        let hand = |q| (!l.hand.is_empty()).then(|| report::round(quantile_ms(&l.hand, q)));
        report::result(json!({
            "bench": "nation-indicators", "ask": l.name, "runs": l.service.len(),
            "p50_ms": report::round(quantile_ms(&l.service, 0.5)),
            "p99_ms": report::round(quantile_ms(&l.service, 0.99)),
            "hand_p50_ms": hand(0.5), "hand_p99_ms": hand(0.99), "target_p99_ms": l.target_ms,
        }));
    }
}

fn latency_row(l: &Latency) -> Vec<String> {
    let (p50, p99) = (quantile_ms(&l.service, 0.5), quantile_ms(&l.service, 0.99));
    let has_hand = !l.hand.is_empty();
    let h50 = quantile_ms(&l.hand, 0.5);
    let ratio = p50 / h50.max(1e-9);
    let pass = p99 <= l.target_ms && (!has_hand || ratio <= 2.0);
    let dash = || "-".to_owned();
    vec![
        l.name.clone(),
        l.service.len().to_string(),
        format!("{p50:.2}"),
        format!("{p99:.2}"),
        if has_hand {
            format!("{h50:.2}")
        } else {
            dash()
        },
        if has_hand {
            format!("{:.2}", quantile_ms(&l.hand, 0.99))
        } else {
            dash()
        },
        if has_hand {
            format!("{ratio:.2}")
        } else {
            dash()
        },
        format!(
            "{} (p99 ≤ {} ms{})",
            report::verdict(pass),
            l.target_ms,
            if has_hand { ", ≤ 2×" } else { "" }
        ),
    ]
}

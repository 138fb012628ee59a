//! `province`: a province-size data set imported through the service layer, then the indicator
//! queries timed beside hand-written SQL, on SQLite and (with `--pg`) on PostgreSQL.
pub(crate) mod data;
pub(crate) mod database;
pub(crate) mod imports;
pub(crate) mod names;
pub(crate) mod queries;

use std::path::PathBuf;

pub use database::check_loopback as check_loopback_database;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use domain::exchange::Format;
use serde_json::json;

use crate::memory::mib;
use crate::report;
use data::{DataSet, Size};
use database::Fresh;
use imports::Timed;
use queries::{Ask, Latency, quantile_ms};

/// Import target: rows per second for the roster and the records.
const ROWS_PER_SECOND: f64 = 10_000.0;
/// The department whose subtree and sub-units are measured.
const DEPARTMENT: &str = "SGDDT";

#[derive(clap::Args, Debug)]
pub struct ProvinceArgs {
    /// Also measure on PostgreSQL: an admin URL on loopback, e.g. postgres://postgres@127.0.0.1:5432/postgres.
    /// A fresh database is created for the run and dropped after it.
    #[arg(long)]
    pg: Option<String>,
    /// Measure PostgreSQL only.
    #[arg(long, requires = "pg")]
    skip_sqlite: bool,
    /// Communes (`xa` units); 10 provincial units come on top.
    #[arg(long, default_value_t = 90)]
    communes: usize,
    /// Roster members.
    #[arg(long, default_value_t = 50_000)]
    staff: usize,
    /// Training records and assessment results together, about.
    #[arg(long, default_value_t = 500_000)]
    records: usize,
    /// Measured runs of each indicator query.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    runs: u64,
    /// The date the indicators are counted on.
    #[arg(long, default_value = "2026-06-30")]
    as_of: NaiveDate,
    /// Write the files (and the SQLite database) here and keep them; a temporary folder otherwise.
    #[arg(long)]
    dir: Option<PathBuf>,
}

pub async fn run(args: ProvinceArgs) -> Result<()> {
    let (dir, temporary) = match &args.dir {
        Some(d) => (d.clone(), false),
        None => (
            std::env::temp_dir().join(format!("hocvu-province-{}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let result = run_in(&args, &dir).await;
    if temporary {
        std::fs::remove_dir_all(&dir).ok();
    }
    result
}

async fn run_in(args: &ProvinceArgs, dir: &std::path::Path) -> Result<()> {
    let size = Size {
        communes: args.communes,
        staff: args.staff,
        records: args.records,
        seed: data::SEED,
    };
    let data = data::generate(dir, size)?;
    println!(
        "province data set in {}: {} units, {} roster rows, {} training records, {} assessment results",
        dir.display(),
        data.units.1,
        data.roster.1,
        data.training.1,
        data.assessments.1
    );
    if !args.skip_sqlite {
        let sqlite_dir = dir.join("sqlite");
        std::fs::create_dir_all(&sqlite_dir)?;
        on_engine(database::sqlite(&sqlite_dir).await?, &data, args).await?;
    }
    if let Some(url) = &args.pg {
        on_engine(database::postgres(url).await?, &data, args).await?;
    }
    Ok(())
}

async fn on_engine(fresh: Fresh, data: &DataSet, args: &ProvinceArgs) -> Result<()> {
    println!("\n== {}", fresh.engine);
    let result = measure_engine(&fresh, data, args).await;
    fresh.finish().await?;
    result
}

async fn measure_engine(fresh: &Fresh, data: &DataSet, args: &ProvinceArgs) -> Result<()> {
    let db = &fresh.db;
    let actor = database::admin(db, "bench-admin", "Quản trị (đo hiệu năng)", None).await?;
    let files = [
        ("units", Format::Units, &data.units.0),
        ("roster", Format::Roster, &data.roster.0),
        ("training", Format::Training, &data.training.0),
        ("assessments", Format::Assessment, &data.assessments.0),
        ("roster again", Format::Roster, &data.roster.0),
        ("training again", Format::Training, &data.training.0),
    ];
    let mut timed = Vec::new();
    for (name, format, path) in files {
        timed.push(imports::timed(db, &actor, None, name, format, path).await?);
    }
    print_imports(fresh.engine, &timed);

    let department = service::hr::units::find_by_code(db, None, DEPARTMENT)
        .await?
        .context("the department")?;
    let runs = args.runs as usize;
    let by_unit_rows = service::hr::indicators::by_unit(db, args.as_of, None, "/")
        .await?
        .len();
    let asks = [
        ("indicators, province".to_owned(), Ask::Subtree(None), 50.0),
        (
            format!("indicators, {DEPARTMENT}"),
            Ask::Subtree(Some(&department)),
            50.0,
        ),
        (
            format!("by-unit, province ({by_unit_rows} rows)"),
            Ask::ByTopUnit,
            100.0,
        ),
    ];
    let mut latencies = Vec::new();
    for (name, ask, target) in asks {
        let l = queries::measure(db, &name, ask, args.as_of, runs, target).await?;
        queries::check(&l)?;
        latencies.push(l);
    }
    print_latencies(fresh.engine, args.as_of, runs, &latencies);
    Ok(())
}

fn print_imports(engine: &str, timed: &[Timed]) {
    let rows: Vec<Vec<String>> = timed
        .iter()
        .map(|t| {
            let counted = t.name != "units";
            let verdict = if counted {
                report::verdict(t.rows_per_second() >= ROWS_PER_SECOND)
            } else {
                "-"
            };
            vec![
                t.name.clone(),
                t.rows.to_string(),
                format!("{:.2}", t.seconds),
                format!("{:.0}", t.rows_per_second()),
                format!("{:.1}", mib(t.rss_before_kib)),
                format!("{:.1}", mib(t.peak_rss_kib)),
                verdict.to_owned(),
            ]
        })
        .collect();
    report::table(
        &[
            "import",
            "rows",
            "seconds",
            "rows/s",
            "RSS before MiB",
            "peak RSS MiB",
            "≥ 10k rows/s",
        ],
        1,
        &rows,
    );
    for t in timed {
        report::result(json!({
            "bench": "province-import", "engine": engine, "file": t.name, "rows": t.rows,
            "seconds": report::round(t.seconds), "rows_per_second": report::round(t.rows_per_second()),
            "rss_before_mib": report::round(mib(t.rss_before_kib)), "peak_rss_mib": report::round(mib(t.peak_rss_kib)),
        }));
    }
}

fn print_latencies(engine: &str, as_of: NaiveDate, runs: usize, latencies: &[Latency]) {
    println!(
        "\nindicators as of {as_of}, {runs} runs each (service and hand SQL alternate; same numbers checked)"
    );
    let rows: Vec<Vec<String>> = latencies
        .iter()
        .map(|l| {
            let (p50, p99) = (quantile_ms(&l.service, 0.5), quantile_ms(&l.service, 0.99));
            let (h50, h99) = (quantile_ms(&l.hand, 0.5), quantile_ms(&l.hand, 0.99));
            let ratio = p50 / h50.max(1e-9);
            vec![
                l.name.clone(),
                format!("{p50:.2}"),
                format!("{p99:.2}"),
                format!("{h50:.2}"),
                format!("{h99:.2}"),
                format!("{ratio:.2}"),
                format!(
                    "{} (≤ {} ms, ≤ 2×)",
                    report::verdict(p50 <= l.target_ms && ratio <= 2.0),
                    l.target_ms
                ),
            ]
        })
        .collect();
    report::table(
        &[
            "query",
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
        let (p50, h50) = (quantile_ms(&l.service, 0.5), quantile_ms(&l.hand, 0.5));
        report::result(json!({
            "bench": "province-indicators", "engine": engine, "query": l.name, "runs": runs,
            "p50_ms": report::round(p50), "p99_ms": report::round(quantile_ms(&l.service, 0.99)),
            "hand_p50_ms": report::round(h50), "hand_p99_ms": report::round(quantile_ms(&l.hand, 0.99)),
            "ratio_p50": report::round(p50 / h50.max(1e-9)), "target_p50_ms": l.target_ms,
        }));
    }
}

//! The four files imported through the service layer, as an admin would: rows per second and
//! the process's peak resident memory during each import.
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Result, ensure};
use domain::exchange::Format;
use sea_orm::DatabaseConnection;
use service::access::authz::Actor;
use service::hr::imports::{self, FileType, ImportProgress, Phase};

use crate::memory;

/// One import, timed.
pub struct Timed {
    pub name: String,
    pub rows: usize,
    pub seconds: f64,
    /// Highest resident memory of this process during the import, in KiB.
    pub peak_rss_kib: u64,
    /// Resident memory just before it.
    pub rss_before_kib: u64,
    /// Seconds in each phase the import reports: reading the file, checking it (against the
    /// database too), writing and committing.
    pub phases: [f64; 3],
}

impl Timed {
    pub fn rows_per_second(&self) -> f64 {
        self.rows as f64 / self.seconds.max(1e-9)
    }
}

/// Imports the file (into the named province, for a national admin) and checks that every row
/// went in.
pub async fn timed(
    db: &DatabaseConnection,
    actor: &Actor,
    province: Option<&str>,
    name: &str,
    format: Format,
    path: &Path,
) -> Result<Timed> {
    let bytes = std::fs::read(path)?;
    memory::reset_peak();
    let rss_before_kib = memory::read(std::process::id())?.rss_kib;
    let start = Instant::now();
    // When each phase was first reported.
    let entered: Mutex<[Option<Instant>; 3]> = Mutex::new([None; 3]);
    let progress = |p: ImportProgress| {
        let mut entered = entered.lock().expect("not poisoned");
        entered[phase_index(p.phase)].get_or_insert_with(Instant::now);
    };
    let options = imports::Options {
        province,
        progress: Some(&progress),
        ..imports::Options::default()
    };
    let report = imports::run_with(db, actor, format, FileType::Csv, &bytes, options).await?;
    let end = Instant::now();
    let seconds = (end - start).as_secs_f64();
    let phases = phase_seconds(start, *entered.lock().expect("not poisoned"), end);
    let peak_rss_kib = memory::read(std::process::id())?.hwm_kib;
    ensure!(
        report.errors.is_empty(),
        "{name} was rejected; first errors: {:?}",
        &report.errors[..report.errors.len().min(5)]
    );
    Ok(Timed {
        name: name.to_owned(),
        rows: report.accepted,
        seconds,
        peak_rss_kib,
        rss_before_kib,
        phases,
    })
}

fn phase_index(phase: Phase) -> usize {
    match phase {
        Phase::Reading => 0,
        Phase::Checking => 1,
        Phase::Writing => 2,
    }
}

/// Each phase lasts from its first report to the next phase's (the first from the start, the
/// last to the end); a phase never reported lasts nothing.
fn phase_seconds(start: Instant, entered: [Option<Instant>; 3], end: Instant) -> [f64; 3] {
    let mut out = [0.0; 3];
    for i in 0..3 {
        let Some(from) = entered[i] else { continue };
        let from = if i == 0 { start } else { from };
        let to = entered[i + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(end);
        out[i] = (to - from).as_secs_f64();
    }
    out
}

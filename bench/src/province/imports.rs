//! The four files imported through the service layer, as an admin would: rows per second and
//! the process's peak resident memory during each import.
use std::path::Path;
use std::time::Instant;

use anyhow::{Result, ensure};
use domain::exchange::Format;
use sea_orm::DatabaseConnection;
use service::access::authz::Actor;
use service::hr::imports::{self, FileType};

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
}

impl Timed {
    pub fn rows_per_second(&self) -> f64 {
        self.rows as f64 / self.seconds.max(1e-9)
    }
}

/// Imports the file and checks that every row went in.
pub async fn timed(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    format: Format,
    path: &Path,
) -> Result<Timed> {
    let bytes = std::fs::read(path)?;
    memory::reset_peak();
    let rss_before_kib = memory::read(std::process::id())?.rss_kib;
    let start = Instant::now();
    let report = imports::run(db, actor, format, FileType::Csv, &bytes, false).await?;
    let seconds = start.elapsed().as_secs_f64();
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
    })
}

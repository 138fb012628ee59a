//! Resident memory of a process (VmRSS, VmHWM from /proc/PID/status), read once or sampled during a run.

use crate::report;
use anyhow::{Context, Result};
use serde_json::json;
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// How often the sampler reads VmRSS during a run.
const SAMPLE_EVERY: Duration = Duration::from_millis(250);

/// Memory figures in KiB.
#[derive(Clone, Copy, Debug, Default)]
pub struct ProcMemory {
    pub rss_kib: u64,
    pub hwm_kib: u64,
}

/// Reads VmRSS and VmHWM of `pid`.
pub fn read(pid: u32) -> Result<ProcMemory> {
    let path = format!("/proc/{pid}/status");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    Ok(ProcMemory {
        rss_kib: field_kib(&text, "VmRSS:").with_context(|| format!("no VmRSS in {path}"))?,
        hwm_kib: field_kib(&text, "VmHWM:").with_context(|| format!("no VmHWM in {path}"))?,
    })
}

/// Parses a `Name:   1234 kB` line.
fn field_kib(status: &str, name: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(name))?;
    line[name.len()..].split_whitespace().next()?.parse().ok()
}

/// Resets this process's VmHWM to its current VmRSS (Linux `clear_refs` 5), so the next read
/// of VmHWM gives the peak since now; elsewhere it stays the peak since start.
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

pub fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Samples VmRSS until `until`, returning the highest value seen (KiB).
pub async fn sample_peak(pid: u32, until: Instant) -> Option<u64> {
    let mut peak = None;
    while Instant::now() < until {
        if let Ok(m) = read(pid) {
            peak = Some(peak.unwrap_or(0).max(m.rss_kib));
        }
        sleep(SAMPLE_EVERY.min(until.saturating_duration_since(Instant::now()))).await;
    }
    peak
}

/// Prints the memory of `pid` (and the peak RSS sampled during a run, if any), with a RESULT line.
pub fn print(pid: u32, label: &str, peak_during_run_kib: Option<u64>) -> Result<()> {
    let m = read(pid)?;
    let peak = peak_during_run_kib
        .map(|k| format!(", peak VmRSS during run {:.1} MiB", mib(k)))
        .unwrap_or_default();
    println!(
        "server memory (pid {pid}, {label}): VmRSS {:.1} MiB, VmHWM {:.1} MiB{peak}   [target ≤ 100 MB]",
        mib(m.rss_kib),
        mib(m.hwm_kib)
    );
    report::result(json!({
        "bench": "memory", "label": label, "pid": pid,
        "vmrss_mib": report::round(mib(m.rss_kib)), "vmhwm_mib": report::round(mib(m.hwm_kib)),
        "peak_rss_during_run_mib": peak_during_run_kib.map(|k| report::round(mib(k))),
    }));
    Ok(())
}

/// Spawns a sampler for `pid` if given, ending at `until`.
pub fn spawn_sampler(
    pid: Option<u32>,
    until: Instant,
) -> Option<tokio::task::JoinHandle<Option<u64>>> {
    pid.map(|p| tokio::spawn(sample_peak(p, until)))
}

/// Awaits a sampler and prints the memory after a run.
pub async fn finish(
    pid: Option<u32>,
    label: &str,
    sampler: Option<tokio::task::JoinHandle<Option<u64>>>,
) -> Result<()> {
    let Some(pid) = pid else { return Ok(()) };
    let peak = match sampler {
        Some(h) => h.await.ok().flatten(),
        None => None,
    };
    print(pid, label, peak)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_fields() {
        let s = "Name:\tx\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\n";
        assert_eq!(field_kib(s, "VmRSS:"), Some(10240));
        assert_eq!(field_kib(s, "VmHWM:"), Some(20480));
    }

    #[test]
    fn reads_own_process() {
        let m = read(std::process::id()).unwrap();
        assert!(m.rss_kib > 0 && m.hwm_kib >= m.rss_kib);
    }
}

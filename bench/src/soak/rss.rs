//! The server's resident memory through the soak: VmRSS read every few seconds, and whether it
//! stayed flat. The rule: leaving out a warm-up, the highest VmRSS of the last third of the run
//! must not exceed the highest of the first third by more than the larger of a share of it and
//! a fixed margin.
use std::time::Duration;

use tokio::time::Instant;

use crate::memory;

/// One reading: seconds since the start of the traffic, VmRSS in MiB.
pub type Sample = (f64, f64);

/// Reads VmRSS of `pid` every `every` from `start` to `end` (both included).
pub async fn sample(pid: u32, start: Instant, every: Duration, end: Instant) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut next = start;
    loop {
        tokio::time::sleep_until(next).await;
        if let Ok(m) = memory::read(pid) {
            out.push((
                next.duration_since(start).as_secs_f64(),
                memory::mib(m.rss_kib),
            ));
        }
        if next >= end {
            return out;
        }
        next = (next + every).min(end);
    }
}

/// The flatness rule's parameters.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Seconds at the start left out (caches filling, pools opening).
    pub warmup: f64,
    /// Allowed growth as a share of the first third's highest VmRSS, in percent…
    pub margin_pct: f64,
    /// …or this many MiB, whichever is larger.
    pub margin_mib: f64,
}

/// What the rule found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// Highest VmRSS of the first third (after the warm-up), MiB.
    pub first_max: f64,
    /// Highest VmRSS of the last third, MiB.
    pub last_max: f64,
    /// The most `last_max` may be.
    pub allowed: f64,
    /// Least-squares slope after the warm-up, MiB per minute (for information).
    pub slope_per_min: f64,
    pub flat: bool,
}

/// Judges the curve; `None` when fewer than three samples follow the warm-up.
pub fn judge(samples: &[Sample], rule: Rule) -> Option<Judgement> {
    let kept: Vec<Sample> = samples
        .iter()
        .copied()
        .filter(|(t, _)| *t >= rule.warmup)
        .collect();
    if kept.len() < 3 {
        return None;
    }
    let (t0, t1) = (kept[0].0, kept[kept.len() - 1].0);
    let third = (t1 - t0) / 3.0;
    let max_of = |keep: &dyn Fn(f64) -> bool| {
        kept.iter()
            .filter(|(t, _)| keep(*t))
            .map(|(_, m)| *m)
            .fold(f64::NAN, f64::max)
    };
    let first_max = max_of(&|t| t <= t0 + third);
    let last_max = max_of(&|t| t >= t1 - third);
    let allowed = first_max + (first_max * rule.margin_pct / 100.0).max(rule.margin_mib);
    Some(Judgement {
        first_max,
        last_max,
        allowed,
        slope_per_min: slope(&kept) * 60.0,
        flat: last_max <= allowed,
    })
}

/// Least-squares slope of MiB over seconds.
fn slope(s: &[Sample]) -> f64 {
    let n = s.len() as f64;
    let (mt, mm) = (
        s.iter().map(|x| x.0).sum::<f64>() / n,
        s.iter().map(|x| x.1).sum::<f64>() / n,
    );
    let cov: f64 = s.iter().map(|(t, m)| (t - mt) * (m - mm)).sum();
    let var: f64 = s.iter().map(|(t, _)| (t - mt).powi(2)).sum();
    if var == 0.0 { 0.0 } else { cov / var }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: Rule = Rule {
        warmup: 60.0,
        margin_pct: 10.0,
        margin_mib: 16.0,
    };

    fn curve(f: impl Fn(f64) -> f64) -> Vec<Sample> {
        (0..=60)
            .map(|i| (i as f64 * 10.0, f(i as f64 * 10.0)))
            .collect()
    }

    #[test]
    fn a_flat_curve_after_warm_up_passes() {
        // Steep during the warm-up, then wobbling around 60 MiB.
        let s = curve(|t| if t < 60.0 { t } else { 60.0 + (t / 10.0) % 3.0 });
        let j = judge(&s, RULE).unwrap();
        assert!(j.flat, "{j:?}");
        assert_eq!(j.first_max, 62.0);
        assert_eq!(j.allowed, 78.0);
        assert!(j.slope_per_min.abs() < 0.1);
    }

    #[test]
    fn a_steady_leak_fails() {
        // 4 MiB a minute: 30 MiB more in the last third than in the first.
        let s = curve(|t| 50.0 + t / 15.0);
        let j = judge(&s, RULE).unwrap();
        assert!(!j.flat, "{j:?}");
        assert!((j.slope_per_min - 4.0).abs() < 1e-9);
    }

    #[test]
    fn the_margin_is_a_share_of_a_large_process() {
        let s = curve(|t| if t > 400.0 { 220.0 } else { 200.0 });
        assert_eq!(judge(&s, RULE).unwrap().allowed, 220.0);
        assert!(judge(&s, RULE).unwrap().flat);
    }

    #[test]
    fn too_few_samples_give_no_judgement() {
        assert_eq!(judge(&[(0.0, 1.0), (70.0, 1.0)], RULE), None);
    }
}

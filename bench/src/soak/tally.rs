//! Every request of the soak counted by kind: successes with their latency, errors with the
//! first few described (status and path), shared by all the workers.
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use hdrhistogram::Histogram;

/// How many errors are described in full.
const DESCRIBED: usize = 8;

/// One kind of request.
pub struct Kind {
    pub ok: u64,
    pub errors: u64,
    pub hist: Histogram<u64>,
}

impl Kind {
    fn new() -> Self {
        Self {
            ok: 0,
            errors: 0,
            hist: crate::load::latency_histogram(),
        }
    }

    pub fn quantile_ms(&self, q: f64) -> f64 {
        crate::load::quantile_ms(&self.hist, self.ok, q)
    }

    pub fn max_ms(&self) -> f64 {
        crate::load::max_ms(&self.hist, self.ok)
    }
}

#[derive(Default)]
struct Inner {
    kinds: BTreeMap<&'static str, Kind>,
    described: Vec<String>,
}

/// The counts of the whole run.
#[derive(Default)]
pub struct Tally(Mutex<Inner>);

impl Tally {
    pub fn ok(&self, kind: &'static str, latency: Duration) {
        let mut inner = self.0.lock().expect("tally lock");
        let k = inner.kinds.entry(kind).or_insert_with(Kind::new);
        k.ok += 1;
        crate::load::record_latency(&mut k.hist, latency);
    }

    pub fn error(&self, kind: &'static str, detail: impl FnOnce() -> String) {
        let mut inner = self.0.lock().expect("tally lock");
        inner.kinds.entry(kind).or_insert_with(Kind::new).errors += 1;
        if inner.described.len() < DESCRIBED {
            let line = format!("{kind}: {}", detail());
            eprintln!("soak error: {line}");
            inner.described.push(line);
        }
    }

    /// Runs `f` on the kinds (sorted by name) and the described errors.
    pub fn read<R>(&self, f: impl FnOnce(&BTreeMap<&'static str, Kind>, &[String]) -> R) -> R {
        let inner = self.0.lock().expect("tally lock");
        f(&inner.kinds, &inner.described)
    }

    pub fn totals(&self) -> (u64, u64) {
        self.read(|kinds, _| {
            kinds
                .values()
                .fold((0, 0), |(ok, err), k| (ok + k.ok, err + k.errors))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_kind_and_describes_the_first_errors() {
        let t = Tally::default();
        t.ok("a", Duration::from_millis(2));
        t.ok("a", Duration::from_millis(4));
        for i in 0..20 {
            t.error("b", || format!("GET /x{i} answered HTTP 500"));
        }
        assert_eq!(t.totals(), (2, 20));
        t.read(|kinds, described| {
            assert_eq!(kinds["a"].ok, 2);
            assert_eq!(kinds["b"].errors, 20);
            assert_eq!(described.len(), DESCRIBED);
            assert_eq!(described[0], "b: GET /x0 answered HTTP 500");
        });
    }
}

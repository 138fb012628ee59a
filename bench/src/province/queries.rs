//! Indicator latency through the service beside the same counts written by hand as plain SQL,
//! on the same database in the same run, with a check that both give the same numbers.
use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use chrono::NaiveDate;
use domain::Ratio;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, Statement, Value};
use service::entity::unit;
use service::hr::indicators::{self, Indicators};

/// The six counts of one subtree, written without the service's query: active people first,
/// then left-joined to the people trained and mastered by the date.
const HAND_SUBTREE: &str = "SELECT {sums} FROM (
    SELECT a.person_id, a.kind, u.level FROM assignments a JOIN units u ON u.id = a.unit_id
    WHERE a.start_date <= $1 AND (a.end_date IS NULL OR a.end_date > $1) AND u.path LIKE $2) x
  LEFT JOIN (SELECT person_id FROM training_records WHERE completed_on <= $1 GROUP BY person_id) t ON t.person_id = x.person_id
  LEFT JOIN (SELECT person_id FROM assessment_results WHERE passed AND taken_on <= $1 GROUP BY person_id) m ON m.person_id = x.person_id";

/// The same per top-level unit.
const HAND_BY_TOP_UNIT: &str = "SELECT x.code, {sums} FROM (
    SELECT c.code, a.person_id, a.kind, u.level FROM units c
    JOIN units u ON u.path LIKE c.path || '%'
    LEFT JOIN assignments a ON a.unit_id = u.id AND a.start_date <= $1 AND (a.end_date IS NULL OR a.end_date > $1)
    WHERE c.parent_id IS NULL) x
  LEFT JOIN (SELECT person_id FROM training_records WHERE completed_on <= $1 GROUP BY person_id) t ON t.person_id = x.person_id
  LEFT JOIN (SELECT person_id FROM assessment_results WHERE passed AND taken_on <= $1 GROUP BY person_id) m ON m.person_id = x.person_id
  GROUP BY x.code ORDER BY x.code";

const SUMS: &str = "
  COALESCE(SUM(CASE WHEN x.level = 'tinh' AND x.kind IN ('can_bo', 'cong_chuc') THEN 1 ELSE 0 END), 0) AS pd,
  COALESCE(SUM(CASE WHEN x.level = 'tinh' AND x.kind IN ('can_bo', 'cong_chuc') AND t.person_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS pn,
  COALESCE(SUM(CASE WHEN x.level = 'xa' AND x.kind IN ('can_bo', 'cong_chuc') THEN 1 ELSE 0 END), 0) AS cd,
  COALESCE(SUM(CASE WHEN x.level = 'xa' AND x.kind IN ('can_bo', 'cong_chuc') AND t.person_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS cn,
  COALESCE(SUM(CASE WHEN x.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') THEN 1 ELSE 0 END), 0) AS md,
  COALESCE(SUM(CASE WHEN x.kind IN ('can_bo', 'cong_chuc', 'vien_chuc') AND m.person_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS mn";

/// One query measured both ways.
pub struct Latency {
    pub name: String,
    pub target_ms: f64,
    pub service: Vec<Duration>,
    pub hand: Vec<Duration>,
    /// Whether both ways gave the same numbers.
    pub same: bool,
}

/// What is asked of the service: one subtree's indicators, or the rows of the top-level units.
#[derive(Clone, Copy)]
pub enum Ask<'a> {
    Subtree(Option<&'a unit::Model>),
    ByTopUnit,
}

pub async fn measure(
    db: &DatabaseConnection,
    name: &str,
    ask: Ask<'_>,
    as_of: NaiveDate,
    runs: usize,
    target_ms: f64,
) -> Result<Latency> {
    let mut service = Vec::with_capacity(runs);
    let mut hand = Vec::with_capacity(runs);
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    // Two unmeasured runs each warm the caches; then the two ways alternate, so drift hits both alike.
    for i in 0..runs + 2 {
        let (d, got) = timed(service_figures(db, ask, as_of)).await?;
        let (h, want) = timed(hand_figures(db, ask, as_of)).await?;
        if i >= 2 {
            service.push(d);
            hand.push(h);
        }
        (mine, theirs) = (got, want);
    }
    Ok(Latency {
        name: name.to_owned(),
        target_ms,
        service,
        hand,
        same: mine == theirs,
    })
}

async fn timed<T>(f: impl Future<Output = Result<T>>) -> Result<(Duration, T)> {
    let start = Instant::now();
    let value = f.await?;
    Ok((start.elapsed(), value))
}

async fn service_figures(
    db: &DatabaseConnection,
    ask: Ask<'_>,
    as_of: NaiveDate,
) -> Result<Vec<Indicators>> {
    Ok(match ask {
        Ask::Subtree(unit) => vec![indicators::for_unit(db, as_of, unit, "/").await?],
        Ask::ByTopUnit => indicators::by_unit(db, as_of, None, "/")
            .await?
            .into_iter()
            .map(|r| r.indicators)
            .collect(),
    })
}

async fn hand_figures(
    db: &DatabaseConnection,
    ask: Ask<'_>,
    as_of: NaiveDate,
) -> Result<Vec<Indicators>> {
    let (sql, values): (&str, Vec<Value>) = match ask {
        Ask::Subtree(unit) => {
            let prefix = unit.map_or("/", |u| u.path.as_str());
            (
                HAND_SUBTREE,
                vec![as_of.into(), format!("{prefix}%").into()],
            )
        }
        Ask::ByTopUnit => (HAND_BY_TOP_UNIT, vec![as_of.into()]),
    };
    let backend = db.get_database_backend();
    let sql = sql.replace("{sums}", SUMS);
    let sql = if backend == DbBackend::Postgres {
        sql
    } else {
        sql.replace('$', "?")
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    rows.iter().map(figures).collect()
}

/// The six counts of a row (`pd`, `pn`, `cd`, `cn`, `md`, `mn`) as the three indicators.
pub(crate) fn figures(row: &QueryResult) -> Result<Indicators> {
    let count = |name: &str| -> Result<u64> { Ok(u64::try_from(row.try_get::<i64>("", name)?)?) };
    Ok(Indicators {
        provincial_trained: Ratio::new(count("pn")?, count("pd")?),
        commune_trained: Ratio::new(count("cn")?, count("cd")?),
        mastered: Ratio::new(count("mn")?, count("md")?),
    })
}

/// The `q` quantile in milliseconds (nearest rank).
pub fn quantile_ms(samples: &[Duration], q: f64) -> f64 {
    let mut sorted: Vec<Duration> = samples.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// Fails loudly rather than print latencies of wrong answers.
pub fn check(l: &Latency) -> Result<()> {
    ensure!(
        l.same,
        "{}: the service and the hand-written SQL disagree",
        l.name
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let ms: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(quantile_ms(&ms, 0.5), 50.0);
        assert_eq!(quantile_ms(&ms, 0.99), 99.0);
        assert_eq!(quantile_ms(&[], 0.5), 0.0);
    }
}

//! Sends the outbox to the Learning Record Store: `POST {lrs}/statements` with a batch of
//! statements (`X-Experience-API-Version: 1.0.3`, HTTP Basic), oldest first.
//!
//! - A learner's statement waits while an earlier one of theirs is waiting for its next try, so
//!   the LRS gets each learner's statements in the order they happened.
//! - No answer, 429 or 5xx: the batch is tried again later, 1, 2, 4… seconds after, up to the
//!   configured cap. Everything is in the table, so a restart resumes where it stopped.
//! - 2xx: sent. The ids are the events' own, so a statement sent again (a crash after the
//!   LRS stored it, before the row was marked) is one statement there: the LRS keeps one, or
//!   answers 409 for an id it holds (with other content), which counts as sent.
//! - 409 or another 4xx for a batch: the batch is sent statement by statement (the LRS may have
//!   refused all for one); a statement alone answered 409 is sent, another 4xx `failed` with the
//!   LRS's status and reason (an admin may put it back).
//!
//! The log names counts and statuses only: statements carry no personal data, but the log does
//! not need them either.
use std::time::Duration;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement,
};

use super::outbox::{FAILED, SENT, WAITING};
use crate::entity::xapi_outbox;
use crate::sql::Sql;
use crate::{Error, Result, now};

/// Where the LRS is and how to talk to it.
#[derive(Clone, Debug)]
pub struct LrsSettings {
    /// The LRS's xAPI base, e.g. `http://127.0.0.1:8100/xAPI/`.
    pub url: String,
    pub username: String,
    pub password: String,
    /// The longest wait between two tries of a statement.
    pub max_backoff: Duration,
    /// How often the outbox is looked at when it was empty.
    pub poll: Duration,
}

/// Statements sent in one request.
pub const BATCH: u64 = 50;
/// How long one request to the LRS may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The longest reason kept for a failure.
const REASON_LEN: usize = 200;

/// What the LRS made of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// 409: the LRS holds a statement with this id (with other content).
    Conflict,
    /// Try again later (no answer, 429, 5xx).
    Retry(String),
    /// Refused for good (a 4xx other than 409).
    Refused(String),
}

/// The outcome an HTTP status means.
pub fn outcome_of(status: u16, reason: &str) -> Outcome {
    let why = || format!("{status} {}", short(reason));
    match status {
        200..=299 => Outcome::Sent,
        409 => Outcome::Conflict,
        429 | 500..=599 => Outcome::Retry(why()),
        400..=499 => Outcome::Refused(why()),
        _ => Outcome::Retry(why()),
    }
}

fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.chars().take(REASON_LEN).collect()
}

/// The wait before the next try after `attempts` tries: 1, 2, 4… seconds, at most `cap`.
pub fn backoff(attempts: i32, cap: Duration) -> i64 {
    let exp = 1i64 << attempts.clamp(0, 30);
    exp.min(cap.as_secs().max(1) as i64)
}

/// Sends the outbox of `db` to one LRS.
pub struct Sender {
    db: DatabaseConnection,
    client: reqwest::Client,
    statements_url: String,
    settings: LrsSettings,
}

impl Sender {
    pub fn new(db: DatabaseConnection, settings: LrsSettings) -> Result<Sender> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(Error::internal)?;
        let base = if settings.url.ends_with('/') {
            settings.url.clone()
        } else {
            format!("{}/", settings.url)
        };
        Ok(Sender {
            db,
            client,
            statements_url: format!("{base}statements"),
            settings,
        })
    }

    /// Sends for ever: a full batch is followed at once by the next, otherwise the outbox is
    /// looked at again after the poll interval.
    pub async fn run(self) {
        loop {
            match self.send_due().await {
                Ok(n) if n as u64 == BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(target: "xapi", error = %e, "xAPI outbox not read"),
            }
            tokio::time::sleep(self.settings.poll).await;
        }
    }

    /// Sends one batch of the statements due now; returns how many it handled.
    pub async fn send_due(&self) -> Result<usize> {
        let rows = due(&self.db, now()).await?;
        if rows.is_empty() {
            return Ok(0);
        }
        match self.post(&rows).await {
            Outcome::Sent => self.mark_sent(&rows).await?,
            Outcome::Retry(reason) => self.later(&rows, &reason).await?,
            Outcome::Conflict | Outcome::Refused(_) if rows.len() > 1 => {
                self.one_by_one(&rows).await?
            }
            // The LRS holds this id already: it was sent.
            Outcome::Conflict => self.mark_sent(&rows).await?,
            Outcome::Refused(reason) => self.mark_failed(&rows[0], &reason).await?,
        }
        Ok(rows.len())
    }

    /// After a batch was refused or met a conflict: each statement alone.
    async fn one_by_one(&self, rows: &[xapi_outbox::Model]) -> Result<()> {
        for (i, row) in rows.iter().enumerate() {
            match self.post(std::slice::from_ref(row)).await {
                Outcome::Sent | Outcome::Conflict => {
                    self.mark_sent(std::slice::from_ref(row)).await?
                }
                Outcome::Refused(reason) => self.mark_failed(row, &reason).await?,
                Outcome::Retry(reason) => return self.later(&rows[i..], &reason).await,
            }
        }
        Ok(())
    }

    async fn post(&self, rows: &[xapi_outbox::Model]) -> Outcome {
        let body = format!(
            "[{}]",
            rows.iter()
                .map(|r| r.statement.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        let sent = self
            .client
            .post(&self.statements_url)
            .basic_auth(&self.settings.username, Some(&self.settings.password))
            .header("X-Experience-API-Version", "1.0.3")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await;
        let outcome = match sent {
            Ok(res) => {
                let status = res.status().as_u16();
                let text = res.text().await.unwrap_or_default();
                outcome_of(status, &text)
            }
            Err(e) => Outcome::Retry(no_answer(&e)),
        };
        match &outcome {
            Outcome::Sent => {
                tracing::info!(target: "xapi", statements = rows.len(), "xAPI statements sent")
            }
            Outcome::Conflict => {
                tracing::info!(target: "xapi", statements = rows.len(), "LRS holds an xAPI statement id already")
            }
            Outcome::Retry(why) | Outcome::Refused(why) => {
                let status = why.split(' ').next().unwrap_or_default();
                tracing::warn!(target: "xapi", statements = rows.len(), status, "LRS did not take xAPI statements")
            }
        }
        outcome
    }

    async fn mark_sent(&self, rows: &[xapi_outbox::Model]) -> Result<()> {
        xapi_outbox::Entity::update_many()
            .col_expr(xapi_outbox::Column::State, Expr::value(SENT))
            .col_expr(xapi_outbox::Column::SentAt, Expr::value(now()))
            .col_expr(xapi_outbox::Column::Attempts, one_more_attempt())
            .col_expr(
                xapi_outbox::Column::LastError,
                Expr::value(Option::<String>::None),
            )
            .filter(xapi_outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    async fn mark_failed(&self, row: &xapi_outbox::Model, reason: &str) -> Result<()> {
        self.update(row, FAILED, row.next_try_at, reason).await
    }

    async fn later(&self, rows: &[xapi_outbox::Model], reason: &str) -> Result<()> {
        for row in rows {
            let next = now() + backoff(row.attempts, self.settings.max_backoff);
            self.update(row, WAITING, next, reason).await?;
        }
        Ok(())
    }

    async fn update(
        &self,
        row: &xapi_outbox::Model,
        state: &str,
        next_try_at: i64,
        reason: &str,
    ) -> Result<()> {
        xapi_outbox::Entity::update_many()
            .col_expr(xapi_outbox::Column::State, Expr::value(state))
            .col_expr(xapi_outbox::Column::NextTryAt, Expr::value(next_try_at))
            .col_expr(xapi_outbox::Column::Attempts, one_more_attempt())
            .col_expr(xapi_outbox::Column::LastError, Expr::value(reason))
            .filter(xapi_outbox::Column::Id.eq(row.id))
            .filter(xapi_outbox::Column::State.eq(WAITING))
            .exec(&self.db)
            .await?;
        Ok(())
    }
}

fn one_more_attempt() -> Expr {
    use sea_orm::sea_query::ExprTrait;
    Expr::col(xapi_outbox::Column::Attempts).add(1)
}

/// Why there was no answer, without the address or anything sent.
fn no_answer(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection refused or unreachable"
    } else {
        "request failed"
    };
    format!("no answer ({kind})")
}

/// The statements due at `at`, oldest first: waiting, their time come, and no earlier
/// statement of the same learner still waiting for a later try.
async fn due(db: &impl ConnectionTrait, at: i64) -> Result<Vec<xapi_outbox::Model>> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT * FROM xapi_outbox o WHERE o.state = ")
        .bind(WAITING)
        .push(" AND o.next_try_at <= ")
        .bind(at)
        .push(" AND NOT EXISTS (SELECT 1 FROM xapi_outbox p WHERE p.user_id = o.user_id AND p.state = ")
        .bind(WAITING)
        .push(" AND p.id < o.id AND p.next_try_at > ")
        .bind(at)
        .push(") ORDER BY o.id LIMIT ")
        .bind(BATCH as i64);
    let stmt: Statement = sql.statement();
    Ok(xapi_outbox::Entity::find()
        .from_raw_sql(stmt)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_mean_sent_later_or_refused() {
        assert_eq!(outcome_of(200, ""), Outcome::Sent);
        assert_eq!(outcome_of(204, ""), Outcome::Sent);
        assert_eq!(outcome_of(409, "exists"), Outcome::Conflict);
        assert_eq!(outcome_of(503, "down"), Outcome::Retry("503 down".into()));
        assert_eq!(outcome_of(429, ""), Outcome::Retry("429 ".into()));
        assert_eq!(
            outcome_of(400, "bad\n  statement"),
            Outcome::Refused("400 bad statement".into())
        );
        assert!(matches!(outcome_of(401, ""), Outcome::Refused(_)));
        let long = "x".repeat(1000);
        let Outcome::Refused(r) = outcome_of(400, &long) else {
            panic!()
        };
        assert_eq!(r.len(), 4 + REASON_LEN);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let cap = Duration::from_secs(300);
        let waits: Vec<i64> = (0..11).map(|a| backoff(a, cap)).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(backoff(1000, cap), 300);
        assert_eq!(backoff(5, Duration::from_secs(2)), 2);
        assert_eq!(backoff(0, Duration::ZERO), 1);
    }
}

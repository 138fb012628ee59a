//! The sender: takes queued messages that are due from the database, one at a time, and hands
//! them to the SMTP server (lettre, over tokio with rustls), at most `per_second` a second.
//!
//! Delivery is **at most once**. A message is claimed first (`queued` → `sending`, a guarded
//! UPDATE, so of two senders, in one process or two, only one gets it), then sent, then marked
//! `sent` (or `failed`, or `queued` again for a later try) at once. A sender stopped in between
//! (the process killed while the SMTP server was answering) leaves the row `sending`; it is never
//! sent again automatically: after `stale_after_secs` it is settled as `failed` with the reply
//! `interrupted`, so the officer sees it and can reach the person another way. So a restart may
//! lose at most the message that was in flight, and never sends one twice. A graceful stop
//! ([`Sender::run`]'s `stop`) finishes the message in hand first, so it loses nothing.
//!
//! A temporary failure (a 4xx reply, a refused or broken connection, a timeout) is tried again
//! after `retry_base_secs` × 2^(attempt − 1) (at most an hour), up to `max_attempts`; a permanent
//! one (5xx) is `failed` at once with the server's answer.
use std::sync::Arc;
use std::time::Duration;

use domain::reminders::DeliveryState;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use super::unsubscribe::is_unsubscribed;
use crate::access::audit::{self, Change, Who};
use crate::entity::{reminder, reminder_recipient};
use crate::{Error, Result, now};

/// The reply kept for a message whose sender stopped while sending it.
pub const INTERRUPTED: &str = "interrupted";
/// The reply kept for an address the SMTP library cannot write.
pub const BAD_ADDRESS: &str = "invalid_address";
/// The longest reply kept, in characters.
const REPLY_MAX: usize = 1000;
/// The longest wait between two retries.
const BACKOFF_MAX_SECS: i64 = 3600;
/// How long the sender waits before looking again when nothing is due.
const IDLE: Duration = Duration::from_millis(250);
/// How often the sender looks for messages left `sending` by a sender that died.
const STALE_CHECK_EVERY: Duration = Duration::from_secs(30);

/// Builds the text a page shows from a token: the unsubscribe link, and the footer that
/// carries it (the server writes both; the service has no words of its own).
pub type LinkText = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// How the sender behaves (the server fills it from its configuration).
#[derive(Clone)]
pub struct Settings {
    pub from: Mailbox,
    /// Messages a second at most (> 0).
    pub per_second: f64,
    /// Messages handed to the SMTP server at once (its pooled connections).
    pub connections: usize,
    pub retry_base_secs: i64,
    pub max_attempts: i32,
    /// A message left `sending` this long is settled as `failed` (`INTERRUPTED`).
    pub stale_after_secs: i64,
    /// The unsubscribe link of a token.
    pub link: LinkText,
    /// What follows the body, given the link.
    pub footer: LinkText,
}

/// What became of one due message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    Retry,
    Failed,
    Skipped,
}

pub struct Sender {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    settings: Settings,
}

/// The SMTP transport of a `HOCVU_SMTP_URL` (`smtp://`, `smtps://`, `?tls=required`, with
/// credentials); an unreadable URL is refused.
pub fn transport(url: &str) -> Result<AsyncSmtpTransport<Tokio1Executor>> {
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|_| Error::invalid("smtp_url", "smtp_bad_url"))?
        .build())
}

/// The `From` of `HOCVU_MAIL_FROM` (`Name <address>` or an address).
pub fn mailbox(text: &str) -> Result<Mailbox> {
    text.parse()
        .map_err(|_| Error::invalid("mail_from", "smtp_bad_from"))
}

impl Sender {
    pub fn new(db: DatabaseConnection, smtp_url: &str, settings: Settings) -> Result<Self> {
        Ok(Sender {
            db,
            transport: transport(smtp_url)?,
            settings,
        })
    }

    /// Sends due messages until `stop` turns true, then finishes the messages in hand. Claims
    /// are made one after the other, at most `per_second` a second; each claimed message is
    /// handed to the SMTP server on one of `connections` connections at once, so a slow answer
    /// (or lettre's two writes per message meeting Nagle and a delayed ACK) does not hold
    /// up the others.
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        let me = Arc::new(self);
        let gap = Duration::from_secs_f64(1.0 / me.settings.per_second.max(0.001));
        let lanes = Arc::new(tokio::sync::Semaphore::new(me.settings.connections.max(1)));
        let mut in_hand = tokio::task::JoinSet::new();
        let mut stale_checked = tokio::time::Instant::now() - STALE_CHECK_EVERY;
        while !*stop.borrow() {
            if stale_checked.elapsed() >= STALE_CHECK_EVERY {
                stale_checked = tokio::time::Instant::now();
                if let Err(e) = me.settle_stale().await {
                    tracing::warn!(error = %e, "reminder sender: settling stale messages failed");
                }
            }
            let lane = tokio::select! {
                lane = lanes.clone().acquire_owned() => lane.expect("never closed"),
                _ = stop.changed() => continue,
            };
            let started = tokio::time::Instant::now();
            let pause = match me.claim().await {
                Ok(Some(row)) => {
                    let me = me.clone();
                    in_hand.spawn(async move {
                        if let Err(e) = me.deliver_and_finish(&row).await {
                            tracing::warn!(error = %e, "reminder sender: recording a delivery failed");
                        }
                        drop(lane);
                    });
                    gap.saturating_sub(started.elapsed())
                }
                Ok(None) => IDLE,
                Err(e) => {
                    tracing::warn!(error = %e, "reminder sender: claiming failed");
                    Duration::from_secs(1)
                }
            };
            // Reap what is done, so the set stays small.
            while in_hand.try_join_next().is_some() {}
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = stop.changed() => {}
            }
        }
        while in_hand.join_next().await.is_some() {}
    }

    async fn deliver_and_finish(&self, row: &reminder_recipient::Model) -> Result<Outcome> {
        let outcome = self.deliver(row).await?;
        finish_if_done(&self.db, row.reminder_id).await?;
        Ok(outcome)
    }

    /// Takes the next due message: `queued` → `sending`, one attempt more.
    async fn claim(&self) -> Result<Option<reminder_recipient::Model>> {
        use reminder_recipient::Column as C;
        use sea_orm::ExprTrait;
        for _ in 0..8 {
            let at = now();
            let Some(row) = reminder_recipient::Entity::find()
                .filter(C::State.eq(DeliveryState::Queued.as_str()))
                .filter(C::NextTryAt.lte(at))
                .order_by_asc(C::NextTryAt)
                .order_by_asc(C::Id)
                .one(&self.db)
                .await?
            else {
                return Ok(None);
            };
            let taken = reminder_recipient::Entity::update_many()
                .col_expr(C::State, DeliveryState::Sending.as_str().into())
                .col_expr(C::ClaimedAt, at.into())
                .col_expr(
                    C::Attempts,
                    sea_orm::sea_query::Expr::col(C::Attempts).add(1),
                )
                .filter(C::Id.eq(row.id))
                .filter(C::State.eq(DeliveryState::Queued.as_str()))
                .exec(&self.db)
                .await?;
            if taken.rows_affected == 1 {
                return Ok(Some(reminder_recipient::Model {
                    attempts: row.attempts + 1,
                    ..row
                }));
            }
        }
        Ok(None)
    }

    async fn deliver(&self, row: &reminder_recipient::Model) -> Result<Outcome> {
        if is_unsubscribed(&self.db, &row.email).await? {
            settle(&self.db, row, DeliveryState::Skipped, None, None).await?;
            return Ok(Outcome::Skipped);
        }
        let Some(message) = self.message(row) else {
            settle(
                &self.db,
                row,
                DeliveryState::Failed,
                Some(BAD_ADDRESS.into()),
                None,
            )
            .await?;
            return Ok(Outcome::Failed);
        };
        match self.transport.send(message).await {
            Ok(answer) => {
                let reply = format!("{} {}", answer.code(), answer.first_line().unwrap_or(""));
                settle(&self.db, row, DeliveryState::Sent, Some(reply), None).await?;
                Ok(Outcome::Sent)
            }
            Err(e) => self.failed(row, &e).await,
        }
    }

    async fn failed(
        &self,
        row: &reminder_recipient::Model,
        e: &lettre::transport::smtp::Error,
    ) -> Result<Outcome> {
        let reply = e.to_string();
        if e.is_permanent() || row.attempts >= self.settings.max_attempts {
            settle(&self.db, row, DeliveryState::Failed, Some(reply), None).await?;
            return Ok(Outcome::Failed);
        }
        let later = now() + backoff(self.settings.retry_base_secs, row.attempts);
        settle(
            &self.db,
            row,
            DeliveryState::Queued,
            Some(reply),
            Some(later),
        )
        .await?;
        Ok(Outcome::Retry)
    }

    /// The message: the filled subject (RFC 2047-encoded by lettre), the body and its
    /// unsubscribe footer, and the RFC 8058 one-click headers. `None`: an unusable address.
    fn message(&self, row: &reminder_recipient::Model) -> Option<Message> {
        let link = (self.settings.link)(&row.unsubscribe_token);
        let to = Mailbox::new(None, row.email.parse().ok()?);
        Message::builder()
            .from(self.settings.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{link}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ))
            .header(ContentType::TEXT_PLAIN)
            .body(format!("{}{}", row.body, (self.settings.footer)(&link)))
            .ok()
    }

    /// Settles as `failed` the messages left `sending` longer than `stale_after_secs`.
    pub async fn settle_stale(&self) -> Result<()> {
        use reminder_recipient::Column as C;
        let before = now() - self.settings.stale_after_secs;
        let stale: Vec<(i32, i32)> = {
            use sea_orm::QuerySelect;
            reminder_recipient::Entity::find()
                .select_only()
                .column(C::Id)
                .column(C::ReminderId)
                .filter(C::State.eq(DeliveryState::Sending.as_str()))
                .filter(C::ClaimedAt.lt(before))
                .into_tuple()
                .all(&self.db)
                .await?
        };
        for (id, reminder_id) in stale {
            settle(
                &self.db,
                Settling::Id(id),
                DeliveryState::Failed,
                Some(INTERRUPTED.into()),
                None,
            )
            .await?;
            finish_if_done(&self.db, reminder_id).await?;
        }
        Ok(())
    }
}

/// The wait before try `attempts + 1`.
pub(crate) fn backoff(base_secs: i64, attempts: i32) -> i64 {
    let doubling = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    base_secs
        .max(1)
        .saturating_mul(1_i64 << doubling)
        .min(BACKOFF_MAX_SECS)
}

/// The row a sender settles: the message it claimed (whose token is sealed once it is settled
/// for good), or one found interrupted, by id.
enum Settling<'a> {
    Row(&'a reminder_recipient::Model),
    Id(i32),
}

impl<'a> From<&'a reminder_recipient::Model> for Settling<'a> {
    fn from(row: &'a reminder_recipient::Model) -> Self {
        Settling::Row(row)
    }
}

/// Leaves `sending` for `state` (only a row still `sending`: what its sender claimed). A message
/// settled for good keeps only its unsubscribe token's hash, in the same statement.
async fn settle<'a>(
    db: &impl ConnectionTrait,
    row: impl Into<Settling<'a>>,
    state: DeliveryState,
    reply: Option<String>,
    next_try_at: Option<i64>,
) -> Result<()> {
    use reminder_recipient::Column as C;
    let (id, token) = match row.into() {
        Settling::Row(r) => (r.id, Some(r.unsubscribe_token.as_str())),
        Settling::Id(id) => (id, None),
    };
    let mut q = reminder_recipient::Entity::update_many()
        .col_expr(C::State, state.as_str().into())
        .col_expr(
            C::Reply,
            reply
                .map(|r| r.chars().take(REPLY_MAX).collect::<String>())
                .into(),
        );
    if state == DeliveryState::Sent {
        q = q.col_expr(C::SentAt, Some(now()).into());
    }
    if let Some(token) = token.filter(|_| state != DeliveryState::Queued) {
        q = q.col_expr(
            C::UnsubscribeToken,
            super::unsubscribe::sealed(token).into(),
        );
    }
    if let Some(at) = next_try_at {
        q = q.col_expr(C::NextTryAt, at.into());
    }
    q.filter(C::Id.eq(id))
        .filter(C::State.eq(DeliveryState::Sending.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// Once no message of the reminder waits, marks it finished and audits what was sent (once:
/// the guarded UPDATE lets one sender do it).
pub(crate) async fn finish_if_done(db: &impl ConnectionTrait, reminder_id: i32) -> Result<()> {
    use reminder_recipient::Column as C;
    use sea_orm::QuerySelect;
    let states: Vec<String> = reminder_recipient::Entity::find()
        .select_only()
        .column(C::State)
        .filter(C::ReminderId.eq(reminder_id))
        .into_tuple()
        .all(db)
        .await?;
    let count = |s: DeliveryState| states.iter().filter(|x| x.as_str() == s.as_str()).count();
    if count(DeliveryState::Queued) + count(DeliveryState::Sending) > 0 {
        return Ok(());
    }
    let done = reminder::Entity::update_many()
        .col_expr(reminder::Column::FinishedAt, Some(now()).into())
        .filter(reminder::Column::Id.eq(reminder_id))
        .filter(reminder::Column::FinishedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        audit::record(
            db,
            Change {
                actor: Who::default(),
                action: "reminder_sent",
                object_kind: "reminder",
                object_id: reminder_id.to_string(),
                before: None,
                after: Some(serde_json::json!({
                    "sent": count(DeliveryState::Sent),
                    "failed": count(DeliveryState::Failed),
                    "skipped": count(DeliveryState::Skipped),
                })),
            },
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(30, 1), 30);
        assert_eq!(backoff(30, 2), 60);
        assert_eq!(backoff(30, 3), 120);
        assert_eq!(backoff(30, 40), 3600);
        assert_eq!(backoff(0, 1), 1);
    }

    /// The pooled transport is made inside a runtime, as the server does.
    #[tokio::test]
    async fn urls_and_senders_are_checked() {
        assert!(transport("smtp://127.0.0.1:2525").is_ok());
        assert!(transport("smtps://user:pass@mail.example.vn").is_ok());
        assert!(transport("smtp://mail.example.vn:587?tls=required").is_ok());
        assert!(transport("http://mail.example.vn").is_err());
        assert!(mailbox("Học Vụ Số <nhac-nho@example.vn>").is_ok());
        assert!(mailbox("not an address").is_err());
    }
}

//! The reminder sender of this process (`service::hr::reminders::sender`), started with the
//! server when `HOCVU_SMTP_URL` is set and stopped gracefully with it: the message in hand is
//! finished first, so a restart loses none. Several processes may each run one: a message is
//! claimed in the database before it is sent.
use std::net::SocketAddr;
use std::sync::Arc;

use service::hr::reminders::sender::{self, Sender, Settings};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::state::AppState;

/// Messages handed to the SMTP server at once (lettre pools up to ten connections).
pub const CONNECTIONS: usize = 4;
/// Tries of a message before it is `failed`.
pub const MAX_ATTEMPTS: i32 = 5;
/// A message left `sending` this long (its sender died) is settled as `failed`: well past
/// lettre's one-minute SMTP timeout, so no live sender is still on it.
pub const STALE_AFTER_SECS: i64 = 600;

/// A running sender.
pub struct MailWorker {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl MailWorker {
    /// Asks the sender to stop after the message in hand, and waits for it.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.handle.await;
    }

    /// Stops the sender at once, wherever it is (what a killed process does).
    pub fn abort(self) {
        self.handle.abort();
    }
}

/// The sender's settings from the configuration; links start at the public base URL.
pub fn settings(config: &Config, listening: SocketAddr) -> Result<Settings, service::Error> {
    let base = config.public_base(listening);
    Ok(Settings {
        from: sender::mailbox(&config.mail_from)?,
        per_second: if config.mail_rate > 0.0 {
            config.mail_rate
        } else {
            5.0
        },
        connections: CONNECTIONS,
        retry_base_secs: config.mail_retry_secs.max(1),
        max_attempts: MAX_ATTEMPTS,
        stale_after_secs: STALE_AFTER_SECS,
        link: Arc::new(move |token| format!("{base}{}", app::paths::unsubscribe(token))),
        footer: Arc::new(app::i18n::reminders::mail_footer),
    })
}

/// Starts the sender when an SMTP server is configured (`None` otherwise).
pub fn start(
    state: &AppState,
    listening: SocketAddr,
) -> Result<Option<MailWorker>, service::Error> {
    let Some(url) = state.config.smtp_url.as_deref() else {
        return Ok(None);
    };
    let sender = Sender::new(state.db().clone(), url, settings(&state.config, listening)?)?;
    Ok(Some(spawn(sender)))
}

/// Runs a sender in the background.
pub fn spawn(sender: Sender) -> MailWorker {
    let (stop, stopped) = watch::channel(false);
    let handle = tokio::spawn(sender.run(stopped));
    MailWorker { stop, handle }
}

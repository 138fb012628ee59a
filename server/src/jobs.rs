//! Background work: expired sessions and old login failures are purged periodically, the
//! xAPI outbox is sent to the Learning Record Store when one is configured, and lessons are
//! read aloud when espeak-ng is installed.
use std::time::Duration;

use crate::state::AppState;

pub fn spawn(state: AppState) {
    spawn_xapi(&state);
    spawn_speech(&state);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(600));
        loop {
            every.tick().await;
            if let Err(e) = service::access::sessions::purge_expired(state.db()).await {
                tracing::warn!(error = %e, "session purge failed");
            }
            if let Err(e) = service::access::ratelimit::purge_old(state.db()).await {
                tracing::warn!(error = %e, "login-failure purge failed");
            }
        }
    });
}

/// Starts the worker that sends the xAPI outbox (see `service::xapi::sender`), when an LRS is
/// configured; its handle stops it (the tests stop it as a crash would).
pub fn spawn_xapi(state: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    let settings = state.config.lrs()?;
    match service::xapi::sender::Sender::new(state.db().clone(), settings) {
        Ok(sender) => {
            tracing::info!(target: "xapi", "sending xAPI statements to the LRS");
            Some(tokio::spawn(sender.run()))
        }
        Err(e) => {
            tracing::error!(target: "xapi", error = %e, "xAPI worker not started");
            None
        }
    }
}

/// Starts the worker that reads lessons aloud (see `service::speech::worker`), when espeak-ng
/// with its Vietnamese voice is installed; its handle stops it.
pub fn spawn_speech(state: &AppState) -> Option<tokio::task::JoinHandle<()>> {
    let Some(voice) = state.services.voice.clone() else {
        tracing::warn!(target: "speech", "espeak-ng with a Vietnamese voice not found: lessons are not read aloud");
        return None;
    };
    let poll = Duration::from_millis(state.config.speech_poll_ms.max(10));
    let worker = service::speech::worker::Worker::new(state.db().clone(), voice, poll);
    Some(tokio::spawn(worker.run()))
}

//! Background housekeeping: expired sessions and old login failures are purged periodically.
use std::time::Duration;

use crate::state::AppState;

pub fn spawn(state: AppState) {
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

//! The admin's view of the xAPI outbox (learning records for the Learning Record Store).
pub use domain::xapi::{FailedStatement, OutboxSummary};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/_sf", endpoint = "xapi_outbox", input = GetUrl)]
pub async fn xapi_outbox() -> Result<OutboxSummary, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::xapi::outbox::summary(&s.db, &s.xapi, &actor)
        .await
        .map_err(fail)
}

/// Puts the failed statements back in the queue; answers how many.
#[server(prefix = "/_sf", endpoint = "xapi_retry_failed")]
pub async fn xapi_retry_failed() -> Result<u64, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::xapi::outbox::retry_failed(&s.db, &actor)
        .await
        .map_err(fail)
}

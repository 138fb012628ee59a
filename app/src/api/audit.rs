//! The admin's audit log page.
pub use domain::audit_view::{AuditEntry, AuditFilter, AuditPage};
use leptos::prelude::*;

#[server(prefix = "/_sf", endpoint = "list_audit")]
pub async fn list_audit(filter: AuditFilter) -> Result<AuditPage, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::audit_search::search(&s.db, &actor, &filter)
        .await
        .map_err(fail)
}

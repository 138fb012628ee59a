//! The admin's audit log page.
pub use domain::audit_view::{AuditEntry, AuditFilter, AuditPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/_sf", endpoint = "list_audit", input = GetUrl)]
pub async fn list_audit(filter: AuditFilter) -> Result<AuditPage, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::audit_search::search(&s.db, &actor, &filter)
        .await
        .map_err(fail)
}

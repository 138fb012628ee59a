//! The admin's account management: list users, grant and revoke roles, disable accounts.
pub use domain::UserRow;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/_sf", endpoint = "list_users", input = GetUrl)]
pub async fn list_users(query: String) -> Result<Vec<UserRow>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::admin::list_users(&s.db, &actor, &query, 200)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "grant_role")]
pub async fn grant_role(
    user_id: i64,
    role: String,
    unit_code: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let role = parse_role(&role)?;
    let unit = Some(unit_code.trim()).filter(|c| !c.is_empty());
    service::access::admin::grant_role(&s.db, &actor, to_id(user_id)?, role, unit)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "revoke_role")]
pub async fn revoke_role(
    user_id: i64,
    role: String,
    unit_code: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let role = parse_role(&role)?;
    let unit = Some(unit_code.trim()).filter(|c| !c.is_empty());
    service::access::admin::revoke_role(&s.db, &actor, to_id(user_id)?, role, unit)
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "set_disabled")]
pub async fn set_disabled(user_id: i64, disabled: bool) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::admin::set_disabled(&s.db, &actor, to_id(user_id)?, disabled)
        .await
        .map_err(fail)
}

#[cfg(feature = "ssr")]
fn parse_role(role: &str) -> Result<domain::Role, ServerFnError> {
    domain::Role::parse(role)
        .ok_or_else(|| super::ctx::fail(service::Error::invalid("role", "invalid_input")))
}

#[cfg(feature = "ssr")]
fn to_id(id: i64) -> Result<i32, ServerFnError> {
    i32::try_from(id).map_err(|_| super::ctx::fail(service::Error::NotFound))
}

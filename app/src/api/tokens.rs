//! The admin's API tokens: issue one for a unit (or the province), list them, revoke one.
use domain::UnitRef;
pub use domain::token::{IssuedToken, TokenRow};
use leptos::prelude::*;

#[server(prefix = "/_sf", endpoint = "list_tokens")]
pub async fn list_tokens() -> Result<Vec<TokenRow>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::tokens::list(&s.db, &actor)
        .await
        .map_err(fail)
}

/// `unit_code` empty: the whole province.
#[server(prefix = "/_sf", endpoint = "issue_token")]
pub async fn issue_token(name: String, unit_code: String) -> Result<IssuedToken, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::tokens::issue(&s.db, &actor, &name, Some(unit_code.as_str()))
        .await
        .map_err(fail)
}

#[server(prefix = "/_sf", endpoint = "revoke_token")]
pub async fn revoke_token(id: i64) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let id = i32::try_from(id).map_err(|_| fail(service::Error::NotFound))?;
    service::access::tokens::revoke(&s.db, &actor, id)
        .await
        .map_err(fail)
}

/// Every unit by code, for choosing a token's scope.
#[server(prefix = "/_sf", endpoint = "token_units")]
pub async fn token_units() -> Result<Vec<UnitRef>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::tokens::unit_choices(&s.db, &actor)
        .await
        .map_err(fail)
}

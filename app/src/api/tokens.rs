//! The admin's API tokens: issue one for a unit (or the province), list them, revoke one.
use domain::UnitRef;
pub use domain::token::{IssuedToken, TokenRow};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(prefix = "/_sf", endpoint = "list_tokens", input = GetUrl)]
pub async fn list_tokens() -> Result<Vec<TokenRow>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::tokens::list(&s.db, &actor)
        .await
        .map_err(fail)
}

/// `unit_code` empty: the whole province; `expires_on` empty: a year from today.
#[server(prefix = "/_sf", endpoint = "issue_token")]
pub async fn issue_token(
    name: String,
    unit_code: String,
    #[server(default)] expires_on: String,
) -> Result<IssuedToken, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::tokens::issue(&s.db, &actor, &name, Some(unit_code.as_str()), &expires_on)
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
#[server(prefix = "/_sf", endpoint = "token_units", input = GetUrl)]
pub async fn token_units() -> Result<Vec<UnitRef>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::access::tokens::unit_choices(&s.db, &actor)
        .await
        .map_err(fail)
}

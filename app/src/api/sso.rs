//! Single sign-on as pages show it: the providers' buttons and the account's links.
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A configured provider: its id (in `/sso/<id>`), its button label, and (for the signed-in
/// account) whether the account is linked to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoProvider {
    pub id: String,
    pub label: String,
    pub linked: bool,
}

/// The providers people may sign in with; none when none is configured.
#[server(prefix = "/_sf", endpoint = "sso_providers", input = GetUrl)]
pub async fn sso_providers() -> Result<Vec<SsoProvider>, ServerFnError> {
    let s = super::ctx::services()?;
    Ok(s.sso
        .buttons()
        .into_iter()
        .map(|(id, label)| SsoProvider {
            id,
            label,
            linked: false,
        })
        .collect())
}

/// Each provider, and whether the signed-in account is linked to it.
#[server(prefix = "/_sf", endpoint = "sso_my_links", input = GetUrl)]
pub async fn sso_my_links() -> Result<Vec<SsoProvider>, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    let mine = service::sso::identities::of_user(&s.db, actor.id())
        .await
        .map_err(fail)?;
    Ok(s.sso
        .buttons()
        .into_iter()
        .map(|(id, label)| {
            let linked = s
                .sso
                .get(&id)
                .is_some_and(|p| mine.iter().any(|m| p.issues(&m.issuer)));
            SsoProvider { id, label, linked }
        })
        .collect())
}

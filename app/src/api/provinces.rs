//! The national admin's provinces: each province's indicators, the list, creating one, naming
//! a province's admin.
use domain::hr::IndicatorSet;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One province with its three indicators on the page's date.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProvinceFigures {
    pub code: String,
    pub name: String,
    pub created_at: i64,
    pub figures: IndicatorSet,
}

/// What the provinces page shows: every province by name, as of `as_of` (`YYYY-MM-DD`, today).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProvincesView {
    pub as_of: String,
    pub provinces: Vec<ProvinceFigures>,
}

#[server(prefix = "/_sf", endpoint = "list_provinces", input = GetUrl)]
pub async fn load_provinces() -> Result<ProvincesView, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    // The service serves a province admin their own province's row too; this page compares
    // the nation's provinces, which only the national admin may see side by side.
    service::access::authz::require(actor.token.is_none() && actor.is_admin()).map_err(fail)?;
    let as_of = service::today();
    let known = service::province::reachable(&s.db, &actor)
        .await
        .map_err(fail)?;
    let figures = service::hr::indicators::by_province(&s.db, &actor, as_of)
        .await
        .map_err(fail)?;
    let provinces = known
        .into_iter()
        .map(|p| {
            let set = figures
                .iter()
                .find(|f| f.code == p.code)
                .map(|f| service::hr::dashboard::to_set(f.indicators));
            ProvinceFigures {
                figures: set.unwrap_or_else(empty_set),
                code: p.code,
                name: p.name,
                created_at: p.created_at,
            }
        })
        .collect();
    Ok(ProvincesView {
        as_of: as_of.format("%Y-%m-%d").to_string(),
        provinces,
    })
}

/// A province the grouped query did not name (made between the two reads) counts nobody yet.
#[cfg(feature = "ssr")]
fn empty_set() -> IndicatorSet {
    let zero = domain::Ratio::new(0, 0);
    IndicatorSet {
        provincial_trained: zero,
        commune_trained: zero,
        mastered: zero,
    }
}

/// A new province; answers its code (upper-cased).
#[server(prefix = "/_sf", endpoint = "create_province")]
pub async fn create_province(code: String, name: String) -> Result<String, ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::province::create(&s.db, &actor, &code, &name)
        .await
        .map(|p| p.code)
        .map_err(fail)
}

/// Makes the account with this login the admin of the province `province_code`.
#[server(prefix = "/_sf", endpoint = "grant_province_admin")]
pub async fn grant_province_admin(
    login: String,
    province_code: String,
) -> Result<(), ServerFnError> {
    use super::ctx::{fail, require_actor, services};
    let (s, actor) = (services()?, require_actor()?);
    service::province::grant_admin(&s.db, &actor, &login, &province_code)
        .await
        .map_err(fail)
}

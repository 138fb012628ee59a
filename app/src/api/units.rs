//! Units that pages list, such as the communes a resident registers in.
use domain::UnitRef;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The communes and wards, by name: public, since residents pick one to register.
#[server(prefix = "/_sf", endpoint = "list_communes", input = GetUrl)]
pub async fn list_communes() -> Result<Vec<UnitRef>, ServerFnError> {
    use super::ctx::{fail, services};
    let s = services()?;
    service::hr::units::list_level(&s.db, domain::UnitLevel::Xa)
        .await
        .map_err(fail)
}

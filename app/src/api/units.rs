//! Units that pages list, such as the communes a resident registers in.
use domain::UnitRef;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// A province as a picker offers it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProvinceChoice {
    pub code: String,
    pub name: String,
}

/// Where a resident may say they live: every province (a picker shows them only when there are
/// several), the one chosen (the only one when there is one; `None` while a choice is due), and
/// the chosen province's communes whose name holds the words typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Residence {
    pub provinces: Vec<ProvinceChoice>,
    pub chosen: Option<ProvinceChoice>,
    pub communes: Vec<UnitRef>,
}

/// The provinces, and the communes of `province` (a code; empty for the only one) whose name
/// matches `query` with or without diacritics. Public: residents pick one to register.
#[server(prefix = "/_sf", endpoint = "residence_choices", input = GetUrl)]
pub async fn find_residence(province: String, query: String) -> Result<Residence, ServerFnError> {
    use super::ctx::{fail, services};
    let s = services()?;
    let provinces = service::province::list(&s.db).await.map_err(fail)?;
    // An unknown code, or none among several, is a choice still to make, not an error.
    let chosen = match service::province::named_or_only(&s.db, &province).await {
        Ok(id) => Some(id),
        Err(service::Error::Invalid(_)) => None,
        Err(e) => return Err(fail(e)),
    };
    let communes = match chosen {
        Some(id) => service::hr::units::communes_matching(&s.db, id, &query)
            .await
            .map_err(fail)?,
        None => Vec::new(),
    };
    let chosen = chosen
        .and_then(|id| provinces.iter().find(|p| p.id == id))
        .map(choice);
    Ok(Residence {
        provinces: provinces.iter().map(choice).collect(),
        chosen,
        communes,
    })
}

#[cfg(feature = "ssr")]
fn choice(p: &service::entity::province::Model) -> ProvinceChoice {
    ProvinceChoice {
        code: p.code.clone(),
        name: p.name.clone(),
    }
}

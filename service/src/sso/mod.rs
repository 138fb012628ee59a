//! Single sign-on with OpenID Connect (issue 19): the configured providers
//! ([`settings`]), the protocol with each ([`protocol`], by the `openidconnect` crate), and the
//! accounts bound to a provider's people ([`identities`]).
pub mod identities;
pub mod protocol;
pub mod settings;

pub use protocol::{Asserted, Pending, Provider};
pub use settings::ProviderSettings;

/// The configured providers, in the order configured (the sign-in page's buttons).
#[derive(Default)]
pub struct Providers {
    list: Vec<Provider>,
}

impl Providers {
    pub fn new(settings: Vec<ProviderSettings>) -> Self {
        Providers {
            list: settings.into_iter().map(Provider::new).collect(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Provider> {
        self.list.iter().find(|p| p.settings.id == id)
    }

    /// The providers' origins (`scheme://host[:port]`): where this site's forms may redirect.
    pub fn origins(&self) -> Vec<String> {
        self.list
            .iter()
            .filter_map(|p| url::Url::parse(&p.settings.issuer).ok())
            .map(|u| u.origin().ascii_serialization())
            .collect()
    }

    /// Each provider's id and button label.
    pub fn buttons(&self) -> Vec<(String, String)> {
        self.list
            .iter()
            .map(|p| (p.settings.id.clone(), p.settings.label.clone()))
            .collect()
    }
}

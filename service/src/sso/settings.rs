//! Which OpenID providers people may sign in with, read from `HOCVU_OIDC_*` variables and/or a
//! JSON file (`HOCVU_OIDC_CONFIG`). None configured: no single sign-on at all.
//!
//! ```text
//! HOCVU_OIDC_PROVIDERS=vneid
//! HOCVU_OIDC_VNEID_ISSUER=https://sso.example.vn
//! HOCVU_OIDC_VNEID_CLIENT_ID=hocvu
//! HOCVU_OIDC_VNEID_CLIENT_SECRET=...
//! HOCVU_OIDC_VNEID_SCOPES="openid profile phone"      (default: openid profile)
//! HOCVU_OIDC_VNEID_LABEL="Đăng nhập bằng VNeID"       (default: the id)
//! HOCVU_OIDC_VNEID_CLAIM_SUBJECT / _NAME / _PHONE / _EMAIL / _ID_NUMBER
//! ```
use serde::Deserialize;

/// The claims of an ID token that name the person, by the names this provider gives them.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimNames {
    pub subject: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// The personal ID number (số định danh cá nhân); unset: the provider asserts none, and no
    /// account is linked to the roster by it.
    pub id_number: Option<String>,
}

impl Default for ClaimNames {
    fn default() -> Self {
        ClaimNames {
            subject: "sub".into(),
            name: "name".into(),
            phone: "phone_number".into(),
            email: "email".into(),
            id_number: None,
        }
    }
}

/// One provider: where it is (its issuer URL, for discovery), who we are to it, what we ask.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProviderSettings {
    /// Short, in URLs (`/sso/<id>`): lowercase letters, digits and `-`.
    pub id: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The button's text on the sign-in page.
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub claims: ClaimNames,
}

/// Never prints the client secret.
impl std::fmt::Debug for ProviderSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderSettings")
            .field("id", &self.id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

fn default_scopes() -> Vec<String> {
    vec!["openid".into(), "profile".into()]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    providers: Vec<ProviderSettings>,
}

/// What is wrong with the configuration, in words for the operator.
pub type ConfigError = String;

/// The providers of a JSON file `{"providers": [{"id", "issuer", "client_id", ...}]}`.
pub fn from_json(text: &str) -> Result<Vec<ProviderSettings>, ConfigError> {
    let file: File = serde_json::from_str(text).map_err(|e| format!("OIDC configuration: {e}"))?;
    file.providers.into_iter().map(checked).collect()
}

/// The providers named by `HOCVU_OIDC_PROVIDERS` (comma-separated), each from its
/// `HOCVU_OIDC_<ID>_*` variables.
pub fn from_env(
    vars: impl IntoIterator<Item = (String, String)>,
) -> Result<Vec<ProviderSettings>, ConfigError> {
    let vars: std::collections::HashMap<String, String> = vars.into_iter().collect();
    let Some(list) = vars.get("HOCVU_OIDC_PROVIDERS") else {
        return Ok(Vec::new());
    };
    list.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| provider_from_env(&vars, id).and_then(checked))
        .collect()
}

fn provider_from_env(
    vars: &std::collections::HashMap<String, String>,
    id: &str,
) -> Result<ProviderSettings, ConfigError> {
    let prefix = format!("HOCVU_OIDC_{}_", id.to_uppercase().replace('-', "_"));
    let get = |key: &str| vars.get(&format!("{prefix}{key}")).cloned();
    let required =
        |key: &str| get(key).ok_or_else(|| format!("{prefix}{key} is required for provider {id}"));
    let defaults = ClaimNames::default();
    Ok(ProviderSettings {
        id: id.to_owned(),
        issuer: required("ISSUER")?,
        client_id: required("CLIENT_ID")?,
        client_secret: required("CLIENT_SECRET")?,
        scopes: get("SCOPES").map_or_else(default_scopes, |s| {
            s.split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        }),
        label: get("LABEL").unwrap_or_default(),
        claims: ClaimNames {
            subject: get("CLAIM_SUBJECT").unwrap_or(defaults.subject),
            name: get("CLAIM_NAME").unwrap_or(defaults.name),
            phone: get("CLAIM_PHONE").unwrap_or(defaults.phone),
            email: get("CLAIM_EMAIL").unwrap_or(defaults.email),
            id_number: get("CLAIM_ID_NUMBER"),
        },
    })
}

/// A usable id (it goes into paths), an issuer URL, `openid` among the scopes, a label.
fn checked(mut p: ProviderSettings) -> Result<ProviderSettings, ConfigError> {
    let id_ok = !p.id.is_empty()
        && p.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        return Err(format!(
            "OIDC provider id {:?}: use lowercase letters, digits and -",
            p.id
        ));
    }
    if url::Url::parse(&p.issuer).is_err() {
        return Err(format!("OIDC provider {}: the issuer is not a URL", p.id));
    }
    if !p.scopes.iter().any(|s| s == "openid") {
        p.scopes.insert(0, "openid".into());
    }
    if p.label.is_empty() {
        p.label = p.id.clone();
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn no_providers_without_the_list() {
        assert_eq!(
            from_env(vars(&[("HOCVU_OIDC_X_ISSUER", "http://a")])),
            Ok(vec![])
        );
    }

    #[test]
    fn a_provider_from_its_variables() {
        let found = from_env(vars(&[
            ("HOCVU_OIDC_PROVIDERS", "vneid"),
            ("HOCVU_OIDC_VNEID_ISSUER", "https://sso.example.vn"),
            ("HOCVU_OIDC_VNEID_CLIENT_ID", "hocvu"),
            ("HOCVU_OIDC_VNEID_CLIENT_SECRET", "s"),
            ("HOCVU_OIDC_VNEID_SCOPES", "profile phone"),
            ("HOCVU_OIDC_VNEID_LABEL", "VNeID"),
            ("HOCVU_OIDC_VNEID_CLAIM_ID_NUMBER", "so_dinh_danh"),
        ]))
        .unwrap();
        assert_eq!(found.len(), 1);
        let p = &found[0];
        assert_eq!(p.scopes, ["openid", "profile", "phone"]);
        assert_eq!(p.label, "VNeID");
        assert_eq!(p.claims.id_number.as_deref(), Some("so_dinh_danh"));
        assert_eq!(p.claims.subject, "sub");
        assert!(!format!("{p:?}").contains("client_secret"));
    }

    #[test]
    fn missing_or_bad_settings_are_named() {
        let missing = from_env(vars(&[("HOCVU_OIDC_PROVIDERS", "vneid")])).unwrap_err();
        assert!(missing.contains("HOCVU_OIDC_VNEID_ISSUER"), "{missing}");
        let bad = from_json(
            r#"{"providers":[{"id":"Bad Id","issuer":"http://a","client_id":"c","client_secret":"s"}]}"#,
        )
        .unwrap_err();
        assert!(bad.contains("lowercase"), "{bad}");
        let good = from_json(
            r#"{"providers":[{"id":"vneid","issuer":"http://a","client_id":"c","client_secret":"s"}]}"#,
        )
        .unwrap();
        assert_eq!(good[0].scopes, ["openid", "profile"]);
    }
}

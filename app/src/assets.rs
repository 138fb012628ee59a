//! The addresses the pages give for the site's own static files. With content hashes in them
//! (cargo-leptos `hash-files`, and a hash of `offline.js` in its query) a browser keeps each
//! file for a year and still gets a new one the moment it changes. The server works the names
//! out once at start-up and provides them here; without them, the plain names.

/// Where the stylesheet and the offline script are found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetPaths {
    pub css: String,
    pub offline_js: String,
}

impl Default for AssetPaths {
    fn default() -> Self {
        Self {
            css: "/pkg/hocvu.css".to_owned(),
            offline_js: "/offline.js".to_owned(),
        }
    }
}

/// The paths provided by the server, or the plain ones.
pub fn use_assets() -> AssetPaths {
    leptos::prelude::use_context::<AssetPaths>().unwrap_or_default()
}

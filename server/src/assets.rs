//! The static files' names with their content hashes, worked out once at start-up: the
//! stylesheet as cargo-leptos named it (its `hash.txt` beside the binary; Leptos itself links
//! the script and the wasm from the same file), and `offline.js` with a hash of its bytes in the query. Pages link these names, and the
//! files are then sent with a year-long, immutable cache lifetime.
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use app::assets::AssetPaths;
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};

/// Every static file name a page or an offline course refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaticNames {
    pub css: String,
    pub offline_js: String,
    /// True when the names carry content hashes (a release build by cargo-leptos).
    pub hashed: bool,
}

static NAMES: OnceLock<StaticNames> = OnceLock::new();

/// The names for this process, worked out at the first call.
pub fn names(options: &LeptosOptions) -> &'static StaticNames {
    NAMES.get_or_init(|| StaticNames::from_files(options, &hash_file(options)))
}

/// The stylesheet for pages rendered outside the app (error pages), once the names are known.
pub fn css_href() -> &'static str {
    NAMES.get().map_or("/pkg/hocvu.css", |n| n.css.as_str())
}

impl StaticNames {
    fn from_files(options: &LeptosOptions, hash_file: &Path) -> Self {
        let hashes = std::fs::read_to_string(hash_file).ok();
        let offline = std::fs::read(Path::new(options.site_root.as_ref()).join("offline.js"));
        Self::new(options, hashes.as_deref(), offline.ok().as_deref())
    }

    /// Names from cargo-leptos's hash file (`js: …`, `wasm: …`, `css: …` lines), if any, and
    /// the bytes of `offline.js`, if found.
    pub fn new(options: &LeptosOptions, hashes: Option<&str>, offline_js: Option<&[u8]>) -> Self {
        let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
        let hash_of = |kind: &str| {
            hashes?.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                (k.trim() == kind && !v.trim().is_empty()).then(|| v.trim().to_owned())
            })
        };
        let css = match hash_of("css") {
            Some(h) => format!("{pkg}.{h}.css"),
            None => format!("{pkg}.css"),
        };
        let offline_js = match offline_js {
            Some(bytes) => format!("/offline.js?v={}", &hex(&Sha256::digest(bytes))[..16]),
            None => "/offline.js".to_owned(),
        };
        Self {
            hashed: css != format!("{pkg}.css"),
            css,
            offline_js,
        }
    }

    /// The paths the app's pages link.
    pub fn for_pages(&self) -> AssetPaths {
        AssetPaths {
            css: self.css.clone(),
            offline_js: self.offline_js.clone(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// cargo-leptos writes the hash file beside the binary it builds.
pub fn hash_file(options: &LeptosOptions) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default()
        .join(options.hash_file.as_ref())
}

/// How long a browser may keep a static file: a year for a name with a content hash in it,
/// otherwise it asks again each time (and gets 304 when unchanged).
pub fn cache_control(path: &str, query: Option<&str>, hashed: bool) -> Option<&'static str> {
    let versioned = path == "/offline.js" && query.is_some_and(|q| q.starts_with("v="));
    if versioned || (hashed && path.starts_with("/pkg/")) {
        Some("public, max-age=31536000, immutable")
    } else if path.starts_with("/pkg/") || path == "/offline.js" || path == "/manifest.webmanifest"
    {
        Some("no-cache")
    } else if path.starts_with("/icons/") || path == "/favicon.svg" {
        Some("public, max-age=86400")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("hocvu")
            .site_pkg_dir("pkg")
            .build()
    }

    #[test]
    fn names_carry_the_hashes_of_the_hash_file() {
        let n = StaticNames::new(
            &options(),
            Some("js: aaa111\nwasm: bbb222\ncss: ccc333\n"),
            Some(b"x"),
        );
        assert_eq!(n.css, "/pkg/hocvu.ccc333.css");
        assert!(n.hashed);
        // SHA-256 of "x", first 16 hex digits.
        assert_eq!(n.offline_js, "/offline.js?v=2d711642b726b044");
    }

    #[test]
    fn without_a_hash_file_the_names_are_plain() {
        let n = StaticNames::new(&options(), None, None);
        assert_eq!(n.css, "/pkg/hocvu.css");
        assert_eq!(n.offline_js, "/offline.js");
        assert!(!n.hashed);
    }

    #[test]
    fn a_changed_offline_script_gets_a_new_name() {
        let a = StaticNames::new(&options(), None, Some(b"one"));
        let b = StaticNames::new(&options(), None, Some(b"two"));
        assert_ne!(a.offline_js, b.offline_js);
    }

    #[test]
    fn only_hashed_names_are_kept_for_a_year() {
        let year = Some("public, max-age=31536000, immutable");
        assert_eq!(cache_control("/pkg/hocvu.ccc333.css", None, true), year);
        assert_eq!(
            cache_control("/offline.js", Some("v=2d711642"), false),
            year
        );
        assert_eq!(
            cache_control("/pkg/hocvu.css", None, false),
            Some("no-cache")
        );
        assert_eq!(cache_control("/offline.js", None, true), Some("no-cache"));
        assert_eq!(cache_control("/khoa-hoc", None, true), None);
        assert_eq!(cache_control("/api/v1/courses", None, true), None);
    }
}

//! Reading pages: the pages a resident reads on a phone (home, catalogue, course, lesson,
//! practice, offline, my learning). They need no wasm: every action on them is a link or a plain form, and
//! the practice set and the offline outbox are plain JavaScript (`/offline.js`). The shell
//! leaves the hydration scripts out of them, so a cheap phone on a slow network downloads the
//! page, the stylesheet and one small script. A page reached from a hydrated page by the
//! router is still drawn by the wasm already loaded, the same way.

#[cfg(feature = "ssr")]
pub mod direct;

/// True for the paths of reading pages.
pub fn is_reading_page(path: &str) -> bool {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    matches!(path, "/" | "/ngoai-tuyen" | "/hoc-tap")
        || path == "/khoa-hoc"
        || path.starts_with("/khoa-hoc/")
}

/// The path of the request being rendered, on the server; `None` in the browser.
pub fn request_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::with_context::<http::request::Parts, _>(|p| p.uri.path().to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::is_reading_page;

    #[test]
    fn learner_reading_paths_are_reading_pages() {
        for p in [
            "/",
            "/khoa-hoc",
            "/khoa-hoc/",
            "/khoa-hoc/KNS-DC-01",
            "/khoa-hoc/KNS-DC-01/bai/1",
            "/khoa-hoc/KNS-DC-01/luyen-tap",
            "/ngoai-tuyen",
            "/hoc-tap",
        ] {
            assert!(is_reading_page(p), "{p}");
        }
    }

    #[test]
    fn interactive_paths_keep_the_wasm() {
        for p in [
            "/dang-nhap",
            "/dang-ky",
            "/bai-lam/3",
            "/bai-kiem-tra/KNS-AT-01-KT",
            "/soan-bai/KNS-DC-01",
            "/don-vi/nhap-du-lieu",
            "/khoa-hocx",
            "/tai-khoan",
        ] {
            assert!(!is_reading_page(p), "{p}");
        }
    }
}

//! Finding what a first page load fetches: link/script tags, /pkg/ references, and JS module imports.

use regex::Regex;
use std::sync::LazyLock;

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<(link|script)\b([^>]*)>").expect("regex"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)([a-z_:][-a-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("regex")
});
static PKG_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["'`]([^"'`\s<>]*/pkg/[^"'`\s<>]+\.(?:js|mjs|wasm|css))["'`]"#).expect("regex")
});
static JS_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'\s]+\.(?:js|mjs|wasm))["']|new URL\(\s*["']([^"'\s]+)["']"#)
        .expect("regex")
});

/// One resource the page loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    pub path: String,
    pub kind: String,
}

/// Resources referenced by the HTML of `page_path` on `authority`, in document order, without duplicates.
pub fn find_in_html(html: &str, page_path: &str, authority: &str) -> Vec<Asset> {
    let mut out = Vec::new();
    for cap in TAG.captures_iter(html) {
        let attrs = attributes(&cap[2]);
        if let Some((reference, kind)) = tag_reference(&cap[1].to_ascii_lowercase(), &attrs) {
            push(&mut out, page_path, authority, reference, kind);
        }
    }
    for cap in PKG_REF.captures_iter(html) {
        let kind = kind_of(&cap[1]);
        push(&mut out, page_path, authority, &cap[1], kind);
    }
    out
}

/// Modules and wasm that a fetched JS file at `js_path` imports (static, dynamic, or `new URL(...)`).
pub fn find_in_js(js: &str, js_path: &str, authority: &str) -> Vec<Asset> {
    let mut out = Vec::new();
    for cap in JS_IMPORT.captures_iter(js) {
        let Some(r) = cap.get(1).or_else(|| cap.get(2)) else {
            continue;
        };
        let r = r.as_str();
        if r.ends_with(".js") || r.ends_with(".mjs") || r.ends_with(".wasm") {
            push(&mut out, js_path, authority, r, kind_of(r));
        }
    }
    out
}

fn push(out: &mut Vec<Asset>, base: &str, authority: &str, reference: &str, kind: &str) {
    if let Some(path) = resolve(base, reference, authority)
        && !out.iter().any(|a| a.path == path)
    {
        out.push(Asset {
            path,
            kind: kind.to_string(),
        });
    }
}

/// Lower-cased attribute names with their values.
fn attributes(text: &str) -> Vec<(String, String)> {
    ATTR.captures_iter(text)
        .map(|c| {
            let v = c
                .get(2)
                .or_else(|| c.get(3))
                .or_else(|| c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), v.to_string())
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The URL a `<link>` or `<script>` makes the browser fetch, with a kind label.
fn tag_reference<'a>(tag: &str, attrs: &'a [(String, String)]) -> Option<(&'a str, &'static str)> {
    if tag == "script" {
        return attr(attrs, "src").map(|s| (s, "script"));
    }
    let rel = attr(attrs, "rel")?.to_ascii_lowercase();
    let href = attr(attrs, "href")?;
    let rels: Vec<&str> = rel.split_whitespace().collect();
    let kind = if rels.contains(&"stylesheet") {
        "stylesheet"
    } else if rels.contains(&"modulepreload") {
        "modulepreload"
    } else if rels.contains(&"preload") {
        "preload"
    } else if rels.contains(&"icon") {
        "icon"
    } else {
        return None;
    };
    Some((href, kind))
}

fn kind_of(path: &str) -> &'static str {
    let p = path.split(['?', '#']).next().unwrap_or(path);
    if p.ends_with(".wasm") {
        "wasm"
    } else if p.ends_with(".css") {
        "css"
    } else {
        "js"
    }
}

/// Resolves `reference` against the server path `base`; `None` for other origins, data: and the like.
pub fn resolve(base: &str, reference: &str, authority: &str) -> Option<String> {
    let reference = reference.trim();
    let reference = reference.split('#').next()?;
    if reference.is_empty() || reference.starts_with("//") {
        return None;
    }
    if let Some(rest) = reference
        .strip_prefix("http://")
        .or_else(|| reference.strip_prefix("https://"))
    {
        let (auth, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        return (auth == authority).then(|| {
            if path.is_empty() {
                "/".to_string()
            } else {
                path.to_string()
            }
        });
    }
    if reference.contains(':') && !reference.starts_with('/') && !reference.starts_with('.') {
        return None; // data:, blob:, mailto: …
    }
    if reference.starts_with('/') {
        return Some(normalize(reference));
    }
    let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
    Some(normalize(&format!(
        "{}{reference}",
        if dir.is_empty() { "/" } else { dir }
    )))
}

/// Removes `.` and `..` segments from an absolute path (query kept as is).
fn normalize(path: &str) -> String {
    let (p, query) = match path.find('?') {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/').skip(1) {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}{query}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEPTOS_HTML: &str = r#"<!DOCTYPE html><html><head>
<link rel="stylesheet" id="leptos" href="/pkg/hocvu.css">
<link rel="icon" type="image/x-icon" href="/favicon.ico">
<link rel="modulepreload" href="/pkg/hocvu.js" crossorigin="">
<link rel="preload" href="/pkg/hocvu.wasm" as="fetch" type="application/wasm" crossorigin="">
<script type="module">import('/pkg/hocvu.js').then(mod => { mod.default({module_or_path: '/pkg/hocvu.wasm'}).then(() => { mod.hydrate(); }); })</script>
<link rel="stylesheet" href="https://cdn.example.org/x.css">
</head><body></body></html>"#;

    #[test]
    fn finds_leptos_assets_once_each() {
        let got: Vec<String> = find_in_html(LEPTOS_HTML, "/", "127.0.0.1:3200")
            .into_iter()
            .map(|a| a.path)
            .collect();
        assert_eq!(
            got,
            [
                "/pkg/hocvu.css",
                "/favicon.ico",
                "/pkg/hocvu.js",
                "/pkg/hocvu.wasm"
            ]
        );
    }

    #[test]
    fn finds_js_imports_relative_to_module() {
        let js = r#"import { a } from './snippets/app-123/inline0.js'; import * as b from "../x.js";
            module_or_path = new URL('hocvu_bg.wasm', import.meta.url);"#;
        let got: Vec<String> = find_in_js(js, "/pkg/hocvu.js", "h")
            .into_iter()
            .map(|a| a.path)
            .collect();
        assert_eq!(
            got,
            [
                "/pkg/snippets/app-123/inline0.js",
                "/x.js",
                "/pkg/hocvu_bg.wasm"
            ]
        );
    }

    #[test]
    fn resolves_references() {
        assert_eq!(resolve("/a/b", "c.js", "h").as_deref(), Some("/a/c.js"));
        assert_eq!(resolve("/", "http://h/p.js", "h").as_deref(), Some("/p.js"));
        assert_eq!(resolve("/", "http://other/p.js", "h"), None);
        assert_eq!(resolve("/", "data:text/css,x", "h"), None);
        assert_eq!(resolve("/", "//cdn/x.js", "h"), None);
    }
}

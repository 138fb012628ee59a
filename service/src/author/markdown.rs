//! Lesson text: Markdown rendered to HTML, then sanitised, so an author's text can carry no
//! script, event handler or `javascript:` link into a learner's page.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use pulldown_cmark::{Options, Parser, html};

/// Texts rendered lately: sanitising costs far more than serving a page from memory, and the
/// same lessons are read over and over. Keyed by the whole text, so an edit is a new entry.
static RENDERED: LazyLock<Mutex<HashMap<String, String>>> = LazyLock::new(Default::default);
/// Entries kept before the cache starts again from empty (a few MiB of lessons at most).
const CACHE_ENTRIES: usize = 512;

/// The safe HTML of a Markdown text, from the cache when it was rendered lately.
pub fn to_safe_html(markdown: &str) -> String {
    if let Some(html) = RENDERED.lock().ok().and_then(|c| c.get(markdown).cloned()) {
        return html;
    }
    let html = render(markdown);
    if let Ok(mut cache) = RENDERED.lock() {
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(markdown.to_owned(), html.clone());
    }
    html
}

fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    CLEANER.clean(&raw).to_string()
}

/// ammonia's defaults keep formatting, lists, tables, links and images, drop everything that
/// runs code, and give every link rel="noopener noreferrer". Images load lazily: on a phone,
/// the text comes first and a picture further down costs nothing until it is scrolled to.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut cleaner = ammonia::Builder::default();
    cleaner
        .set_tag_attribute_value("img", "loading", "lazy")
        .set_tag_attribute_value("img", "decoding", "async");
    cleaner
});

#[cfg(test)]
mod tests {
    use super::{render, to_safe_html};

    #[test]
    fn the_cache_gives_what_rendering_gives() {
        let text = "# Bài 1\n\n<script>x</script>*nghiêng*";
        let first = to_safe_html(text);
        assert_eq!(first, render(text));
        assert_eq!(to_safe_html(text), first, "served from the cache");
        assert_ne!(
            to_safe_html("# Bài 2"),
            first,
            "another text, another entry"
        );
    }

    #[test]
    fn images_load_lazily() {
        let html = to_safe_html("![Màn hình VNeID](/tep/0123)");
        assert!(html.contains("loading=\"lazy\""), "{html}");
        assert!(html.contains("decoding=\"async\""), "{html}");
    }

    #[test]
    fn formatting_stays() {
        let html = to_safe_html(
            "## Mục\n\n**Đậm** và [liên kết](https://dichvucong.gov.vn)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h2>Mục</h2>"), "{html}");
        assert!(html.contains("<strong>Đậm</strong>"));
        assert!(html.contains(r#"href="https://dichvucong.gov.vn""#) && html.contains("noopener"));
        assert!(html.contains("<table>") && html.contains("<td>2</td>"));
    }

    #[test]
    fn no_script_gets_through() {
        let evil = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[bấm](javascript:alert(3))\n\n<a href=\"javascript:alert(4)\">x</a><iframe src=\"https://evil\"></iframe><p style=\"x\" onclick=\"y\">z</p>";
        let html = to_safe_html(evil);
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "onclick",
            "style=",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }
}

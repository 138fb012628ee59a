//! Lesson text: Markdown rendered to HTML, then sanitised, so an author's text can carry no
//! script, event handler or `javascript:` link into a learner's page.
use pulldown_cmark::{Options, Parser, html};

pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    // ammonia's defaults keep formatting, lists, tables, links and images, drop everything that
    // runs code, and give every link rel="noopener noreferrer".
    ammonia::clean(&raw)
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

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

//! The interface languages, and picking one from what the browser asks for.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// The province's users read Vietnamese first, so it is what anyone gets by default.
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Accepts a bare code or a full language tag ("vi", "EN", "en-GB"), since the value may
    /// come from a cookie, a query string or a browser.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .iter()
            .copied()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// Picks the supported language the browser prefers most; ties keep header order, as
    /// browsers list their favourite first.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut ranges: Vec<(&str, u16)> = header.split(',').filter_map(parse_range).collect();
        ranges.sort_by_key(|range| std::cmp::Reverse(range.1));
        ranges
            .iter()
            .find_map(|(tag, _)| Lang::parse(tag))
            .unwrap_or_default()
    }
}

/// One `tag;q=0.8` item as (tag, q in thousandths); `None` for items the browser refuses (q=0)
/// or that are malformed, so they never win.
fn parse_range(item: &str) -> Option<(&str, u16)> {
    let mut parts = item.split(';');
    let tag = parts.next()?.trim();
    if tag.is_empty() {
        return None;
    }
    let mut q = 1000;
    for param in parts {
        if let Some((key, value)) = param.split_once('=')
            && key.trim().eq_ignore_ascii_case("q")
        {
            q = parse_q(value.trim())?;
        }
    }
    (q > 0).then_some((tag, q))
}

/// Integer thousandths avoid comparing floats, and the grammar allows at most three decimals.
fn parse_q(value: &str) -> Option<u16> {
    let q: f32 = value.parse().ok()?;
    (0.0..=1.0)
        .contains(&q)
        .then(|| (q * 1000.0).round() as u16)
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_vietnamese() {
        assert_eq!(Lang::default(), Lang::Vi);
    }

    #[test]
    fn parse_accepts_codes_and_tags() {
        assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn accept_language_follows_q_order() {
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,vi;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("vi-VN,vi;q=0.9,en;q=0.8"),
            Lang::Vi
        );
        assert_eq!(
            Lang::from_accept_language("fr;q=1, en;q=0.4, vi;q=0.7"),
            Lang::Vi
        );
        assert_eq!(Lang::from_accept_language("en;q=0.5, fr, de"), Lang::En);
    }

    #[test]
    fn accept_language_ties_keep_header_order() {
        assert_eq!(Lang::from_accept_language("en, vi"), Lang::En);
        assert_eq!(Lang::from_accept_language("vi, en"), Lang::Vi);
    }

    #[test]
    fn accept_language_falls_back_to_vietnamese() {
        assert_eq!(Lang::from_accept_language(""), Lang::Vi);
        assert_eq!(Lang::from_accept_language("fr-FR,de;q=0.5"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("*"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("en;q=0, fr"), Lang::Vi);
        assert_eq!(Lang::from_accept_language("en;q=abc"), Lang::Vi);
    }
}

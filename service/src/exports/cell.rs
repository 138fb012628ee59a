//! One cell of an export, and the guard that keeps a text cell from being run as a formula.
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A count or a score: a number in XLSX, written without a needless `.0` in CSV.
    Number(f64),
    /// A percentage with one decimal: a number in XLSX, `96,5` or `96.5` in CSV.
    Percent(f64),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<u64> for Cell {
    fn from(n: u64) -> Cell {
        Cell::Number(n as f64)
    }
}

/// Characters that make a spreadsheet read a cell as a formula (or shift it into one).
const TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A text that a spreadsheet would run as a formula gets a leading apostrophe, which makes it
/// plain text: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(TRIGGERS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The inverse, for a CSV read back in: an apostrophe followed by a trigger is the guard's.
pub fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => text,
    }
}

/// Whole numbers without `.0`, others in their shortest exact form.
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_are_neutralised() {
        for (raw, safe) in [
            (
                "=HYPERLINK(\"http://ke-gian.example\",\"Bấm vào\")",
                "'=HYPERLINK(\"http://ke-gian.example\",\"Bấm vào\")",
            ),
            ("+84912345678", "'+84912345678"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(neutralise(raw), safe, "{raw:?}");
            assert_eq!(unguard(safe), raw, "{safe:?}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "Nguyễn Văn An",
            "KNS-CB-01",
            "2025-01-01",
            "",
            "a=b",
            "'quoted",
            "0912345678",
        ] {
            assert_eq!(neutralise(text), text);
            assert_eq!(unguard(text), text);
        }
    }

    #[test]
    fn numbers_without_needless_decimals() {
        assert_eq!(number_text(90.0), "90");
        assert_eq!(number_text(85.5), "85.5");
        assert_eq!(number_text(0.0), "0");
    }
}

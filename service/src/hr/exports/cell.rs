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

/// Where a spreadsheet may start a new cell inside one field of a CSV line: at either locale's
/// list separator (`,` in English; `;` in Vietnamese, where Excel splits a comma-separated
/// line at its semicolons and does not honour a quote that opens in the middle of it) and at
/// a line break.
const BREAKS: &[char] = &[',', ';', '\r', '\n'];

/// What a spreadsheet may pass over before the character that makes a formula: a quote
/// opening a cell, a space, and an apostrophe (the guard's own or one already there).
const LEADERS: &[char] = &['\'', '"', ' '];

/// Where each cell a spreadsheet could split out of `text` starts, as byte offsets.
fn cell_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices(BREAKS).map(|(i, b)| i + b.len()))
}

fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches(LEADERS).starts_with(TRIGGERS)
}

/// Every cell a spreadsheet could split out of a text and would run as a formula gets a
/// leading apostrophe, which makes it plain text: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`,
/// and `Nguyễn An;=2+5` becomes `Nguyễn An;'=2+5`, so Excel in a Vietnamese locale, splitting
/// at the `;`, finds no formula either. Apostrophes already before such a cell get one more, so
/// [`unguard`] gives back exactly the text.
pub(crate) fn neutralise(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    for start in cell_starts(text).filter(|&i| formula_like(&text[i..])) {
        out.push_str(&text[copied..start]);
        out.push('\'');
        copied = start;
    }
    if out.is_empty() {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The inverse, for a CSV read back in: an apostrophe opening a cell that [`neutralise`] would
/// guard without it is the guard's, and comes off.
pub(crate) fn unguard(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let guards =
        cell_starts(text).filter(|&i| text[i..].starts_with('\'') && formula_like(&text[i + 1..]));
    for guard in guards {
        out.push_str(&text[copied..guard]);
        copied = guard + 1;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
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
    use proptest::prelude::*;

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
        ] {
            assert_eq!(neutralise(raw), safe, "{raw:?}");
            assert_eq!(unguard(safe), raw, "{safe:?}");
        }
    }

    #[test]
    fn every_cell_a_spreadsheet_could_split_out_is_guarded() {
        for (raw, safe) in [
            ("Nguyễn An;=2+5", "Nguyễn An;'=2+5"),
            ("Trần Bình,+84912345678", "Trần Bình,'+84912345678"),
            ("Lớp 1\n=1+1\r\n@A1", "Lớp 1\n'=1+1\r\n'@A1"),
            ("\r=1", "'\r'=1"),
            ("A; \"=1\";B", "A;' \"=1\";B"),
            ("'=x", "''=x"),
            ("a;''-1", "a;'''-1"),
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
            "Nguyễn Văn An; Trần Thị Bình",
            "Hà Nội, Việt Nam",
            "a;'b",
        ] {
            assert_eq!(neutralise(text), text);
            assert_eq!(unguard(text), text);
        }
    }

    proptest! {
        /// Whatever the text, the guard comes off exactly, and every cell a spreadsheet could
        /// split out of the guarded text either starts with the apostrophe or is no formula.
        #[test]
        fn the_guard_is_exact_and_leaves_no_formula(text in "[a-zà-ỹ '\"=+@,;\t\r\n-]{0,40}") {
            let safe = neutralise(&text);
            prop_assert_eq!(unguard(&safe), text.as_str());
            for start in cell_starts(&safe) {
                let cell = &safe[start..];
                prop_assert!(
                    cell.starts_with('\'') || !formula_like(cell),
                    "{:?} in {:?}", cell, safe
                );
            }
        }
    }

    #[test]
    fn numbers_without_needless_decimals() {
        assert_eq!(number_text(90.0), "90");
        assert_eq!(number_text(85.5), "85.5");
        assert_eq!(number_text(0.0), "0");
    }
}

//! A [`Sheet`] as CSV bytes.
use super::cell::{neutralise, number_text};
use super::{Cell, DecimalMark, Sheet};

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(super) fn write(table: &Sheet, mark: DecimalMark) -> Vec<u8> {
    let mut out = BOM.to_vec();
    write_line(&mut out, table.headers.iter().map(|h| neutralise(h)));
    for row in &table.rows {
        write_line(&mut out, row.iter().map(|c| text(c, mark)));
    }
    out
}

/// One line: fields separated by commas, ended by CRLF. A line of one empty field is `""`,
/// so that it is not read as a blank line.
fn write_line<S: AsRef<str>>(out: &mut Vec<u8>, fields: impl Iterator<Item = S>) {
    let start = out.len();
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_field(out, field.as_ref());
    }
    if out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(b"\r\n");
}

/// Characters that make a field quoted: either locale's list separator (`,` or `;`), the
/// quote itself and line breaks. The csv crate quotes only for its own delimiter, so a field
/// with a `;` would reach a spreadsheet in a Vietnamese locale unquoted.
const NEEDS_QUOTES: &[char] = &[',', ';', '"', '\r', '\n'];

fn write_field(out: &mut Vec<u8>, field: &str) {
    if field.contains(NEEDS_QUOTES) {
        out.push(b'"');
        out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

fn text(cell: &Cell, mark: DecimalMark) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => neutralise(s).into_owned(),
        Cell::Number(n) => with_mark(number_text(*n), mark),
        Cell::Percent(p) => with_mark(format!("{:.1}", p + 0.0), mark),
    }
}

fn with_mark(text: String, mark: DecimalMark) -> String {
    match mark {
        DecimalMark::Point => text,
        DecimalMark::Comma => text.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Sheet {
        let mut t = Sheet::new(["ma_can_bo", "ho_ten", "ty_le"]);
        t.push(vec![
            "CB01".into(),
            "=HYPERLINK(\"http://x.example\",\"Nhấn\")".into(),
            Cell::Percent(96.5),
        ]);
        t.push(vec![
            "CB02".into(),
            "Trần; Thị \"Bình\"".into(),
            Cell::Empty,
        ]);
        t.push(vec!["CB03".into(), Cell::Number(12.0)]);
        t
    }

    #[test]
    fn bom_quotes_guard_and_decimal_comma() {
        let bytes = write(&sample(), DecimalMark::Comma);
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "ma_can_bo,ho_ten,ty_le");
        assert_eq!(
            lines[1],
            "CB01,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Nhấn\"\")\",\"96,5\""
        );
        assert_eq!(lines[2], "CB02,\"Trần; Thị \"\"Bình\"\"\",");
        assert_eq!(lines[3], "CB03,12");
    }

    #[test]
    fn decimal_point_in_english() {
        let bytes = write(&sample(), DecimalMark::Point);
        assert!(std::str::from_utf8(&bytes).unwrap().contains(",96.5\r\n"));
    }

    #[test]
    fn the_import_reader_reads_it_back() {
        let bytes = write(&sample(), DecimalMark::Comma);
        let read = crate::hr::imports::table::read(crate::hr::imports::FileType::Csv, &bytes)
            .ok()
            .unwrap();
        assert_eq!(read.header, ["ma_can_bo", "ho_ten", "ty_le"]);
        assert_eq!(
            read.rows[0].1[1], "=HYPERLINK(\"http://x.example\",\"Nhấn\")",
            "the guard comes off on import"
        );
        assert_eq!(read.rows[0].1[2], "96,5");
        assert_eq!(read.rows[1].1[1], "Trần; Thị \"Bình\"");
    }

    #[test]
    fn fields_with_either_separator_are_quoted_and_each_cell_guarded() {
        let mut t = Sheet::new(["ho_ten", "ghi_chu"]);
        t.push(vec!["Nguyễn An;=2+5".into(), "dòng 1\n-dòng 2".into()]);
        t.push(vec!["Lê, Cường".into(), Cell::Empty]);
        t.push(vec!["".into()]);
        let bytes = write(&t, DecimalMark::Comma);
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(
            text,
            "ho_ten,ghi_chu\r\n\"Nguyễn An;'=2+5\",\"dòng 1\n'-dòng 2\"\r\n\"Lê, Cường\",\r\n\"\"\r\n"
        );
        let read = crate::hr::imports::table::read(crate::hr::imports::FileType::Csv, &bytes)
            .ok()
            .unwrap();
        assert_eq!(read.rows[0].1, ["Nguyễn An;=2+5", "dòng 1\n-dòng 2"]);
        assert_eq!(read.rows[1].1, ["Lê, Cường", ""]);
    }
}

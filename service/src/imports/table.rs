//! Reads an uploaded CSV or XLSX file into a header and rows of trimmed strings, with line numbers.
use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use domain::exchange::RowError;

/// The file types an import accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Csv,
    Xlsx,
}

impl FileType {
    /// From the request's media type; a ZIP signature means XLSX whatever the label says,
    /// since browsers and scripts label uploads loosely.
    pub fn detect(content_type: Option<&str>, bytes: &[u8]) -> FileType {
        let says_xlsx =
            content_type.is_some_and(|t| t.contains("spreadsheetml") || t.contains("excel"));
        if says_xlsx || bytes.starts_with(b"PK\x03\x04") {
            FileType::Xlsx
        } else {
            FileType::Csv
        }
    }
}

/// What reading a file hands over, row by row, so no copy of the whole table is kept.
pub trait Visit {
    /// The header row; an error rejects the file before any data row is read.
    fn header(&mut self, cells: &[String]) -> Result<(), Vec<RowError>>;
    /// A data row with at least one non-blank cell, with its line number (the header is line 1):
    /// blank rows are skipped but still counted, so numbers match what the officer sees.
    fn row(&mut self, line: usize, cells: &[String]);
    /// How much of the file has been read, in bytes.
    fn read_so_far(&mut self, _done: usize, _total: usize) {}
}

/// Reads the file and hands its header, then its data rows, to `visit`.
pub fn visit(
    file_type: FileType,
    bytes: &[u8],
    visit: &mut impl Visit,
) -> Result<(), Vec<RowError>> {
    match file_type {
        FileType::Csv => visit_csv(bytes, visit),
        FileType::Xlsx => visit_xlsx(bytes, visit),
    }
}

/// The header row and the data rows with their line numbers, all in memory.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Visit for Table {
    fn header(&mut self, cells: &[String]) -> Result<(), Vec<RowError>> {
        self.header = cells.to_vec();
        Ok(())
    }

    fn row(&mut self, line: usize, cells: &[String]) {
        self.rows.push((line, cells.to_vec()));
    }
}

pub fn read(file_type: FileType, bytes: &[u8]) -> Result<Table, Vec<RowError>> {
    let mut table = Table {
        header: Vec::new(),
        rows: Vec::new(),
    };
    visit(file_type, bytes, &mut table)?;
    Ok(table)
}

fn unreadable() -> Vec<RowError> {
    vec![RowError::new(1, "", "unreadable_file")]
}

fn header(cells: &[String], visit: &mut impl Visit) -> Result<(), Vec<RowError>> {
    if cells.iter().all(|h| h.trim().is_empty()) {
        return Err(vec![RowError::new(1, "", "empty_file")]);
    }
    visit.header(cells)
}

/// Semicolons when the header line has more of them than commas (Excel in a Vietnamese or
/// European locale saves CSV that way), commas otherwise.
fn delimiter(text: &[u8]) -> u8 {
    let first_line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Rows between two progress reports.
const REPORT_EVERY: usize = 4096;

fn visit_csv(bytes: &[u8], visit: &mut impl Visit) -> Result<(), Vec<RowError>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body);
    let mut record = csv::StringRecord::new();
    let mut cells = Cells::default();
    if !reader.read_record(&mut record).map_err(|_| unreadable())? {
        return header(&[], visit);
    }
    header(cells.fill(record.iter().map(str::to_owned)), visit)?;
    let mut lines = LineCounter::default();
    let mut count = 0;
    while reader.read_record(&mut record).map_err(|_| unreadable())? {
        count += 1;
        // The csv crate skips blank lines, so the line is counted from where the record starts.
        let line = record
            .position()
            .map_or(count + 1, |p| lines.line_at(body, p.byte() as usize));
        let row = cells.fill(record.iter().map(unguarded));
        if row.iter().any(|c| !c.is_empty()) {
            visit.row(line, row);
        }
        if count % REPORT_EVERY == 0 {
            visit.read_so_far(lines.offset, body.len());
        }
    }
    visit.read_so_far(body.len(), body.len());
    Ok(())
}

/// A CSV cell trimmed, without the apostrophes an export put in to keep it from being a formula.
fn unguarded(cell: &str) -> Cow<'_, str> {
    match crate::exports::unguard(cell.trim()) {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
    }
}

/// One row's cells, reusing the strings of the previous row so a long file costs no
/// allocation per cell.
#[derive(Default)]
struct Cells {
    cells: Vec<String>,
}

impl Cells {
    fn fill<S: AsRef<str>>(&mut self, values: impl Iterator<Item = S>) -> &[String] {
        let mut n = 0;
        for value in values {
            if n == self.cells.len() {
                self.cells.push(String::new());
            }
            self.cells[n].clear();
            self.cells[n].push_str(value.as_ref());
            n += 1;
        }
        &self.cells[..n]
    }
}

/// Line numbers of byte offsets met in increasing order, counting each byte once overall.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    newlines: usize,
}

impl LineCounter {
    /// The csv crate may place a record's start on the line break before it, so line breaks
    /// at the offset are stepped over first.
    fn line_at(&mut self, text: &[u8], offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while offset < text.len() && matches!(text[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset > self.offset {
            self.newlines += text[self.offset..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.offset = offset;
        }
        self.newlines + 1
    }
}

fn visit_xlsx(bytes: &[u8], visit: &mut impl Visit) -> Result<(), Vec<RowError>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        _ => return Err(unreadable()),
    };
    visit.read_so_far(bytes.len(), bytes.len());
    let first_line = range.start().map_or(1, |(row, _)| row as usize + 1);
    let mut cells = Cells::default();
    let mut lines = range.rows().enumerate();
    let head = lines
        .next()
        .map(|(_, r)| cells.fill(r.iter().map(cell_text)).to_vec())
        .unwrap_or_default();
    header(&head, visit)?;
    for (i, r) in lines {
        let row = cells.fill(r.iter().map(cell_text));
        if row.iter().any(|c| !c.is_empty()) {
            visit.row(first_line + i, row);
        }
    }
    Ok(())
}

/// A cell as the officer sees it: whole numbers without `.0` (staff codes, phone numbers),
/// date cells as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or_default().to_owned(),
        Data::DurationIso(s) => s.clone(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Excel counts days from 1899-12-30 (which absorbs its fictitious 29 February 1900).
fn excel_date(serial: f64) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a real date");
    let days = serial.floor() as i64;
    epoch
        .checked_add_signed(chrono::Duration::days(days))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_semicolons_and_quotes() {
        let t = read(
            FileType::Csv,
            "\u{feff}ma;ten\r\n1;\"Nguyễn; An\"\r\n\r\n2;B\r\n".as_bytes(),
        )
        .ok()
        .unwrap();
        assert_eq!(t.header, ["ma", "ten"]);
        assert_eq!(
            t.rows,
            [
                (2, vec!["1".to_owned(), "Nguyễn; An".to_owned()]),
                (4, vec!["2".to_owned(), "B".to_owned()])
            ]
        );
    }

    #[test]
    fn line_numbers_count_blank_lines_and_multi_line_cells() {
        let t = read(FileType::Csv, b"a,b\n\n1,\"x\ny\"\n2,z\n")
            .ok()
            .unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 5]);
        assert_eq!(t.rows[0].1[1], "x\ny");
    }

    #[test]
    fn a_short_row_after_a_long_one_keeps_only_its_own_cells() {
        let t = read(FileType::Csv, b"a,b,c\n1,2,3\n4\n").ok().unwrap();
        assert_eq!(t.rows[1], (3, vec!["4".to_owned()]));
    }

    #[test]
    fn a_file_without_a_header_is_empty() {
        assert_eq!(
            read(FileType::Csv, b"").err(),
            Some(vec![RowError::new(1, "", "empty_file")])
        );
        assert_eq!(
            read(FileType::Csv, b" , \n1,2\n").err(),
            Some(vec![RowError::new(1, "", "empty_file")])
        );
    }

    #[test]
    fn the_delimiter_is_taken_from_the_header_line() {
        assert_eq!(delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(delimiter(b"a,b,c\n1;2;3"), b',');
    }

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(excel_date(46081.0), "2026-02-28");
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(85.5), "85.5");
    }
}

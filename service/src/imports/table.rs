//! Reads an uploaded CSV or XLSX file into a header and rows of trimmed strings, with line numbers.
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
        let says_xlsx = content_type.is_some_and(|t| t.contains("spreadsheetml") || t.contains("excel"));
        if says_xlsx || bytes.starts_with(b"PK\x03\x04") { FileType::Xlsx } else { FileType::Csv }
    }
}

/// The header row (line 1) and the data rows with their line numbers; blank rows are skipped
/// but still counted, so numbers match what the officer sees in the spreadsheet.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

fn unreadable() -> Vec<RowError> {
    vec![RowError::new(1, "", "unreadable_file")]
}

pub fn read(file_type: FileType, bytes: &[u8]) -> Result<Table, Vec<RowError>> {
    let table = match file_type {
        FileType::Csv => read_csv(bytes)?,
        FileType::Xlsx => read_xlsx(bytes)?,
    };
    if table.header.iter().all(|h| h.trim().is_empty()) {
        return Err(vec![RowError::new(1, "", "empty_file")]);
    }
    Ok(table)
}

/// Semicolons when the header line has more of them than commas (Excel in a Vietnamese or
/// European locale saves CSV that way), commas otherwise.
fn delimiter(text: &[u8]) -> u8 {
    let first_line = text.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    if count(b';') > count(b',') { b';' } else { b',' }
}

fn read_csv(bytes: &[u8]) -> Result<Table, Vec<RowError>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body);
    let mut records = reader.records().enumerate();
    let header = match records.next() {
        Some((_, Ok(r))) => r.iter().map(str::to_owned).collect(),
        Some((_, Err(_))) => return Err(unreadable()),
        None => Vec::new(),
    };
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for (i, record) in records {
        let record = record.map_err(|_| unreadable())?;
        // The csv crate skips blank lines, so the line is counted from where the record starts.
        let line = record.position().map_or(i + 1, |p| lines.line_at(body, p.byte() as usize));
        push_row(&mut rows, line, record.iter().map(csv_cell).collect());
    }
    Ok(Table { header, rows })
}

/// A cell trimmed, without the apostrophe our exports put before a would-be formula, so an
/// exported file imports unchanged.
fn csv_cell(cell: &str) -> String {
    crate::exports::unguard(cell.trim()).trim().to_owned()
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
            self.newlines += text[self.offset..offset].iter().filter(|&&b| b == b'\n').count();
            self.offset = offset;
        }
        self.newlines + 1
    }
}

fn push_row(rows: &mut Vec<(usize, Vec<String>)>, line: usize, cells: Vec<String>) {
    if cells.iter().any(|c| !c.is_empty()) {
        rows.push((line, cells));
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, Vec<RowError>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        _ => return Err(unreadable()),
    };
    let first_line = range.start().map_or(1, |(row, _)| row as usize + 1);
    let mut lines = range.rows().enumerate();
    let header = lines.next().map(|(_, r)| r.iter().map(cell_text).collect()).unwrap_or_default();
    let mut rows = Vec::new();
    for (i, r) in lines {
        push_row(&mut rows, first_line + i, r.iter().map(cell_text).collect());
    }
    Ok(Table { header, rows })
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
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
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
        let t = read(FileType::Csv, "\u{feff}ma;ten\r\n1;\"Nguyễn; An\"\r\n\r\n2;B\r\n".as_bytes()).ok().unwrap();
        assert_eq!(t.header, ["ma", "ten"]);
        assert_eq!(t.rows, [(2, vec!["1".to_owned(), "Nguyễn; An".to_owned()]), (4, vec!["2".to_owned(), "B".to_owned()])]);
    }

    #[test]
    fn line_numbers_count_blank_lines_and_multi_line_cells() {
        let t = read(FileType::Csv, b"a,b\n\n1,\"x\ny\"\n2,z\n").ok().unwrap();
        let lines: Vec<usize> = t.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 5]);
        assert_eq!(t.rows[0].1[1], "x\ny");
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

//! Reads an uploaded CSV or XLSX file into a header and rows of trimmed strings, with line numbers.
use std::borrow::Cow;
use std::io::Cursor;

use calamine::{DataRef, ExcelDateTime, Reader, Xlsx, XlsxError, open_workbook_from_rs};
use domain::exchange::{MAX_SHEET_CELLS, RowError};

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
    /// `unreadable` lists the cells the file holds no readable value for (a workbook's date
    /// cell whose number is no date); they are empty in `cells`.
    fn row(&mut self, line: usize, cells: &[String], unreadable: &[usize]);
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
    /// The line and position of each cell that could not be read.
    pub unreadable: Vec<(usize, usize)>,
}

impl Visit for Table {
    fn header(&mut self, cells: &[String]) -> Result<(), Vec<RowError>> {
        self.header = cells.to_vec();
        Ok(())
    }

    fn row(&mut self, line: usize, cells: &[String], unreadable: &[usize]) {
        self.rows.push((line, cells.to_vec()));
        self.unreadable
            .extend(unreadable.iter().map(|&i| (line, i)));
    }
}

pub fn read(file_type: FileType, bytes: &[u8]) -> Result<Table, Vec<RowError>> {
    let mut table = Table {
        header: Vec::new(),
        rows: Vec::new(),
        unreadable: Vec::new(),
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
            visit.row(line, row, &[]);
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
    match crate::hr::exports::unguard(cell.trim()) {
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
    check_unpacked_size(bytes, MAX_UNPACKED_BYTES)?;
    let sheet = read_first_sheet(bytes)?;
    visit.read_so_far(bytes.len(), bytes.len());
    sheet.visit(visit)
}

/// The most an XLSX file may unpack to, all its parts together: several times what a sheet of
/// [`MAX_SHEET_CELLS`] cells needs, and a bound on what a zip bomb can make the reader hold.
const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Unpacks every part of the archive into nothing, counting, before calamine reads any: the
/// sizes an archive declares can lie, what comes out cannot.
fn check_unpacked_size(bytes: &[u8], limit: u64) -> Result<(), Vec<RowError>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let mut left = limit;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(|_| unreadable())?;
        let shared_strings = part
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        let mut counted = Counted {
            inner: (&mut part).take(left + 1),
            read: 0,
        };
        if shared_strings {
            check_shared_strings(&mut counted)?;
        }
        std::io::copy(&mut counted, &mut std::io::sink()).map_err(|_| unreadable())?;
        left = left.checked_sub(counted.read).ok_or_else(too_large)?;
    }
    Ok(())
}

fn too_large() -> Vec<RowError> {
    vec![RowError::new(1, "", "sheet_too_large")]
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// A workbook's shared strings: no more than [`MAX_SHEET_CELLS`] of them, listed or announced
/// (each cell holds at most one). calamine reserves room for the `uniqueCount` the file
/// announces before reading a string, so `uniqueCount="100000000000"` in a 2 KB file was a
/// 2.4 TB allocation that failed and aborted the server; and each `<si/>` (5 bytes, so 50
/// million in 256 MB unpacked) costs it a 24-byte string, over a gigabyte in all. What is no
/// XML even to calamine is left for calamine to refuse.
fn check_shared_strings(part: impl std::io::Read) -> Result<(), Vec<RowError>> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    // As calamine reads it (`xml_reader` of calamine 0.38): XML it lets through must not stop
    // the count here before the `<sst>` it reaches.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut strings = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    let announced = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "uniqueCount")
                        .map(|a| a.value.into_owned());
                    if announced.is_some_and(|n| too_many(&n)) {
                        return Err(too_large());
                    }
                }
                "si" => {
                    strings += 1;
                    if strings > MAX_SHEET_CELLS {
                        return Err(too_large());
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// Whether a count written in the file is over [`MAX_SHEET_CELLS`]: a number too long to
/// parse is.
fn too_many(count: &str) -> bool {
    let count = count.trim().trim_start_matches('+');
    match count.parse::<u64>() {
        Ok(n) => n > MAX_SHEET_CELLS,
        Err(_) => count.bytes().filter(u8::is_ascii_digit).count() > 7,
    }
}

/// A cell of a workbook as the officer sees it, or a date cell whose number is no date.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    UnreadableDate,
}

/// One non-empty cell of a sheet, where it sits (row and column from 0).
struct SheetCell {
    row: u32,
    col: u32,
    value: Value,
}

/// The rows and columns of a sheet's used range, first and last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bounds {
    top: u32,
    bottom: u32,
    left: u32,
    right: u32,
}

impl Bounds {
    fn at(row: u32, col: u32) -> Bounds {
        Bounds {
            top: row,
            bottom: row,
            left: col,
            right: col,
        }
    }

    fn with(self, row: u32, col: u32) -> Bounds {
        Bounds {
            top: self.top.min(row),
            bottom: self.bottom.max(row),
            left: self.left.min(col),
            right: self.right.max(col),
        }
    }

    /// Rows × columns, which is what a grid of the range would hold.
    fn cells(self) -> u64 {
        (u64::from(self.bottom - self.top) + 1) * (u64::from(self.right - self.left) + 1)
    }
}

/// The non-empty cells of a sheet, read one by one from its XML: nothing the size of the used
/// range is allocated, so a lone cell at XFD1048576 costs one cell, not a grid of 17 billion.
#[derive(Default)]
struct Sheet {
    cells: Vec<SheetCell>,
    bounds: Option<Bounds>,
}

impl Sheet {
    /// Adds a cell; a used range over [`MAX_SHEET_CELLS`] rejects the file at once.
    fn push(&mut self, row: u32, col: u32, value: Value) -> Result<(), Vec<RowError>> {
        let bounds = self
            .bounds
            .map_or(Bounds::at(row, col), |b| b.with(row, col));
        if bounds.cells() > MAX_SHEET_CELLS || self.cells.len() as u64 >= MAX_SHEET_CELLS {
            return Err(vec![RowError::new(1, "", "sheet_too_large")]);
        }
        self.bounds = Some(bounds);
        self.cells.push(SheetCell { row, col, value });
        Ok(())
    }

    /// Hands the top row of the used range as the header, then each row below that has a
    /// cell, every row as wide as the range. A cell written twice keeps its last value.
    fn visit(mut self, visit: &mut impl Visit) -> Result<(), Vec<RowError>> {
        let Some(bounds) = self.bounds else {
            return header(&[], visit);
        };
        self.cells.sort_by_key(|c| (c.row, c.col));
        let width = (bounds.right - bounds.left) as usize + 1;
        let mut row = vec![String::new(); width];
        let mut unreadable = Vec::new();
        for (i, cells) in self.cells.chunk_by(|a, b| a.row == b.row).enumerate() {
            row.iter_mut().for_each(String::clear);
            unreadable.clear();
            for cell in cells {
                let at = (cell.col - bounds.left) as usize;
                unreadable.retain(|&u| u != at);
                match &cell.value {
                    Value::Text(text) => row[at].clone_from(text),
                    Value::UnreadableDate => {
                        row[at].clear();
                        unreadable.push(at);
                    }
                }
            }
            if i == 0 {
                header(&row, visit)?;
            } else {
                visit.row(cells[0].row as usize + 1, &row, &unreadable);
            }
        }
        Ok(())
    }
}

/// The first sheet's non-empty cells. calamine parses bytes anyone can upload: should it ever
/// panic on them, the file is unreadable, and the request is not lost.
fn read_first_sheet(bytes: &[u8]) -> Result<Sheet, Vec<RowError>> {
    std::panic::catch_unwind(|| read_cells(bytes)).unwrap_or_else(|_| Err(unreadable()))
}

fn read_cells(bytes: &[u8]) -> Result<Sheet, Vec<RowError>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let name = book.sheet_names().first().cloned().ok_or_else(unreadable)?;
    let mut reader = match book.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        // A chart sheet first: no table to read.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Sheet::default()),
        Err(_) => return Err(unreadable()),
    };
    let mut sheet = Sheet::default();
    while let Some(cell) = reader.next_cell().map_err(|_| unreadable())? {
        let value = cell_value(cell.get_value());
        if value != Value::Text(String::new()) {
            let (row, col) = cell.get_position();
            sheet.push(row, col, value)?;
        }
    }
    Ok(sheet)
}

/// A cell as the officer sees it: whole numbers without `.0` (staff codes, phone numbers),
/// date cells as `YYYY-MM-DD`.
fn cell_value(cell: &DataRef<'_>) -> Value {
    Value::Text(match cell {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) => s.trim().to_owned(),
        DataRef::SharedString(s) => s.trim().to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        DataRef::DateTime(dt) => return excel_date(dt).map_or(Value::UnreadableDate, Value::Text),
        DataRef::DateTimeIso(s) => s.split('T').next().unwrap_or_default().to_owned(),
        DataRef::DurationIso(s) => s.clone(),
    })
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// The serial numbers Excel shows as days, up to 2958465 (31 December 9999): anything else (a
/// negative number, 1e17, not a number) is no date, nor are the 0 January and 29 February 1900
/// that Excel invents.
const EXCEL_SERIALS: std::ops::Range<f64> = 0.0..2_958_466.0;

/// The day of a date cell as `YYYY-MM-DD`, or `None` when its number is no date.
fn excel_date(dt: &ExcelDateTime) -> Option<String> {
    if !EXCEL_SERIALS.contains(&dt.as_f64()) {
        return None;
    }
    let (year, month, day, ..) = dt.to_ymd_hms_milli();
    chrono::NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

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
        let date = |serial: f64, is_1904: bool| {
            excel_date(&ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                is_1904,
            ))
        };
        assert_eq!(date(46081.0, false).as_deref(), Some("2026-02-28"));
        assert_eq!(date(46081.75, false).as_deref(), Some("2026-02-28"));
        assert_eq!(date(44619.0, true).as_deref(), Some("2026-02-28"));
        assert_eq!(date(2_958_465.0, false).as_deref(), Some("9999-12-31"));
        for bad in [
            1e17,
            -3.0,
            2_958_466.0,
            60.0,
            f64::NAN,
            f64::INFINITY,
            f64::MAX,
        ] {
            assert_eq!(date(bad, false), None, "{bad}");
        }
        assert_eq!(number_text(12.0), "12");
        assert_eq!(number_text(85.5), "85.5");
    }

    /// A workbook of one sheet with the given string cells and date-formatted numbers.
    fn workbook(strings: &[(u32, u16, &str)], dates: &[(u32, u16, f64)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        for (r, c, text) in strings {
            sheet.write_string(*r, *c, *text).unwrap();
        }
        for (r, c, serial) in dates {
            sheet
                .write_number_with_format(*r, *c, *serial, &date)
                .unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_used_range_over_a_million_cells_is_refused_without_building_it() {
        let far = workbook(&[(0, 0, "a"), (1_048_575, 16_383, "x")], &[]);
        assert_eq!(
            read(FileType::Xlsx, &far).err(),
            Some(vec![RowError::new(1, "", "sheet_too_large")])
        );
        let at_cap = workbook(&[(0, 0, "a"), (0, 999, "b"), (999, 0, "1")], &[]);
        let t = read(FileType::Xlsx, &at_cap).ok().unwrap();
        assert_eq!(t.header.len(), 1000);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].0, 1000);
        let over = workbook(&[(0, 0, "a"), (0, 999, "b"), (1000, 0, "1")], &[]);
        assert!(read(FileType::Xlsx, &over).is_err());
    }

    #[test]
    fn the_used_range_starts_at_its_first_cell_and_blank_rows_are_skipped() {
        let book = workbook(
            &[(2, 1, "ma"), (2, 2, "ten"), (4, 2, "B"), (3, 1, "  ")],
            &[(4, 1, 46081.0), (5, 2, 1e17)],
        );
        let t = read(FileType::Xlsx, &book).ok().unwrap();
        assert_eq!(t.header, ["ma", "ten"]);
        assert_eq!(
            t.rows,
            [
                (5, vec!["2026-02-28".to_owned(), "B".to_owned()]),
                (6, vec![String::new(), String::new()])
            ]
        );
        assert_eq!(t.unreadable, [(6, 1)], "the 1e17 date cell");
    }

    #[test]
    fn an_archive_that_unpacks_past_the_limit_is_refused() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        zip.write_all(&vec![b' '; 3 << 20]).unwrap();
        let bomb = zip.finish().unwrap().into_inner();
        assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
        assert_eq!(
            check_unpacked_size(&bomb, 2 << 20),
            Err(vec![RowError::new(1, "", "sheet_too_large")])
        );
        assert_eq!(check_unpacked_size(&bomb, 3 << 20), Ok(()));
        let book = workbook(&[(0, 0, "a")], &[]);
        assert_eq!(check_unpacked_size(&book, MAX_UNPACKED_BYTES), Ok(()));
    }

    /// A workbook whose shared strings part says `uniqueCount="…"`, or holds `count` `<si/>`.
    fn with_shared_strings(unique_count: &str, count: usize) -> Vec<u8> {
        use std::io::Write;
        let book = workbook(&[(0, 0, "ma_don_vi"), (1, 0, "XA-A")], &[]);
        let mut original = zip::ZipArchive::new(Cursor::new(book)).unwrap();
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..original.len() {
            let mut part = original.by_index(i).unwrap();
            let name = part.name().unwrap().into_owned();
            let mut body = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut body).unwrap();
            if name == "xl/sharedStrings.xml" {
                let text = String::from_utf8(body).unwrap();
                let start = text.find("<sst").unwrap();
                let end = text.find("</sst>").unwrap();
                body = format!(
                    "{}<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                     count=\"2\" uniqueCount=\"{unique_count}\"><si><t>ma_don_vi</t></si>\
                     <si><t>XA-A</t></si>{}{}",
                    &text[..start],
                    "<si/>".repeat(count),
                    &text[end..]
                )
                .into_bytes();
            }
            zip.start_file(name, options).unwrap();
            zip.write_all(&body).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A 2 KB workbook announcing 100 billion shared strings made calamine reserve 2.4 TB: the
    /// allocation failed and aborted the whole server (found while fuzzing the workbook reader).
    #[test]
    fn a_workbook_announcing_too_many_shared_strings_is_refused_before_calamine_reads_it() {
        let too_large = Some(vec![RowError::new(1, "", "sheet_too_large")]);
        for count in ["100000000000", "1000001", "+99999999999999999999999"] {
            let book = with_shared_strings(count, 0);
            assert!(book.len() < 16 * 1024, "{} bytes", book.len());
            assert_eq!(read(FileType::Xlsx, &book).err(), too_large, "{count}");
        }
        let book = with_shared_strings("2", 1_000_000);
        assert_eq!(
            read(FileType::Xlsx, &book).err(),
            too_large,
            "a million and two <si/>"
        );
        for fine in ["2", "1000000", "many"] {
            let t = read(FileType::Xlsx, &with_shared_strings(fine, 0))
                .ok()
                .unwrap();
            assert_eq!(t.header, ["ma_don_vi"], "{fine}");
            assert_eq!(t.rows, [(2, vec!["XA-A".to_owned()])], "{fine}");
        }
    }

    /// Found by `cargo fuzz` (target import_xlsx_parts, fuzz/): a shared strings part whose
    /// `uniqueCount="33333333333333336"` follows XML that a strict reader stops at (end tags
    /// that match no start) but calamine reads through, so it reserved 800 PB and aborted.
    #[test]
    fn a_count_after_xml_only_calamine_reads_through_is_still_refused() {
        let book = include_bytes!("../../../tests/data/shared_strings_count_after_broken_xml.xlsx");
        assert_eq!(
            read(FileType::Xlsx, book).err(),
            Some(vec![RowError::new(1, "", "sheet_too_large")])
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any bytes read as CSV give a table or a whole-file error, never a panic.
        #[test]
        fn any_bytes_read_as_csv_answer(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
            let _ = read(FileType::Csv, &bytes);
        }

        /// CSV-ish text (separators, quotes, line breaks, guards) through the reader and every
        /// row parser: each row parses or reports errors, never a panic.
        #[test]
        fn csv_text_through_every_row_parser_answers(
            text in "[a-z_ ,;\"'\r\n=+@0-9/-]{0,400}",
            format in 0usize..4,
        ) {
            use domain::exchange::{Columns, Format, RawRow};
            let format = [Format::Units, Format::Roster, Format::Training, Format::Assessment][format];
            let keys: Vec<&str> = format.columns().iter().map(|c| c.key).collect();
            let file = format!("{}\n{text}", keys.join(","));
            let table = read(FileType::Csv, file.as_bytes()).ok().unwrap();
            let columns = Columns::find(format, &table.header).unwrap();
            for (line, cells) in &table.rows {
                let raw = RawRow { line: *line, cells, columns: &columns, unreadable: &[] };
                let _ = match format {
                    Format::Units => domain::exchange::UnitRow::parse(&raw).map(|_| ()),
                    Format::Roster => domain::exchange::RosterRow::parse(&raw).map(|_| ()),
                    Format::Training => domain::exchange::TrainingRow::parse(&raw).map(|_| ()),
                    Format::Assessment => domain::exchange::AssessmentRow::parse(&raw).map(|_| ()),
                };
            }
        }

        /// A real workbook with bytes overwritten: read or refused, never a panic.
        #[test]
        fn a_damaged_workbook_answers(
            damage in proptest::collection::vec((0usize..4096, proptest::prelude::any::<u8>()), 1..8),
        ) {
            let mut bytes = workbook(&[(0, 0, "ma_don_vi"), (1, 0, "XA-A")], &[(1, 1, 46081.0)]);
            let n = bytes.len();
            for (at, byte) in damage {
                bytes[at % n] = byte;
            }
            let _ = read(FileType::Xlsx, &bytes);
        }
    }
}

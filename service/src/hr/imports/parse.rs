//! Turns the file's rows into typed rows as they are read, keeping every error of the bad ones.
use domain::exchange::{Columns, Format, RawRow, RowError};

use super::table::{self, FileType, Visit};
use super::{Context, ImportReport, Phase};

/// An uploaded file and the format it is meant to be in.
pub(super) struct File<'a> {
    pub format: Format,
    pub file_type: FileType,
    pub bytes: &'a [u8],
}

/// The good rows, every error of the bad ones, and how many data rows the file has.
pub(super) struct Parsed<T> {
    pub rows: Vec<T>,
    pub errors: Vec<RowError>,
    pub count: usize,
}

type ParseRow<T> = fn(&RawRow<'_>) -> Result<T, Vec<RowError>>;

struct Parser<'c, T> {
    ctx: &'c Context<'c>,
    format: Format,
    columns: Option<Columns>,
    parse: ParseRow<T>,
    parsed: Parsed<T>,
}

impl<T> Visit for Parser<'_, T> {
    fn header(&mut self, cells: &[String]) -> Result<(), Vec<RowError>> {
        self.columns = Some(Columns::find(self.format, cells)?);
        Ok(())
    }

    fn row(&mut self, line: usize, cells: &[String], unreadable: &[usize]) {
        let columns = self.columns.as_ref().expect("the header comes first");
        self.parsed.count += 1;
        match (self.parse)(&RawRow {
            line,
            cells,
            columns,
            unreadable,
        }) {
            Ok(row) => self.parsed.rows.push(row),
            Err(mut e) => self.parsed.errors.append(&mut e),
        }
    }

    fn read_so_far(&mut self, done: usize, total: usize) {
        self.ctx.report(Phase::Reading, done, total);
    }
}

impl Context<'_> {
    /// Reads and parses every row; a file that cannot be read, or lacks a required column, is
    /// rejected at once with the report to return.
    pub(super) fn parse<T>(
        &self,
        file: File<'_>,
        parse: ParseRow<T>,
    ) -> Result<Parsed<T>, ImportReport> {
        let parsed = Parsed {
            rows: Vec::new(),
            errors: Vec::new(),
            count: 0,
        };
        let mut parser = Parser {
            ctx: self,
            format: file.format,
            columns: None,
            parse,
            parsed,
        };
        table::visit(file.file_type, file.bytes, &mut parser).map_err(ImportReport::rejected)?;
        Ok(parser.parsed)
    }
}

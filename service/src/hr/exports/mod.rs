//! Exports as CSV or XLSX: a [`Sheet`] of headings and cells, written safely for spreadsheets,
//! and the tables of the exchange formats and of the indicators, read within a [`Scope`].
mod cell;
mod csv_file;
pub mod indicators;
pub mod records;
mod scope;
mod xlsx_file;

pub use cell::Cell;
pub(crate) use cell::unguard;
pub use scope::Scope;

use crate::Result;

/// A sheet: one row of headings, then rows of cells (a row may be shorter than the headings).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Sheet {
        Sheet {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// UTF-8 with a BOM (so Excel reads Vietnamese), comma-separated, CRLF line ends.
    pub fn to_csv(&self, mark: DecimalMark) -> Vec<u8> {
        csv_file::write(self, mark)
    }

    /// One sheet named `sheet`, headings in bold and frozen.
    pub(crate) fn to_xlsx(&self, sheet: &str) -> Result<Vec<u8>> {
        xlsx_file::write(self, sheet)
    }

    pub fn render(&self, format: FileFormat, mark: DecimalMark, sheet: &str) -> Result<Vec<u8>> {
        match format {
            FileFormat::Csv => Ok(self.to_csv(mark)),
            FileFormat::Xlsx => self.to_xlsx(sheet),
        }
    }
}

/// How a CSV writes the decimals of [`Cell::Percent`]: Vietnamese writes `96,5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    Point,
    Comma,
}

impl DecimalMark {
    pub fn of(lang: domain::Lang) -> DecimalMark {
        match lang {
            domain::Lang::Vi => DecimalMark::Comma,
            domain::Lang::En => DecimalMark::Point,
        }
    }
}

/// The file types an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    /// `csv` (also when absent) or `xlsx`; anything else is `None`.
    pub fn parse(text: Option<&str>) -> Option<FileFormat> {
        match text.map(|t| t.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("csv") => Some(FileFormat::Csv),
            Some("xlsx") => Some(FileFormat::Xlsx),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_default_csv() {
        assert_eq!(FileFormat::parse(None), Some(FileFormat::Csv));
        assert_eq!(FileFormat::parse(Some("XLSX")), Some(FileFormat::Xlsx));
        assert_eq!(FileFormat::parse(Some("csv")), Some(FileFormat::Csv));
        assert_eq!(FileFormat::parse(Some("pdf")), None);
    }
}

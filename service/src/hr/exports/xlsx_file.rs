//! A [`Sheet`] as an XLSX workbook of one sheet. Text is always written as a string cell,
//! never as a formula, so `=HYPERLINK(...)` in a name stays a name.
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Sheet};
use crate::{Error, Result};

pub(super) fn write(table: &Sheet, sheet_name: &str) -> Result<Vec<u8>> {
    build(table, sheet_name).map_err(|e| Error::internal(format!("xlsx: {e}")))
}

fn build(table: &Sheet, sheet_name: &str) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name)?;
    let bold = Format::new().set_bold();
    for (c, h) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(c)?, h, &bold)?;
    }
    let percent = Format::new().set_num_format("0.0");
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, r, col(c)?, cell, &percent)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    book.save_to_buffer()
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    percent: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string(r, c, s)?;
        }
        Cell::Number(n) => {
            sheet.write_number(r, c, *n)?;
        }
        Cell::Percent(p) => {
            sheet.write_number_with_format(r, c, *p, percent)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

    #[test]
    fn strings_stay_strings_and_numbers_numbers() {
        let mut t = Sheet::new(["ma_can_bo", "ho_ten", "so", "ty_le"]);
        t.push(vec![
            "001".into(),
            "=HYPERLINK(\"http://x.example\",\"Nhấn\")".into(),
            Cell::Number(12.0),
            Cell::Percent(96.5),
        ]);
        let bytes = write(&t, "Danh sách").unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Danh sách"]);
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(
            range.get((1, 0)),
            Some(&Data::String("001".into())),
            "leading zeros kept"
        );
        assert_eq!(
            range.get((1, 1)),
            Some(&Data::String(
                "=HYPERLINK(\"http://x.example\",\"Nhấn\")".into()
            ))
        );
        assert_eq!(range.get((1, 2)), Some(&Data::Float(12.0)));
        assert_eq!(range.get((1, 3)), Some(&Data::Float(96.5)));
        let formulas = book.worksheet_formula("Danh sách").unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formula anywhere"
        );
    }
}

//! One data row of each format, parsed into typed values; every bad cell is reported, not just the first.
use chrono::NaiveDate;

use super::cells::{self, Mode, StaffKind};
use super::{Columns, RowError};
use crate::UnitLevel;

/// A data row as read from the file: its line number and its cells.
pub struct RawRow<'a> {
    pub line: usize,
    pub cells: &'a [String],
    pub columns: &'a Columns,
}

/// Collects the errors of one row while its cells are parsed.
struct Cells<'a> {
    raw: &'a RawRow<'a>,
    errors: Vec<RowError>,
}

impl<'a> Cells<'a> {
    fn optional(&self, key: &str) -> Option<&'a str> {
        self.raw.columns.get(self.raw.cells, key)
    }

    fn required(&mut self, key: &str) -> Option<&'a str> {
        let v = self.optional(key);
        if v.is_none() {
            self.errors
                .push(RowError::new(self.raw.line, key, "cell_required"));
        }
        v
    }

    /// A required cell run through `parse`; `None` when missing or invalid (already reported).
    fn parsed<T>(&mut self, key: &str, parse: fn(&str) -> Result<T, &'static str>) -> Option<T> {
        let text = self.required(key)?;
        self.check(key, parse(text))
    }

    fn parsed_optional<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Result<T, &'static str>,
    ) -> Option<T> {
        let text = self.optional(key)?;
        self.check(key, parse(text))
    }

    fn check<T>(&mut self, key: &str, result: Result<T, &'static str>) -> Option<T> {
        result
            .map_err(|code| self.errors.push(RowError::new(self.raw.line, key, code)))
            .ok()
    }

    fn text(&mut self, key: &str) -> Option<String> {
        self.required(key).map(str::to_owned)
    }
}

fn start<'a>(raw: &'a RawRow<'a>) -> Cells<'a> {
    Cells {
        raw,
        errors: Vec::new(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub line: usize,
    pub code: String,
    pub name: String,
    pub level: UnitLevel,
    pub parent: Option<String>,
}

impl UnitRow {
    pub fn parse(raw: &RawRow<'_>) -> Result<UnitRow, Vec<RowError>> {
        let mut c = start(raw);
        let (code, name) = (c.text("ma_don_vi"), c.text("ten_don_vi"));
        let level = c.parsed("cap", cells::parse_level);
        let parent = c.optional("ma_don_vi_cha").map(str::to_owned);
        match (code, name, level) {
            (Some(code), Some(name), Some(level)) if c.errors.is_empty() => Ok(UnitRow {
                line: raw.line,
                code,
                name,
                level,
                parent,
            }),
            _ => Err(c.errors),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RosterRow {
    pub line: usize,
    pub staff_code: String,
    pub full_name: String,
    pub unit_code: String,
    pub kind: StaffKind,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub personal_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl RosterRow {
    pub fn parse(raw: &RawRow<'_>) -> Result<RosterRow, Vec<RowError>> {
        let mut c = start(raw);
        let staff_code = c.text("ma_can_bo");
        let full_name = c
            .text("ho_ten")
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "));
        let unit_code = c.text("ma_don_vi");
        let kind = c.parsed("loai", cells::parse_kind);
        let start_date = c.parsed("ngay_bat_dau", cells::parse_date);
        let end = c.parsed_optional("ngay_ket_thuc", cells::parse_date);
        let personal_id = c.parsed_optional("so_dinh_danh", cells::parse_personal_id);
        let email = c.parsed_optional("email", cells::parse_email);
        let phone = c.parsed_optional("so_dien_thoai", cells::parse_phone);
        if let (Some(s), Some(e)) = (start_date, end)
            && e <= s
        {
            c.errors.push(RowError::new(
                raw.line,
                "ngay_ket_thuc",
                "end_not_after_start",
            ));
        }
        match (staff_code, full_name, unit_code, kind, start_date) {
            (Some(staff_code), Some(full_name), Some(unit_code), Some(kind), Some(start))
                if c.errors.is_empty() =>
            {
                Ok(RosterRow {
                    line: raw.line,
                    staff_code,
                    full_name,
                    unit_code,
                    kind,
                    start,
                    end,
                    personal_id,
                    email,
                    phone,
                })
            }
            _ => Err(c.errors),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrainingRow {
    pub line: usize,
    pub staff_code: String,
    pub programme_code: String,
    pub completed_on: NaiveDate,
    pub mode: Mode,
    pub note: Option<String>,
}

impl TrainingRow {
    pub fn parse(raw: &RawRow<'_>) -> Result<TrainingRow, Vec<RowError>> {
        let mut c = start(raw);
        let staff_code = c.text("ma_can_bo");
        let programme_code = c.text("ma_khoa_hoc");
        let completed_on = c.parsed("ngay_hoan_thanh", cells::parse_date);
        let mode = c.parsed("hinh_thuc", cells::parse_mode);
        let note = c.optional("ghi_chu").map(str::to_owned);
        match (staff_code, programme_code, completed_on, mode) {
            (Some(staff_code), Some(programme_code), Some(completed_on), Some(mode))
                if c.errors.is_empty() =>
            {
                Ok(TrainingRow {
                    line: raw.line,
                    staff_code,
                    programme_code,
                    completed_on,
                    mode,
                    note,
                })
            }
            _ => Err(c.errors),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentRow {
    pub line: usize,
    pub staff_code: String,
    pub assessment_code: String,
    pub taken_on: NaiveDate,
    pub score: f64,
    pub passed: bool,
}

impl AssessmentRow {
    pub fn parse(raw: &RawRow<'_>) -> Result<AssessmentRow, Vec<RowError>> {
        let mut c = start(raw);
        let staff_code = c.text("ma_can_bo");
        let assessment_code = c.text("ma_bai_danh_gia");
        let taken_on = c.parsed("ngay", cells::parse_date);
        let score = c.parsed("diem", cells::parse_score);
        let passed = c.parsed("dat", cells::parse_passed);
        match (staff_code, assessment_code, taken_on, score, passed) {
            (
                Some(staff_code),
                Some(assessment_code),
                Some(taken_on),
                Some(score),
                Some(passed),
            ) if c.errors.is_empty() => Ok(AssessmentRow {
                line: raw.line,
                staff_code,
                assessment_code,
                taken_on,
                score,
                passed,
            }),
            _ => Err(c.errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::Format;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| (*s).to_owned()).collect()
    }

    fn roster(cells: &[&str]) -> Result<RosterRow, Vec<RowError>> {
        let header = strings(&[
            "ma_can_bo",
            "ho_ten",
            "ma_don_vi",
            "loai",
            "ngay_bat_dau",
            "ngay_ket_thuc",
            "so_dinh_danh",
        ]);
        let columns = Columns::find(Format::Roster, &header).unwrap();
        let cells = strings(cells);
        RosterRow::parse(&RawRow {
            line: 5,
            cells: &cells,
            columns: &columns,
        })
    }

    #[test]
    fn a_good_roster_row() {
        let r = roster(&[
            "CB01",
            " Nguyễn  Văn An ",
            "SO-NV",
            "Công chức",
            "01/07/2025",
            "",
            "001203004567",
        ])
        .unwrap();
        assert_eq!(r.full_name, "Nguyễn Văn An");
        assert_eq!(r.kind, StaffKind::CongChuc);
        assert_eq!(r.end, None);
        assert_eq!(r.personal_id.as_deref(), Some("001203004567"));
    }

    #[test]
    fn every_bad_cell_of_a_row_is_reported() {
        let errs = roster(&[
            "",
            "An",
            "SO-NV",
            "hợp đồng",
            "31/02/2025",
            "2024-01-01",
            "1203004567",
        ])
        .unwrap_err();
        let got: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.column.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("ma_can_bo", "cell_required"),
                ("loai", "invalid_kind"),
                ("ngay_bat_dau", "invalid_date"),
                ("so_dinh_danh", "personal_id_leading_zeros_lost")
            ]
        );
        assert!(errs.iter().all(|e| e.row == 5));
    }

    #[test]
    fn an_end_on_or_before_the_start_is_refused() {
        let errs = roster(&[
            "CB01",
            "An",
            "SO-NV",
            "can_bo",
            "2025-07-01",
            "2025-07-01",
            "",
        ])
        .unwrap_err();
        assert_eq!(
            errs,
            [RowError::new(5, "ngay_ket_thuc", "end_not_after_start")]
        );
    }

    #[test]
    fn an_assessment_row() {
        let header = strings(&["Mã cán bộ", "Mã bài đánh giá", "Ngày", "Điểm", "Đạt"]);
        let columns = Columns::find(Format::Assessment, &header).unwrap();
        let cells = strings(&["CB01", "DG-01", "28/02/2026", "85,5", "Có"]);
        let r = AssessmentRow::parse(&RawRow {
            line: 2,
            cells: &cells,
            columns: &columns,
        })
        .unwrap();
        assert!(r.passed);
        assert_eq!(r.score, 85.5);
    }
}

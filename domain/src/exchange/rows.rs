//! One data row of each format, parsed into typed values; every bad cell is reported, not just the first.
use chrono::NaiveDate;

use super::cells::{self, Mode, StaffKind};
use super::{Columns, MAX_CODE_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, RowError};
use crate::UnitLevel;

/// A data row as read from the file: its line number and its cells.
pub struct RawRow<'a> {
    pub line: usize,
    pub cells: &'a [String],
    pub columns: &'a Columns,
    /// Positions in `cells` of cells the file holds no readable value for (a date cell of a
    /// workbook whose number is no date): each is a row error when its column is read.
    pub unreadable: &'a [usize],
}

/// How long a kind of cell may be, and the error a longer one gets.
#[derive(Clone, Copy)]
struct Limit {
    chars: usize,
    code: &'static str,
}

const NAME: Limit = Limit {
    chars: MAX_NAME_CHARS,
    code: "name_too_long",
};
const CODE: Limit = Limit {
    chars: MAX_CODE_CHARS,
    code: "code_too_long",
};
const NOTE: Limit = Limit {
    chars: MAX_NOTE_CHARS,
    code: "note_too_long",
};

/// Collects the errors of one row while its cells are parsed.
struct Cells<'a> {
    raw: &'a RawRow<'a>,
    errors: Vec<RowError>,
}

impl<'a> Cells<'a> {
    /// The cell of `key`; `None` when the column is absent or the cell empty, or when the cell
    /// could not be read or holds a control character (both reported here).
    fn optional(&mut self, key: &str) -> Option<&'a str> {
        let raw = self.raw;
        if raw
            .columns
            .position(key)
            .is_some_and(|i| raw.unreadable.contains(&i))
        {
            self.errors
                .push(RowError::new(raw.line, key, "unreadable_date"));
            return None;
        }
        let cell = raw.columns.get(raw.cells, key)?;
        // A NUL byte or a form feed is no text anyone typed (and PostgreSQL cannot store a NUL).
        if cell
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            self.errors
                .push(RowError::new(raw.line, key, "control_character"));
            return None;
        }
        Some(cell)
    }

    fn required(&mut self, key: &str) -> Option<&'a str> {
        let reported = self.errors.len();
        let v = self.optional(key);
        if v.is_none() && self.errors.len() == reported {
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

    /// A required cell of at most `limit` characters.
    fn text(&mut self, key: &str, limit: Limit) -> Option<String> {
        let text = self.required(key).map(str::to_owned);
        self.within(key, text, limit)
    }

    /// An optional cell of at most `limit` characters.
    fn text_optional(&mut self, key: &str, limit: Limit) -> Option<String> {
        let text = self.optional(key).map(str::to_owned);
        self.within(key, text, limit)
    }

    /// `text` if it holds at most `limit` characters; a longer one is reported.
    fn within(&mut self, key: &str, text: Option<String>, limit: Limit) -> Option<String> {
        let text = text?;
        if text.chars().nth(limit.chars).is_some() {
            self.errors
                .push(RowError::new(self.raw.line, key, limit.code));
            return None;
        }
        Some(text)
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
        let (code, name) = (c.text("ma_don_vi", CODE), c.text("ten_don_vi", NAME));
        let level = c.parsed("cap", cells::parse_level);
        let parent = c.text_optional("ma_don_vi_cha", CODE);
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
        let staff_code = c.text("ma_can_bo", CODE);
        let full_name = c
            .required("ho_ten")
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "));
        let full_name = c.within("ho_ten", full_name, NAME);
        let unit_code = c.text("ma_don_vi", CODE);
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
        let staff_code = c.text("ma_can_bo", CODE);
        let programme_code = c.text("ma_khoa_hoc", CODE);
        let completed_on = c.parsed("ngay_hoan_thanh", cells::parse_date);
        let mode = c.parsed("hinh_thuc", cells::parse_mode);
        let note = c.text_optional("ghi_chu", NOTE);
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
        let staff_code = c.text("ma_can_bo", CODE);
        let assessment_code = c.text("ma_bai_danh_gia", CODE);
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
    use proptest::prelude::*;

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
            unreadable: &[],
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
            unreadable: &[],
        })
        .unwrap();
        assert!(r.passed);
        assert_eq!(r.score, 85.5);
    }

    #[test]
    fn names_codes_and_notes_longer_than_spec_allows_are_reported() {
        let long_name = "Ư".repeat(201);
        let long_code = "M".repeat(51);
        let errs = roster(&[
            &long_code,
            &long_name,
            &long_code,
            "can_bo",
            "2025-07-01",
            "",
            "",
        ])
        .unwrap_err();
        let got: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.column.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("ma_can_bo", "code_too_long"),
                ("ho_ten", "name_too_long"),
                ("ma_don_vi", "code_too_long")
            ]
        );
        let at_limits = roster(&[
            &"M".repeat(50),
            &format!("  {}  ", "Ư".repeat(200)),
            "SO-NV",
            "can_bo",
            "2025-07-01",
            "",
            "",
        ]);
        assert!(at_limits.is_ok(), "{at_limits:?}");

        let header = strings(&[
            "ma_can_bo",
            "ma_khoa_hoc",
            "ngay_hoan_thanh",
            "hinh_thuc",
            "ghi_chu",
        ]);
        let columns = Columns::find(Format::Training, &header).unwrap();
        let cells = strings(&["CB01", "KNS", "2025-01-01", "truc_tiep", &"g".repeat(1001)]);
        let errs = TrainingRow::parse(&RawRow {
            line: 3,
            cells: &cells,
            columns: &columns,
            unreadable: &[],
        })
        .unwrap_err();
        assert_eq!(errs, [RowError::new(3, "ghi_chu", "note_too_long")]);
    }

    #[test]
    fn an_unreadable_cell_is_an_error_in_its_column_optional_or_not() {
        let header = strings(&["ma_don_vi", "ten_don_vi", "cap", "ma_don_vi_cha", "khac"]);
        let columns = Columns::find(Format::Units, &header).unwrap();
        let cells = strings(&["XA-A", "100000000000000000", "xa", "", "1e17"]);
        let errs = UnitRow::parse(&RawRow {
            line: 4,
            cells: &cells,
            columns: &columns,
            unreadable: &[1, 3, 4],
        })
        .unwrap_err();
        assert_eq!(
            errs,
            [
                RowError::new(4, "ten_don_vi", "unreadable_date"),
                RowError::new(4, "ma_don_vi_cha", "unreadable_date")
            ],
            "once per column read, never as a missing cell; unknown columns are ignored"
        );
    }

    /// Every format's header in a shuffled order, with an unknown column.
    fn any_columns() -> impl Strategy<Value = Columns> {
        let formats = [
            Format::Units,
            Format::Roster,
            Format::Training,
            Format::Assessment,
        ];
        (0..formats.len(), any::<u64>()).prop_map(move |(f, seed)| {
            let format = formats[f];
            let mut header: Vec<String> =
                format.columns().iter().map(|c| c.key.to_owned()).collect();
            header.push("cot_la".to_owned());
            let n = header.len();
            header.rotate_left((seed as usize) % n);
            Columns::find(format, &header).unwrap()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever the cells (any text, any length, any of them unreadable), each parser answers
        /// a row or its errors, and every error names a column of the format.
        #[test]
        fn every_row_parser_answers_without_panicking(
            columns in any_columns(),
            cells in prop::collection::vec(
                prop_oneof![
                    Just(String::new()),
                    "[0-9/ -]{0,12}",
                    "\\PC{0,60}",
                    ".{195,210}",
                ],
                0..12,
            ),
            unreadable in prop::collection::vec(0usize..12, 0..3),
            line in 2usize..1_000_000,
        ) {
            let raw = RawRow { line, cells: &cells, columns: &columns, unreadable: &unreadable };
            let errors = match columns.format {
                Format::Units => UnitRow::parse(&raw).err(),
                Format::Roster => RosterRow::parse(&raw).err(),
                Format::Training => TrainingRow::parse(&raw).err(),
                Format::Assessment => AssessmentRow::parse(&raw).err(),
            };
            for e in errors.unwrap_or_default() {
                prop_assert_eq!(e.row, line);
                prop_assert!(columns.format.columns().iter().any(|c| c.key == e.column), "{:?}", e);
                prop_assert!(crate::exchange::CODES.contains(&e.code.as_str()), "{:?}", e);
            }
        }
    }
}

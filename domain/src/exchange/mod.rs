//! The exchange formats of SPEC (units, roster, training records, assessment results): headers, cells, rows.
pub mod cells;
pub mod columns;
pub mod header;
pub mod rows;

use serde::{Deserialize, Serialize};

pub use cells::{Mode, StaffKind};
pub use columns::{ColumnSpec, Columns, Format};
pub use header::normalise;
pub use rows::{AssessmentRow, RawRow, RosterRow, TrainingRow, UnitRow};

/// One thing wrong with an import file. `row` is the line of the file counting the header as 1;
/// `column` is the column key (`ma_can_bo`), empty for the file as a whole; `code` is translated
/// by the i18n tables (see [`CODES`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    pub code: String,
}

impl RowError {
    pub fn new(row: usize, column: &str, code: &str) -> RowError {
        RowError {
            row,
            column: column.to_owned(),
            code: code.to_owned(),
        }
    }
}

/// Every code an import can report, so the i18n tables can be checked for a missing message.
/// A contract: never rename one, only add.
pub const CODES: &[&str] = &[
    "missing_column",
    "unreadable_file",
    "empty_file",
    "cell_required",
    "invalid_date",
    "invalid_kind",
    "invalid_level",
    "invalid_mode",
    "invalid_pass_flag",
    "invalid_score",
    "invalid_personal_id",
    "personal_id_leading_zeros_lost",
    "invalid_email",
    "invalid_phone",
    "end_not_after_start",
    "duplicate_assignment",
    "overlapping_period",
    "conflicting_name",
    "conflicting_personal_id",
    "conflicting_email",
    "conflicting_phone",
    "unknown_unit_code",
    "unknown_parent_unit",
    "unit_cycle",
    "duplicate_unit_code",
    "unknown_staff_code",
    "unit_out_of_scope",
    "staff_out_of_scope",
    "staff_not_in_scope",
    "staff_pseudonymised",
    "sheet_too_large",
    "unreadable_date",
    "name_too_long",
    "code_too_long",
    "note_too_long",
    "control_character",
];

/// The most a name (of a unit or a person) may hold, in characters (SPEC "Exchange formats").
pub const MAX_NAME_CHARS: usize = 200;
/// The most a code (unit, staff, course or assessment) may hold, in characters.
pub const MAX_CODE_CHARS: usize = 50;
/// The most a note of a training record may hold, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;
/// The most cells an XLSX sheet's used range (rows × columns) may span.
pub const MAX_SHEET_CELLS: u64 = 1_000_000;

//! What the fuzz targets share: the import path that needs no database (read the table, find
//! the columns, parse every row) and the invariants checked on what it returns.
use domain::exchange::{
    AssessmentRow, Columns, Format, MAX_SHEET_CELLS, RawRow, RosterRow, RowError, TrainingRow,
    UnitRow,
};
use domain::learning::question::ParsedBank;
use service::hr::imports::table::{self, FileType, Table};

const FORMATS: [Format; 4] = [
    Format::Units,
    Format::Roster,
    Format::Training,
    Format::Assessment,
];

/// Reads the file as an import does, then parses its rows in every format whose required
/// columns the header has. Returns the table, for the target's own checks.
pub fn import(file_type: FileType, bytes: &[u8]) -> Option<Table> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(let_calamine_panic);
    let table = match table::read(file_type, bytes) {
        Ok(table) => table,
        Err(errors) => {
            whole_file_errors(&errors);
            return None;
        }
    };
    check_table(&table);
    for format in FORMATS {
        if let Ok(columns) = Columns::find(format, &table.header) {
            parse_rows(&table, &columns);
        }
    }
    Some(table)
}

/// libfuzzer-sys aborts on every panic, even one caught. The workbook reader runs calamine
/// inside `catch_unwind` on purpose (a panic there makes the file unreadable, the request is
/// not lost), so a panic in calamine is no crash here: the hook stays quiet for it and acts as
/// libfuzzer-sys's for any other. A panic that is not caught still aborts (libfuzzer-sys).
/// Seen so far: `<dimension ref="B2:A1"/>` underflows a subtraction in calamine 0.38 (only
/// with overflow checks, which the fuzz build has and the server's release build has not).
fn let_calamine_panic() {
    let fuzzer_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_calamine = info
            .location()
            .is_some_and(|l| l.file().contains("/calamine-"));
        if !in_calamine {
            fuzzer_hook(info);
        }
    }));
}

/// A file refused as a whole says so on row 1, with at least one reason.
fn whole_file_errors(errors: &[RowError]) {
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|e| e.row == 1), "{errors:?}");
}

/// Rows come in file order, none blank (a workbook's row may hold only an unreadable date),
/// and every unreadable cell lies in its row.
fn check_table(table: &Table) {
    assert!(table.header.iter().any(|h| !h.trim().is_empty()));
    let mut last = 0;
    for (line, cells) in &table.rows {
        assert!(*line >= last, "line {line} after {last}");
        last = *line;
        let unreadable = table.unreadable.iter().any(|(l, _)| l == line);
        assert!(cells.iter().any(|c| !c.is_empty()) || unreadable);
    }
    for (line, at) in &table.unreadable {
        let row = table.rows.iter().find(|(l, _)| l == line).expect("a row");
        assert!(*at < row.1.len());
    }
}

/// Each row parses or reports errors on its own line, never on another.
fn parse_rows(table: &Table, columns: &Columns) {
    for (line, cells) in &table.rows {
        let unreadable: Vec<usize> = table
            .unreadable
            .iter()
            .filter(|(l, _)| l == line)
            .map(|(_, at)| *at)
            .collect();
        let raw = RawRow {
            line: *line,
            cells,
            columns,
            unreadable: &unreadable,
        };
        let errors = match columns.format {
            Format::Units => UnitRow::parse(&raw).err(),
            Format::Roster => RosterRow::parse(&raw).err(),
            Format::Training => TrainingRow::parse(&raw).err(),
            Format::Assessment => AssessmentRow::parse(&raw).err(),
        };
        for e in errors.unwrap_or_default() {
            assert_eq!(e.row, *line, "{e:?}");
        }
    }
}

/// Cells a sheet's grid holds: header and rows, each as wide as the used range.
pub fn grid_cells(table: &Table) -> u64 {
    (table.header.len() as u64) * (table.rows.len() as u64 + 1)
}

/// The cap of cells a workbook may have.
pub const SHEET_CAP: u64 = MAX_SHEET_CELLS;

/// A bank read from text: every question and problem points at a line of the text (an error
/// at the very end may name the empty line after the last line break), and every option
/// weight is a number between -100 and 100.
pub fn check_bank(text: &str, bank: &ParsedBank) {
    let lines = text.matches('\n').count() + 1;
    for q in &bank.questions {
        assert!(
            q.line >= 1 && q.line <= lines,
            "question on line {} of {lines}",
            q.line
        );
        for c in &q.choices {
            assert!(c.weight.is_finite(), "{:?}", c.weight);
            assert!((-100.0..=100.0).contains(&c.weight), "{:?}", c.weight);
        }
    }
    for p in &bank.problems {
        assert!(
            p.line >= 1 && p.line <= lines,
            "problem on line {} of {lines}",
            p.line
        );
    }
}

/// Stack a reader gets in [`on_small_stack`]: a server worker has 2 MB for uploads of up to
/// 10 MB; inputs here are at most tens of KB, so a recursion that grows with the input shows
/// at this size before it could at the server's.
pub const SMALL_STACK: usize = 64 * 1024;

/// Runs `read` on a thread with a [`SMALL_STACK`]; a panic there is this thread's panic.
pub fn on_small_stack<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> T {
    let thread = std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(read)
        .expect("a thread");
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

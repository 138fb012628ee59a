//! An XLSX upload of any import: unpacked size checked, first sheet read, columns found,
//! every row parsed. No panic; never a grid over the cap of cells; rows below the header.
#![no_main]
use hocvu_fuzz::{SHEET_CAP, grid_cells, import};
use libfuzzer_sys::fuzz_target;
use service::hr::imports::table::FileType;

fuzz_target!(|bytes: &[u8]| {
    let Some(table) = import(FileType::Xlsx, bytes) else {
        return;
    };
    assert!(
        grid_cells(&table) <= SHEET_CAP,
        "{} cells",
        grid_cells(&table)
    );
    for (line, cells) in &table.rows {
        assert!(*line >= 2 && *line <= 1_048_576, "line {line}");
        assert_eq!(cells.len(), table.header.len());
    }
});

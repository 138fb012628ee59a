//! A CSV upload of any import (units, roster, training, assessments): read, columns found,
//! every row parsed. No panic; rows in file order; no more data rows than line breaks.
#![no_main]
use hocvu_fuzz::import;
use libfuzzer_sys::fuzz_target;
use service::hr::imports::table::FileType;

fuzz_target!(|bytes: &[u8]| {
    let Some(table) = import(FileType::Csv, bytes) else {
        return;
    };
    let breaks = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    assert!(
        table.rows.len() <= breaks,
        "{} rows, {breaks} line breaks",
        table.rows.len()
    );
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    for (line, _) in &table.rows {
        assert!(
            *line >= 1 && *line <= newlines + 1,
            "line {line} of {}",
            newlines + 1
        );
    }
});

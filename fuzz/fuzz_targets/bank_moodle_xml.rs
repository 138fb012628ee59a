//! A Moodle XML question bank upload, as the import reads it (UTF-8 check, BOM,
//! parse_moodle_xml), on a small stack (see `SMALL_STACK`). No panic; every question and
//! problem on a line of the file; weights from -100 to 100.
#![no_main]
use hocvu_fuzz::{check_bank, on_small_stack};
use libfuzzer_sys::fuzz_target;
use service::author::bank_import::{BankFormat, read};

fuzz_target!(|bytes: &[u8]| {
    let owned = bytes.to_vec();
    let bank = on_small_stack(move || read(BankFormat::MoodleXml, &owned));
    assert!(!bank.questions.is_empty() || !bank.problems.is_empty());
    if let Ok(text) = std::str::from_utf8(bytes) {
        check_bank(text.strip_prefix('\u{feff}').unwrap_or(text), &bank);
    }
});

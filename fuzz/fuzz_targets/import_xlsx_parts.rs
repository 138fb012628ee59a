//! An XLSX upload whose XML the fuzzer writes: the input is the first sheet, the shared
//! strings, the styles and the workbook part, split at NUL bytes (a missing one is left out),
//! packed uncompressed with their right checksums around fixed package parts. Mutating a real
//! archive seldom gets past its compression and checksums to the XML calamine reads; this does.
//! Same checks as `import_xlsx`.
#![no_main]
use std::io::{Cursor, Write};

use hocvu_fuzz::{SHEET_CAP, grid_cells, import};
use libfuzzer_sys::fuzz_target;
use service::hr::imports::table::FileType;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

/// The archive of the parts in `bytes`.
fn archive(bytes: &[u8]) -> Vec<u8> {
    let mut parts = bytes.splitn(4, |&b| b == 0);
    let sheet = parts.next().unwrap_or_default();
    let shared = parts.next();
    let styles = parts.next();
    let workbook = parts.next().unwrap_or(WORKBOOK.as_bytes());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut put = |name: &str, body: &[u8]| {
        zip.start_file(name, stored).expect("a part");
        zip.write_all(body).expect("its bytes");
    };
    put("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    put("_rels/.rels", RELS.as_bytes());
    put("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    put("xl/workbook.xml", workbook);
    put("xl/worksheets/sheet1.xml", sheet);
    if let Some(shared) = shared {
        put("xl/sharedStrings.xml", shared);
    }
    if let Some(styles) = styles {
        put("xl/styles.xml", styles);
    }
    zip.finish().expect("an archive").into_inner()
}

fuzz_target!(|bytes: &[u8]| {
    let Some(table) = import(FileType::Xlsx, &archive(bytes)) else {
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

//! Files built to hurt (issue 17, holes 9 and 10, and the length limits of SPEC "Exchange
//! formats"): a workbook whose used range is a grid of billions of cells, date cells no date can
//! be read from, names and codes longer than SPEC allows, and CSV exports that a spreadsheet in
//! a semicolon locale would split into formula cells.
mod support;

use domain::Role;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde_json::Value;
use support::{CSV, TestApp, XLSX, count, csv_text, download, signed_in, spawn_app, upload};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha
UBND-T,Ủy ban nhân dân tỉnh,tinh,
XA-A,Xã An Bình,xa,
";

async fn admin_with_units(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    let (status, body) = upload(app, &admin, "/api/v1/units/import", CSV, UNITS.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    admin
}

fn errors(body: &Value) -> Vec<(u64, String, String)> {
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("a list of errors: {body}"))
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn err(row: u64, column: &str, code: &str) -> (u64, String, String) {
    (row, column.to_owned(), code.to_owned())
}

/// A units workbook: the header and one good unit on the first row, then `far` cells.
fn units_xlsx(far: &[(u32, u16, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    write_row(
        sheet,
        0,
        &["ma_don_vi", "ten_don_vi", "cap", "ma_don_vi_cha"],
    );
    write_row(sheet, 1, &["XA-C", "Xã Cát Tiên", "xa", ""]);
    for (row, col, text) in far {
        sheet.write_string(*row, *col, *text).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[&str]) {
    for (c, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, c as u16, *text).unwrap();
        }
    }
}

#[tokio::test]
async fn a_cell_at_xfd1048576_is_a_whole_file_error_not_a_grid_of_billions() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let bytes = units_xlsx(&[(1_048_575, 16_383, "x")]);
    assert!(
        bytes.len() < 8 * 1024,
        "a small file: {} bytes",
        bytes.len()
    );
    let units = count(&app, "units").await;
    let (status, body) = upload(&app, &admin, "/api/v1/units/import", XLSX, &bytes).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(errors(&body), [err(1, "", "sheet_too_large")]);
    assert_eq!(count(&app, "units").await, units, "nothing written");
}

#[tokio::test]
async fn a_sheet_of_a_million_cells_is_read_and_one_row_more_is_refused() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    // 1000 rows × 1000 columns: a heading far to the right, a unit on row 1000.
    let at_cap = units_xlsx(&[(0, 999, "cột thêm"), (999, 0, "XA-D")]);
    let (status, body) = upload(&app, &admin, "/api/v1/units/import", XLSX, &at_cap).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        errors(&body),
        [
            err(1000, "ten_don_vi", "cell_required"),
            err(1000, "cap", "cell_required")
        ],
        "read to its last row"
    );
    let over = units_xlsx(&[(0, 999, "cột thêm"), (1000, 0, "XA-D")]);
    let (status, body) = upload(&app, &admin, "/api/v1/units/import", XLSX, &over).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(errors(&body), [err(1, "", "sheet_too_large")]);
}

/// A roster workbook whose start and end dates are date-formatted numbers.
fn roster_xlsx(rows: &[(&str, f64, Option<f64>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    write_row(
        sheet,
        0,
        &[
            "ma_can_bo",
            "ho_ten",
            "ma_don_vi",
            "loai",
            "ngay_bat_dau",
            "ngay_ket_thuc",
        ],
    );
    for (i, (code, start, end)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        write_row(sheet, r, &[code, "Nguyễn Văn An", "XA-A", "cong_chuc"]);
        sheet.write_number_with_format(r, 4, *start, &date).unwrap();
        if let Some(end) = end {
            sheet.write_number_with_format(r, 5, *end, &date).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn date_cells_no_date_can_be_read_from_are_row_errors_not_a_crash() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    // 46081 is 28/02/2026.
    let bytes = roster_xlsx(&[
        ("CB01", 1e17, None),
        ("CB02", 46081.0, Some(-3.0)),
        ("CB03", 46081.0, Some(f64::MAX)),
        ("CB04", 46081.0, Some(46082.0)),
    ]);
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", XLSX, &bytes).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        errors(&body),
        [
            err(2, "ngay_bat_dau", "unreadable_date"),
            err(3, "ngay_ket_thuc", "unreadable_date"),
            err(4, "ngay_ket_thuc", "unreadable_date"),
        ]
    );
    assert_eq!(count(&app, "people").await, 0, "nothing written");
    let good = roster_xlsx(&[("CB04", 46081.0, Some(46082.0))]);
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", XLSX, &good).await;
    assert_eq!(
        (status, body["accepted"].as_u64()),
        (200, Some(1)),
        "{body}"
    );
}

/// A cell holding a control character (a NUL byte, a form feed) is a row error naming the cell,
/// on both engines: PostgreSQL cannot store a NUL in text, and nothing of the file is written.
#[tokio::test]
async fn control_characters_in_cells_are_row_errors_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let roster = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,email\n\
        CB01,Nguyễn Văn An,XA-A,can_bo,2025-01-01,\n\
        CB02,Trần\u{0}Bình,XA-A,can_bo,2025-01-01,\n\
        CB03,Lê Chi,XA-A,can_bo,2025-01-01,chi\u{c}@vidu.vn\n\
        CB04,\"Phạm\tHà\",XA-A,can_bo,2025-01-01,\n";
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        CSV,
        roster.as_bytes(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        errors(&body),
        [
            err(3, "ho_ten", "control_character"),
            err(4, "email", "control_character"),
        ],
        "a tab inside a quoted cell is ordinary text"
    );
    assert_eq!(count(&app, "people").await, 0);
    assert_eq!(count(&app, "assignments").await, 0);
}

#[tokio::test]
async fn names_and_codes_longer_than_spec_allows_are_row_errors() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let name_200 = "Ư".repeat(200);
    let (name_201, code_51, code_50) = ("Ư".repeat(201), "M".repeat(51), "M".repeat(50));
    let units = format!(
        "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\n{code_51},Xã Một,xa,\nXA-E,{name_201},xa,\nXA-F,Xã Hai,xa,{code_51}\n"
    );
    let (status, body) = upload(&app, &admin, "/api/v1/units/import", CSV, units.as_bytes()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        errors(&body),
        [
            err(2, "ma_don_vi", "code_too_long"),
            err(3, "ten_don_vi", "name_too_long"),
            err(4, "ma_don_vi_cha", "code_too_long"),
        ]
    );
    let roster = format!(
        "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n{code_51},An,XA-A,can_bo,2025-01-01\nCB02,{name_201},XA-A,can_bo,2025-01-01\nCB03,Bình,{code_51},can_bo,2025-01-01\n"
    );
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        CSV,
        roster.as_bytes(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        errors(&body),
        [
            err(2, "ma_can_bo", "code_too_long"),
            err(3, "ho_ten", "name_too_long"),
            err(4, "ma_don_vi", "code_too_long"),
        ]
    );
    let roster = format!(
        "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n{code_50},{name_200},XA-A,can_bo,2025-01-01\n"
    );
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        CSV,
        roster.as_bytes(),
    )
    .await;
    assert_eq!(
        (status, body["accepted"].as_u64()),
        (200, Some(1)),
        "at the limits: {body}"
    );

    let note_1001 = "g".repeat(1001);
    let training = format!(
        "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu\n{code_50},{code_51},2025-03-01,truc_tuyen,\n{code_50},KNS-01,2025-03-01,truc_tuyen,{note_1001}\n{code_50},KNS-01,2025-03-02,truc_tuyen,{}\n",
        "g".repeat(1000)
    );
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/training-records/import",
        CSV,
        training.as_bytes(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        errors(&body),
        [
            err(2, "ma_khoa_hoc", "code_too_long"),
            err(3, "ghi_chu", "note_too_long")
        ]
    );
    let results =
        format!("ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\n{code_50},{code_51},2025-03-01,90,yes\n");
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/assessment-results/import",
        CSV,
        results.as_bytes(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(errors(&body), [err(2, "ma_bai_danh_gia", "code_too_long")]);
}

/// Names and notes with either locale's separator, quotes and line breaks, some of them
/// followed by what a spreadsheet would run as a formula.
const TRICKY_ROSTER: &str = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau
CB01,Nguyễn An;=2+5,XA-A,can_bo,2025-01-01
CB02,\"Trần Bình,+84912345678\",XA-A,can_bo,2025-01-01
CB03,\"Lê \"\"Cường\"\";@SUM(A1); -1\",XA-A,can_bo,2025-01-01
CB04,\"Phạm Dũng;\"\"=1+1\"\"\",XA-A,can_bo,2025-01-01
CB05,''=Võ Em;'-x,XA-A,can_bo,2025-01-01
";
const TRICKY_TRAINING: &str = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu
CB01,KNS-01,2025-03-01,truc_tuyen,\"Lớp 1\n=HYPERLINK(\"\"http://ke-gian.example\"\")\"
CB02,KNS-01,2025-03-01,truc_tuyen,\"buổi 2\r\n-3;@x,=y\"
";

/// Every cell a spreadsheet could split out of a CSV line, whichever of `,` or `;` it takes
/// for the separator, and whether or not it honours quotes in the middle of a line.
fn cells_a_spreadsheet_could_see(text: &str) -> Vec<&str> {
    text.split(['\r', '\n', ',', ';']).collect()
}

fn starts_a_formula(cell: &str) -> bool {
    cell.trim_start_matches(['"', ' '])
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[tokio::test]
async fn csv_exports_are_safe_under_a_semicolon_locale_and_reimport_unchanged() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    for (path, file) in [
        ("/api/v1/roster/import", TRICKY_ROSTER),
        ("/api/v1/training-records/import", TRICKY_TRAINING),
    ] {
        let (status, body) = upload(&app, &admin, path, CSV, file.as_bytes()).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
    let audits = count(&app, "audit_log").await;
    for (export, import, rows) in [
        ("/api/v1/roster/export", "/api/v1/roster/import", 5),
        (
            "/api/v1/training-records/export",
            "/api/v1/training-records/import",
            2,
        ),
    ] {
        let (status, _, bytes) = download(&app, &admin, export).await;
        assert_eq!(status, 200, "{export}");
        let text = csv_text(&bytes);
        let formulas: Vec<&str> = cells_a_spreadsheet_could_see(&text)
            .into_iter()
            .filter(|c| starts_a_formula(c))
            .collect();
        assert!(formulas.is_empty(), "{export}: {formulas:?} in {text}");
        let (status, body) = upload(&app, &admin, import, CSV, &bytes).await;
        assert_eq!(
            (status, body["accepted"].as_u64()),
            (200, Some(rows)),
            "{import}: {body}"
        );
        let (_, _, again) = download(&app, &admin, export).await;
        assert_eq!(again, bytes, "{export} is the same after the round trip");
    }
    assert_eq!(
        count(&app, "audit_log").await,
        audits,
        "the round trip changed nothing"
    );
    let (_, _, bytes) = download(&app, &admin, "/api/v1/roster/export").await;
    let text = csv_text(&bytes);
    assert!(
        text.contains("CB01,\"Nguyễn An;'=2+5\",XA-A"),
        "a field with a semicolon is quoted, and its second cell guarded: {text}"
    );
    assert!(
        text.contains("CB05,\"''=Võ Em;'-x\",XA-A"),
        "an apostrophe the guard did not put there survives: {text}"
    );
}

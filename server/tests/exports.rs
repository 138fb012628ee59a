//! Exports of the roster, records and indicators: the exchange formats, re-importable unchanged,
//! safe to open in a spreadsheet, scoped like the indicators.
mod support;

use domain::Role;
use support::{CSV, TestApp, XLSX, count, csv_text, download, get, signed_in, spawn_app, upload};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha
UBND-T,Ủy ban nhân dân tỉnh,tinh,
SO-NV,Sở Nội vụ,tinh,UBND-T
SO-TC,Sở Tài chính,tinh,UBND-T
XA-A,Xã An Bình,xa,
XA-B,Phường Bình Minh,xa,
";

/// A mover with an ended period, leading zeros, contact details, a would-be formula in a name and
/// in a note, staff codes a spreadsheet would take for numbers.
const ROSTER: &str =
    "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc,so_dinh_danh,email,so_dien_thoai
CB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,2025-10-01,001203004567,an@vidu.vn,0912345678
CB01,Nguyễn Văn An,XA-A,cong_chuc,2025-10-01,,001203004567,an@vidu.vn,0912345678
CB02,\"=HYPERLINK(\"\"http://ke-gian.example\"\",\"\"Bấm\"\")\",XA-A,can_bo,2025-01-01,,,,
CB03,Lê Thị Dung,XA-A,vien_chuc,2025-01-01,,,,
0042,Trần Văn Bình,SO-TC,khac,2025-03-15,,,,
";
const TRAINING: &str = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu
CB01,KNS-01,2025-03-01,truc_tuyen,
CB02,KNS-01,2025-05-01,truc_tiep,-Lớp tập trung; buổi 2
0042,KNS-02,2025-06-01,truc_tiep,\"Ghi chú \"\"đặc biệt\"\"\"
";
const RESULTS: &str = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat
CB03,DG,2025-05-01,85.5,yes
CB01,DG,2025-04-01,40,no
";

async fn seeded(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    for (path, file) in [
        ("/api/v1/units/import", UNITS),
        ("/api/v1/roster/import", ROSTER),
        ("/api/v1/training-records/import", TRAINING),
        ("/api/v1/assessment-results/import", RESULTS),
    ] {
        let (status, body) = upload(app, &admin, path, CSV, file.as_bytes()).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
    admin
}

const FORMATS: [(&str, &str, usize); 3] = [
    ("/api/v1/roster/export", "/api/v1/roster/import", 5),
    (
        "/api/v1/training-records/export",
        "/api/v1/training-records/import",
        3,
    ),
    (
        "/api/v1/assessment-results/export",
        "/api/v1/assessment-results/import",
        2,
    ),
];

#[tokio::test]
async fn csv_exports_reimport_with_no_change() {
    let app = spawn_app().await;
    let admin = seeded(&app).await;
    let audits = count(&app, "audit_log").await;
    for (export, import, rows) in FORMATS {
        let (status, headers, bytes) = download(&app, &admin, export).await;
        assert_eq!(status, 200, "{export}");
        assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
        assert_eq!(
            csv_text(&bytes).lines().count(),
            rows + 1,
            "{export}: {}",
            csv_text(&bytes)
        );
        let (status, body) = upload(&app, &admin, import, CSV, &bytes).await;
        assert_eq!(
            (status, body["accepted"].as_u64()),
            (200, Some(rows as u64)),
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
}

#[tokio::test]
async fn xlsx_exports_reimport_with_no_change() {
    let app = spawn_app().await;
    let admin = seeded(&app).await;
    let audits = count(&app, "audit_log").await;
    for (export, import, rows) in FORMATS {
        let (status, headers, bytes) =
            download(&app, &admin, &format!("{export}?format=xlsx")).await;
        assert_eq!(status, 200, "{export}");
        assert_eq!(headers["content-type"], XLSX);
        assert!(bytes.starts_with(b"PK\x03\x04"));
        let (status, body) = upload(&app, &admin, import, XLSX, &bytes).await;
        assert_eq!(
            (status, body["accepted"].as_u64()),
            (200, Some(rows as u64)),
            "{import}: {body}"
        );
    }
    assert_eq!(
        count(&app, "audit_log").await,
        audits,
        "the round trip changed nothing"
    );
}

#[tokio::test]
async fn the_roster_export_is_the_exchange_format_with_formulas_neutralised() {
    let app = spawn_app().await;
    let admin = seeded(&app).await;
    let (_, headers, bytes) = download(&app, &admin, "/api/v1/roster/export?unit=XA-A").await;
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"danh_sach_XA-A.csv\""
    );
    assert_eq!(headers["cache-control"], "no-store");
    let text = csv_text(&bytes);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc,so_dinh_danh,email,so_dien_thoai"
    );
    assert_eq!(
        lines[1],
        "CB01,Nguyễn Văn An,XA-A,cong_chuc,2025-10-01,,001203004567,an@vidu.vn,0912345678"
    );
    assert_eq!(
        lines[2],
        "CB02,\"'=HYPERLINK(\"\"http://ke-gian.example\"\",\"\"Bấm\"\")\",XA-A,can_bo,2025-01-01,,,,"
    );
    assert_eq!(lines[3], "CB03,Lê Thị Dung,XA-A,vien_chuc,2025-01-01,,,,");
    assert_eq!(
        lines.len(),
        5,
        "the SO-NV period of CB01 and SO-TC's staff are outside XA-A: {text}"
    );

    let (_, _, bytes) = download(&app, &admin, "/api/v1/training-records/export?unit=XA-A").await;
    let text = csv_text(&bytes);
    assert!(
        text.contains("CB02,KNS-01,2025-05-01,truc_tiep,\"'-Lớp tập trung; buổi 2\"\r\n"),
        "{text}"
    );
    assert!(
        text.contains("CB01,KNS-01,2025-03-01,truc_tuyen,\r\n"),
        "a mover's records go with them: {text}"
    );
    assert!(!text.contains("0042"), "{text}");
    let (_, _, bytes) = download(&app, &admin, "/api/v1/assessment-results/export?unit=XA-A").await;
    assert_eq!(
        csv_text(&bytes),
        "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\r\nCB01,DG,2025-04-01,40,không\r\nCB03,DG,2025-05-01,85.5,có\r\n"
    );
}

#[tokio::test]
async fn an_hr_officer_exports_their_own_subtree_by_default() {
    let app = spawn_app().await;
    let admin = seeded(&app).await;
    let (_, _, all) = download(&app, &admin, "/api/v1/roster/export").await;
    assert_eq!(
        csv_text(&all).lines().count(),
        6,
        "the admin gets the province"
    );
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("UBND-T"))]).await;
    let (status, headers, bytes) = download(&app, &hr, "/api/v1/roster/export").await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"danh_sach_UBND-T.csv\""
    );
    let text = csv_text(&bytes);
    assert!(
        text.contains("CB01,Nguyễn Văn An,SO-NV") && text.contains("0042,"),
        "{text}"
    );
    assert!(!text.contains("XA-A"), "{text}");
    assert_eq!(
        download(&app, &hr, "/api/v1/roster/export?unit=XA-A")
            .await
            .0,
        403
    );
    assert_eq!(
        download(&app, &hr, "/api/v1/roster/export?unit=KHONG-CO")
            .await
            .0,
        404
    );
    let (status, body) = get(&app, &hr, "/api/v1/roster/export?format=pdf").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("invalid_format"))
    );
}

#[tokio::test]
async fn the_indicator_export_has_a_row_per_sub_unit_and_a_total() {
    let app = spawn_app().await;
    let admin = seeded(&app).await;
    let (status, headers, bytes) =
        download(&app, &admin, "/api/v1/indicators/export?as_of=2025-12-01").await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"chi_tieu_2025-12-01.csv\""
    );
    let text = csv_text(&bytes);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(
        lines[0].starts_with("Mã đơn vị,Tên đơn vị,Cấp,Bồi dưỡng kỹ năng số (cấp tỉnh) — Đạt,"),
        "{}",
        lines[0]
    );
    assert_eq!(lines[0].split(',').count(), 12);
    // 1 December: CB01 is in XA-A (trained); CB02 (can_bo, trained) and CB03 (vien_chuc, mastered)
    // too; 0042 is `khac` and counts nowhere.
    assert_eq!(lines[1], "UBND-T,Ủy ban nhân dân tỉnh,tinh,0,0,,0,0,,0,0,");
    assert_eq!(
        lines[2],
        "XA-A,Xã An Bình,xa,0,0,,2,2,\"100,0\",1,3,\"33,3\""
    );
    assert_eq!(lines[3], "XA-B,Phường Bình Minh,xa,0,0,,0,0,,0,0,");
    assert_eq!(lines[4], ",Tổng cộng,,0,0,,2,2,\"100,0\",1,3,\"33,3\"");
    assert_eq!(lines.len(), 6);

    let english = admin
        .get(app.url("/api/v1/indicators/export?as_of=2025-12-01&unit=XA-A"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = csv_text(&english);
    assert!(text.starts_with("Unit code,Unit name,Level,"), "{text}");
    assert!(
        text.ends_with("XA-A,Total,xa,0,0,,2,2,100.0,1,3,33.3\r\n"),
        "{text}"
    );

    let (status, headers, bytes) = download(
        &app,
        &admin,
        "/api/v1/indicators/export?as_of=2025-12-01&format=xlsx",
    )
    .await;
    assert_eq!(
        (status, headers["content-type"].to_str().unwrap()),
        (200, XLSX)
    );
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.get((2, 0)), Some(&Data::String("XA-A".into())));
    assert_eq!(
        range.get((2, 8)),
        Some(&Data::Float(100.0)),
        "numbers stay numbers"
    );
    assert_eq!(range.get((2, 11)), Some(&Data::Float(33.3)));
    assert_eq!(
        range.get((1, 5)),
        Some(&Data::Empty),
        "no percentage for an empty denominator"
    );
    assert_eq!(
        get(&app, &admin, "/api/v1/indicators/export?as_of=2025-02-30")
            .await
            .0,
        400
    );
}

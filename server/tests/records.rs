//! Imports of units, roster, training records and assessment results, and the indicators they feed.
mod support;

use domain::Role;
use serde_json::Value;
use support::{TestApp, browser, count, get, signed_in, spawn_app, upload};

const CSV: &str = "text/csv";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha
UBND-T,Ủy ban nhân dân tỉnh,tinh,
SO-NV,Sở Nội vụ,tinh,UBND-T
SO-TC,Sở Tài chính,tinh,UBND-T
XA-A,Xã An Bình,xa,
XA-B,Phường Bình Minh,xa,
";

/// An admin, signed in, with the five units of [`UNITS`] imported.
async fn admin_with_units(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    let (status, body) = upload(app, &admin, "/api/v1/units/import", CSV, UNITS.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    admin
}

/// (row, column, code) of every error, in the answer's order.
fn errors(body: &Value) -> Vec<(u64, String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
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

#[tokio::test]
async fn units_import_builds_the_tree_once_and_refuses_loops_and_unknown_parents() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    assert_eq!(count(&app, "units").await, 5);
    let nv = service::hr::units::find_by_code(app.state.db(), None, "SO-NV")
        .await
        .unwrap()
        .unwrap();
    let top = service::hr::units::find_by_code(app.state.db(), None, "UBND-T")
        .await
        .unwrap()
        .unwrap();
    assert!(
        nv.path.starts_with(&top.path) && nv.path != top.path,
        "{} under {}",
        nv.path,
        top.path
    );

    let audits = count(&app, "audit_log").await;
    let (status, body) = upload(&app, &admin, "/api/v1/units/import", CSV, UNITS.as_bytes()).await;
    assert_eq!((status, body["accepted"].as_u64()), (200, Some(5)));
    assert_eq!(
        count(&app, "audit_log").await,
        audits,
        "the same file twice changes nothing"
    );

    let bad = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nV1,Một,tinh,V2\nV2,Hai,tinh,V1\nV3,Ba,xa,KHONG-CO\nV4,Bốn,huyen,\n";
    let (status, body) = upload(&app, &admin, "/api/v1/units/import", CSV, bad.as_bytes()).await;
    assert_eq!(status, 422);
    assert_eq!(body["accepted"], 0);
    assert_eq!(
        errors(&body),
        [
            err(2, "ma_don_vi_cha", "unit_cycle"),
            err(3, "ma_don_vi_cha", "unit_cycle"),
            err(4, "ma_don_vi_cha", "unknown_parent_unit"),
            err(5, "cap", "invalid_level")
        ]
    );
    assert_eq!(count(&app, "units").await, 5);

    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let (status, body) = upload(&app, &hr, "/api/v1/units/import", CSV, UNITS.as_bytes()).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");
}

#[tokio::test]
async fn roster_with_bom_semicolons_vietnamese_headings_labels_and_dates_dry_run_then_twice() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let file = "\u{feff}Mã cán bộ;Họ và tên;Mã đơn vị;Loại;Ngày bắt đầu;Ngày kết thúc;Số định danh cá nhân;Email;Số điện thoại;Cột khác\r\n\
        CB01;\"Nguyễn Văn An\";SO-NV;Công chức;01/01/2025;01/10/2025;001203004567;An@Vidu.vn;0912 345 678;x\r\n\
        CB01;Nguyễn Văn An;XA-A;CÔNG CHỨC;01/10/2025;;;;;\r\n\
        CB02;\"Trần; Thị Bình\";XA-A;Viên chức;2025-03-15;;;;;\r\n";
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import?dry_run=true",
        CSV,
        file.as_bytes(),
    )
    .await;
    assert_eq!(
        (status, body["accepted"].as_u64()),
        (200, Some(3)),
        "{body}"
    );
    assert_eq!(count(&app, "people").await, 0, "a dry run writes nothing");
    assert_eq!(count(&app, "assignments").await, 0);

    let before = count(&app, "audit_log").await;
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, file.as_bytes()).await;
    assert_eq!(
        (status, body["accepted"].as_u64()),
        (200, Some(3)),
        "{body}"
    );
    assert!(body["errors"].as_array().unwrap().is_empty());
    assert_eq!(count(&app, "people").await, 2);
    assert_eq!(count(&app, "assignments").await, 3);
    let audits = count(&app, "audit_log").await;
    assert_eq!(
        audits - before,
        5,
        "two people and three assignments, each audited"
    );

    let (status, _) = upload(&app, &admin, "/api/v1/roster/import", CSV, file.as_bytes()).await;
    assert_eq!(status, 200);
    assert_eq!(count(&app, "assignments").await, 3);
    assert_eq!(
        count(&app, "audit_log").await,
        audits,
        "the second import changes nothing"
    );

    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use service::entity::person;
    let p = person::Entity::find()
        .filter(person::Column::StaffCode.eq("CB02"))
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.full_name, "Trần; Thị Bình");
    let p = person::Entity::find()
        .filter(person::Column::StaffCode.eq("CB01"))
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (p.email.as_deref(), p.phone.as_deref()),
        (Some("an@vidu.vn"), Some("0912345678"))
    );
}

#[tokio::test]
async fn every_bad_roster_row_is_reported_and_nothing_is_written() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let file = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc,so_dinh_danh
CB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,,1203004567
CB03,Phạm Văn Cường,SO-NV,can_bo,2025-01-01,,
CB03,Phạm Văn Cường,XA-A,can_bo,2025-06-01,,
CB04,Lê Văn C,SO-TC,cong_chuc,2024-01-01,2025-01-01,
CB04,Lê Văn D,SO-TC,cong_chuc,2025-01-01,,
CB05,Hoàng Thị E,XA-A,vien_chuc,2025-02-01,,
CB05,Hoàng Thị E,XA-A,vien_chuc,2025-02-01,,
CB06,Vũ Văn G,KHONG-CO,cong_chuc,31/02/2025,,
CB07,Đỗ Thị H,XA-B,khac,2025-01-01,,001203004568
";
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, file.as_bytes()).await;
    assert_eq!(status, 422);
    assert_eq!(body["accepted"], 0);
    let mut got = errors(&body);
    got.sort();
    assert_eq!(
        got,
        [
            err(2, "so_dinh_danh", "personal_id_leading_zeros_lost"),
            err(4, "ngay_bat_dau", "overlapping_period"),
            err(6, "ho_ten", "conflicting_name"),
            err(8, "ngay_bat_dau", "duplicate_assignment"),
            err(9, "ngay_bat_dau", "invalid_date"),
        ]
    );
    let lost_zero = &body["errors"][0];
    assert_eq!(lost_zero["row"], 2);
    assert!(
        lost_zero["message"]
            .as_str()
            .unwrap()
            .contains("số 0 ở đầu"),
        "{lost_zero}"
    );
    assert_eq!(count(&app, "people").await, 0);

    // With the date fixed, the unknown unit is what is left on that row.
    let file = file.replace("31/02/2025", "28/02/2025");
    let (_, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, file.as_bytes()).await;
    assert!(
        errors(&body).contains(&err(9, "ma_don_vi", "unknown_unit_code")),
        "{body}"
    );
    assert_eq!(count(&app, "assignments").await, 0);
}

#[tokio::test]
async fn missing_required_columns_are_one_error_for_the_whole_file() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let file = "ma_can_bo,ho_ten,ma_don_vi\nCB01,An,SO-NV\nCB02,Bình,,\n";
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, file.as_bytes()).await;
    assert_eq!(status, 422);
    assert_eq!(
        errors(&body),
        [
            err(1, "loai", "missing_column"),
            err(1, "ngay_bat_dau", "missing_column")
        ]
    );

    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        XLSX,
        b"PK\x03\x04 not a workbook",
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(errors(&body), [err(1, "", "unreadable_file")]);
    assert_eq!(body["accepted"], 0);
}

#[tokio::test]
async fn periods_are_checked_against_the_database_and_a_move_is_recorded_by_closing_the_old_one() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let head = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc\n";
    let first = format!("{head}CB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,\n");
    assert_eq!(
        upload(&app, &admin, "/api/v1/roster/import", CSV, first.as_bytes())
            .await
            .0,
        200
    );

    let moved_only = format!("{head}CB01,Nguyễn Văn An,XA-A,cong_chuc,2025-06-01,\n");
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        CSV,
        moved_only.as_bytes(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        errors(&body),
        [err(2, "ngay_bat_dau", "overlapping_period")]
    );

    let moved = format!(
        "{head}CB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,2025-06-01\nCB01,Nguyễn Văn An,XA-A,cong_chuc,2025-06-01,\n"
    );
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, moved.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        count(&app, "assignments").await,
        2,
        "the first assignment was updated, not duplicated"
    );
}

#[tokio::test]
async fn records_need_people_on_the_roster_and_import_once() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let roster = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01\n";
    assert_eq!(
        upload(
            &app,
            &admin,
            "/api/v1/roster/import",
            CSV,
            roster.as_bytes()
        )
        .await
        .0,
        200
    );

    let training = "Mã cán bộ,Mã khóa học,Ngày hoàn thành,Hình thức,Ghi chú\nCB01,KNS-CB-01,15/03/2025,Trực tuyến,\nCB99,KNS-CB-01,15/03/2025,truc_tiep,\nCB01,KNS-CB-02,2025-04-01,thư,\n";
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/training-records/import",
        CSV,
        training.as_bytes(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        errors(&body),
        [
            err(3, "ma_can_bo", "unknown_staff_code"),
            err(4, "hinh_thuc", "invalid_mode")
        ]
    );
    assert_eq!(count(&app, "training_records").await, 0);

    let training = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB01,KNS-CB-01,15/03/2025,truc_tuyen\nCB01,KNS-CB-02,2025-04-01,truc_tiep\n";
    for _ in 0..2 {
        let (status, body) = upload(
            &app,
            &admin,
            "/api/v1/training-records/import",
            CSV,
            training.as_bytes(),
        )
        .await;
        assert_eq!(
            (status, body["accepted"].as_u64()),
            (200, Some(2)),
            "{body}"
        );
    }
    assert_eq!(count(&app, "training_records").await, 2);

    let results = "ma_can_bo;ma_bai_danh_gia;ngay;diem;dat\nCB01;DG-KNS;20/04/2025;85,5;Có\nCB01;DG-KNS;01/03/2025;40;không\n";
    for _ in 0..2 {
        let (status, body) = upload(
            &app,
            &admin,
            "/api/v1/assessment-results/import",
            CSV,
            results.as_bytes(),
        )
        .await;
        assert_eq!(
            (status, body["accepted"].as_u64()),
            (200, Some(2)),
            "{body}"
        );
    }
    assert_eq!(count(&app, "assessment_results").await, 2);
    let bad = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nCB01,DG-KNS,2025-05-01,101,có lẽ\n";
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/assessment-results/import",
        CSV,
        bad.as_bytes(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        errors(&body),
        [
            err(2, "diem", "invalid_score"),
            err(2, "dat", "invalid_pass_flag")
        ]
    );
}

/// A roster workbook with date cells and a staff code typed as a number; with `typed_id`, an
/// ID number typed as a number too, so Excel dropped its leading zeros.
fn roster_xlsx(typed_id: bool) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let head = [
        "Mã cán bộ",
        "Họ và tên",
        "Mã đơn vị",
        "Loại",
        "Ngày bắt đầu",
        "Ngày kết thúc",
        "Số định danh cá nhân",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 1001).unwrap();
    sheet.write_string(1, 1, "Nguyễn Văn An").unwrap();
    sheet.write_string(1, 2, "XA-A").unwrap();
    sheet.write_string(1, 3, "Cán bộ").unwrap();
    sheet
        .write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2025, 7, 1).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 6, "001203004567").unwrap();
    sheet.write_string(2, 0, "CB02").unwrap();
    sheet.write_string(2, 1, "Trần Thị Bình").unwrap();
    sheet.write_string(2, 2, "SO-NV").unwrap();
    sheet.write_string(2, 3, "vien_chuc").unwrap();
    sheet.write_string(2, 4, "15/03/2025").unwrap();
    sheet
        .write_datetime_with_format(2, 5, ExcelDateTime::from_ymd(2026, 2, 28).unwrap(), &date)
        .unwrap();
    if typed_id {
        sheet.write_number(2, 6, 1203004568).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn xlsx_files_with_date_cells_are_read_from_the_first_sheet() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        XLSX,
        &roster_xlsx(true),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        errors(&body),
        [err(3, "so_dinh_danh", "personal_id_leading_zeros_lost")]
    );

    // Without the spoiled ID number the file goes in; dates came from date cells.
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        XLSX,
        &roster_xlsx(false),
    )
    .await;
    assert_eq!(
        (status, body["accepted"].as_u64()),
        (200, Some(2)),
        "{body}"
    );
    use sea_orm::EntityTrait;
    let mut all = service::entity::assignment::Entity::find()
        .all(app.state.db())
        .await
        .unwrap();
    all.sort_by_key(|a| a.start_date);
    assert_eq!(
        all[0].end_date,
        chrono::NaiveDate::from_ymd_opt(2026, 2, 28)
    );
    assert_eq!(
        all[1].start_date,
        chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
    );
    assert_eq!(all[1].kind, "can_bo");
}

/// Leavers, a mover, `khac` staff, a person trained twice, a completion after the date, a failed
/// and two passed assessments. See the comments of [`indicators_follow_the_date_and_the_unit`].
async fn scenario(app: &TestApp, admin: &reqwest::Client) {
    let roster = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc
CB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,
CB02,Trần Văn Bình,SO-NV,can_bo,2025-01-01,2025-09-01
CB03,Phạm Văn Cường,SO-NV,cong_chuc,2025-01-01,2025-10-01
CB03,Phạm Văn Cường,XA-A,cong_chuc,2025-10-01,
CB04,Lê Thị Dung,XA-A,vien_chuc,2025-01-01,
CB05,Hoàng Văn Em,XA-A,khac,2025-01-01,
CB06,Vũ Thị Giang,XA-A,can_bo,2025-01-01,
CB07,Đỗ Văn Hùng,SO-TC,vien_chuc,2025-01-01,
";
    let training = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc
CB01,KNS-01,2025-03-01,truc_tuyen
CB02,KNS-01,2025-02-01,truc_tuyen
CB03,KNS-01,2025-05-01,truc_tuyen
CB03,KNS-02,2025-05-01,truc_tiep
CB05,KNS-01,2025-03-01,truc_tiep
CB06,KNS-01,2025-12-15,truc_tiep
";
    let results = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat
CB01,DG,2025-04-01,90,1
CB04,DG,2025-05-01,85,yes
CB06,DG,2025-06-01,40,0
";
    for (path, file) in [
        ("/api/v1/roster/import", roster),
        ("/api/v1/training-records/import", training),
        ("/api/v1/assessment-results/import", results),
    ] {
        let (status, body) = upload(app, admin, path, CSV, file.as_bytes()).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
}

fn ratio(body: &Value, name: &str) -> (u64, u64, Option<f64>) {
    let r = &body["indicators"][name];
    (
        r["numerator"].as_u64().unwrap(),
        r["denominator"].as_u64().unwrap(),
        r["percentage"].as_f64(),
    )
}

#[tokio::test]
async fn indicators_follow_the_date_and_the_unit() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    scenario(&app, &admin).await;

    // 1 December: CB02 has left; CB03 is in XA-A; CB05 (khac) counts nowhere; CB06's training
    // comes later and their assessment failed.
    let (status, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-12-01").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["as_of"], "2025-12-01");
    assert_eq!(body["unit"], Value::Null);
    assert_eq!(ratio(&body, "provincial_trained"), (1, 1, Some(100.0)));
    assert_eq!(ratio(&body, "commune_trained"), (1, 2, Some(50.0)));
    assert_eq!(ratio(&body, "mastered"), (2, 5, Some(40.0)));

    // The day of the move counts in the new unit.
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-10-01").await;
    assert_eq!(ratio(&body, "provincial_trained"), (1, 1, Some(100.0)));
    assert_eq!(ratio(&body, "commune_trained"), (1, 2, Some(50.0)));
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-09-30").await;
    assert_eq!(ratio(&body, "provincial_trained"), (2, 2, Some(100.0)));
    assert_eq!(ratio(&body, "commune_trained"), (0, 1, Some(0.0)));
    // Before the leaver's end date, they count.
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-08-31").await;
    assert_eq!(ratio(&body, "provincial_trained"), (3, 3, Some(100.0)));
    // Before any training: trained is not yet.
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-01-15").await;
    assert_eq!(ratio(&body, "provincial_trained"), (0, 3, Some(0.0)));
    assert_eq!(ratio(&body, "mastered"), (0, 6, Some(0.0)));
    // After CB06's late completion.
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-12-20").await;
    assert_eq!(ratio(&body, "commune_trained"), (2, 2, Some(100.0)));

    // Drill down: a unit's figure covers its sub-units; an empty unit has no percentage.
    let (_, body) = get(
        &app,
        &admin,
        "/api/v1/indicators?as_of=2025-12-01&unit=UBND-T",
    )
    .await;
    assert_eq!(body["unit"], "UBND-T");
    assert_eq!(ratio(&body, "provincial_trained"), (1, 1, Some(100.0)));
    assert_eq!(ratio(&body, "commune_trained"), (0, 0, None));
    assert_eq!(ratio(&body, "mastered"), (1, 2, Some(50.0)));
    let (_, body) = get(
        &app,
        &admin,
        "/api/v1/indicators?as_of=2025-12-01&unit=XA-B",
    )
    .await;
    assert_eq!(
        body["indicators"]["mastered"],
        serde_json::json!({"numerator": 0, "denominator": 0, "percentage": null})
    );

    let (status, body) = get(&app, &admin, "/api/v1/indicators/by-unit?as_of=2025-12-01").await;
    assert_eq!(status, 200, "{body}");
    let codes: Vec<&str> = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["UBND-T", "XA-A", "XA-B"]);
    let xa_a = &body["rows"][1];
    assert_eq!(
        xa_a["unit"],
        serde_json::json!({"code": "XA-A", "name": "Xã An Bình", "level": "xa"})
    );
    assert_eq!(ratio(xa_a, "commune_trained"), (1, 2, Some(50.0)));
    assert_eq!(ratio(xa_a, "mastered"), (1, 3, Some(33.3)));
    assert_eq!(ratio(&body["rows"][2], "commune_trained"), (0, 0, None));

    let (_, body) = get(
        &app,
        &admin,
        "/api/v1/indicators/by-unit?as_of=2025-12-01&unit=UBND-T",
    )
    .await;
    assert_eq!(body["unit"], "UBND-T");
    let codes: Vec<&str> = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["SO-NV", "SO-TC"]);
    assert_eq!(ratio(&body["rows"][1], "mastered"), (0, 1, Some(0.0)));
}

/// A correction (a result that was not a pass after all) or an earlier training found later
/// moves what the indicators count, whichever order the files come in.
#[tokio::test]
async fn corrected_results_and_earlier_trainings_change_the_figures() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    scenario(&app, &admin).await;
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-12-01").await;
    assert_eq!(ratio(&body, "mastered"), (2, 5, Some(40.0)));
    assert_eq!(ratio(&body, "commune_trained"), (1, 2, Some(50.0)));

    let corrected = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nCB01,DG,2025-04-01,45,0\n";
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/assessment-results/import",
        CSV,
        corrected.as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let earlier =
        "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB06,KNS-03,2025-06-01,truc_tiep\n";
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/training-records/import",
        CSV,
        earlier.as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-12-01").await;
    assert_eq!(ratio(&body, "mastered"), (1, 5, Some(20.0)));
    assert_eq!(ratio(&body, "commune_trained"), (2, 2, Some(100.0)));
    // Before the earlier training, CB06 was not yet trained.
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-05-31").await;
    assert_eq!(ratio(&body, "commune_trained"), (0, 1, Some(0.0)));

    // The pass comes back: so does the figure.
    let passed = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nCB01,DG,2025-04-01,90,1\n";
    upload(
        &app,
        &admin,
        "/api/v1/assessment-results/import",
        CSV,
        passed.as_bytes(),
    )
    .await;
    let (_, body) = get(&app, &admin, "/api/v1/indicators?as_of=2025-12-01").await;
    assert_eq!(ratio(&body, "mastered"), (2, 5, Some(40.0)));

    // Someone trained who moves to a commune counts as trained there from the move.
    let moved = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc
CB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,2025-11-01
CB01,Nguyễn Văn An,XA-B,cong_chuc,2025-11-01,
";
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, moved.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = get(
        &app,
        &admin,
        "/api/v1/indicators?as_of=2025-12-01&unit=XA-B",
    )
    .await;
    assert_eq!(ratio(&body, "commune_trained"), (1, 1, Some(100.0)));
    assert_eq!(ratio(&body, "mastered"), (1, 1, Some(100.0)));
}

#[tokio::test]
async fn percentages_round_half_up_to_one_decimal() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let mut roster = String::from("ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n");
    let mut training = String::from("ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\n");
    for i in 0..1000 {
        roster.push_str(&format!(
            "NV{i:04},Nguyễn Văn Số,SO-NV,cong_chuc,2025-01-01\n"
        ));
        if i < 965 {
            training.push_str(&format!("NV{i:04},KNS-01,2025-02-01,truc_tuyen\n"));
        }
    }
    assert_eq!(
        upload(
            &app,
            &admin,
            "/api/v1/roster/import",
            CSV,
            roster.as_bytes()
        )
        .await
        .0,
        200
    );
    assert_eq!(
        upload(
            &app,
            &admin,
            "/api/v1/training-records/import",
            CSV,
            training.as_bytes()
        )
        .await
        .0,
        200
    );
    let (_, body) = get(
        &app,
        &admin,
        "/api/v1/indicators?as_of=2026-02-28&unit=SO-NV",
    )
    .await;
    assert_eq!(
        body["indicators"]["provincial_trained"],
        serde_json::json!({"numerator": 965, "denominator": 1000, "percentage": 96.5})
    );
}

#[tokio::test]
async fn hr_officers_are_held_to_their_subtree() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    scenario(&app, &admin).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("UBND-T"))]).await;

    let (status, body) = get(&app, &hr, "/api/v1/indicators?as_of=2025-12-01&unit=XA-A").await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "forbidden");
    assert_eq!(
        get(
            &app,
            &hr,
            "/api/v1/indicators/by-unit?as_of=2025-12-01&unit=XA-A"
        )
        .await
        .0,
        403
    );
    let (status, body) = get(&app, &hr, "/api/v1/indicators?as_of=2025-12-01").await;
    assert_eq!(status, 200);
    assert_eq!(body["unit"], "UBND-T", "with no unit, hr gets their own");
    assert_eq!(
        get(&app, &hr, "/api/v1/indicators?as_of=2025-12-01&unit=SO-NV")
            .await
            .0,
        200
    );

    let roster = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB10,Ngô Văn Khoa,SO-TC,cong_chuc,2025-01-01\nCB11,Mai Thị Lan,XA-B,cong_chuc,2025-01-01\n";
    let (status, body) = upload(&app, &hr, "/api/v1/roster/import", CSV, roster.as_bytes()).await;
    assert_eq!(status, 422);
    assert_eq!(errors(&body), [err(3, "ma_don_vi", "unit_out_of_scope")]);
    let training = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB07,KNS-01,2025-03-01,truc_tuyen\nCB04,KNS-01,2025-03-01,truc_tuyen\n";
    let (status, body) = upload(
        &app,
        &hr,
        "/api/v1/training-records/import",
        CSV,
        training.as_bytes(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(errors(&body), [err(3, "ma_can_bo", "staff_not_in_scope")]);

    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    assert_eq!(get(&app, &learner, "/api/v1/indicators").await.0, 403);
    assert_eq!(
        upload(
            &app,
            &learner,
            "/api/v1/roster/import",
            CSV,
            roster.as_bytes()
        )
        .await
        .0,
        403
    );
}

#[tokio::test]
async fn sign_in_and_a_real_date_are_required() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let anonymous = browser(&app);
    let (status, body) = get(&app, &anonymous, "/api/v1/indicators").await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert_eq!(
        upload(&app, &anonymous, "/api/v1/roster/import", CSV, b"x")
            .await
            .0,
        401
    );

    for bad in ["2025-02-30", "01/12/2025", "hom-nay"] {
        let (status, body) = get(&app, &admin, &format!("/api/v1/indicators?as_of={bad}")).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(body["error"]["code"], "invalid_as_of");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    let (status, body) = get(&app, &admin, "/api/v1/indicators").await;
    assert_eq!(status, 200, "today when no date: {body}");
    assert_eq!(
        get(&app, &admin, "/api/v1/indicators?unit=KHONG-CO")
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn large_files_pass_the_route_limit() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    // Over the global 2 MiB limit: a valid header and a long ignored column.
    let filler = "x".repeat(3 * 1024 * 1024);
    let file = format!(
        "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ghi_chu_rieng\nCB01,Nguyễn Văn An,SO-NV,cong_chuc,2025-01-01,{filler}\n"
    );
    let (status, body) = upload(
        &app,
        &admin,
        "/api/v1/roster/import?dry_run=1",
        CSV,
        file.as_bytes(),
    )
    .await;
    assert_eq!((status, body["accepted"].as_u64()), (200, Some(1)));
}

#[tokio::test]
async fn openapi_lists_the_import_and_indicator_paths() {
    let app = spawn_app().await;
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/roster/import",
        "/api/v1/indicators",
        "/api/v1/indicators/by-unit",
        "/api/v1/units/import",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
}

#[tokio::test]
async fn by_unit_counts_each_child_subtree_once_and_keeps_empty_children() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    // Under SO-NV: a child with a grandchild, a child with only contract staff, and an empty child,
    // listed out of code order on purpose.
    let units = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha
NV-C,Phòng C (trống),tinh,SO-NV
NV-A,Phòng A,tinh,SO-NV
NV-A1,Tổ A1,tinh,NV-A
NV-B,Phòng B,tinh,SO-NV
";
    assert_eq!(
        upload(&app, &admin, "/api/v1/units/import", CSV, units.as_bytes())
            .await
            .0,
        200
    );
    let roster = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc
P1,Người Một,NV-A,cong_chuc,2025-01-01,
P2,Người Hai,NV-A1,can_bo,2025-01-01,
P3,Người Ba,NV-A1,vien_chuc,2025-01-01,
P4,Người Bốn,NV-B,khac,2025-01-01,
P5,Người Năm,NV-B,cong_chuc,2025-01-01,2025-06-01
P6,Người Sáu,SO-NV,cong_chuc,2025-01-01,
";
    assert_eq!(
        upload(
            &app,
            &admin,
            "/api/v1/roster/import",
            CSV,
            roster.as_bytes()
        )
        .await
        .0,
        200
    );
    let training = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nP2,KNS-01,2025-03-01,truc_tuyen\nP4,KNS-01,2025-03-01,truc_tuyen\n";
    assert_eq!(
        upload(
            &app,
            &admin,
            "/api/v1/training-records/import",
            CSV,
            training.as_bytes()
        )
        .await
        .0,
        200
    );
    let results = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nP3,DG,2025-04-01,90,1\n";
    assert_eq!(
        upload(
            &app,
            &admin,
            "/api/v1/assessment-results/import",
            CSV,
            results.as_bytes()
        )
        .await
        .0,
        200
    );

    let (status, body) = get(
        &app,
        &admin,
        "/api/v1/indicators/by-unit?as_of=2025-12-01&unit=SO-NV",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let rows = body["rows"].as_array().unwrap();
    let codes: Vec<&str> = rows
        .iter()
        .map(|r| r["unit"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["NV-A", "NV-B", "NV-C"],
        "direct children only, by code; SO-NV's own people are in no row"
    );
    // NV-A covers NV-A1: P1 and P2 (can_bo/cong_chuc), P3 (vien_chuc) mastered.
    assert_eq!(ratio(&rows[0], "provincial_trained"), (1, 2, Some(50.0)));
    assert_eq!(ratio(&rows[0], "mastered"), (1, 3, Some(33.3)));
    // NV-B: P4 is khac (trained, but counted nowhere), P5 left before the date.
    for name in ["provincial_trained", "commune_trained", "mastered"] {
        assert_eq!(ratio(&rows[1], name), (0, 0, None), "NV-B {name}");
        assert_eq!(ratio(&rows[2], name), (0, 0, None), "NV-C {name}");
    }
    assert_eq!(
        rows[2]["unit"],
        serde_json::json!({"code": "NV-C", "name": "Phòng C (trống)", "level": "tinh"})
    );

    // Each row equals the subtree figure asked for alone.
    for code in codes {
        let (_, alone) = get(
            &app,
            &admin,
            &format!("/api/v1/indicators?as_of=2025-12-01&unit={code}"),
        )
        .await;
        let row = rows.iter().find(|r| r["unit"]["code"] == code).unwrap();
        assert_eq!(row["indicators"], alone["indicators"], "{code}");
    }
}

/// The rule for a first date is written twice (`service::hr::first_dates`): one person's, with
/// what met it (a learner's standing), and everyone's onto their assignments (the indicators).
/// On the demo roster (people with several records, failed results, none) the two agree.
#[tokio::test]
async fn standing_and_first_dates_agree() {
    use sea_orm::EntityTrait;
    use service::entity::{assignment, person};
    use service::hr::first_dates;
    let app = spawn_app().await;
    let db = app.state.db();
    service::demo::seed(db, &service::access::password::Passwords::new(1))
        .await
        .unwrap();
    let people = person::Entity::find().all(db).await.unwrap();
    let assignments = assignment::Entity::find().all(db).await.unwrap();
    let (mut trained, mut mastered) = (0, 0);
    for p in &people {
        let training = first_dates::first_training(db, p.id).await.unwrap();
        let mastery = first_dates::first_mastery(db, p.id).await.unwrap();
        trained += usize::from(training.is_some());
        mastered += usize::from(mastery.is_some());
        for a in assignments.iter().filter(|a| a.person_id == p.id) {
            assert_eq!(
                a.first_trained_on,
                training.as_ref().map(|f| f.0),
                "{}",
                p.staff_code
            );
            assert_eq!(
                a.first_mastered_on,
                mastery.as_ref().map(|f| f.0),
                "{}",
                p.staff_code
            );
        }
    }
    // The demo roster has people trained, mastered and neither, or the test proves nothing.
    assert!(
        trained > 0 && mastered > 0 && mastered < people.len(),
        "{trained} {mastered}"
    );
}

/// What a roster writes comes back exactly on either engine (many rows per statement, every
/// value bound): quotes, backslashes, diacritics, empty optional cells, a leap day, an end
/// date; and each audit entry holds the row as stored.
#[tokio::test]
async fn a_roster_is_stored_and_audited_exactly_as_written() {
    use sea_orm::{EntityTrait, QueryOrder};
    use service::entity::{assignment, audit, person};
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let head = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc,email\n";
    let file = format!(
        "{head}CB01,\"Đặng O'Brien \"\"Bé\"\" \\ Ngọc\",SO-NV,cong_chuc,2025-01-01,2025-06-30,\n\
         CB02,Lê Thị Ánh,XA-A,vien_chuc,2024-02-29,,le.anh@vidu.vn\n"
    );
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, file.as_bytes()).await;
    assert_eq!(status, 200, "{body}");

    let db = app.state.db();
    let people = person::Entity::find()
        .order_by_asc(person::Column::StaffCode)
        .all(db)
        .await
        .unwrap();
    let stored: Vec<_> = people
        .iter()
        .map(|p| {
            (
                p.staff_code.as_str(),
                p.full_name.as_str(),
                p.email.as_deref(),
                p.personal_id.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        stored,
        [
            ("CB01", "Đặng O'Brien \"Bé\" \\ Ngọc", None, None),
            ("CB02", "Lê Thị Ánh", Some("le.anh@vidu.vn"), None),
        ]
    );
    let periods: Vec<_> = assignment::Entity::find()
        .order_by_asc(assignment::Column::StartDate)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.kind,
                a.start_date.to_string(),
                a.end_date.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            ("vien_chuc".to_owned(), "2024-02-29".to_owned(), None),
            (
                "cong_chuc".to_owned(),
                "2025-01-01".to_owned(),
                Some("2025-06-30".to_owned())
            ),
        ]
    );

    let entries = audit::Entity::find()
        .order_by_asc(audit::Column::Id)
        .all(db)
        .await
        .unwrap();
    let of = |kind: &str, id: i32| {
        let e = entries
            .iter()
            .find(|e| e.object_kind == kind && e.object_id == id.to_string())
            .unwrap_or_else(|| panic!("no audit entry for {kind} {id}"));
        assert_eq!(
            (e.action.as_str(), e.before.as_deref()),
            ("import_create", None)
        );
        serde_json::from_str::<Value>(e.after.as_deref().unwrap()).unwrap()
    };
    for p in &people {
        assert_eq!(of("person", p.id), serde_json::to_value(p).unwrap());
    }
    let a = assignment::Entity::find().all(db).await.unwrap();
    assert_eq!(a.len(), 2);
    for a in &a {
        assert_eq!(of("assignment", a.id), serde_json::to_value(a).unwrap());
    }
}

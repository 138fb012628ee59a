//! Issue 17, hole 1: a roster or records import never reaches a person who has, or has had, an
//! assignment outside the importer's subtree, and a refusal tells nothing else about them.
mod support;

use domain::Role;
use serde_json::Value;
use support::{
    CSV, TestApp, bearer, fingerprint, get, issue_token, server_fn, server_read, signed_in,
    spawn_app, upload,
};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha
UBND-T,Ủy ban nhân dân tỉnh,tinh,
SO-NV,Sở Nội vụ,tinh,UBND-T
SO-TC,Sở Tài chính,tinh,UBND-T
XA-A,Xã An Bình,xa,
";

/// CB01 works in SO-TC (unit B) since 2024; CB02 in SO-NV (unit A).
const ROSTER: &str = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,so_dinh_danh,email,so_dien_thoai
CB01,Trần Thị Bình,SO-TC,cong_chuc,2024-01-01,001204005678,binh@stc.gov.vn,0912000111
CB02,Lê Văn Cường,SO-NV,cong_chuc,2024-01-01,,,
";

async fn province(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    for (path, body) in [
        ("/api/v1/units/import", UNITS),
        ("/api/v1/roster/import", ROSTER),
    ] {
        let (status, answer) = upload(app, &admin, path, CSV, body.as_bytes()).await;
        assert_eq!(status, 200, "{answer}");
    }
    admin
}

fn codes(body: &Value) -> Vec<(u64, String, String)> {
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors in {body}"))
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

fn out_of_scope(row: u64) -> (u64, String, String) {
    (row, "ma_can_bo".to_owned(), "staff_out_of_scope".to_owned())
}

/// What B's person looks like in the database: name, contact, and every assignment.
async fn cb01(app: &TestApp) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.db();
    let sql = "SELECT p.full_name || '|' || COALESCE(p.email, '') || '|' || COALESCE(p.phone, '') \
               || '|' || u.code || '|' || CAST(a.start_date AS TEXT) || '|' || COALESCE(CAST(a.end_date AS TEXT), '') AS v \
               FROM people p JOIN assignments a ON a.person_id = p.id JOIN units u ON u.id = a.unit_id \
               WHERE p.staff_code = 'CB01' ORDER BY a.start_date";
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "v").unwrap())
        .collect()
}

#[tokio::test]
async fn hr_of_a_cannot_touch_a_person_of_b_through_the_roster_import() {
    let app = spawn_app().await;
    province(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let before = (cb01(&app).await, fingerprint(&app).await);
    let attacks = [
        // A past assignment in A, to read B's person from then on (and rename them).
        "CB01,Tên Bị Đổi,SO-NV,cong_chuc,2020-01-01,2023-12-31,,,\n",
        // B's current assignment replaced by one in A, by sending its start date.
        "CB01,Trần Thị Bình,SO-NV,cong_chuc,2024-01-01,,,,\n",
        // Only new contact details.
        "CB01,Trần Thị Bình,SO-NV,cong_chuc,2019-01-01,2019-06-01,,ke.gian@evil.vn,0999999999\n",
    ];
    for attack in attacks {
        let file = format!(
            "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc,so_dinh_danh,email,so_dien_thoai\n{attack}"
        );
        for dry in ["?dry_run=true", ""] {
            let path = format!("/api/v1/roster/import{dry}");
            let (status, body) = upload(&app, &hr, &path, CSV, file.as_bytes()).await;
            assert_eq!(status, 422, "{attack} {body}");
            assert_eq!(codes(&body), [out_of_scope(2)], "{attack}");
            let message = body["errors"][0]["message"].as_str().unwrap();
            assert!(message.contains("ngoài phạm vi"), "{message}");
        }
    }
    assert_eq!((cb01(&app).await, fingerprint(&app).await), before);
    let (status, _) = server_read(&app, &hr, "hr_person", &[("staff_code", "CB01")]).await;
    assert_eq!(status, 404, "B's person stays hidden from A");
}

#[tokio::test]
async fn a_refusal_is_no_oracle_for_the_id_number_or_the_start_date() {
    let app = spawn_app().await;
    province(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let header = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc,so_dinh_danh,email,so_dien_thoai\n";
    let mut answers = Vec::new();
    for row in [
        // the right ID number, an overlapping start
        "CB01,Trần Thị Bình,SO-NV,cong_chuc,2024-06-01,,001204005678,,\n",
        // a wrong ID number, a start that does not overlap
        "CB01,Trần Thị Bình,SO-NV,cong_chuc,2020-01-01,2021-01-01,009999999999,,\n",
    ] {
        let file = format!("{header}{row}");
        let (status, body) = upload(
            &app,
            &hr,
            "/api/v1/roster/import?dry_run=true",
            CSV,
            file.as_bytes(),
        )
        .await;
        assert_eq!(status, 422);
        answers.push(body);
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(codes(&answers[0]), [out_of_scope(2)]);
}

#[tokio::test]
async fn a_token_of_a_is_held_to_the_same_rule() {
    let app = spawn_app().await;
    let admin = province(&app).await;
    let before = cb01(&app).await;
    let (_, token) = issue_token(&app, &admin, "hệ thống A", Some("SO-NV")).await;
    let file = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB02,Lê Văn Cường,SO-NV,cong_chuc,2024-01-01\nCB01,Tên Bị Đổi,SO-NV,cong_chuc,2020-01-01\n";
    let (status, body) = upload(
        &app,
        &bearer(&token),
        "/api/v1/roster/import",
        CSV,
        file.as_bytes(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(codes(&body), [out_of_scope(3)]);
    assert_eq!(cb01(&app).await, before);
}

#[tokio::test]
async fn records_of_a_person_elsewhere_are_refused_like_an_unknown_code() {
    let app = spawn_app().await;
    province(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let training = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB02,KNS-01,2025-03-01,truc_tuyen\nCB01,KNS-01,2025-03-01,truc_tuyen\nCB99,KNS-01,2025-03-01,truc_tuyen\n";
    let (status, body) = upload(
        &app,
        &hr,
        "/api/v1/training-records/import",
        CSV,
        training.as_bytes(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let errors = codes(&body);
    assert_eq!(errors.len(), 2, "{body}");
    assert_eq!(
        (&errors[0].2, &errors[0].1),
        (&errors[1].2, &errors[1].1),
        "a code elsewhere in the province reads as one that exists nowhere: {body}"
    );
    assert_eq!(body["errors"][0]["message"], body["errors"][1]["message"]);
}

#[tokio::test]
async fn a_move_between_subtrees_is_recorded_by_an_officer_over_both_or_the_admin() {
    let app = spawn_app().await;
    let admin = province(&app).await;
    let move_to_a = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau,ngay_ket_thuc\nCB01,Trần Thị Bình,SO-TC,cong_chuc,2024-01-01,2025-01-01\nCB01,Trần Thị Bình,SO-NV,cong_chuc,2025-01-01,\n";
    let province_hr = signed_in(&app, "nhansu-tinh", &[(Role::Hr, Some("UBND-T"))]).await;
    let (status, body) = upload(
        &app,
        &province_hr,
        "/api/v1/roster/import",
        CSV,
        move_to_a.as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(cb01(&app).await.len(), 2);

    // Now CB01 has a past assignment in SO-TC: SO-NV's officer may read them, not change them.
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let rename = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB01,Tên Bị Đổi,SO-NV,cong_chuc,2025-01-01\n";
    let (status, body) = upload(&app, &hr, "/api/v1/roster/import", CSV, rename.as_bytes()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(codes(&body), [out_of_scope(2)]);
    let add = [
        ("staff_code", "CB01"),
        ("programme_code", "KNS-01"),
        ("completed_on", "2025-03-01"),
        ("mode", "truc_tiep"),
        ("evidence", "Biên bản lớp học"),
    ];
    let (status, _) = server_fn(&app, &hr, "hr_add_training", &add).await;
    assert_eq!(
        status, 403,
        "a record for someone also of another unit is not A's alone"
    );

    let back = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB01,Trần Thị Bình,SO-NV,vien_chuc,2025-01-01\n";
    let (status, body) = upload(&app, &admin, "/api/v1/roster/import", CSV, back.as_bytes()).await;
    assert_eq!(status, 200, "the admin records it: {body}");
    let (status, _) = get(&app, &admin, "/api/v1/indicators").await;
    assert_eq!(status, 200);
}

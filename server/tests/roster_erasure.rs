//! A roster member's data rights (issue 17, hole 15): an admin pseudonymises a roster member
//! with a reason; name, personal ID number, e-mail and phone go, the staff code stays as an
//! opaque key, the account link goes, past indicators keep their counts, and the audit log
//! says who did it and why without the erased values.
mod support;

use domain::Role;
use serde_json::{Value, json};
use support::{
    CSV, TestApp, bearer, count, csv_text, download, get, issue_token, json_of, server_fn,
    signed_in, upload,
};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nUBND-T,Ủy ban nhân dân tỉnh,tinh,\nSO-NV,Sở Nội vụ,tinh,UBND-T\n";
const ROSTER: &str = "ma_can_bo,ho_ten,so_dinh_danh,email,so_dien_thoai,ma_don_vi,loai,ngay_bat_dau\n\
CB01,Nguyễn Văn An,001203004567,an@vidu.vn,0912000111,SO-NV,cong_chuc,2024-01-01\n\
CB02,Trần Thị Bình,,,,SO-NV,cong_chuc,2024-01-01\n";
const TRAINING: &str =
    "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB01,KNS-01,2025-06-01,truc_tuyen\n";
const ERASED: [&str; 4] = ["Nguyễn Văn An", "001203004567", "an@vidu.vn", "0912000111"];

async fn province(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    for (path, body) in [
        ("/api/v1/units/import", UNITS),
        ("/api/v1/roster/import", ROSTER),
        ("/api/v1/training-records/import", TRAINING),
    ] {
        let (status, report) = upload(app, &admin, path, CSV, body.as_bytes()).await;
        assert_eq!(status, 200, "{report}");
    }
    admin
}

async fn erase(app: &TestApp, client: &reqwest::Client, code: &str, reason: &str) -> (u16, Value) {
    let res = client
        .post(app.url(&format!("/api/v1/people/{code}/erase")))
        .json(&json!({"reason": reason}))
        .send()
        .await
        .unwrap();
    json_of(res).await
}

async fn trained(app: &TestApp, admin: &reqwest::Client, as_of: &str) -> Value {
    let (status, body) = get(app, admin, &format!("/api/v1/indicators?as_of={as_of}")).await;
    assert_eq!(status, 200, "{body}");
    body["indicators"]["provincial_trained"].clone()
}

#[tokio::test]
async fn an_admin_pseudonymises_a_roster_member_and_the_counts_stay() {
    let app = support::spawn_app().await;
    let admin = province(&app).await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let (status, body) = server_fn(
        &app,
        &learner,
        "claim_staff_record",
        &[("staff_code", "CB01"), ("proof", "001203004567")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let before = trained(&app, &admin, "2026-01-31").await;
    assert_eq!(before["numerator"], 1);

    let (status, body) = erase(&app, &admin, "CB01", "").await;
    assert_eq!(status, 422, "a reason is required: {body}");
    let (status, body) = erase(&app, &admin, "CB01", "Yêu cầu theo Nghị định 13/2023").await;
    assert_eq!(status, 200, "{body}");

    let id = count(&app, "people WHERE staff_code = 'CB01'").await;
    assert_eq!(id, 1, "the staff code stays as a key");
    assert_eq!(
        count(
            &app,
            "people WHERE staff_code = 'CB01' AND full_name LIKE 'Đã ẩn danh #%' \
             AND personal_id IS NULL AND email IS NULL AND phone IS NULL AND user_id IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        trained(&app, &admin, "2026-01-31").await,
        before,
        "past indicators keep their counts"
    );

    let (_, person) = get(&app, &admin, "/api/v1/people/CB01").await;
    assert!(
        person["full_name"]
            .as_str()
            .unwrap()
            .starts_with("Đã ẩn danh #"),
        "{person}"
    );
    assert_eq!(person["account"], Value::Null);
    let (_, data) = get(&app, &learner, "/api/v1/me/data").await;
    assert_eq!(data["staff_record"], Value::Null, "the link is gone");

    let (status, _, bytes) = download(&app, &admin, "/api/v1/roster/export").await;
    assert_eq!(status, 200);
    let roster = csv_text(&bytes);
    assert!(roster.contains("Đã ẩn danh #"), "{roster}");
    for value in ERASED {
        assert!(!roster.contains(value), "the export still has {value}");
    }

    let log = count(
        &app,
        "audit_log WHERE action = 'person_pseudonymise' AND object_id = 'CB01' \
         AND actor_user_id IS NOT NULL AND after LIKE '%Nghị định 13/2023%'",
    )
    .await;
    assert_eq!(log, 1, "who and why");
    for value in ERASED {
        assert_eq!(
            count(
                &app,
                &format!("audit_log WHERE before LIKE '%{value}%' OR after LIKE '%{value}%'")
            )
            .await,
            0,
            "the audit log still holds {value}"
        );
    }
}

#[tokio::test]
async fn only_an_admin_may_pseudonymise() {
    let app = support::spawn_app().await;
    let admin = province(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let (status, _) = erase(&app, &hr, "CB01", "rời đơn vị").await;
    assert!(status == 403 || status == 404, "{status}");
    let (_, token) = issue_token(&app, &admin, "báo cáo", Some("SO-NV")).await;
    let (status, _) = erase(&app, &bearer(&token), "CB01", "rời đơn vị").await;
    assert_eq!(status, 403);
    let (status, _) = erase(&app, &support::browser(&app), "CB01", "rời đơn vị").await;
    assert_eq!(status, 401);
    let (status, body) = server_fn(
        &app,
        &hr,
        "hr_erase_person",
        &[("staff_code", "CB01"), ("reason", "rời đơn vị")],
    )
    .await;
    assert!(status == 403 || status == 404, "{status} {body}");
    assert_eq!(
        count(&app, "people WHERE full_name = 'Nguyễn Văn An'").await,
        1
    );
    assert_eq!(
        count(&app, "audit_log WHERE action = 'person_pseudonymise'").await,
        0
    );
    let (status, _) = erase(&app, &admin, "KHONG-CO", "rời đơn vị").await;
    assert_eq!(status, 404);
}

/// An old spreadsheet imported again must not put the erased name, ID number or contacts back:
/// the row is refused, the pseudonym stays, and nobody may propose a new account link for it.
#[tokio::test]
async fn a_pseudonymised_member_is_not_named_again_by_a_later_import() {
    let app = support::spawn_app().await;
    let admin = province(&app).await;
    let (status, body) = erase(&app, &admin, "CB01", "Đã nghỉ hưu, yêu cầu xóa dữ liệu").await;
    assert_eq!(status, 200, "{body}");

    let (status, report) = upload(
        &app,
        &admin,
        "/api/v1/roster/import",
        CSV,
        ROSTER.as_bytes(),
    )
    .await;
    assert_eq!(status, 422, "{report}");
    let errors = report["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["row"] == 2 && e["code"] == "staff_pseudonymised"),
        "{report}"
    );
    assert_eq!(
        count(&app, "people WHERE staff_code = 'CB01' AND full_name LIKE 'Đã ẩn danh #%' AND personal_id IS NULL").await,
        1,
        "the pseudonym stays"
    );
    let (status, body) = server_fn(
        &app,
        &admin,
        "hr_propose_link",
        &[("staff_code", "CB01"), ("contact", "0912000111")],
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(count(&app, "link_proposals").await, 0);
}

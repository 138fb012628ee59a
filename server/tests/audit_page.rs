//! The admin's audit log: newest first, filtered, paged, naming the person or the token; admin only.
mod support;

use domain::Role;
use serde_json::Value;
use support::{
    CSV, TestApp, bearer, browser, issue_token, server_read, signed_in, spawn_app, upload,
};

async fn audit(app: &TestApp, client: &reqwest::Client, filter: &[(&str, &str)]) -> (u16, Value) {
    let form: Vec<(String, &str)> = filter
        .iter()
        .map(|(k, v)| (format!("filter[{k}]"), *v))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    server_read(app, client, "list_audit", &form).await
}

fn actions(page: &Value) -> Vec<String> {
    page["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

/// Units, then 30 people imported by the admin (60 entries), then one by a token.
async fn history(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    let units = "ma_don_vi,ten_don_vi,cap\nSO-NV,Sở Nội vụ,tinh\n";
    assert_eq!(
        upload(app, &admin, "/api/v1/units/import", CSV, units.as_bytes())
            .await
            .0,
        200
    );
    let mut roster = String::from("ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n");
    for i in 0..30 {
        roster.push_str(&format!(
            "NV{i:02},Nguyễn Văn Số,SO-NV,cong_chuc,2025-01-01\n"
        ));
    }
    assert_eq!(
        upload(app, &admin, "/api/v1/roster/import", CSV, roster.as_bytes())
            .await
            .0,
        200
    );
    let (_, token) = issue_token(app, &admin, "Hệ thống báo cáo", Some("SO-NV")).await;
    let one = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nNV99,Trần Thị Mai,SO-NV,vien_chuc,2025-02-01\n";
    assert_eq!(
        upload(
            app,
            &bearer(&token),
            "/api/v1/roster/import",
            CSV,
            one.as_bytes()
        )
        .await
        .0,
        200
    );
    admin
}

#[tokio::test]
async fn newest_first_paged_and_naming_who() {
    let app = spawn_app().await;
    let admin = history(&app).await;
    let (status, page) = audit(&app, &admin, &[("page", "1")]).await;
    assert_eq!(status, 200, "{page}");
    let entries = page["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 50);
    assert_eq!(page["has_next"], true);
    let ids: Vec<i64> = entries.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
    let newest = &entries[0];
    assert_eq!(newest["token_name"], "Hệ thống báo cáo");
    assert_eq!(newest["actor_login"], Value::Null);
    assert!(
        newest["after"].as_str().unwrap().contains("NV99")
            || entries[1]["after"].as_str().unwrap().contains("NV99")
    );
    let by_admin = entries
        .iter()
        .find(|e| e["action"] == "issue_token")
        .unwrap();
    assert_eq!(by_admin["actor_login"], "quantri");

    // 1 unit + 60 + 1 token + 2 = 64 entries: the second page holds the last 14.
    let (_, second) = audit(&app, &admin, &[("page", "2")]).await;
    assert_eq!(second["entries"].as_array().unwrap().len(), 14);
    assert_eq!(second["has_next"], false);
    assert_eq!(second["entries"][13]["action"], "import_create");
    assert_eq!(second["entries"][13]["object_kind"], "unit");
}

#[tokio::test]
async fn filters_by_who_action_object_and_dates() {
    let app = spawn_app().await;
    let admin = history(&app).await;
    let (_, page) = audit(&app, &admin, &[("actor", "BÁO CÁO")]).await;
    assert_eq!(
        actions(&page),
        ["import_create", "import_create"],
        "the token's two entries, whatever the case"
    );
    let (_, page) = audit(
        &app,
        &admin,
        &[("actor", "QUANTRI"), ("action", "issue_token")],
    )
    .await;
    assert_eq!(actions(&page), ["issue_token"]);
    let (_, page) = audit(&app, &admin, &[("object", "unit")]).await;
    assert_eq!(page["entries"].as_array().unwrap().len(), 1);
    let unit_id = page["entries"][0]["object_id"].as_str().unwrap().to_owned();
    let (_, page) = audit(&app, &admin, &[("object", &format!("unit:{unit_id}"))]).await;
    assert_eq!(page["entries"].as_array().unwrap().len(), 1);
    let (_, page) = audit(&app, &admin, &[("object", "unit:999999")]).await;
    assert_eq!(page["entries"].as_array().unwrap().len(), 0);

    let vn = domain::dates::vietnam();
    let today = chrono::Utc::now().with_timezone(&vn).date_naive();
    let (d, yesterday) = (
        today.format("%Y-%m-%d").to_string(),
        today.pred_opt().unwrap().format("%Y-%m-%d").to_string(),
    );
    let (_, page) = audit(
        &app,
        &admin,
        &[("from", &d), ("to", &d), ("action", "issue_token")],
    )
    .await;
    assert_eq!(actions(&page), ["issue_token"], "today, both ends included");
    let (_, page) = audit(&app, &admin, &[("to", &yesterday)]).await;
    assert_eq!(
        page["entries"].as_array().unwrap().len(),
        0,
        "nothing before today"
    );
}

#[tokio::test]
async fn only_the_admin_reads_the_audit_log() {
    let app = spawn_app().await;
    history(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    for who in [&hr, &learner] {
        let (status, body) = audit(&app, who, &[("page", "1")]).await;
        assert_eq!(status, 403, "{body}");
        assert!(
            !body.to_string().contains("NV00"),
            "nothing of the log leaks: {body}"
        );
    }
    assert_eq!(audit(&app, &browser(&app), &[("page", "1")]).await.0, 401);
}

//! API tokens: issued by the admin for a unit's subtree, shown once, stored hashed, revocable;
//! a request with one acts as an hr officer of that unit and is audited under the token.
mod support;

use domain::Role;
use serde_json::Value;
use support::{
    CSV, TestApp, bearer, browser, count, download, get, issue_token, json_of, server_fn,
    server_read, signed_in, spawn_app, upload,
};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha
UBND-T,Ủy ban nhân dân tỉnh,tinh,
SO-NV,Sở Nội vụ,tinh,UBND-T
PHONG-1,Phòng Tổ chức,tinh,SO-NV
SO-TC,Sở Tài chính,tinh,UBND-T
XA-A,Xã An Bình,xa,
";

async fn admin_with_units(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    let (status, body) = upload(app, &admin, "/api/v1/units/import", CSV, UNITS.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    admin
}

#[tokio::test]
async fn a_unit_token_reads_and_writes_its_subtree_only() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (id, token) = issue_token(&app, &admin, "Hệ thống báo cáo Sở Nội vụ", Some("SO-NV")).await;
    assert!(token.starts_with("hvs_") && token.len() == 47, "{token}");
    let program = bearer(&token);

    let (status, body) = get(&app, &program, "/api/v1/indicators").await;
    assert_eq!(
        (status, body["unit"].as_str()),
        (200, Some("SO-NV")),
        "{body}"
    );
    assert_eq!(
        get(&app, &program, "/api/v1/indicators?unit=PHONG-1")
            .await
            .0,
        200,
        "a sub-unit is in the subtree"
    );
    for path in [
        "/api/v1/indicators?unit=SO-TC",
        "/api/v1/indicators/by-unit?unit=UBND-T",
        "/api/v1/roster/export?unit=XA-A",
    ] {
        let (status, body) = get(&app, &program, path).await;
        assert_eq!(status, 403, "{path}: {body}");
        assert_eq!(body["error"]["code"], "forbidden");
    }

    let roster = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB01,Nguyễn Văn An,PHONG-1,cong_chuc,2025-01-01\n";
    let (status, body) = upload(
        &app,
        &program,
        "/api/v1/roster/import",
        CSV,
        roster.as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let outside = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB02,Trần Văn Bình,SO-TC,cong_chuc,2025-01-01\n";
    let (status, body) = upload(
        &app,
        &program,
        "/api/v1/roster/import",
        CSV,
        outside.as_bytes(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["code"], "unit_out_of_scope");
    assert_eq!(
        upload(
            &app,
            &program,
            "/api/v1/units/import",
            CSV,
            UNITS.as_bytes()
        )
        .await
        .0,
        403,
        "units are the admin's"
    );

    let (status, _, bytes) = download(&app, &program, "/api/v1/roster/export").await;
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&bytes).contains("CB01,Nguyễn Văn An,PHONG-1"));

    // The changes are audited under the token, with no person behind them.
    let log = service::access::audit::latest(app.state.db(), 10)
        .await
        .unwrap();
    let imported: Vec<_> = log
        .iter()
        .filter(|e| e.action == "import_create" && e.object_kind != "unit")
        .collect();
    assert_eq!(imported.len(), 2, "a person and an assignment");
    assert!(
        imported
            .iter()
            .all(|e| e.token_id == Some(id as i32) && e.actor_user_id.is_none()),
        "{imported:?}"
    );

    let (_, me) = get(&app, &program, "/api/v1/auth/me").await;
    assert_eq!(
        me["user"]["roles"],
        serde_json::json!([{"role": "hr", "unit_code": "SO-NV", "unit_name": "Sở Nội vụ"}])
    );
}

#[tokio::test]
async fn a_token_never_administers() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (_, token) = issue_token(&app, &admin, "Toàn tỉnh", None).await;
    let program = bearer(&token);
    let (status, body) = json_of(
        program
            .post(app.url("/api/v1/tokens"))
            .json(&serde_json::json!({"name": "x"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("forbidden"))
    );
    assert_eq!(get(&app, &program, "/api/v1/tokens").await.0, 403);
    assert_eq!(
        server_read(&app, &program, "list_users", &[("query", "")])
            .await
            .0,
        403
    );
    assert_eq!(
        server_read(&app, &program, "list_audit", &[("filter[page]", "1")])
            .await
            .0,
        403
    );
    assert_eq!(
        server_fn(
            &app,
            &program,
            "grant_role",
            &[("user_id", "1"), ("role", "admin"), ("unit_code", "")]
        )
        .await
        .0,
        403
    );
    assert_eq!(
        upload(
            &app,
            &program,
            "/api/v1/units/import",
            CSV,
            UNITS.as_bytes()
        )
        .await
        .0,
        403
    );
    // A province-wide token reads the province.
    let (status, body) = get(&app, &program, "/api/v1/indicators").await;
    assert_eq!((status, &body["unit"]), (200, &Value::Null), "{body}");
    assert_eq!(
        get(&app, &program, "/api/v1/indicators?unit=XA-A").await.0,
        200
    );
}

#[tokio::test]
async fn only_the_admin_issues_lists_and_revokes() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (id, _) = issue_token(&app, &admin, "Báo cáo", Some("SO-NV")).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("UBND-T"))]).await;
    let learner = signed_in(&app, "hocvien", &[(Role::Learner, None)]).await;
    for who in [&hr, &learner] {
        let res = who
            .post(app.url("/api/v1/tokens"))
            .json(&serde_json::json!({"name": "x", "unit": "SO-NV"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(get(&app, who, "/api/v1/tokens").await.0, 403);
        assert_eq!(
            who.delete(app.url(&format!("/api/v1/tokens/{id}")))
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
        assert_eq!(
            server_fn(
                &app,
                who,
                "issue_token",
                &[("name", "x"), ("unit_code", "")]
            )
            .await
            .0,
            403
        );
    }
    let anonymous = browser(&app);
    assert_eq!(get(&app, &anonymous, "/api/v1/tokens").await.0, 401);
    assert_eq!(
        count(&app, "api_tokens").await,
        1,
        "nothing issued by the refused"
    );

    let (status, list) = get(&app, &admin, "/api/v1/tokens").await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["name"], "Báo cáo");
    assert_eq!(list[0]["unit"], "SO-NV");
    assert_eq!(list[0]["created_by"], "quantri");
    assert!(
        list[0].get("token").is_none(),
        "the value is shown at issue only: {list}"
    );

    for (body, field) in [
        (serde_json::json!({"name": "  "}), "name"),
        (serde_json::json!({"name": "x", "unit": "KHONG-CO"}), "unit"),
    ] {
        let (status, err) = json_of(
            admin
                .post(app.url("/api/v1/tokens"))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 422, "{err}");
        assert_eq!(err["error"]["details"][0]["field"], field);
    }
}

#[tokio::test]
async fn a_revoked_or_unknown_token_gets_401() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (id, token) = issue_token(&app, &admin, "Báo cáo", Some("SO-NV")).await;
    let program = bearer(&token);
    assert_eq!(get(&app, &program, "/api/v1/indicators").await.0, 200);
    let listed = get(&app, &admin, "/api/v1/tokens").await.1;
    assert!(
        listed[0]["last_used_at"].as_i64().is_some(),
        "use is recorded: {listed}"
    );

    let res = admin
        .delete(app.url(&format!("/api/v1/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = program
        .get(app.url("/api/v1/indicators"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    let (status, body) = json_of(res).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("invalid_token"))
    );
    assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    assert_eq!(
        server_read(&app, &program, "current_user", &[]).await.0,
        401,
        "pages and server functions too"
    );

    let forged = format!("hvs_{}", "A".repeat(43));
    for t in [forged.as_str(), "khong-phai-ma", &token[..20]] {
        assert_eq!(
            get(&app, &bearer(t), "/api/v1/indicators").await.0,
            401,
            "{t}"
        );
    }
    assert_eq!(
        admin
            .delete(app.url(&format!("/api/v1/tokens/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        204,
        "again: nothing changes"
    );
    assert_eq!(
        count(&app, "audit_log WHERE action = 'revoke_token'").await,
        1
    );
    assert_eq!(
        admin
            .delete(app.url("/api/v1/tokens/9999"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let (_, list) = get(&app, &admin, "/api/v1/tokens").await;
    assert!(list[0]["revoked_at"].as_i64().is_some());
}

#[tokio::test]
async fn the_database_never_holds_the_token() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (id, token) = issue_token(&app, &admin, "Báo cáo", Some("SO-NV")).await;
    let secret = &token["hvs_".len()..];
    use sea_orm::EntityTrait;
    let row = service::entity::api_token::Entity::find_by_id(id as i32)
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.token_hash,
        service::access::sessions::token_hash(&token)
    );
    assert!(token.starts_with(&row.hint) && row.hint.len() == 10);
    for text in [&row.name, &row.hint, &row.token_hash] {
        assert!(!text.contains(secret), "{text}");
    }
    let leaked = count(
        &app,
        &format!("audit_log WHERE after LIKE '%{secret}%' OR before LIKE '%{secret}%'"),
    )
    .await;
    assert_eq!(leaked, 0);
    let issued = count(
        &app,
        "audit_log WHERE action = 'issue_token' AND object_kind = 'api_token'",
    )
    .await;
    assert_eq!(issued, 1, "issuing is audited");
}

#[tokio::test]
async fn the_admin_page_issues_a_token_shown_once() {
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (status, issued) = server_fn(
        &app,
        &admin,
        "issue_token",
        &[("name", "Kho dữ liệu"), ("unit_code", "XA-A")],
    )
    .await;
    assert_eq!(status, 200, "{issued}");
    let token = issued["token"].as_str().unwrap();
    assert_eq!(issued["row"]["unit_code"], "XA-A");
    let (status, list) = server_read(&app, &admin, "list_tokens", &[]).await;
    assert_eq!(status, 200);
    assert!(
        !list.to_string().contains(&token[4..]),
        "the list never shows the value"
    );
    let (status, units) = server_read(&app, &admin, "token_units", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(units.as_array().unwrap().len(), 5);
    let id = list[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        server_fn(&app, &admin, "revoke_token", &[("id", &id)])
            .await
            .0,
        200
    );
    assert_eq!(get(&app, &bearer(token), "/api/v1/indicators").await.0, 401);
    let page = admin
        .get(app.url("/quan-tri/ma-truy-cap"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.text().await.unwrap().contains("Kho dữ liệu"),
        "the page lists the token"
    );
}

#[tokio::test]
async fn a_token_lasts_a_year_by_default_and_is_refused_once_expired() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let admin = admin_with_units(&app).await;
    let (id, token) = issue_token(&app, &admin, "Báo cáo", Some("SO-NV")).await;
    let listed = get(&app, &admin, "/api/v1/tokens").await.1;
    let (created, expires) = (
        listed[0]["created_at"].as_i64().unwrap(),
        listed[0]["expires_at"].as_i64().unwrap(),
    );
    let days = (expires - created) as f64 / 86_400.0;
    assert!((365.0..366.5).contains(&days), "a year: {days} days");

    let program = bearer(&token);
    assert_eq!(get(&app, &program, "/api/v1/indicators").await.0, 200);
    let past = expires - 400 * 86_400;
    app.state
        .db()
        .execute_unprepared(&format!(
            "UPDATE api_tokens SET expires_at = {past} WHERE id = {id}"
        ))
        .await
        .unwrap();
    let (status, body) = get(&app, &program, "/api/v1/indicators").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("invalid_token"))
    );

    for refused in ["2020-01-01", "31/12/2027", "2099-01-01"] {
        let res = admin
            .post(app.url("/api/v1/tokens"))
            .json(&serde_json::json!({"name": "X", "expires_on": refused}))
            .send()
            .await
            .unwrap();
        let (status, body) = json_of(res).await;
        assert_eq!(status, 422, "{refused}: {body}");
        assert_eq!(
            body["error"]["details"][0]["code"], "invalid_expiry",
            "{body}"
        );
    }
    assert_eq!(
        count(&app, "api_tokens").await,
        1,
        "nothing issued on a refusal"
    );
}

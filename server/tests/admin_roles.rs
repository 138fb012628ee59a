//! Roles and accounts: only the admin manages them, and disabling ends sessions at once.
mod support;

use domain::{Role, UnitLevel};
use serde_json::Value;
use support::{PASSWORD, browser, server_fn_raw, server_read_raw, sign_in, spawn_app};

#[tokio::test]
async fn only_the_admin_lists_and_changes_users() {
    let app = spawn_app().await;
    app.unit("T-SNV", UnitLevel::Tinh, None).await;
    app.account("quantri", &[(Role::Admin, None)]).await;
    let hr = app.account("nhansu", &[(Role::Hr, Some("T-SNV"))]).await;
    let learner = app.account("hocvien", &[(Role::Learner, None)]).await;

    let anonymous = browser(&app);
    assert!(
        !server_read_raw(&app, &anonymous, "list_users", &[("query", "")])
            .await
            .status()
            .is_success()
    );
    for who in ["nhansu", "hocvien"] {
        let c = sign_in(&app, who).await;
        let res = server_read_raw(&app, &c, "list_users", &[("query", "")]).await;
        assert_eq!(res.status(), 403, "{who} must not list users");
        let res = server_fn_raw(
            &app,
            &c,
            "grant_role",
            &[
                ("user_id", &learner.to_string()),
                ("role", "admin"),
                ("unit_code", ""),
            ],
        )
        .await;
        assert_eq!(res.status(), 403, "{who} must not grant roles");
        let res = server_fn_raw(
            &app,
            &c,
            "set_disabled",
            &[("user_id", &hr.to_string()), ("disabled", "true")],
        )
        .await;
        assert_eq!(res.status(), 403, "{who} must not disable accounts");
    }
    let admin = sign_in(&app, "quantri").await;
    let res = server_read_raw(&app, &admin, "list_users", &[("query", "")]).await;
    assert_eq!(res.status(), 200);
    let rows: Value = res.json().await.unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn admin_grants_and_revokes_a_unit_role() {
    let app = spawn_app().await;
    app.unit("T-SNV", UnitLevel::Tinh, None).await;
    app.account("quantri", &[(Role::Admin, None)]).await;
    let learner = app.account("hocvien", &[(Role::Learner, None)]).await;
    let admin = sign_in(&app, "quantri").await;
    let id = learner.to_string();

    let missing_unit = server_fn_raw(
        &app,
        &admin,
        "grant_role",
        &[("user_id", &id), ("role", "hr"), ("unit_code", "")],
    )
    .await;
    assert_eq!(missing_unit.status(), 422);
    let res = server_fn_raw(
        &app,
        &admin,
        "grant_role",
        &[("user_id", &id), ("role", "hr"), ("unit_code", "T-SNV")],
    )
    .await;
    assert_eq!(res.status(), 200);
    let me: Value = sign_in(&app, "hocvien")
        .await
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let roles = me["user"]["roles"].as_array().unwrap();
    assert!(
        roles
            .iter()
            .any(|r| r["role"] == "hr" && r["unit_code"] == "T-SNV"),
        "{me}"
    );

    let res = server_fn_raw(
        &app,
        &admin,
        "revoke_role",
        &[("user_id", &id), ("role", "hr"), ("unit_code", "T-SNV")],
    )
    .await;
    assert_eq!(res.status(), 200);
    let me: Value = sign_in(&app, "hocvien")
        .await
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !me["user"]["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["role"] == "hr")
    );

    let log = service::access::audit::latest(app.state.db(), 10)
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|a| a.action.as_str()).collect();
    assert!(
        actions.contains(&"grant_role") && actions.contains(&"revoke_role"),
        "{actions:?}"
    );
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    app.account("quantri", &[(Role::Admin, None)]).await;
    let learner = app.account("hocvien", &[(Role::Learner, None)]).await;
    let victim = sign_in(&app, "hocvien").await;
    let admin = sign_in(&app, "quantri").await;
    let res = server_fn_raw(
        &app,
        &admin,
        "set_disabled",
        &[("user_id", &learner.to_string()), ("disabled", "true")],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        victim
            .get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // A disabled account answers as a wrong password does (issue 17, hole 6).
    let again = app.api_login(&browser(&app), "hocvien", PASSWORD).await;
    assert_eq!(again.status(), 401);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_credentials");
}

#[tokio::test]
async fn the_admin_cannot_lock_themselves_out() {
    let app = spawn_app().await;
    let me = app.account("quantri", &[(Role::Admin, None)]).await;
    let admin = sign_in(&app, "quantri").await;
    let res = server_fn_raw(
        &app,
        &admin,
        "set_disabled",
        &[("user_id", &me.to_string()), ("disabled", "true")],
    )
    .await;
    assert_eq!(res.status(), 409);
    let res = server_fn_raw(
        &app,
        &admin,
        "revoke_role",
        &[
            ("user_id", &me.to_string()),
            ("role", "admin"),
            ("unit_code", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 409);
}

#[tokio::test]
async fn server_functions_refuse_a_foreign_origin() {
    let app = spawn_app().await;
    app.account("quantri", &[(Role::Admin, None)]).await;
    let learner = app.account("hocvien", &[]).await;
    let admin = sign_in(&app, "quantri").await;
    let res = admin
        .post(app.url("/_sf/set_disabled"))
        .header("origin", "https://ke-gian.example")
        .form(&[
            ("user_id", learner.to_string().as_str()),
            ("disabled", "true"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.api_login(&browser(&app), "hocvien", PASSWORD)
            .await
            .status(),
        200,
        "still enabled"
    );
}

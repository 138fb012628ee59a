//! A province admin has the admin's powers inside their province only (SPEC, "Provinces"):
//! accounts and roles, the audit log, certificates, reminders and the roster's erasure, in
//! TINH and QT (see [`support::nation`]). Every refusal writes nothing.
mod support;

use sea_orm::ConnectionTrait;
use serde_json::Value;
use support::nation::{Nation, nation, nation_in};
use support::{
    TestApp, fingerprint, scalar, server_fn, server_fn_raw, server_read, server_read_raw,
    spawn_with,
};

/// Residents `dan-tinh` and `dan-qt` of each province's `XA-A`, and `hai-tinh`, who lives in QT
/// and is hr of TINH's `SO-A` (the national admin granted it): an account of both provinces.
async fn residents(n: &Nation) -> (i32, i32, i32) {
    let app = &n.app;
    let dan_tinh = app.account("dan-tinh", &[]).await;
    let dan_qt = app.account("dan-qt", &[]).await;
    let hai = app.account("hai-tinh", &[]).await;
    for (id, province) in [(dan_tinh, "TINH"), (dan_qt, "QT"), (hai, "QT")] {
        exec(
            app,
            &format!(
                "UPDATE users SET home_unit_id = (SELECT u.id FROM units u JOIN provinces p \
                 ON p.id = u.province_id WHERE u.code = 'XA-A' AND p.code = '{province}') \
                 WHERE id = {id}"
            ),
        )
        .await;
    }
    let (status, body) = grant(app, &n.national, hai, "hr", "SO-A").await;
    assert_eq!(status, 422, "SO-A is in both provinces: {body}");
    exec(
        app,
        &format!(
            "INSERT INTO user_roles (user_id, role, unit_id, created_at) SELECT {hai}, 'hr', u.id, 0 \
             FROM units u JOIN provinces p ON p.id = u.province_id WHERE u.code = 'SO-A' AND p.code = 'TINH'"
        ),
    )
    .await;
    (dan_tinh, dan_qt, hai)
}

async fn exec(app: &TestApp, sql: &str) {
    app.state.db().execute_unprepared(sql).await.unwrap();
}

async fn grant(
    app: &TestApp,
    who: &reqwest::Client,
    user: i32,
    role: &str,
    unit: &str,
) -> (u16, Value) {
    let user = user.to_string();
    let form = [
        ("user_id", user.as_str()),
        ("role", role),
        ("unit_code", unit),
    ];
    server_fn(app, who, "grant_role", &form).await
}

async fn disable(app: &TestApp, who: &reqwest::Client, user: i32) -> u16 {
    let user = user.to_string();
    let form = [("user_id", user.as_str()), ("disabled", "true")];
    server_fn_raw(app, who, "set_disabled", &form)
        .await
        .status()
        .as_u16()
}

async fn logins(app: &TestApp, who: &reqwest::Client) -> Vec<String> {
    let (status, body) = server_read(app, who, "list_users", &[("query", "")]).await;
    assert_eq!(status, 200, "{body}");
    let mut logins: Vec<String> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["login"].as_str().unwrap().to_owned())
        .collect();
    logins.sort();
    logins
}

/// The province of the unit each hr grant of the account is held for.
async fn hr_provinces(app: &TestApp, user: i32) -> i64 {
    scalar(
        app,
        &format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM user_roles r JOIN units u ON u.id = r.unit_id \
             JOIN provinces p ON p.id = u.province_id WHERE r.user_id = {user} AND p.code = 'QT'"
        ),
    )
    .await
}

#[tokio::test]
async fn a_province_admin_manages_the_accounts_of_their_province_only() {
    let n = nation().await;
    let app = &n.app;
    let (dan_tinh, dan_qt, hai) = residents(&n).await;
    assert_eq!(logins(app, &n.qt).await, ["dan-qt", "hai-tinh", "qt-admin"]);
    assert_eq!(
        logins(app, &n.tinh).await,
        ["dan-tinh", "hai-tinh", "hr-so-a", "tinh-admin"]
    );
    assert_eq!(logins(app, &n.national).await.len(), 7, "every account");

    let before = fingerprint(app).await;
    let roles = || scalar(app, "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM user_roles");
    let roles_before = roles().await;
    for (user, role, unit, status) in [
        (dan_tinh, "hr", "SO-Q", 404), // TINH's resident is not QT's
        (dan_qt, "author", "", 403),   // a national role
        (dan_qt, "admin", "", 403),
        (dan_qt, "hr", "NOWHERE", 422),
    ] {
        let (got, body) = grant(app, &n.qt, user, role, unit).await;
        assert_eq!(got, status, "{role} {unit}: {body}");
    }
    let (status, body) = grant(app, &n.tinh, dan_tinh, "hr", "SO-Q").await;
    assert_eq!(
        (status, body.as_str()),
        (422, Some("ServerError|unknown_unit")),
        "SO-Q is QT's alone: {body}"
    );
    assert_eq!(roles().await, roles_before, "a refusal grants nothing");
    assert_eq!(fingerprint(app).await, before, "a refusal writes nothing");

    let (status, body) = grant(app, &n.qt, dan_qt, "hr", "SO-A").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(hr_provinces(app, dan_qt).await, 1, "QT's SO-A, not TINH's");

    let before = fingerprint(app).await;
    for (user, status) in [(dan_tinh, 404), (hai, 403)] {
        assert_eq!(disable(app, &n.qt, user).await, status, "user {user}");
    }
    let admin_tinh = scalar(
        app,
        "SELECT CAST(id AS BIGINT) AS n FROM users WHERE login = 'tinh-admin'",
    )
    .await as i32;
    assert_eq!(
        disable(app, &n.tinh, admin_tinh).await,
        409,
        "not themselves"
    );
    assert_eq!(fingerprint(app).await, before, "a refusal writes nothing");
    assert_eq!(disable(app, &n.qt, dan_qt).await, 200);
    assert_eq!(
        scalar(
            app,
            &format!(
                "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM users WHERE id = {dan_qt} AND disabled"
            )
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_province_admin_reads_the_audit_of_their_province_only() {
    let n = nation().await;
    let app = &n.app;
    let (_, dan_qt, _) = residents(&n).await;
    assert_eq!(
        grant(app, &n.qt, dan_qt, "facilitator", "XA-A").await.0,
        200
    );
    let res = support::browser(app)
        .post(app.url("/api/v1/auth/register"))
        .json(
            &serde_json::json!({"full_name": "Lê Thị Quế", "login": "0912000111",
            "password": support::PASSWORD, "province": "QT", "commune": "XA-A", "consent": true}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "a resident of QT registers");
    let audit = |who| async move {
        let (status, body) = server_read(app, who, "list_audit", &[("filter[page]", "1")]).await;
        assert_eq!(status, 200, "{body}");
        body["entries"].as_array().unwrap().clone()
    };
    let qt = audit(&n.qt).await;
    let tinh = audit(&n.tinh).await;
    let national = audit(&n.national).await;
    let ids =
        |rows: &[Value]| -> Vec<i64> { rows.iter().map(|e| e["id"].as_i64().unwrap()).collect() };
    assert!(
        qt.iter().any(|e| e["action"] == "grant_role"),
        "QT's own grant: {qt:?}"
    );
    let registered = |rows: &[Value]| rows.iter().any(|e| e["action"] == "register");
    assert!(
        registered(&qt) && !registered(&tinh),
        "a registration is its commune's province's: {qt:?}"
    );
    assert!(
        qt.iter().any(|e| e["object_kind"] == "person"),
        "the national admin's roster import into QT: {qt:?}"
    );
    assert!(
        ids(&qt).iter().all(|id| !ids(&tinh).contains(id)),
        "no entry in both"
    );
    assert!(
        national.len() > qt.len() + tinh.len(),
        "the national admin also reads what was done nowhere in particular"
    );
    assert_eq!(
        server_read_raw(app, &n.hr, "list_audit", &[("filter[page]", "1")])
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn a_province_admin_revokes_the_certificates_of_their_province_only() {
    let n = nation().await;
    let app = &n.app;
    let (dan_tinh, dan_qt, _) = residents(&n).await;
    let (theirs, ours) = (
        support::certificate_of(app, dan_tinh, 3).await,
        support::certificate_of(app, dan_qt, 5).await,
    );
    let revoke = |who: &reqwest::Client, code: &str| {
        who.post(app.url(&format!("/api/v1/certificates/{code}/revoke")))
            .json(&serde_json::json!({"reason": "Cấp nhầm người"}))
            .send()
    };
    let before = fingerprint(app).await;
    assert_eq!(revoke(&n.qt, &theirs).await.unwrap().status(), 403);
    assert_eq!(revoke(&n.hr, &ours).await.unwrap().status(), 403);
    assert_eq!(fingerprint(app).await, before, "a refusal writes nothing");
    assert_eq!(revoke(&n.qt, &ours).await.unwrap().status(), 200);
    let (status, body) = server_read(app, &n.qt, "cert_verify", &[("code", &theirs)]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (&body["can_download"], &body["can_revoke"]),
        (&Value::Bool(false), &Value::Bool(false)),
        "TINH's certificate is only public to QT's admin"
    );
    let (_, body) = server_read(app, &n.tinh, "cert_verify", &[("code", &theirs)]).await;
    assert_eq!(
        (&body["can_download"], &body["can_revoke"]),
        (&Value::Bool(true), &Value::Bool(true))
    );
}

#[tokio::test]
async fn a_province_admin_writes_and_reads_their_province_reminders() {
    // Queued only: no message leaves, so the SMTP server named is never reached.
    let n = nation_in(
        spawn_with(|c| {
            c.smtp_url = Some("smtp://127.0.0.1:9".into());
            c.mail_from = "Học Vụ Số <nhac-nho@hocvu.test>".into();
        })
        .await,
    )
    .await;
    let app = &n.app;
    exec(app, "UPDATE people SET email = 'cb001@example.vn'").await;
    let form = |key| {
        [
            ("key", key),
            ("unit", ""),
            ("as_of", ""),
            ("status", "not_trained"),
            ("indicator", "provincial_trained"),
            ("subject", "Nhắc học kỹ năng số"),
            (
                "body",
                "Kính gửi {ho_ten}, mời anh chị hoàn thành khóa học.",
            ),
            ("course", ""),
            ("deadline", ""),
            ("send_at", ""),
        ]
    };
    let (status, body) = server_fn(app, &n.qt, "hr_reminder_send", &form("qt-1")).await;
    assert_eq!(status, 200, "{body}");
    let id = body.as_i64().unwrap().to_string();
    let (status, detail) = server_read(app, &n.qt, "hr_reminder", &[("id", &id)]).await;
    assert_eq!(status, 200, "{detail}");
    let names: Vec<&Value> = detail["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["full_name"])
        .collect();
    assert_eq!(names, ["Trần Thị Quảng"], "QT's people alone");
    let mut hr_form = form("hr-1");
    hr_form[1].1 = "SO-A";
    let (status, body) = server_fn(app, &n.hr, "hr_reminder_send", &hr_form).await;
    assert_eq!(status, 200, "{body}");
    let count = |who| async move {
        let (status, body) = server_read(app, who, "hr_reminders", &[]).await;
        assert_eq!(status, 200, "{body}");
        body.as_array().unwrap().len()
    };
    assert_eq!(count(&n.qt).await, 1, "QT's admin: QT's reminder");
    assert_eq!(count(&n.tinh).await, 1, "TINH's admin: the hr officer's");
    assert_eq!(count(&n.national).await, 2);
    let (status, _) = server_read(app, &n.tinh, "hr_reminder", &[("id", &id)]).await;
    assert_eq!(status, 404, "QT's reminder is not found in TINH");
}

#[tokio::test]
async fn a_province_admin_pseudonymises_their_province_roster_only() {
    let n = nation().await;
    let app = &n.app;
    let erase = |who| {
        server_fn(
            app,
            who,
            "hr_erase_person",
            &[("staff_code", "CB-001"), ("reason", "Yêu cầu xóa dữ liệu")],
        )
    };
    let (status, body) = erase(&n.hr).await;
    assert_eq!(status, 403, "an hr officer may not: {body}");
    let (status, body) = erase(&n.qt).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(pseudonymised(app, "QT").await, 1);
    assert_eq!(
        pseudonymised(app, "TINH").await,
        0,
        "TINH's CB-001 is untouched"
    );
}

async fn pseudonymised(app: &TestApp, province: &str) -> i64 {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM people pe JOIN provinces p ON p.id = \
         pe.province_id WHERE p.code = '{province}' AND pe.pseudonymised_at IS NOT NULL"
    );
    scalar(app, &sql).await
}

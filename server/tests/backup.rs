//! `hocvu backup` / `hocvu restore` (issue 17): a copy taken while the server serves, restored
//! into an empty database, gives the same indicators, certificates and audit log.
mod support;

use domain::Role;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use support::quiz::{complete_course, with_demo_content};
use support::{TestApp, fresh_database_url, get, learner_on_roster, signed_in, spawn_on};

/// Every row of a query, each as one text, in order.
async fn rows(app: &TestApp, sql: &str) -> Vec<String> {
    let db = app.state.db();
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "v").unwrap())
        .collect()
}

/// What a restore must give back: the indicators as the API answers them, the certificates and
/// the audit log.
async fn state_of(
    app: &TestApp,
    admin: &reqwest::Client,
) -> (Value, Value, Vec<String>, Vec<String>) {
    let today = service::today();
    let (status, indicators) = get(app, admin, &format!("/api/v1/indicators?as_of={today}")).await;
    assert_eq!(status, 200, "{indicators}");
    let (_, by_unit) = get(
        app,
        admin,
        &format!("/api/v1/indicators/by-unit?as_of={today}"),
    )
    .await;
    let certs = rows(
        app,
        "SELECT code || '|' || kind || '|' || programme_code AS v FROM certificates ORDER BY code",
    )
    .await;
    let audit = rows(
        app,
        "SELECT CAST(id AS TEXT) || '|' || action || '|' || object_kind || '|' || object_id AS v \
         FROM audit_log ORDER BY id",
    )
    .await;
    (indicators, by_unit, certs, audit)
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_to_the_same_figures() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    let admin = signed_in(&app, "quantri-saoluu", &[(Role::Admin, None)]).await;
    let before = state_of(&app, &admin).await;
    assert_eq!(before.2.len(), 1, "one certificate to carry over");

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("sao-luu.db");
    let backup = service::backup::backup(&app.db_url, &copy).await;
    if app.db_url.starts_with("postgres") {
        let message = backup.unwrap_err().to_string();
        assert!(message.contains("pg_dump"), "{message}");
        return;
    }
    backup.unwrap();
    let again = service::backup::backup(&app.db_url, &copy)
        .await
        .unwrap_err();
    assert!(
        again.to_string().contains("đã tồn tại"),
        "an old backup is never overwritten"
    );

    let restored_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("khoi-phuc.db").display()
    );
    service::backup::restore(&restored_url, &copy)
        .await
        .unwrap();
    let refused = service::backup::restore(&restored_url, &copy)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("trống"), "{refused}");

    let restored = spawn_on(&restored_url).await;
    let admin_there = support::browser(&restored);
    let login = restored
        .api_login(&admin_there, "quantri-saoluu", support::PASSWORD)
        .await;
    assert_eq!(login.status(), 200, "accounts come back too");
    let after = state_of(&restored, &admin_there).await;
    assert_eq!(after.0, before.0);
    assert_eq!(after.1, before.1);
    assert_eq!(after.2, before.2);
    // The restored server wrote its own sign-in to the log after the copied entries.
    assert_eq!(after.3[..before.3.len()], before.3[..]);
}

#[tokio::test]
async fn a_file_that_is_not_a_backup_is_refused() {
    let url = fresh_database_url().await;
    if url.starts_with("postgres") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("khong-phai.db");
    std::fs::write(&junk, "đây không phải cơ sở dữ liệu").unwrap();
    let target = format!("sqlite://{}?mode=rwc", dir.path().join("dich.db").display());
    let err = service::backup::restore(&target, &junk).await.unwrap_err();
    assert!(
        err.to_string().contains("không phải là bản sao lưu"),
        "{err}"
    );
}

//! Session lifetimes: an idle session and an old session end on the server.
mod common;

use common::{PASSWORD, TestApp, browser, spawn_app};
use sea_orm::ConnectionTrait;

async fn signed_in(app: &TestApp) -> reqwest::Client {
    app.account("canbo", &[]).await;
    let c = browser(app);
    assert_eq!(app.api_login(&c, "canbo", PASSWORD).await.status(), 200);
    c
}

async fn me_status(app: &TestApp, c: &reqwest::Client) -> u16 {
    c.get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn shift_sessions(app: &TestApp, column: &str, seconds_ago: i64) {
    let at = service::now() - seconds_ago;
    app.state
        .db()
        .execute_unprepared(&format!("UPDATE sessions SET {column} = {at}"))
        .await
        .unwrap();
    // Hours pass in a moment here: far longer than the process trusts a looked-up session.
    app.state.actors.clear();
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = spawn_app().await;
    let c = signed_in(&app).await;
    shift_sessions(&app, "last_seen_at", service::sessions::IDLE_SECS - 120).await;
    assert_eq!(
        me_status(&app, &c).await,
        200,
        "still within the idle limit, and the visit renews it"
    );
    shift_sessions(&app, "last_seen_at", service::sessions::IDLE_SECS + 1).await;
    assert_eq!(me_status(&app, &c).await, 401);
}

#[tokio::test]
async fn a_busy_session_still_ends_at_its_absolute_limit() {
    let app = spawn_app().await;
    let c = signed_in(&app).await;
    shift_sessions(&app, "expires_at", 1).await;
    assert_eq!(me_status(&app, &c).await, 401);
}

#[tokio::test]
async fn refused_form_posts_get_a_vietnamese_page() {
    let app = spawn_app().await;
    let foreign = reqwest::Client::new()
        .post(app.url("/dang-nhap"))
        .header("origin", "https://ke-gian.example")
        .form(&[("login", "a"), ("password", "b")])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    assert!(
        foreign
            .text()
            .await
            .unwrap()
            .contains("không xuất phát từ trang của Học Vụ Số")
    );

    let huge = "a".repeat(3 * 1024 * 1024);
    let big = browser(&app)
        .post(app.url("/dang-ky"))
        .form(&[("full_name", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 413);
    assert!(
        big.text()
            .await
            .unwrap()
            .contains("Dữ liệu gửi lên quá lớn.")
    );
    assert_eq!(app.user_count().await, 0);
}

//! Session lifetimes: an idle session and an old session end on the server.
mod support;

use sea_orm::ConnectionTrait;
use support::{PASSWORD, TestApp, browser, signed_in, spawn_app};

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
    let c = signed_in(&app, "canbo", &[]).await;
    shift_sessions(
        &app,
        "last_seen_at",
        service::access::sessions::IDLE_SECS - 120,
    )
    .await;
    assert_eq!(
        me_status(&app, &c).await,
        200,
        "still within the idle limit, and the visit renews it"
    );
    shift_sessions(
        &app,
        "last_seen_at",
        service::access::sessions::IDLE_SECS + 1,
    )
    .await;
    assert_eq!(me_status(&app, &c).await, 401);
}

#[tokio::test]
async fn a_busy_session_still_ends_at_its_absolute_limit() {
    let app = spawn_app().await;
    let c = signed_in(&app, "canbo", &[]).await;
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

/// POSTs the password form; the answer's `Location`.
async fn change_password(
    app: &TestApp,
    client: &reqwest::Client,
    current: &str,
    new: &str,
) -> String {
    let res = client
        .post(app.url("/tai-khoan/mat-khau"))
        .form(&[("current", current), ("new", new)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// ASVS 6.2.2, 6.2.3, 7.4.3: the owner changes the password with the current one; the rules
/// of any password hold; every other session ends and this browser stays signed in.
#[tokio::test]
async fn the_owner_changes_the_password_and_other_sessions_end() {
    const NEW: &str = "một câu mới dễ nhớ 2027";
    let app = spawn_app().await;
    app.account("doi-mk", &[]).await;
    let (here, elsewhere) = (browser(&app), browser(&app));
    for client in [&here, &elsewhere] {
        assert_eq!(
            app.api_login(client, "doi-mk", PASSWORD).await.status(),
            200
        );
    }
    let wrong = change_password(&app, &here, "không phải mật khẩu", NEW).await;
    assert_eq!(
        wrong,
        "/tai-khoan?loi=wrong_password&muc=mat-khau#doi-mat-khau"
    );
    let short = change_password(&app, &here, PASSWORD, "ngắn").await;
    assert!(short.contains("loi=password_too_short"), "{short}");
    let page = here
        .get(app.url(&short))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("ít nhất 8 ký tự"), "the page says why");

    let done = change_password(&app, &here, PASSWORD, NEW).await;
    assert_eq!(done, "/tai-khoan?da-doi-mat-khau=1");
    assert_eq!(
        me_status(&app, &here).await,
        200,
        "this browser stays signed in"
    );
    assert_eq!(
        me_status(&app, &elsewhere).await,
        401,
        "the other session ended"
    );
    let fresh = browser(&app);
    assert_eq!(
        app.api_login(&fresh, "doi-mk", PASSWORD).await.status(),
        401
    );
    assert_eq!(app.api_login(&fresh, "doi-mk", NEW).await.status(), 200);
}

/// A stolen session cannot try passwords without bound: wrong current passwords count as
/// failed sign-ins of the account.
#[tokio::test]
async fn wrong_current_passwords_are_limited_like_sign_ins() {
    let app = spawn_app().await;
    app.account("doi-mk", &[]).await;
    let thief = browser(&app);
    assert_eq!(
        app.api_login(&thief, "doi-mk", PASSWORD).await.status(),
        200
    );
    for i in 0..service::access::ratelimit::MAX_PER_LOGIN {
        let to = change_password(
            &app,
            &thief,
            &format!("đoán lần thứ {i}"),
            "mật khẩu của kẻ gian 1",
        )
        .await;
        assert!(to.contains("loi=wrong_password"), "{to}");
    }
    let to = change_password(&app, &thief, PASSWORD, "mật khẩu của kẻ gian 1").await;
    assert!(to.contains("loi=rate_limited"), "{to}");
    let fresh = browser(&app);
    assert_ne!(
        app.api_login(&fresh, "doi-mk", "mật khẩu của kẻ gian 1")
            .await
            .status(),
        200,
        "the password did not change"
    );
}

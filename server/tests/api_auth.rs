//! The JSON auth API: sign in, who am I, sign out, registration, and the ways they refuse.
mod support;

use domain::Role;
use serde_json::{Value, json};
use support::{PASSWORD, browser, spawn_app};

#[tokio::test]
async fn login_me_logout_round_trip() {
    let app = spawn_app().await;
    app.account("canbo", &[(Role::Learner, None)]).await;
    let client = browser(&app);

    let res = client.get(app.url("/api/v1/auth/me")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthenticated");

    let res = app.api_login(&client, "canbo", PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["login"], "canbo");
    assert_eq!(body["user"]["roles"][0]["role"], "learner");

    let me: Value = client
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["full_name"], "Người Thử Nghiệm");

    let res = client
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(
        client
            .get(app.url("/api/v1/auth/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server_not_only_the_cookie() {
    let app = spawn_app().await;
    app.account("canbo", &[]).await;
    let client = browser(&app);
    let res = app.api_login(&client, "canbo", PASSWORD).await;
    let token = session_token(&res);
    client
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    // A copy of the old cookie, replayed by someone else, opens nothing.
    let replay = reqwest::Client::new()
        .get(app.url("/api/v1/auth/me"))
        .header("cookie", format!("hv_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
}

#[tokio::test]
async fn every_login_gets_a_new_token() {
    let app = spawn_app().await;
    app.account("canbo", &[]).await;
    let a = session_token(&app.api_login(&browser(&app), "canbo", PASSWORD).await);
    let b = session_token(&app.api_login(&browser(&app), "canbo", PASSWORD).await);
    assert_ne!(a, b);
    assert!(a.len() >= 43, "at least 256 bits of base64");
}

#[tokio::test]
async fn wrong_password_and_unknown_login_get_the_same_vietnamese_answer() {
    let app = spawn_app().await;
    app.account("canbo", &[]).await;
    let client = browser(&app);
    let wrong = app.api_login(&client, "canbo", "sai mật khẩu rồi").await;
    assert_eq!(wrong.status(), 401);
    let wrong: Value = wrong.json().await.unwrap();
    let unknown: Value = app
        .api_login(&client, "khongco", "sai mật khẩu rồi")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["error"]["code"], "invalid_credentials");
    assert_eq!(
        wrong["error"]["message"],
        "Sai tên đăng nhập hoặc mật khẩu."
    );
    assert!(wrong["error"]["details"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn english_is_answered_when_asked_for() {
    let app = spawn_app().await;
    let res = browser(&app)
        .post(app.url("/api/v1/auth/login"))
        .header("accept-language", "en-GB,en;q=0.9")
        .json(&json!({"login": "x", "password": "yyyyyyyy"}))
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["message"], "Wrong username or password.");
}

#[tokio::test]
async fn repeated_failures_are_limited_per_account_without_locking_out_forever() {
    let app = spawn_app().await;
    app.account("canbo", &[]).await;
    let client = browser(&app);
    for _ in 0..service::access::ratelimit::MAX_PER_LOGIN {
        assert_eq!(
            app.api_login(&client, "canbo", "doan mat khau")
                .await
                .status(),
            401
        );
    }
    let limited = app.api_login(&client, "canbo", PASSWORD).await;
    assert_eq!(
        limited.status(),
        429,
        "even the right password waits while limited"
    );
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("15 phút")
    );

    // The window passes (failures age out): the owner gets in again.
    age_failures(&app).await;
    assert_eq!(
        app.api_login(&client, "canbo", PASSWORD).await.status(),
        200
    );
}

async fn age_failures(app: &support::TestApp) {
    use sea_orm::ConnectionTrait;
    let old = service::now() - service::access::ratelimit::WINDOW_SECS - 1;
    app.state
        .db()
        .execute_unprepared(&format!("UPDATE login_failures SET at = {old}"))
        .await
        .unwrap();
}

#[tokio::test]
async fn malformed_json_gets_a_json_error() {
    let app = spawn_app().await;
    let res = browser(&app)
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"login\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
    assert_eq!(body["error"]["message"], "Yêu cầu không đúng định dạng.");
}

#[tokio::test]
async fn oversized_body_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let huge = "a".repeat(3 * 1024 * 1024);
    let res = browser(&app)
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"full_name": huge, "login": "0912345678", "password": PASSWORD, "commune": "X-01", "consent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "payload_too_large");
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn foreign_origin_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/auth/register"))
        .header("origin", "https://ke-gian.example")
        .json(&json!({"full_name": "Nguyễn Văn An", "login": "0912345678", "password": PASSWORD, "commune": "X-01", "consent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "foreign_origin");
    assert_eq!(app.user_count().await, 0);

    let fetch_meta = reqwest::Client::new()
        .post(app.url("/dang-xuat"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(fetch_meta.status(), 403);
}

fn session_token(res: &reqwest::Response) -> String {
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned()
}

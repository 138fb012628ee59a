//! Registration limits (issue 17, hole 6): registrations are limited per address and in total
//! per minute, in the database so every process agrees; a taken login is told only behind
//! that limit; a disabled account with the right password answers as a wrong password does.
mod support;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use service::access::ratelimit::{REGISTRATIONS_PER_IP_PER_MINUTE, REGISTRATIONS_PER_MINUTE};
use support::{PASSWORD, TestApp, browser, spawn_app};

fn form(login: &str) -> Value {
    json!({"full_name": "Nguyễn Thị Ánh", "login": login, "password": PASSWORD,
           "commune": "X-01", "consent": true})
}

async fn register(app: &TestApp, body: Value) -> reqwest::Response {
    browser(app)
        .post(app.url("/api/v1/auth/register"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn error_code(res: reqwest::Response) -> String {
    let body: Value = res.json().await.unwrap();
    body["error"]["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn registrations_from_one_address_are_limited_per_minute() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    for i in 0..REGISTRATIONS_PER_IP_PER_MINUTE {
        let res = register(&app, form(&format!("09120000{i:02}"))).await;
        assert_eq!(res.status(), 201);
    }
    let before = app.user_count().await;
    let res = register(&app, form("0912999999")).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());
    assert_eq!(error_code(res).await, "registration_limited");
    assert_eq!(app.user_count().await, before, "nothing written");
}

#[tokio::test]
async fn registrations_in_total_are_limited_per_minute_across_addresses() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let s = &app.state.services;
    let refused_form = service::access::accounts::Registration {
        full_name: "Nguyễn Thị Ánh".into(),
        login: "0912000001".into(),
        password: PASSWORD.into(),
        province_code: String::new(),
        commune_code: "X-01".into(),
        consent: false,
    };
    // Every attempt counts, from as many addresses as a botnet has.
    for i in 0..REGISTRATIONS_PER_MINUTE {
        let ip = format!("10.0.{}.{}", i / 250, i % 250);
        let e = service::access::accounts::register_from(&s.db, &s.passwords, &refused_form, &ip)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "invalid_input");
    }
    let good = service::access::accounts::Registration {
        consent: true,
        ..refused_form
    };
    let e = service::access::accounts::register_from(&s.db, &s.passwords, &good, "10.9.9.9")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "registration_limited");
    assert_eq!(app.user_count().await, 0);
    // A second process on the same database sees the same count.
    let other = support::spawn_on(&app.db_url).await;
    let res = register(&other, form("0912000002")).await;
    assert_eq!(res.status(), 429);
}

/// Choice (hole 6): the answer for a taken login stays distinct ("login_taken", so a resident
/// knows to sign in instead), but every probe counts against the registration limit, so a
/// script learns at most that many logins per address and per minute in total.
#[tokio::test]
async fn a_taken_login_is_told_only_behind_the_limit() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    assert_eq!(register(&app, form("0912345678")).await.status(), 201);
    for _ in 1..REGISTRATIONS_PER_IP_PER_MINUTE {
        let res = register(&app, form("0912345678")).await;
        assert_eq!(res.status(), 422);
    }
    // The next probe is refused whether the login is taken or free.
    let taken = register(&app, form("0912345678")).await;
    let free = register(&app, form("0987654321")).await;
    assert_eq!(taken.status(), 429);
    assert_eq!(free.status(), 429);
    assert_eq!(error_code(taken).await, error_code(free).await);
}

#[tokio::test]
async fn a_disabled_account_with_the_right_password_answers_as_a_wrong_password() {
    let app = spawn_app().await;
    app.account("bi-khoa", &[]).await;
    app.account("dang-dung", &[]).await;
    service::entity::user::Entity::update_many()
        .col_expr(
            service::entity::user::Column::Disabled,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(service::entity::user::Column::Login.eq("bi-khoa"))
        .exec(app.state.db())
        .await
        .unwrap();
    let disabled = app.api_login(&browser(&app), "bi-khoa", PASSWORD).await;
    let wrong = app
        .api_login(&browser(&app), "dang-dung", "khong phai mat khau")
        .await;
    assert_eq!(disabled.status(), wrong.status());
    let (d, w): (Value, Value) = (disabled.json().await.unwrap(), wrong.json().await.unwrap());
    assert_eq!(d, w);
    assert_eq!(d["error"]["code"], "invalid_credentials");

    // The same through the sign-in form: the same redirect.
    let post = |login: &'static str, password: &'static str| {
        let app = &app;
        async move {
            browser(app)
                .post(app.url("/dang-nhap"))
                .form(&[("login", login), ("password", password)])
                .send()
                .await
                .unwrap()
                .headers()["location"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    assert_eq!(
        post("bi-khoa", PASSWORD).await,
        post("dang-dung", "khong phai mat khau").await
    );
}

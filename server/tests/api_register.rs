//! Registration through the API: every bad field is reported, and nothing is written.
mod support;

use serde_json::{Value, json};
use support::{PASSWORD, browser, spawn_app};

async fn register(app: &support::TestApp, body: Value) -> (u16, Value) {
    let res = browser(app)
        .post(app.url("/api/v1/auth/register"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

fn codes(body: &Value) -> Vec<(String, String)> {
    body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["field"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn valid() -> Value {
    json!({"full_name": "Nguyễn Thị Ánh", "login": "+84 912 345 678", "password": PASSWORD, "commune": "X-01", "consent": true})
}

#[tokio::test]
async fn a_resident_registers_with_a_phone_number_and_is_signed_in() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let client = browser(&app);
    let res = client
        .post(app.url("/api/v1/auth/register"))
        .json(&valid())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let me: Value = client
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        me["user"]["login"], "0912345678",
        "phone numbers are stored in one canonical form"
    );
    assert_eq!(me["user"]["roles"][0]["role"], "learner");
    // The same number written another way signs in to the same account.
    assert_eq!(
        app.api_login(&browser(&app), "0912.345.678", PASSWORD)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn empty_form_reports_every_field() {
    let app = spawn_app().await;
    let (status, body) = register(
        &app,
        json!({"full_name": "", "login": "", "password": "", "commune": "", "consent": false}),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "invalid_input");
    let fields: Vec<String> = codes(&body).into_iter().map(|(f, _)| f).collect();
    for f in ["full_name", "login", "password", "commune", "consent"] {
        assert!(fields.contains(&f.to_owned()), "{f} missing in {body}");
    }
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn bad_fields_get_clear_vietnamese_messages() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let cases = [
        ("login", json!("0212345678"), "invalid_phone", "10 chữ số"),
        ("login", json!("an@@vidu"), "invalid_email", "email"),
        (
            "password",
            json!("ngắn"),
            "password_too_short",
            "ít nhất 8 ký tự",
        ),
        (
            "password",
            json!("x".repeat(129)),
            "password_too_long",
            "128",
        ),
        (
            "password",
            json!("password123"),
            "password_common",
            "phổ biến",
        ),
        ("full_name", json!("N".repeat(101)), "too_long", "quá dài"),
        ("full_name", json!("Nguyễn 123"), "invalid_name", "chữ cái"),
        ("commune", json!("KHONG-CO"), "unknown_unit", "đơn vị"),
    ];
    for (field, value, code, words) in cases {
        let mut body = valid();
        body[field] = value;
        let (status, answer) = register(&app, body).await;
        assert_eq!(status, 422, "{field}: {answer}");
        let detail = &answer["error"]["details"][0];
        assert_eq!(
            (detail["field"].as_str(), detail["code"].as_str()),
            (Some(field), Some(code)),
            "{answer}"
        );
        assert!(
            detail["message"].as_str().unwrap().contains(words),
            "{answer}"
        );
    }
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn a_duplicate_account_is_refused() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    assert_eq!(register(&app, valid()).await.0, 201);
    let mut again = valid();
    again["login"] = json!("0912345678");
    let (status, body) = register(&app, again).await;
    assert_eq!(status, 422);
    assert_eq!(
        codes(&body),
        vec![("login".to_owned(), "login_taken".to_owned())]
    );
    assert_eq!(app.user_count().await, 1);
}

#[tokio::test]
async fn consent_is_required() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let mut body = valid();
    body["consent"] = json!(false);
    let (status, answer) = register(&app, body).await;
    assert_eq!(status, 422);
    assert_eq!(
        codes(&answer),
        vec![("consent".to_owned(), "consent_required".to_owned())]
    );
}

fn in_province(province: Option<&str>, commune: &str) -> Value {
    let mut body = valid();
    body["commune"] = json!(commune);
    if let Some(p) = province {
        body["province"] = json!(p);
    }
    body
}

#[tokio::test]
async fn with_several_provinces_the_commune_is_found_in_the_province_named() {
    let app = support::nation::two_provinces().await;
    let (status, body) = register(&app, in_province(None, "B-SC")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        codes(&body),
        vec![("province".to_owned(), "province_required".to_owned())],
        "a commune named without its province is not judged"
    );
    let (status, body) = register(&app, in_province(Some("ZZ"), "B-SC")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        codes(&body),
        vec![("province".to_owned(), "unknown_province".to_owned())]
    );
    let (status, body) = register(&app, in_province(Some("BS"), "X-01")).await;
    assert_eq!(status, 422, "a commune of another province: {body}");
    assert_eq!(
        codes(&body),
        vec![("commune".to_owned(), "unknown_unit".to_owned())]
    );
    assert!(
        body["error"]["details"][0]["message"]
            .as_str()
            .unwrap()
            .contains("đơn vị"),
        "{body}"
    );
    assert_eq!(app.user_count().await, 0);
    let (status, body) = register(&app, in_province(Some("bs"), "B-SC")).await;
    assert_eq!(status, 201, "the code in any case: {body}");
    let home = support::scalar(
        &app,
        "SELECT CAST(u.province_id AS BIGINT) AS n FROM users s JOIN units u ON u.id = s.home_unit_id",
    )
    .await;
    let bs = support::scalar(
        &app,
        "SELECT CAST(id AS BIGINT) AS n FROM provinces WHERE code = 'BS'",
    )
    .await;
    assert_eq!(home, bs);
}

#[tokio::test]
async fn with_one_province_naming_it_is_optional() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let (status, body) = register(&app, in_province(Some("TINH"), "X-01")).await;
    assert_eq!(status, 201, "{body}");
    let mut other = in_province(None, "X-01");
    other["login"] = json!("0912000111");
    let (status, body) = register(&app, other).await;
    assert_eq!(status, 201, "{body}");
}

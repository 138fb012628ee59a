//! The API's contract as clients see it, kept in snapshots (`server/tests/snapshots/`): the
//! OpenAPI document and the main JSON shapes on the demo data. A change to any of them shows up
//! as a diff to review (`cargo insta review`), never silently: scripts/test.sh runs with
//! `INSTA_UPDATE=no`, and CI (`CI=true`) does the same by default.
//! Volatile values (ids, the version) are redacted, so the snapshots hold on SQLite and
//! PostgreSQL alike.
mod support;

use insta::assert_json_snapshot;
use serde_json::{Value, json};
use support::{TestApp, browser, spawn_app};

/// A date far after anything in the demo data (its records are dated relative to today), so
/// the indicators on it do not depend on the day the test runs.
const AS_OF: &str = "2099-12-31";

/// The app with the demo province (units, accounts, roster, courses) and a client signed in
/// as its admin.
async fn demo_admin() -> (TestApp, reqwest::Client) {
    let app = spawn_app().await;
    service::demo::seed(app.state.db(), &app.state.services.passwords)
        .await
        .expect("demo data");
    let client = browser(&app);
    let res = app
        .api_login(&client, "admin", service::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(res.status(), 200, "the demo admin signs in");
    (app, client)
}

async fn get(client: &reqwest::Client, url: String) -> (u16, Value) {
    let res = client.get(url).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn the_openapi_document() {
    let app = spawn_app().await;
    let (status, doc) = get(&reqwest::Client::new(), app.url("/api/v1/openapi.json")).await;
    assert_eq!(status, 200);
    // The crate's version changes with releases, not with the contract.
    assert_json_snapshot!("openapi", doc, { ".info.version" => "[version]" });
}

#[tokio::test]
async fn the_shapes_of_refusals() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let client = browser(&app);

    // Valid JSON, invalid values: 422 with a detail per field.
    let res = client
        .post(app.url("/api/v1/auth/register"))
        .json(
            &json!({"full_name": "", "login": "không phải số", "password": "ngắn",
                      "commune": "X-01", "consent": false}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_json_snapshot!("validation_error", res.json::<Value>().await.unwrap());

    // JSON that does not parse: 400, the detail naming the body.
    let res = client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{\"login\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_json_snapshot!("malformed_body", res.json::<Value>().await.unwrap());

    // A path parameter that is not a number: 400 in the same shape, not axum's plain text.
    let res = client
        .delete(app.url("/api/v1/tokens/not-a-number"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(
        res.headers()["content-type"],
        "application/json",
        "a malformed path is answered in JSON"
    );
    assert_json_snapshot!("malformed_path", res.json::<Value>().await.unwrap());

    // Nobody signed in.
    let (status, body) = get(&client, app.url("/api/v1/auth/me")).await;
    assert_eq!(status, 401);
    assert_json_snapshot!("unauthenticated", body);
}

#[tokio::test]
async fn the_shapes_of_the_main_answers() {
    let (app, client) = demo_admin().await;

    let (status, me) = get(&client, app.url("/api/v1/auth/me")).await;
    assert_eq!(status, 200);
    assert_json_snapshot!("auth_me_admin", me, { ".user.id" => "[id]" });

    let (status, body) = get(
        &client,
        app.url(&format!("/api/v1/indicators?as_of={AS_OF}")),
    )
    .await;
    assert_eq!(status, 200);
    assert_json_snapshot!("indicators_province", body);

    let (status, body) = get(
        &client,
        app.url(&format!("/api/v1/indicators/by-unit?as_of={AS_OF}")),
    )
    .await;
    assert_eq!(status, 200);
    assert_json_snapshot!("indicators_by_unit", body);

    let (status, body) = get(&client, app.url("/api/v1/courses")).await;
    assert_eq!(status, 200);
    assert_json_snapshot!("courses", body);
}

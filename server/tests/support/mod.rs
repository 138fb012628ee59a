//! What every integration test shares: [`app`] starts the real router on a fresh database
//! (SQLite, or PostgreSQL with `HOCVU_TEST_PG`) and makes units and accounts; this module signs
//! in, makes bearer clients, uploads, downloads, calls server functions and counts rows;
//! [`quiz`] takes quizzes. One copy of each: a test file declares `mod support;` and nothing
//! else of the kind.
#![allow(dead_code)]
pub mod app;
pub mod log;
pub mod nation;
pub mod quiz;
pub mod smtp;

pub use app::*;
use reqwest::header::HeaderMap;
use serde_json::Value;

use domain::Role;

pub const CSV: &str = "text/csv";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub async fn signed_in(
    app: &TestApp,
    login: &str,
    roles: &[(Role, Option<&str>)],
) -> reqwest::Client {
    app.account(login, roles).await;
    let client = browser(app);
    assert_eq!(
        app.api_login(&client, login, PASSWORD).await.status(),
        200,
        "{login} signs in"
    );
    client
}

/// A browser signed in as an account that already exists (with the tests' password).
pub async fn sign_in(app: &TestApp, login: &str) -> reqwest::Client {
    let client = browser(app);
    assert_eq!(
        app.api_login(&client, login, PASSWORD).await.status(),
        200,
        "{login} signs in"
    );
    client
}

/// A program with an API token: no cookies, no Origin, the token in every request.
pub fn bearer(token: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert("authorization", format!("Bearer {token}").parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn json_of(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A `multipart/form-data` body as a browser sends a file form: its content type (with the
/// boundary) and its bytes; `file` is (file name, media type, content).
pub fn multipart(fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> (String, Vec<u8>) {
    const BOUNDARY: &str = "----hocvu-test-7Yq2";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (file_name, kind, bytes) = file;
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: {kind}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

pub async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, Value) {
    let res = client
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    json_of(res).await
}

pub async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, Value) {
    json_of(client.get(app.url(path)).send().await.unwrap()).await
}

/// A file download: status, headers, bytes.
pub async fn download(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (u16, HeaderMap, Vec<u8>) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let (status, headers) = (res.status().as_u16(), res.headers().clone());
    (status, headers, res.bytes().await.unwrap().to_vec())
}

/// Calls a server function (`/_sf/<name>`) with a form, as a hydrated page does.
pub async fn server_fn_raw(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url(&format!("/_sf/{name}")))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
}

/// Calls a reading server function (`GET /_sf/<name>?<query>`), as a hydrated page does.
pub async fn server_read_raw(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    query: &[(&str, &str)],
) -> reqwest::Response {
    client
        .get(app.url(&format!("/_sf/{name}")))
        .header("accept", "application/json")
        .query(query)
        .send()
        .await
        .unwrap()
}

/// The same, answered as status and JSON.
pub async fn server_read(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    query: &[(&str, &str)],
) -> (u16, Value) {
    json_of(server_read_raw(app, client, name, query).await).await
}

/// A writing server function (`POST /_sf/<name>`), answered as status and JSON.
pub async fn server_fn(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    json_of(server_fn_raw(app, client, name, form).await).await
}

pub async fn count(app: &TestApp, sql_from_where: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.db();
    let stmt = Statement::from_string(
        db.get_database_backend(),
        format!("SELECT COUNT(*) AS n FROM {sql_from_where}"),
    );
    db.query_one_raw(stmt)
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap()
}

/// Everything a refused request could have written, counted (in one query: the scope matrix
/// takes it twice per call).
pub async fn fingerprint(app: &TestApp) -> Vec<i64> {
    use sea_orm::{ConnectionTrait, Statement};
    let mut parts: Vec<String> = [
        "audit_log",
        "units",
        "people",
        "assignments",
        "training_records",
        "assessment_results",
        "user_roles",
        "api_tokens",
        "api_tokens WHERE revoked_at IS NOT NULL",
        "users WHERE disabled = TRUE",
        "users",
        "users WHERE erased_at IS NOT NULL",
        "people WHERE user_id IS NOT NULL",
        "sessions",
        "courses",
        "courses WHERE published = TRUE",
        "lessons",
        "quizzes",
        "questions",
        "attachments",
        "attempts",
        "attempts WHERE submitted_at IS NOT NULL",
        "attempt_items WHERE answer IS NOT NULL",
        "certificates",
        "certificates WHERE revoked_on IS NOT NULL",
        "link_proposals",
        "link_proposals WHERE status = 'proposed'",
        "teams",
        "team_members",
        "enrolments",
        "lesson_completions",
        "course_completions",
        "practice_results",
        "sync_receipts",
        "offline_packs",
        "reminders",
        "reminder_recipients",
        "mail_unsubscribes",
    ]
    .iter()
    .map(|what| format!("SELECT COUNT(*) FROM {what}"))
    .collect();
    // What an update in place would change: the lengths of the texts people edit.
    for (sum, table) in [
        ("LENGTH(title) + LENGTH(body) + position", "lessons"),
        ("LENGTH(title) + LENGTH(summary)", "courses"),
        ("LENGTH(title) + LENGTH(review)", "quizzes"),
        ("LENGTH(full_name)", "people"),
        ("LENGTH(answer)", "attempt_items"),
    ] {
        parts.push(format!("SELECT COALESCE(SUM({sum}), 0) FROM {table}"));
    }
    let columns: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, q)| format!("CAST(({q}) AS BIGINT) AS c{i}"))
        .collect();
    let db = app.state.db();
    let sql = format!("SELECT {}", columns.join(", "));
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    (0..parts.len())
        .map(|i| row.try_get::<i64>("", &format!("c{i}")).unwrap())
        .collect()
}

/// One number a query answers as `n` (cast to BIGINT when the column is narrower).
pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.state.db();
    let stmt = Statement::from_string(db.get_database_backend(), sql.to_owned());
    db.query_one_raw(stmt)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no row: {sql}"))
        .try_get::<i64>("", "n")
        .unwrap()
}

/// An admin issues a token over the API; its id and value.
pub async fn issue_token(
    app: &TestApp,
    admin: &reqwest::Client,
    name: &str,
    unit: Option<&str>,
) -> (i64, String) {
    let res = admin
        .post(app.url("/api/v1/tokens"))
        .json(&serde_json::json!({"name": name, "unit": unit}))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 201, "{body}");
    (
        body["id"].as_i64().unwrap(),
        body["token"].as_str().unwrap().to_owned(),
    )
}

/// The CSV text of a download, without its BOM.
pub fn csv_text(bytes: &[u8]) -> String {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a BOM, for Excel");
    String::from_utf8(body.to_vec()).unwrap()
}

/// Units UBND-T and SO-NV, one civil servant on the roster (CB01 in SO-NV, personal ID
/// 001203004567), and a learner account signed in, linked to that record when `linked`.
pub async fn learner_on_roster(app: &TestApp, linked: bool) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    let units = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nUBND-T,Ủy ban nhân dân tỉnh,tinh,\nSO-NV,Sở Nội vụ,tinh,UBND-T\n";
    assert_eq!(
        upload(app, &admin, "/api/v1/units/import", CSV, units.as_bytes())
            .await
            .0,
        200
    );
    let roster = "ma_can_bo,ho_ten,so_dinh_danh,ma_don_vi,loai,ngay_bat_dau\nCB01,Nguyễn Văn An,001203004567,SO-NV,cong_chuc,2024-01-01\n";
    assert_eq!(
        upload(app, &admin, "/api/v1/roster/import", CSV, roster.as_bytes())
            .await
            .0,
        200
    );
    let learner = signed_in(app, "0912345678", &[(Role::Learner, None)]).await;
    if linked {
        let (status, body) = server_fn(
            app,
            &learner,
            "claim_staff_record",
            &[("staff_code", "CB01"), ("proof", "001203004567")],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    learner
}

/// A course certificate of `user`'s (code drawn from `seed`), as the issuing service leaves it.
pub async fn certificate_of(app: &TestApp, user: i32, seed: u8) -> String {
    use sea_orm::{ActiveModelTrait, Set};
    let code = domain::certificate::code_from_indices(&[seed; domain::certificate::CODE_LEN]);
    service::entity::certificate::ActiveModel {
        code: Set(code.clone()),
        subject_key: Set(format!("course:{user}:{seed}")),
        user_id: Set(user),
        kind: Set("course".into()),
        programme_code: Set(format!("KNS-X{seed}")),
        title: Set("Kỹ năng số cơ bản".into()),
        issued_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
        created_at: Set(0),
        ..Default::default()
    }
    .insert(app.state.db())
    .await
    .unwrap();
    code
}

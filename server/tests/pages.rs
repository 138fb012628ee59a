//! Server-rendered pages and the plain form posts that work before the wasm arrives.
mod support;

use domain::Role;
use support::{PASSWORD, browser, spawn_app};

#[tokio::test]
async fn home_page_is_vietnamese_with_a_strict_csp_and_security_headers() {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/")).await.unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="vi""#), "{html}");
    assert!(html.contains("Học kỹ năng số"));
    assert!(html.contains(r#"href="/dang-nhap""#));
    // A reading page: no wasm, so no nonce and no wasm compilation in its policy.
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        !csp.contains("'nonce-") && !csp.contains("wasm-unsafe-eval"),
        "{csp}"
    );
    assert!(!html.contains("/pkg/hocvu.js") && !html.contains(".wasm"));
    assert_page_security_headers(&h, csp);
}

/// What every page's answer carries, with or without the wasm (plain http, so no HSTS).
fn assert_page_security_headers(h: &reqwest::header::HeaderMap, csp: &str) {
    assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS over plain http"
    );
}

#[tokio::test]
async fn form_pages_go_without_the_wasm() {
    let app = spawn_app().await;
    for path in ["/dang-nhap", "/dang-ky", "/xac-minh"] {
        let res = reqwest::get(app.url(path)).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let csp = res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            !csp.contains("'nonce-") && !csp.contains("wasm-unsafe-eval"),
            "{path}: {csp}"
        );
        let html = res.text().await.unwrap();
        assert!(
            !html.contains("/pkg/hocvu.js") && !html.contains(".wasm"),
            "{path}"
        );
        assert!(html.contains("<form"), "{path} has its form");
    }
}

/// The unit's lists and the audit log are GET forms and tables: drawn whole, without the wasm.
#[tokio::test]
async fn the_officers_lists_go_without_the_wasm() {
    let app = spawn_app().await;
    let admin = support::signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    for path in ["/don-vi", "/don-vi/nhan-su", "/quan-tri/nhat-ky"] {
        let html = page(&admin, &app.url(path)).await;
        assert!(!html.contains(".wasm"), "{path} loads the wasm");
        assert!(
            html.contains(r#"method="get""#),
            "{path} has its filter form"
        );
    }
}

/// A form on a page without the wasm posts to its server function by itself, and the browser
/// comes back to the page, which shows what the action answered (a new token, once) or why it
/// was refused, in the reader's language.
#[tokio::test]
async fn a_plain_form_comes_back_to_its_page_with_the_answer() {
    let app = spawn_app().await;
    let admin = support::signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let tokens_page = app.url("/quan-tri/ma-truy-cap");
    let html = page(&admin, &tokens_page).await;
    assert!(!html.contains(".wasm"), "the tokens page loads no wasm");
    assert!(html.contains(r#"action="/_sf/issue_token""#), "{html}");

    let sent = issue_by_form(&admin, &app, &tokens_page, "Báo cáo tỉnh").await;
    assert_eq!(sent.status(), 303);
    assert_eq!(sent.headers()["location"], tokens_page.as_str());
    let html = page(&admin, &tokens_page).await;
    let token = html
        .split(r#"data-testid="new-token""#)
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split('<').next())
        .expect("the page shows the new token")
        .to_owned();
    let units = support::bearer(&token)
        .get(app.url("/api/v1/units"))
        .send()
        .await
        .unwrap();
    assert_eq!(units.status(), 200, "the token shown is the one issued");
    let again = page(&admin, &tokens_page).await;
    assert!(!again.contains(&token), "a token is shown once");

    let refused = issue_by_form(&admin, &app, &tokens_page, " ").await;
    assert_eq!(refused.status(), 302);
    let back = refused.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&tokens_page), "{back}");
    let html = page(&admin, &back).await;
    assert!(
        html.contains(r#"role="alert""#) && html.contains("Vui lòng điền thông tin này."),
        "the refusal is on the page: {html}"
    );
}

/// What a browser sends for the tokens page's form "issue a token", without the wasm.
async fn issue_by_form(
    client: &reqwest::Client,
    app: &support::TestApp,
    from: &str,
    token_name: &str,
) -> reqwest::Response {
    client
        .post(app.url("/_sf/issue_token"))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("referer", from)
        .form(&[("name", token_name), ("unit_code", ""), ("expires_on", "")])
        .send()
        .await
        .unwrap()
}

/// The import page is a plain file form without the wasm: the post is answered with the page,
/// which lists every refused row (nothing written) or says how many were taken, with the
/// format chosen still chosen.
#[tokio::test]
async fn the_import_form_is_answered_with_the_page_and_every_refused_row() {
    let app = spawn_app().await;
    app.unit("SO-NV", domain::UnitLevel::Tinh, None).await;
    let hr = support::signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let html = page(&hr, &app.url("/don-vi/nhap-du-lieu")).await;
    assert!(!html.contains(".wasm"), "the import page loads no wasm");
    assert!(html.contains(r#"enctype="multipart/form-data""#), "{html}");

    let bad = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB01,Tên Một,KHONG-CO,cong_chuc,2025-01-01\nCB02,Tên Hai,SO-NV,cong_chuc,2025-02-31\n";
    let html = import_by_form(&app, &hr, "danh_sach", bad).await;
    assert!(html.contains(r#"data-testid="import-errors""#), "{html}");
    assert!(html.contains("Không có đơn vị nào mang mã này"), "{html}");
    assert!(html.contains("Ngày không hợp lệ"), "{html}");
    assert!(
        html.contains(r#"<option value="danh_sach" selected"#),
        "the format stays chosen"
    );
    assert_eq!(
        support::count(&app, "people").await,
        0,
        "a refused file writes nothing"
    );

    let good = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB01,Tên Một,SO-NV,cong_chuc,2025-01-01\nCB02,Tên Hai,SO-NV,can_bo,2025-02-01\n";
    let html = import_by_form(&app, &hr, "danh_sach", good).await;
    assert!(html.contains(r#"data-testid="import-accepted""#), "{html}");
    assert_eq!(support::count(&app, "people").await, 2);
}

async fn import_by_form(
    app: &support::TestApp,
    client: &reqwest::Client,
    format: &str,
    csv: &str,
) -> String {
    let (kind, body) = support::multipart(
        &[("format", format)],
        ("danh_sach.csv", "text/csv", csv.as_bytes()),
    );
    let res = client
        .post(app.url("/don-vi/nhap-du-lieu"))
        .header("content-type", kind)
        .header("accept-language", "vi-VN,vi;q=0.9")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

#[tokio::test]
async fn a_page_with_the_wasm_has_a_nonce_csp() {
    let app = spawn_app().await;
    // Refused to the anonymous (401), drawn with the wasm all the same.
    let res = reqwest::get(app.url("/soan-bai/KNS-AT-01/bai-moi"))
        .await
        .unwrap();
    let h = res.headers().clone();
    let html = res.text().await.unwrap();
    assert!(html.contains(".wasm"), "the lesson editor loads the wasm");
    let csp = h["content-security-policy"].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(nonce.len() >= 16);
    assert!(
        html.contains(&format!(r#"nonce="{nonce}""#)),
        "the hydration script carries the nonce"
    );
    assert_page_security_headers(&h, csp);
}

#[tokio::test]
async fn each_page_gets_its_own_nonce() {
    let app = spawn_app().await;
    let page = app.url("/soan-bai/KNS-AT-01/bai-moi");
    let a = reqwest::get(&page).await.unwrap().headers()["content-security-policy"].clone();
    let b = reqwest::get(&page).await.unwrap().headers()["content-security-policy"].clone();
    assert_ne!(a, b);
}

#[tokio::test]
async fn english_is_served_when_the_browser_prefers_it_or_the_reader_switches() {
    let app = spawn_app().await;
    let client = reqwest::Client::new();
    let html = client
        .get(app.url("/"))
        .header("accept-language", "en-US,en;q=0.8")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="en""#) && html.contains("Learn digital skills"));

    let browser = browser(&app);
    let res = browser
        .post(app.url("/ngon-ngu"))
        .form(&[("lang", "en")])
        .header("referer", app.url("/dang-ky"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/dang-ky");
    let html = browser
        .get(app.url("/dang-ky"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Register as a learner"), "{html}");
}

#[tokio::test]
async fn unknown_page_is_a_404_in_vietnamese() {
    let app = spawn_app().await;
    let res = reqwest::get(app.url("/khong-co-trang-nay")).await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Không tìm thấy trang"));
    let api = reqwest::get(app.url("/api/v1/khong-co")).await.unwrap();
    assert_eq!(api.status(), 404);
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn form_login_sets_the_session_and_shows_the_name() {
    let app = spawn_app().await;
    app.account("canbo", &[(Role::Learner, None)]).await;
    let client = browser(&app);
    let res = client
        .post(app.url("/dang-nhap"))
        .form(&[
            ("login", "canbo"),
            ("password", PASSWORD),
            ("next", "/tai-khoan"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/tai-khoan");
    let html = client
        .get(app.url("/tai-khoan"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"data-testid="user-name">Người Thử Nghiệm"#),
        "{html}"
    );
    assert!(html.contains("Người học"));
}

#[tokio::test]
async fn form_login_with_a_wrong_password_shows_the_error_and_keeps_the_login() {
    let app = spawn_app().await;
    app.account("canbo", &[]).await;
    let client = browser(&app);
    let res = client
        .post(app.url("/dang-nhap"))
        .form(&[("login", "canbo"), ("password", "sai-mat-khau")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "/dang-nhap?loi=invalid_credentials"
    );
    let html = client
        .get(app.url("/dang-nhap?loi=invalid_credentials"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"role="alert""#) && html.contains("Sai tên đăng nhập hoặc mật khẩu."),
        "{html}"
    );
    assert!(html.contains(r#"value="canbo""#), "the login typed is kept");
    assert!(
        !html.contains("sai-mat-khau"),
        "the password never comes back"
    );
    // The flash is used once.
    let again = client
        .get(app.url("/dang-nhap"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!again.contains(r#"value="canbo""#));
}

#[tokio::test]
async fn form_registration_errors_keep_the_fields_and_create_nothing() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let client = browser(&app);
    let res = client
        .post(app.url("/dang-ky"))
        .form(&[
            ("full_name", "Trần Thị Bình"),
            ("login", "0987654321"),
            ("password", "abc"),
            ("commune", "X-01"),
            ("consent", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = client
        .get(app.url(res.headers()["location"].to_str().unwrap()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Mật khẩu phải có ít nhất 8 ký tự."), "{html}");
    assert!(html.contains(r#"value="Trần Thị Bình""#) && html.contains(r#"value="0987654321""#));
    assert!(html.contains(r#"aria-invalid="true""#));
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn form_registration_signs_the_resident_in() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let client = browser(&app);
    let res = client
        .post(app.url("/dang-ky"))
        .form(&[
            ("full_name", "Trần Thị Bình"),
            ("login", "binh@vidu.vn"),
            ("password", PASSWORD),
            ("commune", "X-01"),
            ("consent", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/");
    let html = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Trần Thị Bình"));
    let res = client.post(app.url("/dang-xuat")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let html = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Trần Thị Bình") && html.contains(r#"href="/dang-nhap""#));
}

#[tokio::test]
async fn healthz_and_openapi_answer() {
    let app = spawn_app().await;
    assert_eq!(
        reqwest::get(app.url("/healthz")).await.unwrap().status(),
        200
    );
    let doc: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/api/v1/auth/register",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from the OpenAPI document"
        );
    }
}

/// ASVS V1: what an import or a form stored is text on every page that shows it, never markup
/// (the name and the note below would run a script if they were pasted into the HTML).
#[tokio::test]
async fn stored_text_is_escaped_on_the_pages_that_show_it() {
    use support::{CSV, signed_in, upload};
    const NAME: &str = "<script>alert('ten')</script>Nguyễn Văn Hại";
    let app = spawn_app().await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let roster = format!(
        "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB-X,\"{NAME}\",UBND-T,cong_chuc,2024-01-01\n"
    );
    let training = "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu\n\
        CB-X,KNS-01,2025-01-02,truc_tiep,\"<img src=x onerror=alert('ghi')>\"\n";
    for (path, body) in [
        (
            "/api/v1/units/import",
            "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nUBND-T,<b>Ủy ban</b>,tinh,\n",
        ),
        ("/api/v1/roster/import", roster.as_str()),
        ("/api/v1/training-records/import", training),
    ] {
        let (status, report) = upload(&app, &admin, path, CSV, body.as_bytes()).await;
        assert_eq!(status, 200, "{path}: {report}");
    }
    for page in [
        "/don-vi/nhan-su/CB-X",
        "/don-vi/nhan-su?don-vi=UBND-T",
        "/don-vi",
    ] {
        let res = admin.get(app.url(page)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{page}");
        let html = res.text().await.unwrap();
        for markup in ["<script>alert(", "<img src=x", "<b>Ủy ban"] {
            assert!(!html.contains(markup), "{page} holds {markup}");
        }
        if page.ends_with("CB-X") {
            assert!(html.contains("&lt;script"), "{page} shows the name as text");
        }
    }
}

/// The page as a browser without the wasm shows it: rendered in place, not streamed out of
/// order after `</html>` (a `<template>` only a script would move into the page).
async fn page(client: &reqwest::Client, url: &str) -> String {
    let res = client
        .get(url)
        .header("accept-language", "vi-VN,vi;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{url}");
    let html = res.text().await.unwrap();
    assert!(
        !html.contains("<template id="),
        "{url} streams part of the page out of order: {html}"
    );
    html
}

fn registration(province: &str, commune: &str, login: &str) -> Vec<(&'static str, String)> {
    vec![
        ("full_name", "Trần Thị Bình".into()),
        ("login", login.into()),
        ("password", PASSWORD.into()),
        ("province", province.into()),
        ("commune", commune.into()),
        ("consent", "yes".into()),
    ]
}

/// The registration page after a refused post: where the redirect leads, with the flash.
async fn refused(
    app: &support::TestApp,
    client: &reqwest::Client,
    form: &[(&str, String)],
) -> String {
    let res = client
        .post(app.url("/dang-ky"))
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/dang-ky?loi="), "{location}");
    page(client, &app.url(&location)).await
}

#[tokio::test]
async fn the_registration_page_finds_a_commune_of_the_chosen_province_typed_without_diacritics() {
    let app = support::nation::two_provinces().await;
    let client = browser(&app);
    let html = page(&client, &app.url("/dang-ky?tinh=BS&tim=SONG+cau")).await;
    assert!(
        html.contains(r#"<form method="get" action="/dang-ky""#),
        "{html}"
    );
    assert!(html.contains(r#"<select id="tinh" name="tinh""#), "{html}");
    assert!(html.contains(r#"<option value="BS" selected"#), "{html}");
    assert!(html.contains(r#"name="province" value="BS""#), "{html}");
    assert!(html.contains("Xã, phường nơi cư trú") && html.contains("không dấu"));
    assert!(
        html.contains(r#"<option value="B-SC" selected"#),
        "the one match is chosen already: {html}"
    );
    assert!(!html.contains(r#"value="B-DT""#), "not a match: {html}");
    assert!(
        !html.contains(r#"value="X-01""#),
        "another province's: {html}"
    );

    let all = page(&client, &app.url("/dang-ky?tinh=BS")).await;
    assert!(all.contains(r#"value="B-SC""#) && all.contains(r#"value="B-DT""#));
    assert!(!all.contains(r#"value="X-01""#));

    let none = page(&client, &app.url("/dang-ky")).await;
    assert!(
        none.contains("Hãy chọn tỉnh, thành phố ở bước 1 trước"),
        "{none}"
    );
    for code in ["B-SC", "B-DT", "X-01"] {
        assert!(!none.contains(&format!(r#"value="{code}""#)), "{none}");
    }
}

#[tokio::test]
async fn with_one_province_the_page_asks_no_province() {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let html = page(&browser(&app), &app.url("/dang-ky?tim=thu+nghiem")).await;
    assert!(!html.contains(r#"name="tinh""#), "{html}");
    assert!(html.contains(r#"name="province" value="TINH""#), "{html}");
    assert!(html.contains(r#"value="X-01""#), "{html}");
    let missed = page(&browser(&app), &app.url("/dang-ky?tim=song+cau")).await;
    assert!(!missed.contains(r#"value="X-01""#), "{missed}");
    assert!(missed.contains("Không tìm thấy xã, phường nào"), "{missed}");
}

#[tokio::test]
async fn a_resident_of_the_second_province_registers_with_the_plain_form() {
    let app = support::nation::two_provinces().await;
    let client = browser(&app);
    let html = refused(&app, &client, &registration("BS", "X-01", "0987000001")).await;
    assert!(
        html.contains("Không tìm thấy đơn vị này."),
        "another province's commune: {html}"
    );
    assert!(
        html.contains(r#"<option value="BS" selected"#)
            && html.contains(r#"name="province" value="BS""#),
        "the province is kept: {html}"
    );
    assert!(html.contains(r#"value="B-SC""#) && !html.contains(r#"value="X-01""#));
    let html = refused(&app, &client, &registration("", "B-SC", "0987000001")).await;
    assert!(html.contains("Hệ thống có nhiều tỉnh"), "{html}");
    assert_eq!(app.user_count().await, 0);

    let res = client
        .post(app.url("/dang-ky"))
        .form(&registration("BS", "B-SC", "0987000001"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/");
    assert_eq!(app.user_count().await, 1);
}

//! The national admin's provinces page (`/quan-tri/tinh-thanh`): each province's indicators
//! and the nation's, the list, adding a province and naming its admin, with or without the
//! wasm; nobody else reaches it, and only the national admin's menu links it.
mod support;

use domain::Role;
use support::{
    CSV, TestApp, browser, server_fn, server_fn_raw, server_read, sign_in, signed_in, spawn_app,
    upload,
};

const PAGE: &str = "/quan-tri/tinh-thanh";

/// The page as a browser gets it: status and HTML.
async fn page(app: &TestApp, who: &reqwest::Client, path: &str) -> (u16, String) {
    let res = who.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The national admin, with one unit and one civil servant in TINH so a figure has people.
async fn national(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quoc-gia", &[(Role::Admin, None)]).await;
    let units = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nSO-NV,Sở Nội vụ,tinh,\n";
    let (status, body) = upload(app, &admin, "/api/v1/units/import", CSV, units.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    let roster = "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB01,Nguyễn Văn An,SO-NV,cong_chuc,2024-01-01\n";
    let (status, body) = upload(app, &admin, "/api/v1/roster/import", CSV, roster.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    admin
}

#[tokio::test]
async fn the_national_admin_reads_each_province_and_the_nation() {
    let app = spawn_app().await;
    let admin = national(&app).await;
    let (status, html) = page(&app, &admin, PAGE).await;
    assert_eq!(status, 200);
    assert!(html.contains("Chỉ tiêu theo tỉnh"), "{html}");
    assert!(html.contains(r#"data-testid="province-figures""#), "{html}");
    assert!(
        html.contains(">Tỉnh<") && html.contains("TINH"),
        "the first province: {html}"
    );
    assert!(html.contains("Toàn quốc"), "the totals row: {html}");
    // One civil servant, trained by nobody: a percentage with a decimal comma, as on the
    // dashboard, in the province's row and the nation's.
    assert!(
        html.matches("0,0% (0 / 1)").count() >= 2,
        "province and nation count the servant: {html}"
    );
    assert!(html.contains("Thêm quản trị viên cấp tỉnh"), "{html}");
    assert!(
        html.contains(r#"<th scope="col">"#) && html.contains(r#"<th scope="row">"#),
        "headers name their rows and columns"
    );

    let (status, html) = page(&app, &english(&app, &admin).await, PAGE).await;
    assert_eq!(status, 200);
    assert!(html.contains("Indicators by province") && html.contains("Whole country"));
    assert!(
        html.contains("0.0% (0 / 1)"),
        "a decimal point in English: {html}"
    );
}

/// The same browser, switched to English.
async fn english(app: &TestApp, who: &reqwest::Client) -> reqwest::Client {
    let res = who
        .post(app.url("/ngon-ngu"))
        .form(&[("lang", "en")])
        .header("referer", app.url(PAGE))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    who.clone()
}

#[tokio::test]
async fn a_province_created_by_the_server_function_is_on_the_page() {
    let app = spawn_app().await;
    let admin = national(&app).await;
    let (status, body) = server_fn(
        &app,
        &admin,
        "create_province",
        &[("code", "qt"), ("name", "Tỉnh Quảng Trị")],
    )
    .await;
    assert_eq!((status, body.as_str()), (200, Some("QT")), "{body}");
    let (status, html) = page(&app, &admin, PAGE).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Tỉnh Quảng Trị") && html.contains(">QT<"),
        "{html}"
    );
    assert!(
        html.contains("0,0% (0 / 1)"),
        "TINH keeps its figures: {html}"
    );
    assert!(html.contains("(0 / 0)"), "QT counts nobody yet: {html}");

    let (status, view) = server_read(&app, &admin, "list_provinces", &[]).await;
    assert_eq!(status, 200, "{view}");
    let codes: Vec<&str> = view["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.len(), 2, "{view}");
    assert!(codes.contains(&"TINH") && codes.contains(&"QT"));

    let (status, body) = server_fn(
        &app,
        &admin,
        "create_province",
        &[("code", "QT"), ("name", "Lần nữa")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("province_exists"), "{body}");
}

/// Without the wasm the form posts to the server function and the browser is sent back; a
/// refusal comes back in the address and the page says it in the reader's language.
#[tokio::test]
async fn the_forms_work_without_the_wasm() {
    let app = spawn_app().await;
    let admin = national(&app).await;
    let post = |form: &'static [(&'static str, &'static str)], name: &'static str| {
        admin
            .post(app.url(&format!("/_sf/{name}")))
            .header("accept", "text/html")
            .header("referer", app.url(PAGE))
            .form(form)
            .send()
    };
    let res = post(
        &[("code", "HUE"), ("name", "Thành phố Huế")],
        "create_province",
    )
    .await
    .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let back = location(&res);
    assert!(back.split('?').next().unwrap().ends_with(PAGE), "{back}");
    assert!(!back.contains("__err"), "{back}");
    assert!(page(&app, &admin, PAGE).await.1.contains("Thành phố Huế"));

    let res = post(&[("code", "HUE"), ("name", "Lần nữa")], "create_province")
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let back = location(&res);
    assert!(back.contains(PAGE) && back.contains("__err"), "{back}");
    let back = back.strip_prefix(&app.url("")).unwrap_or(&back).to_owned();
    let (status, html) = page(&app, &admin, &back).await;
    assert_eq!(status, 200);
    assert!(html.contains("Đã có một tỉnh với mã này."), "{html}");

    app.account("0911222333", &[]).await;
    let res = post(
        &[("login", "0911222333"), ("province_code", "HUE")],
        "grant_province_admin",
    )
    .await
    .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let province_admin = sign_in(&app, "0911222333").await;
    let (status, body) = server_read(&app, &province_admin, "current_user", &[]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.to_string().contains("province_admin"), "{body}");
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// Whatever the tokens page answers someone who is not an admin, this page answers too: the
/// same status, the refusal said, and nothing of the provinces.
#[tokio::test]
async fn nobody_but_the_national_admin_reaches_the_page_or_its_functions() {
    let app = spawn_app().await;
    let admin = national(&app).await;
    app.account("tinh-admin", &[]).await;
    let (status, body) = server_fn(
        &app,
        &admin,
        "grant_province_admin",
        &[("login", "tinh-admin"), ("province_code", "TINH")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = server_fn(
        &app,
        &admin,
        "grant_province_admin",
        &[("login", "khong-co"), ("province_code", "TINH")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("unknown_account"), "{body}");
    let province_admin = sign_in(&app, "tinh-admin").await;
    let hr = signed_in(&app, "nhan-su", &[(Role::Hr, Some("SO-NV"))]).await;
    let learner = signed_in(&app, "hoc-vien", &[(Role::Learner, None)]).await;
    let (tokens_status, _) = page(&app, &hr, "/quan-tri/ma-truy-cap").await;
    for (who, client) in [
        ("province admin", &province_admin),
        ("hr", &hr),
        ("learner", &learner),
    ] {
        let (status, html) = page(&app, client, PAGE).await;
        assert_eq!(status, tokens_status, "{who}: as the tokens page answers");
        assert!(
            html.contains("Bạn không có quyền thực hiện thao tác này."),
            "{who}: {html}"
        );
        assert!(
            !html.contains("Toàn quốc") && !html.contains("0,0%"),
            "{who}: {html}"
        );
        let (status, body) = server_read(&app, client, "list_provinces", &[]).await;
        assert_eq!(status, 403, "{who}: {body}");
        let (status, body) = server_fn(
            &app,
            client,
            "create_province",
            &[("code", "XX"), ("name", "Tỉnh X")],
        )
        .await;
        assert_eq!(status, 403, "{who}: {body}");
        let (status, body) = server_fn(
            &app,
            client,
            "grant_province_admin",
            &[("login", "hoc-vien"), ("province_code", "TINH")],
        )
        .await;
        assert_eq!(status, 403, "{who}: {body}");
    }
    let stranger = browser(&app);
    let res = server_fn_raw(
        &app,
        &stranger,
        "create_province",
        &[("code", "XX"), ("name", "X")],
    )
    .await;
    assert_eq!(res.status(), 401);
    let (status, view) = server_read(&app, &admin, "list_provinces", &[]).await;
    assert_eq!(
        (status, view["provinces"].as_array().map(Vec::len)),
        (200, Some(1))
    );
}

/// The menu links the page for the national admin only; a province admin gets the HR area.
#[tokio::test]
async fn only_the_national_admins_menu_links_the_page() {
    let app = spawn_app().await;
    let admin = national(&app).await;
    app.account("tinh-admin", &[]).await;
    let (status, _) = server_fn(
        &app,
        &admin,
        "grant_province_admin",
        &[("login", "tinh-admin"), ("province_code", "TINH")],
    )
    .await;
    assert_eq!(status, 200);
    let province_admin = sign_in(&app, "tinh-admin").await;
    let hr = signed_in(&app, "nhan-su", &[(Role::Hr, Some("SO-NV"))]).await;
    let link = format!(r#"href="{PAGE}""#);
    let (_, html) = page(&app, &admin, "/tai-khoan").await;
    assert!(html.contains(&link), "{html}");
    for (who, client) in [("province admin", &province_admin), ("hr", &hr)] {
        let (status, html) = page(&app, client, "/tai-khoan").await;
        assert_eq!(status, 200);
        assert!(!html.contains(&link), "{who}: {html}");
        assert!(
            html.contains(r#"href="/don-vi""#),
            "{who} reads the HR area: {html}"
        );
    }
    let (status, html) = page(&app, &province_admin, "/don-vi").await;
    assert_eq!(status, 200);
    assert!(!html.contains("Bạn không có quyền"), "{html}");
}

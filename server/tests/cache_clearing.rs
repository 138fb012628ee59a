//! What a request may clear: only a request that wrote something kept makes the kept sessions,
//! pages, course content and progress stale, whatever its method or path. An unknown, refused,
//! failed or read-only request clears nothing, and junk in the query string does not fill the
//! anonymous page cache.
mod support;

use domain::Role;
use sea_orm::ConnectionTrait;
use support::{PASSWORD, TestApp, browser, server_fn, server_read, signed_in, spawn_with};

const CODE: &str = "KNS-CC-01";
const TITLE: &str = "Dịch vụ công trực tuyến";

/// A server whose caches keep for a minute, so only a clearing can make them stale.
async fn spawn_keeping() -> TestApp {
    spawn_with(|config| config.session_cache_ms = 60_000).await
}

fn course_form<'a>(title: &'a str, editing: bool) -> [(&'static str, &'a str); 7] {
    [
        ("editing", if editing { CODE } else { "" }),
        ("code", CODE),
        ("title", title),
        ("summary", "Tra cứu thủ tục hành chính trên điện thoại"),
        ("audience", "everyone"),
        ("competences[0]", "du_lieu"),
        ("counts_as_training", "true"),
    ]
}

/// An author's published course with one lesson; the author's client.
async fn published_course(app: &TestApp) -> reqwest::Client {
    let author = signed_in(app, "tacgia", &[(Role::Author, None)]).await;
    let (status, body) = server_fn(
        app,
        &author,
        "author_save_course",
        &course_form(TITLE, false),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let lesson = [
        ("course", CODE),
        ("title", "Bài một"),
        ("body", "Nội dung."),
    ];
    assert_eq!(
        server_fn(app, &author, "author_save_lesson", &lesson)
            .await
            .0,
        200
    );
    let publish = [("code", CODE), ("publish", "true")];
    assert_eq!(
        server_fn(app, &author, "author_publish", &publish).await.0,
        200
    );
    author
}

/// The course page as an anonymous visitor gets it.
async fn visitor_page(app: &TestApp) -> String {
    let res = reqwest::get(app.url(&format!("/khoa-hoc/{CODE}")))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

/// A client that sends another site's `Origin`, as a forged form would.
fn foreign(app: &TestApp) -> reqwest::Client {
    let _ = app;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", "https://evil.example".parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn unknown_refused_and_read_only_requests_clear_nothing() {
    let app = spawn_keeping().await;
    let author = published_course(&app).await;
    let learner = signed_in(&app, "0912000444", &[(Role::Learner, None)]).await;
    assert!(visitor_page(&app).await.contains(TITLE));
    // Written behind the server's back: visitors keep their copy until something clears it.
    app.state
        .db()
        .execute_unprepared("UPDATE courses SET title = 'Thủ tục trực tuyến'")
        .await
        .unwrap();
    assert!(visitor_page(&app).await.contains(TITLE), "the kept copy");

    let stranger = browser(&app);
    let course = course_form("Khoá của người lạ", true);
    let wrong = [("login", "tacgia"), ("password", "sai"), ("next", "/")];
    let preview = [("body", "**xem thử**")];
    let too_large = "x".repeat(3 * 1024 * 1024);
    let attempts = [
        ("an unknown path", stranger.post(app.url("/bat-ky"))),
        (
            "an unknown path, signed in",
            learner.post(app.url("/khong-co")),
        ),
        (
            "an unknown method",
            learner.delete(app.url(&format!("/khoa-hoc/{CODE}"))),
        ),
        (
            "a cross-site write",
            foreign(&app)
                .post(app.url("/_sf/author_save_course"))
                .form(&course),
        ),
        (
            "an author's function, anonymous",
            stranger
                .post(app.url("/_sf/author_save_course"))
                .form(&course),
        ),
        (
            "an author's function, by a learner",
            learner
                .post(app.url("/_sf/author_save_course"))
                .form(&course),
        ),
        (
            "a wrong password",
            stranger.post(app.url("/dang-nhap")).form(&wrong),
        ),
        (
            "a sign-out without a session",
            stranger.post(app.url("/dang-xuat")),
        ),
        (
            "a quiz started without a session",
            stranger.post(app.url("/bai-kiem-tra/KNS-CC-01-KT/bat-dau")),
        ),
        (
            "a language switch",
            stranger.post(app.url("/ngon-ngu")).form(&[("lang", "en")]),
        ),
        (
            "a lesson preview",
            author.post(app.url("/_sf/author_preview")).form(&preview),
        ),
        (
            "a body too large",
            stranger.post(app.url("/dang-nhap")).body(too_large),
        ),
        (
            "a refused write (no title), by its author",
            author
                .post(app.url("/_sf/author_save_course"))
                .form(&course_form("", true)),
        ),
        (
            "a reading function, as the page calls it",
            author
                .get(app.url("/_sf/author_course"))
                .query(&[("code", CODE)]),
        ),
        (
            "a wrong password, as the API gets it (a failure is written down)",
            stranger
                .post(app.url("/api/v1/auth/login"))
                .json(&serde_json::json!({"login": "tacgia", "password": "sai"})),
        ),
    ];
    for (what, request) in attempts {
        // A refusal sent before the whole body may end the connection under the sender.
        let status = match request.send().await {
            Ok(res) => res.status().to_string(),
            Err(e) => e.to_string(),
        };
        assert!(
            visitor_page(&app).await.contains(TITLE),
            "{what} ({status}) emptied the caches"
        );
    }

    // A real write clears them: the author's edit shows at once.
    let renamed = course_form("Dịch vụ công trên điện thoại", true);
    let (status, body) = server_fn(&app, &author, "author_save_course", &renamed).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        visitor_page(&app)
            .await
            .contains("Dịch vụ công trên điện thoại")
    );
}

#[tokio::test]
async fn a_refused_request_keeps_the_kept_sessions() {
    let app = spawn_keeping().await;
    app.account("hocvien", &[(Role::Learner, None)]).await;
    let learner = browser(&app);
    assert_eq!(
        app.api_login(&learner, "hocvien", PASSWORD).await.status(),
        200
    );
    let me = |c: &reqwest::Client| c.get(app.url("/api/v1/auth/me")).send();
    assert_eq!(me(&learner).await.unwrap().status(), 200);
    // The session ends behind the server's back: the kept one still answers...
    app.state
        .db()
        .execute_unprepared("DELETE FROM sessions")
        .await
        .unwrap();
    assert_eq!(
        me(&learner).await.unwrap().status(),
        200,
        "the kept session"
    );
    // ...and a stranger's refused or unknown posts do not make it read again.
    let stranger = browser(&app);
    stranger.post(app.url("/bat-ky")).send().await.unwrap();
    foreign(&app)
        .post(app.url("/dang-xuat"))
        .send()
        .await
        .unwrap();
    assert_eq!(me(&learner).await.unwrap().status(), 200, "still kept");
    // A real sign-out is a write that counts at once.
    let other = signed_in(&app, "nguoikhac", &[(Role::Learner, None)]).await;
    other.post(app.url("/dang-xuat")).send().await.unwrap();
    assert_eq!(me(&learner).await.unwrap().status(), 401, "read again");
}

#[tokio::test]
async fn junk_query_strings_do_not_grow_the_page_cache() {
    let app = spawn_keeping().await;
    let visitor = reqwest::Client::new();
    let get = |path: String| {
        let visitor = visitor.clone();
        let url = app.url(&path);
        async move { visitor.get(url).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(get("/khoa-hoc".into()).await, 200);
    let before = app.state.pages.len();
    assert_eq!(before, 1, "the catalogue is kept");
    for i in 0..30 {
        assert_eq!(get(format!("/khoa-hoc?utm_source={i}")).await, 200);
        assert_eq!(get(format!("/?x{i}=1")).await, 200);
        assert_eq!(get(format!("/khoa-hoc?q=tim{i}")).await, 200);
    }
    assert_eq!(app.state.pages.len(), before, "junk is not kept");
    // The filters the catalogue reads are kept, one copy each whatever their order.
    assert_eq!(
        get("/khoa-hoc?audience=everyone&domain=du_lieu".into()).await,
        200
    );
    assert_eq!(
        get("/khoa-hoc?domain=du_lieu&audience=everyone".into()).await,
        200
    );
    assert_eq!(app.state.pages.len(), before + 1);
}

/// The signed-in person's roles as `/api/v1/auth/me` tells them.
async fn roles_of(app: &TestApp, client: &reqwest::Client) -> Vec<String> {
    let me: serde_json::Value = client
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    me["user"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_write_clears_the_kept_sessions_and_progress_at_once() {
    let app = spawn_keeping().await;
    published_course(&app).await;
    let id = app.account("hocvien", &[(Role::Learner, None)]).await;
    let learner = browser(&app);
    assert_eq!(
        app.api_login(&learner, "hocvien", PASSWORD).await.status(),
        200
    );
    assert_eq!(roles_of(&app, &learner).await, ["learner"]);
    // An admin's grant, through a server function: the learner's kept session is read again.
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let grant = [
        ("user_id", id.to_string()),
        ("role", "author".to_owned()),
        ("unit_code", String::new()),
    ];
    let grant: Vec<(&str, &str)> = grant.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = server_fn(&app, &admin, "grant_role", &grant).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        roles_of(&app, &learner)
            .await
            .contains(&"author".to_owned()),
        "the grant counts at once"
    );
    // The learner's own step: the kept progress shows the lesson done at once.
    let progress = |c: reqwest::Client| {
        let app = &app;
        async move {
            let (status, page) = server_read(app, &c, "learn_course", &[("code", CODE)]).await;
            assert_eq!(status, 200, "{page}");
            page["progress"].clone()
        }
    };
    let before = progress(learner.clone()).await;
    let (status, body) = server_fn(
        &app,
        &learner,
        "learn_mark_done",
        &[("code", CODE), ("position", "1")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let after = progress(learner.clone()).await;
    assert_ne!(before, after, "the lesson done shows at once: {after}");
}

#[tokio::test]
async fn a_write_behind_the_server_is_seen_only_when_something_kept_is_written() {
    let app = spawn_keeping().await;
    let author = published_course(&app).await;
    assert!(visitor_page(&app).await.contains(TITLE));
    app.state
        .db()
        .execute_unprepared("UPDATE courses SET title = 'Thủ tục trực tuyến'")
        .await
        .unwrap();
    // A write to a table no cache reads (the audit log, by a failed sign-in) keeps the copy.
    let wrong = [("login", "tacgia"), ("password", "sai"), ("next", "/")];
    browser(&app)
        .post(app.url("/dang-nhap"))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert!(visitor_page(&app).await.contains(TITLE), "still kept");
    // Any write to a kept table, by whichever path, clears: here a lesson saved.
    let lesson = [
        ("course", CODE),
        ("title", "Bài hai"),
        ("body", "Nội dung khác."),
    ];
    assert_eq!(
        server_fn(&app, &author, "author_save_lesson", &lesson)
            .await
            .0,
        200
    );
    assert!(visitor_page(&app).await.contains("Thủ tục trực tuyến"));
}

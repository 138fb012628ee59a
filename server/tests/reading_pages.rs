//! The course and lesson pages, drawn without the router (`app::reading::direct`), are the
//! pages the router draws: same title, same header for the person, same content, same status.
//! A trailing slash leaves the direct routes and reaches the router through the fallback (whose
//! status is always 404), so each page is fetched both ways and what it shows is compared.
mod support;

use domain::Role;
use support::{TestApp, server_fn, signed_in, spawn_app};

const COURSE: &str = "KNS-AT-01";

async fn with_demo_courses() -> TestApp {
    let app = spawn_app().await;
    service::demo::courses::seed(app.state.db()).await.unwrap();
    app
}

struct Page {
    status: u16,
    csp: String,
    html: String,
}

async fn fetch(app: &TestApp, client: &reqwest::Client, path: &str) -> Page {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    Page {
        status,
        csp,
        html: res.text().await.unwrap(),
    }
}

/// The part of the document a reader sees: `<html>`'s language, the title, and the body up to
/// the end of `<main>`, without the comments Leptos leaves as markers.
fn seen(html: &str) -> String {
    let cut = |from: &str, to: &str| {
        let start = html
            .find(from)
            .unwrap_or_else(|| panic!("{from} in {html}"));
        let end = html[start..]
            .find(to)
            .unwrap_or_else(|| panic!("{to} in {html}"));
        html[start..start + end + to.len()].to_owned()
    };
    let text = format!(
        "{}{}{}",
        cut("<html", ">"),
        cut("<title>", "</title>"),
        cut("<body>", "</main>")
    );
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("-->").expect("comment closed");
        rest = &rest[start + end + 3..];
    }
    out.push_str(rest);
    out
}

/// Fetches `path` directly and through the router; both must show the same.
async fn same_both_ways(app: &TestApp, client: &reqwest::Client, path: &str) -> Page {
    let direct = fetch(app, client, path).await;
    let routed = fetch(app, client, &format!("{path}/")).await;
    assert_eq!(seen(&direct.html), seen(&routed.html), "{path}");
    assert_eq!(direct.csp, routed.csp, "{path}");
    // The router's page carries Leptos's two inline bootstrap scripts; the direct one has no
    // inline script at all (which also shows which way each page was drawn), and no wasm.
    assert!(
        routed.html.contains("__RESOLVED_RESOURCES"),
        "{}",
        routed.html
    );
    assert!(
        direct.html.matches("<script").count() == 1
            && direct
                .html
                .contains("<script src=\"/offline.js\" defer></script>")
            && !direct.html.contains("/pkg/hocvu.js"),
        "a reading page drawn directly has no inline script and no wasm: {}",
        direct.html
    );
    direct
}

#[tokio::test]
async fn anonymous_pages_match_the_routers() {
    let app = with_demo_courses().await;
    let anyone = reqwest::Client::new();
    let course = same_both_ways(&app, &anyone, &format!("/khoa-hoc/{COURSE}")).await;
    assert_eq!(course.status, 200);
    assert!(course.html.contains("<html lang=\"vi\""), "{}", course.html);
    assert!(
        course.html.contains("href=\"/dang-nhap\""),
        "{}",
        course.html
    );
    let lesson = same_both_ways(&app, &anyone, &format!("/khoa-hoc/{COURSE}/bai/2")).await;
    assert_eq!(lesson.status, 200);
    assert!(lesson.html.contains("rel=\"prev\""), "{}", lesson.html);
    assert!(
        lesson.html.contains("class=\"lesson-body\""),
        "{}",
        lesson.html
    );
}

#[tokio::test]
async fn signed_in_pages_match_the_routers_with_the_persons_progress() {
    let app = with_demo_courses().await;
    let learner = signed_in(&app, "hoc.vien", &[(Role::Learner, None)]).await;
    let (status, body) = server_fn(
        &app,
        &learner,
        "learn_mark_done",
        &[("code", COURSE), ("position", "1")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let course = same_both_ways(&app, &learner, &format!("/khoa-hoc/{COURSE}")).await;
    assert!(
        course.html.contains("data-testid=\"user-name\""),
        "{}",
        course.html
    );
    assert!(course.html.contains("<progress"), "{}", course.html);
    let done = same_both_ways(&app, &learner, &format!("/khoa-hoc/{COURSE}/bai/1")).await;
    assert!(done.html.contains("alert-ok"), "{}", done.html);
    let open = same_both_ways(&app, &learner, &format!("/khoa-hoc/{COURSE}/bai/2")).await;
    assert!(
        open.html.contains("action=\"/_sf/learn_mark_done\""),
        "{}",
        open.html
    );
}

#[tokio::test]
async fn missing_courses_and_lessons_are_404_both_ways() {
    let app = with_demo_courses().await;
    let anyone = reqwest::Client::new();
    for path in [
        "/khoa-hoc/KHONG-CO",
        &format!("/khoa-hoc/{COURSE}/bai/99"),
        &format!("/khoa-hoc/{COURSE}/bai/mot"),
    ] {
        let page = same_both_ways(&app, &anyone, path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(
            page.html.contains("role=\"alert\""),
            "{path}: {}",
            page.html
        );
    }
}

#[tokio::test]
async fn english_readers_get_the_english_page() {
    let app = with_demo_courses().await;
    let anyone = reqwest::Client::new();
    let path = format!("/khoa-hoc/{COURSE}/bai/1");
    let res = anyone
        .get(app.url(&path))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\""), "{html}");
    assert!(html.contains("Sign in to keep your progress"), "{html}");
}

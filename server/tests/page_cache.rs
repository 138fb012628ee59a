//! Reading pages that anonymous visitors get are kept for a moment: the same page each time
//! with a fresh CSP nonce; an author's edit shows at the next visit; a signed-in learner never
//! gets the anonymous copy.
mod common;
mod support;

use common::{TestApp, spawn_app};
use domain::Role;
use sea_orm::ConnectionTrait;
use support::{server_fn, signed_in};

const CODE: &str = "KNS-PC-01";

/// Creates the course, or renames it when `editing`.
async fn save_course(app: &TestApp, author: &reqwest::Client, title: &str, editing: bool) {
    let form = [
        ("editing", if editing { CODE } else { "" }),
        ("code", CODE),
        ("title", title),
        ("summary", "Tra cứu thủ tục hành chính trên điện thoại"),
        ("audience", "everyone"),
        ("competences[0]", "du_lieu"),
        ("counts_as_training", "true"),
    ];
    let (status, body) = server_fn(app, author, "author_save_course", &form).await;
    assert_eq!(status, 200, "{body}");
}

/// Status, body with its nonce replaced by `N`, and the nonce.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let start = csp.find("'nonce-").expect("a nonce in the page's CSP") + 7;
    let nonce = csp[start..start + csp[start..].find('\'').unwrap()].to_owned();
    let body = res.text().await.unwrap();
    assert!(body.contains(&nonce), "the body carries the header's nonce");
    (status, body.replace(&nonce, "N"), nonce)
}

#[tokio::test]
async fn anonymous_reading_pages_are_kept_with_a_fresh_nonce_and_follow_edits() {
    let app = spawn_app().await;
    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;
    save_course(&app, &author, "Dịch vụ công trực tuyến", false).await;
    let body = "## Mở cổng dịch vụ công\n\nNội dung **bài một**.";
    let lesson = [("course", CODE), ("title", "Bài một"), ("body", body)];
    assert_eq!(
        server_fn(&app, &author, "author_save_lesson", &lesson)
            .await
            .0,
        200
    );
    let publish = [("code", CODE), ("publish", "true")];
    assert_eq!(
        server_fn(&app, &author, "author_publish", &publish).await.0,
        200
    );

    let visitor = reqwest::Client::new();
    let path = format!("/khoa-hoc/{CODE}");
    let (s1, first, n1) = page(&app, &visitor, &path).await;
    let (s2, second, n2) = page(&app, &visitor, &path).await;
    assert_eq!((s1, s2), (200, 200));
    assert_ne!(n1, n2, "every response has its own nonce");
    assert_eq!(first, second);
    assert!(first.contains("Dịch vụ công trực tuyến"));
    assert!(first.contains("Đăng nhập để lưu tiến độ học"));

    // The author renames the course: the next visitor sees the new title.
    save_course(&app, &author, "Dịch vụ công trên điện thoại", true).await;
    let (_, renamed, _) = page(&app, &visitor, &path).await;
    assert!(
        renamed.contains("Dịch vụ công trên điện thoại"),
        "the edit shows at once"
    );

    // Written behind the server's back (as by another process): visitors keep the copy for
    // the cache lifetime, which proves there is one...
    app.state
        .db()
        .execute_unprepared("UPDATE courses SET title = 'Thủ tục trực tuyến'")
        .await
        .unwrap();
    let (_, kept, _) = page(&app, &visitor, &path).await;
    assert!(
        kept.contains("Dịch vụ công trên điện thoại"),
        "the kept copy"
    );

    // ...while a learner with a session gets their own page, not the visitors' copy.
    let learner = signed_in(&app, "0912000111", &[(Role::Learner, None)]).await;
    let (status, own, _) = page(&app, &learner, &path).await;
    assert_eq!(status, 200);
    assert!(!own.contains("Đăng nhập để lưu tiến độ học"));
    assert!(own.contains("Thủ tục trực tuyến"));
    // Signing in was a state-changing request: the copies are gone.
    let (_, fresh, _) = page(&app, &visitor, &path).await;
    assert!(fresh.contains("Thủ tục trực tuyến"));
}

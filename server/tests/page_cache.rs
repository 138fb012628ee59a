//! Reading pages that anonymous visitors get are kept for a moment (they carry no inline script
//! and no per-response nonce); an author's edit shows at the next visit; a signed-in learner
//! never gets the anonymous copy.
mod support;

use base64::Engine;
use domain::Role;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use support::{TestApp, server_fn, signed_in, spawn_app};

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

/// An author's published course with one lesson of `body`: the author and the lesson's id.
async fn published_course(app: &TestApp, body: &str) -> (reqwest::Client, String) {
    let author = signed_in(app, "tacgia", &[(Role::Author, None)]).await;
    save_course(app, &author, "Dịch vụ công trực tuyến", false).await;
    let lesson = [("course", CODE), ("title", "Bài một"), ("body", body)];
    let (status, id) = server_fn(app, &author, "author_save_lesson", &lesson).await;
    assert_eq!(status, 200, "{id}");
    let publish = [("code", CODE), ("publish", "true")];
    assert_eq!(
        server_fn(app, &author, "author_publish", &publish).await.0,
        200
    );
    (author, id.as_i64().expect("the lesson's id").to_string())
}

/// Status and body of a page, which must carry no per-response nonce in its policy, and no
/// inline script that the policy does not list by its hash.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self' 'sha256-") && !csp.contains("'nonce-"),
        "{csp}"
    );
    let body = res.text().await.unwrap();
    for (i, _) in body.match_indices("<script") {
        let open_end = i + body[i..].find('>').unwrap();
        let tag = &body[i..open_end];
        if tag.contains("src=") || tag.contains("application/json") {
            continue;
        }
        let code =
            &body[open_end + 1..open_end + 1 + body[open_end..].find("</script>").unwrap() - 1];
        let hash =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(code.as_bytes()));
        assert!(
            csp.contains(&format!("'sha256-{hash}'")),
            "inline script {code:?} not allowed by {csp}"
        );
    }
    (status, body)
}

#[tokio::test]
async fn anonymous_reading_pages_are_kept_with_a_fresh_nonce_and_follow_edits() {
    let app = spawn_app().await;
    let body = "## Mở cổng dịch vụ công\n\nNội dung **bài một**.";
    let (author, _) = published_course(&app, body).await;

    let visitor = reqwest::Client::new();
    let path = format!("/khoa-hoc/{CODE}");
    let (s1, first) = page(&app, &visitor, &path).await;
    let (s2, second) = page(&app, &visitor, &path).await;
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(first, second);
    assert!(first.contains("Dịch vụ công trực tuyến"));
    assert!(first.contains("Đăng nhập để lưu tiến độ học"));

    // Every reading page has only the inline scripts its policy allows by hash.
    for other in [
        "/",
        "/khoa-hoc",
        "/ngoai-tuyen",
        &format!("/khoa-hoc/{CODE}/bai/1"),
    ] {
        assert_eq!(page(&app, &visitor, other).await.0, 200, "{other}");
    }

    // The author renames the course: the next visitor sees the new title.
    save_course(&app, &author, "Dịch vụ công trên điện thoại", true).await;
    let (_, renamed) = page(&app, &visitor, &path).await;
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
    let (_, kept) = page(&app, &visitor, &path).await;
    assert!(
        kept.contains("Dịch vụ công trên điện thoại"),
        "the kept copy"
    );

    // ...while a learner with a session gets their own page, not the visitors' copy.
    let learner = signed_in(&app, "0912000111", &[(Role::Learner, None)]).await;
    let (status, own) = page(&app, &learner, &path).await;
    assert_eq!(status, 200);
    assert!(!own.contains("Đăng nhập để lưu tiến độ học"));
    assert!(own.contains("Thủ tục trực tuyến"));
    // Signing in was a state-changing request: the copies are gone.
    let (_, fresh) = page(&app, &visitor, &path).await;
    assert!(fresh.contains("Thủ tục trực tuyến"));
}

#[tokio::test]
async fn signed_in_learners_get_the_kept_course_content_with_their_own_progress() {
    let app = spawn_app().await;
    let (author, id) = published_course(&app, "Nội dung **bài một**.").await;
    let learner = signed_in(&app, "0912000222", &[(Role::Learner, None)]).await;
    let path = format!("/khoa-hoc/{CODE}/bai/1");
    let text = |html: &str| html.contains("<strong>bài một</strong>");
    let (_, first) = page(&app, &learner, &path).await;
    assert!(
        text(&first) && first.contains("Đánh dấu đã học xong"),
        "{first}"
    );

    // Behind the server's back (as by another process): the lesson's text and the learner's
    // progress are the kept ones for the cache's lifetime.
    let db = app.state.db();
    db.execute_unprepared("UPDATE lessons SET body = 'Nội dung **đã sửa**.'")
        .await
        .unwrap();
    db.execute_unprepared(
        "INSERT INTO lesson_completions (user_id, lesson_id, done_at) \
         SELECT u.id, l.id, 0 FROM users u, lessons l WHERE u.login = '0912000222'",
    )
    .await
    .unwrap();
    let (_, second) = page(&app, &learner, &path).await;
    assert!(text(&second), "the kept text");
    assert!(second.contains("Đánh dấu đã học xong"), "the kept progress");

    // Their own step through the server shows at once, and is theirs only.
    let step = [("code", CODE), ("position", "1")];
    let (status, body) = server_fn(&app, &learner, "learn_mark_done", &step).await;
    assert_eq!(status, 200, "{body}");
    let (_, done) = page(&app, &learner, &path).await;
    assert!(done.contains("Bạn đã học xong bài này."), "{done}");
    let other = signed_in(&app, "0912000333", &[(Role::Learner, None)]).await;
    let (_, theirs) = page(&app, &other, &path).await;
    assert!(theirs.contains("Đánh dấu đã học xong"), "{theirs}");
    let (_, course) = page(&app, &learner, &format!("/khoa-hoc/{CODE}")).await;
    let full = course.contains(r#"id="course-progress" max="100" value="100""#);
    assert!(full, "the course page's progress: {course}");

    // An author's edit through the server shows at once.
    let edit = [
        ("course", CODE),
        ("id", id.as_str()),
        ("title", "Bài một"),
        ("body", "Nội dung **bài một, bản mới**."),
    ];
    let (status, body) = server_fn(&app, &author, "author_save_lesson", &edit).await;
    assert_eq!(status, 200, "{body}");
    let (_, third) = page(&app, &learner, &path).await;
    assert!(
        third.contains("<strong>bài một, bản mới</strong>"),
        "{third}"
    );
}

/// The body of `path` as sent to a client asking for `accept` encodings, with the response's
/// `Content-Encoding`, `Content-Length` and `Vary`.
async fn raw(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    accept: &str,
) -> (Option<String>, Option<String>, String, Vec<u8>) {
    let res = client
        .get(app.url(path))
        .header("accept-encoding", accept)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (encoding, length) = (header("content-encoding"), header("content-length"));
    let vary = header("vary").unwrap_or_default();
    (encoding, length, vary, res.bytes().await.unwrap().to_vec())
}

fn gunzip(data: &[u8]) -> String {
    use std::io::Read;
    let mut out = String::new();
    flate2::read::GzDecoder::new(data)
        .read_to_string(&mut out)
        .expect("a whole gzip member of UTF-8 text");
    out
}

#[tokio::test]
async fn reading_pages_are_gzipped_whole_for_clients_that_accept_it() {
    let app = spawn_app().await;
    published_course(&app, "Nội dung **bài một**: nộp hồ sơ trực tuyến.").await;
    let learner = signed_in(&app, "0912000444", &[(Role::Learner, None)]).await;
    let path = format!("/khoa-hoc/{CODE}/bai/1");

    for accept in ["gzip", "br, gzip;q=0.8, deflate"] {
        let (encoding, length, vary, body) = raw(&app, &learner, &path, accept).await;
        assert_eq!(encoding.as_deref(), Some("gzip"), "{accept}");
        assert_eq!(length, Some(body.len().to_string()), "sent with its length");
        assert!(
            vary.to_ascii_lowercase().contains("accept-encoding"),
            "{vary}"
        );
        let html = gunzip(&body);
        assert!(html.contains("<strong>bài một</strong>"), "{html}");
        assert!(
            html.contains("Đánh dấu đã học xong"),
            "the learner's own page"
        );
    }
    // Refused by weight, or not asked for: the page as it is.
    for accept in ["gzip;q=0", "identity"] {
        let (encoding, _, _, body) = raw(&app, &learner, &path, accept).await;
        assert_eq!(encoding, None, "{accept}");
        let html = String::from_utf8(body).unwrap();
        assert!(html.contains("<strong>bài một</strong>"), "{accept}");
    }
    // A visitor's kept copy is the compressed one, the same each time.
    let visitor = reqwest::Client::new();
    let (enc1, _, _, first) = raw(&app, &visitor, &path, "gzip").await;
    let (enc2, _, _, second) = raw(&app, &visitor, &path, "gzip").await;
    assert_eq!(
        (enc1.as_deref(), enc2.as_deref()),
        (Some("gzip"), Some("gzip"))
    );
    assert_eq!(first, second);
    assert!(gunzip(&first).contains("Đăng nhập để lưu tiến độ học"));
    // Every page without the wasm is compressed whole, sent with its length (the sign-in
    // page); the others are compressed as they stream.
    let (encoding, length, _, body) = raw(&app, &visitor, "/dang-nhap", "gzip").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert_eq!(
        length,
        Some(body.len().to_string()),
        "the sign-in page whole"
    );
    assert!(gunzip(&body).contains("<form"), "the login page");
    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;
    let editor = format!("/soan-bai/{CODE}/bai-moi");
    let (encoding, _, _, body) = raw(&app, &author, &editor, "gzip").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert!(
        gunzip(&body).contains(".wasm"),
        "the lesson editor, with the wasm"
    );
}

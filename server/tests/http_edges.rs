//! The edges of HTTP a stranger reaches first: the client address behind a proxy (login limits),
//! where a sign-in may send the browser next, and bodies announced too large or sent too slowly.
mod support;

use std::time::{Duration, Instant};

use domain::Role;
use support::{PASSWORD, TestApp, browser, spawn_app, spawn_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// --- The client address behind a proxy -------------------------------------------------------

/// A wrong password sent through the proxy on loopback: the client's own `X-Forwarded-For`
/// (`forged`), to which the proxy appended the address it saw (`seen`).
async fn wrong_password_via_proxy(app: &TestApp, forged: &str, seen: &str, login: &str) -> u16 {
    reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", format!("{forged}, {seen}"))
        .json(&serde_json::json!({"login": login, "password": "không phải mật khẩu"}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_forged_left_most_forwarded_for_does_not_escape_the_address_limit() {
    let app = spawn_with(|c| c.trust_proxy = true).await;
    let mut refused = None;
    // Each try names a new address of its own and a new account: only the address the proxy
    // saw can count them together.
    for i in 0..service::access::ratelimit::MAX_PER_IP + 5 {
        let forged = format!("198.51.{}.{}", i / 200, i % 200 + 1);
        let status = wrong_password_via_proxy(&app, &forged, "203.0.113.7", &format!("k{i}")).await;
        if status == 429 {
            refused = Some(i);
            break;
        }
        assert_eq!(status, 401, "try {i}");
    }
    assert!(
        refused.is_some_and(|i| i <= service::access::ratelimit::MAX_PER_IP),
        "the address the proxy saw is limited: {refused:?}"
    );
    // Another client behind the same proxy still gets an answer about the password.
    let other = wrong_password_via_proxy(&app, "203.0.113.7", "203.0.113.8", "khac").await;
    assert_eq!(other, 401);
}

// --- Where a sign-in goes next ---------------------------------------------------------------

/// The `Location` a sign-in with `next` answers.
async fn after_sign_in(app: &TestApp, next: &str) -> String {
    let res = browser(app)
        .post(app.url("/dang-nhap"))
        .form(&[("login", "hocvien"), ("password", PASSWORD), ("next", next)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{next:?}");
    res.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn only_a_strict_local_path_follows_a_sign_in() {
    let app = spawn_app().await;
    app.account("hocvien", &[(Role::Learner, None)]).await;
    for hostile in [
        "/\t/evil.example",
        "//evil",
        "/\\evil",
        "https://evil",
        "/%09/evil",
        "/%5Cevil",
        "/%2F/evil.example",
        "/\u{0}x",
        " /evil",
        "javascript:alert(1)",
        "/khoa-hoc#//evil",
        "",
    ] {
        assert_eq!(after_sign_in(&app, hostile).await, "/", "{hostile:?}");
    }
    for good in [
        "/bai-kiem-tra/KNS-AT-01-KT",
        "/khoa-hoc?q=an%20toan&audience=everyone",
        "/tai-khoan",
    ] {
        assert_eq!(after_sign_in(&app, good).await, good);
    }
}

#[tokio::test]
async fn a_learner_sent_to_sign_in_from_a_quiz_returns_to_it() {
    let app = spawn_app().await;
    app.account("hocvien", &[(Role::Learner, None)]).await;
    let visitor = browser(&app);
    let quiz = "/bai-kiem-tra/KNS-AT-01-KT";
    let res = visitor
        .post(app.url(&format!("{quiz}/bat-dau")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let sign_in = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(sign_in.starts_with("/dang-nhap?"), "{sign_in}");
    let page = visitor.get(app.url(&sign_in)).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"name="next" value="{quiz}""#)),
        "the sign-in form carries the quiz on: {html}"
    );
    assert_eq!(after_sign_in(&app, quiz).await, quiz);
}

// --- Bodies too large or too slow ------------------------------------------------------------

/// Sends `head` (and `body`, maybe only part of what it announces) on a raw connection and
/// reads the status line, waiting at most `wait`: the line (empty when none came) and how long
/// it took.
async fn raw(app: &TestApp, head: &str, body: &[u8], wait: Duration) -> (String, Duration) {
    let addr = app.base.trim_start_matches("http://");
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    tcp.write_all(head.as_bytes()).await.unwrap();
    tcp.write_all(body).await.unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    while !got.windows(2).any(|w| w == b"\r\n") {
        let left = wait.saturating_sub(started.elapsed());
        match tokio::time::timeout(left, tcp.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => got.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&got);
    let line = text.lines().next().unwrap_or_default().to_owned();
    (line, started.elapsed())
}

fn post_head(path: &str, length: u64) -> String {
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length}\r\n\r\n"
    )
}

#[tokio::test]
async fn a_body_announced_over_the_limit_is_refused_at_once() {
    let app = spawn_app().await;
    let huge = 64 * 1024 * 1024;
    for (path, length) in [
        ("/dang-nhap", huge),
        ("/api/v1/roster/import", huge),
        ("/_sf/author_save_course", huge),
        ("/khong-co-trang-nay", huge),
        // Over the default limit of a form, under the import's.
        ("/dang-nhap", 3 * 1024 * 1024),
    ] {
        let (line, took) = raw(&app, &post_head(path, length), b"", Duration::from_secs(5)).await;
        assert!(
            line.starts_with("HTTP/1.1 413"),
            "{path} {length}: {line:?}"
        );
        assert!(
            took < Duration::from_secs(2),
            "{path}: answered in {took:?}"
        );
    }
}

#[tokio::test]
async fn a_body_that_stops_coming_is_answered_408() {
    let app = spawn_with(|c| c.body_timeout_ms = 300).await;
    let head = post_head("/dang-nhap", 100);
    let (line, took) = raw(&app, &head, b"login=an&pass", Duration::from_secs(5)).await;
    assert!(line.starts_with("HTTP/1.1 408"), "{line:?}");
    assert!(took < Duration::from_secs(3), "answered in {took:?}");
    // A body that comes whole is read as ever.
    let body = b"login=an&password=x";
    let head = post_head("/dang-nhap", body.len() as u64);
    let (line, _) = raw(&app, &head, body, Duration::from_secs(5)).await;
    assert!(line.starts_with("HTTP/1.1 303"), "{line:?}");
}

/// ASVS V13.4: what goes wrong is told in the reader's words, never with the server's insides
/// (no stack, no SQL, no crate or file names) and no header naming the software.
#[tokio::test]
async fn error_answers_tell_nothing_of_the_insides() {
    let app = spawn_app().await;
    let client = browser(&app);
    let tries = [
        client.get(app.url("/trang-khong-co")),
        client.get(app.url("/api/v1/khong-co")),
        client.get(app.url("/api/v1/people/%FF%FE")),
        client.delete(app.url("/api/v1/indicators")),
        client
            .post(app.url("/api/v1/auth/login"))
            .header("content-type", "application/json")
            .body("{\"login\": [1, 2"),
        client.get(app.url("/_sf/cert_verify?khong=co")),
        client
            .post(app.url("/dang-nhap"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("%%%"),
        client.get(app.url("/xac-minh/%00%01")),
    ];
    for request in tries {
        let res = request.send().await.unwrap();
        let (status, url) = (res.status().as_u16(), res.url().path().to_owned());
        for header in ["server", "x-powered-by"] {
            assert!(res.headers().get(header).is_none(), "{header}");
        }
        let body = res.text().await.unwrap();
        assert!(status < 500, "{url}: {status} {body}");
        for inside in [
            "panicked",
            "sea_orm",
            "sqlx",
            "DbErr",
            ".rs:",
            "stack backtrace",
            "serde",
        ] {
            assert!(
                !body.contains(inside),
                "{url}: {status} tells {inside}: {body}"
            );
        }
    }
}

/// ASVS V12: TLS ends at the reverse proxy; a deployment whose public address is https tells
/// browsers to keep to https (HSTS) and sends its cookies only over it, bound to the host.
#[tokio::test]
async fn behind_an_https_proxy_answers_carry_hsts_and_cookies_are_secure() {
    let app = spawn_with(|c| c.public_url = Some("https://hocvu.example.vn".into())).await;
    app.account("qua-https", &[]).await;
    let page = reqwest::get(app.url("/")).await.unwrap();
    let hsts = page.headers()["strict-transport-security"]
        .to_str()
        .unwrap();
    assert!(hsts.contains("max-age=31536000"), "{hsts}");
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("origin", "https://hocvu.example.vn")
        .json(&serde_json::json!({"login": "qua-https", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookies: Vec<&str> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(!cookies.is_empty());
    for cookie in cookies {
        assert!(cookie.starts_with("__Host-"), "{cookie}");
        assert!(
            cookie.contains("Secure") && cookie.contains("HttpOnly"),
            "{cookie}"
        );
    }
}

//! Seeing what the server does: every answer carries a request id (its header, the error page,
//! the log); the log holds route templates and ids, never a password, token, session cookie or
//! anything personal, even at the most detailed level of our own crates; `/metrics` answers in
//! Prometheus's text format to this machine and to credentials, and is a plain 404 to anyone
//! else.
mod support;

use std::collections::HashSet;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use domain::Role;
use support::log::Captured;
use support::{CSV, bearer, get, issue_token, signed_in, upload};
use support::{PASSWORD, TestApp, browser, spawn_app, spawn_with};
use tower::ServiceExt;

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nUBND-T,Ủy ban nhân dân tỉnh,tinh,\n";
const ROSTER: &str = "ma_can_bo,ho_ten,so_dinh_danh,email,so_dien_thoai,ma_don_vi,loai,ngay_bat_dau\n\
CB77,Lê Thị Kín Đáo,079203001234,kindao@vidu.vn,0987654321,UBND-T,cong_chuc,2024-01-01\n\
CB78,Phạm Văn Riêng Tư,001099005678,riengtu@vidu.vn,0901234567,UBND-T,vien_chuc,2023-05-01\n";
/// What the roster above holds that is personal: names, personal ID numbers, e-mails, phones.
const PERSONAL: [&str; 10] = [
    "Kín Đáo",
    "Riêng Tư",
    "079203001234",
    "001099005678",
    "kindao@vidu.vn",
    "riengtu@vidu.vn",
    "0987654321",
    "0901234567",
    // The learner's login, a phone number.
    LEARNER_LOGIN,
    PASSWORD,
];
const LEARNER_LOGIN: &str = "0912345678";
const METRICS_SECRET: &str = "bi-mat-cua-may-thu-so-lieu-2026";

/// The value of the session cookie an answer sets.
fn session_cookie(res: &reqwest::Response) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("hv_session="))
        .and_then(|c| c.split(';').next())
        .filter(|v| !v.is_empty())
        .expect("a session cookie")
        .to_owned()
}

/// The request id of an answer: 16 hexadecimal digits.
fn request_id(res: &reqwest::Response) -> String {
    let id = res
        .headers()
        .get("x-request-id")
        .expect("an x-request-id header")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        id.len() == 16 && id.bytes().all(|c| c.is_ascii_hexdigit()),
        "{id:?}"
    );
    id
}

#[tokio::test]
async fn the_log_carries_ids_and_routes_and_nothing_personal_or_secret() {
    // The production filter where it matters (no SQL: its values are personal data), and
    // everything our own crates log, down to trace.
    let filter = format!(
        "{},server=trace,service=trace,app=trace,domain=trace,request=trace,security=trace",
        server::LOG_FILTER
    );
    let log = Captured::start_with(&filter);
    let app = spawn_app().await;

    // A password sign-in over the API, and one by the form.
    app.account("quantri", &[(Role::Admin, None)]).await;
    let admin = browser(&app);
    let res = app.api_login(&admin, "quantri", PASSWORD).await;
    assert_eq!(res.status(), 200);
    let admin_cookie = session_cookie(&res);
    app.account(LEARNER_LOGIN, &[(Role::Learner, None)]).await;
    let learner = browser(&app);
    let res = learner
        .post(app.url("/dang-nhap"))
        .form(&[("login", LEARNER_LOGIN), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let learner_cookie = session_cookie(&res);

    // A roster with personal data, imported with an API token.
    let (status, body) = upload(&app, &admin, "/api/v1/units/import", CSV, UNITS.as_bytes()).await;
    assert_eq!(status, 200, "{body}");
    let (_, token) = issue_token(&app, &admin, "Phần mềm nhân sự", None).await;
    let program = bearer(&token);
    let (status, body) = upload(
        &app,
        &program,
        "/api/v1/roster/import",
        CSV,
        ROSTER.as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // A person's page, and the same person over the API.
    let res = admin
        .get(app.url("/don-vi/nhan-su/CB77"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page_id = request_id(&res);
    assert!(
        res.text().await.unwrap().contains("Kín Đáo"),
        "the page shows the person"
    );
    let (status, body) = get(&app, &program, "/api/v1/people/CB78").await;
    assert_eq!(status, 200, "{body}");
    // A refusal, for a security event too.
    let (status, _) = get(&app, &learner, "/api/v1/roster/export").await;
    assert_eq!(status, 403);

    let text = log.text();
    let secrets = [
        token.as_str(),
        admin_cookie.as_str(),
        learner_cookie.as_str(),
    ];
    for value in PERSONAL.iter().chain(&secrets) {
        assert!(!text.contains(value), "the log holds {value:?}:\n{text}");
    }
    assert!(
        !text.contains("CB77") && !text.contains("CB78"),
        "staff codes of raw paths:\n{text}"
    );
    // The page's request is logged under its route template, with its id.
    assert!(
        text.lines()
            .any(|l| l.contains(&page_id) && l.contains("/don-vi/nhan-su/{code}")),
        "{page_id}:\n{text}"
    );
    assert!(text.contains("/api/v1/people/{code}"), "{text}");
    // The security event is logged inside its request's span.
    assert!(
        text.lines().any(|l| l.contains("event=\"refused\"")
            && l.contains("id=")
            && l.contains("/api/v1/roster/export")),
        "{text}"
    );
}

#[tokio::test]
async fn every_answer_has_a_request_id_and_an_error_page_shows_it() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut ids = HashSet::new();
    for path in [
        "/",
        "/khoa-hoc",
        "/khong-co-trang-nay",
        "/api/v1/khong-co",
        "/api/v1/people/CB01",
        "/metrics",
        "/sw.js",
    ] {
        let res = client
            .get(app.url(path))
            .header("x-request-id", "chon-boi-khach")
            .send()
            .await
            .unwrap();
        let id = request_id(&res);
        assert!(ids.insert(id), "{path}: a fresh id, never the client's");
    }
    // A refused sign-in (JSON) has one too.
    let res = app.api_login(&client, "ai-do", "không phải mật khẩu").await;
    assert!(res.status().is_client_error());
    assert!(ids.insert(request_id(&res)));

    // A form from a foreign site is refused with the HTML error page, in each language.
    for (lang, label) in [("vi", "Mã yêu cầu"), ("en", "Request id")] {
        let res = client
            .post(app.url("/dang-nhap"))
            .header("origin", "https://evil.example")
            .header("cookie", format!("lang={lang}"))
            .form(&[("login", "x"), ("password", "y")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let id = request_id(&res);
        let page = res.text().await.unwrap();
        assert!(
            page.contains(&format!("{label}: <code>{id}</code>")),
            "{page}"
        );
    }
}

/// One sample of the exposition: name, labels, value.
#[derive(Debug)]
struct Sample {
    name: String,
    labels: Vec<(String, String)>,
    value: f64,
}

/// Reads Prometheus's text format, line by line, refusing anything outside its grammar: `#
/// HELP`/`# TYPE` lines, and samples `name{label="value",...} number` whose family was typed.
fn parse_exposition(text: &str) -> Vec<Sample> {
    let is_name = |s: &str, colon: bool| {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || (colon && c == ':'))
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || (colon && c == ':'))
    };
    let mut typed: HashSet<String> = HashSet::new();
    let mut samples = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            let name = rest.split(' ').next().unwrap();
            assert!(is_name(name, true), "{line}");
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect(line);
            assert!(is_name(name, true), "{line}");
            assert!(
                ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
                "{line}"
            );
            typed.insert(name.to_owned());
            continue;
        }
        assert!(!line.starts_with('#'), "{line}");
        let name_end = line.find(['{', ' ']).expect(line);
        let name = &line[..name_end];
        assert!(is_name(name, true), "{line}");
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| typed.contains(*f)))
            .unwrap_or(name);
        assert!(typed.contains(family), "untyped sample: {line}");
        let mut rest = &line[name_end..];
        let mut labels = Vec::new();
        if let Some(after) = rest.strip_prefix('{') {
            let mut s = after;
            loop {
                if let Some(after) = s.strip_prefix('}') {
                    s = after;
                    break;
                }
                let (key, after) = s.split_once("=\"").expect(line);
                assert!(is_name(key, false), "{line}");
                let mut value = String::new();
                let mut chars = after.char_indices();
                let end = loop {
                    let (i, c) = chars.next().expect(line);
                    match c {
                        '\\' => match chars.next().expect(line).1 {
                            'n' => value.push('\n'),
                            c @ ('\\' | '"') => value.push(c),
                            other => panic!("bad escape \\{other}: {line}"),
                        },
                        '"' => break i,
                        '\n' => panic!("{line}"),
                        c => value.push(c),
                    }
                };
                labels.push((key.to_owned(), value));
                s = &after[end + 1..];
                s = s.strip_prefix(',').unwrap_or(s);
            }
            rest = s;
        }
        let value = rest.strip_prefix(' ').expect(line);
        let value = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            v => v.parse().unwrap_or_else(|_| panic!("not a number: {line}")),
        };
        samples.push(Sample {
            name: name.to_owned(),
            labels,
            value,
        });
    }
    samples
}

/// The value of the one sample of `name` with (at least) these labels.
fn value_of(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.iter().any(|(sk, sv)| sk == k && sv == v))
        })
        .map(|s| s.value)
}

async fn metrics_text(app: &TestApp) -> String {
    let res = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(res.status(), 200);
    let kind = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    res.text().await.unwrap()
}

#[tokio::test]
async fn metrics_from_this_machine_count_requests_caches_and_imports() {
    let app = spawn_app().await;
    // The same reading page twice, as an anonymous visitor: kept, then served from memory.
    let anon = reqwest::Client::new();
    for _ in 0..2 {
        let res = anon.get(app.url("/khoa-hoc")).send().await.unwrap();
        assert_eq!(res.status(), 200);
    }
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    for (path, body) in [
        ("/api/v1/units/import", UNITS),
        ("/api/v1/roster/import", ROSTER),
    ] {
        let (status, report) = upload(&app, &admin, path, CSV, body.as_bytes()).await;
        assert_eq!(status, 200, "{report}");
    }

    let text = metrics_text(&app).await;
    let samples = parse_exposition(&text);
    let page = [("route", "/khoa-hoc"), ("method", "GET"), ("status", "2xx")];
    assert!(
        value_of(&samples, "hocvu_http_requests_total", &page).is_some_and(|n| n >= 2.0),
        "{text}"
    );
    let inf = [page.as_slice(), &[("le", "+Inf")]].concat();
    assert!(
        value_of(&samples, "hocvu_http_request_duration_seconds_bucket", &inf)
            .is_some_and(|n| n >= 2.0),
        "{text}"
    );
    let import = [
        ("route", "/api/v1/roster/import"),
        ("method", "POST"),
        ("status", "2xx"),
    ];
    assert!(
        value_of(&samples, "hocvu_http_requests_total", &import).is_some(),
        "{text}"
    );
    assert!(
        value_of(&samples, "hocvu_cache_hits_total", &[("cache", "pages")])
            .is_some_and(|n| n >= 1.0),
        "{text}"
    );
    assert!(
        value_of(
            &samples,
            "hocvu_cache_misses_total",
            &[("cache", "sessions")]
        )
        .is_some()
    );
    let roster = [("kind", "roster")];
    assert!(
        value_of(&samples, "hocvu_import_rows_total", &roster).is_some_and(|n| n >= 2.0),
        "{text}"
    );
    assert!(
        value_of(&samples, "hocvu_import_seconds_total", &roster).is_some_and(|s| s > 0.0),
        "{text}"
    );
    assert!(
        value_of(&samples, "hocvu_answer_queue_depth", &[]).is_some(),
        "{text}"
    );
    assert!(
        value_of(&samples, "hocvu_answer_group_size_count", &[]).is_some(),
        "{text}"
    );
    for pool in ["writer", "reader"] {
        let max = value_of(&samples, "hocvu_db_connections_max", &[("pool", pool)]);
        assert!(max.is_some_and(|n| n >= 1.0), "{pool}: {text}");
        assert!(value_of(&samples, "hocvu_db_connections_in_use", &[("pool", pool)]).is_some());
        assert!(value_of(&samples, "hocvu_db_connections_idle", &[("pool", pool)]).is_some());
    }
    // No raw path reaches a label: only templates.
    assert!(!text.contains("CB77"), "{text}");
}

/// A request to the router as if from `peer`, with these headers: its status and body.
async fn from_peer(app: &TestApp, peer: [u8; 4], headers: &[(&str, String)]) -> (u16, String) {
    let mut req = axum::http::Request::builder().uri("/metrics");
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    let mut req = req.body(Body::empty()).unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((peer, 40_000))));
    let res = server::router::build(app.state.clone())
        .oneshot(req)
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn metrics_are_a_plain_404_to_strangers_and_open_to_credentials() {
    let app = spawn_with(|c| c.metrics_token = Some(METRICS_SECRET.into())).await;
    const REMOTE: [u8; 4] = [203, 0, 113, 9];
    // What an unknown path gets, for comparison.
    let unknown = reqwest::get(app.url("/khong-co-gi"))
        .await
        .unwrap()
        .status();
    assert_eq!(unknown, 404);

    // Through a proxy on this machine: not local.
    for header in ["x-forwarded-for", "forwarded", "x-real-ip"] {
        let res = reqwest::Client::new()
            .get(app.url("/metrics"))
            .header(header, "203.0.113.7")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), unknown, "{header}");
    }
    // From another machine, without credentials or with wrong ones.
    assert_eq!(from_peer(&app, REMOTE, &[]).await.0, 404);
    let wrong = [("authorization", "Bearer not-the-secret".to_owned())];
    assert_ne!(from_peer(&app, REMOTE, &wrong).await.0, 200);
    app.account(LEARNER_LOGIN, &[(Role::Learner, None)]).await;
    let res = app.api_login(&browser(&app), LEARNER_LOGIN, PASSWORD).await;
    let learner = [("cookie", format!("hv_session={}", session_cookie(&res)))];
    assert_eq!(from_peer(&app, REMOTE, &learner).await.0, 404);

    // With the secret, or as an admin.
    let secret = [("authorization", format!("Bearer {METRICS_SECRET}"))];
    let (status, body) = from_peer(&app, REMOTE, &secret).await;
    assert_eq!(status, 200, "{body}");
    assert!(!parse_exposition(&body).is_empty());
    app.account("quantri", &[(Role::Admin, None)]).await;
    let res = app.api_login(&browser(&app), "quantri", PASSWORD).await;
    let admin = [("cookie", format!("hv_session={}", session_cookie(&res)))];
    let (status, body) = from_peer(&app, REMOTE, &admin).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("hocvu_http_requests_total"));
    // And from this machine directly.
    assert_eq!(from_peer(&app, [127, 0, 0, 1], &[]).await.0, 200);
}

#[tokio::test]
async fn metrics_show_the_answer_writer_and_the_learners_caches() {
    let app = support::quiz::with_demo_content().await;
    let learner = signed_in(&app, LEARNER_LOGIN, &[(Role::Learner, None)]).await;
    // The same lesson twice: the second time from memory (session, content, progress).
    for _ in 0..2 {
        let res = learner
            .get(app.url("/khoa-hoc/KNS-AT-01/bai/1"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    // Every answer saved through the answer writer.
    support::quiz::pass_quiz(&app, &learner, "DG-LCKNS").await;

    let text = metrics_text(&app).await;
    let samples = parse_exposition(&text);
    for cache in ["sessions", "content", "progress"] {
        let hits = value_of(&samples, "hocvu_cache_hits_total", &[("cache", cache)]);
        assert!(hits.is_some_and(|n| n >= 1.0), "{cache}: {text}");
    }
    let lesson = [("route", "/khoa-hoc/{code}/bai/{n}"), ("method", "GET")];
    assert!(
        value_of(&samples, "hocvu_http_requests_total", &lesson).is_some_and(|n| n >= 2.0),
        "{text}"
    );
    let groups = value_of(&samples, "hocvu_answer_group_size_count", &[]);
    let answers = value_of(&samples, "hocvu_answer_group_size_sum", &[]);
    assert!(groups.is_some_and(|n| n >= 1.0), "{text}");
    assert!(answers.is_some_and(|n| n >= 18.0), "18 questions: {text}");
    // Each save waited for its commit: nothing is left waiting.
    assert_eq!(
        value_of(&samples, "hocvu_answer_queue_depth", &[]),
        Some(0.0)
    );
}

//! Learning offline: the course pack a phone caches, and the sync of what was done offline
//! (idempotent by the phone's ids, per item, for the signed-in learner only, completing a
//! course and issuing its certificate exactly as the page does). Also the practice form
//! posted without JavaScript.
mod support;

use domain::Role;
use domain::learning::content::parse_course;
use serde_json::{Value, json};
use support::{
    TestApp, bearer, count, get, issue_token, json_of, server_read, signed_in, spawn_app,
};

const COURSE: &str = "KNS-DC-01";

/// The demo courses (without their graded quizzes) and their practice sets.
async fn with_courses() -> TestApp {
    let app = spawn_app().await;
    service::demo::courses::seed(app.state.db()).await.unwrap();
    service::learn::practice::seed_demo(app.state.db())
        .await
        .unwrap();
    app
}

fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn lesson_done(id: &str, course: &str, lesson: u32) -> Value {
    json!({"id": id, "kind": "lesson_done", "course": course, "lesson": lesson,
           "at": chrono::Utc::now().to_rfc3339()})
}

async fn sync(app: &TestApp, client: &reqwest::Client, items: Vec<Value>) -> (u16, Value) {
    let res = client
        .post(app.url("/api/v1/sync"))
        .json(&json!({ "items": items }))
        .send()
        .await
        .unwrap();
    json_of(res).await
}

fn statuses(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_owned())
        .collect()
}

async fn lesson_count(app: &TestApp, code: &str) -> u32 {
    let (_, c) = get(
        app,
        &reqwest::Client::new(),
        &format!("/api/v1/courses/{code}"),
    )
    .await;
    c["lesson_count"].as_u64().unwrap() as u32
}

async fn done_positions(app: &TestApp, client: &reqwest::Client, code: &str) -> Vec<u64> {
    let (status, page) = server_read(app, client, "learn_course", &[("code", code)]).await;
    assert_eq!(status, 200, "{page}");
    page["progress"]["done"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_offline_pack_lists_every_page_and_the_practice_set_for_a_signed_in_learner() {
    let app = with_courses().await;
    let anyone = support::browser(&app);
    let path = format!("/api/v1/courses/{COURSE}/offline");
    let (status, body) = get(&app, &anyone, &path).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthenticated"))
    );

    let learner = signed_in(&app, "0912000001", &[(Role::Learner, None)]).await;
    let (status, pack) = get(&app, &learner, &path).await;
    assert_eq!(status, 200, "{pack}");
    assert_eq!(pack["course"], COURSE);
    let urls: Vec<&str> = pack["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    let n = lesson_count(&app, COURSE).await;
    let mut expected = vec![format!("/khoa-hoc/{COURSE}")];
    expected.extend((1..=n).map(|i| format!("/khoa-hoc/{COURSE}/bai/{i}")));
    expected.push(format!("/khoa-hoc/{COURSE}/luyen-tap"));
    for e in &expected {
        assert!(urls.contains(&e.as_str()), "{e} missing from {urls:?}");
    }
    for asset in ["/ngoai-tuyen", "/favicon.svg"] {
        assert!(urls.contains(&asset), "{asset} missing from {urls:?}");
    }
    for prefix in ["/offline.js", "/pkg/hocvu"] {
        assert!(
            urls.iter().any(|u| u.starts_with(prefix)),
            "{prefix} missing from {urls:?}"
        );
    }
    // Course pages are reading pages: the wasm and its script are not saved on the phone.
    assert!(
        !urls
            .iter()
            .any(|u| u.ends_with(".wasm") || u.ends_with(".js") && u.starts_with("/pkg/")),
        "the wasm or its script is listed: {urls:?}"
    );
    // Every page listed answers the learner (the service worker will fetch them).
    for page in urls
        .iter()
        .filter(|u| u.starts_with("/khoa-hoc") || **u == "/ngoai-tuyen")
    {
        let res = learner.get(app.url(page)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{page}");
    }
    // The practice set comes with its answers and explanations.
    let practice = pack["practice"].as_array().unwrap();
    assert_eq!(practice.len(), 6);
    for q in practice {
        let d = &q["question"];
        let answered = d["choices"]
            .as_array()
            .is_some_and(|c| c.iter().any(|c| c["weight"].as_f64().unwrap() > 0.0))
            || d["truth"].is_boolean()
            || !d["accepted"].as_array().unwrap().is_empty();
        assert!(answered, "{q}");
        assert!(q["html"].as_str().unwrap().contains("<p>"), "{q}");
    }
    assert_eq!(pack["done"], json!([]));
    assert_eq!(pack["practice_results"], 0);

    let (status, body) = get(&app, &learner, "/api/v1/courses/KHONG-CO/offline").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let draft = parse_course(
        "---\ncode: NHAP-02\ntitle: Nháp\nsummary: Chưa công bố.\naudience: everyone\ncompetences: an_toan\ncounts_as_training: false\n---\n# Bài một\nChữ.\n",
    )
    .unwrap();
    service::author::authoring::upsert_course(app.state.db(), &draft, None, false)
        .await
        .unwrap();
    let (status, _) = get(&app, &learner, "/api/v1/courses/NHAP-02/offline").await;
    assert_eq!(status, 404, "an unpublished course is not packed");

    // A reporting system's token has no learner behind it.
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let (_, token) = issue_token(&app, &admin, "Báo cáo", None).await;
    let (status, _) = get(&app, &bearer(&token), &path).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_same_items_sent_twice_are_recorded_once() {
    let app = with_courses().await;
    let learner = signed_in(&app, "0912000002", &[(Role::Learner, None)]).await;
    let (a, b, c) = (id(), id(), id());
    let practice = json!({"id": c, "kind": "practice", "course": COURSE, "score": 100.0,
        "answers": [{"type": "choices", "value": [0]}, {"type": "truth", "value": true}, null],
        "at": chrono::Utc::now().to_rfc3339()});
    let items = vec![
        lesson_done(&a, COURSE, 1),
        lesson_done(&b, COURSE, 2),
        practice,
    ];
    let (status, first) = sync(&app, &learner, items.clone()).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(statuses(&first), ["accepted", "accepted", "accepted"]);
    assert_eq!(first["results"][0]["id"], a.as_str());
    let (status, again) = sync(&app, &learner, items).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(statuses(&again), ["duplicate", "duplicate", "duplicate"]);

    assert_eq!(count(&app, "lesson_completions").await, 2);
    assert_eq!(count(&app, "practice_results").await, 1);
    assert_eq!(count(&app, "sync_receipts").await, 3);
    assert_eq!(done_positions(&app, &learner, COURSE).await, [1, 2]);
    // The server grades the practice itself: the phone's 100 is not taken on trust.
    assert_eq!(
        count(
            &app,
            "practice_results WHERE correct = 2 AND total = 6 AND score = 33.3"
        )
        .await,
        1
    );
    // A lesson already done, sent again under a new id, stays done once.
    let (_, once_more) = sync(&app, &learner, vec![lesson_done(&id(), COURSE, 1)]).await;
    assert_eq!(statuses(&once_more), ["accepted"]);
    assert_eq!(count(&app, "lesson_completions").await, 2);
    let (_, pack) = get(&app, &learner, &format!("/api/v1/courses/{COURSE}/offline")).await;
    assert_eq!(
        (pack["done"].clone(), pack["practice_results"].clone()),
        (json!([1, 2]), json!(1))
    );
}

const SHORT: &str = "---\ncode: NGAN-01\ntitle: Khoá ngắn\nsummary: Hai bài, không có bài kiểm tra.\naudience: everyone\ncompetences: an_toan\ncounts_as_training: true\n---\n# Bài một\nMột.\n# Bài hai\nHai.\n";

#[tokio::test]
async fn finishing_a_course_offline_completes_it_once_with_one_certificate() {
    let app = spawn_app().await;
    let src = parse_course(SHORT).unwrap();
    service::author::authoring::upsert_course(app.state.db(), &src, None, true)
        .await
        .unwrap();
    let learner = support::learner_on_roster(&app, true).await;
    // The pack was taken three days ago.
    take_pack(&app, &learner, "NGAN-01", 3).await;

    // Done two days ago on the phone: the phone's clock is believed within 30 days, after the pack.
    let two_days_ago = chrono::Utc::now() - chrono::Duration::days(2);
    let at = two_days_ago.to_rfc3339();
    let items = vec![
        json!({"id": id(), "kind": "lesson_done", "course": "NGAN-01", "lesson": 1, "at": at}),
        json!({"id": id(), "kind": "lesson_done", "course": "NGAN-01", "lesson": 2, "at": at}),
    ];
    let (status, body) = sync(&app, &learner, items.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(statuses(&body), ["accepted", "accepted"]);
    // The same again, and the last lesson once more under a new id: nothing new.
    let (_, again) = sync(&app, &learner, items).await;
    assert_eq!(statuses(&again), ["duplicate", "duplicate"]);
    let (_, extra) = sync(&app, &learner, vec![lesson_done(&id(), "NGAN-01", 2)]).await;
    assert_eq!(statuses(&extra), ["accepted"]);

    assert_eq!(count(&app, "course_completions").await, 1);
    assert_eq!(count(&app, "certificates").await, 1);
    assert_eq!(count(&app, "lesson_completions").await, 2);
    let ts = two_days_ago.timestamp();
    assert_eq!(
        count(&app, &format!("lesson_completions WHERE done_at = {ts}")).await,
        2
    );
    let day = domain::dates::vietnam_date(ts);
    let (status, page) = server_read(&app, &learner, "learn_course", &[("code", "NGAN-01")]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["progress"]["completed_on"], day.to_string());
    // As online: the completion is the learner's training record on that day.
    assert_eq!(count(&app, "training_records").await, 1);
    let (status, certs) = server_read(&app, &learner, "cert_mine", &[]).await;
    assert_eq!(status, 200, "{certs}");
    let list = certs.as_array().unwrap();
    assert_eq!(list.len(), 1, "{certs}");
    assert_eq!(list[0]["programme_code"], "NGAN-01");
}

/// The learner takes a course's offline pack; its first download is then set `days_ago`.
async fn take_pack(app: &TestApp, learner: &reqwest::Client, course: &str, days_ago: i64) {
    use sea_orm::{ConnectionTrait, Statement};
    let (status, body) = get(app, learner, &format!("/api/v1/courses/{course}/offline")).await;
    assert_eq!(status, 200, "{body}");
    let at = (chrono::Utc::now() - chrono::Duration::days(days_ago)).timestamp();
    let db = app.state.db();
    let sql = format!("UPDATE offline_packs SET first_at = {at}");
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap();
}

/// Issue 17, hole 12: a completion sent with a phone time before the pack was taken is
/// recorded no earlier than the pack, so the trained figure of a past date does not move; the
/// phone's time is kept on the receipt as evidence.
#[tokio::test]
async fn a_completion_is_never_dated_before_the_pack_was_taken() {
    let app = spawn_app().await;
    let src = parse_course(SHORT).unwrap();
    service::author::authoring::upsert_course(app.state.db(), &src, None, true)
        .await
        .unwrap();
    let learner = support::learner_on_roster(&app, true).await;
    let admin = support::signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    let ten_days_ago = chrono::Utc::now() - chrono::Duration::days(10);
    let past = domain::dates::vietnam_date(ten_days_ago.timestamp());
    let trained_on = |day: chrono::NaiveDate| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let (_, body) = get(app, &admin, &format!("/api/v1/indicators?as_of={day}")).await;
            body["indicators"]["provincial_trained"]["numerator"].clone()
        }
    };
    let before = trained_on(past).await;

    take_pack(&app, &learner, "NGAN-01", 0).await;
    let claimed = ten_days_ago.to_rfc3339();
    let items = vec![
        json!({"id": id(), "kind": "lesson_done", "course": "NGAN-01", "lesson": 1, "at": claimed}),
        json!({"id": id(), "kind": "lesson_done", "course": "NGAN-01", "lesson": 2, "at": claimed}),
    ];
    let (status, body) = sync(&app, &learner, items).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(statuses(&body), ["accepted", "accepted"]);
    assert_eq!(count(&app, "course_completions").await, 1);
    assert_eq!(
        trained_on(past).await,
        before,
        "the past date's figure is unchanged"
    );
    let today = domain::dates::vietnam_date(chrono::Utc::now().timestamp());
    assert_eq!(trained_on(today).await, json!(1), "trained from today");
    let cutoff = (chrono::Utc::now() - chrono::Duration::hours(1)).timestamp();
    assert_eq!(
        count(
            &app,
            &format!("lesson_completions WHERE done_at >= {cutoff}")
        )
        .await,
        2
    );
    let ts = ten_days_ago.timestamp();
    assert_eq!(
        count(&app, &format!("sync_receipts WHERE claimed_at = {ts}")).await,
        2,
        "the phone's time is kept as evidence"
    );
}

#[tokio::test]
async fn a_phone_clock_ahead_or_too_old_gives_way_to_the_server_clock() {
    let app = with_courses().await;
    let learner = signed_in(&app, "0912000003", &[(Role::Learner, None)]).await;
    let before = chrono::Utc::now().timestamp();
    let ahead = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let old = (chrono::Utc::now() - chrono::Duration::days(45)).to_rfc3339();
    let (_, body) = sync(
        &app,
        &learner,
        vec![
            json!({"id": id(), "kind": "lesson_done", "course": COURSE, "lesson": 1, "at": ahead}),
            json!({"id": id(), "kind": "lesson_done", "course": COURSE, "lesson": 2, "at": old}),
        ],
    )
    .await;
    assert_eq!(statuses(&body), ["accepted", "accepted"]);
    let after = chrono::Utc::now().timestamp();
    assert_eq!(
        count(
            &app,
            &format!("lesson_completions WHERE done_at BETWEEN {before} AND {after}")
        )
        .await,
        2
    );
}

#[tokio::test]
async fn bad_items_are_refused_one_by_one_and_the_good_ones_kept() {
    let app = with_courses().await;
    let learner = signed_in(&app, "0912000004", &[(Role::Learner, None)]).await;
    let good = id();
    let items = vec![
        json!({"id": id(), "kind": "lesson_done", "course": "KHONG-CO", "lesson": 1}),
        lesson_done(&good, COURSE, 3),
        json!({"id": id(), "kind": "lesson_done", "course": COURSE, "lesson": 99}),
        json!({"id": id(), "kind": "quiz_answer", "course": COURSE, "lesson": 1}),
        json!({"kind": "lesson_done", "course": COURSE, "lesson": 1}),
        json!({"id": "khong-phai-uuid", "kind": "lesson_done", "course": COURSE, "lesson": 1}),
        json!({"id": id(), "kind": "practice", "course": COURSE,
               "answers": vec![Value::Null; 7]}),
        json!({"id": id(), "kind": "practice", "course": COURSE, "answers": [null]}),
    ];
    let (status, body) = sync(&app, &learner, items).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        statuses(&body),
        [
            "rejected", "accepted", "rejected", "rejected", "rejected", "rejected", "rejected",
            "accepted"
        ]
    );
    let reasons: Vec<Option<&str>> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            Some("unknown_course"),
            None,
            Some("unknown_lesson"),
            Some("bad_kind"),
            Some("bad_id"),
            Some("bad_id"),
            Some("bad_answers"),
            None
        ]
    );
    assert_eq!(
        body["results"][0]["message"],
        "Không có khoá học đang mở nào mang mã này."
    );
    assert_eq!(body["results"][4]["id"], Value::Null);
    assert_eq!(done_positions(&app, &learner, COURSE).await, [3]);
    assert_eq!(count(&app, "practice_results").await, 1);
    // Refused items leave no receipt: only the two accepted ones are remembered.
    assert_eq!(count(&app, "sync_receipts").await, 2);
    // A body that is not the expected shape at all is one 400.
    let res = learner
        .post(app.url("/api/v1/sync"))
        .header("content-type", "application/json")
        .body("{\"items\": 3}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn a_learner_syncs_only_for_themselves() {
    let app = with_courses().await;
    let an = signed_in(&app, "0912000005", &[(Role::Learner, None)]).await;
    let binh = signed_in(&app, "0912000006", &[(Role::Learner, None)]).await;
    let shared = id();
    let (_, body) = sync(&app, &an, vec![lesson_done(&shared, COURSE, 1)]).await;
    assert_eq!(statuses(&body), ["accepted"]);
    // The same id from another learner is that learner's own item; a "user" field is ignored.
    let mut item = lesson_done(&shared, COURSE, 2);
    item["user"] = json!(1);
    item["user_id"] = json!(1);
    let (_, body) = sync(&app, &binh, vec![item]).await;
    assert_eq!(statuses(&body), ["accepted"]);
    assert_eq!(done_positions(&app, &an, COURSE).await, [1]);
    assert_eq!(done_positions(&app, &binh, COURSE).await, [2]);

    let item = vec![lesson_done(&id(), COURSE, 3)];
    let (status, _) = sync(&app, &support::browser(&app), item.clone()).await;
    assert_eq!(status, 401, "nobody signed in");
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let (_, token) = issue_token(&app, &admin, "Báo cáo", None).await;
    let (status, _) = sync(&app, &bearer(&token), item.clone()).await;
    assert_eq!(status, 403, "an API token is no learner");
    // Another site cannot make a signed-in browser send items.
    let res = an
        .post(app.url("/api/v1/sync"))
        .header("origin", "http://evil.example")
        .json(&json!({ "items": item }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(count(&app, "lesson_completions").await, 2);
}

#[tokio::test]
async fn the_practice_page_works_without_javascript() {
    let app = with_courses().await;
    let learner = signed_in(&app, "0912000007", &[(Role::Learner, None)]).await;
    let page = learner
        .get(app.url(&format!("/khoa-hoc/{COURSE}/luyen-tap")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("action=\"/luyen-tap/{COURSE}/nop\"")),
        "{page}"
    );
    assert!(
        page.contains("Tổ công nghệ số cộng đồng của xã"),
        "the questions are in the HTML"
    );
    assert!(page.contains("id=\"practice-key\""));

    // Question 1: the right option is the first; 2: true; 5: a short answer; the rest blank.
    let res = learner
        .post(app.url(&format!("/luyen-tap/{COURSE}/nop")))
        .form(&[("q1", "0"), ("q2", "true"), ("q5", " .GOV.VN ")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/khoa-hoc/{COURSE}/luyen-tap?ket-qua=1")
    );
    assert_eq!(
        count(
            &app,
            "practice_results WHERE correct = 3 AND total = 6 AND score = 50.0"
        )
        .await,
        1
    );
    let page = learner
        .get(app.url(&format!("/khoa-hoc/{COURSE}/luyen-tap?ket-qua=1")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("3/6 câu đúng (50,0%)"), "{page}");

    // Signed out: to the sign-in page, nothing kept.
    let res = support::browser(&app)
        .post(app.url(&format!("/luyen-tap/{COURSE}/nop")))
        .form(&[("q1", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/dang-nhap")
    );
    assert_eq!(count(&app, "practice_results").await, 1);
}

#[tokio::test]
async fn the_openapi_document_describes_the_offline_routes() {
    let app = spawn_app().await;
    let (_, doc) = get(&app, &reqwest::Client::new(), "/api/v1/openapi.json").await;
    assert!(
        doc["paths"]["/api/v1/sync"]["post"].is_object(),
        "{}",
        doc["paths"]
    );
    assert!(doc["paths"]["/api/v1/courses/{code}/offline"]["get"].is_object());
}

//! Authoring: an author builds a course (lessons added, edited, reordered with their ids kept,
//! deleted), publishes and unpublishes it; imports questions into the bank over the API (all
//! or nothing, every bad question with its line, dry runs writing nothing); sets a quiz that a
//! learner's new attempt then follows. Learners and hr officers are refused everywhere.
mod support;

use domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use service::entity::{attempt, attempt_item, lesson, lesson_completion, question};
use support::{
    TestApp, browser, count, get, json_of, server_fn, server_read, signed_in, spawn_app,
};

const GIFT: &str = "text/plain";

async fn author(app: &TestApp) -> reqwest::Client {
    signed_in(app, "tacgia", &[(Role::Author, None)]).await
}

async fn create_course(app: &TestApp, c: &reqwest::Client, code: &str) {
    let (status, body) = server_fn(
        app,
        c,
        "author_save_course",
        &[
            ("code", code),
            ("title", "Kỹ năng số cơ bản"),
            ("summary", "Những điều đầu tiên"),
            ("audience", "everyone"),
            ("competences[0]", "an_toan"),
            ("competences[1]", "du_lieu"),
            ("counts_as_training", "true"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, Value::from(code));
}

async fn add_lesson(app: &TestApp, c: &reqwest::Client, code: &str, title: &str) -> i32 {
    let body = format!("## {title}\n\nNội dung **{title}**.");
    let (status, id) = server_fn(
        app,
        c,
        "author_save_lesson",
        &[("course", code), ("title", title), ("body", &body)],
    )
    .await;
    assert_eq!(status, 200, "{id}");
    id.as_i64().unwrap() as i32
}

async fn lesson_ids(app: &TestApp, code: &str) -> Vec<i32> {
    let c = service::learn::catalogue::course_by_code(app.state.db(), code)
        .await
        .unwrap();
    lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(c.id))
        .order_by_asc(lesson::Column::Position)
        .all(app.state.db())
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect()
}

fn catalogue_codes(body: &Value) -> Vec<String> {
    body["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_author_builds_reorders_and_publishes_a_course_and_progress_survives() {
    let app = spawn_app().await;
    let a = author(&app).await;
    create_course(&app, &a, "KNS-CB-01").await;
    let first = add_lesson(&app, &a, "KNS-CB-01", "Bài một").await;
    let second = add_lesson(&app, &a, "KNS-CB-01", "Bài hai").await;
    let third = add_lesson(&app, &a, "KNS-CB-01", "Bài ba").await;
    assert_eq!(lesson_ids(&app, "KNS-CB-01").await, [first, second, third]);

    // A new course is a draft: not in the catalogue, not open to learners.
    let anyone = reqwest::Client::new();
    let (_, cat) = get(&app, &anyone, "/api/v1/courses").await;
    assert!(catalogue_codes(&cat).is_empty(), "{cat}");
    let (status, listed) = server_read(&app, &a, "author_courses", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(listed[0]["code"], "KNS-CB-01");
    assert_eq!(listed[0]["published"], false);
    assert_eq!(listed[0]["lesson_count"], 3);

    let (status, body) = server_fn(
        &app,
        &a,
        "author_publish",
        &[("code", "KNS-CB-01"), ("publish", "true")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, cat) = get(&app, &anyone, "/api/v1/courses").await;
    assert_eq!(catalogue_codes(&cat), ["KNS-CB-01"]);

    // A learner does the first lesson; the author moves it down, then edits it.
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let (status, body) = server_fn(
        &app,
        &learner,
        "learn_mark_done",
        &[("code", "KNS-CB-01"), ("position", "1")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = server_fn(
        &app,
        &a,
        "author_move_lesson",
        &[("id", &first.to_string()), ("direction", "down")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(lesson_ids(&app, "KNS-CB-01").await, [second, first, third]);
    // At the top, up moves nothing.
    server_fn(
        &app,
        &a,
        "author_move_lesson",
        &[("id", &second.to_string()), ("direction", "up")],
    )
    .await;
    assert_eq!(lesson_ids(&app, "KNS-CB-01").await, [second, first, third]);
    let (status, body) = server_fn(
        &app,
        &a,
        "author_save_lesson",
        &[
            ("course", "KNS-CB-01"),
            ("id", &first.to_string()),
            ("title", "Bài một (sửa)"),
            ("body", "Đã **sửa**."),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, Value::from(first));
    let (status, page) =
        server_read(&app, &learner, "learn_course", &[("code", "KNS-CB-01")]).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["progress"]["done"], serde_json::json!([2]), "{page}");
    let (_, shown) = server_read(
        &app,
        &learner,
        "learn_lesson",
        &[("code", "KNS-CB-01"), ("position", "2")],
    )
    .await;
    assert_eq!(shown["title"], "Bài một (sửa)");
    assert!(
        shown["html"]
            .as_str()
            .unwrap()
            .contains("<strong>sửa</strong>")
    );
    assert_eq!(
        lesson_completion::Entity::find()
            .filter(lesson_completion::Column::LessonId.eq(first))
            .all(app.state.db())
            .await
            .unwrap()
            .len(),
        1
    );

    // Deleting the middle lesson closes the gap.
    let (status, _) = server_fn(
        &app,
        &a,
        "author_delete_lesson",
        &[("id", &first.to_string())],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(lesson_ids(&app, "KNS-CB-01").await, [second, third]);
    let (_, two) = server_read(
        &app,
        &learner,
        "learn_lesson",
        &[("code", "KNS-CB-01"), ("position", "2")],
    )
    .await;
    assert_eq!(two["title"], "Bài ba");

    // Unpublished, it leaves the catalogue and its pages.
    server_fn(
        &app,
        &a,
        "author_publish",
        &[("code", "KNS-CB-01"), ("publish", "false")],
    )
    .await;
    let (_, cat) = get(&app, &anyone, "/api/v1/courses").await;
    assert!(catalogue_codes(&cat).is_empty(), "{cat}");
    let (status, _) = get(&app, &anyone, "/api/v1/courses/KNS-CB-01").await;
    assert_eq!(status, 404);
    // …but the author still has it, with its fields.
    let (status, edit) = server_read(&app, &a, "author_course", &[("code", "KNS-CB-01")]).await;
    assert_eq!(status, 200, "{edit}");
    assert_eq!(edit["published"], false);
    assert_eq!(
        edit["fields"]["competences"],
        serde_json::json!(["du_lieu", "an_toan"])
    );
    assert_eq!(edit["lessons"].as_array().unwrap().len(), 2);

    // Every change is in the audit log.
    assert_eq!(
        count(&app, "audit_log WHERE object_kind = 'course'").await,
        3
    );
    assert_eq!(
        count(&app, "audit_log WHERE object_kind = 'lesson'").await,
        6
    );
}

#[tokio::test]
async fn bad_course_input_is_refused_with_its_reason() {
    let app = spawn_app().await;
    let a = author(&app).await;
    let (status, body) = server_fn(
        &app,
        &a,
        "author_save_course",
        &[("code", "kns cb"), ("title", "X"), ("audience", "everyone")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("invalid_course_code"), "{body}");
    create_course(&app, &a, "KNS-CB-01").await;
    let (status, body) = server_fn(
        &app,
        &a,
        "author_save_course",
        &[
            ("code", "KNS-CB-01"),
            ("title", "Khác"),
            ("audience", "everyone"),
            ("competences[0]", "an_toan"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("course_code_taken"), "{body}");
    let (status, body) = server_fn(
        &app,
        &a,
        "author_save_lesson",
        &[("course", "KNS-CB-01"), ("title", "  "), ("body", "x")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("title_required"), "{body}");
    assert!(lesson_ids(&app, "KNS-CB-01").await.is_empty());
    // The preview is the sanitised HTML learners would see.
    let (status, html) = server_fn(
        &app,
        &a,
        "author_preview",
        &[("body", "**đậm** <script>alert(1)</script>")],
    )
    .await;
    assert_eq!(status, 200);
    let html = html.as_str().unwrap();
    assert!(
        html.contains("<strong>đậm</strong>") && !html.contains("<script"),
        "{html}"
    );
}

const GOOD_GIFT: &str = "$CATEGORY: an_toan/de\n\n::AT-T1::Mật khẩu mạnh cần gì? {\n=Dài và khó đoán\n~Ngày sinh\n}\n\n::AT-T2::Có nên chia sẻ mã OTP? {F}\n\n$CATEGORY: du_lieu/kho\n\n::DL-T1::Số định danh có bao nhiêu chữ số? {=12}\n";

/// The question on line 4 has no right answer, the one on line 9 no closing brace; the last
/// one is fine.
const BAD_GIFT: &str = "$CATEGORY: an_toan/de\n\n// một câu không có đáp án đúng\n::AT-B1::Câu lỗi {\n~Một\n~Hai\n}\n\n::AT-B2::Câu thiếu ngoặc {\n=Một\n~Hai\n\n::AT-B3::Câu tốt {T}\n";

const GOOD_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/giao_tiep/vua</text></category></question>
  <question type="truefalse">
    <name><text>GT-X1</text></name>
    <questiontext format="html"><text>Email có thể giả mạo người gửi.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"#;

async fn import(app: &TestApp, c: &reqwest::Client, query: &str, body: &str) -> (u16, Value) {
    let res = c
        .post(app.url(&format!("/api/v1/questions/import?{query}")))
        .header("content-type", GIFT)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    json_of(res).await
}

#[tokio::test]
async fn the_question_import_api_is_all_or_nothing_with_lines() {
    let app = spawn_app().await;
    let a = author(&app).await;

    let (status, dry) = import(&app, &a, "format=gift&dry_run=true", GOOD_GIFT).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(dry["accepted"], 3);
    assert_eq!(
        count(&app, "questions").await,
        0,
        "a dry run writes nothing"
    );

    let (status, bad) = import(&app, &a, "format=gift", BAD_GIFT).await;
    assert_eq!(status, 422, "{bad}");
    assert_eq!(bad["accepted"], 0);
    let errors = bad["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{bad}");
    assert_eq!(errors[0]["row"], 4);
    assert_eq!(errors[0]["column"], "AT-B1");
    assert_eq!(errors[0]["code"], "no_right_answer");
    assert!(
        errors[0]["message"].as_str().unwrap().contains("đáp án"),
        "{bad}"
    );
    assert_eq!(errors[1]["row"], 9);
    assert_eq!(errors[1]["column"], "AT-B2");
    assert_eq!(errors[1]["code"], "unbalanced_braces");
    assert_eq!(count(&app, "questions").await, 0, "all or nothing");

    let (status, ok) = import(&app, &a, "format=gift", GOOD_GIFT).await;
    assert_eq!(status, 200, "{ok}");
    assert_eq!(ok["accepted"], 3);
    assert!(ok["errors"].as_array().unwrap().is_empty());
    assert_eq!(
        count(
            &app,
            "questions WHERE domain = 'an_toan' AND difficulty = 'de'"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &app,
            "questions WHERE domain = 'du_lieu' AND difficulty = 'kho'"
        )
        .await,
        1
    );
    // The same file again changes nothing.
    import(&app, &a, "format=gift", GOOD_GIFT).await;
    assert_eq!(count(&app, "questions").await, 3);

    let (status, xml) = import(&app, &a, "format=xml", GOOD_XML).await;
    assert_eq!(status, 200, "{xml}");
    assert_eq!(
        count(
            &app,
            "questions WHERE domain = 'giao_tiep' AND code = 'GT-X1'"
        )
        .await,
        1
    );

    let (status, unknown) = import(&app, &a, "format=csv", GOOD_GIFT).await;
    assert_eq!(status, 400, "{unknown}");
    assert_eq!(unknown["error"]["code"], "unknown_bank_format");
    assert_eq!(
        count(&app, "audit_log WHERE object_kind = 'question_bank'").await,
        3
    );

    // The bank's page lists them, filtered.
    let (status, rows) = server_read(
        &app,
        &a,
        "author_bank",
        &[("query[domain]", "an_toan"), ("query[difficulty]", "")],
    )
    .await;
    assert_eq!(status, 200, "{rows}");
    let codes: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["AT-T1", "AT-T2"]);

    // Posted from another site, it is refused before anything is read.
    let foreign = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = foreign
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({"login": "tacgia", "password": support::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = foreign
        .post(app.url("/api/v1/questions/import?format=gift"))
        .header("origin", "http://evil.example")
        .body(BAD_GIFT)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn learners_and_hr_officers_are_refused_every_authoring_action() {
    let app = spawn_app().await;
    let a = author(&app).await;
    create_course(&app, &a, "KNS-CB-01").await;
    let id = add_lesson(&app, &a, "KNS-CB-01", "Bài một")
        .await
        .to_string();
    import(&app, &a, "format=gift", GOOD_GIFT).await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let units = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nSO-NV,Sở Nội vụ,tinh,\n";
    support::upload(
        &app,
        &admin,
        "/api/v1/units/import",
        support::CSV,
        units.as_bytes(),
    )
    .await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    let nobody = browser(&app);
    let reads: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("author_courses", vec![]),
        ("author_course", vec![("code", "KNS-CB-01")]),
        ("author_lesson", vec![("id", &id)]),
        ("author_quizzes", vec![]),
        ("author_quiz", vec![("code", "KNS-CB-01-KT")]),
        ("author_bank", vec![]),
    ];
    let writes: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "author_save_course",
            vec![
                ("code", "KNS-XX-01"),
                ("title", "X"),
                ("audience", "everyone"),
                ("competences[0]", "an_toan"),
            ],
        ),
        (
            "author_save_course",
            vec![
                ("editing", "KNS-CB-01"),
                ("code", "KNS-CB-01"),
                ("title", "X"),
                ("audience", "everyone"),
                ("competences[0]", "an_toan"),
            ],
        ),
        (
            "author_publish",
            vec![("code", "KNS-CB-01"), ("publish", "true")],
        ),
        (
            "author_save_lesson",
            vec![("course", "KNS-CB-01"), ("title", "X"), ("body", "y")],
        ),
        (
            "author_save_lesson",
            vec![
                ("course", "KNS-CB-01"),
                ("id", &id),
                ("title", "X"),
                ("body", "y"),
            ],
        ),
        ("author_delete_lesson", vec![("id", &id)]),
        (
            "author_lesson_domain",
            vec![("id", &id), ("course", "KNS-CB-01"), ("domain", "an_toan")],
        ),
        (
            "author_move_lesson",
            vec![("id", &id), ("direction", "down")],
        ),
        ("author_preview", vec![("body", "x")]),
        (
            "author_save_quiz",
            vec![
                ("code", "KNS-CB-01-KT"),
                ("title", "X"),
                ("pass_mark", "50"),
                ("review", "score"),
                ("counts[any.any]", "1"),
            ],
        ),
    ];
    let before = (
        count(&app, "courses").await,
        count(&app, "lessons").await,
        count(&app, "quizzes").await,
        count(&app, "questions").await,
        count(&app, "audit_log").await,
    );
    for (who, client, status) in [
        ("learner", &learner, 403),
        ("hr", &hr, 403),
        ("nobody", &nobody, 401),
    ] {
        for (name, query) in &reads {
            let (got, body) = server_read(&app, client, name, query).await;
            assert_eq!(got, status, "{who} {name}: {body}");
        }
        for (name, form) in &writes {
            let (got, body) = server_fn(&app, client, name, form).await;
            assert_eq!(got, status, "{who} {name}: {body}");
        }
        let (got, body) = import(&app, client, "format=gift", GOOD_GIFT).await;
        assert_eq!(got, status, "{who} import: {body}");
        let lesson_page = format!("/soan-bai/KNS-CB-01/bai/{id}");
        for page in [
            "/soan-bai",
            "/soan-bai/KNS-CB-01",
            "/soan-bai/KNS-CB-01/bai-moi",
            lesson_page.as_str(),
            "/soan-bai/ngan-hang",
        ] {
            let html = page_html(&app, client, page).await;
            assert!(
                !html.contains("Bài một") && !html.contains("AT-T1") && !html.contains("l-body"),
                "{who} {page}"
            );
        }
    }
    let after = (
        count(&app, "courses").await,
        count(&app, "lessons").await,
        count(&app, "quizzes").await,
        count(&app, "questions").await,
        count(&app, "audit_log").await,
    );
    assert_eq!(before, after, "nothing written");
    // The author's own pages render whole on the server.
    let html = page_html(&app, &a, "/soan-bai/KNS-CB-01").await;
    assert!(
        html.contains("Bài một") && html.contains("KNS-CB-01"),
        "{html}"
    );
    // The preview without JavaScript: the text sent back, rendered under the form that keeps it.
    let html = page_html(&app, &a, "/soan-bai/KNS-CB-01/bai-moi?title=T&body=**x**").await;
    assert!(
        html.contains("l-body") && html.contains("<strong>x</strong>") && html.contains("**x**"),
        "{html}"
    );
}

async fn page_html(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    c.get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn save_quiz(app: &TestApp, c: &reqwest::Client, fields: &[(&str, &str)]) -> (u16, Value) {
    server_fn(app, c, "author_save_quiz", fields).await
}

#[tokio::test]
async fn quiz_settings_are_saved_and_a_new_attempt_follows_them() {
    let app = spawn_app().await;
    service::demo::quizzes::seed(app.state.db()).await.unwrap();
    let a = author(&app).await;
    create_course(&app, &a, "KNS-CB-01").await;
    add_lesson(&app, &a, "KNS-CB-01", "Bài một").await;

    // More questions than the bank has: refused, nothing stored.
    let (status, body) = save_quiz(
        &app,
        &a,
        &[
            ("code", "KNS-CB-01-KT"),
            ("title", "Kiểm tra cuối khoá"),
            ("course", "KNS-CB-01"),
            ("pass_mark", "60"),
            ("review", "answers"),
            ("counts[an_toan.de]", "99"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("not_enough_questions"), "{body}");
    let (status, body) = save_quiz(
        &app,
        &a,
        &[
            ("code", "KNS-CB-01-KT"),
            ("title", "Kiểm tra cuối khoá"),
            ("course", "KNS-CB-01"),
            ("pass_mark", "60"),
            ("time_limit", "5"),
            ("max_attempts", "1"),
            ("review", "answers"),
            ("published", "true"),
            ("counts[an_toan.de]", "2"),
            ("counts[du_lieu.any]", "1"),
            ("counts[any.kho]", ""),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, "KNS-CB-01-KT");
    let (_, saved) = server_read(&app, &a, "author_quiz", &[("code", "KNS-CB-01-KT")]).await;
    assert_eq!(saved["course_code"], "KNS-CB-01");
    assert_eq!(saved["time_limit_minutes"], 5);
    assert_eq!(saved["max_attempts"], 1);
    assert_eq!(saved["review"], "answers");
    assert_eq!(saved["rules"].as_array().unwrap().len(), 2, "{saved}");

    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let res = learner
        .post(app.url("/bai-kiem-tra/KNS-CB-01-KT/bat-dau"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let db = app.state.db();
    let started = attempt::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(started.deadline_at, Some(started.started_at + 300));
    let items = attempt_item::Entity::find()
        .filter(attempt_item::Column::AttemptId.eq(started.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(items.len(), 3);
    let mut drawn = Vec::new();
    for item in &items {
        let q = question::Entity::find_by_id(item.question_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        drawn.push((q.domain, q.difficulty));
    }
    assert_eq!(
        drawn
            .iter()
            .filter(|(d, l)| d == "an_toan" && l == "de")
            .count(),
        2,
        "{drawn:?}"
    );
    assert_eq!(
        drawn.iter().filter(|(d, _)| d == "du_lieu").count(),
        1,
        "{drawn:?}"
    );

    // Closed to learners: no new attempt.
    let (status, body) = save_quiz(
        &app,
        &a,
        &[
            ("editing", "KNS-CB-01-KT"),
            ("code", "KNS-CB-01-KT"),
            ("title", "Kiểm tra cuối khoá"),
            ("course", "KNS-CB-01"),
            ("pass_mark", "60"),
            ("review", "score"),
            ("counts[any.any]", "1"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let other = signed_in(&app, "0987654321", &[(Role::Learner, None)]).await;
    let res = other
        .post(app.url("/bai-kiem-tra/KNS-CB-01-KT/bat-dau"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(count(&app, "audit_log WHERE object_kind = 'quiz'").await, 2);
}

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

async fn attach(
    app: &TestApp,
    c: &reqwest::Client,
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let res = c
        .post(app.url(&format!(
            "/api/v1/courses/KNS-CB-01/attachments?name={name}"
        )))
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap();
    json_of(res).await
}

#[tokio::test]
async fn lesson_files_are_checked_by_their_bytes_and_served_safely() {
    let app = spawn_app().await;
    let a = author(&app).await;
    create_course(&app, &a, "KNS-CB-01").await;

    let (status, img) = attach(&app, &a, "%E1%BA%A3nh.png", "image/png", PNG.to_vec()).await;
    assert_eq!(status, 201, "{img}");
    assert_eq!(img["content_type"], "image/png");
    let url = img["url"].as_str().unwrap().to_owned();
    assert_eq!(img["markdown"], format!("![ảnh.png]({url})"));
    let res = reqwest::get(app.url(&url)).await.unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h["content-type"], "image/png");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(
        h["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);

    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend_from_slice(b"1 0 obj << >> endobj\n%%EOF\n");
    // The browser's word is not taken: the bytes decide.
    let (status, doc) = attach(&app, &a, "tai-lieu.pdf", "image/png", pdf).await;
    assert_eq!(status, 201, "{doc}");
    assert_eq!(doc["content_type"], "application/pdf");
    let res = reqwest::get(app.url(doc["url"].as_str().unwrap()))
        .await
        .unwrap();
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );

    // HTML or SVG named .png, and files over 5 MiB, are refused; nothing is stored.
    for (name, bytes) in [
        ("x.png", b"<html><script>alert(1)</script></html>".to_vec()),
        (
            "x.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
        ),
    ] {
        let (status, body) = attach(&app, &a, name, "image/png", bytes).await;
        assert_eq!(status, 422, "{name}: {body}");
        assert_eq!(body["error"]["details"][0]["code"], "file_type_refused");
    }
    let mut big = PNG.to_vec();
    big.resize(5 * 1024 * 1024 + 10, 0);
    let (status, _) = attach(&app, &a, "to.png", "image/png", big).await;
    assert_eq!(status, 413);
    assert_eq!(count(&app, "attachments").await, 2);

    // Only authors upload; an unknown address is not found.
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let (status, _) = attach(&app, &learner, "x.png", "image/png", PNG.to_vec()).await;
    assert_eq!(status, 403);
    let res = reqwest::get(app.url("/tep/00000000000000000000000000000000"))
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(count(&app, "attachments").await, 2);
    assert_eq!(
        count(&app, "audit_log WHERE object_kind = 'attachment'").await,
        2
    );
}

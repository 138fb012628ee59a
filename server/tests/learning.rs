//! The catalogue, lessons and progress: the public course API, sanitised lessons, lessons marked
//! done once, and completed courses counted as training for the learner's roster entry.
mod support;

use domain::Role;
use domain::learning::content::parse_course;
use serde_json::Value;
use support::{
    TestApp, count, get, learner_on_roster, server_fn, server_read, signed_in, spawn_app,
};

async fn with_demo_courses() -> TestApp {
    let app = spawn_app().await;
    service::demo::courses::seed(app.state.db()).await.unwrap();
    app
}

fn codes(body: &Value) -> Vec<String> {
    body["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_catalogue_is_public_and_filtered_by_text_audience_and_domain() {
    let app = with_demo_courses().await;
    let anyone = reqwest::Client::new();
    let (status, all) = get(&app, &anyone, "/api/v1/courses").await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(codes(&all), ["KNS-AT-01", "KNS-CC-01", "KNS-DC-01"]);
    for c in all["courses"].as_array().unwrap() {
        assert!(c["lesson_count"].as_u64().unwrap() >= 6, "{c}");
        assert_eq!(c["counts_as_training"], true);
        assert!(!c["competences"].as_array().unwrap().is_empty());
    }
    // Courses for everyone are for residents too.
    let (_, residents) = get(&app, &anyone, "/api/v1/courses?audience=residents").await;
    assert_eq!(codes(&residents), ["KNS-AT-01", "KNS-DC-01"]);
    let (_, civil) = get(&app, &anyone, "/api/v1/courses?audience=civil_servants").await;
    assert_eq!(codes(&civil), ["KNS-AT-01", "KNS-CC-01"]);
    // Without diacritics or capitals, words in any order.
    let (_, found) = get(&app, &anyone, "/api/v1/courses?q=KHONG%20GIAN%20an%20toan").await;
    assert_eq!(codes(&found), ["KNS-AT-01"]);
    let (_, none) = get(
        &app,
        &anyone,
        "/api/v1/courses?q=kh%C3%B4ng%20c%C3%B3%20kho%C3%A1%20n%C3%A0y",
    )
    .await;
    assert!(codes(&none).is_empty());
    let (_, ai) = get(&app, &anyone, "/api/v1/courses?domain=tri_tue_nhan_tao").await;
    for c in ai["courses"].as_array().unwrap() {
        assert!(
            c["competences"]
                .as_array()
                .unwrap()
                .contains(&Value::from("tri_tue_nhan_tao")),
            "{c}"
        );
    }

    let (status, one) = get(&app, &anyone, "/api/v1/courses/KNS-AT-01").await;
    assert_eq!(status, 200, "{one}");
    assert_eq!(one["code"], "KNS-AT-01");
    let positions: Vec<u64> = one["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["position"].as_u64().unwrap())
        .collect();
    assert_eq!(positions, (1..=positions.len() as u64).collect::<Vec<_>>());
    assert_eq!(
        one["lesson_count"].as_u64().unwrap(),
        positions.len() as u64
    );
    let (status, missing) = get(&app, &anyone, "/api/v1/courses/KHONG-CO").await;
    assert_eq!(
        (status, missing["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
}

const DRAFT: &str = r#"---
code: NHAP-01
title: Khoá nháp
summary: Chưa công bố.
audience: everyone
competences: an_toan
counts_as_training: true
---
# Bài có mã độc
Chữ **đậm**.

<script>alert('x')</script><img src=x onerror=alert(1)>

[bấm](javascript:alert(2)) <a href="javascript:alert(3)">x</a>
# Bài hai
Hết.
"#;

#[tokio::test]
async fn a_draft_is_not_found_and_lesson_text_is_sanitised() {
    let app = spawn_app().await;
    let db = app.state.db();
    let src = parse_course(DRAFT).unwrap();
    service::author::authoring::upsert_course(db, &src, None, false)
        .await
        .unwrap();
    let anyone = reqwest::Client::new();
    assert_eq!(get(&app, &anyone, "/api/v1/courses/NHAP-01").await.0, 404);
    assert!(codes(&get(&app, &anyone, "/api/v1/courses").await.1).is_empty());
    let (status, _) = server_read(
        &app,
        &anyone,
        "learn_lesson",
        &[("code", "NHAP-01"), ("position", "1")],
    )
    .await;
    assert_eq!(status, 404);

    service::author::authoring::upsert_course(db, &src, None, true)
        .await
        .unwrap();
    let (status, lesson) = server_read(
        &app,
        &anyone,
        "learn_lesson",
        &[("code", "NHAP-01"), ("position", "1")],
    )
    .await;
    assert_eq!(status, 200, "{lesson}");
    let html = lesson["html"].as_str().unwrap();
    assert!(html.contains("<strong>đậm</strong>"), "{html}");
    for bad in ["<script", "onerror", "href=\"javascript"] {
        assert!(!html.contains(bad), "{bad}: {html}");
    }
    assert!(html.contains(">bấm</a>"), "the link's text stays: {html}");
    assert_eq!(lesson["done"], Value::Null, "nobody signed in");
    assert_eq!(lesson["next"]["position"], 2);
    assert_eq!(lesson["previous"], Value::Null);
    // The page itself carries the same sanitised text.
    let page = anyone
        .get(app.url("/khoa-hoc/NHAP-01/bai/1"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<strong>đậm</strong>") && !page.contains("alert('x')"),
        "{page}"
    );
}

async fn finish_course(app: &TestApp, learner: &reqwest::Client, code: &str) -> Value {
    let (_, course) = get(app, learner, &format!("/api/v1/courses/{code}")).await;
    let n = course["lesson_count"].as_u64().unwrap();
    let mut last = Value::Null;
    for position in 1..=n {
        let (status, progress) = server_fn(
            app,
            learner,
            "learn_mark_done",
            &[("code", code), ("position", &position.to_string())],
        )
        .await;
        assert_eq!(status, 200, "{progress}");
        last = progress;
    }
    last
}

async fn trained_now(app: &TestApp, admin: &reqwest::Client) -> (u64, u64) {
    let (_, body) = get(app, admin, "/api/v1/indicators").await;
    let r = &body["indicators"]["provincial_trained"];
    (
        r["numerator"].as_u64().unwrap(),
        r["denominator"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn a_completed_course_is_a_training_record_once_and_counts() {
    let app = with_demo_courses().await;
    let learner = learner_on_roster(&app, true).await;
    let admin = signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    assert_eq!(trained_now(&app, &admin).await, (0, 1));

    let (status, p) = server_fn(
        &app,
        &learner,
        "learn_mark_done",
        &[("code", "KNS-AT-01"), ("position", "2")],
    )
    .await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["done"], serde_json::json!([2]));
    // The same lesson again: nothing changes.
    let (_, again) = server_fn(
        &app,
        &learner,
        "learn_mark_done",
        &[("code", "KNS-AT-01"), ("position", "2")],
    )
    .await;
    assert_eq!(again, p);
    assert_eq!(count(&app, "lesson_completions").await, 1);
    assert_eq!(count(&app, "training_records").await, 0, "not complete yet");

    let done = finish_course(&app, &learner, "KNS-AT-01").await;
    let today = service::today().format("%Y-%m-%d").to_string();
    assert_eq!(done["completed_on"], today.as_str());
    assert_eq!(count(&app, "course_completions").await, 1);
    assert_eq!(
        count(
            &app,
            "training_records WHERE source = 'platform' AND programme_code = 'KNS-AT-01'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "audit_log WHERE action = 'platform_complete'").await,
        1
    );
    assert_eq!(trained_now(&app, &admin).await, (1, 1));

    // The last lesson sent again (a second tab, a double click) completes nothing twice.
    finish_course(&app, &learner, "KNS-AT-01").await;
    assert_eq!(count(&app, "course_completions").await, 1);
    assert_eq!(count(&app, "training_records").await, 1);

    let (_, mine) = server_read(&app, &learner, "learn_mine", &[]).await;
    assert_eq!(mine[0]["course"]["code"], "KNS-AT-01");
    assert_eq!(mine[0]["progress"]["completed_on"], today.as_str());
    assert_eq!(mine[0]["next_lesson"], Value::Null);
    // The person's record shows where the training came from.
    let (_, record) = server_read(&app, &admin, "hr_person", &[("staff_code", "CB01")]).await;
    assert_eq!(record["trainings"][0]["source"], "platform", "{record}");
}

#[tokio::test]
async fn courses_completed_before_the_link_count_once_the_account_is_linked() {
    let app = with_demo_courses().await;
    let learner = learner_on_roster(&app, false).await;
    finish_course(&app, &learner, "KNS-CC-01").await;
    assert_eq!(count(&app, "course_completions").await, 1);
    assert_eq!(
        count(&app, "training_records").await,
        0,
        "no roster entry to record it for"
    );
    let (status, body) = server_fn(
        &app,
        &learner,
        "claim_staff_record",
        &[("staff_code", "CB01"), ("proof", "001203004567")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        count(
            &app,
            "training_records WHERE source = 'platform' AND programme_code = 'KNS-CC-01'"
        )
        .await,
        1
    );
    let admin = signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    assert_eq!(trained_now(&app, &admin).await, (1, 1));
}

#[tokio::test]
async fn only_a_signed_in_learner_marks_lessons_and_only_real_ones() {
    let app = with_demo_courses().await;
    let anyone = support::browser(&app);
    let (status, body) = server_fn(
        &app,
        &anyone,
        "learn_mark_done",
        &[("code", "KNS-AT-01"), ("position", "1")],
    )
    .await;
    assert_eq!(status, 401, "{body}");
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    assert_eq!(
        server_fn(
            &app,
            &learner,
            "learn_mark_done",
            &[("code", "KNS-AT-01"), ("position", "99")]
        )
        .await
        .0,
        404
    );
    assert_eq!(
        server_fn(
            &app,
            &learner,
            "learn_mark_done",
            &[("code", "KHONG-CO"), ("position", "1")]
        )
        .await
        .0,
        404
    );
    assert_eq!(count(&app, "lesson_completions").await, 0);
    // A signed-in reader sees whether the lesson is done.
    let (_, lesson) = server_read(
        &app,
        &learner,
        "learn_lesson",
        &[("code", "KNS-AT-01"), ("position", "1")],
    )
    .await;
    assert_eq!(lesson["done"], false);
}

#[tokio::test]
async fn an_edited_course_keeps_the_progress_of_its_learners() {
    let app = spawn_app().await;
    let db = app.state.db();
    let mut src = parse_course(DRAFT).unwrap();
    service::author::authoring::upsert_course(db, &src, None, true)
        .await
        .unwrap();
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    server_fn(
        &app,
        &learner,
        "learn_mark_done",
        &[("code", "NHAP-01"), ("position", "1")],
    )
    .await;
    src.lessons[0].body = "Nội dung đã sửa.\n".into();
    src.title = "Khoá đã sửa".into();
    service::author::authoring::upsert_course(db, &src, None, true)
        .await
        .unwrap();
    let (_, page) = server_read(&app, &learner, "learn_course", &[("code", "NHAP-01")]).await;
    assert_eq!(page["detail"]["title"], "Khoá đã sửa");
    assert_eq!(page["progress"]["done"], serde_json::json!([1]));
}

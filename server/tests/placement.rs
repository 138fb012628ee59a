//! Placement checks (issue 20): a learner who passes a domain's part of a course's placement
//! check has that domain's lessons tested out (apart from the lessons read) and goes straight
//! to the rest; the course is still completed only by its final quiz; one attempt unless the
//! author allows more; no answer leaves the server while it is open; HR of the learner's unit
//! sees what was tested out, HR of another unit does not.
mod support;

use domain::Role;
use serde_json::Value;
use support::quiz::{
    answer_right_and_submit, items, pass_quiz, post_form, right_form, start, with_demo_content,
    wrong_form,
};
use support::{CSV, count, server_fn, server_read, signed_in, upload};

/// The demo course the tests use: its lessons 1 and 4 teach safety, 2 and 3 problem solving,
/// 5 data, 6 and 7 communication (see `content/courses/KNS-DC-01.md`).
const COURSE: &str = "KNS-DC-01";
const CHECK: &str = "KNS-DC-01-DV";

/// Takes the placement check answering right only the questions of `known` domains; the
/// attempt's id.
async fn take_check(app: &support::TestApp, learner: &reqwest::Client, known: &[&str]) -> i32 {
    let id = start(app, learner, CHECK).await;
    let drawn = items(app, id).await;
    assert_eq!(
        drawn.len(),
        8,
        "two questions in each of the course's four domains"
    );
    for (item, q, domain) in &drawn {
        let form = if known.contains(&domain.as_str()) {
            right_form(item, q)
        } else {
            wrong_form(item)
        };
        post_form(app, learner, &format!("/bai-lam/{id}/tra-loi"), &form).await;
    }
    post_form(app, learner, &format!("/bai-lam/{id}/nop"), &[]).await;
    id
}

async fn course_page(app: &support::TestApp, learner: &reqwest::Client) -> Value {
    let (status, page) = server_read(app, learner, "learn_course", &[("code", COURSE)]).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn numbers(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn passing_two_parts_tests_out_their_lessons_apart_from_the_lessons_read() {
    let app = with_demo_content().await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let before = course_page(&app, &learner).await;
    assert_eq!(before["placement_code"], CHECK, "{before}");
    assert_eq!(before["progress"]["placement_closed"], false);

    let id = take_check(&app, &learner, &["an_toan", "giai_quyet"]).await;
    let (_, done) = server_fn(&app, &learner, "assess_attempt", &[("id", &id.to_string())]).await;
    let outcome = &done["result"]["placement"];
    let lessons: Vec<u64> = outcome["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["position"].as_u64().unwrap())
        .collect();
    assert_eq!(lessons, [1, 2, 3, 4], "{done}");
    assert_eq!(outcome["next_lesson"], 5);
    let mut passed: Vec<&str> = outcome["domains_passed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    passed.sort();
    assert_eq!(passed, ["an_toan", "giai_quyet"]);
    assert!(
        done["result"]["review"].as_array().unwrap().is_empty(),
        "the check names no right answer: {done}"
    );

    let page = course_page(&app, &learner).await;
    let progress = &page["progress"];
    assert_eq!(numbers(&progress["tested_out"]), [1, 2, 3, 4]);
    assert!(
        numbers(&progress["done"]).is_empty(),
        "tested out is not read"
    );
    assert_eq!(progress["placement_closed"], true, "one attempt");
    assert_eq!(count(&app, "lesson_completions").await, 0);
    let (_, lesson) = server_read(
        &app,
        &learner,
        "learn_lesson",
        &[("code", COURSE), ("position", "2")],
    )
    .await;
    assert_eq!(lesson["tested_out"], true, "{lesson}");
    assert_eq!(lesson["done"], false);
    let (_, mine) = server_read(&app, &learner, "learn_mine", &[]).await;
    assert_eq!(
        mine[0]["next_lesson"], 5,
        "continue goes past the tested out: {mine}"
    );

    // The rest read: the course is still not completed without its final quiz.
    for n in ["5", "6", "7"] {
        let (status, body) = server_fn(
            &app,
            &learner,
            "learn_mark_done",
            &[("code", COURSE), ("position", n)],
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(count(&app, "course_completions").await, 0);
    pass_quiz(&app, &learner, &format!("{COURSE}-KT")).await;
    assert_eq!(count(&app, "course_completions").await, 1);
    let page = course_page(&app, &learner).await;
    assert!(page["progress"]["completed_on"].is_string(), "{page}");
}

#[tokio::test]
async fn a_check_passed_in_full_completes_nothing_until_the_final_quiz() {
    let app = with_demo_content().await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let id = start(&app, &learner, CHECK).await;
    // While it is open, what the learner's browser gets names no answer.
    let (_, open) = server_fn(&app, &learner, "assess_attempt", &[("id", &id.to_string())]).await;
    let payload = open.to_string();
    for key in [
        "\"weight\"",
        "\"truth\"",
        "\"accepted\"",
        "\"right\"",
        "\"placement\":{",
    ] {
        assert!(!payload.contains(key), "{key} in {payload}");
    }
    answer_right_and_submit(&app, &learner, id).await;
    let page = course_page(&app, &learner).await;
    assert_eq!(
        numbers(&page["progress"]["tested_out"]),
        [1, 2, 3, 4, 5, 6, 7]
    );
    assert!(page["progress"]["completed_on"].is_null(), "{page}");
    assert_eq!(count(&app, "course_completions").await, 0);
    assert_eq!(count(&app, "certificates").await, 0);
    // The final quiz alone completes it now: every lesson is settled.
    pass_quiz(&app, &learner, &format!("{COURSE}-KT")).await;
    assert_eq!(count(&app, "course_completions").await, 1);
    assert_eq!(count(&app, "certificates").await, 1);
}

#[tokio::test]
async fn one_attempt_unless_the_author_allows_more() {
    let app = with_demo_content().await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    take_check(&app, &learner, &[]).await;
    let page = course_page(&app, &learner).await;
    assert!(
        numbers(&page["progress"]["tested_out"]).is_empty(),
        "nothing passed"
    );
    let again = post_form(
        &app,
        &learner,
        &format!("/bai-kiem-tra/{CHECK}/bat-dau"),
        &[],
    )
    .await;
    assert_eq!(again, format!("/bai-kiem-tra/{CHECK}?loi=attempt_limit"));

    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;
    let (status, body) = server_fn(
        &app,
        &author,
        "author_save_quiz",
        &[
            ("editing", CHECK),
            ("code", CHECK),
            ("title", "Kiểm tra đầu vào"),
            ("course", COURSE),
            ("placement", "true"),
            ("pass_mark", "100"),
            ("max_attempts", "2"),
            ("review", "score"),
            ("published", "true"),
            ("counts[an_toan.any]", "2"),
            ("counts[giai_quyet.any]", "2"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        course_page(&app, &learner).await["progress"]["placement_closed"],
        false
    );
    let id = start(&app, &learner, CHECK).await;
    assert_eq!(items(&app, id).await.len(), 4, "the author's new rules");
}

#[tokio::test]
async fn the_author_s_placement_rules_are_checked() {
    let app = with_demo_content().await;
    let author = signed_in(&app, "tacgia", &[(Role::Author, None)]).await;
    let save = |fields: Vec<(&'static str, &'static str)>| {
        let (app, author) = (&app, &author);
        async move {
            let mut form = vec![
                ("title", "Kiểm tra đầu vào"),
                ("pass_mark", "80"),
                ("review", "score"),
                ("placement", "true"),
            ];
            form.extend(fields);
            server_fn(app, author, "author_save_quiz", &form).await
        }
    };
    for (fields, code) in [
        (
            vec![("code", "KT-DV-1"), ("counts[an_toan.any]", "1")],
            "placement_needs_course",
        ),
        (
            vec![
                ("code", "KT-DV-2"),
                ("course", COURSE),
                ("counts[noi_dung.any]", "1"),
            ],
            "placement_rule_domain",
        ),
        (
            vec![
                ("code", "KT-DV-3"),
                ("course", COURSE),
                ("counts[any.any]", "1"),
            ],
            "placement_rule_domain",
        ),
        (
            vec![
                ("code", "KT-DV-4"),
                ("course", COURSE),
                ("counts[an_toan.any]", "1"),
            ],
            "placement_exists",
        ),
        (
            vec![
                ("code", "KT-DV-5"),
                ("course", COURSE),
                ("mastery", "true"),
                ("counts[an_toan.any]", "1"),
            ],
            "placement_not_mastery",
        ),
    ] {
        let (status, body) = save(fields).await;
        assert_eq!(status, 422, "{code}: {body}");
        assert!(body.to_string().contains(code), "{code}: {body}");
    }
    assert_eq!(count(&app, "quizzes WHERE code LIKE 'KT-DV-%'").await, 0);

    // A lesson names one of its course's domains, or none; only an author may set it.
    let lesson_id = support::scalar(
        &app,
        "SELECT CAST(l.id AS BIGINT) AS n FROM lessons l JOIN courses c ON c.id = l.course_id WHERE c.code = 'KNS-DC-01' AND l.position = 5",
    )
    .await
    .to_string();
    let (status, body) = set_domain(&app, &author, &lesson_id, "noi_dung").await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.to_string().contains("lesson_domain_not_course"),
        "{body}"
    );
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    assert_eq!(
        set_domain(&app, &learner, &lesson_id, "an_toan").await.0,
        403
    );
    assert_eq!(
        set_domain(&app, &author, &lesson_id, "an_toan").await.0,
        200
    );
    assert_eq!(
        count(
            &app,
            &format!("lessons WHERE id = {lesson_id} AND domain = 'an_toan'")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("audit_log WHERE object_kind = 'lesson' AND object_id = '{lesson_id}'")
        )
        .await,
        1
    );
}

async fn set_domain(
    app: &support::TestApp,
    client: &reqwest::Client,
    lesson_id: &str,
    domain: &str,
) -> (u16, Value) {
    let form = [("id", lesson_id), ("course", COURSE), ("domain", domain)];
    server_fn(app, client, "author_lesson_domain", &form).await
}

#[tokio::test]
async fn hr_of_the_learner_s_unit_sees_what_was_tested_out_and_no_other_hr_does() {
    let app = with_demo_content().await;
    let learner = support::learner_on_roster(&app, true).await;
    take_check(&app, &learner, &["du_lieu"]).await;
    let admin = signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    let sibling = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nSO-TC,Sở Tài chính,tinh,UBND-T\n";
    assert_eq!(
        upload(
            &app,
            &admin,
            "/api/v1/units/import",
            CSV,
            sibling.as_bytes()
        )
        .await
        .0,
        200
    );
    let own = signed_in(&app, "nhansu-nv", &[(Role::Hr, Some("SO-NV"))]).await;
    let (status, record) = server_read(&app, &own, "hr_person", &[("staff_code", "CB01")]).await;
    assert_eq!(status, 200, "{record}");
    let rows = record["tested_out"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "lesson 5 teaches data: {record}");
    assert_eq!(rows[0]["course_code"], COURSE);
    assert_eq!(rows[0]["position"], 5);
    let attempts = record["attempts"].as_array().unwrap();
    assert!(attempts.iter().any(|a| a["placement"] == true), "{record}");
    let other = signed_in(&app, "nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    let (status, body) = server_read(&app, &other, "hr_person", &[("staff_code", "CB01")]).await;
    assert_eq!(status, 404, "{body}");
    assert!(!body.to_string().contains("tested_out"));
}

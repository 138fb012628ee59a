//! Quizzes and attempts: answers saved one by one, resumed, graded on the server; the time
//! limit and the attempt limit; one submit only; no right answer in what the browser gets
//! while an attempt is open; passing writes the learner's records.
mod support;

use domain::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use service::assess::attempts::Saving;
use service::entity::{attempt, attempt_item};
use service::xapi::Recorder;
use support::quiz::{items, post_form, right_form, start, with_demo_content, wrong_form};
use support::{browser, count, get, learner_on_roster, server_fn, server_read, signed_in};

#[tokio::test]
async fn an_open_attempt_never_shows_a_right_answer() {
    let app = with_demo_content().await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let id = start(&app, &learner, "DG-LCKNS").await;
    let drawn = items(&app, id).await;
    assert_eq!(drawn.len(), 18, "three per domain");
    let mut pages = String::new();
    for (item, _, _) in &drawn {
        let page = learner
            .get(app.url(&format!("/bai-lam/{id}?cau={}", item.position)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        pages.push_str(&page);
    }
    let (status, json) =
        server_fn(&app, &learner, "assess_attempt", &[("id", &id.to_string())]).await;
    assert_eq!(status, 200, "{json}");
    let payload = json.to_string();
    for key in [
        "\"weight\"",
        "\"truth\"",
        "\"accepted\"",
        "\"feedback\"",
        "\"pairs\"",
        "\"right\"",
    ] {
        assert!(!payload.contains(key), "{key} in {payload}");
    }
    for (_, q, _) in &drawn {
        let mut secrets: Vec<String> = q
            .choices
            .iter()
            .filter_map(|c| c.feedback.clone())
            .collect();
        secrets.extend(q.feedback.clone());
        secrets.extend(q.accepted.clone());
        for s in secrets.iter().filter(|s| s.chars().count() > 3) {
            assert!(
                !pages.contains(s.as_str()) && !payload.contains(s.as_str()),
                "a key of {:?} leaked: {s}",
                q.title
            );
        }
    }
    // Someone else cannot read it at all.
    let other = signed_in(&app, "0987654321", &[(Role::Learner, None)]).await;
    assert_eq!(
        server_fn(&app, &other, "assess_attempt", &[("id", &id.to_string())])
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn answers_are_saved_one_by_one_resumed_graded_and_submitted_once() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    let id = start(&app, &learner, "DG-LCKNS").await;
    assert_eq!(
        start(&app, &learner, "DG-LCKNS").await,
        id,
        "a second start resumes the open attempt"
    );
    let drawn = items(&app, id).await;
    for (item, q, _) in &drawn {
        let mut form = right_form(item, q);
        form.push(("tiep".into(), (item.position + 1).to_string()));
        let to = post_form(&app, &learner, &format!("/bai-lam/{id}/tra-loi"), &form).await;
        assert_eq!(to, format!("/bai-lam/{id}?cau={}", item.position + 1));
    }
    // As after a dropped connection: the page shows every answer kept.
    let (_, view) = server_fn(&app, &learner, "assess_attempt", &[("id", &id.to_string())]).await;
    assert!(
        view["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| !i["answer"].is_null()),
        "{view}"
    );
    assert_eq!(view["status"], "open");

    assert_eq!(
        post_form(&app, &learner, &format!("/bai-lam/{id}/nop"), &[]).await,
        format!("/bai-lam/{id}")
    );
    let (_, done) = server_fn(&app, &learner, "assess_attempt", &[("id", &id.to_string())]).await;
    assert_eq!(done["status"], "submitted");
    assert_eq!(done["result"]["passed"], true, "{done}");
    assert_eq!(done["result"]["score"].as_f64(), Some(100.0));
    assert_eq!(done["result"]["domains"].as_array().unwrap().len(), 6);
    assert_eq!(count(&app, "assessment_results WHERE source = 'platform' AND assessment_code = 'DG-LCKNS' AND passed = TRUE").await, 1);
    let admin = signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    let (_, ind) = get(&app, &admin, "/api/v1/indicators").await;
    assert_eq!(ind["indicators"]["mastered"]["numerator"], 1, "{ind}");

    // Submitting again, or answering after, changes nothing.
    post_form(&app, &learner, &format!("/bai-lam/{id}/nop"), &[]).await;
    let wrong = wrong_form(&drawn[0].0);
    assert_eq!(
        post_form(&app, &learner, &format!("/bai-lam/{id}/tra-loi"), &wrong).await,
        format!("/bai-lam/{id}")
    );
    let (_, again) = server_fn(&app, &learner, "assess_attempt", &[("id", &id.to_string())]).await;
    assert_eq!(again["result"], done["result"]);
    assert_eq!(count(&app, "assessment_results").await, 1);
    assert_eq!(
        count(&app, "audit_log WHERE action = 'platform_mastery'").await,
        1
    );
}

#[tokio::test]
async fn a_weak_domain_fails_mastery_whatever_the_total() {
    let app = with_demo_content().await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let id = start(&app, &learner, "DG-LCKNS").await;
    for (item, q, domain) in items(&app, id).await {
        // Everything right except two of the three safety questions: 16/18 = 88.9% overall, safety 33.3%.
        let miss = domain == "an_toan" && item.position % 3 != 0;
        let form = if miss {
            wrong_form(&item)
        } else {
            right_form(&item, &q)
        };
        post_form(&app, &learner, &format!("/bai-lam/{id}/tra-loi"), &form).await;
    }
    post_form(&app, &learner, &format!("/bai-lam/{id}/nop"), &[]).await;
    let a = attempt::Entity::find_by_id(id)
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    let safety: Vec<domain::learning::grading::DomainScore> =
        serde_json::from_str(a.domain_scores.as_deref().unwrap()).unwrap();
    let s = safety
        .iter()
        .find(|d| d.domain == domain::learning::CompetenceDomain::AnToan)
        .unwrap();
    assert!(s.percent().unwrap() < 50.0, "{s:?}");
    assert!(a.score.unwrap() >= 80.0 || s.earned < s.possible, "{a:?}");
    assert_eq!(a.passed, Some(false));
    // "My skills" shows the same profile, weak domain included.
    let (status, skills) = server_read(&app, &learner, "assess_my_skills", &[]).await;
    assert_eq!(status, 200, "{skills}");
    assert_eq!(skills["passed"], false);
    assert_eq!(skills["domains"].as_array().unwrap().len(), 6);
    let page = learner
        .get(app.url("/ky-nang-cua-toi"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("An toàn") && page.contains("Chưa đạt"),
        "{page}"
    );
}

#[tokio::test]
async fn the_server_ends_an_attempt_when_its_time_is_up() {
    let app = with_demo_content().await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let id = start(&app, &learner, "DG-LCKNS").await;
    let db = app.state.db();
    let a = attempt::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let deadline = a.deadline_at.expect("a time limit");
    assert_eq!(deadline - a.started_at, 45 * 60);
    let today = service::today();
    let answer = domain::learning::grading::Answer::Choices(vec![0]);
    let saving = |position, now| Saving {
        user_id: a.user_id,
        attempt_id: id,
        position,
        now,
        today,
    };
    service::assess::attempts::save_answer(
        db,
        &Recorder::off(),
        &saving(1, deadline - 1),
        answer.clone(),
    )
    .await
    .unwrap();
    let late =
        service::assess::attempts::save_answer(db, &Recorder::off(), &saving(2, deadline), answer)
            .await;
    assert!(
        matches!(late, Err(service::Error::Conflict("attempt_time_up"))),
        "{late:?}"
    );
    let closed = attempt::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(closed.status, "timed_out");
    assert_eq!(closed.passed, Some(false));
    // The late answer was not kept.
    let second = attempt_item::Entity::find()
        .filter(attempt_item::Column::AttemptId.eq(id))
        .filter(attempt_item::Column::Position.eq(2))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.answer, None);
}

#[tokio::test]
async fn attempts_are_limited_and_two_tabs_share_one() {
    let app = with_demo_content().await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let user = service::entity::user::Entity::find()
        .filter(service::entity::user::Column::Login.eq("0912345678"))
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    let db = app.state.db();
    let (now, today, off) = (service::now(), service::today(), Recorder::off());
    let (a, b) = tokio::join!(
        service::assess::attempts::start(db, &off, user.id, "DG-LCKNS", now, today),
        service::assess::attempts::start(db, &off, user.id, "DG-LCKNS", now, today)
    );
    assert_eq!(a.unwrap(), b.unwrap());
    for _ in 0..2 {
        let id = start(&app, &learner, "DG-LCKNS").await;
        post_form(&app, &learner, &format!("/bai-lam/{id}/nop"), &[]).await;
    }
    assert_eq!(count(&app, "attempts").await, 2);
    let to = post_form(&app, &learner, "/bai-kiem-tra/DG-LCKNS/bat-dau", &[]).await;
    assert_eq!(to, "/bai-kiem-tra/DG-LCKNS?loi=attempt_limit");
    assert_eq!(count(&app, "attempts").await, 2);
    let page = learner
        .get(app.url(&to))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Bạn đã dùng hết số lần làm bài"), "{page}");
    // Signed out, starting leads to the sign-in page.
    let anonymous = browser(&app);
    assert!(
        post_form(&app, &anonymous, "/bai-kiem-tra/DG-LCKNS/bat-dau", &[])
            .await
            .starts_with("/dang-nhap?next=")
    );
}

#[tokio::test]
async fn a_course_is_complete_once_its_lessons_are_done_and_its_quiz_passed() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    let (_, course) = get(&app, &learner, "/api/v1/courses/KNS-AT-01").await;
    for n in 1..=course["lesson_count"].as_u64().unwrap() {
        let (status, _) = server_fn(
            &app,
            &learner,
            "learn_mark_done",
            &[("code", "KNS-AT-01"), ("position", &n.to_string())],
        )
        .await;
        assert_eq!(status, 200);
    }
    let (_, page) = server_read(&app, &learner, "learn_course", &[("code", "KNS-AT-01")]).await;
    assert_eq!(
        page["progress"]["completed_on"],
        serde_json::Value::Null,
        "the quiz is not passed yet"
    );
    assert_eq!(page["quiz_code"], "KNS-AT-01-KT");
    assert_eq!(count(&app, "training_records").await, 0);

    let id = start(&app, &learner, "KNS-AT-01-KT").await;
    let drawn = items(&app, id).await;
    let truths: Vec<(i32, Option<bool>)> = drawn
        .iter()
        .map(|(item, q, _)| {
            let tf = q.kind == domain::learning::question::QuestionKind::TrueFalse;
            (item.position, tf.then_some(q.truth == Some(true)))
        })
        .collect();
    for (item, q, _) in drawn {
        post_form(
            &app,
            &learner,
            &format!("/bai-lam/{id}/tra-loi"),
            &right_form(&item, &q),
        )
        .await;
    }
    post_form(&app, &learner, &format!("/bai-lam/{id}/nop"), &[]).await;
    let (_, page) = server_read(&app, &learner, "learn_course", &[("code", "KNS-AT-01")]).await;
    assert_eq!(
        page["progress"]["completed_on"],
        service::today().format("%Y-%m-%d").to_string()
    );
    assert_eq!(
        count(
            &app,
            "training_records WHERE source = 'platform' AND programme_code = 'KNS-AT-01'"
        )
        .await,
        1
    );
    // The review policy of a course quiz shows the right answers once it is closed.
    let (_, done) = server_fn(&app, &learner, "assess_attempt", &[("id", &id.to_string())]).await;
    assert_eq!(done["result"]["review"].as_array().unwrap().len(), 10);
    // A true/false question's right answer is a truth the page words in its language; the
    // others are the author's words.
    for r in done["result"]["review"].as_array().unwrap() {
        let position = r["position"].as_i64().unwrap() as i32;
        let truth = truths.iter().find(|(p, _)| *p == position).unwrap().1;
        assert_eq!(r["truth"].as_bool(), truth, "{r}");
        assert_eq!(
            r["right"].as_array().unwrap().is_empty(),
            truth.is_some(),
            "{r}"
        );
    }
    // A course quiz is not a skills assessment.
    let (_, skills) = server_read(&app, &learner, "assess_my_skills", &[]).await;
    assert_eq!(skills, serde_json::Value::Null);
}

#[tokio::test]
async fn answers_given_at_once_are_written_together_and_only_while_their_attempt_is_open() {
    use service::assess::answer_writer::Row;
    let app = with_demo_content().await;
    let first = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let second = signed_in(&app, "0987654321", &[(Role::Learner, None)]).await;
    let open = start(&app, &first, "DG-LCKNS").await;
    let closed = start(&app, &second, "DG-LCKNS").await;
    let (db, now, today) = (app.state.db(), service::now(), service::today());
    let owner = attempt::Entity::find_by_id(closed)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .user_id;
    service::assess::attempts::submit(db, &Recorder::off(), owner, closed, now, today)
        .await
        .unwrap();
    let open_items = items(&app, open).await;
    let closed_items = items(&app, closed).await;
    let row = |item: &attempt_item::Model, attempt_id: i32| Row {
        item_id: item.id,
        attempt_id,
        answer: format!("\"câu {}\"", item.position),
        at: now,
    };
    let mut rows: Vec<(Row, bool)> = open_items
        .iter()
        .map(|(item, _, _)| (row(item, open), true))
        .collect();
    // A closed attempt's item, and an item named with an attempt that is not its own.
    rows.push((row(&closed_items[0].0, closed), false));
    rows.push((row(&closed_items[1].0, open), false));
    // All given at once, so they reach the writer while it is busy and go in groups.
    let saves: Vec<_> = rows
        .iter()
        .map(|(r, _)| {
            let (writer, r) = (app.state.services.answers.clone(), r.clone());
            tokio::spawn(async move { writer.save(r).await })
        })
        .collect();
    for ((r, expected), save) in rows.iter().zip(saves) {
        assert_eq!(
            save.await.unwrap().unwrap(),
            *expected,
            "item {}",
            r.item_id
        );
    }
    for (item, _, _) in items(&app, open).await {
        assert_eq!(item.answer, Some(format!("\"câu {}\"", item.position)));
        assert_eq!(item.answered_at, Some(now));
    }
    assert!(
        items(&app, closed)
            .await
            .iter()
            .all(|(i, _, _)| i.answered_at.is_none())
    );
}

/// A form post the service refuses is answered as a page in the learner's language, never as
/// JSON: a browser sent it, and a learner reads what it says.
#[tokio::test]
async fn a_refused_form_post_answers_a_page_not_json() {
    let app = with_demo_content().await;
    let owner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    let other = signed_in(&app, "0987654321", &[(Role::Learner, None)]).await;
    let id = start(&app, &owner, "KNS-AT-01-KT").await;
    for path in [
        format!("/bai-lam/{id}/nop"),
        format!("/bai-lam/{id}/tra-loi"),
    ] {
        let res = other
            .post(app.url(&path))
            .form(&[("cau", "1"), ("chon", "0")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{path}");
        let kind = res.headers()["content-type"].to_str().unwrap().to_owned();
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
        let page = res.text().await.unwrap();
        assert!(page.contains("Không tìm thấy nội dung yêu cầu."), "{page}");
    }
    // Nothing of the owner's attempt moved.
    assert_eq!(
        count(
            &app,
            &format!("attempts WHERE id = {id} AND status = 'open'")
        )
        .await,
        1
    );
}

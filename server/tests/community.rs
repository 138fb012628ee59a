//! Community digital teams: the registry (teams by commune, members become facilitators), a
//! facilitator registering residents with their consent, enrolling them and helping them in an
//! assisted session whose records are the resident's; commune statistics.
mod support;

use domain::{Role, UnitLevel};
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use service::entity::{enrolment, lesson_completion, user};
use support::quiz::{complete_course, with_demo_content};
use support::{PASSWORD, TestApp, browser, count, get, json_of, signed_in};

async fn post(app: &TestApp, client: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    json_of(client.post(app.url(path)).json(&body).send().await.unwrap()).await
}

/// Province P with communes X-A and X-B under it; an admin; a team "Tổ số 1" in X-A whose
/// member "tovien" is signed in as its facilitator.
async fn province() -> (TestApp, reqwest::Client, reqwest::Client, i32) {
    let app = with_demo_content().await;
    app.unit("P", UnitLevel::Tinh, None).await;
    app.unit("X-A", UnitLevel::Xa, Some("P")).await;
    app.unit("X-B", UnitLevel::Xa, Some("P")).await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let (status, team) = post(
        &app,
        &admin,
        "/api/v1/teams",
        json!({"commune": "X-A", "name": " Tổ  số 1 "}),
    )
    .await;
    assert_eq!(status, 201, "{team}");
    let id = team["id"].as_i64().unwrap() as i32;
    app.account("tovien", &[(Role::Learner, None)]).await;
    let (status, body) = post(
        &app,
        &admin,
        &format!("/api/v1/teams/{id}/members"),
        json!({"login": "tovien"}),
    )
    .await;
    assert_eq!(status, 204, "{body}");
    let facilitator = browser(&app);
    assert_eq!(
        app.api_login(&facilitator, "tovien", PASSWORD)
            .await
            .status(),
        200
    );
    (app, admin, facilitator, id)
}

fn resident(login: &str, commune: &str, consent: bool) -> Value {
    json!({"full_name": "Hà Văn Lực", "login": login, "password": PASSWORD,
           "commune": commune, "consent": consent})
}

#[tokio::test]
async fn the_registry_lists_teams_by_commune_and_members_become_facilitators() {
    let (app, admin, facilitator, id) = province().await;
    let (_, me) = get(&app, &facilitator, "/api/v1/auth/me").await;
    let roles = me["user"]["roles"].as_array().unwrap();
    assert!(
        roles
            .iter()
            .any(|g| g["role"] == "facilitator" && g["unit_code"] == "X-A"),
        "{me}"
    );

    let (status, body) = post(
        &app,
        &admin,
        "/api/v1/teams",
        json!({"commune": "X-A", "name": "Tổ số 1"}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["details"][0]["code"].clone()),
        (422, json!("team_exists"))
    );
    let (status, _) = post(
        &app,
        &admin,
        "/api/v1/teams",
        json!({"commune": "P", "name": "Tổ tỉnh"}),
    )
    .await;
    assert_eq!(status, 422, "a province-level unit is not a commune");
    post(
        &app,
        &admin,
        "/api/v1/teams",
        json!({"commune": "X-B", "name": "Tổ Hòa Bình"}),
    )
    .await;

    let (status, teams) = get(&app, &admin, "/api/v1/teams").await;
    assert_eq!(status, 200);
    assert_eq!(teams.as_array().unwrap().len(), 2);
    let (_, mine) = get(&app, &facilitator, "/api/v1/teams").await;
    assert_eq!(
        mine.as_array().unwrap().len(),
        1,
        "a facilitator sees their own commune: {mine}"
    );
    assert_eq!(mine[0]["name"], "Tổ số 1");
    assert_eq!(mine[0]["commune"]["code"], "X-A");
    assert_eq!(mine[0]["members"][0]["login"], "tovien");

    // hr of X-B manages X-B's teams, not X-A's; a facilitator manages none.
    let hr_b = signed_in(&app, "hr-b", &[(Role::Hr, Some("X-B"))]).await;
    let (status, _) = post(
        &app,
        &hr_b,
        "/api/v1/teams",
        json!({"commune": "X-A", "name": "Tổ lạ"}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = post(
        &app,
        &hr_b,
        &format!("/api/v1/teams/{id}/members"),
        json!({"login": "hr-b"}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = post(
        &app,
        &facilitator,
        "/api/v1/teams",
        json!({"commune": "X-A", "name": "Tổ mới"}),
    )
    .await;
    assert_eq!(status, 403);

    // Off the team, off the role.
    assert_eq!(count(&app, "team_members").await, 1);
    let uid = user_id(&app, "tovien").await;
    let res = admin
        .delete(app.url(&format!("/api/v1/teams/{id}/members/{uid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (_, me) = get(&app, &facilitator, "/api/v1/auth/me").await;
    assert!(
        !me["user"]["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["role"] == "facilitator")
    );
    assert_eq!(count(&app, "team_members").await, 0);
}

async fn user_id(app: &TestApp, login: &str) -> i32 {
    user::Entity::find()
        .all(app.state.db())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.login == login)
        .unwrap()
        .id
}

#[tokio::test]
async fn a_facilitator_registers_a_resident_with_consent_and_enrols_them() {
    let (app, _admin, facilitator, _) = province().await;
    let (status, body) = post(
        &app,
        &facilitator,
        "/api/v1/residents",
        resident("0911000001", "X-A", false),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["details"][0]["field"], "consent");
    let (status, _) = post(
        &app,
        &facilitator,
        "/api/v1/residents",
        resident("0911000001", "X-B", true),
    )
    .await;
    assert_eq!(status, 403, "only residents of the facilitator's commune");
    let (status, body) = post(
        &app,
        &facilitator,
        "/api/v1/residents",
        resident("0911000001", "X-A", true),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let rid = body["id"].as_i64().unwrap() as i32;
    let row = user::Entity::find_by_id(rid)
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.registered_by, Some(user_id(&app, "tovien").await));
    assert!(row.consent_at.is_some());

    for _ in 0..2 {
        let (status, body) = post(
            &app,
            &facilitator,
            &format!("/api/v1/residents/{rid}/enrolments"),
            json!({"course": "KNS-DC-01"}),
        )
        .await;
        assert_eq!(status, 204, "{body}");
    }
    assert_eq!(
        enrolment::Entity::find()
            .all(app.state.db())
            .await
            .unwrap()
            .len(),
        1
    );
    let (status, list) = get(&app, &facilitator, "/api/v1/residents").await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["login"], "0911000001");
    assert_eq!(list[0]["enrolled"], json!(["KNS-DC-01"]));

    // The resident sees the course in their learning, and signs in with their own password.
    let own = browser(&app);
    assert_eq!(
        app.api_login(&own, "0911000001", PASSWORD).await.status(),
        200
    );
    let (status, mine) = support::server_read(&app, &own, "learn_mine", &[]).await;
    assert_eq!(status, 200, "{mine}");
    assert!(mine.to_string().contains("KNS-DC-01"), "{mine}");

    // A self-registered resident, or someone of another commune, is not the facilitator's.
    app.account("tu-dang-ky", &[(Role::Learner, None)]).await;
    let other = user_id(&app, "tu-dang-ky").await;
    let (status, _) = post(
        &app,
        &facilitator,
        &format!("/api/v1/residents/{other}/enrolments"),
        json!({"course": "KNS-DC-01"}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = post(
        &app,
        &facilitator,
        &format!("/api/v1/residents/{rid}/enrolments"),
        json!({"course": "KHONG-CO"}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = get(&app, &own, "/api/v1/residents").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn an_assisted_session_records_progress_as_the_residents() {
    let (app, _admin, facilitator, _) = province().await;
    let (_, body) = post(
        &app,
        &facilitator,
        "/api/v1/residents",
        resident("0911000002", "X-A", true),
    )
    .await;
    let rid = body["id"].as_i64().unwrap() as i32;

    let res = facilitator
        .post(app.url(&format!("/cong-dong/ho-tro/{rid}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/hoc-tap");
    let (_, me) = get(&app, &facilitator, "/api/v1/auth/me").await;
    assert_eq!(me["user"]["login"], "0911000002");
    assert_eq!(me["user"]["assisted_by"], "Người Thử Nghiệm");
    let (status, body) = support::server_fn(
        &app,
        &facilitator,
        "learn_mark_done",
        &[("code", "KNS-DC-01"), ("position", "1")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let done = lesson_completion::Entity::find()
        .all(app.state.db())
        .await
        .unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].user_id, rid);
    // An assisted session can neither download the resident's data nor delete the account.
    let (status, _) = post(
        &app,
        &facilitator,
        "/api/v1/me/erase",
        json!({"password": PASSWORD}),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(get(&app, &facilitator, "/api/v1/me/data").await.0, 403);

    // Ending the help ends the resident's session and gives the device no one's session: the
    // facilitator signs in again (the resident's cookie alone must not make theirs).
    let res = facilitator
        .post(app.url("/cong-dong/ket-thuc-ho-tro"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/dang-nhap?loi=assist_ended");
    let sessions: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|c| c.starts_with("hv_session="))
        .map(str::to_owned)
        .collect();
    assert!(
        sessions.iter().all(|c| c.starts_with("hv_session=;")),
        "no new session cookie: {sessions:?}"
    );
    let (status, _) = get(&app, &facilitator, "/api/v1/auth/me").await;
    assert_eq!(status, 401);
    app.api_login(&facilitator, "tovien", PASSWORD).await;
    let (_, me) = get(&app, &facilitator, "/api/v1/auth/me").await;
    assert_eq!(me["user"]["login"], "tovien");
    assert!(me["user"].get("assisted_by").is_none());

    // Staff accounts are never assisted.
    let hr = user_id(&app, "quantri").await;
    let res = facilitator
        .post(app.url(&format!("/cong-dong/ho-tro/{hr}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/cong-dong?loi=not_found");
    let (_, me) = get(&app, &facilitator, "/api/v1/auth/me").await;
    assert_eq!(me["user"]["login"], "tovien");
}

#[tokio::test]
async fn commune_statistics_count_residents_completions_teams_and_members() {
    let (app, admin, facilitator, _) = province().await;
    let a = post(
        &app,
        &facilitator,
        "/api/v1/residents",
        resident("0911000003", "X-A", true),
    )
    .await;
    assert_eq!(a.0, 201);
    for (login, commune) in [("0911000004", "X-A"), ("0911000005", "X-B")] {
        let res = browser(&app)
            .post(app.url("/api/v1/auth/register"))
            .json(&resident(login, commune, true))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let learner = browser(&app);
    app.api_login(&learner, "0911000004", PASSWORD).await;
    complete_course(&app, &learner, "KNS-DC-01").await;
    // A course for civil servants is not the basic course.
    let other = browser(&app);
    app.api_login(&other, "0911000005", PASSWORD).await;
    complete_course(&app, &other, "KNS-AT-01").await;

    let (status, stats) = get(&app, &admin, "/api/v1/communes/stats").await;
    assert_eq!(status, 200, "{stats}");
    let row = |code: &str| {
        stats["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"]["code"] == code)
            .unwrap()["figures"]
            .clone()
    };
    assert_eq!(
        row("X-A"),
        json!({"residents_registered": 2, "residents_completed_basic": 1, "teams": 1, "members": 1})
    );
    assert_eq!(
        row("X-B"),
        json!({"residents_registered": 1, "residents_completed_basic": 0, "teams": 0, "members": 0})
    );
    assert_eq!(
        stats["total"],
        json!({"residents_registered": 3, "residents_completed_basic": 1, "teams": 1, "members": 1})
    );

    let yesterday = (service::today() - chrono::Days::new(1)).to_string();
    let (_, past) = get(
        &app,
        &admin,
        &format!("/api/v1/communes/stats?as_of={yesterday}"),
    )
    .await;
    assert_eq!(past["total"]["residents_registered"], 0);
    assert_eq!(
        get(&app, &admin, "/api/v1/communes/stats?as_of=29-02-2026")
            .await
            .0,
        422
    );

    let hr_b = signed_in(&app, "hr-b", &[(Role::Hr, Some("X-B"))]).await;
    let (_, theirs) = get(&app, &hr_b, "/api/v1/communes/stats").await;
    assert_eq!(theirs["rows"].as_array().unwrap().len(), 1);
    assert_eq!(theirs["rows"][0]["unit"]["code"], "X-B");
    let (_, own) = get(&app, &facilitator, "/api/v1/communes/stats").await;
    assert_eq!(own["rows"][0]["unit"]["code"], "X-A");
    assert_eq!(get(&app, &learner, "/api/v1/communes/stats").await.0, 403);
}

/// A facilitator account (perhaps stolen) cannot register residents, or probe which logins
/// are taken, without bound: every attempt counts, as a registration from their address does.
#[tokio::test]
async fn a_facilitators_registrations_are_limited_like_any_registration() {
    let (app, _admin, facilitator, _) = province().await;
    let limit = service::access::ratelimit::REGISTRATIONS_PER_IP_PER_MINUTE;
    for i in 0..limit {
        let (status, body) = post(
            &app,
            &facilitator,
            "/api/v1/residents",
            resident(&format!("09110002{i:02}"), "X-A", i % 2 == 0),
        )
        .await;
        assert!(status == 201 || status == 422, "{status} {body}");
    }
    let users = count(&app, "users").await;
    let (status, body) = post(
        &app,
        &facilitator,
        "/api/v1/residents",
        resident("0911000299", "X-A", true),
    )
    .await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"]["code"], "registration_limited", "{body}");
    assert_eq!(count(&app, "users").await, users, "nothing written");
}

/// With several provinces a facilitator names none: the resident lives in the facilitator's
/// commune, even when the form names another province that has a commune of the same code.
#[tokio::test]
async fn a_facilitator_registers_residents_of_their_commune_among_several_provinces() {
    let (app, _admin, facilitator, _) = province().await;
    let other = app.province("QT", "Tỉnh Quảng Trị").await;
    app.commune_in(other, "X-A", "Xã A của tỉnh khác").await;
    let (status, body) = post(
        &app,
        &facilitator,
        "/api/v1/residents",
        resident("0911000002", "X-A", true),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let mut elsewhere = resident("0911000003", "X-A", true);
    elsewhere["province"] = json!("QT");
    let (status, body) = post(&app, &facilitator, "/api/v1/residents", elsewhere).await;
    assert_eq!(status, 201, "{body}");
    let in_first = support::scalar(
        &app,
        &format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM users s JOIN units u ON u.id = s.home_unit_id \
             WHERE u.code = 'X-A' AND u.province_id = {}",
            service::province::FIRST
        ),
    )
    .await;
    assert_eq!(in_first, 2, "both live in the facilitator's X-A");
}

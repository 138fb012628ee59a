//! Linking a roster member to an account (issue 17, holes 2 and 3): the person proves it with
//! the staff code plus the full personal ID number (an e-mail is no proof), attempts are limited
//! and audited, a learner sees only the last four digits; a link hr proposes shows nothing of
//! the account and counts nothing until the account's holder accepts it.
mod support;

use domain::Role;
use serde_json::{Value, json};
use support::quiz::{complete_course, with_demo_content};
use support::{CSV, TestApp, count, get, json_of, server_fn, server_read, signed_in, upload};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nUBND-T,Ủy ban nhân dân tỉnh,tinh,\nSO-NV,Sở Nội vụ,tinh,UBND-T\n";
/// CB01 has a personal ID number and an e-mail on the roster; CB02 has neither.
const ROSTER: &str = "ma_can_bo,ho_ten,so_dinh_danh,email,ma_don_vi,loai,ngay_bat_dau\n\
CB01,Nguyễn Văn An,001203004567,an@vidu.vn,SO-NV,cong_chuc,2024-01-01\n\
CB02,Trần Thị Bình,,,SO-NV,cong_chuc,2024-01-01\n";
const FULL_ID: &str = "001203004567";

async fn province(app: &TestApp) -> reqwest::Client {
    let admin = signed_in(app, "quantri", &[(Role::Admin, None)]).await;
    for (path, body) in [
        ("/api/v1/units/import", UNITS),
        ("/api/v1/roster/import", ROSTER),
    ] {
        let (status, report) = upload(app, &admin, path, CSV, body.as_bytes()).await;
        assert_eq!(status, 200, "{report}");
    }
    admin
}

async fn claim(app: &TestApp, learner: &reqwest::Client, code: &str, proof: &str) -> (u16, Value) {
    server_fn(
        app,
        learner,
        "claim_staff_record",
        &[("staff_code", code), ("proof", proof)],
    )
    .await
}

async fn linked_user(app: &TestApp, code: &str) -> i64 {
    count(
        app,
        &format!("people WHERE staff_code = '{code}' AND user_id IS NOT NULL"),
    )
    .await
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
async fn an_email_is_no_proof_and_a_wrong_code_answers_as_a_wrong_number() {
    let app = support::spawn_app().await;
    province(&app).await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;

    let (status, _) = claim(&app, &learner, "CB01", "an@vidu.vn").await;
    assert_eq!(status, 422, "the roster's e-mail proves nothing");
    assert_eq!(linked_user(&app, "CB01").await, 0);

    let wrong_number = claim(&app, &learner, "CB01", "001203004568").await;
    let wrong_code = claim(&app, &learner, "CB99", FULL_ID).await;
    let no_number = claim(&app, &learner, "CB02", FULL_ID).await;
    assert_eq!(wrong_number.0, 422);
    assert_eq!(
        wrong_number, wrong_code,
        "no hint of which staff codes exist"
    );
    assert_eq!(
        wrong_number, no_number,
        "nor of which records have no number"
    );
    let (status, _) = claim(&app, &learner, "CB01", "4567").await;
    assert_eq!(status, 422, "the last digits are not the number");

    let (status, body) = claim(&app, &learner, "CB01", " 0012 0300 4567 ").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(linked_user(&app, "CB01").await, 1);
}

#[tokio::test]
async fn claims_are_limited_per_account_and_every_attempt_is_audited() {
    let app = support::spawn_app().await;
    province(&app).await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    for n in 0..12 {
        let (status, body) = claim(&app, &learner, "CB01", &format!("00120300{n:04}")).await;
        assert!(status == 422 || status == 429, "{status} {body}");
    }
    let (status, body) = claim(&app, &learner, "CB01", FULL_ID).await;
    assert_eq!(status, 429, "even the right number waits: {body}");
    assert_eq!(linked_user(&app, "CB01").await, 0);

    let attempts = count(&app, "audit_log WHERE action LIKE 'link_claim%'").await;
    assert_eq!(attempts, 13, "every attempt is in the audit log");
    assert_eq!(
        count(
            &app,
            &format!(
                "audit_log WHERE action LIKE 'link_claim%' AND (after LIKE '%{FULL_ID}%' \
                 OR after LIKE '%00120300%')"
            ),
        )
        .await,
        0,
        "no ID number in the claims' audit entries"
    );
}

#[tokio::test]
async fn claims_are_limited_per_address_across_accounts() {
    let app = support::spawn_app().await;
    province(&app).await;
    // Six accounts from one address, nine wrong numbers each: none reaches its own limit.
    for a in 0..6 {
        let learner = signed_in(&app, &format!("09123456{a:02}"), &[(Role::Learner, None)]).await;
        for n in 0..9 {
            claim(&app, &learner, "CB01", &format!("0012030{a}{n:04}")).await;
        }
    }
    let last = signed_in(&app, "0912345699", &[(Role::Learner, None)]).await;
    let (status, body) = claim(&app, &last, "CB01", FULL_ID).await;
    assert_eq!(status, 429, "{body}");
}

#[tokio::test]
async fn a_learner_sees_only_the_last_four_digits_of_the_number() {
    let app = support::spawn_app().await;
    province(&app).await;
    let learner = signed_in(&app, "0912345678", &[(Role::Learner, None)]).await;
    assert_eq!(claim(&app, &learner, "CB01", FULL_ID).await.0, 200);

    let (status, data) = get(&app, &learner, "/api/v1/me/data").await;
    assert_eq!(status, 200);
    assert_eq!(data["staff_record"]["staff_code"], "CB01");
    assert_eq!(data["staff_record"]["personal_id"], "********4567");
    for path in [
        "/api/v1/me/data",
        "/api/v1/me/data?format=csv",
        "/api/v1/auth/me",
        "/tai-khoan",
        "/",
    ] {
        let body = learner
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!body.contains(FULL_ID), "{path} shows the full number");
    }
}

/// An account holding the roster's e-mail, with a completed course (training, attempt,
/// certificate) before any link.
async fn holder_with_a_course(app: &TestApp) -> (i32, reqwest::Client) {
    let holder = signed_in(app, "an@vidu.vn", &[(Role::Learner, None)]).await;
    complete_course(app, &holder, "KNS-CC-01").await;
    let user_id = service::entity::user::Entity::find()
        .filter(service::entity::user::Column::Login.eq("an@vidu.vn"))
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap()
        .id;
    (user_id, holder)
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn propose(app: &TestApp, hr: &reqwest::Client, code: &str, contact: &str) -> (u16, Value) {
    let res = hr
        .post(app.url(&format!("/api/v1/people/{code}/link-proposal")))
        .json(&json!({"contact": contact}))
        .send()
        .await
        .unwrap();
    json_of(res).await
}

async fn proposals(app: &TestApp, holder: &reqwest::Client) -> Vec<Value> {
    let (status, body) = get(app, holder, "/api/v1/me/link-proposals").await;
    assert_eq!(status, 200, "{body}");
    body["proposals"].as_array().cloned().unwrap_or_default()
}

async fn answer(app: &TestApp, holder: &reqwest::Client, id: i64, verb: &str) -> u16 {
    holder
        .post(app.url(&format!("/api/v1/me/link-proposals/{id}/{verb}")))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Nothing of the account in what hr reads about the person, by the page's server function and
/// by the API.
async fn hr_sees_no_account(app: &TestApp, hr: &reqwest::Client) {
    let (status, record) = server_read(app, hr, "hr_person", &[("staff_code", "CB01")]).await;
    assert_eq!(status, 200, "{record}");
    let (status, api) = get(app, hr, "/api/v1/people/CB01").await;
    assert_eq!(status, 200, "{api}");
    for r in [&record, &api] {
        assert_eq!(r["account"], Value::Null, "{r}");
        assert_eq!(r["attempts"], json!([]), "{r}");
        assert_eq!(r["certificates"], json!([]), "{r}");
        assert_eq!(r["candidates"], json!([]), "{r}");
        assert_eq!(r["trainings"], json!([]), "{r}");
        assert!(
            !r.to_string().contains("Người Thử Nghiệm"),
            "the account's name: {r}"
        );
    }
}

#[tokio::test]
async fn hr_cannot_link_an_account_straight_away() {
    let app = with_demo_content().await;
    province(&app).await;
    let (user_id, _) = holder_with_a_course(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    hr_sees_no_account(&app, &hr).await;
    server_fn(
        &app,
        &hr,
        "hr_confirm_link",
        &[("staff_code", "CB01"), ("user_id", &user_id.to_string())],
    )
    .await;
    assert_eq!(linked_user(&app, "CB01").await, 0, "only a proposal");
    hr_sees_no_account(&app, &hr).await;
}

#[tokio::test]
async fn an_hr_proposal_shows_and_counts_nothing_until_the_holder_accepts() {
    let app = with_demo_content().await;
    let admin = province(&app).await;
    let (_, holder) = holder_with_a_course(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;

    let (status, body) = propose(&app, &hr, "CB01", "an@vidu.vn").await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["status"], "proposed");
    hr_sees_no_account(&app, &hr).await;
    let (_, api) = get(&app, &hr, "/api/v1/people/CB01").await;
    assert_eq!(api["link_status"], "proposed");
    assert_eq!(trained_now(&app, &admin).await, (0, 2), "not counted yet");
    // The same answer for an address no account has: hr learns nothing of who is registered.
    let (status, other) = propose(&app, &hr, "CB02", "khong-ai@vidu.vn").await;
    assert_eq!((status, &other), (202, &body));

    // Another learner cannot answer it.
    let list = proposals(&app, &holder).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["staff_code"], "CB01");
    let id = list[0]["id"].as_i64().unwrap();
    let stranger = signed_in(&app, "0987000111", &[(Role::Learner, None)]).await;
    assert!(proposals(&app, &stranger).await.is_empty());
    assert_eq!(answer(&app, &stranger, id, "accept").await, 404);
    assert_eq!(linked_user(&app, "CB01").await, 0);

    // The holder's home page tells them.
    let home = holder
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("CB01"), "the notice names the record");

    assert_eq!(answer(&app, &holder, id, "accept").await, 204);
    assert_eq!(linked_user(&app, "CB01").await, 1);
    assert!(proposals(&app, &holder).await.is_empty());
    let (_, api) = get(&app, &hr, "/api/v1/people/CB01").await;
    assert_eq!(api["link_status"], "accepted");
    assert_eq!(api["account"]["login"], "an@vidu.vn");
    assert_eq!(api["attempts"].as_array().unwrap().len(), 1, "{api}");
    assert!(!api["certificates"].as_array().unwrap().is_empty(), "{api}");
    assert_eq!(api["trainings"][0]["source"], "platform");
    assert_eq!(trained_now(&app, &admin).await, (1, 2), "now it counts");
}

#[tokio::test]
async fn a_refused_proposal_links_nothing() {
    let app = with_demo_content().await;
    let admin = province(&app).await;
    let (_, holder) = holder_with_a_course(&app).await;
    let hr = signed_in(&app, "nhansu", &[(Role::Hr, Some("SO-NV"))]).await;
    assert_eq!(propose(&app, &hr, "CB01", "an@vidu.vn").await.0, 202);
    let id = proposals(&app, &holder).await[0]["id"].as_i64().unwrap();

    // Through the page's server function this time.
    let (status, body) = server_fn(
        &app,
        &holder,
        "answer_link_proposal",
        &[("id", &id.to_string()), ("accept", "false")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(linked_user(&app, "CB01").await, 0);
    assert!(proposals(&app, &holder).await.is_empty());
    assert_eq!(answer(&app, &holder, id, "accept").await, 404, "gone");
    hr_sees_no_account(&app, &hr).await;
    let (_, api) = get(&app, &hr, "/api/v1/people/CB01").await;
    assert_eq!(api["link_status"], "refused");
    assert_eq!(trained_now(&app, &admin).await, (0, 2));
    assert_eq!(count(&app, "training_records").await, 0);
}

#[tokio::test]
async fn hr_of_another_unit_and_anonymous_callers_cannot_propose() {
    let app = with_demo_content().await;
    province(&app).await;
    app.unit("SO-TC", domain::UnitLevel::Tinh, Some("UBND-T"))
        .await;
    let other = signed_in(&app, "nhansu-tc", &[(Role::Hr, Some("SO-TC"))]).await;
    assert_eq!(propose(&app, &other, "CB01", "an@vidu.vn").await.0, 404);
    assert_eq!(get(&app, &other, "/api/v1/people/CB01").await.0, 404);
    let anyone = support::browser(&app);
    assert_eq!(propose(&app, &anyone, "CB01", "an@vidu.vn").await.0, 401);
    assert_eq!(
        count(&app, "audit_log WHERE action LIKE 'link_propos%'").await,
        0
    );
}

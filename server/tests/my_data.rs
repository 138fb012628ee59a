//! Personal data (Decree 13/2023): a learner downloads everything kept about them (JSON, CSV)
//! and deletes their account: the personal data goes, the certificates still verify without
//! the name, and past indicators do not move.
mod support;

use domain::Role;
use sea_orm::EntityTrait;
use service::entity::{audit, certificate, user};
use support::quiz::{complete_course, with_demo_content};
use support::{PASSWORD, TestApp, browser, get, learner_on_roster, signed_in};

async fn register(app: &TestApp, login: &str) -> reqwest::Client {
    let client = browser(app);
    let res = client
        .post(app.url("/api/v1/auth/register"))
        .json(
            &serde_json::json!({"full_name": "Lò Thị Mai", "login": login,
            "password": PASSWORD, "commune": "X-TEST", "consent": true}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    client
}

async fn erase(
    app: &TestApp,
    client: &reqwest::Client,
    password: &str,
) -> (u16, serde_json::Value, Option<String>) {
    let res = client
        .post(app.url("/api/v1/me/erase"))
        .json(&serde_json::json!({"password": password}))
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_owned());
    let (status, body) = support::json_of(res).await;
    (status, body, cookie)
}

#[tokio::test]
async fn a_learner_downloads_everything_kept_about_them_as_json_and_csv() {
    let app = with_demo_content().await;
    app.commune("X-TEST").await;
    let learner = register(&app, "0987654321").await;
    complete_course(&app, &learner, "KNS-DC-01").await;

    let (status, data) = get(&app, &learner, "/api/v1/me/data").await;
    assert_eq!(status, 200, "{data}");
    assert_eq!(data["account"]["full_name"], "Lò Thị Mai");
    assert_eq!(data["account"]["phone"], "0987654321");
    assert!(data["account"]["consent_at"].is_string());
    assert!(
        data["account"]["home_unit"]
            .as_str()
            .unwrap()
            .contains("X-TEST")
    );
    let (_, course) = get(&app, &learner, "/api/v1/courses/KNS-DC-01").await;
    let lessons = data["lessons_done"].as_array().unwrap();
    assert_eq!(
        lessons.len() as u64,
        course["lesson_count"].as_u64().unwrap()
    );
    assert!(lessons.iter().all(|l| l["course_code"] == "KNS-DC-01"));
    assert_eq!(data["courses_completed"][0]["course_code"], "KNS-DC-01");
    assert_eq!(data["attempts"][0]["quiz_code"], "KNS-DC-01-KT");
    assert_eq!(data["certificates"].as_array().unwrap().len(), 1);
    assert_eq!(data["roles"][0]["role"], "learner");

    let res = learner
        .get(app.url("/api/v1/me/data?format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let csv = support::csv_text(&res.bytes().await.unwrap());
    let first = csv.lines().next().unwrap();
    assert_eq!(first, "Mục,Nội dung,Ngày,Kết quả");
    assert!(csv.contains("Họ và tên: Lò Thị Mai"), "{csv}");
    assert!(csv.contains("Khóa học hoàn thành,KNS-DC-01"), "{csv}");
    let code = data["certificates"][0]["code"].as_str().unwrap();
    assert!(csv.contains(code), "{csv}");
    // The same download in English for a reader who asks for it: the words come from the
    // app's i18n, the facts stay the same.
    let res = learner
        .get(app.url("/api/v1/me/data?format=csv"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let en = support::csv_text(&res.bytes().await.unwrap());
    assert_eq!(en.lines().next().unwrap(), "Section,What,Date,Result");
    assert!(en.contains("Full name: Lò Thị Mai"), "{en}");
    assert!(en.contains("Course completed,KNS-DC-01"), "{en}");
    assert_eq!(en.lines().count(), csv.lines().count());

    assert_eq!(
        get(&app, &learner, "/api/v1/me/data?format=xml").await.0,
        400
    );
    assert_eq!(get(&app, &browser(&app), "/api/v1/me/data").await.0, 401);
}

#[tokio::test]
async fn erasing_an_account_removes_the_person_but_keeps_certificates_and_indicators() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    let admin = signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    let (_, before) = get(&app, &admin, "/api/v1/indicators").await;
    assert_eq!(
        before["indicators"]["provincial_trained"]["numerator"], 1,
        "{before}"
    );
    let cert = certificate::Entity::find()
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();

    // A wrong password erases nothing.
    let (status, body, _) = erase(&app, &learner, "không phải mật khẩu").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["details"][0]["field"], "password");
    assert_eq!(get(&app, &learner, "/api/v1/auth/me").await.0, 200);

    let (status, _, cookie) = erase(&app, &learner, PASSWORD).await;
    assert_eq!(status, 204);
    assert!(cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(get(&app, &learner, "/api/v1/auth/me").await.0, 401);
    assert_eq!(
        app.api_login(&browser(&app), "0912345678", PASSWORD)
            .await
            .status(),
        401
    );

    let row = user::Entity::find_by_id(cert.user_id)
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.full_name, "");
    assert_eq!((row.email, row.phone), (None, None));
    assert!(row.erased_at.is_some() && row.disabled);
    assert_ne!(row.login, "0912345678");
    let about_them: Vec<audit::Model> = audit::Entity::find().all(app.state.db()).await.unwrap();
    assert!(about_them.iter().all(|a| {
        let values = format!("{:?}{:?}", a.before, a.after);
        !values.contains("0912345678")
            && !(a.object_kind == "user" && a.object_id == row.id.to_string() && a.after.is_some())
    }));

    // The certificate still verifies, without a name; the indicator has not moved.
    let (status, json) = get(
        &app,
        &browser(&app),
        &format!("/api/v1/certificates/{}", cert.code),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(json["valid"], true);
    assert_eq!(json["holder"], serde_json::Value::Null);
    let (_, after) = get(&app, &admin, "/api/v1/indicators").await;
    assert_eq!(after["indicators"], before["indicators"]);

    // The phone number is free again.
    app.commune("X-TEST").await;
    register(&app, "0912345678").await;
}

#[tokio::test]
async fn the_last_admin_cannot_erase_their_account() {
    let app = support::spawn_app().await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let (status, body, _) = erase(&app, &admin, PASSWORD).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "last_admin");
    assert_eq!(get(&app, &admin, "/api/v1/auth/me").await.0, 200);
}

#[tokio::test]
async fn the_erase_form_needs_the_box_ticked_and_signs_out() {
    let app = support::spawn_app().await;
    app.commune("X-TEST").await;
    let learner = register(&app, "0977000111").await;
    let post = |fields: Vec<(&'static str, &'static str)>| {
        learner.post(app.url("/tai-khoan/xoa")).form(&fields).send()
    };
    let res = post(vec![("password", PASSWORD)]).await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/tai-khoan?loi=confirm_required");
    let res = post(vec![("password", "sai"), ("confirm", "on")])
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/tai-khoan?loi=wrong_password");
    let res = post(vec![("password", PASSWORD), ("confirm", "on")])
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/?da-xoa-tai-khoan=1");
    assert_eq!(get(&app, &learner, "/api/v1/auth/me").await.0, 401);
}

#[tokio::test]
async fn erasing_an_account_drops_the_reminders_addressed_to_it() {
    use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};
    use service::entity::{person, reminder, reminder_recipient};
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    let db = app.state.db();
    let me = user::Entity::find()
        .filter(user::Column::Login.eq("0912345678"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut row: user::ActiveModel = me.clone().into();
    row.email = Set(Some("an.nguyen@vidu.vn".into()));
    row.update(db).await.unwrap();
    let cb01 = person::Entity::find()
        .filter(person::Column::StaffCode.eq("CB01"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    let admin = user::Entity::find()
        .filter(user::Column::Login.eq("quantri2"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let today = chrono::Utc::now().date_naive();
    // Two reminders, each queued to CB01: one at the account's address, one at another.
    for (email, key) in [("an.nguyen@vidu.vn", "mine"), ("khac@vidu.vn", "other")] {
        let later = reminder::ActiveModel {
            request_key: Set(format!("erase-test-{key}")),
            created_by: Set(admin.id),
            unit_id: Set(None),
            indicator: Set("provincial_trained".into()),
            status: Set("scheduled".into()),
            as_of: Set(today),
            course_title: Set(None),
            deadline: Set(None),
            subject: Set("Nhắc học".into()),
            body: Set("Chào {ho_ten}".into()),
            send_at: Set(i64::MAX / 2),
            created_at: Set(0),
            finished_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        reminder_recipient::ActiveModel {
            reminder_id: Set(later.id),
            person_id: Set(cb01.id),
            email: Set(email.into()),
            subject: Set("Nhắc học".into()),
            body: Set("Chào Nguyễn Văn An".into()),
            state: Set("queued".into()),
            attempts: Set(0),
            next_try_at: Set(i64::MAX / 2),
            claimed_at: Set(None),
            sent_at: Set(None),
            reply: Set(None),
            unsubscribe_token: Set(format!("t-{key}")),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }

    let (status, _, _) = erase(&app, &learner, PASSWORD).await;
    assert_eq!(status, 204);
    let left: Vec<String> = reminder_recipient::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.email)
        .collect();
    assert_eq!(
        left,
        ["khac@vidu.vn"],
        "only the account's address is forgotten"
    );
}

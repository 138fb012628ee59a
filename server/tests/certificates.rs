//! Certificates: issued once when a course is completed or a mastery assessment passed; checked
//! by anyone with the code (page and API, the code typed loosely); downloaded as a PDF by the
//! holder only; revoked by an admin, which the page and the API then say; seen by the HR of the
//! holder's unit on the person page.
mod support;

use domain::Role;
use sea_orm::EntityTrait;
use service::entity::certificate;
use support::quiz::{complete_course, pass_quiz, with_demo_content};
use support::{TestApp, browser, count, get, learner_on_roster, server_fn, server_read, signed_in};

async fn only_certificate(app: &TestApp) -> certificate::Model {
    let mut all = certificate::Entity::find()
        .all(app.state.db())
        .await
        .unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn a_completed_course_earns_one_certificate_that_anyone_can_verify() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    // Marking a lesson again, or passing the quiz again, issues nothing more.
    let again = [("code", "KNS-AT-01"), ("position", "1")];
    assert_eq!(
        server_fn(&app, &learner, "learn_mark_done", &again).await.0,
        200
    );
    pass_quiz(&app, &learner, "KNS-AT-01-KT").await;
    let cert = only_certificate(&app).await;
    assert_eq!(cert.kind, "course");
    let (_, standing) = server_read(&app, &learner, "learn_my_standing", &[]).await;
    assert_eq!(standing["trained"]["programme_code"], "KNS-AT-01");
    assert_eq!(standing["mastered"], serde_json::Value::Null);
    assert_eq!(cert.programme_code, "KNS-AT-01");
    assert_eq!(cert.issued_on, service::today());
    assert_eq!(cert.score, Some(100.0));

    // Anyone, typing the code in lower case with a space for the hyphen.
    let anonymous = browser(&app);
    let typed = cert.code.to_lowercase().replace('-', " ");
    let (status, json) = get(&app, &anonymous, &format!("/api/v1/certificates/{typed}")).await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["code"], cert.code.as_str());
    assert_eq!(json["valid"], true);
    assert_eq!(json["kind"], "course");
    assert_eq!(json["holder"], "Người Thử Nghiệm");
    assert_eq!(json["programme_code"], "KNS-AT-01");
    assert_eq!(json["revoked"], serde_json::Value::Null);
    assert!(
        json["verify_url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/xac-minh/{}", cert.code))
    );

    let (status, html) = page(&app, &anonymous, &format!("/xac-minh/{}", cert.code)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Chứng nhận hợp lệ"), "{html}");
    assert!(
        html.contains("Người Thử Nghiệm") && html.contains("<svg"),
        "holder and QR code"
    );
    assert!(!html.contains("chung-nhan/"), "no PDF link for a visitor");
    let (_, by_query) = page(&app, &anonymous, &format!("/xac-minh?ma={typed}")).await;
    assert!(by_query.contains("Chứng nhận hợp lệ"));
    let (_, english) = page(&app, &anonymous, &format!("/verify/{}", cert.code)).await;
    assert!(english.contains(cert.code.as_str()));

    // The holder lists it and downloads the PDF; nobody else can.
    let (_, mine) = server_read(&app, &learner, "cert_mine", &[]).await;
    assert_eq!(mine[0]["code"], cert.code.as_str());
    let pdf_path = format!("/chung-nhan/{}.pdf", cert.code);
    let res = learner.get(app.url(&pdf_path)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert!(
        bytes.len() < 200_000,
        "fonts are subset: {} bytes",
        bytes.len()
    );
    assert_eq!(
        anonymous
            .get(app.url(&pdf_path))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let other = signed_in(&app, "0987654321", &[(Role::Learner, None)]).await;
    assert_eq!(
        other.get(app.url(&pdf_path)).send().await.unwrap().status(),
        404
    );
    // The verification page offers the PDF to its holder only.
    let verify_path = format!("/xac-minh/{}", cert.code);
    let (_, holders) = page(&app, &learner, &verify_path).await;
    assert!(holders.contains(&pdf_path), "{holders}");
    let (_, others) = page(&app, &other, &verify_path).await;
    assert!(!others.contains("chung-nhan/"), "{others}");
}

#[tokio::test]
async fn unknown_and_malformed_codes_are_not_found() {
    let app = with_demo_content().await;
    let anonymous = browser(&app);
    for code in ["00000-00000", "ABC", "7KQ2M-XC9RU"] {
        let (status, json) = get(&app, &anonymous, &format!("/api/v1/certificates/{code}")).await;
        assert_eq!(status, 404, "{code}");
        assert_eq!(json["error"]["code"], "not_found");
        let (status, html) = page(&app, &anonymous, &format!("/xac-minh/{code}")).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("Không có chứng nhận nào mang mã này"),
            "{code}"
        );
    }
}

#[tokio::test]
async fn an_admin_revokes_a_certificate_and_the_page_says_so() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    complete_course(&app, &learner, "KNS-AT-01").await;
    let code = only_certificate(&app).await.code;
    let path = format!("/api/v1/certificates/{code}/revoke");
    let reason = serde_json::json!({"reason": "Cấp nhầm người"});

    let res = learner
        .post(app.url(&path))
        .json(&reason)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        403,
        "a learner cannot revoke, not even their own"
    );
    let admin = signed_in(&app, "quantri2", &[(Role::Admin, None)]).await;
    let empty = serde_json::json!({"reason": "  "});
    let res = admin
        .post(app.url(&path))
        .json(&empty)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a reason is required");

    let res = admin
        .post(app.url(&path))
        .json(&reason)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["revoked"]["reason"], "Cấp nhầm người");
    let res = admin
        .post(app.url(&path))
        .json(&reason)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "revoked once");

    let anonymous = browser(&app);
    let (_, json) = get(&app, &anonymous, &format!("/api/v1/certificates/{code}")).await;
    assert_eq!(json["valid"], false);
    let (_, html) = page(&app, &anonymous, &format!("/xac-minh/{code}")).await;
    assert!(html.contains("Chứng nhận này đã bị thu hồi") && html.contains("Cấp nhầm người"));
    assert!(!html.contains("Chứng nhận hợp lệ"));
    assert_eq!(
        count(
            &app,
            "audit_log WHERE object_kind = 'certificate' AND action = 'revoke'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_passed_mastery_assessment_earns_a_certificate_hr_can_see() {
    let app = with_demo_content().await;
    let learner = learner_on_roster(&app, true).await;
    pass_quiz(&app, &learner, "DG-LCKNS").await;
    let cert = only_certificate(&app).await;
    assert_eq!(cert.kind, "mastery");
    assert_eq!(cert.programme_code, "DG-LCKNS");

    // The learner reads their standing: mastered today, by this assessment; not trained.
    let (_, standing) = server_read(&app, &learner, "learn_my_standing", &[]).await;
    assert_eq!(standing["mastered"]["programme_code"], "DG-LCKNS");
    assert_eq!(standing["mastered"]["on"], service::today().to_string());
    assert_eq!(standing["mastered"]["source"], "platform");
    assert_eq!(standing["trained"], serde_json::Value::Null);

    let hr = signed_in(&app, "tccb", &[(Role::Hr, Some("SO-NV"))]).await;
    let (status, person) = server_read(&app, &hr, "hr_person", &[("staff_code", "CB01")]).await;
    assert_eq!(status, 200, "{person}");
    assert_eq!(person["certificates"][0]["code"], cert.code.as_str());
    let attempts = person["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0]["quiz_code"], "DG-LCKNS");
    assert_eq!(attempts[0]["passed"], true);
    assert!(
        !person.to_string().contains("\"answer\""),
        "no answers for hr"
    );
}

//! Provinces as tenants: the scope matrix's province axis. Two provinces, TINH (the first one,
//! which every database starts with) and QT, both with a unit `SO-A` and a roster member
//! `CB-001`; the admin of each province, an hr officer of TINH's `SO-A` and a token of each
//! province reach their own province and nothing of the other, by any route. The national
//! admin reads both side by side and must name the province of an import.
mod support;

use serde_json::{Value, json};
use support::nation::{import, nation, roster};
use support::{bearer, browser, csv_text, download, fingerprint, get, json_of, scalar};

fn denominator(body: &Value) -> &Value {
    &body["indicators"]["provincial_trained"]["denominator"]
}

#[tokio::test]
async fn the_same_codes_live_apart_in_two_provinces() {
    let n = nation().await;
    let app = &n.app;
    assert_eq!(
        scalar(
            app,
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM units WHERE code = 'SO-A'"
        )
        .await,
        2
    );
    assert_eq!(
        scalar(
            app,
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM people WHERE staff_code = 'CB-001'"
        )
        .await,
        2
    );
    for (who, name) in [
        (&n.tinh, "Nguyễn Văn Tỉnh"),
        (&n.hr, "Nguyễn Văn Tỉnh"),
        (&n.qt, "Trần Thị Quảng"),
    ] {
        let (status, body) = get(app, who, "/api/v1/people/CB-001").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["full_name"], name,
            "each reads their own province's CB-001"
        );
    }
    let (status, body) = get(app, &n.national, "/api/v1/people/CB-001").await;
    assert_eq!(
        status, 422,
        "the national admin's code names two people: {body}"
    );
}

#[tokio::test]
async fn a_province_admin_reads_their_province_only() {
    let n = nation().await;
    let app = &n.app;
    for who in [&n.tinh, &n.qt, &n.hr] {
        let (status, body) = get(app, who, "/api/v1/indicators").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(denominator(&body), 1, "one province's people: {body}");
        let (_, body) = get(app, who, "/api/v1/units").await;
        let units = body["units"].as_array().unwrap();
        let provinces: Vec<&Value> = units.iter().map(|u| &u["province"]).collect();
        assert!(provinces.windows(2).all(|w| w[0] == w[1]), "{body}");
    }
    let (_, body) = get(app, &n.qt, "/api/v1/units").await;
    assert_eq!(body["units"].as_array().unwrap().len(), 3);
    let (status, _) = get(app, &n.tinh, "/api/v1/indicators?unit=SO-Q").await;
    assert_eq!(status, 404, "QT's unit is not in TINH");
    assert_eq!(body["units"][0]["province"], "QT");
    let (_, body) = get(app, &n.national, "/api/v1/indicators").await;
    assert_eq!(
        denominator(&body),
        2,
        "the nation sums the provinces: {body}"
    );
    let (status, body) = get(app, &n.national, "/api/v1/indicators/by-province").await;
    assert_eq!(status, 200, "{body}");
    let rows = body["rows"].as_array().unwrap();
    let codes: Vec<&Value> = rows.iter().map(|r| &r["province"]["code"]).collect();
    assert_eq!(codes, [&json!("QT"), &json!("TINH")]);
    assert!(rows.iter().all(|r| denominator(r) == 1), "{body}");
    let (_, body) = get(app, &n.qt, "/api/v1/indicators/by-province").await;
    assert_eq!(
        body["rows"].as_array().unwrap().len(),
        1,
        "a province admin's own row"
    );
    let (status, _) = get(app, &n.hr, "/api/v1/indicators/by-province").await;
    assert_eq!(status, 403, "the national table is no hr officer's");
    let (_, body) = get(app, &n.qt, "/api/v1/provinces").await;
    assert_eq!(body, json!([{"code": "QT", "name": "Tỉnh Quảng Trị"}]));
    // The drill-down and the exports hold the province's people only.
    let (_, body) = get(app, &n.qt, "/api/v1/people").await;
    let names: Vec<&Value> = body["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["full_name"])
        .collect();
    assert_eq!(names, [&json!("Trần Thị Quảng")], "{body}");
    let (status, _, bytes) = download(app, &n.tinh, "/api/v1/roster/export").await;
    assert_eq!(status, 200);
    let text = csv_text(&bytes);
    assert!(
        text.contains("Nguyễn Văn Tỉnh") && !text.contains("Trần Thị Quảng"),
        "{text}"
    );
    let (_, _, bytes) = download(app, &n.national, "/api/v1/roster/export").await;
    let text = csv_text(&bytes);
    assert!(
        text.contains("Nguyễn Văn Tỉnh") && text.contains("Trần Thị Quảng"),
        "{text}"
    );
}

#[tokio::test]
async fn a_province_admin_writes_nothing_into_another_province() {
    let n = nation().await;
    let app = &n.app;
    let before = fingerprint(app).await;
    let (status, _) = import(
        app,
        &n.qt,
        "/api/v1/roster/import?province=TINH",
        &roster("X", "SO-A"),
    )
    .await;
    assert_eq!(status, 404, "another province is not there for them");
    let res =
        n.qt.post(app.url("/api/v1/provinces"))
            .json(&json!({"code": "HN", "name": "Hà Nội"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 403, "provinces are the national admin's");
    let res =
        n.qt.post(app.url("/api/v1/provinces/TINH/admins"))
            .json(&json!({"login": "qt-admin"}))
            .send()
            .await
            .unwrap();
    assert_eq!(res.status(), 403);
    let (status, body) = json_of(
        n.national
            .post(app.url("/api/v1/provinces/TINH/admins"))
            .json(&json!({"login": "qt-admin"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "one province per province admin: {body}");
    assert_eq!(body["error"]["code"], "already_province_admin");
    assert_eq!(fingerprint(app).await, before, "a refusal writes nothing");
    // The same file from QT's admin lands in QT: TINH's CB-001 keeps its name.
    let (status, body) = import(
        app,
        &n.qt,
        "/api/v1/roster/import",
        &roster("Lê Văn Mới", "SO-A"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = get(app, &n.tinh, "/api/v1/people/CB-001").await;
    assert_eq!(body["full_name"], "Nguyễn Văn Tỉnh");
    // Units the province does not hold are unknown in its files, though another has them.
    for who in [&n.hr, &n.tinh] {
        let (status, body) = import(app, who, "/api/v1/roster/import", &roster("Y", "SO-Q")).await;
        assert_eq!(status, 422, "{body}");
    }
}

#[tokio::test]
async fn a_provinces_token_is_bounded_by_it() {
    let n = nation().await;
    let app = &n.app;
    let (status, body) = json_of(
        n.qt.post(app.url("/api/v1/tokens"))
            .json(&json!({"name": "Báo cáo QT"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (qt_token_id, token) = (
        body["id"].as_i64().unwrap(),
        body["token"].as_str().unwrap().to_owned(),
    );
    let program = bearer(&token);
    let (status, body) = get(app, &program, "/api/v1/indicators").await;
    assert_eq!((status, denominator(&body)), (200, &json!(1)), "{body}");
    let (_, body) = get(app, &program, "/api/v1/people/CB-001").await;
    assert_eq!(body["full_name"], "Trần Thị Quảng");
    let (_, listed) = get(app, &n.tinh, "/api/v1/tokens").await;
    assert_eq!(listed, json!([]), "TINH's admin does not see QT's tokens");
    let res = n
        .tinh
        .delete(app.url(&format!("/api/v1/tokens/{qt_token_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "nor revokes them");
    let (status, _) = get(app, &program, "/api/v1/indicators").await;
    assert_eq!(status, 200, "the token still works");
    let (_, listed) = get(app, &n.national, "/api/v1/tokens").await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "the national admin sees every token"
    );
    let anonymous = browser(app);
    let (status, _) = get(app, &anonymous, "/api/v1/provinces").await;
    assert_eq!(status, 401);
}

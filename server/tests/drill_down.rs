//! The API a ministry's systems read: the unit tree, the indicators at each month end of a
//! period, and the people behind a figure. Each agrees with the figures the rest of the API
//! (and the dashboard) gives, on the demo province.
mod support;

use serde_json::Value;
use support::{TestApp, browser, get, spawn_app};

/// The demo province and its admin, signed in.
async fn demo() -> (TestApp, reqwest::Client) {
    let app = spawn_app().await;
    service::demo::seed(app.state.db(), &app.state.services.passwords)
        .await
        .expect("demo data");
    let admin = browser(&app);
    let res = app
        .api_login(&admin, "admin", service::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(res.status(), 200);
    (app, admin)
}

fn ratio(v: &Value) -> (u64, u64) {
    (
        v["numerator"].as_u64().unwrap(),
        v["denominator"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn the_unit_tree_lists_each_unit_after_its_parent() {
    let (app, admin) = demo().await;
    let (status, body) = get(&app, &admin, "/api/v1/units").await;
    assert_eq!(status, 200, "{body}");
    let units = body["units"].as_array().unwrap();
    assert!(units.len() >= 3, "{body}");
    let mut seen: Vec<&str> = Vec::new();
    for u in units {
        assert!(matches!(u["level"].as_str(), Some("tinh" | "xa")), "{u}");
        if let Some(parent) = u["parent"].as_str() {
            assert!(seen.contains(&parent), "{u} comes before its parent");
        }
        seen.push(u["code"].as_str().unwrap());
    }
    assert!(units.iter().any(|u| u["parent"].is_null()), "a top unit");
    assert!(units.iter().any(|u| u["level"] == "xa"), "a commune");
    let (status, _) = get(&app, &browser(&app), "/api/v1/units").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_trend_point_is_the_indicators_of_its_day() {
    let (app, admin) = demo().await;
    let (status, trend) = get(
        &app,
        &admin,
        "/api/v1/indicators/trend?from=2026-01-15&to=2026-04-10",
    )
    .await;
    assert_eq!(status, 200, "{trend}");
    let points = trend["points"].as_array().unwrap();
    let days: Vec<&str> = points
        .iter()
        .map(|p| p["as_of"].as_str().unwrap())
        .collect();
    assert_eq!(
        days,
        ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-10"]
    );
    for p in points {
        let day = p["as_of"].as_str().unwrap();
        let (_, one) = get(&app, &admin, &format!("/api/v1/indicators?as_of={day}")).await;
        assert_eq!(p["indicators"], one["indicators"], "{day}");
    }
    // The dashboard's default: twelve month ends up to today.
    let (_, year) = get(&app, &admin, "/api/v1/indicators/trend").await;
    assert_eq!(year["points"].as_array().unwrap().len(), 12, "{year}");
    for backwards_or_too_long in [
        "/api/v1/indicators/trend?from=2026-05-01&to=2026-04-10",
        "/api/v1/indicators/trend?from=2000-01-01&to=2026-04-10",
    ] {
        let (status, body) = get(&app, &admin, backwards_or_too_long).await;
        assert_eq!(status, 422, "{backwards_or_too_long}: {body}");
        assert_eq!(
            body["error"]["details"][0]["code"], "invalid_period",
            "{body}"
        );
    }
    let (status, body) = get(&app, &admin, "/api/v1/indicators/trend?from=15/01/2026").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_date", "{body}");
}

#[tokio::test]
async fn the_people_behind_a_figure_are_as_many_as_it_counts() {
    let (app, admin) = demo().await;
    let as_of = "2026-06-30";
    let (_, figures) = get(&app, &admin, &format!("/api/v1/indicators?as_of={as_of}")).await;
    for (key, achieved, missing) in [
        ("provincial_trained", "trained", "not_trained"),
        ("commune_trained", "trained", "not_trained"),
        ("mastered", "mastered", "not_mastered"),
    ] {
        let (numerator, denominator) = ratio(&figures["indicators"][key]);
        let total = |status: &'static str| {
            let (app, admin) = (&app, &admin);
            async move {
                let path = format!("/api/v1/people?as_of={as_of}&indicator={key}&status={status}");
                let (code, body) = get(app, admin, &path).await;
                assert_eq!(code, 200, "{path}: {body}");
                assert!(
                    body["people"].as_array().unwrap().len() as u64
                        <= body["page_size"].as_u64().unwrap()
                );
                body["total"].as_u64().unwrap()
            }
        };
        assert_eq!(total(achieved).await, numerator, "{key} {achieved}");
        assert_eq!(
            total(missing).await,
            denominator - numerator,
            "{key} {missing}"
        );
    }
    let (status, body) = get(&app, &admin, "/api/v1/people?indicator=everyone").await;
    assert_eq!(
        status, 400,
        "an unknown indicator is refused, not ignored: {body}"
    );
}

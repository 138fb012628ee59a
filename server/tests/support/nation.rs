//! Two provinces for the province axis: TINH (the first one, which every database starts
//! with) and QT, both with units `SO-A`, `XA-A` and a roster member `CB-001` (named apart), QT
//! also with `SO-Q`; the admin of each province and an hr officer of TINH's `SO-A`, signed in.
use domain::Role;
use serde_json::{Value, json};

use super::{CSV, TestApp, json_of, sign_in, signed_in, spawn_app, upload};

pub const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nSO-A,Sở A,tinh,\nXA-A,Xã A,xa,\n";
/// A unit QT alone has.
pub const QT_ONLY: &str = "SO-Q,Sở Q,tinh,\n";

pub fn roster(name: &str, unit: &str) -> String {
    format!(
        "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB-001,{name},{unit},cong_chuc,2025-07-01\n"
    )
}

pub struct Nation {
    pub app: TestApp,
    pub national: reqwest::Client,
    /// The admin of TINH, and of QT.
    pub tinh: reqwest::Client,
    pub qt: reqwest::Client,
    /// hr of TINH's SO-A.
    pub hr: reqwest::Client,
}

pub async fn import(app: &TestApp, who: &reqwest::Client, path: &str, body: &str) -> (u16, Value) {
    upload(app, who, path, CSV, body.as_bytes()).await
}

/// TINH and QT, each with SO-A, XA-A and CB-001 (named apart), put in place by the national
/// admin through the API.
pub async fn nation() -> Nation {
    nation_in(spawn_app().await).await
}

/// The same on an app started otherwise (with SMTP configured, say).
pub async fn nation_in(app: TestApp) -> Nation {
    let national = signed_in(&app, "quoc-gia", &[(Role::Admin, None)]).await;
    let (status, body) = json_of(
        national
            .post(app.url("/api/v1/provinces"))
            .json(&json!({"code": "qt", "name": "Tỉnh Quảng Trị"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, &body["code"]), (201, &json!("QT")), "{body}");
    let (status, body) = import(&app, &national, "/api/v1/units/import", UNITS).await;
    assert_eq!(
        status, 422,
        "with two provinces the national admin names one: {body}"
    );
    assert_eq!(body["errors"][0]["code"], "province_required");
    for (province, name) in [("TINH", "Nguyễn Văn Tỉnh"), ("QT", "Trần Thị Quảng")] {
        let q = format!("?province={province}");
        let units = match province {
            "QT" => format!("{UNITS}{QT_ONLY}"),
            _ => UNITS.to_owned(),
        };
        let (status, body) =
            import(&app, &national, &format!("/api/v1/units/import{q}"), &units).await;
        assert_eq!(status, 200, "{province}: {body}");
        let (status, body) = import(
            &app,
            &national,
            &format!("/api/v1/roster/import{q}"),
            &roster(name, "SO-A"),
        )
        .await;
        assert_eq!(status, 200, "{province}: {body}");
        if province == "TINH" {
            // Granted while SO-A is TINH's alone: the users page names units by code.
            app.account("hr-so-a", &[(Role::Hr, Some("SO-A"))]).await;
        }
    }
    app.account("tinh-admin", &[]).await;
    app.account("qt-admin", &[]).await;
    for (login, province) in [("tinh-admin", "TINH"), ("qt-admin", "QT")] {
        let res = national
            .post(app.url(&format!("/api/v1/provinces/{province}/admins")))
            .json(&json!({"login": login}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204, "{login}");
    }
    let tinh = sign_in(&app, "tinh-admin").await;
    let qt = sign_in(&app, "qt-admin").await;
    let hr = sign_in(&app, "hr-so-a").await;
    Nation {
        app,
        national,
        tinh,
        qt,
        hr,
    }
}

/// Two provinces for registering: the first (TINH) with X-01 "Xã Thử Nghiệm", and BS with
/// "Phường Sông Cầu" (B-SC) and "Xã Đồng Tiến" (B-DT).
pub async fn two_provinces() -> TestApp {
    let app = spawn_app().await;
    app.commune("X-01").await;
    let bs = app.province("BS", "Tỉnh Bình Sơn").await;
    app.commune_in(bs, "B-SC", "Phường Sông Cầu").await;
    app.commune_in(bs, "B-DT", "Xã Đồng Tiến").await;
    app
}

//! The log (ASVS V16.3, V16.4): sign-ins, claims and refused requests are logged as security
//! events, and nothing personal ever is: no login, password, name, personal ID number,
//! e-mail, phone or query string, whatever the requests carried.
mod support;

use domain::Role;
use support::log::Captured;
use support::{CSV, get, server_fn, signed_in, upload};
use support::{PASSWORD, browser};

const UNITS: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nUBND-T,Ủy ban nhân dân tỉnh,tinh,\n";
const ROSTER: &str = "ma_can_bo,ho_ten,so_dinh_danh,email,so_dien_thoai,ma_don_vi,loai,ngay_bat_dau\n\
CB77,Lê Thị Kín Đáo,079203001234,kindao@vidu.vn,0987654321,UBND-T,cong_chuc,2024-01-01\n";
const LEARNER_LOGIN: &str = "0912345678";
const WRONG_PASSWORD: &str = "đoán bừa mật khẩu 99";
const WRONG_ID: &str = "079203009999";
const PERSONAL: [&str; 9] = [
    "Kín Đáo",
    "079203001234",
    "kindao@vidu.vn",
    "0987654321",
    LEARNER_LOGIN,
    PASSWORD,
    WRONG_PASSWORD,
    WRONG_ID,
    "hv_session",
];

#[tokio::test]
async fn security_events_are_logged_and_nothing_personal_is() {
    let log = Captured::start();
    let app = support::spawn_app().await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    for (path, body) in [
        ("/api/v1/units/import", UNITS),
        ("/api/v1/roster/import", ROSTER),
    ] {
        let (status, report) = upload(&app, &admin, path, CSV, body.as_bytes()).await;
        assert_eq!(status, 200, "{report}");
    }
    let (status, found) = get(&app, &admin, "/api/v1/people/CB77").await;
    assert_eq!(status, 200, "{found}");
    let (status, _) = get(&app, &admin, "/don-vi/nhan-su?tim=K%C3%ADn%20%C4%90%C3%A1o").await;
    assert!(status < 500);

    let learner_id = app.account(LEARNER_LOGIN, &[(Role::Learner, None)]).await;
    let learner = browser(&app);
    assert_eq!(
        app.api_login(&learner, LEARNER_LOGIN, WRONG_PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.api_login(&learner, LEARNER_LOGIN, PASSWORD)
            .await
            .status(),
        200
    );
    let (status, body) = server_fn(
        &app,
        &learner,
        "claim_staff_record",
        &[("staff_code", "CB77"), ("proof", WRONG_ID)],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = get(&app, &learner, "/api/v1/roster/export").await;
    assert_eq!(status, 403, "{body}");

    let text = log.text();
    let events = |event: &str| -> Vec<&str> {
        text.lines()
            .filter(|l| l.contains(&format!("event=\"{event}\"")))
            .collect()
    };
    let user = format!("user=Some({learner_id})");
    let sign_ins = events("sign_in");
    assert!(
        sign_ins
            .iter()
            .any(|l| l.contains("outcome=\"failed\"") && l.contains(&user)),
        "{text}"
    );
    assert!(
        sign_ins
            .iter()
            .any(|l| l.contains("outcome=\"ok\"") && l.contains(&user)),
        "{text}"
    );
    assert!(
        events("claim")
            .iter()
            .any(|l| l.contains("link_claim_failed")),
        "{text}"
    );
    assert!(
        events("refused").iter().any(|l| l.contains("status=403")
            && l.contains("/api/v1/roster/export")
            && l.contains(&user)),
        "{text}"
    );
    for value in PERSONAL {
        assert!(!text.contains(value), "the log holds {value:?}:\n{text}");
    }
}

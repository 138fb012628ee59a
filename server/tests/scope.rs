//! The scope matrix: for every route that touches people, records, indicators, exports, imports,
//! tokens or accounts, who may and who may not. Units: A (with a child A1) and its sibling B.
//! The hr officer of A (and a token for A) may work on A's subtree; the officer of B (and a
//! token for B) is refused with nothing written; a learner and the anonymous are refused
//! everywhere. A new route is one more line in [`cases`].
mod common;
mod support;

use common::{TestApp, browser, spawn_app};
use domain::Role;
use serde_json::Value;
use support::{CSV, bearer, fingerprint, issue_token, json_of, signed_in, upload};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Learner,
    HrB,
    TokenB,
    HrA,
    TokenA,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::Learner,
    Who::HrB,
    Who::TokenB,
    Who::HrA,
    Who::TokenA,
];
/// Who may work on A's subtree (the admin aside).
const A_SIDE: &[Who] = &[Who::HrA, Who::TokenA];
/// The admin's alone.
const NOBODY: &[Who] = &[];

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Delete,
}

#[derive(Clone, Copy)]
enum Body {
    None,
    Csv(&'static str),
    Json(&'static str),
    Form(&'static [(&'static str, &'static str)]),
}

/// One route: how to call it (`{token}` and `{user}` are filled in with real ids), and who may.
struct Case {
    method: Method,
    path: &'static str,
    body: Body,
    allowed: &'static [Who],
}

const fn case(method: Method, path: &'static str, body: Body, allowed: &'static [Who]) -> Case {
    Case {
        method,
        path,
        body,
        allowed,
    }
}

const ROSTER_IN_A: &str =
    "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB-A2,Phạm Văn Mới,A,cong_chuc,2025-03-01\n";
const ROSTER_IN_A1: &str =
    "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB-A3,Đỗ Thị Con,A1,vien_chuc,2025-03-01\n";
const TRAINING_IN_A: &str =
    "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB-A,KNS-02,2025-04-01,truc_tiep\n";
const RESULT_IN_A: &str = "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nCB-A,DG-02,2025-04-02,90,1\n";
const PEOPLE_OF_A: &[(&str, &str)] = &[
    ("query[unit]", "A"),
    ("query[as_of]", ""),
    ("query[search]", ""),
    ("query[kind]", ""),
    ("query[status]", ""),
    ("query[indicator]", ""),
    ("query[page]", "1"),
];
const TRAINING_BY_HAND: &[(&str, &str)] = &[
    ("staff_code", "CB-A"),
    ("programme_code", "TT-01"),
    ("completed_on", "2025-05-01"),
    ("mode", "truc_tiep"),
    ("evidence", "QĐ 1"),
];
const RESULT_BY_HAND: &[(&str, &str)] = &[
    ("staff_code", "CB-A"),
    ("assessment_code", "DG-TT"),
    ("taken_on", "2025-05-02"),
    ("score", "88"),
    ("passed", "true"),
    ("evidence", "Biên bản"),
];
const UNITS_UNDER_A: &str = "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nA2,Phòng mới,tinh,A\n";

fn cases() -> Vec<Case> {
    use Method::*;
    vec![
        // Imports with a row placing someone in A's subtree.
        case(
            Post,
            "/api/v1/roster/import",
            Body::Csv(ROSTER_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/roster/import",
            Body::Csv(ROSTER_IN_A1),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/roster/import?dry_run=true",
            Body::Csv(ROSTER_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/training-records/import",
            Body::Csv(TRAINING_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/assessment-results/import",
            Body::Csv(RESULT_IN_A),
            A_SIDE,
        ),
        case(
            Post,
            "/api/v1/units/import",
            Body::Csv(UNITS_UNDER_A),
            NOBODY,
        ),
        // Indicators.
        case(Get, "/api/v1/indicators?unit=A", Body::None, A_SIDE),
        case(Get, "/api/v1/indicators?unit=A1", Body::None, A_SIDE),
        case(Get, "/api/v1/indicators/by-unit?unit=A", Body::None, A_SIDE),
        // Exports.
        case(Get, "/api/v1/roster/export?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/api/v1/roster/export?unit=A1&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/training-records/export?unit=A",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/training-records/export?unit=A&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/assessment-results/export?unit=A",
            Body::None,
            A_SIDE,
        ),
        case(
            Get,
            "/api/v1/assessment-results/export?unit=A&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        case(Get, "/api/v1/indicators/export?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/api/v1/indicators/export?unit=A&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        // Tokens.
        case(
            Post,
            "/api/v1/tokens",
            Body::Json(r#"{"name": "x", "unit": "A"}"#),
            NOBODY,
        ),
        case(Get, "/api/v1/tokens", Body::None, NOBODY),
        case(Delete, "/api/v1/tokens/{token}", Body::None, NOBODY),
        case(Post, "/_sf/list_tokens", Body::Form(&[]), NOBODY),
        case(
            Post,
            "/_sf/issue_token",
            Body::Form(&[("name", "x"), ("unit_code", "A")]),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/revoke_token",
            Body::Form(&[("id", "{token}")]),
            NOBODY,
        ),
        case(Post, "/_sf/token_units", Body::Form(&[]), NOBODY),
        // The HR area's server functions and files.
        case(
            Post,
            "/_sf/hr_dashboard",
            Body::Form(&[("unit", "A"), ("as_of", "")]),
            A_SIDE,
        ),
        case(Post, "/_sf/hr_people", Body::Form(PEOPLE_OF_A), A_SIDE),
        case(
            Post,
            "/_sf/hr_person",
            Body::Form(&[("staff_code", "CB-A")]),
            A_SIDE,
        ),
        case(
            Post,
            "/_sf/hr_add_training",
            Body::Form(TRAINING_BY_HAND),
            A_SIDE,
        ),
        case(
            Post,
            "/_sf/hr_add_assessment",
            Body::Form(RESULT_BY_HAND),
            A_SIDE,
        ),
        case(
            Post,
            "/_sf/hr_unlink",
            Body::Form(&[("staff_code", "CB-A")]),
            A_SIDE,
        ),
        case(Get, "/don-vi/nhan-su/xuat?unit=A", Body::None, A_SIDE),
        case(
            Get,
            "/don-vi/nhan-su/xuat?unit=A1&format=xlsx",
            Body::None,
            A_SIDE,
        ),
        // Accounts and the audit log.
        case(
            Post,
            "/_sf/list_users",
            Body::Form(&[("query", "")]),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/grant_role",
            Body::Form(&[("user_id", "{user}"), ("role", "hr"), ("unit_code", "A")]),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/revoke_role",
            Body::Form(&[
                ("user_id", "{user}"),
                ("role", "learner"),
                ("unit_code", ""),
            ]),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/set_disabled",
            Body::Form(&[("user_id", "{user}"), ("disabled", "true")]),
            NOBODY,
        ),
        case(
            Post,
            "/_sf/list_audit",
            Body::Form(&[("filter[page]", "1")]),
            NOBODY,
        ),
    ]
}

/// The actors, the ids the paths need, and A's staff code in the data.
struct World {
    app: TestApp,
    clients: Vec<(Who, reqwest::Client)>,
    token_id: i64,
    learner_id: i32,
}

async fn world() -> World {
    let app = spawn_app().await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let setup: [(&str, &str); 4] = [
        (
            "/api/v1/units/import",
            "ma_don_vi,ten_don_vi,cap,ma_don_vi_cha\nA,Sở A,tinh,\nA1,Phòng A1,tinh,A\nB,Sở B,tinh,\n",
        ),
        (
            "/api/v1/roster/import",
            "ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nCB-A,Nguyễn Văn A,A1,cong_chuc,2025-01-01\nCB-B,Trần Thị B,B,cong_chuc,2025-01-01\n",
        ),
        (
            "/api/v1/training-records/import",
            "ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc\nCB-A,KNS-01,2025-02-01,truc_tuyen\nCB-B,KNS-01,2025-02-01,truc_tuyen\n",
        ),
        (
            "/api/v1/assessment-results/import",
            "ma_can_bo,ma_bai_danh_gia,ngay,diem,dat\nCB-A,DG-01,2025-02-02,85,1\nCB-B,DG-01,2025-02-02,85,1\n",
        ),
    ];
    for (path, file) in setup {
        let (status, body) = upload(&app, &admin, path, CSV, file.as_bytes()).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
    let (token_id, token_a) = issue_token(&app, &admin, "A", Some("A")).await;
    let (_, token_b) = issue_token(&app, &admin, "B", Some("B")).await;
    let learner_id = app.account("hocvien", &[(Role::Learner, None)]).await;
    let clients = vec![
        (Who::Anonymous, browser(&app)),
        (
            Who::Learner,
            signed_in(&app, "hocvien", &[(Role::Learner, None)]).await,
        ),
        (
            Who::HrB,
            signed_in(&app, "nhansu-b", &[(Role::Hr, Some("B"))]).await,
        ),
        (Who::TokenB, bearer(&token_b)),
        (
            Who::HrA,
            signed_in(&app, "nhansu-a", &[(Role::Hr, Some("A"))]).await,
        ),
        (Who::TokenA, bearer(&token_a)),
    ];
    World {
        app,
        clients,
        token_id,
        learner_id,
    }
}

impl World {
    fn fill(&self, text: &str) -> String {
        text.replace("{token}", &self.token_id.to_string())
            .replace("{user}", &self.learner_id.to_string())
    }

    async fn call(&self, client: &reqwest::Client, c: &Case) -> (u16, Value) {
        let url = self.app.url(&self.fill(c.path));
        let req = match c.method {
            Method::Get => client.get(url),
            Method::Post => client.post(url),
            Method::Delete => client.delete(url),
        };
        let req = match c.body {
            Body::None => req,
            Body::Csv(text) => req.header("content-type", CSV).body(text),
            Body::Json(text) => req.header("content-type", "application/json").body(text),
            Body::Form(pairs) => {
                let filled: Vec<(String, String)> = pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), self.fill(v)))
                    .collect();
                req.header("accept", "application/json").form(&filled)
            }
        };
        json_of(req.send().await.unwrap()).await
    }
}

/// A refusal: 401 for the anonymous; otherwise 403, 404, or an import rejected only because its
/// rows lie outside the caller's units.
fn refused(who: Who, status: u16, body: &Value) -> bool {
    if who == Who::Anonymous {
        return status == 401;
    }
    match status {
        403 | 404 => true,
        422 => body["errors"].as_array().is_some_and(|errs| {
            !errs.is_empty()
                && errs.iter().all(|e| {
                    matches!(
                        e["code"].as_str(),
                        Some("unit_out_of_scope" | "staff_out_of_scope" | "staff_not_in_scope")
                    )
                })
        }),
        _ => false,
    }
}

#[tokio::test]
async fn every_route_keeps_to_the_callers_units() {
    let w = world().await;
    let mut failures = Vec::new();
    for c in cases() {
        for who in EVERYONE {
            let client = &w.clients.iter().find(|(w, _)| *w == who).unwrap().1;
            let before = fingerprint(&w.app).await;
            let (status, body) = w.call(client, &c).await;
            let label = format!("{who:?} {}", w.fill(c.path));
            let shown: String = body.to_string().chars().take(200).collect();
            if c.allowed.contains(&who) {
                if !(200..300).contains(&status) {
                    failures.push(format!("{label}: allowed but got {status} {shown}"));
                }
            } else {
                if !refused(who, status, &body) {
                    failures.push(format!("{label}: must be refused, got {status} {shown}"));
                }
                if fingerprint(&w.app).await != before {
                    failures.push(format!("{label}: refused but something was written"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The other half of the matrix: what an allowed caller gets holds A's people, never B's.
#[tokio::test]
async fn what_the_a_side_reads_holds_nothing_of_b() {
    let w = world().await;
    for who in [Who::HrA, Who::TokenA] {
        let client = &w.clients.iter().find(|(w, _)| *w == who).unwrap().1;
        for path in [
            "/api/v1/roster/export",
            "/api/v1/training-records/export",
            "/api/v1/assessment-results/export",
        ] {
            for query in ["", "?unit=A"] {
                let res = client
                    .get(w.app.url(&format!("{path}{query}")))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "{who:?} {path}{query}");
                let text = res.text().await.unwrap();
                assert!(text.contains("CB-A,"), "{who:?} {path}{query}: {text}");
                assert!(!text.contains("CB-B"), "{who:?} {path}{query}: {text}");
            }
        }
        let res = client
            .get(w.app.url("/api/v1/indicators/export"))
            .send()
            .await
            .unwrap();
        let text = res.text().await.unwrap();
        assert!(
            text.contains("A1,Phòng A1") && !text.contains("Sở B"),
            "{who:?}: {text}"
        );
        let (_, body) = json_of(
            client
                .get(w.app.url("/api/v1/indicators/by-unit"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(body["unit"], "A", "{who:?}: with no unit, their own");
    }
}

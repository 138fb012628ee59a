//! Learning records as xAPI statements (issue 19), sent to a real Learning Record Store: Ralph
//! (PyPI `ralph-malph`, file-system backend), started for each test by `scripts/lrs.sh` on a
//! free port of 127.0.0.1 and killed when the test ends, also on a panic. What the LRS holds is
//! read back with `GET /statements` and compared with the outbox.
mod support;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use domain::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use service::entity::xapi_outbox;
use support::quiz::{complete_course, items, pass_quiz, post_form, start, wrong_form};
use support::{TestApp, get, server_fn, server_read, signed_in};

const LRS_USER: &str = "hocvu";
const LRS_PASSWORD: &str = "mat-khau-lrs-thu";
const LEARNER_A: &str = "0912345678";
const LEARNER_B: &str = "0987654321";

/// Ralph's process, killed when dropped; its statements stay in `dir` for the next start.
struct Lrs {
    child: Option<Child>,
    dir: PathBuf,
    port: u16,
}

impl Drop for Lrs {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn script() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/lrs.sh").to_owned()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Lrs {
    async fn start() -> Lrs {
        let status = Command::new("bash")
            .args([&script(), "install"])
            .status()
            .expect("bash runs scripts/lrs.sh");
        assert!(
            status.success(),
            "Ralph is installed (scripts/lrs.sh install)"
        );
        let dir = std::env::temp_dir().join(format!("hocvu-lrs-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut lrs = Lrs {
            child: None,
            dir,
            port: free_port(),
        };
        lrs.run().await;
        lrs
    }

    /// Starts Ralph (again) on the same port and directory, and waits until it answers.
    async fn run(&mut self) {
        let child = Command::new("bash")
            .arg(script())
            .args(["run", self.dir.to_str().unwrap(), &self.port.to_string()])
            .args([LRS_USER, LRS_PASSWORD])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("bash runs scripts/lrs.sh");
        self.child = Some(child);
        let heartbeat = format!("http://127.0.0.1:{}/__heartbeat__", self.port);
        let up = poll(Duration::from_secs(60), || async {
            reqwest::get(&heartbeat)
                .await
                .is_ok_and(|r| r.status().is_success())
        })
        .await;
        assert!(up, "Ralph answers on port {}", self.port);
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn xapi_url(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    /// Every statement the LRS holds, in the order it stored them.
    async fn statements(&self) -> Vec<Value> {
        let res = reqwest::Client::new()
            .get(format!("{}statements?limit=1000", self.xapi_url()))
            .basic_auth(LRS_USER, Some(LRS_PASSWORD))
            .header("X-Experience-API-Version", "1.0.3")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let mut all = body["statements"].as_array().unwrap().clone();
        all.sort_by(|a, b| a["stored"].as_str().cmp(&b["stored"].as_str()));
        all
    }
}

/// Calls `check` every 50 ms until it holds or `limit` has passed; whether it held.
async fn poll<F, Fut>(limit: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// The app configured with the LRS at `url` (tries again after at most a second), with the
/// demo courses and quizzes.
async fn app_with_lrs(url: &str) -> TestApp {
    let url = url.to_owned();
    let app = support::spawn_with(|c| configure(c, &url)).await;
    seed(&app).await;
    app
}

fn configure(c: &mut server::config::Config, url: &str) {
    c.lrs_url = Some(url.to_owned());
    c.lrs_username = LRS_USER.into();
    c.lrs_password = LRS_PASSWORD.into();
    c.lrs_retry_max_secs = 1;
    c.lrs_poll_ms = 50;
}

async fn seed(app: &TestApp) {
    service::demo::courses::seed(app.state.db()).await.unwrap();
    service::demo::quizzes::seed(app.state.db()).await.unwrap();
}

async fn outbox(app: &TestApp) -> Vec<xapi_outbox::Model> {
    xapi_outbox::Entity::find()
        .order_by_asc(xapi_outbox::Column::Id)
        .all(app.state.db())
        .await
        .unwrap()
}

async fn all_sent(app: &TestApp) -> bool {
    outbox(app).await.iter().all(|r| r.state == "sent")
}

async fn user_id(app: &TestApp, login: &str) -> i32 {
    service::entity::user::Entity::find()
        .filter(service::entity::user::Column::Login.eq(login))
        .one(app.state.db())
        .await
        .unwrap()
        .unwrap()
        .id
}

fn site(app: &TestApp) -> &service::xapi::Site {
    app.state
        .services
        .xapi
        .site()
        .expect("an LRS is configured")
}

async fn mark(app: &TestApp, client: &reqwest::Client, code: &str, position: u32) {
    let position = position.to_string();
    let args = [("code", code), ("position", position.as_str())];
    let (status, body) = server_fn(app, client, "learn_mark_done", &args).await;
    assert_eq!(status, 200, "{body}");
}

/// Starts the mastery assessment and submits it unanswered: failed.
async fn fail_mastery(app: &TestApp, client: &reqwest::Client) {
    let id = start(app, client, "DG-LCKNS").await;
    let (item, _, _) = items(app, id).await.remove(0);
    post_form(
        app,
        client,
        &format!("/bai-lam/{id}/tra-loi"),
        &wrong_form(&item),
    )
    .await;
    post_form(app, client, &format!("/bai-lam/{id}/nop"), &[]).await;
}

/// Each statement id the LRS holds, and how often.
fn counted(statements: &[Value]) -> HashMap<String, usize> {
    let mut n = HashMap::new();
    for s in statements {
        *n.entry(s["id"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    n
}

/// The LRS holds each statement of the outbox exactly once, and nothing else; for each
/// learner, in the outbox's order.
fn assert_once_each_in_order(rows: &[xapi_outbox::Model], statements: &[Value]) {
    let counts = counted(statements);
    assert_eq!(counts.len(), rows.len(), "{counts:?}");
    for r in rows {
        assert_eq!(counts.get(&r.statement_id), Some(&1), "{}", r.statement);
    }
    let mut by_learner: HashMap<i32, Vec<&str>> = HashMap::new();
    for r in rows {
        by_learner
            .entry(r.user_id)
            .or_default()
            .push(&r.statement_id);
    }
    for (user, expected) in by_learner {
        let actor = serde_json::from_str::<Value>(
            &rows.iter().find(|r| r.user_id == user).unwrap().statement,
        )
        .unwrap()["actor"]
            .clone();
        let arrived: Vec<&str> = statements
            .iter()
            .filter(|s| s["actor"] == actor)
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(arrived, expected, "learner {user}'s statements in order");
    }
}

#[tokio::test]
async fn each_kind_of_statement_arrives_once_in_each_learners_order() {
    let lrs = Lrs::start().await;
    let app = app_with_lrs(&lrs.xapi_url()).await;
    let worker = server::jobs::spawn_xapi(&app.state).expect("a worker");
    let a = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    let b = signed_in(&app, LEARNER_B, &[(Role::Learner, None)]).await;
    mark(&app, &b, "KNS-DC-01", 1).await;
    complete_course(&app, &a, "KNS-AT-01").await;
    mark(&app, &b, "KNS-DC-01", 2).await;
    fail_mastery(&app, &a).await;
    pass_quiz(&app, &a, "DG-LCKNS").await;
    // The same lesson again tells nothing new.
    mark(&app, &b, "KNS-DC-01", 2).await;

    let rows = outbox(&app).await;
    let (_, course) = get(&app, &a, "/api/v1/courses/KNS-AT-01").await;
    let lessons = course["lesson_count"].as_u64().unwrap() as usize;
    // A: each lesson, the course quiz passed, the course, its certificate, the mastery
    // assessment failed then passed, its certificate; B: two lessons.
    assert_eq!(rows.len(), lessons + 6 + 2);
    assert!(
        poll(Duration::from_secs(30), || all_sent(&app)).await,
        "{:?}",
        outbox(&app).await
    );
    let statements = lrs.statements().await;
    assert_once_each_in_order(&outbox(&app).await, &statements);

    let (s, id_a) = (site(&app), user_id(&app, LEARNER_A).await);
    let base = s.public_url.clone();
    let of_a: Vec<&Value> = statements
        .iter()
        .filter(|st| st["actor"]["account"]["name"] == s.actor_name(id_a).as_str())
        .collect();
    let verbs: Vec<&str> = of_a
        .iter()
        .map(|st| st["verb"]["id"].as_str().unwrap())
        .collect();
    let completed = "http://adlnet.gov/expapi/verbs/completed";
    let passed = "http://adlnet.gov/expapi/verbs/passed";
    let failed = "http://adlnet.gov/expapi/verbs/failed";
    let earned = "http://id.tincanapi.com/verb/earned";
    let mut expected = vec![completed; lessons];
    expected.extend([passed, completed, earned, failed, passed, earned]);
    assert_eq!(verbs, expected);
    let objects: Vec<&str> = of_a
        .iter()
        .map(|st| st["object"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        objects[0],
        format!("{base}{}", app::paths::lesson("KNS-AT-01", 1))
    );
    assert_eq!(
        objects[lessons],
        format!("{base}{}", app::paths::quiz("KNS-AT-01-KT"))
    );
    assert_eq!(
        objects[lessons + 1],
        format!("{base}{}", app::paths::course("KNS-AT-01"))
    );
    assert_eq!(
        objects[lessons + 4],
        format!("{base}{}", app::paths::quiz("DG-LCKNS"))
    );
    let (_, certs) = server_read(&app, &a, "cert_mine", &[]).await;
    let codes: Vec<String> = certs
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|c| c["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    for (i, object) in [
        (lessons + 2, objects[lessons + 2]),
        (lessons + 6 - 1, objects[lessons + 5]),
    ] {
        assert!(
            codes
                .iter()
                .any(|c| object == format!("{base}{}", app::paths::verify(c))),
            "statement {i}: {object} names a certificate of {codes:?}"
        );
    }

    // The mastery results: score, success and each domain's result under the deployment's IRI.
    let mastery = of_a[lessons + 4];
    let result = &mastery["result"];
    assert_eq!(result["success"], true);
    assert_eq!(result["score"]["raw"], 100.0);
    assert_eq!(result["score"]["scaled"], 1.0);
    assert_eq!(result["score"]["max"].as_f64(), Some(100.0));
    let domains = &result["extensions"][format!("{base}/xapi/extensions/domain-results")];
    assert_eq!(domains.as_object().map(|d| d.len()), Some(6), "{domains}");
    assert_eq!(domains["an_toan"]["percent"], 100.0);
    assert_eq!(of_a[lessons + 3]["result"]["success"], false);
    worker.abort();
}

#[tokio::test]
async fn the_actor_is_an_opaque_account_with_nothing_personal() {
    let lrs = Lrs::start().await;
    let app = app_with_lrs(&lrs.xapi_url()).await;
    let worker = server::jobs::spawn_xapi(&app.state).expect("a worker");
    let a = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    let id = user_id(&app, LEARNER_A).await;
    // An e-mail and a name of the learner's own, which no statement may carry.
    service::entity::user::Entity::update_many()
        .col_expr(
            service::entity::user::Column::Email,
            Expr::value("an.nguyen@example.vn"),
        )
        .filter(service::entity::user::Column::Id.eq(id))
        .exec(app.state.db())
        .await
        .unwrap();
    complete_course(&app, &a, "KNS-AT-01").await;
    assert!(poll(Duration::from_secs(30), || all_sent(&app)).await);
    let statements = lrs.statements().await;
    assert!(!statements.is_empty());
    let s = site(&app);
    for st in &statements {
        assert_eq!(
            st["actor"],
            serde_json::json!({
                "objectType": "Agent",
                "account": {"homePage": format!("{}/", s.public_url), "name": s.actor_name(id)},
            })
        );
        let text = st.to_string();
        for personal in [
            LEARNER_A,
            "an.nguyen@example.vn",
            "mailto:",
            "Người Thử Nghiệm",
            "tel:",
        ] {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
    }
    assert_ne!(s.actor_name(id), id.to_string());
    worker.abort();
}

#[tokio::test]
async fn statements_wait_while_the_lrs_is_down_and_arrive_once_when_it_is_back() {
    let mut lrs = Lrs::start().await;
    let app = app_with_lrs(&lrs.xapi_url()).await;
    let worker = server::jobs::spawn_xapi(&app.state).expect("a worker");
    let a = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    let b = signed_in(&app, LEARNER_B, &[(Role::Learner, None)]).await;
    mark(&app, &a, "KNS-AT-01", 1).await;
    assert!(poll(Duration::from_secs(30), || all_sent(&app)).await);

    lrs.stop();
    mark(&app, &a, "KNS-AT-01", 2).await;
    mark(&app, &b, "KNS-DC-01", 1).await;
    mark(&app, &a, "KNS-AT-01", 3).await;
    // Tried, refused by nobody, waiting for the next try with the reason kept.
    let tried = poll(Duration::from_secs(30), || async {
        let rows = outbox(&app).await;
        rows.iter().filter(|r| r.state == "waiting").count() == 3
            && rows.iter().filter(|r| r.state == "waiting").all(|r| {
                r.attempts >= 2
                    && r.last_error
                        .as_deref()
                        .is_some_and(|e| e.starts_with("no answer"))
            })
    })
    .await;
    assert!(tried, "{:?}", outbox(&app).await);
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let (status, summary) = get(&app, &admin, "/api/v1/xapi/outbox").await;
    assert_eq!(status, 200, "{summary}");
    assert_eq!(
        (summary["waiting"].as_u64(), summary["sent"].as_u64()),
        (Some(3), Some(1))
    );
    assert!(summary["oldest_waiting_attempts"].as_i64() >= Some(2));

    lrs.run().await;
    assert!(
        poll(Duration::from_secs(30), || all_sent(&app)).await,
        "{:?}",
        outbox(&app).await
    );
    assert_once_each_in_order(&outbox(&app).await, &lrs.statements().await);
    worker.abort();
}

#[tokio::test]
async fn a_server_restarted_midway_loses_nothing_and_sends_nothing_twice() {
    let lrs = Lrs::start().await;
    let app = app_with_lrs(&lrs.xapi_url()).await;
    let worker = server::jobs::spawn_xapi(&app.state).expect("a worker");
    let a = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    mark(&app, &a, "KNS-AT-01", 1).await;
    mark(&app, &a, "KNS-AT-01", 2).await;
    assert!(poll(Duration::from_secs(30), || all_sent(&app)).await);
    // The process stops: statements recorded meanwhile wait in the table…
    worker.abort();
    let _ = worker.await;
    mark(&app, &a, "KNS-AT-01", 3).await;
    mark(&app, &a, "KNS-AT-01", 4).await;
    // …and one the LRS stored before the crash let it be marked is sent again.
    let first = outbox(&app).await[0].id;
    xapi_outbox::Entity::update_many()
        .col_expr(xapi_outbox::Column::State, Expr::value("waiting"))
        .filter(xapi_outbox::Column::Id.eq(first))
        .exec(app.state.db())
        .await
        .unwrap();
    assert_eq!(
        outbox(&app)
            .await
            .iter()
            .filter(|r| r.state == "waiting")
            .count(),
        3
    );

    // Another process on the same database, started as `hocvu serve` starts it.
    let url = lrs.xapi_url();
    let mut config = server::config::Config::for_database(&app.db_url);
    configure(&mut config, &url);
    let again = server::state_from(config).await.unwrap();
    let worker = server::jobs::spawn_xapi(&again).expect("a worker");
    assert!(
        poll(Duration::from_secs(30), || all_sent(&app)).await,
        "{:?}",
        outbox(&app).await
    );
    let rows = outbox(&app).await;
    assert_eq!(rows.len(), 4);
    assert_once_each_in_order(&rows, &lrs.statements().await);
    worker.abort();
}

#[tokio::test]
async fn a_statement_the_lrs_refuses_is_failed_with_its_reason_and_can_be_sent_again() {
    let lrs = Lrs::start().await;
    let app = app_with_lrs(&lrs.xapi_url()).await;
    let a = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    mark(&app, &a, "KNS-AT-01", 1).await;
    mark(&app, &a, "KNS-AT-01", 2).await;
    mark(&app, &a, "KNS-AT-01", 3).await;
    // The second one spoilt before the worker starts: the LRS will refuse it.
    let rows = outbox(&app).await;
    let good = rows[1].statement.clone();
    let mut spoilt: Value = serde_json::from_str(&good).unwrap();
    spoilt.as_object_mut().unwrap().remove("actor");
    let spoilt = spoilt.to_string();
    set_statement(&app, rows[1].id, &spoilt).await;
    let worker = server::jobs::spawn_xapi(&app.state).expect("a worker");
    let settled = poll(Duration::from_secs(30), || async {
        outbox(&app).await.iter().all(|r| r.state != "waiting")
    })
    .await;
    assert!(settled, "{:?}", outbox(&app).await);
    let rows = outbox(&app).await;
    let states: Vec<&str> = rows.iter().map(|r| r.state.as_str()).collect();
    assert_eq!(states, ["sent", "failed", "sent"]);
    let reason = rows[1].last_error.clone().unwrap();
    assert!(reason.starts_with("4"), "{reason}");
    assert_eq!(lrs.statements().await.len(), 2);

    // The admin sees it, with its reason, and sends it again once it is mended.
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let (status, summary) = get(&app, &admin, "/api/v1/xapi/outbox").await;
    assert_eq!(status, 200);
    assert_eq!(summary["failed"], 1);
    assert_eq!(
        summary["failed_statements"][0]["statement_id"],
        rows[1].statement_id.as_str()
    );
    assert_eq!(summary["failed_statements"][0]["reason"], reason.as_str());
    let page = admin
        .get(app.url(app::paths::ADMIN_XAPI))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Bản ghi bị kho LRS từ chối") && page.contains(&rows[1].statement_id),
        "{page}"
    );
    set_statement(&app, rows[1].id, &good).await;
    let (status, n) = server_fn(&app, &admin, "xapi_retry_failed", &[]).await;
    assert_eq!((status, n), (200, serde_json::json!(1)));
    assert!(poll(Duration::from_secs(30), || all_sent(&app)).await);
    assert_eq!(lrs.statements().await.len(), 3);
    worker.abort();
}

#[tokio::test]
async fn an_id_the_lrs_already_holds_counts_as_sent() {
    let lrs = Lrs::start().await;
    let app = app_with_lrs(&lrs.xapi_url()).await;
    let a = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    mark(&app, &a, "KNS-AT-01", 1).await;
    mark(&app, &a, "KNS-AT-01", 2).await;
    // Another statement under the second one's id reached the LRS first: it answers 409.
    let rows = outbox(&app).await;
    let mut other: Value = serde_json::from_str(&rows[1].statement).unwrap();
    other["timestamp"] = "2020-01-01T00:00:00Z".into();
    let res = reqwest::Client::new()
        .post(format!("{}statements", lrs.xapi_url()))
        .basic_auth(LRS_USER, Some(LRS_PASSWORD))
        .header("X-Experience-API-Version", "1.0.3")
        .json(&serde_json::json!([other]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let worker = server::jobs::spawn_xapi(&app.state).expect("a worker");
    assert!(
        poll(Duration::from_secs(30), || all_sent(&app)).await,
        "{:?}",
        outbox(&app).await
    );
    let held = counted(&lrs.statements().await);
    assert_eq!(
        held.len(),
        2,
        "{:?} {:?}",
        lrs.statements().await,
        outbox(&app).await
    );
    assert!(rows.iter().all(|r| held.get(&r.statement_id) == Some(&1)));
    worker.abort();
}

async fn set_statement(app: &TestApp, id: i32, json: &str) {
    xapi_outbox::Entity::update_many()
        .col_expr(xapi_outbox::Column::Statement, Expr::value(json))
        .filter(xapi_outbox::Column::Id.eq(id))
        .exec(app.state.db())
        .await
        .unwrap();
}

#[tokio::test]
async fn without_an_lrs_nothing_is_queued() {
    let app = support::spawn_app().await;
    seed(&app).await;
    assert!(app.state.services.xapi.site().is_none());
    assert!(server::jobs::spawn_xapi(&app.state).is_none());
    let a = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    complete_course(&app, &a, "KNS-AT-01").await;
    fail_mastery(&app, &a).await;
    assert_eq!(support::count(&app, "certificates").await, 1);
    assert!(outbox(&app).await.is_empty());
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let (status, summary) = get(&app, &admin, "/api/v1/xapi/outbox").await;
    assert_eq!(status, 200);
    assert_eq!(summary["lrs_configured"], false);
    assert_eq!(
        (summary["waiting"].as_u64(), summary["sent"].as_u64()),
        (Some(0), Some(0))
    );
}

#[tokio::test]
async fn the_outbox_is_for_admins_only() {
    // An LRS is configured (statements are queued); no worker sends them here.
    let app = app_with_lrs(&format!("http://127.0.0.1:{}/xAPI/", free_port())).await;
    let learner = signed_in(&app, LEARNER_A, &[(Role::Learner, None)]).await;
    mark(&app, &learner, "KNS-AT-01", 1).await;
    xapi_outbox::Entity::update_many()
        .col_expr(xapi_outbox::Column::State, Expr::value("failed"))
        .col_expr(
            xapi_outbox::Column::LastError,
            Expr::value("400 bad statement"),
        )
        .exec(app.state.db())
        .await
        .unwrap();
    app.unit("SO-NV", domain::UnitLevel::Tinh, None).await;
    let hr = signed_in(&app, "canbo", &[(Role::Hr, Some("SO-NV"))]).await;
    let admin = signed_in(&app, "quantri", &[(Role::Admin, None)]).await;
    let anonymous = support::browser(&app);

    for (who, client, status) in [
        ("hr", &hr, 403),
        ("learner", &learner, 403),
        ("anonymous", &anonymous, 401),
    ] {
        let (got, body) = get(&app, client, "/api/v1/xapi/outbox").await;
        assert_eq!(got, status, "{who}: {body}");
        assert!(!body.to_string().contains("400 bad statement"), "{who}");
        let (got, _) = server_read(&app, client, "xapi_outbox", &[]).await;
        assert_eq!(got, status, "{who} reads the outbox");
        let (got, _) = server_fn(&app, client, "xapi_retry_failed", &[]).await;
        assert_eq!(got, status, "{who} retries");
        let page = client
            .get(app.url(app::paths::ADMIN_XAPI))
            .send()
            .await
            .unwrap();
        let html = page.text().await.unwrap();
        assert!(!html.contains("400 bad statement"), "{who} sees the page");
    }
    assert_eq!(outbox(&app).await[0].state, "failed", "nothing changed");

    let (status, summary) = get(&app, &admin, "/api/v1/xapi/outbox").await;
    assert_eq!(status, 200);
    assert_eq!(summary["lrs_configured"], true);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["failed_statements"][0]["verb"], "completed");
    let (status, read) = server_read(&app, &admin, "xapi_outbox", &[]).await;
    assert_eq!((status, &read["failed"]), (200, &serde_json::json!(1)));
}

//! Two `hocvu serve` processes on one database, as behind a load balancer: a session opened on
//! one is accepted by the other, and a logout on one ends it on both: at once on the one that
//! logged out, within its session cache lifetime on the other.
mod support;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use domain::Role;
use support::{PASSWORD, fresh_database_url};

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// How long each process trusts a session it has looked up.
const CACHE_MS: u64 = 500;

async fn start(db_url: &str) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .arg("serve")
        .env("DATABASE_URL", db_url)
        .env("HOCVU_ADDR", format!("127.0.0.1:{port}"))
        .env("HOCVU_LOG", "warn")
        // Reading the demo's lessons aloud would take a core for seconds: not what is tested.
        .env("HOCVU_ESPEAK", "off")
        .env("HOCVU_SESSION_CACHE_MS", CACHE_MS.to_string())
        .stdout(Stdio::null())
        .spawn()
        .expect("the hocvu binary starts");
    let base = format!("http://127.0.0.1:{port}");
    // From here the child belongs to `Server`, whose Drop kills and waits for it.
    let server = Server { child, base };
    for _ in 0..200 {
        if let Ok(r) = reqwest::get(format!("{}/healthz", server.base)).await
            && r.status() == 200
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("hocvu serve did not answer /healthz on {}", server.base);
}

#[tokio::test]
async fn a_session_is_shared_by_two_server_processes() {
    let db_url = fresh_database_url().await;
    let setup = support::spawn_on(&db_url).await;
    setup.account("canbo", &[(Role::Learner, None)]).await;
    let (a, b) = (start(&db_url).await, start(&db_url).await);

    let client = reqwest::Client::builder().build().unwrap();
    let res = client
        .post(format!("{}/api/v1/auth/login", a.base))
        .json(&serde_json::json!({"login": "canbo", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    let me_on = |base: String| {
        let (client, cookie) = (client.clone(), cookie.clone());
        async move {
            client
                .get(format!("{base}/api/v1/auth/me"))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        me_on(b.base.clone()).await,
        200,
        "process B accepts a session opened on A"
    );
    // A has looked the session up, so it keeps it for a moment.
    assert_eq!(me_on(a.base.clone()).await, 200);

    let res = client
        .post(format!("{}/api/v1/auth/logout", b.base))
        .header("cookie", cookie.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(me_on(b.base.clone()).await, 401, "ended at once on B");
    // On A, by the end of its cache lifetime at the latest (polled for ten times as long).
    let mut refused = false;
    for _ in 0..50 {
        if me_on(a.base.clone()).await == 401 {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(CACHE_MS / 5)).await;
    }
    assert!(refused, "logout on B ends the session on A");
}

/// Every connection of the server's pool carries the engine's settings: on SQLite the
/// write-ahead log and foreign keys, on PostgreSQL no JIT compilation, whose compile time was
/// most of a province's indicators at p99 (bench/README.md, `nation`). Several connections are
/// held at once so that more than the first one is asked.
#[tokio::test]
async fn every_pooled_connection_carries_the_engine_settings() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
    let app = support::spawn_app().await;
    let db = app.state.db();
    let backend = db.get_database_backend();
    let checks: &[(&str, &str)] = match backend {
        DbBackend::Postgres => &[("SHOW jit", "off")],
        _ => &[("PRAGMA journal_mode", "wal"), ("PRAGMA foreign_keys", "1")],
    };
    let held = match backend {
        DbBackend::Postgres => 3,
        _ => 1,
    };
    let mut txs = Vec::new();
    for _ in 0..held {
        txs.push(db.begin().await.unwrap());
    }
    for tx in &txs {
        for (sql, want) in checks {
            let row = tx
                .query_one_raw(Statement::from_string(backend, sql.to_string()))
                .await
                .unwrap()
                .unwrap();
            let got = row
                .try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap();
            assert_eq!(got.to_lowercase(), *want, "{sql}");
        }
    }
}

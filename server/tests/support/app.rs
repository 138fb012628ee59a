//! `spawn_app()`: the real router on port 0 against a fresh database, SQLite by default,
//! PostgreSQL (a new database per test) when `HOCVU_TEST_PG` names a server.
#![allow(dead_code)]
use sea_orm::{ConnectionTrait, Database};
use server::config::Config;
use server::state::AppState;

pub const PASSWORD: &str = "mật khẩu thử nghiệm 2026";

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub db_url: String,
}

pub async fn spawn_app() -> TestApp {
    let db_url = fresh_database_url().await;
    spawn_on(&db_url).await
}

/// A server on a fresh database whose configuration `tune` changes first.
pub async fn spawn_with(tune: impl FnOnce(&mut Config)) -> TestApp {
    let db_url = fresh_database_url().await;
    let mut config = Config::for_database(&db_url);
    tune(&mut config);
    spawn_configured(config).await
}

/// Another server on the same database: what a second process behind a load balancer sees.
pub async fn spawn_on(db_url: &str) -> TestApp {
    spawn_configured(Config::for_database(db_url)).await
}

async fn spawn_configured(config: Config) -> TestApp {
    let db_url = config.database_url.clone();
    let state = server::state_from(config).await.expect("database");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::serve_on(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    TestApp {
        base: format!("http://{addr}"),
        state,
        db_url,
    }
}

pub async fn fresh_database_url() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    match std::env::var("HOCVU_TEST_PG") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = format!("hocvu_t_{}", &id[..16]);
            let admin = Database::connect(&admin_url)
                .await
                .expect("HOCVU_TEST_PG must reach PostgreSQL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            admin.close().await.ok();
            replace_db_name(&admin_url, &name)
        }
        _ => {
            let path = std::env::temp_dir().join(format!("hocvu-test-{id}.db"));
            format!("sqlite://{}?mode=rwc", path.display())
        }
    }
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

/// A client that keeps cookies and sends the Origin of the app, as a browser on the page would.
pub fn browser(app: &TestApp) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", app.base.parse().unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A commune for residents to register in.
    pub async fn commune(&self, code: &str) {
        service::hr::units::create(
            self.state.db(),
            service::province::FIRST,
            code,
            "Xã Thử Nghiệm",
            domain::UnitLevel::Xa,
            None,
        )
        .await
        .unwrap();
    }

    /// Another province (its id), made straight in the database.
    pub async fn province(&self, code: &str, name: &str) -> i32 {
        use sea_orm::{ActiveModelTrait, Set};
        service::entity::province::ActiveModel {
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            created_at: Set(0),
            ..Default::default()
        }
        .insert(self.state.db())
        .await
        .unwrap()
        .id
    }

    /// A commune with this code and name in a province (by id).
    pub async fn commune_in(&self, province: i32, code: &str, name: &str) {
        service::hr::units::create(
            self.state.db(),
            province,
            code,
            name,
            domain::UnitLevel::Xa,
            None,
        )
        .await
        .unwrap();
    }

    pub async fn unit(&self, code: &str, level: domain::UnitLevel, parent: Option<&str>) {
        service::hr::units::create(
            self.state.db(),
            service::province::FIRST,
            code,
            code,
            level,
            parent,
        )
        .await
        .unwrap();
    }

    /// An account with the given roles, made directly through the service.
    pub async fn account(&self, login: &str, roles: &[(domain::Role, Option<&str>)]) -> i32 {
        let acc = service::access::accounts::NewAccount {
            login,
            full_name: "Người Thử Nghiệm",
            password: PASSWORD,
            home_unit_code: None,
            roles,
        };
        service::access::accounts::upsert_account(
            self.state.db(),
            &self.state.services.passwords,
            &acc,
        )
        .await
        .unwrap()
        .id
    }

    pub async fn api_login(
        &self,
        client: &reqwest::Client,
        login: &str,
        password: &str,
    ) -> reqwest::Response {
        client
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({"login": login, "password": password}))
            .send()
            .await
            .unwrap()
    }

    pub async fn user_count(&self) -> u64 {
        use sea_orm::{EntityTrait, PaginatorTrait};
        service::entity::user::Entity::find()
            .count(self.state.db())
            .await
            .unwrap()
    }
}

#[test]
fn database_name_is_replaced() {
    assert_eq!(
        replace_db_name("postgres://u@h:5432/postgres", "x"),
        "postgres://u@h:5432/x"
    );
    assert_eq!(
        replace_db_name("postgres://u@h/db?sslmode=disable", "x"),
        "postgres://u@h/x?sslmode=disable"
    );
}

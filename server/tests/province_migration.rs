//! Migration m0025 on a database of the schema before provinces (m0024), on both engines: the
//! existing units, people, roles and tokens move into the first province, the unit tree keeps
//! its shape below the province's root, the figures stay the same, and unit and staff codes
//! become unique per province instead of everywhere.
mod support;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use support::fresh_database_url;

/// The last migration before provinces.
const BEFORE_PROVINCES: u32 = 24;

/// An empty database, opened as the server opens it: SQLite through its one writer connection,
/// foreign keys on.
async fn fresh_database() -> DatabaseConnection {
    let url = fresh_database_url().await;
    let mut opts = ConnectOptions::new(url.clone());
    if url.starts_with("sqlite:") {
        opts.max_connections(1)
            .map_sqlx_sqlite_opts(|o| o.foreign_keys(true));
    }
    Database::connect(opts).await.unwrap()
}

async fn run(db: &DatabaseConnection, sql: &str) {
    db.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn number(db: &DatabaseConnection, sql: &str) -> i64 {
    let stmt = Statement::from_string(db.get_database_backend(), sql.to_owned());
    db.query_one_raw(stmt)
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap()
}

async fn text(db: &DatabaseConnection, sql: &str) -> String {
    let stmt = Statement::from_string(db.get_database_backend(), sql.to_owned());
    db.query_one_raw(stmt)
        .await
        .unwrap()
        .unwrap()
        .try_get::<String>("", "t")
        .unwrap()
}

/// A department with a sub-unit, a commune, two civil servants (one trained), an hr officer of
/// the department and a province-wide token, written as the m0024 schema holds them.
async fn province_before(db: &DatabaseConnection) {
    for sql in [
        "INSERT INTO units (code, name, level, parent_id, path) VALUES ('SO-A', 'Sở A', 'tinh', NULL, '/1/')",
        "INSERT INTO units (code, name, level, parent_id, path) VALUES ('SO-A-1', 'Phòng A1', 'tinh', 1, '/1/2/')",
        "INSERT INTO units (code, name, level, parent_id, path) VALUES ('XA-B', 'Xã B', 'xa', NULL, '/3/')",
        "INSERT INTO people (staff_code, full_name) VALUES ('CB-1', 'Nguyễn Văn Một')",
        "INSERT INTO people (staff_code, full_name) VALUES ('CB-2', 'Lê Thị Hai')",
        "INSERT INTO assignments (person_id, unit_id, kind, start_date, first_trained_on) VALUES (1, 2, 'cong_chuc', '2025-07-01', '2025-09-01')",
        "INSERT INTO assignments (person_id, unit_id, kind, start_date) VALUES (2, 3, 'can_bo', '2025-07-01')",
        "INSERT INTO users (login, full_name, password_hash, disabled, created_at) VALUES ('hr-a', 'Cán bộ A', 'x', false, 0)",
        "INSERT INTO user_roles (user_id, role, unit_id, created_at) VALUES (1, 'hr', 1, 0)",
        "INSERT INTO api_tokens (name, hint, token_hash, unit_id, created_by, created_at) VALUES ('Báo cáo', 'hvs_abcdef', 'h1', NULL, 1, 0)",
    ] {
        run(db, sql).await;
    }
}

#[tokio::test]
async fn the_existing_data_becomes_the_first_province() {
    let db = fresh_database().await;
    Migrator::up(&db, Some(BEFORE_PROVINCES)).await.unwrap();
    province_before(&db).await;
    Migrator::up(&db, None).await.unwrap();

    assert_eq!(text(&db, "SELECT code AS t FROM provinces").await, "TINH");
    assert_eq!(
        text(&db, "SELECT path AS t FROM units WHERE code = 'SO-A-1'").await,
        "/p1/1/2/",
        "the tree keeps its shape below the province's root"
    );
    assert_eq!(
        number(&db, "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM units WHERE province_id = 1 AND path LIKE '/p1/%'").await,
        3
    );
    assert_eq!(
        number(
            &db,
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM people WHERE province_id = 1"
        )
        .await,
        2
    );
    assert_eq!(
        number(
            &db,
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM api_tokens WHERE province_id = 1"
        )
        .await,
        1,
        "the province-wide token is the first province's"
    );
    assert_eq!(
        number(
            &db,
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM assignments a JOIN units u ON u.id = a.unit_id JOIN people p ON p.id = a.person_id"
        )
        .await,
        2,
        "every reference to the rebuilt tables still holds"
    );
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let figures = service::hr::indicators::compute(&db, as_of, &service::province::root_path(1))
        .await
        .unwrap();
    assert_eq!(
        (
            figures.provincial_trained.numerator,
            figures.provincial_trained.denominator
        ),
        (1, 1)
    );
    assert_eq!(
        (
            figures.commune_trained.numerator,
            figures.commune_trained.denominator
        ),
        (0, 1)
    );

    // Codes are unique within a province, no longer everywhere.
    run(
        &db,
        "INSERT INTO provinces (code, name, created_at) VALUES ('QT', 'Quảng Trị', 0)",
    )
    .await;
    run(&db, "INSERT INTO units (code, name, level, path, province_id) VALUES ('SO-A', 'Sở A', 'tinh', '/p2/9/', 2)").await;
    run(&db, "INSERT INTO people (staff_code, full_name, province_id) VALUES ('CB-1', 'Trần Văn Khác', 2)").await;
    for again in [
        "INSERT INTO units (code, name, level, path, province_id) VALUES ('SO-A', 'Sở A', 'tinh', '/p1/9/', 1)",
        "INSERT INTO people (staff_code, full_name, province_id) VALUES ('CB-2', 'Lê Thị Hai', 1)",
    ] {
        assert!(
            db.execute_unprepared(again).await.is_err(),
            "a code twice in one province: {again}"
        );
    }
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        let broken = db
            .query_all_raw(Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "PRAGMA foreign_key_check",
            ))
            .await
            .unwrap();
        assert!(broken.is_empty(), "no reference left dangling");
    }
}

/// Migration m0027 on a database of m0026: a course made before is national, and every reader
/// still finds it in the catalogue.
#[tokio::test]
async fn courses_made_before_province_courses_are_national() {
    let db = fresh_database().await;
    Migrator::up(&db, Some(26)).await.unwrap();
    run(
        &db,
        "INSERT INTO courses (code, title, summary, audience, competences, counts_as_training, \
         published, created_at, updated_at) VALUES ('KN-CU-01', 'Khóa học cũ', 'Có từ trước', \
         'everyone', 'an_toan', TRUE, TRUE, 0, 0)",
    )
    .await;
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(
        number(
            &db,
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM courses WHERE province_id IS NULL"
        )
        .await,
        1
    );
    let shown = service::learn::catalogue::list(&db, None, &Default::default())
        .await
        .unwrap();
    assert_eq!(
        shown.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
        ["KN-CU-01"]
    );
}

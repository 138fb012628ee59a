//! What makes the caches stale: a write that changed what they keep. Every statement the
//! writing connection runs passes through one callback ([`WriteWatch::install`]); a successful
//! `INSERT`, `UPDATE` or `DELETE` on a kept table marks the request it belongs to, and the
//! request bumps the shared [`Generation`] once it is answered ([`WriteWatch::track`]), when
//! its transaction has committed. A write outside any request (a background task, a page
//! streamed after its handler returned) bumps at once.
//!
//! So a request clears what is kept exactly when it wrote something kept, whatever its method,
//! path or status: a refused, unknown or read-only request clears nothing, and no handler has
//! to remember to clear. A rolled-back transaction clears too (stale by caution, never wrong).
use std::cell::Cell;
use std::future::Future;

use sea_orm::DatabaseConnection;

use crate::cache::epoch::Generation;

/// Tables no cache reads from, with the writes to them that change nothing kept:
/// - `audit_log`, `login_failures`, `signin_alerts`: logs and counters that refusals write too;
/// - `api_tokens`: read afresh on every request that carries one (never kept), and touched
///   once a minute when used;
/// - `attempt_items`: the answers of an open attempt (the answer writer saves thousands a
///   second; an attempt is kept only once submitted, which writes `attempts`);
/// - `xapi_outbox`: statements for the Learning Record Store, read only by its worker and the
///   admin's outbox page (never kept); its worker writes every second while the LRS is down,
///   and a statement queued beside a completion comes with a kept write that clears anyway;
/// - new sessions and their idle timer (`INSERT`/`UPDATE sessions`): no cache holds a session
///   before its first use, and a timer moved changes no one's rights. Ending a session
///   (`DELETE`) does clear.
/// - `reminders`, `reminder_recipients`, `mail_unsubscribes`: the e-mail reminders' queue and
///   its delivery states, read afresh by their pages and the sender (no cached page shows
///   them); the sender writes them several times a second.
const UNKEPT: &[(Verb, &str)] = &[
    (Verb::Any, "audit_log"),
    (Verb::Any, "login_failures"),
    (Verb::Any, "signin_alerts"),
    (Verb::Any, "api_tokens"),
    (Verb::Any, "attempt_items"),
    (Verb::Any, "xapi_outbox"),
    (Verb::Insert, "sessions"),
    (Verb::Update, "sessions"),
    (Verb::Any, "reminders"),
    (Verb::Any, "reminder_recipients"),
    (Verb::Any, "mail_unsubscribes"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Insert,
    Update,
    Delete,
    /// In [`UNKEPT`]: every verb.
    Any,
}

tokio::task_local! {
    /// Set while a request runs: whether it has written something kept.
    static WROTE: Cell<bool>;
}

/// Watches the writing connection and bumps the caches' generation after kept writes.
#[derive(Clone, Debug)]
pub struct WriteWatch {
    generation: Generation,
}

impl WriteWatch {
    /// Puts the watch on `db` (before it is cloned: clones share the callback).
    pub fn install(db: &mut DatabaseConnection, generation: Generation) -> Self {
        let bump = generation.clone();
        db.set_metric_callback(move |info| {
            if !info.failed && changes_kept(&info.statement.sql) {
                // Outside a request there is no end to wait for: the statement has run.
                if WROTE.try_with(|w| w.set(true)).is_err() {
                    bump.bump();
                }
            }
        });
        WriteWatch { generation }
    }

    /// Runs one request; if it wrote something kept, bumps the generation once it is done.
    pub async fn track<F: Future>(&self, request: F) -> F::Output {
        let (answer, wrote) = WROTE
            .scope(Cell::new(false), async {
                let answer = request.await;
                (answer, WROTE.with(Cell::get))
            })
            .await;
        if wrote {
            self.generation.bump();
        }
        answer
    }
}

/// Whether the statement writes a table some cache reads.
fn changes_kept(sql: &str) -> bool {
    match written_table(sql) {
        None => false,
        Some((verb, table)) => !UNKEPT
            .iter()
            .any(|&(v, t)| t == table && (v == Verb::Any || v == verb)),
    }
}

/// The verb and table of a write (`WITH … UPDATE t` included), `None` for a read. A write whose
/// table cannot be read counts as a write to a kept table.
fn written_table(sql: &str) -> Option<(Verb, &str)> {
    let first = sql.split_whitespace().next()?;
    if !(first.eq_ignore_ascii_case("WITH") || verb_of(first).is_some()) {
        return None;
    }
    let mut words = sql
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty());
    while let Some(word) = words.next() {
        let Some(verb) = verb_of(word) else { continue };
        let mut table = words.next().unwrap_or_default();
        if ["INTO", "FROM"]
            .iter()
            .any(|k| table.eq_ignore_ascii_case(k))
        {
            table = words.next().unwrap_or_default();
        }
        return Some((verb, table.trim_matches(['"', '`'])));
    }
    // `WITH … SELECT`: a read.
    None
}

fn verb_of(word: &str) -> Option<Verb> {
    [
        ("INSERT", Verb::Insert),
        ("UPDATE", Verb::Update),
        ("DELETE", Verb::Delete),
    ]
    .into_iter()
    .find_map(|(k, v)| word.eq_ignore_ascii_case(k).then_some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_write_nothing() {
        for sql in [
            r#"SELECT "courses"."id" FROM "courses" WHERE "code" = $1"#,
            "  select 1",
            "WITH x AS (SELECT 1) SELECT * FROM x",
            r#"SELECT "id" FROM "attempts" WHERE "id" = $1 FOR UPDATE"#,
            "PRAGMA wal_checkpoint(PASSIVE)",
            "",
        ] {
            assert_eq!(written_table(sql), None, "{sql}");
        }
    }

    #[test]
    fn writes_name_their_table() {
        let cases = [
            (
                r#"INSERT INTO "courses" ("code") VALUES ($1) RETURNING "id""#,
                (Verb::Insert, "courses"),
            ),
            (
                r#"UPDATE "user_roles" SET "unit_id" = $1"#,
                (Verb::Update, "user_roles"),
            ),
            (
                "DELETE FROM sessions WHERE id = ?",
                (Verb::Delete, "sessions"),
            ),
            (
                "WITH v(v_item, v_at) AS (VALUES (?, ?)) UPDATE attempt_items SET answer = 1 \
                 FROM v WHERE EXISTS (SELECT 1 FROM attempts)",
                (Verb::Update, "attempt_items"),
            ),
            (
                "insert into `people`(id) values (1)",
                (Verb::Insert, "people"),
            ),
        ];
        for (sql, expected) in cases {
            assert_eq!(written_table(sql), Some(expected), "{sql}");
        }
    }

    #[test]
    fn logs_answers_and_session_timers_change_nothing_kept() {
        for sql in [
            r#"INSERT INTO "audit_log" ("action") VALUES ($1)"#,
            r#"INSERT INTO "login_failures" ("login") VALUES ($1)"#,
            r#"DELETE FROM "login_failures" WHERE "at" < $1"#,
            "WITH v(a) AS (VALUES (1)) UPDATE attempt_items SET answer = v.a FROM v",
            r#"INSERT INTO "sessions" ("token_hash") VALUES ($1)"#,
            r#"UPDATE "sessions" SET "last_seen_at" = $1 WHERE "id" = $2"#,
            r#"INSERT INTO "xapi_outbox" ("statement_id") VALUES ($1) ON CONFLICT ("statement_id") DO NOTHING"#,
            r#"UPDATE "xapi_outbox" SET "state" = $1 WHERE "id" IN ($2)"#,
        ] {
            assert!(!changes_kept(sql), "{sql}");
        }
        for sql in [
            r#"DELETE FROM "sessions" WHERE "token_hash" = $1"#,
            r#"UPDATE "users" SET "disabled" = $1"#,
            r#"INSERT INTO "lesson_completions" ("lesson_id") VALUES ($1)"#,
            r#"UPDATE "attempts" SET "status" = 'submitted'"#,
        ] {
            assert!(changes_kept(sql), "{sql}");
        }
    }

    async fn watched() -> (DatabaseConnection, WriteWatch, Generation) {
        let mut opts = sea_orm::ConnectOptions::new("sqlite::memory:");
        opts.max_connections(1);
        let mut db = sea_orm::Database::connect(opts).await.unwrap();
        let generation = Generation::default();
        let watch = WriteWatch::install(&mut db, generation.clone());
        use sea_orm::ConnectionTrait;
        db.execute_unprepared(
            "CREATE TABLE courses (id INTEGER); CREATE TABLE audit_log (id INTEGER)",
        )
        .await
        .unwrap();
        (db, watch, generation)
    }

    async fn run(db: &DatabaseConnection, sql: &str) -> Result<(), sea_orm::DbErr> {
        use sea_orm::ConnectionTrait;
        let stmt = sea_orm::Statement::from_string(db.get_database_backend(), sql);
        db.execute_raw(stmt).await.map(|_| ())
    }

    #[tokio::test]
    async fn a_request_bumps_once_it_is_done_and_only_if_it_wrote_something_kept() {
        let (db, watch, generation) = watched().await;
        let before = generation.current();
        watch
            .track(async {
                run(&db, "SELECT * FROM courses").await.unwrap();
                run(&db, "INSERT INTO audit_log (id) VALUES (1)")
                    .await
                    .unwrap();
                run(&db, "INSERT INTO nowhere (id) VALUES (1)")
                    .await
                    .unwrap_err();
            })
            .await;
        assert_eq!(
            generation.current(),
            before,
            "a read, a log line, a failed write"
        );
        watch
            .track(async {
                run(&db, "INSERT INTO courses (id) VALUES (1)")
                    .await
                    .unwrap();
                run(&db, "UPDATE courses SET id = 2").await.unwrap();
                assert_eq!(generation.current(), before, "not before the request ends");
            })
            .await;
        assert_eq!(generation.current(), before + 1, "once, when it ends");
    }

    #[tokio::test]
    async fn a_write_outside_a_request_bumps_at_once() {
        let (db, _watch, generation) = watched().await;
        let before = generation.current();
        run(&db, "DELETE FROM courses").await.unwrap();
        assert_eq!(generation.current(), before + 1);
        run(&db, "DELETE FROM audit_log").await.unwrap();
        assert_eq!(generation.current(), before + 1);
    }
}

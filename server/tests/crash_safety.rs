//! Crash safety (issue 17, "Proof beyond the holes"): `hocvu serve` is killed with SIGKILL while
//! 500 learners are answering an assessment and an administrator's roster import is being
//! written; the server restarts on the same database, and then
//! - every answer acknowledged before the kill is stored (the last acknowledged one of each
//!   question, or a later one whose reply never came),
//! - the roster import is wholly there or wholly absent (people, assignments, their audit entries),
//! - nothing else changed (the row count of every table, the attempts all still open),
//! - and a learner goes on answering.
//!
//! Runs on SQLite by default and on PostgreSQL with `HOCVU_TEST_PG`. The database is prepared on
//! a runtime of its own that is dropped before the server starts, so only the killed process
//! held the database (on SQLite, the restarted server is the one that recovers the WAL).
mod support;

use std::collections::{BTreeMap, HashMap};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use domain::learning::grading::Answer;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, Database, DatabaseConnection, DbBackend,
    EntityTrait, QueryFilter, Set, Statement, TransactionTrait,
};
use service::entity::{attempt_item, question, user, user_role};
use tokio::task::JoinSet;

use support::fresh_database_url;

/// Learners answering at once (`HOCVU_CRASH_LEARNERS` to change it).
const LEARNERS: usize = 500;
/// Rows of the roster file: enough that its transaction is still being written when the kill
/// comes (`HOCVU_CRASH_ROWS` to change it).
const ROSTER_ROWS: usize = 40_000;
/// The assessment every learner takes (18 questions).
const QUIZ: &str = "DG-LCKNS";
/// Answers acknowledged, at least, before the kill.
const MIN_ACKS: u64 = 300;
/// Answers one learner sends at most (a bound; the kill normally comes long before).
const MAX_ANSWERS: u64 = 400;
/// On SQLite the import's transaction holds the one writer connection, so answers stop being
/// acknowledged: a pause this long, with the import in flight, means it is being written.
const STALL: Duration = Duration::from_millis(300);
/// How long the test waits for the import to reach its writing phase.
const PHASE_TIMEOUT: Duration = Duration::from_secs(90);
/// Longest wait for any one reply.
const REPLY_TIMEOUT: Duration = Duration::from_secs(30);
const UNIT_ROOT: &str = "CRASH-T";
const SUBUNITS: usize = 8;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------------
// The server process.

/// A `hocvu serve` child process, killed (SIGKILL) and reaped when dropped.
struct Serve {
    child: Child,
    base: String,
}

impl Drop for Serve {
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

/// Starts `hocvu serve` on `db_url` and waits (up to 30 s) for `/healthz`.
async fn serve(db_url: &str) -> Serve {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .arg("serve")
        .env("DATABASE_URL", db_url)
        .env("HOCVU_ADDR", format!("127.0.0.1:{port}"))
        .env("HOCVU_LOG", "warn")
        // Reading the demo's lessons aloud would take a core for seconds: not what is tested.
        .env("HOCVU_ESPEAK", "off")
        .stdout(Stdio::null())
        .spawn()
        .expect("the hocvu binary starts");
    let server = Serve {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..300 {
        if let Ok(r) = reqwest::get(format!("{}/healthz", server.base)).await
            && r.status() == 200
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("hocvu serve did not answer /healthz on {}", server.base);
}

impl Serve {
    /// SIGKILL (what `Child::kill` sends on Unix), then reaps the process.
    fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        let status = self.child.wait().unwrap();
        assert!(!status.success(), "killed, not exited: {status:?}");
    }
}

/// One client for every learner (each request carries its learner's cookie), sending the
/// app's Origin as the page would, never following redirects.
fn client(base: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", base.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REPLY_TIMEOUT)
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Preparing the database.

struct Prepared {
    admin_id: i32,
    /// `hv_session=…` of the administrator, then of each learner.
    admin_cookie: String,
    learner_cookies: Vec<String>,
}

/// Demo content, units, an administrator and `n` learners with a session each (written
/// directly, one transaction, no password hashing), on a runtime that is gone when this returns.
fn prepare(db_url: &str, n: usize) -> Prepared {
    let url = db_url.to_owned();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let db = service::db::connect(&url).await.expect("database");
            service::demo::courses::seed(&db).await.unwrap();
            service::demo::quizzes::seed(&db).await.unwrap();
            service::hr::units::create(
                &db,
                service::province::FIRST,
                UNIT_ROOT,
                "Tỉnh Thử Nghiệm",
                domain::UnitLevel::Tinh,
                None,
            )
            .await
            .unwrap();
            for k in 0..SUBUNITS {
                let code = format!("CRASH-X{k}");
                let name = format!("Xã Thử Nghiệm {k}");
                service::hr::units::create(
                    &db,
                    service::province::FIRST,
                    &code,
                    &name,
                    domain::UnitLevel::Xa,
                    Some(UNIT_ROOT),
                )
                .await
                .unwrap();
            }
            let txn = db.begin().await.unwrap();
            let admin_id = account(&txn, "crash-admin", domain::Role::Admin).await;
            let admin = service::access::sessions::create(&txn, admin_id)
                .await
                .unwrap();
            let mut learners = Vec::with_capacity(n);
            for i in 0..n {
                let id = account(&txn, &format!("crash-{i:04}"), domain::Role::Learner).await;
                learners.push(service::access::sessions::create(&txn, id).await.unwrap());
            }
            txn.commit().await.unwrap();
            db.close().await.unwrap();
            let cookie = |token: &str| format!("hv_session={token}");
            Prepared {
                admin_id,
                admin_cookie: cookie(&admin),
                learner_cookies: learners.iter().map(|t| cookie(t)).collect(),
            }
        })
    })
    .join()
    .expect("preparing the database")
}

/// An account with one role and no usable password (`!` matches no hash).
async fn account(db: &impl ConnectionTrait, login: &str, role: domain::Role) -> i32 {
    let at = service::now();
    let user = user::ActiveModel {
        login: Set(login.to_owned()),
        full_name: Set(format!("Người Thử Nghiệm {login}")),
        password_hash: Set("!".into()),
        disabled: Set(false),
        consent_at: Set(Some(at)),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    user_role::ActiveModel {
        user_id: Set(user.id),
        role: Set(role.as_str().to_owned()),
        unit_id: Set(None),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    user.id
}

/// A roster of `rows` new people, one assignment each, in the test's units.
fn roster(rows: usize) -> String {
    let mut csv = String::from("ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "CRASH{i:06},Nguyễn Văn Thử {i},CRASH-X{},cong_chuc,2025-01-01\n",
            i % SUBUNITS
        ));
    }
    csv
}

// ---------------------------------------------------------------------------------------------
// Reading the database.

async fn connect(db_url: &str) -> DatabaseConnection {
    Database::connect(db_url)
        .await
        .expect("the test reaches the database")
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    let stmt = Statement::from_string(db.get_database_backend(), sql.to_owned());
    db.query_one_raw(stmt)
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// The row count of every table of the database.
async fn fingerprint(db: &DatabaseConnection) -> BTreeMap<String, i64> {
    let list = match db.get_database_backend() {
        DbBackend::Postgres => "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let stmt = Statement::from_string(db.get_database_backend(), list.to_owned());
    let mut out = BTreeMap::new();
    for row in db.query_all_raw(stmt).await.unwrap() {
        let table: String = row.try_get_by_index(0).unwrap();
        let n = scalar(db, &format!("SELECT COUNT(*) FROM \"{table}\"")).await;
        out.insert(table, n);
    }
    out
}

/// The import's own rows: people and assignments of the file, audit entries it wrote.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
struct ImportRows {
    people: i64,
    assignments: i64,
    audit: i64,
}

async fn import_rows(db: &DatabaseConnection, admin_id: i32) -> ImportRows {
    ImportRows {
        people: scalar(
            db,
            "SELECT COUNT(*) FROM people WHERE staff_code LIKE 'CRASH%'",
        )
        .await,
        assignments: scalar(
            db,
            "SELECT COUNT(*) FROM assignments a JOIN people p ON p.id = a.person_id \
             WHERE p.staff_code LIKE 'CRASH%'",
        )
        .await,
        audit: scalar(
            db,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE actor_user_id = {admin_id} \
                 AND object_kind IN ('person', 'assignment')"
            ),
        )
        .await,
    }
}

/// On PostgreSQL: has a transaction of another connection written into `people` without
/// committing yet? (Only the import writes there.)
async fn import_txn_open(db: &DatabaseConnection) -> bool {
    scalar(
        db,
        "SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation \
         WHERE c.relname = 'people' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()",
    )
    .await
        > 0
}

/// On PostgreSQL: waits (up to 20 s) until no connection of the killed server is left, so
/// nothing of it commits after the checks read the database.
async fn wait_for_orphans(db: &DatabaseConnection) {
    for _ in 0..200 {
        let others = scalar(
            db,
            "SELECT COUNT(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .await;
        if others == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the killed server's PostgreSQL connections did not end");
}

// ---------------------------------------------------------------------------------------------
// The learners' answers: for each drawn question and each round `k`, the form the question
// page would post and the answer the server must then store; consecutive rounds differ.

/// One drawn question of an attempt.
#[derive(Clone, Debug)]
struct Item {
    position: u32,
    kind: String,
    /// Stored option indices in the order shown.
    order: Vec<usize>,
}

impl Item {
    fn n(&self) -> usize {
        self.order.len().max(1)
    }

    /// The urlencoded form of round `k`.
    fn form(&self, k: u32) -> String {
        let (n, k) = (self.n(), k as usize);
        let mut f = vec![("cau".to_owned(), self.position.to_string())];
        match self.kind.as_str() {
            "true_false" => f.push(("dung".into(), if k % 2 == 1 { "1" } else { "0" }.into())),
            "short_answer" => f.push(("tra_loi".into(), text(k))),
            "ordering" => {
                for id in 0..n {
                    f.push((format!("thu_tu_{id}"), ((id + k) % n + 1).to_string()));
                }
            }
            "matching" => {
                for left in 0..n {
                    f.push((format!("ghep_{left}"), ((left + k) % n).to_string()));
                }
            }
            _ => f.push(("chon".into(), (k % n).to_string())),
        }
        f.iter()
            .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The answer stored after round `k`, in stored option indices.
    fn expected(&self, k: u32) -> Answer {
        let (n, k) = (self.n(), k as usize);
        let stored = |shown: usize| self.order.get(shown).copied().unwrap_or(usize::MAX);
        match self.kind.as_str() {
            "true_false" => Answer::Truth(k % 2 == 1),
            "short_answer" => Answer::Text(text(k)),
            "ordering" => {
                let mut ids: Vec<usize> = (0..n).collect();
                ids.sort_by_key(|&id| ((id + k) % n + 1, id));
                Answer::Order(ids.into_iter().map(stored).collect())
            }
            "matching" => Answer::Pairs((0..n).map(|l| Some(stored((l + k) % n))).collect()),
            _ => Answer::Choices(vec![stored(k % n)]),
        }
    }
}

fn text(k: usize) -> String {
    format!("Câu trả lời {k}")
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The drawn questions of each attempt, in order of position.
async fn items_of(db: &DatabaseConnection, attempts: &[i32]) -> HashMap<i32, Vec<Item>> {
    let kinds: HashMap<i32, String> = question::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|q| (q.id, q.kind))
        .collect();
    let mut out: HashMap<i32, Vec<Item>> = HashMap::new();
    for row in item_rows(db, attempts).await {
        out.entry(row.attempt_id).or_default().push(Item {
            position: row.position as u32,
            kind: kinds[&row.question_id].clone(),
            order: serde_json::from_str(&row.option_order).unwrap_or_default(),
        });
    }
    for items in out.values_mut() {
        items.sort_by_key(|i| i.position);
    }
    out
}

async fn item_rows(db: &DatabaseConnection, attempts: &[i32]) -> Vec<attempt_item::Model> {
    let mut rows = Vec::new();
    for chunk in attempts.chunks(400) {
        rows.extend(
            attempt_item::Entity::find()
                .filter(attempt_item::Column::AttemptId.is_in(chunk.iter().copied()))
                .all(db)
                .await
                .unwrap(),
        );
    }
    rows
}

/// The stored answer of every (attempt, position).
async fn stored_answers(
    db: &DatabaseConnection,
    attempts: &[i32],
) -> HashMap<(i32, u32), Option<Answer>> {
    item_rows(db, attempts)
        .await
        .into_iter()
        .map(|r| {
            let answer = r
                .answer
                .map(|a| serde_json::from_str(&a).expect("stored answer"));
            ((r.attempt_id, r.position as u32), answer)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Driving the learners.

#[derive(Clone)]
struct Learner {
    cookie: String,
    attempt: i32,
    items: Vec<Item>,
}

/// What the learners did, shared with the test's main task while they run.
#[derive(Default)]
struct Progress {
    acks: AtomicU64,
    /// Milliseconds since `Run::t0` of the latest acknowledgement.
    last_ack_ms: AtomicU64,
    stop: AtomicBool,
}

/// What one learner knows after the run.
struct Outcome {
    learner: Learner,
    /// Per item: the round of the last acknowledged answer.
    acked: Vec<Option<u32>>,
    /// Per item: rounds sent after the last acknowledgement whose fate is unknown (no reply, or
    /// a reply other than "saved"): each may be what is stored.
    doubtful: Vec<Vec<u32>>,
    refused: u64,
}

/// Starts every learner's attempt (`POST /bai-kiem-tra/{quiz}/bat-dau`, 303 to
/// `/bai-lam/{id}?cau=1`), 64 at a time; the attempt ids in learner order.
async fn start_attempts(http: &reqwest::Client, base: &str, cookies: &[String]) -> Vec<i32> {
    let gate = Arc::new(tokio::sync::Semaphore::new(64));
    let mut tasks = JoinSet::new();
    for (i, cookie) in cookies.iter().enumerate() {
        let (http, gate, cookie) = (http.clone(), gate.clone(), cookie.clone());
        let url = format!("{base}/bai-kiem-tra/{QUIZ}/bat-dau");
        tasks.spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            let res = http
                .post(url)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "starting an attempt");
            let to = res.headers()["location"].to_str().unwrap().to_owned();
            let id = to
                .strip_prefix("/bai-lam/")
                .and_then(|r| r.strip_suffix("?cau=1"))
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or_else(|| panic!("started to {to}"));
            (i, id)
        });
    }
    let mut ids = vec![0; cookies.len()];
    while let Some(done) = tasks.join_next().await {
        let (i, id) = done.unwrap();
        ids[i] = id;
    }
    ids
}

/// Saves answers back to back, cycling through the questions, until told to stop, the server
/// is gone, or `MAX_ANSWERS`.
async fn answer_loop(
    http: reqwest::Client,
    base: String,
    me: Learner,
    progress: Arc<Progress>,
    t0: Instant,
) -> Outcome {
    let n = me.items.len();
    let mut out = Outcome {
        acked: vec![None; n],
        doubtful: vec![Vec::new(); n],
        refused: 0,
        learner: me,
    };
    let url = format!("{base}/bai-lam/{}/tra-loi", out.learner.attempt);
    for sent in 0..MAX_ANSWERS {
        if progress.stop.load(Ordering::SeqCst) || n == 0 {
            break;
        }
        let (i, round) = ((sent % n as u64) as usize, (sent / n as u64) as u32);
        let item = &out.learner.items[i];
        let saved_to = format!("/bai-lam/{}?cau={}", out.learner.attempt, item.position);
        let reply = http
            .post(&url)
            .header("cookie", &out.learner.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(item.form(round))
            .send()
            .await;
        match reply {
            Ok(r) if r.status() == 303 && r.headers()["location"] == saved_to.as_str() => {
                out.acked[i] = Some(round);
                out.doubtful[i].clear();
                progress.acks.fetch_add(1, Ordering::SeqCst);
                progress
                    .last_ack_ms
                    .fetch_max(t0.elapsed().as_millis() as u64, Ordering::SeqCst);
            }
            Ok(_) => {
                out.doubtful[i].push(round);
                out.refused += 1;
            }
            Err(_) => {
                // No reply (the server is gone): saved or not, nobody knows.
                out.doubtful[i].push(round);
                break;
            }
        }
    }
    out
}

/// What the stored answers say against what the learners were told.
#[derive(Debug, Default)]
struct Check {
    /// Questions with an acknowledged answer.
    acknowledged: u64,
    /// Of those, a later unanswered send leaves two possible values.
    either: u64,
    /// Mismatches, described (at most a few kept).
    problems: Vec<String>,
    mismatches: u64,
}

fn check(outcomes: &[Outcome], stored: &HashMap<(i32, u32), Option<Answer>>) -> Check {
    let mut c = Check::default();
    for o in outcomes {
        for (i, item) in o.learner.items.iter().enumerate() {
            let got = stored
                .get(&(o.learner.attempt, item.position))
                .expect("every drawn question is still there");
            let mut allowed: Vec<Option<Answer>> = vec![o.acked[i].map(|k| item.expected(k))];
            allowed.extend(o.doubtful[i].iter().map(|&k| Some(item.expected(k))));
            if o.acked[i].is_some() {
                c.acknowledged += 1;
                if !o.doubtful[i].is_empty() {
                    c.either += 1;
                }
            }
            if !allowed.contains(got) {
                c.mismatches += 1;
                if c.problems.len() < 5 {
                    c.problems.push(format!(
                        "attempt {} question {} ({}): acknowledged round {:?}, in doubt {:?}, \
                         expected one of {allowed:?}, stored {got:?}",
                        o.learner.attempt, item.position, item.kind, o.acked[i], o.doubtful[i]
                    ));
                }
            }
        }
    }
    c
}

// ---------------------------------------------------------------------------------------------
// The test.

/// When the import is being written: on PostgreSQL its transaction holds a lock on `people`;
/// on SQLite it holds the one writer connection, so no answer has been acknowledged for `STALL`.
async fn writing_import(
    probe: Option<&DatabaseConnection>,
    progress: &Progress,
    t0: Instant,
) -> bool {
    match probe {
        Some(pg) => import_txn_open(pg).await,
        None => {
            let now = t0.elapsed().as_millis() as u64;
            now.saturating_sub(progress.last_ack_ms.load(Ordering::SeqCst))
                >= STALL.as_millis() as u64
        }
    }
}

/// A number in `0..n` that differs from run to run.
fn random_below(n: u64) -> u64 {
    u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap()) % n.max(1)
}

/// When the server is killed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kill {
    /// While the import's transaction is being written (a little after it is seen).
    WhileWriting,
    /// Right after the import's reply (200), the learners still answering.
    AfterImport,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_while_an_import_is_written_loses_no_acknowledged_answer_and_no_part_import() {
    crash_and_restart(Kill::WhileWriting).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_after_an_import_is_acknowledged_keeps_it_and_every_acknowledged_answer() {
    crash_and_restart(Kill::AfterImport).await;
}

/// Prepares, starts the server and the attempts, kills it while learners answer and the import
/// runs (`when`), restarts it and checks the database.
async fn crash_and_restart(when: Kill) {
    let began = Instant::now();
    // The acknowledged import only has to finish before the kill: a smaller file will do.
    let rows = match when {
        Kill::WhileWriting => setting("HOCVU_CRASH_ROWS", ROSTER_ROWS),
        Kill::AfterImport => setting("HOCVU_CRASH_ROWS", ROSTER_ROWS) / 8,
    };
    let (scene, mut server) = set_scene(rows).await;
    eprintln!("{when:?}: ready in {:.1} s", began.elapsed().as_secs_f64());
    let outcomes = answer_import_and_kill(&scene, &mut server, when).await;
    drop(server);
    if scene.on_pg {
        let pg = connect(&scene.db_url).await;
        wait_for_orphans(&pg).await;
        pg.close().await.unwrap();
    }

    // Restart on the same database (on SQLite this process recovers the write-ahead log).
    let t = Instant::now();
    let server = serve(&scene.db_url).await;
    eprintln!("restarted in {:.2} s", t.elapsed().as_secs_f64());
    let db = connect(&scene.db_url).await;
    let after = fingerprint(&db).await;
    check_answers(&db, &scene, &outcomes).await;
    let import = check_import(&db, &scene, &after, when).await;
    eprintln!(
        "import {}",
        if import.people == 0 {
            "wholly absent"
        } else {
            "wholly there"
        }
    );
    // Nothing else changed.
    let others = |m: &BTreeMap<String, i64>| -> BTreeMap<String, i64> {
        m.iter()
            .filter(|(t, _)| !matches!(t.as_str(), "people" | "assignments" | "audit_log"))
            .map(|(t, n)| (t.clone(), *n))
            .collect()
    };
    assert_eq!(
        others(&after),
        others(&scene.before),
        "row counts besides the import's"
    );
    go_on_answering(&db, &server, &outcomes[0]).await;
    db.close().await.unwrap();
    eprintln!("whole test {:.1} s", began.elapsed().as_secs_f64());
}

/// Everything before the learners answer: the database, the server, the started attempts.
struct Scene {
    db_url: String,
    on_pg: bool,
    rows: usize,
    prepared: Prepared,
    learners: Vec<Learner>,
    /// Row counts with every attempt started, before any answer or import.
    before: BTreeMap<String, i64>,
}

async fn set_scene(rows: usize) -> (Scene, Serve) {
    let learners_n = setting("HOCVU_CRASH_LEARNERS", LEARNERS);
    let db_url = fresh_database_url().await;
    let prepared = prepare(&db_url, learners_n);
    let server = serve(&db_url).await;
    let t = Instant::now();
    let http = client(&server.base);
    let attempts = start_attempts(&http, &server.base, &prepared.learner_cookies).await;
    eprintln!(
        "{} attempts started in {:.1} s",
        attempts.len(),
        t.elapsed().as_secs_f64()
    );
    let db = connect(&db_url).await;
    let before = fingerprint(&db).await;
    let items = items_of(&db, &attempts).await;
    db.close().await.unwrap();
    assert_eq!(
        before["attempts"], learners_n as i64,
        "one attempt per learner"
    );
    let learners = prepared
        .learner_cookies
        .iter()
        .zip(&attempts)
        .map(|(cookie, &attempt)| Learner {
            cookie: cookie.clone(),
            attempt,
            items: items[&attempt].clone(),
        })
        .collect();
    let scene = Scene {
        on_pg: db_url.starts_with("postgres"),
        db_url,
        rows,
        prepared,
        learners,
        before,
    };
    (scene, server)
}

/// The import's reply: status, time taken, body; `None` when none came.
type ImportReply = Option<(u16, Duration, String)>;

/// Posts the roster as the administrator; the reply, once it has come (`done` then set).
fn post_import(
    http: &reqwest::Client,
    scene: &Scene,
    base: &str,
    done: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<ImportReply> {
    let http = http.clone();
    let url = format!("{base}/api/v1/roster/import");
    let (cookie, body) = (scene.prepared.admin_cookie.clone(), roster(scene.rows));
    tokio::spawn(async move {
        let sent = Instant::now();
        let res = http
            .post(url)
            .header("cookie", cookie)
            .header("content-type", "text/csv")
            .timeout(Duration::from_secs(120))
            .body(body)
            .send()
            .await;
        let reply = match res {
            Ok(r) => Some((
                r.status().as_u16(),
                sent.elapsed(),
                r.text().await.unwrap_or_default(),
            )),
            Err(_) => None,
        };
        done.store(true, Ordering::SeqCst);
        reply
    })
}

/// Learners answer; meanwhile the administrator posts the roster; the server is killed when
/// enough answers are acknowledged and the import is being written (plus a random moment), or,
/// for `Kill::AfterImport`, as soon as the import's reply has come.
async fn answer_import_and_kill(scene: &Scene, server: &mut Serve, when: Kill) -> Vec<Outcome> {
    let http = client(&server.base);
    let progress = Arc::new(Progress::default());
    let t0 = Instant::now();
    let mut answering = JoinSet::new();
    for me in scene.learners.iter().cloned() {
        let (http, base, progress) = (http.clone(), server.base.clone(), progress.clone());
        answering.spawn(answer_loop(http, base, me, progress, t0));
    }
    let import_done = Arc::new(AtomicBool::new(false));
    let import = post_import(&http, scene, &server.base, import_done.clone());

    let probe = if scene.on_pg {
        Some(connect(&scene.db_url).await)
    } else {
        None
    };
    let deadline = Instant::now() + PHASE_TIMEOUT;
    let mut writing_at = None;
    while Instant::now() < deadline && !import_done.load(Ordering::SeqCst) {
        if writing_at.is_none()
            && progress.acks.load(Ordering::SeqCst) >= MIN_ACKS
            && writing_import(probe.as_ref(), &progress, t0).await
        {
            writing_at = Some(t0.elapsed());
            if when == Kill::WhileWriting {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    if let Some(pg) = probe {
        pg.close().await.unwrap();
    }
    let extra = Duration::from_millis(match when {
        Kill::WhileWriting if writing_at.is_some() => random_below(250),
        _ => 0,
    });
    tokio::time::sleep(extra).await;
    let in_flight = !import_done.load(Ordering::SeqCst);
    let acks_at_kill = progress.acks.load(Ordering::SeqCst);
    let killed_at = t0.elapsed();
    server.kill();
    progress.stop.store(true, Ordering::SeqCst);
    let mut outcomes = Vec::with_capacity(scene.learners.len());
    while let Some(done) = answering.join_next().await {
        outcomes.push(done.unwrap());
    }
    outcomes.sort_by_key(|o| o.learner.attempt);
    let reply = import.await.unwrap();
    eprintln!(
        "killed {:.2} s after the import was posted (writing seen at {:?} s, then {} ms more; \
         import in flight: {in_flight}, reply {:?}); {acks_at_kill} answers acknowledged",
        killed_at.as_secs_f64(),
        writing_at.map(|t| t.as_secs_f64()),
        extra.as_millis(),
        reply
            .as_ref()
            .map(|(status, took, _)| (status, took.as_secs_f64())),
    );
    match when {
        Kill::WhileWriting => assert!(
            writing_at.is_some() && in_flight,
            "the kill must come while the import is being written (reply: {reply:?}); \
             raise HOCVU_CRASH_ROWS"
        ),
        Kill::AfterImport => assert!(
            matches!(reply, Some((200, _, _))),
            "the import is acknowledged before the kill: {reply:?}"
        ),
    }
    outcomes
}

/// Every acknowledged answer is stored, no other answer changed, every attempt still open.
async fn check_answers(db: &DatabaseConnection, scene: &Scene, outcomes: &[Outcome]) {
    let attempts: Vec<i32> = scene.learners.iter().map(|l| l.attempt).collect();
    let c = check(outcomes, &stored_answers(db, &attempts).await);
    let refused: u64 = outcomes.iter().map(|o| o.refused).sum();
    eprintln!(
        "{} questions with an acknowledged answer checked ({} of them with a later answer in \
         doubt), {refused} answers refused before the kill",
        c.acknowledged, c.either
    );
    assert!(c.acknowledged >= MIN_ACKS.min(scene.learners.len() as u64));
    assert_eq!(
        c.mismatches, 0,
        "answers lost or changed: {:#?}",
        c.problems
    );
    let open = scalar(db, "SELECT COUNT(*) FROM attempts WHERE status = 'open'").await;
    assert_eq!(open, attempts.len() as i64, "every attempt still open");
}

/// The import is wholly there or wholly absent (wholly there when it was acknowledged), and
/// people, assignments and the audit log changed by its rows only.
async fn check_import(
    db: &DatabaseConnection,
    scene: &Scene,
    after: &BTreeMap<String, i64>,
    when: Kill,
) -> ImportRows {
    let import = import_rows(db, scene.prepared.admin_id).await;
    let rows = scene.rows as i64;
    let none = ImportRows {
        people: 0,
        assignments: 0,
        audit: 0,
    };
    let all = ImportRows {
        people: rows,
        assignments: rows,
        audit: 2 * rows,
    };
    assert!(
        import == none || import == all,
        "the import is partly there: {import:?} of {all:?}"
    );
    if when == Kill::AfterImport {
        assert_eq!(import, all, "an acknowledged import is wholly there");
    }
    let delta = |table: &str| after[table] - scene.before[table];
    assert_eq!(delta("people"), import.people);
    assert_eq!(delta("assignments"), import.assignments);
    assert_eq!(
        delta("audit_log"),
        import.audit,
        "no audit entry but the import's"
    );
    import
}

/// The restarted server takes the learner's next answer, and stores it.
async fn go_on_answering(db: &DatabaseConnection, server: &Serve, me: &Outcome) {
    let item = &me.learner.items[0];
    let sent = me.acked[0]
        .into_iter()
        .chain(me.doubtful[0].iter().copied());
    let round = sent.max().map_or(0, |k| k + 1);
    let res = client(&server.base)
        .post(format!(
            "{}/bai-lam/{}/tra-loi",
            server.base, me.learner.attempt
        ))
        .header("cookie", &me.learner.cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(item.form(round))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/bai-lam/{}?cau={}", me.learner.attempt, item.position).as_str(),
        "saved after the restart"
    );
    let stored = stored_answers(db, &[me.learner.attempt]).await;
    assert_eq!(
        stored[&(me.learner.attempt, item.position)],
        Some(item.expected(round)),
        "the answer given after the restart is stored"
    );
}

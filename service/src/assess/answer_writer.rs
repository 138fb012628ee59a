//! Saves answers in groups. Each save still waits until its answer is committed, but the saves
//! that arrive while a write is under way go to the database together, as one statement in one
//! transaction: one commit (one WAL flush) for many answers instead of one each. That is what
//! keeps an assessment taken by hundreds at once quick on PostgreSQL, where every commit waits
//! for its fsync.
//!
//! The statement keeps the guard of a single save: an answer is written only while its attempt
//! is still open (a submit that lands first wins), and the caller learns, answer by answer,
//! whether it was written.
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr};
use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::sql::Sql;

/// Answers written by one statement at most (four bound values each).
const MAX_GROUP: usize = 256;
/// Saves waiting for the writer at most; past this a save waits for room.
const QUEUE: usize = 8_192;

/// One answer to write: the attempt item, its attempt, the stored answer and when it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub item_id: i32,
    pub attempt_id: i32,
    pub answer: String,
    pub at: i64,
}

/// A queued save (its fields are the writer's own).
pub struct Job {
    row: Row,
    done: oneshot::Sender<Result<bool, DbErr>>,
}

/// Where saves go: straight to the database one at a time, or to a background writer that
/// groups them. Cheap to clone.
#[derive(Clone, Debug)]
pub enum AnswerWriter {
    Direct(DatabaseConnection),
    Grouped(mpsc::Sender<Job>),
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("item_id", &self.row.item_id)
            .finish()
    }
}

impl AnswerWriter {
    /// Starts the background writer on the current runtime. `lanes` statements may run at
    /// once: 1 for SQLite (one writer connection anyway), a few for PostgreSQL.
    pub fn start(db: DatabaseConnection, lanes: usize) -> AnswerWriter {
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, rx, lanes.max(1)));
        AnswerWriter::Grouped(tx)
    }

    /// How many statements the engine behind `db` is given at once.
    pub fn lanes_for(db: &DatabaseConnection) -> usize {
        match db.get_database_backend() {
            DbBackend::Postgres => 4,
            _ => 1,
        }
    }

    /// Writes one answer if its attempt is still open; `Ok(false)` when it is not (or the
    /// item is not that attempt's).
    pub async fn save(&self, row: Row) -> Result<bool, DbErr> {
        match self {
            AnswerWriter::Direct(db) => Ok(write_group(db, std::slice::from_ref(&row))
                .await?
                .contains(&row.item_id)),
            AnswerWriter::Grouped(tx) => {
                let (done, answer) = oneshot::channel();
                let stopped = || DbErr::Custom("the answer writer has stopped".into());
                // A place first, then the job at once: a save dropped while waiting for room
                // has queued nothing, so the queue depth counts only what was sent.
                let place = tx.reserve().await.map_err(|_| stopped())?;
                crate::telemetry::global().answers.enqueued();
                place.send(Job { row, done });
                answer.await.map_err(|_| stopped())?
            }
        }
    }
}

/// Takes whatever is waiting (up to [`MAX_GROUP`]) each time a lane is free.
async fn run(db: DatabaseConnection, mut rx: mpsc::Receiver<Job>, lanes: usize) {
    let lanes = Arc::new(Semaphore::new(lanes));
    let counts = &crate::telemetry::global().answers;
    while let Some(first) = rx.recv().await {
        let Ok(lane) = lanes.clone().acquire_owned().await else {
            return;
        };
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        // Counted once taken: what waits for a free lane is still queued.
        counts.dequeued(group.len() as u64);
        counts.group_sizes.observe(group.len() as f64);
        let db = db.clone();
        tokio::spawn(async move {
            flush(&db, group).await;
            drop(lane);
        });
    }
}

/// Writes a group and tells each save how it went. Should the grouped statement fail (a
/// deadlock with another lane, say), each answer is tried again on its own.
async fn flush(db: &DatabaseConnection, group: Vec<Job>) {
    let rows: Vec<Row> = last_per_item(group.iter().map(|j| &j.row));
    match write_group(db, &rows).await {
        Ok(written) => {
            for job in group {
                let _ = job.done.send(Ok(written.contains(&job.row.item_id)));
            }
        }
        Err(_) => {
            for job in group {
                let one = write_group(db, std::slice::from_ref(&job.row)).await;
                let _ = job.done.send(one.map(|w| w.contains(&job.row.item_id)));
            }
        }
    }
}

/// One row per item, the last given: within a group the later answer is the one that stands.
fn last_per_item<'a>(rows: impl Iterator<Item = &'a Row>) -> Vec<Row> {
    let mut last: HashMap<i32, &Row> = HashMap::new();
    for r in rows {
        last.insert(r.item_id, r);
    }
    let mut out: Vec<Row> = last.into_values().cloned().collect();
    // The same order in every statement, so two lanes take their row locks in one order.
    out.sort_by_key(|r| r.item_id);
    out
}

/// Writes the rows whose attempt is open, in one statement; returns the items written.
async fn write_group(db: &impl ConnectionTrait, rows: &[Row]) -> Result<HashSet<i32>, DbErr> {
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    let stmt = group_statement(db.get_database_backend(), rows).statement();
    let written = db.query_all_raw(stmt).await?;
    written
        .iter()
        .map(|r| r.try_get_by_index::<i32>(0))
        .collect()
}

fn group_statement(backend: DbBackend, rows: &[Row]) -> Sql {
    let mut sql = Sql::new(backend);
    sql.push("WITH v(v_item, v_attempt, v_answer, v_at) AS (VALUES ");
    for (i, r) in rows.iter().enumerate() {
        sql.push(if i == 0 { "(" } else { ", (" });
        sql.bind(r.item_id).push(", ").bind(r.attempt_id).push(", ");
        sql.bind(r.answer.clone()).push(", ").bind(r.at).push(")");
    }
    sql.push(
        ") UPDATE attempt_items SET answer = v.v_answer, answered_at = v.v_at FROM v \
         WHERE attempt_items.id = v.v_item AND attempt_items.attempt_id = v.v_attempt \
         AND EXISTS (SELECT 1 FROM attempts WHERE attempts.id = v.v_attempt \
         AND attempts.status = 'open') RETURNING attempt_items.id",
    );
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item_id: i32, answer: &str) -> Row {
        Row {
            item_id,
            attempt_id: 1,
            answer: answer.into(),
            at: 5,
        }
    }

    #[test]
    fn the_last_answer_to_an_item_stands_and_items_come_in_order() {
        let given = [row(9, "a"), row(3, "b"), row(9, "c")];
        let kept = last_per_item(given.iter());
        assert_eq!(kept, vec![row(3, "b"), row(9, "c")]);
    }

    #[test]
    fn one_placeholder_per_value_in_each_engines_style() {
        let rows = [row(1, "x"), row(2, "y")];
        let pg = group_statement(DbBackend::Postgres, &rows).statement();
        assert!(
            pg.sql.contains("($1, $2, $3, $4), ($5, $6, $7, $8)"),
            "{}",
            pg.sql
        );
        let lite = group_statement(DbBackend::Sqlite, &rows).statement();
        assert!(lite.sql.contains("(?1, ?2, ?3, ?4), (?5, ?6, ?7, ?8)"));
        assert_eq!(lite.values.map(|v| v.0.len()), Some(8));
    }
}

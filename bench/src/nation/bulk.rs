//! The bulk path for the provinces around the measured one: the same generated files, put into
//! the tables by PostgreSQL's `COPY` and a few `INSERT … SELECT`s instead of row-checking
//! imports (an hour and a half for the nation through the import path on these two cores, a
//! few minutes this way). It keeps the rules the files already keep by construction (every unit
//! code known, one row per person and start date, periods that never overlap) and the ones the
//! import adds on writing: units through the import itself (paths, levels, parents), people and
//! their assignments per province by code, empty cells as no value, and the first dates from the
//! product's own `first_dates::refresh`. What it leaves out is the audit log: a bulk load is
//! no one's edit.
use anyhow::{Context, Result};
use sea_orm::sqlx::postgres::PgPoolCopyExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};

use crate::province::data::DataSet;

/// Staging tables: every cell as text, dropped when the province is in.
const STAGE: &str = "
DROP TABLE IF EXISTS bench_roster, bench_training, bench_assessments;
CREATE UNLOGGED TABLE bench_roster (code text, name text, unit text, kind text, start text,
  finish text, personal_id text, email text, phone text);
CREATE UNLOGGED TABLE bench_training (code text, programme text, done text, mode text, note text);
CREATE UNLOGGED TABLE bench_assessments (code text, assessment text, taken text, score text, passed text)";

/// From the staging tables into the province `{p}`: people (one per staff code, their first
/// row's details as the import keeps them), assignments by staff and unit code, records. What an
/// earlier run cut short left of the province (a roster imported, its records not) goes first.
const MOVE: &str = "
DELETE FROM training_records WHERE person_id IN (SELECT id FROM people WHERE province_id = {p});
DELETE FROM assessment_results WHERE person_id IN (SELECT id FROM people WHERE province_id = {p});
DELETE FROM assignments WHERE person_id IN (SELECT id FROM people WHERE province_id = {p});
DELETE FROM people WHERE province_id = {p};
INSERT INTO people (staff_code, full_name, personal_id, email, phone, province_id)
  SELECT DISTINCT ON (code) code, name, NULLIF(personal_id, ''), NULLIF(email, ''),
    NULLIF(phone, ''), {p} FROM bench_roster ORDER BY code;
INSERT INTO assignments (person_id, unit_id, kind, start_date, end_date)
  SELECT pe.id, u.id, r.kind, to_date(r.start, 'DD/MM/YYYY'), to_date(NULLIF(r.finish, ''), 'DD/MM/YYYY')
  FROM bench_roster r
  JOIN people pe ON pe.province_id = {p} AND pe.staff_code = r.code
  JOIN units u ON u.province_id = {p} AND u.code = r.unit;
INSERT INTO training_records (person_id, programme_code, completed_on, mode, note, source)
  SELECT pe.id, t.programme, CAST(t.done AS date), t.mode, NULLIF(t.note, ''), 'import'
  FROM bench_training t JOIN people pe ON pe.province_id = {p} AND pe.staff_code = t.code;
INSERT INTO assessment_results (person_id, assessment_code, taken_on, score, passed, source)
  SELECT pe.id, a.assessment, CAST(a.taken AS date), CAST(a.score AS double precision),
    a.passed = '1', 'import'
  FROM bench_assessments a JOIN people pe ON pe.province_id = {p} AND pe.staff_code = a.code";

/// Loads the roster and records of `files` into the province with this id (its units are in).
pub async fn load(db: &DatabaseConnection, province_id: i32, files: &DataSet) -> Result<()> {
    db.execute_unprepared(STAGE).await?;
    let pool = db.get_postgres_connection_pool();
    let copies = [
        ("bench_roster", ";", &files.roster.0),
        ("bench_training", ",", &files.training.0),
        ("bench_assessments", ",", &files.assessments.0),
    ];
    for (table, delimiter, path) in copies {
        let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
        let sql =
            format!("COPY {table} FROM STDIN (FORMAT csv, HEADER true, DELIMITER '{delimiter}')");
        let mut copy = pool.copy_in_raw(&sql).await?;
        for chunk in bytes.chunks(1 << 20) {
            copy.send(chunk).await?;
        }
        copy.finish().await?;
    }
    // All of a province or none of it: the next run loads again a province cut short.
    let txn = db.begin().await?;
    txn.execute_unprepared(&MOVE.replace("{p}", &province_id.to_string()))
        .await?;
    let ids = person_ids(&txn, province_id).await?;
    service::hr::first_dates::refresh(&txn, &ids).await?;
    txn.commit().await?;
    db.execute_unprepared("DROP TABLE bench_roster, bench_training, bench_assessments")
        .await?;
    Ok(())
}

async fn person_ids(db: &impl ConnectionTrait, province_id: i32) -> Result<Vec<i32>> {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT id FROM people WHERE province_id = $1",
            [province_id.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<i32>("", "id")?))
        .collect()
}

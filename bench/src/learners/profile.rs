//! The server's database work for one saved answer, done in-process through the service crate
//! one call at a time on the server's pool settings: the session lookup, loading the actor, and
//! `attempts::save_answer`. It tells how much of an answer's time is the database and which step
//! costs what, without HTTP; with one SQLite connection, 1 / (sum of the steps) is also the most
//! answers per second one server process can save.
use std::time::Duration;

use anyhow::{Context, Result};
use domain::learning::grading::Answer;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;
use tokio::time::Instant;

use crate::report;

/// Mean time of each step, over `calls` answers.
pub struct Steps {
    pub calls: u32,
    pub lookup: Duration,
    pub actor: Duration,
    pub save: Duration,
    /// The floor: one `SELECT 1` through the same pool (acquire, send, read, release).
    pub select_one: Duration,
    /// `save_answer_with` once the attempt's questions are in memory (the server's hot path,
    /// where the session is in memory too): one guarded UPDATE.
    pub save_warm: Duration,
}

impl Steps {
    pub fn total(&self) -> Duration {
        self.lookup + self.actor + self.save
    }
}

/// Saves `calls` answers (cycling over positions 1..=`positions`) as the learner of `token`.
pub async fn measure(
    db: &DatabaseConnection,
    token: &str,
    attempt_id: i32,
    positions: u32,
    calls: u32,
) -> Result<Steps> {
    let mut sums = [Duration::ZERO; 3];
    for i in 0..calls {
        let t0 = Instant::now();
        let user = service::access::sessions::lookup(db, token)
            .await?
            .context("the learner's session is gone")?;
        let t1 = Instant::now();
        let actor = service::access::authz::load_actor(db, user).await?;
        let t2 = Instant::now();
        let (now, today) = (service::now(), service::today());
        let answer = Answer::Text(format!("hồ sơ {i}"));
        let position = i % positions.max(1) + 1;
        let saving = service::assess::attempts::Saving {
            user_id: actor.id(),
            attempt_id,
            position,
            now,
            today,
        };
        service::assess::attempts::save_answer(
            db,
            &service::xapi::Recorder::off(),
            &saving,
            answer,
        )
        .await?;
        let t3 = Instant::now();
        for (sum, d) in sums.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2]) {
            *sum += d;
        }
    }
    let mean = |d: Duration| d / calls.max(1);
    let targets = service::assess::answer_targets::AnswerTargets::default();
    let writer = service::assess::answer_writer::AnswerWriter::Direct(db.clone());
    let user_id = service::access::sessions::lookup(db, token)
        .await?
        .context("the learner's session is gone")?
        .id;
    let off = service::xapi::Recorder::off();
    let warm = Instant::now();
    for i in 0..calls {
        let saving = service::assess::attempts::Saving {
            user_id,
            attempt_id,
            position: i % positions.max(1) + 1,
            now: service::now(),
            today: service::today(),
        };
        let answer = Answer::Text(format!("hồ sơ {i}"));
        service::assess::attempts::save_answer_with(
            db, db, &off, &writer, &targets, &saving, answer,
        )
        .await?;
    }
    let save_warm = mean(warm.elapsed());
    let floor = Instant::now();
    for _ in 0..calls {
        db.execute_unprepared("SELECT 1").await?;
    }
    Ok(Steps {
        select_one: mean(floor.elapsed()),
        calls,
        lookup: mean(sums[0]),
        actor: mean(sums[1]),
        save: mean(sums[2]),
        save_warm,
    })
}

pub fn print(s: &Steps) {
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "\nin-process, one call at a time ({} answers): session lookup {:.0} µs + load actor {:.0} µs + save_answer {:.0} µs = {:.0} µs per answer (≈ {:.0} answers/s on one connection)",
        s.calls,
        us(s.lookup),
        us(s.actor),
        us(s.save),
        us(s.total()),
        1e6 / us(s.total()).max(1.0)
    );
    println!(
        "hot path (session and questions in memory): save_answer_with {:.0} µs per answer (≈ {:.0} answers/s on one connection)",
        us(s.save_warm),
        1e6 / us(s.save_warm).max(1.0)
    );
    println!(
        "floor: one SELECT 1 through the same pool takes {:.0} µs",
        us(s.select_one)
    );
    report::result(json!({
        "bench": "learners", "name": "in-process", "calls": s.calls,
        "lookup_us": report::round(us(s.lookup)), "load_actor_us": report::round(us(s.actor)),
        "save_answer_us": report::round(us(s.save)), "total_us": report::round(us(s.total())),
        "select_one_us": report::round(us(s.select_one)),
        "save_warm_us": report::round(us(s.save_warm)),
    }));
}

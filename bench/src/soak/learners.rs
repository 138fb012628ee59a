//! Learners who sign in, start the quiz, open its first question, answer every question at a
//! steady pace, submit, read their result and sign out; then the next account does the same.
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sea_orm::DatabaseConnection;
use tokio::time::Instant;

use super::session::Session;
use super::tally::Tally;
use crate::client::Reply;
use crate::learners::{answers, stored};
use crate::target::Target;

/// What every learner does.
#[derive(Clone, Debug)]
pub struct Plan {
    pub quiz: String,
    pub password: String,
    /// Pause between two answers of a learner.
    pub answer_every: Duration,
    /// Times each question is answered (every time differently).
    pub rounds: u32,
}

/// Logins not used yet, shared by the learners (each account takes the quiz once).
pub type Pool = Arc<Mutex<VecDeque<String>>>;

/// One learner slot until `end`; returns the attempts it submitted.
pub async fn run(
    t: Target,
    tally: Arc<Tally>,
    db: DatabaseConnection,
    plan: Plan,
    pool: Pool,
    end: Instant,
) -> u64 {
    let mut me = Session::new(&t, tally.clone());
    let mut submitted = 0;
    while Instant::now() < end {
        let Some(login) = pool.lock().expect("pool lock").pop_front() else {
            tally.error("learner accounts", || {
                "every prepared learner account was used: raise --accounts".into()
            });
            break;
        };
        if attempt(&mut me, &tally, &db, &plan, &login, end).await {
            submitted += 1;
        }
    }
    submitted
}

/// One account's visit; true when its attempt was submitted.
async fn attempt(
    me: &mut Session,
    tally: &Tally,
    db: &DatabaseConnection,
    plan: &Plan,
    login: &str,
    end: Instant,
) -> bool {
    if !me.sign_in("learner sign-in", login, &plan.password).await {
        tokio::time::sleep(plan.answer_every).await;
        return false;
    }
    let submitted = match start(me, &plan.quiz).await {
        Some(id) => answer_and_submit(me, tally, db, plan, id, end).await,
        None => false,
    };
    me.sign_out("learner sign-out").await;
    submitted
}

/// Starts the quiz: 303 to `/bai-lam/{id}?cau=1`.
async fn start(me: &mut Session, quiz: &str) -> Option<i32> {
    let started = |r: &Reply| attempt_id(&r.header("location")).is_some();
    let reply = me
        .post_form(
            "learner start",
            &format!("/bai-kiem-tra/{quiz}/bat-dau"),
            String::new(),
            started,
        )
        .await?;
    attempt_id(&reply.header("location"))
}

fn attempt_id(location: &str) -> Option<i32> {
    location
        .strip_prefix("/bai-lam/")?
        .strip_suffix("?cau=1")?
        .parse()
        .ok()
}

async fn answer_and_submit(
    me: &mut Session,
    tally: &Tally,
    db: &DatabaseConnection,
    plan: &Plan,
    id: i32,
    end: Instant,
) -> bool {
    let page = format!("/bai-lam/{id}");
    me.get("learner question", &format!("{page}?cau=1")).await;
    let items = match stored::items(db, &[id]).await {
        Ok(mut by_attempt) => by_attempt.remove(&id).unwrap_or_default(),
        Err(e) => {
            tally.error("bench database", || {
                format!("questions of attempt {id}: {e:#}")
            });
            return false;
        }
    };
    let path = format!("{page}/tra-loi");
    'rounds: for round in 0..plan.rounds {
        for item in &items {
            tokio::time::sleep(plan.answer_every).await;
            if Instant::now() >= end {
                break 'rounds;
            }
            let back = format!("{page}?cau={}", item.position);
            let saved = move |r: &Reply| r.status == 303 && r.header("location") == back;
            me.post_form("learner answer", &path, answers::form(item, round), saved)
                .await;
        }
    }
    let to_result = |r: &Reply| r.status == 303 && r.header("location") == page;
    let submitted = me
        .post_form(
            "learner submit",
            &format!("{page}/nop"),
            String::new(),
            to_result,
        )
        .await
        .is_some();
    me.get("learner result", &page).await;
    submitted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_attempt_from_the_start_redirect() {
        assert_eq!(attempt_id("/bai-lam/42?cau=1"), Some(42));
        assert_eq!(attempt_id("/bai-kiem-tra/DG-LCKNS?loi=attempt_limit"), None);
    }
}

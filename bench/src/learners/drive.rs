//! One virtual learner on its own keep-alive connection: starts its attempt, then saves answers
//! back to back until the window ends, remembering the last answer the server acknowledged for
//! each question.
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tokio::time::Instant;

use super::answers::{self, Item};
use crate::client::{Conn, Reply, RequestSpec};
use crate::load::Measurement;
use crate::target::Target;

/// Longest wait for one reply; a request still unanswered then is given up (and its question
/// left out of the lost-answer check, since nobody knows whether it was saved).
const REPLY_TIMEOUT: Duration = Duration::from_secs(30);

/// The measured window: answers sent before `start` or answered after `end` are not counted
/// (but an answer in flight at `end` is still awaited, so its acknowledgement is known).
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub start: Instant,
    pub end: Instant,
}

/// What the learner sends with every form post: session cookie and a same-site `Origin`.
#[derive(Clone, Debug)]
pub struct Identity {
    pub authority: String,
    pub origin: String,
    pub cookie: String,
}

impl Identity {
    pub fn new(t: &Target, cookie_name: &str, token: &str) -> Self {
        Self {
            authority: t.authority.clone(),
            origin: t.origin(),
            cookie: format!("{cookie_name}={token}"),
        }
    }

    fn post(&self, path: &str, body: String) -> Result<RequestSpec> {
        let headers = [
            ("origin", self.origin.as_str()),
            ("cookie", self.cookie.as_str()),
            ("user-agent", "hocvu-bench/0.1"),
        ];
        RequestSpec::post_form(&self.authority, path, body, &headers)
    }
}

/// Opens the learner's connection and starts an attempt at `quiz` (303 to `/bai-lam/{id}?cau=1`).
pub async fn start(addr: SocketAddr, me: &Identity, quiz: &str) -> Result<(Conn, i32)> {
    let mut conn = Conn::connect(addr).await?;
    let spec = me.post(&format!("/bai-kiem-tra/{quiz}/bat-dau"), String::new())?;
    let reply = tokio::time::timeout(REPLY_TIMEOUT, conn.send(&spec, false))
        .await
        .context("starting the attempt timed out")??;
    let location = reply.header("location");
    let id = location
        .strip_prefix("/bai-lam/")
        .and_then(|rest| rest.strip_suffix("?cau=1"))
        .and_then(|id| id.parse().ok());
    match (reply.status, id) {
        (303, Some(id)) => Ok((conn, id)),
        _ => bail!(
            "starting {quiz} answered HTTP {} to {location:?} (expected 303 to /bai-lam/ID?cau=1)",
            reply.status
        ),
    }
}

/// What one learner did.
pub struct Outcome {
    pub attempt_id: i32,
    pub items: Vec<Item>,
    /// Latency of saved answers inside the window, errors by kind.
    pub m: Measurement,
    /// Per item: the round of the last answer acknowledged (303 back to its question).
    pub acked: Vec<Option<u32>>,
    /// Per item: a later answer went unanswered, so what is stored is not known.
    pub unsure: Vec<bool>,
}

/// When a learner sends: back to back (`every` = None), or one answer every `every`, the first
/// at `first`. A paced answer's latency counts from the time it was due, so a server that falls
/// behind shows in the latency instead of slowing the senders down (no coordinated omission).
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    pub every: Option<Duration>,
    pub first: Instant,
}

/// Saves answers, cycling through the items, until the window ends.
pub async fn answer_loop(
    addr: SocketAddr,
    me: Identity,
    mut conn: Conn,
    attempt_id: i32,
    items: Vec<Item>,
    w: Window,
    pace: Pace,
) -> Outcome {
    let mut out = Outcome {
        attempt_id,
        m: Measurement::new(w.end - w.start),
        acked: vec![None; items.len()],
        unsure: vec![false; items.len()],
        items,
    };
    let path = format!("/bai-lam/{attempt_id}/tra-loi");
    let mut due = pace.first;
    for sent in 0u64.. {
        let t0 = match pace.every {
            Some(every) => {
                tokio::time::sleep_until(due).await;
                due += every;
                due - every
            }
            None => Instant::now(),
        };
        if t0 >= w.end || out.items.is_empty() {
            break;
        }
        let i = (sent % out.items.len() as u64) as usize;
        let round = (sent / out.items.len() as u64) as u32;
        let Ok(spec) = me.post(&path, answers::form(&out.items[i], round)) else {
            out.m
                .error("request".into(), || "cannot build the request".into());
            break;
        };
        let reconnect = send_one(&mut conn, &spec, &mut out, i, round, t0, w).await;
        if reconnect || !conn.is_open() {
            match Conn::connect(addr).await {
                Ok(c) => conn = c,
                Err(e) => {
                    out.m.error("connect".into(), || format!("{e:#}"));
                    break;
                }
            }
        }
    }
    out
}

/// Sends one answer (item `i`, round `round`, due at `t0`) and records the reply; true when the
/// connection must be opened again.
async fn send_one(
    conn: &mut Conn,
    spec: &RequestSpec,
    out: &mut Outcome,
    i: usize,
    round: u32,
    t0: Instant,
    w: Window,
) -> bool {
    let expected_location = format!("/bai-lam/{}?cau={}", out.attempt_id, out.items[i].position);
    let reply = tokio::time::timeout(REPLY_TIMEOUT, conn.send(spec, false)).await;
    let counted = t0 >= w.start && Instant::now() <= w.end;
    match reply {
        Ok(Ok(reply)) if is_saved(&reply, &expected_location) => {
            out.acked[i] = Some(round);
            out.unsure[i] = false;
            if counted {
                out.m.success(t0.elapsed(), reply.body_len);
            }
            false
        }
        Ok(Ok(reply)) => {
            let kind = error_kind(&reply, out.attempt_id);
            out.m.error(kind, || describe(&reply, &spec.path));
            false
        }
        Ok(Err(e)) => {
            out.unsure[i] = true;
            out.m.error("request".into(), || format!("{e:#}"));
            true
        }
        Err(_) => {
            // The request may still be queued on this connection: start afresh.
            out.unsure[i] = true;
            out.m.error("timeout".into(), || {
                format!("no reply within {REPLY_TIMEOUT:?}")
            });
            true
        }
    }
}

/// An answer is saved only when the server sends the learner back to that same question;
/// a 303 to the attempt page means closed or out of time, one to `/dang-nhap` a lost session.
fn is_saved(reply: &Reply, expected_location: &str) -> bool {
    reply.status == 303 && reply.header("location") == expected_location
}

fn error_kind(reply: &Reply, attempt_id: i32) -> String {
    if reply.status != 303 {
        return format!("HTTP {}", reply.status);
    }
    let location = reply.header("location");
    let generic = location.replace(&attempt_id.to_string(), "ID");
    let generic = generic.split("?next=").next().unwrap_or_default();
    format!("303 to {generic}")
}

fn describe(reply: &Reply, path: &str) -> String {
    format!(
        "POST {path} answered HTTP {} (location {:?})",
        reply.status,
        reply.header("location")
    )
}

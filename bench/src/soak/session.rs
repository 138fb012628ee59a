//! One simulated user on one keep-alive connection (opened again when the server closes it):
//! sends requests, with the session cookie once signed in, and counts each in the tally.
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::Method;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use serde_json::json;
use tokio::time::Instant;

use super::tally::Tally;
use crate::client::{BROWSER_HEADERS, Conn, Reply, RequestSpec};
use crate::target::Target;

/// Longest wait for one reply.
const REPLY_TIMEOUT: Duration = Duration::from_secs(30);
/// Pause after a failed connect, so a dead server does not turn into a busy loop.
const RECONNECT_PAUSE: Duration = Duration::from_millis(200);

pub struct Session {
    addr: SocketAddr,
    authority: String,
    origin: String,
    conn: Option<Conn>,
    cookie: Option<String>,
    tally: Arc<Tally>,
}

pub fn any_success(_: &Reply) -> bool {
    true
}

impl Session {
    pub fn new(t: &Target, tally: Arc<Tally>) -> Self {
        Self {
            addr: t.addr,
            authority: t.authority.clone(),
            origin: t.origin(),
            conn: None,
            cookie: None,
            tally,
        }
    }

    pub fn signed_in(&self) -> bool {
        self.cookie.is_some()
    }

    /// GET `path` as a browser navigation.
    pub async fn get(&mut self, kind: &'static str, path: &str) -> Option<Reply> {
        let spec = self.spec(Method::GET, path, Vec::new(), None);
        self.send(kind, spec?, false, any_success).await
    }

    /// POST a form (or an empty body) to `path`; `check` says whether the reply is the expected one.
    pub async fn post_form(
        &mut self,
        kind: &'static str,
        path: &str,
        body: String,
        check: impl Fn(&Reply) -> bool,
    ) -> Option<Reply> {
        let spec = self.spec(
            Method::POST,
            path,
            body.into_bytes(),
            Some("application/x-www-form-urlencoded"),
        );
        self.send(kind, spec?, false, check).await
    }

    /// POST a body of the given media type to `path`, keeping the reply's body.
    pub async fn post(
        &mut self,
        kind: &'static str,
        path: &str,
        body: Vec<u8>,
        media_type: &'static str,
        check: impl Fn(&Reply) -> bool,
    ) -> Option<Reply> {
        let spec = self.spec(Method::POST, path, body, Some(media_type));
        self.send(kind, spec?, true, check).await
    }

    /// Signs in through `POST /api/v1/auth/login` and keeps every cookie it sets.
    pub async fn sign_in(&mut self, kind: &'static str, login: &str, password: &str) -> bool {
        self.cookie = None;
        let body = json!({ "login": login, "password": password }).to_string();
        let signed_in = |r: &Reply| r.status == 200 && r.headers.contains_key("set-cookie");
        let Some(reply) = self
            .post(
                kind,
                "/api/v1/auth/login",
                body.into_bytes(),
                "application/json",
                signed_in,
            )
            .await
        else {
            return false;
        };
        let pairs: Vec<&str> = reply
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()?.split(';').next())
            .collect();
        self.cookie = Some(pairs.join("; "));
        true
    }

    /// Signs out through `POST /api/v1/auth/logout`.
    pub async fn sign_out(&mut self, kind: &'static str) {
        self.post(
            kind,
            "/api/v1/auth/logout",
            Vec::new(),
            "application/json",
            any_success,
        )
        .await;
        self.cookie = None;
    }

    fn spec(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
        media_type: Option<&'static str>,
    ) -> Option<RequestSpec> {
        let mut headers: Vec<(&'static str, &str)> = BROWSER_HEADERS.to_vec();
        if let Some(c) = &self.cookie {
            headers.push(("cookie", c));
        }
        if method != Method::GET {
            headers.push(("origin", &self.origin));
        }
        let built = RequestSpec::get(&self.authority, path, &headers).map(|mut s| {
            s.method = method;
            if let Some(m) = media_type {
                s.headers.push((CONTENT_TYPE, HeaderValue::from_static(m)));
            }
            s.body = body.into();
            s
        });
        match built {
            Ok(s) => Some(s),
            Err(e) => {
                self.tally
                    .error("bench", || format!("cannot build {path}: {e:#}"));
                None
            }
        }
    }

    /// Sends one request, counting it; the reply when it is a success.
    async fn send(
        &mut self,
        kind: &'static str,
        spec: RequestSpec,
        keep_body: bool,
        check: impl Fn(&Reply) -> bool,
    ) -> Option<Reply> {
        let mut conn = match self.conn.take() {
            Some(c) if c.is_open() => c,
            _ => match Conn::connect(self.addr).await {
                Ok(c) => c,
                Err(e) => {
                    self.tally.error(kind, || {
                        format!("{} {}: connect failed: {e:#}", spec.method, spec.path)
                    });
                    tokio::time::sleep(RECONNECT_PAUSE).await;
                    return None;
                }
            },
        };
        let t0 = Instant::now();
        let reply = match tokio::time::timeout(REPLY_TIMEOUT, conn.send(&spec, keep_body)).await {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                self.tally
                    .error(kind, || format!("{} {}: {e:#}", spec.method, spec.path));
                return None;
            }
            Err(_) => {
                self.tally.error(kind, || {
                    format!(
                        "{} {}: no reply within {REPLY_TIMEOUT:?}",
                        spec.method, spec.path
                    )
                });
                return None;
            }
        };
        let latency = t0.elapsed();
        self.conn = Some(conn);
        if (200..400).contains(&reply.status) && check(&reply) {
            self.tally.ok(kind, latency);
            Some(reply)
        } else {
            self.tally.error(kind, || describe(&spec, &reply));
            None
        }
    }
}

fn describe(spec: &RequestSpec, reply: &Reply) -> String {
    let location = reply.header("location");
    let body = reply
        .body
        .as_deref()
        .map(|b| {
            String::from_utf8_lossy(b)
                .chars()
                .take(300)
                .collect::<String>()
        })
        .unwrap_or_default();
    format!(
        "{} {} answered HTTP {}{}{}",
        spec.method,
        spec.path,
        reply.status,
        if location.is_empty() {
            String::new()
        } else {
            format!(" to {location}")
        },
        if body.is_empty() {
            String::new()
        } else {
            format!(": {body}")
        }
    )
}

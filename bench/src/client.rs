//! Minimal keep-alive HTTP/1.1 client over hyper's connection API (one TCP connection per `Conn`).

use anyhow::{Context, Result};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{HeaderMap, HeaderName, HeaderValue};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpStream;

/// What a load loop sends, built afresh for every request.
#[derive(Clone, Debug)]
pub struct RequestSpec {
    pub method: Method,
    pub path: String,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Bytes,
}

impl RequestSpec {
    /// A GET of `path` with `Host` set to `authority` and the given extra headers.
    pub fn get(authority: &str, path: &str, extra: &[(&'static str, &str)]) -> Result<Self> {
        let mut headers = vec![host_header(authority)?];
        for (k, v) in extra {
            headers.push((HeaderName::from_static(k), HeaderValue::from_str(v)?));
        }
        Ok(Self {
            method: Method::GET,
            path: path.to_string(),
            headers,
            body: Bytes::new(),
        })
    }

    /// A POST of a JSON body to `path`.
    pub fn post_json(
        authority: &str,
        path: &str,
        body: Vec<u8>,
        extra: &[(&'static str, &str)],
    ) -> Result<Self> {
        let mut spec = Self::get(authority, path, extra)?;
        spec.method = Method::POST;
        spec.headers.push((
            hyper::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        ));
        spec.body = Bytes::from(body);
        Ok(spec)
    }

    /// A POST of an `application/x-www-form-urlencoded` body to `path`, as a plain HTML form sends it.
    pub fn post_form(
        authority: &str,
        path: &str,
        body: String,
        extra: &[(&'static str, &str)],
    ) -> Result<Self> {
        let mut spec = Self::get(authority, path, extra)?;
        spec.method = Method::POST;
        spec.headers.push((
            hyper::header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        ));
        spec.body = Bytes::from(body);
        Ok(spec)
    }

    /// Builds the hyper request (origin-form URI, as HTTP/1.1 sends it).
    pub fn build(&self) -> Result<Request<Full<Bytes>>> {
        let mut req = Request::builder()
            .method(self.method.clone())
            .uri(self.path.as_str());
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        Ok(req.body(Full::new(self.body.clone()))?)
    }
}

fn host_header(authority: &str) -> Result<(HeaderName, HeaderValue)> {
    Ok((hyper::header::HOST, HeaderValue::from_str(authority)?))
}

/// A response: status, headers, body length, and the body when asked for.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body_len: usize,
    pub body: Option<Bytes>,
}

impl Reply {
    /// The value of a header as text ("" when absent).
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
}

/// One keep-alive connection.
pub struct Conn {
    sender: SendRequest<Full<Bytes>>,
}

impl Conn {
    /// Opens a TCP connection (TCP_NODELAY) and runs the HTTP/1.1 handshake.
    pub async fn connect(addr: SocketAddr) -> Result<Self> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("connect {addr}"))?;
        stream.set_nodelay(true)?;
        let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
        tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(Self { sender })
    }

    /// False once the server closed the connection (then reconnect).
    pub fn is_open(&self) -> bool {
        !self.sender.is_closed()
    }

    /// Sends one request and reads the whole body (keeping it only if `keep_body`).
    pub async fn send(&mut self, spec: &RequestSpec, keep_body: bool) -> Result<Reply> {
        self.sender.ready().await?;
        let resp = self.sender.send_request(spec.build()?).await?;
        let (parts, mut body) = resp.into_parts();
        let mut kept = Vec::new();
        let mut body_len = 0;
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame?.into_data() {
                body_len += data.len();
                if keep_body {
                    kept.extend_from_slice(&data);
                }
            }
        }
        let body = keep_body.then(|| Bytes::from(kept));
        Ok(Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body_len,
            body,
        })
    }
}

/// Longest a one-shot `fetch` may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(60);

/// One-shot request on a fresh connection, keeping the body; bounded by `FETCH_TIMEOUT`.
pub async fn fetch(addr: SocketAddr, spec: &RequestSpec) -> Result<Reply> {
    let go = async {
        let mut conn = Conn::connect(addr).await?;
        conn.send(spec, true).await
    };
    tokio::time::timeout(FETCH_TIMEOUT, go)
        .await
        .with_context(|| {
            format!(
                "{} {} timed out after {FETCH_TIMEOUT:?}",
                spec.method, spec.path
            )
        })?
}

/// Headers a browser sends for a page navigation (compressed responses accepted).
pub const BROWSER_HEADERS: [(&str, &str); 3] = [
    ("accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
    ("accept-encoding", "br, gzip"),
    ("user-agent", "hocvu-bench/0.1"),
];

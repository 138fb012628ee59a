//! Bare axum "hello" server on its own thread and 2-worker runtime, the baseline for throughput ratios.

use anyhow::{Context, Result};
use axum::{Router, routing::get};
use std::net::SocketAddr;
use std::sync::mpsc;
use std::thread::JoinHandle;
use tokio::sync::oneshot;

/// Worker threads of the hello server's runtime (like a small real server).
const WORKERS: usize = 2;

/// A running hello server; stops when dropped.
pub struct HelloServer {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl HelloServer {
    /// Starts the server on 127.0.0.1 with an ephemeral port.
    pub fn start() -> Result<Self> {
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop, stop_rx) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("hello-server".into())
            .spawn(move || serve_on_own_runtime(addr_tx, stop_rx))?;
        let addr = addr_rx
            .recv()
            .context("hello server thread exited early")??;
        Ok(Self {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for HelloServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The hello app: one route answering a short plain-text body.
fn app() -> Router {
    Router::new().route("/", get(|| async { "Hello, World!" }))
}

/// Thread body: build the runtime, bind, report the address, serve until told to stop.
fn serve_on_own_runtime(addr_tx: mpsc::Sender<Result<SocketAddr>>, stop: oneshot::Receiver<()>) {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = addr_tx.send(Err(e.into()));
            return;
        }
    };
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
            Ok(l) => l,
            Err(e) => {
                let _ = addr_tx.send(Err(e.into()));
                return;
            }
        };
        let _ = addr_tx.send(listener.local_addr().map_err(Into::into));
        tokio::select! {
            _ = axum::serve(listener, app()) => {}
            _ = stop => {}
        }
    });
    // Dropping the runtime cancels the remaining connection tasks.
    rt.shutdown_background();
}

//! Everything the server logs in a test's process, captured into memory (the tests of the log:
//! `security_log.rs`, `telemetry.rs`). One subscriber per process: call `start` once.
use std::io;
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    /// With the production filter (`server::LOG_FILTER`).
    pub fn start() -> Self {
        Self::start_with(server::LOG_FILTER)
    }

    /// With the given `tracing` filter.
    pub fn start_with(filter: &str) -> Self {
        let out = Self::default();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_writer(out.clone())
            .with_ansi(false)
            .init();
        out
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

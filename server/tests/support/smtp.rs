//! A real SMTP server for a test: `scripts/smtp.sh` (PyPI aiosmtpd, pinned, in a venv under
//! target/) on a free port of 127.0.0.1, writing each message it accepts into a directory of
//! its own. Killed when dropped, also when the test panics.
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
}

/// One message the server accepted: its envelope recipients and its raw text.
#[derive(Debug, Clone)]
pub struct Received {
    pub rcpt: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.raw).expect("a message mailparse reads")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        use mailparse::MailHeaderMap;
        self.parsed().headers.get_first_value(name)
    }

    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    pub fn body(&self) -> String {
        self.parsed().get_body().expect("a text body")
    }

    /// The address of `List-Unsubscribe: <…>`.
    pub fn unsubscribe_link(&self) -> String {
        let h = self.header("List-Unsubscribe").expect("List-Unsubscribe");
        h.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_owned()
    }
}

impl SmtpSink {
    /// Starts the server (installing its venv first if missing) and waits until it listens.
    pub fn start() -> SmtpSink {
        let port = free_port();
        let dir =
            std::env::temp_dir().join(format!("hocvu-smtp-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/smtp.sh");
        let mut child = Command::new("bash")
            .arg(script)
            .arg("serve")
            .arg(port.to_string())
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("bash scripts/smtp.sh");
        let out = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(out).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start");
        SmtpSink { port, dir, child }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Makes the server refuse recipients (see scripts/smtp_sink.py).
    pub fn rules(&self, rules: serde_json::Value) {
        let tmp = self.dir.join("rules.tmp");
        std::fs::write(&tmp, rules.to_string()).unwrap();
        std::fs::rename(tmp, self.dir.join("rules.json")).unwrap();
    }

    /// Every message accepted so far, in order.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|eml| Received {
                rcpt: std::fs::read_to_string(eml.with_extension("rcpt"))
                    .unwrap()
                    .lines()
                    .map(str::to_owned)
                    .collect(),
                raw: std::fs::read(&eml).unwrap(),
            })
            .collect()
    }

    /// The messages once there are at least `n`, polling; fails after `timeout`.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let start = Instant::now();
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(
                start.elapsed() < timeout,
                "{} of {n} messages after {timeout:?}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The messages sent to one address.
    pub fn to(&self, address: &str) -> Vec<Received> {
        self.messages()
            .into_iter()
            .filter(|m| m.rcpt.iter().any(|r| r == address))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // SIGTERM first (a clean stop), then make sure.
        unsafe_free_kill(self.child.id());
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `kill -TERM <pid>` (the script has exec'd Python: the pid is the server's).
fn unsafe_free_kill(pid: u32) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

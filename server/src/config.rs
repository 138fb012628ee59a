//! Configuration: flags and `HOCVU_*` variables (plus `DATABASE_URL`), with defaults that run
//! with no set-up at all.
use std::net::SocketAddr;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug, Clone)]
#[command(
    name = "hocvu",
    version,
    about = "Học Vụ Số: nền tảng bồi dưỡng kỹ năng số"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create (or reset) an admin account; the password is read from standard input.
    CreateAdmin {
        #[arg(long)]
        login: String,
        #[arg(long, default_value = "Quản trị viên")]
        full_name: String,
    },
    /// Create the demo province, units and one account per role (idempotent).
    SeedDemo,
    /// Copy the SQLite database into a new file while the server keeps serving.
    Backup {
        /// The new file (it must not exist yet).
        file: std::path::PathBuf,
    },
    /// Restore a backup made by `hocvu backup` into an empty database.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Import a CSV or XLSX exchange file as the first admin account; all or nothing.
    Import {
        /// What the file holds.
        #[arg(value_enum)]
        kind: ImportKind,
        /// The file (`.csv` or `.xlsx`).
        file: std::path::PathBuf,
        /// Check the file and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

/// The exchange formats of SPEC, as `hocvu import` names them.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// Units (`don_vi`).
    Units,
    /// The roster (`danh_sach`).
    Roster,
    /// Training records (`boi_duong`).
    Training,
    /// Assessment results (`danh_gia`).
    Assessments,
}

impl ImportKind {
    pub fn format(self) -> domain::exchange::Format {
        use domain::exchange::Format;
        match self {
            ImportKind::Units => Format::Units,
            ImportKind::Roster => Format::Roster,
            ImportKind::Training => Format::Training,
            ImportKind::Assessments => Format::Assessment,
        }
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct Config {
    /// Database URL: `sqlite://path?mode=rwc` (default) or `postgres://...`.
    #[arg(long, env = "DATABASE_URL", default_value = service::db::DEFAULT_URL, global = true)]
    pub database_url: String,
    /// Address to listen on; defaults to LEPTOS_SITE_ADDR, then 127.0.0.1:3000.
    #[arg(long, env = "HOCVU_ADDR", global = true)]
    pub addr: Option<SocketAddr>,
    /// The public address users open, e.g. https://hocvu.example.vn. When it is https,
    /// cookies are Secure with the __Host- prefix and HSTS is sent.
    #[arg(long, env = "HOCVU_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front.
    #[arg(
        long,
        env = "HOCVU_TRUST_PROXY",
        default_value_t = false,
        global = true
    )]
    pub trust_proxy: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "HOCVU_MAX_BODY_BYTES", default_value_t = 2 * 1024 * 1024, global = true)]
    pub max_body_bytes: usize,
    /// How long a process trusts a session it has looked up, in milliseconds (0: never). A
    /// sign-out or a role change in another process counts there after at most this long.
    #[arg(
        long,
        env = "HOCVU_SESSION_CACHE_MS",
        default_value_t = 2000,
        global = true
    )]
    pub session_cache_ms: u64,
}

impl Config {
    /// True when the site is served over HTTPS, so cookies must be Secure.
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The origin (`scheme://host[:port]`) of the public URL, when configured.
    pub fn public_origin(&self) -> Option<String> {
        let url = self.public_url.as_deref()?;
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split('/').next()?;
        Some(format!("{scheme}://{host}"))
    }

    /// A configuration for tests: the given database, everything else default.
    pub fn for_database(url: &str) -> Self {
        Config {
            database_url: url.to_owned(),
            addr: None,
            public_url: None,
            trust_proxy: false,
            max_body_bytes: 2 * 1024 * 1024,
            session_cache_ms: 2000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_origin_drops_the_path() {
        let mut c = Config::for_database("sqlite::memory:");
        assert_eq!(c.public_origin(), None);
        assert!(!c.https());
        c.public_url = Some("https://hocvu.example.vn/app/".into());
        assert_eq!(
            c.public_origin().as_deref(),
            Some("https://hocvu.example.vn")
        );
        assert!(c.https());
    }
}

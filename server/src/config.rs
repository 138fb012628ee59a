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
        /// The province (by code) the file is for; needed only when there are several.
        #[arg(long)]
        province: Option<String>,
    },
    /// Create a province (a tenant of this deployment), as the national admin.
    CreateProvince {
        /// Its code, e.g. `HN` (letters, digits and dashes).
        code: String,
        /// Its name, e.g. `Thành phố Hà Nội`.
        name: String,
    },
    /// The key that signs certificates as Open Badges credentials.
    BadgeKey {
        #[command(subcommand)]
        action: BadgeKeyAction,
    },
}

/// What `hocvu badge-key` does.
#[derive(Subcommand, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadgeKeyAction {
    /// Retire the signing key and make a new one; the old public key stays published, so the
    /// credentials it signed still verify.
    Rotate,
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
    /// The reverse proxies in front (addresses or CIDR blocks, comma-separated): with
    /// HOCVU_TRUST_PROXY, the client is the right-most X-Forwarded-For hop not among them.
    #[arg(
        long,
        env = "HOCVU_TRUSTED_PROXIES",
        value_delimiter = ',',
        default_value = "127.0.0.0/8,::1",
        global = true
    )]
    pub trusted_proxies: Vec<ProxyNet>,
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
    /// How long a request body may pause between two pieces, in milliseconds, before the
    /// request is answered 408.
    #[arg(
        long,
        env = "HOCVU_BODY_TIMEOUT_MS",
        default_value_t = 10_000,
        global = true
    )]
    pub body_timeout_ms: u64,
    /// A secret that lets a scraper read `/metrics` from elsewhere than this machine
    /// (`Authorization: Bearer <secret>`); unset: only local clients and admins may.
    #[arg(
        long,
        env = "HOCVU_METRICS_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub metrics_token: Option<String>,
    /// The PKCS#8 PEM file of the Ed25519 key that signs certificates as Open Badges
    /// credentials (made there at first start when missing); unset: kept in the database.
    #[arg(long, env = "HOCVU_BADGE_KEY_FILE", global = true)]
    pub badge_key_file: Option<std::path::PathBuf>,
    /// The issuer's name in certificates' Open Badges credentials.
    #[arg(
        long,
        env = "HOCVU_BADGE_ISSUER_NAME",
        default_value = "Học Vụ Số",
        global = true
    )]
    pub badge_issuer_name: String,
    /// A JSON file of OpenID providers for single sign-on (see the README); more may be named
    /// by `HOCVU_OIDC_PROVIDERS` and their `HOCVU_OIDC_<ID>_*` variables.
    #[arg(long, env = "HOCVU_OIDC_CONFIG", global = true)]
    pub oidc_config: Option<std::path::PathBuf>,
    /// The Learning Record Store's xAPI base (e.g. `http://127.0.0.1:8100/xAPI/`): learning
    /// records are queued and sent there as xAPI statements; unset: nothing is queued.
    #[arg(long, env = "HOCVU_LRS_URL", global = true)]
    pub lrs_url: Option<String>,
    /// The LRS's HTTP Basic user name.
    #[arg(long, env = "HOCVU_LRS_USERNAME", default_value = "", global = true)]
    pub lrs_username: String,
    /// The LRS's HTTP Basic password.
    #[arg(
        long,
        env = "HOCVU_LRS_PASSWORD",
        default_value = "",
        hide_env_values = true,
        global = true
    )]
    pub lrs_password: String,
    /// The longest wait, in seconds, between two tries of a statement the LRS did not take.
    #[arg(
        long,
        env = "HOCVU_LRS_RETRY_MAX_SECS",
        default_value_t = 300,
        global = true
    )]
    pub lrs_retry_max_secs: u64,
    /// How often, in milliseconds, the outbox is looked at when nothing was waiting.
    #[arg(long, env = "HOCVU_LRS_POLL_MS", default_value_t = 1000, global = true)]
    pub lrs_poll_ms: u64,
    /// The SMTP server reminders are sent through, as lettre reads it: `smtp://host:25`,
    /// `smtp://user:password@host:587?tls=required` (STARTTLS), `smtps://user:password@host`
    /// (TLS). Unset: no reminder by e-mail can be sent (the compose page says so).
    #[arg(long, env = "HOCVU_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,
    /// The sender of reminders: `Name <address>` or an address.
    #[arg(
        long,
        env = "HOCVU_MAIL_FROM",
        default_value = "Học Vụ Số <no-reply@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Reminder messages handed to the SMTP server per second, at most.
    #[arg(long, env = "HOCVU_MAIL_RATE", default_value_t = 5.0, global = true)]
    pub mail_rate: f64,
    /// Seconds before the first retry of a message the SMTP server refused for now (4xx, or
    /// unreachable); each next retry waits twice as long, at most an hour, five tries in all.
    #[arg(
        long,
        env = "HOCVU_MAIL_RETRY_SECS",
        default_value_t = 60,
        global = true
    )]
    pub mail_retry_secs: i64,
    /// The espeak-ng program that reads lessons aloud (issue 20). Not found, without its
    /// Vietnamese voice, or `off`: the site runs without spoken lessons and tells authors why.
    #[arg(long, env = "HOCVU_ESPEAK", default_value = "espeak-ng", global = true)]
    pub espeak: String,
    /// How often, in milliseconds, the speech worker looks for lessons to read when none was
    /// waiting.
    #[arg(
        long,
        env = "HOCVU_SPEECH_POLL_MS",
        default_value_t = 2000,
        global = true
    )]
    pub speech_poll_ms: u64,
    /// Hosts a lesson's video may link to, comma-separated (a host allows its subdomains).
    #[arg(
        long,
        env = "HOCVU_VIDEO_HOSTS",
        value_delimiter = ',',
        default_value = "youtube.com,youtu.be,vimeo.com",
        global = true
    )]
    pub video_hosts: Vec<String>,
    /// The providers themselves: read from the file and the variables when serving
    /// ([`Config::with_sso_providers`]); tests set them directly.
    #[arg(skip)]
    pub sso_providers: Vec<service::sso::ProviderSettings>,
}

/// One trusted proxy: an address (`10.0.0.5`) or a block (`10.0.0.0/24`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyNet(ipnet::IpNet);

impl ProxyNet {
    pub fn contains(&self, ip: &std::net::IpAddr) -> bool {
        self.0.contains(ip)
    }
}

impl std::str::FromStr for ProxyNet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        s.parse::<ipnet::IpNet>()
            .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
            .map(ProxyNet)
            .map_err(|_| format!("not an address or CIDR block: {s:?}"))
    }
}

/// Loopback: a proxy on the same machine.
pub fn loopback_proxies() -> Vec<ProxyNet> {
    ["127.0.0.0/8", "::1"]
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect()
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

    /// The single sign-on providers of the configuration file and the `HOCVU_OIDC_*`
    /// variables, added to those already set.
    pub fn with_sso_providers(mut self) -> Result<Self, String> {
        if let Some(path) = &self.oidc_config {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            self.sso_providers
                .extend(service::sso::settings::from_json(&text)?);
        }
        self.sso_providers
            .extend(service::sso::settings::from_env(std::env::vars())?);
        Ok(self)
    }

    /// A configuration for tests: the given database, everything else default.
    pub fn for_database(url: &str) -> Self {
        Config {
            database_url: url.to_owned(),
            addr: None,
            public_url: None,
            trust_proxy: false,
            trusted_proxies: loopback_proxies(),
            max_body_bytes: 2 * 1024 * 1024,
            session_cache_ms: 2000,
            body_timeout_ms: 10_000,
            metrics_token: None,
            badge_key_file: None,
            badge_issuer_name: "Học Vụ Số".to_owned(),
            oidc_config: None,
            sso_providers: Vec::new(),
            lrs_url: None,
            lrs_username: String::new(),
            lrs_password: String::new(),
            lrs_retry_max_secs: 300,
            lrs_poll_ms: 1000,
            smtp_url: None,
            mail_from: "Học Vụ Số <no-reply@localhost>".to_owned(),
            mail_rate: 5.0,
            mail_retry_secs: 60,
            espeak: "espeak-ng".to_owned(),
            speech_poll_ms: 200,
            video_hosts: vec![
                "youtube.com".to_owned(),
                "youtu.be".to_owned(),
                "vimeo.com".to_owned(),
            ],
        }
    }

    /// The public base URL, without its trailing `/`: `HOCVU_PUBLIC_URL`, or `http://` and the
    /// address listened on. The base of what is sent outside the site (xAPI activity ids,
    /// reminders' unsubscribe links).
    pub fn public_base(&self, listening: SocketAddr) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{listening}"))
            .trim_end_matches('/')
            .to_owned()
    }

    /// The LRS statements are sent to, when one is configured.
    pub fn lrs(&self) -> Option<service::xapi::sender::LrsSettings> {
        let url = self.lrs_url.as_deref().filter(|u| !u.trim().is_empty())?;
        Some(service::xapi::sender::LrsSettings {
            url: url.trim().to_owned(),
            username: self.lrs_username.clone(),
            password: self.lrs_password.clone(),
            max_backoff: std::time::Duration::from_secs(self.lrs_retry_max_secs),
            poll: std::time::Duration::from_millis(self.lrs_poll_ms),
        })
    }

    /// Where the key that signs Open Badges credentials lives.
    pub fn badge_key_source(&self) -> service::badges::keys::KeySource {
        use service::badges::keys::KeySource;
        self.badge_key_file
            .clone()
            .map_or(KeySource::Database, KeySource::File)
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

    #[test]
    fn trusted_proxies_are_addresses_or_blocks() {
        let cli = Cli::try_parse_from([
            "hocvu",
            "--trusted-proxies",
            "10.0.0.0/24, 192.0.2.7,2001:db8::/32",
        ])
        .unwrap();
        let nets = &cli.config.trusted_proxies;
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        assert_eq!(nets.len(), 3);
        assert!(nets[0].contains(&ip("10.0.0.200")));
        assert!(!nets[0].contains(&ip("10.0.1.1")));
        assert!(nets[1].contains(&ip("192.0.2.7")));
        assert!(!nets[1].contains(&ip("192.0.2.8")));
        assert!(nets[2].contains(&ip("2001:db8::1")));
        assert!(Cli::try_parse_from(["hocvu", "--trusted-proxies", "proxy.lan"]).is_err());
    }

    #[test]
    fn the_badge_key_lives_in_the_database_unless_a_file_is_named() {
        use service::badges::keys::KeySource;
        let cli = Cli::try_parse_from(["hocvu", "badge-key", "rotate"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::BadgeKey {
                action: BadgeKeyAction::Rotate
            })
        ));
        assert_eq!(cli.config.badge_key_source(), KeySource::Database);
        assert_eq!(cli.config.badge_issuer_name, "Học Vụ Số");
        let cli =
            Cli::try_parse_from(["hocvu", "--badge-key-file", "/etc/hocvu/badge.pem"]).unwrap();
        assert_eq!(
            cli.config.badge_key_source(),
            KeySource::File("/etc/hocvu/badge.pem".into())
        );
    }

    #[test]
    fn an_lrs_is_configured_by_its_url() {
        let cli = Cli::try_parse_from(["hocvu"]).unwrap();
        assert!(cli.config.lrs().is_none());
        let addr: SocketAddr = "127.0.0.1:3000".parse().unwrap();
        assert_eq!(cli.config.public_base(addr), "http://127.0.0.1:3000");
        let cli = Cli::try_parse_from([
            "hocvu",
            "--lrs-url",
            "http://127.0.0.1:8100/xAPI/",
            "--lrs-username",
            "hocvu",
            "--public-url",
            "https://hocvu.example.vn/",
        ])
        .unwrap();
        let lrs = cli.config.lrs().unwrap();
        assert_eq!(lrs.url, "http://127.0.0.1:8100/xAPI/");
        assert_eq!(lrs.username, "hocvu");
        assert_eq!(lrs.max_backoff.as_secs(), 300);
        assert_eq!(cli.config.public_base(addr), "https://hocvu.example.vn");
    }

    #[test]
    fn mail_is_off_until_an_smtp_url_is_given() {
        let cli = Cli::try_parse_from(["hocvu"]).unwrap();
        assert_eq!(cli.config.smtp_url, None);
        assert_eq!(cli.config.mail_rate, 5.0);
        let cli = Cli::try_parse_from([
            "hocvu",
            "--smtp-url",
            "smtp://u:p@mail.example.vn:587?tls=required",
            "--mail-rate",
            "2",
        ])
        .unwrap();
        assert!(cli.config.smtp_url.is_some());
        assert_eq!(cli.config.mail_rate, 2.0);
    }

    #[test]
    fn loopback_is_the_default_proxy() {
        let cli = Cli::try_parse_from(["hocvu"]).unwrap();
        assert_eq!(cli.config.trusted_proxies, loopback_proxies());
        assert_eq!(loopback_proxies().len(), 2);
    }
}

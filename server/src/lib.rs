//! The `hocvu` server: configuration, router, middleware, API, form posts, background jobs.
pub mod account_forms;
pub mod api;
pub mod assess_forms;
pub mod assets;
pub mod cli;
pub mod config;
pub mod forms;
pub mod hr_files;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod page_context;
pub mod practice_forms;
pub mod reading_pages;
pub mod router;
pub mod sso_forms;
pub mod state;
pub mod unsubscribe_forms;
pub mod upload_forms;

use std::sync::Arc;

use service::{ServiceParts, Services, access::password::Passwords};

use crate::config::Config;
use crate::state::{AppState, StateParts};

/// Serves the router on a listener until `shutdown` resolves. Every connection gets
/// TCP_NODELAY: a streamed page is written in several small chunks, and Nagle's algorithm
/// would otherwise hold each behind the client's delayed ACK (about 40 ms).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::serve::ListenerExt;
    let nodelay: fn(&mut tokio::net::TcpStream) = |tcp| {
        let _ = tcp.set_nodelay(true);
    };
    let app = router::build(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener.tap_io(nodelay), app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Connects to the database (migrating it) and assembles the shared state.
pub async fn state_from(config: Config) -> Result<AppState, sea_orm::DbErr> {
    let mut db = service::db::connect(&config.database_url).await?;
    // The key that signs Open Badges credentials, made at first start.
    service::badges::keys::current(&db, &config.badge_key_source())
        .await
        .map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
    // One generation for every cache, bumped by a write to something kept: watched on the
    // writing connection before anything clones it.
    let generation = service::cache::epoch::Generation::default();
    let writes = service::cache::writes::WriteWatch::install(&mut db, generation.clone());
    let read = service::db::connect_reader(&config.database_url, &db).await?;
    let lanes = service::assess::answer_writer::AnswerWriter::lanes_for(&db);
    let answers = service::assess::answer_writer::AnswerWriter::start(db.clone(), lanes);
    let lifetime = std::time::Duration::from_millis(config.session_cache_ms);
    let leptos_options = router::leptos_options();
    let xapi = recorder(&config, &leptos_options);
    let services = Services::new(ServiceParts {
        answers,
        content: service::cache::content::ContentCache::new(lifetime, generation.clone()),
        progress: service::cache::progress::ProgressCache::new(lifetime, generation.clone()),
        db,
        read,
        passwords: Passwords::for_this_machine(),
        answer_targets: Default::default(),
        writes,
        sso: service::sso::Providers::new(config.sso_providers.clone()),
        xapi,
        mail_enabled: config.smtp_url.is_some(),
        voice: service::speech::synth::Voice::find(&config.espeak),
        video_hosts: config.video_hosts.clone(),
    });
    let (actors, pages) = (
        http::actor_cache::ActorCache::new(lifetime, generation.clone()),
        http::page_cache::PageCache::new(lifetime, generation),
    );
    let metrics = http::metrics::Metrics::new(config.metrics_token.clone());
    Ok(AppState::new(StateParts {
        services,
        config: Arc::new(config),
        leptos_options,
        actors,
        pages,
        metrics,
    }))
}

/// Learning records are queued for the LRS only when one is configured, with activity ids on
/// the public URL (or the address listened on) and the app's own page paths.
fn recorder(config: &Config, leptos: &leptos::prelude::LeptosOptions) -> service::xapi::Recorder {
    use service::xapi::{Links, Recorder, Site};
    if config.lrs().is_none() {
        return Recorder::off();
    }
    let links = Links {
        course: app::paths::course,
        lesson: app::paths::lesson,
        quiz: app::paths::quiz,
        certificate: app::paths::verify,
    };
    let base = config.public_base(config.addr.unwrap_or(leptos.site_addr));
    Recorder::on(Site::new(&base, links))
}

/// What the log keeps unless `HOCVU_LOG` says otherwise: no SQL (its values may be personal
/// data), security events (`security` target) and errors.
pub const LOG_FILTER: &str = "info,sqlx=warn,sea_orm=warn";

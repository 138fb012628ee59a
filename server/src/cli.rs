//! The subcommands of `hocvu`: serve, migrate, create-admin, seed-demo, backup, restore, import,
//! badge-key rotate.
pub mod import;

use std::io::Read;
use std::net::SocketAddr;

use tokio::net::TcpListener;

use crate::config::Config;
use crate::state::AppState;
use crate::{jobs, state_from};

pub type CliResult = Result<(), Box<dyn std::error::Error>>;

pub async fn serve(config: Config) -> CliResult {
    let state = state_from(config.with_sso_providers()?).await?;
    let addr = state.config.addr.unwrap_or(state.leptos_options.site_addr);
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    jobs::spawn(state.clone());
    let mail = crate::mail::start(&state, local)?;
    print_banner(&state, local);
    crate::serve_on(listener, state, shutdown_signal()).await?;
    if let Some(worker) = mail {
        worker.stop().await;
    }
    Ok(())
}

fn print_banner(state: &AppState, local: SocketAddr) {
    let url = state
        .config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    println!(
        "Học Vụ Số đang chạy tại {url}  (cơ sở dữ liệu: {})",
        engine(&state.config.database_url)
    );
    tracing::info!(%local, "listening");
}

fn engine(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

pub async fn migrate(config: Config) -> CliResult {
    state_from(config).await?;
    println!("Cơ sở dữ liệu đã được cập nhật lên phiên bản mới nhất.");
    Ok(())
}

pub async fn create_admin(config: Config, login: &str, full_name: &str) -> CliResult {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    let state = state_from(config).await?;
    let acc = service::access::accounts::NewAccount {
        login,
        full_name,
        password,
        home_unit_code: None,
        roles: &[(domain::Role::Admin, None)],
    };
    match service::access::accounts::upsert_account(state.db(), &state.services.passwords, &acc)
        .await
    {
        Ok(u) => {
            println!("Đã tạo tài khoản quản trị «{}».", u.login);
            Ok(())
        }
        Err(service::Error::Invalid(issues)) => {
            let t = app::i18n::Texts::get(domain::Lang::Vi);
            let msgs: Vec<_> = issues
                .iter()
                .map(|i| format!("{}: {}", i.field, t.error(&i.code)))
                .collect();
            Err(msgs.join("\n").into())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn seed_demo(config: Config) -> CliResult {
    let state = state_from(config).await?;
    let accounts = service::demo::seed(state.db(), &state.services.passwords).await?;
    println!(
        "Dữ liệu mẫu đã sẵn sàng. Tài khoản mẫu (mật khẩu chung: {}):",
        service::demo::DEMO_PASSWORD
    );
    for a in accounts {
        println!("  {:<10} {:<22} {}", a.login, a.full_name, a.roles);
    }
    Ok(())
}

pub async fn create_province(config: Config, code: &str, name: &str) -> CliResult {
    let db = service::db::connect(&config.database_url).await?;
    let actor = service::access::authz::first_admin(&db)
        .await?
        .ok_or("chưa có tài khoản quản trị nào: hãy tạo bằng `hocvu create-admin` trước")?;
    let made = service::province::create(&db, &actor, code, name).await?;
    db.close().await?;
    println!("Đã tạo tỉnh {} ({}).", made.name, made.code);
    Ok(())
}

pub async fn backup(config: Config, file: &std::path::Path) -> CliResult {
    service::backup::backup(&config.database_url, file).await?;
    println!("Đã sao lưu cơ sở dữ liệu vào {}.", file.display());
    Ok(())
}

pub async fn restore(config: Config, file: &std::path::Path) -> CliResult {
    service::backup::restore(&config.database_url, file).await?;
    println!("Đã khôi phục cơ sở dữ liệu từ {}.", file.display());
    Ok(())
}

/// `hocvu badge-key rotate`: a new signing key; the retired one's public key stays published.
/// Running servers sign with the new key at once (they read the key each time they sign).
pub async fn badge_key_rotate(config: Config) -> CliResult {
    let source = config.badge_key_source();
    let state = state_from(config).await?;
    let who = service::access::audit::Who::default();
    let (old, new) = service::badges::keys::rotate(state.db(), &source, who).await?;
    println!(
        "Đã thay khoá ký chứng chỉ số: {old} → {new}. Khoá công khai cũ vẫn được công bố, \
         nên các chứng chỉ đã cấp vẫn xác minh được."
    );
    Ok(())
}

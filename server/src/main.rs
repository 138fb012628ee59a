//! `hocvu`: the one binary of Học Vụ Số.
use std::process::ExitCode;

use clap::Parser;
use server::cli;
use server::config::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HOCVU_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let Cli { config, command } = Cli::parse();
    let result = match command.unwrap_or(Command::Serve) {
        Command::Serve => cli::serve(config).await,
        Command::Migrate => cli::migrate(config).await,
        Command::CreateAdmin { login, full_name } => cli::create_admin(config, &login, &full_name).await,
        Command::SeedDemo => cli::seed_demo(config).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}
